import { runtimeView } from '../core/model/view';
import type { StateMapDiff } from '../core/diff';
import type { StateMap } from '../core/model/types';
import { GATES, UsageError } from './args';

function validate(failOn: string[]): void {
  if (failOn.length === 0) throw new UsageError('--fail-on needs at least one gate');
  for (const f of failOn) if (!GATES.has(f)) throw new UsageError(`unknown --fail-on "${f}": use ${[...GATES].join(', ')}`);
}

/** The CI gate on one map: broken claims (default), any hazard, or hazards of a kind. */
export function checkMap(full: StateMap, failOn: string[]): { failed: boolean; summary: string } {
  const map = runtimeView(full);
  validate(failOn);
  const lines: string[] = [];
  if (failOn.includes('broken-claim')) {
    for (const s of map.services.filter((x) => x.honest === false)) {
      const src = s.claim.sources[0];
      lines.push(`✗ ${s.name} claims to be ${s.claim.stateless ? 'stateless' : 'stateful'}${src ? ` (${src.file}:${src.line})` : ''} but ${s.verdict}`);
    }
  }
  for (const h of map.hazards) {
    if (failOn.includes('hazard') || failOn.includes(h.kind)) lines.push(`✗ ${h.kind} ${h.file}:${h.line}: ${h.message}`);
  }
  const failed = lines.length > 0;
  const summary = failed
    ? `${lines.join('\n')}\nstate-map check: ${lines.length} problem${lines.length === 1 ? '' : 's'} (--fail-on ${failOn.join(',')})\n`
    : `state-map check: ok — ${map.services.length} service${map.services.length === 1 ? '' : 's'}, no ${failOn.join(' or ')} found\n`;
  return { failed, summary };
}

/** The CI gate on a change: claims it breaks, hazards or stores it adds. */
export function checkDiff(diff: StateMapDiff, failOn: string[]): { failed: boolean; summary: string } {
  validate(failOn);
  const lines: string[] = [];
  if (failOn.includes('broken-claim')) {
    for (const c of diff.services.changed.filter((x) => x.changes.includes('claim broken'))) lines.push(`✗ ${c.name}: this change breaks its claim (${c.changes.join('; ')})`);
    for (const s of diff.services.added.filter((x) => x.honest === false)) lines.push(`✗ ${s.name}: a new service whose claim is broken`);
  }
  for (const h of diff.hazards.added.filter((x) => x.scope !== 'tooling')) {
    if (failOn.includes('new-hazard') || failOn.includes('hazard') || failOn.includes(h.kind)) lines.push(`✗ new ${h.kind} ${h.file}:${h.line}`);
  }
  if (failOn.includes('new-store')) for (const e of diff.edges.added.filter((x) => x.scope !== 'tooling')) lines.push(`✗ ${e.service} now touches ${e.store}`);
  return { failed: lines.length > 0, summary: lines.length ? `${lines.join('\n')}\n` : '' };
}

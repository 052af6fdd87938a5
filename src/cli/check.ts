import type { StateMapDiff } from '../core/diff';
import type { Finding } from '../core/findings';
import { reviewMap, type Review } from '../core/findings/review';
import type { StateMap } from '../core/model/types';
import { HAZARD_KINDS } from '../catalog/kinds';
import { GATES, UsageError } from './args';

const HAZARDS: ReadonlySet<string> = new Set(HAZARD_KINDS);

function validate(failOn: string[]): void {
  if (failOn.length === 0) throw new UsageError('--fail-on needs at least one gate');
  for (const f of failOn) if (!GATES.has(f)) throw new UsageError(`unknown --fail-on "${f}": use ${[...GATES].join(', ')}`);
}

/** Whether a gate list fails on a finding that exists (for `check`) or is new (for `diff`, with `isNew`). */
function gates(f: Finding, failOn: string[], isNew: boolean): boolean {
  if (f.suppressed) return false;
  if (f.rule === 'broken-claim') return failOn.includes('broken-claim');
  // a contract is the team's own rule: it always gates
  if (f.rule === 'contract') return true;
  if (HAZARDS.has(f.rule)) return failOn.includes('hazard') || failOn.includes(f.rule) || (isNew && failOn.includes('new-hazard'));
  return isNew && f.store !== 'env' && failOn.includes('new-access');
}

function line(f: Finding, prefix = ''): string {
  if (f.rule === 'broken-claim') return `✗ ${prefix === '' ? '' : 'this change breaks a claim: '}${f.message}`;
  return `✗ ${prefix}${f.rule} ${f.file}:${f.line}: ${f.message}`;
}

/** What accepted findings, and what is wrong with the acceptance: every suppression is listed. */
function acceptance(review: Pick<Review, 'findings' | 'suppressions' | 'stale' | 'problems'>): string[] {
  const out: string[] = [];
  for (const s of review.suppressions) out.push(`  suppressed by ${s.file}:${s.line} (${s.scope === 'file' ? 'whole file' : 'next line'}) ${s.rule}: ${s.reason} — ${s.used} finding${s.used === 1 ? '' : 's'}`);
  const byBaseline = review.findings.filter((f) => f.suppressed?.by === 'baseline').length;
  if (byBaseline) out.push(`  accepted by the baseline: ${byBaseline} finding${byBaseline === 1 ? '' : 's'}`);
  for (const e of review.stale) out.push(`  stale baseline entry ${e.id} (${e.rule}, ${e.service}): it matches nothing any more; run state-map baseline to drop it`);
  for (const p of review.problems) out.push(`  problem: ${p.file}: ${p.message}`);
  return out;
}

/** The CI gate on one workspace: broken claims and contracts (default), any hazard, or hazards of a kind; less what is accepted. */
export function checkReview(review: Review, services: number, failOn: string[]): { failed: boolean; summary: string } {
  validate(failOn);
  const lines = review.findings.filter((f) => gates(f, failOn, false)).map((f) => line(f));
  // a suppression without a reason is a mistake in the code under review, not an acceptance
  for (const p of review.problems) lines.push(`✗ ${p.file}: ${p.message}`);
  const accepted = acceptance({ ...review, problems: [] });
  const failed = lines.length > 0;
  const head = failed
    ? `${lines.join('\n')}\nstate-map check: ${lines.length} problem${lines.length === 1 ? '' : 's'} (--fail-on ${failOn.join(',')})\n`
    : `state-map check: ok — ${services} service${services === 1 ? '' : 's'}, no ${failOn.join(' or ')} found\n`;
  return { failed, summary: head + (accepted.length ? `${accepted.join('\n')}\n` : '') };
}

/** The CI gate on a change: claims it breaks, hazards, contracts, stores or accesses it adds; less what is accepted. */
export function checkDiff(diff: StateMapDiff, failOn: string[]): { failed: boolean; summary: string } {
  validate(failOn);
  const lines = diff.findings.added.filter((f) => gates(f, failOn, true)).map((f) => line(f, 'new '));
  if (failOn.includes('new-store')) {
    for (const e of diff.edges.added.filter((x) => x.scope !== 'tooling' && x.store !== 'env')) lines.push(`✗ ${e.service} now touches ${e.store} (${e.locations[0] ? `${e.locations[0].file}:${e.locations[0].line}` : 'no location'})`);
  }
  for (const p of diff.review?.problems ?? []) lines.push(`✗ ${p.file}: ${p.message}`);
  const accepted = diff.review ? acceptance({ findings: diff.findings.added, suppressions: diff.review.suppressions, stale: diff.review.stale, problems: [] }) : [];
  const text = [...lines, ...(lines.length && accepted.length ? accepted : [])];
  return { failed: lines.length > 0, summary: text.length ? `${text.join('\n')}\n` : '' };
}

/** The gate on a map alone (no files read: no suppressions, contracts or baseline). */
export function checkMap(map: StateMap, failOn: string[]): { failed: boolean; summary: string } {
  return checkReview(reviewMap(map, undefined), map.services.length, failOn);
}

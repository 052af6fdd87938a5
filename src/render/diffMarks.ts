// The words that mark a change in a diff diagram, so that it reads without colour: a thick line and
// "+ new", a dashed line and "− removed", "✎" for a changed access or operations, and a line under a
// service whose claim this change breaks, fixes, or that was already broken on the base.
import type { StateMapDiff } from '../core/diff';
import type { Edge, Service } from '../core/model/types';
import { accessLabel, type MermaidOptions } from './mermaid';

const key = (e: Pick<Edge, 'service' | 'store'>): string => `${e.service}\0${e.store}`;

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Marks for `mermaidWithIds`: per edge and per service, what the change did to it. */
export function changeMarks(diff: StateMapDiff): Required<Pick<MermaidOptions, 'edgeMark' | 'serviceMark'>> {
  const edges = new Map<string, string>();
  for (const e of diff.edges.added) edges.set(key(e), '+ new');
  for (const e of diff.edges.removed) edges.set(key(e), '− removed');
  // a known edge with new or removed operations (a second Redis write): the edge is not new, the operation is
  const ops = new Map<string, { added: number; removed: number }>();
  for (const [side, list] of [['added', diff.findings.added], ['removed', diff.findings.removed]] as const) {
    for (const f of list) {
      if (f.rule !== 'store-access' || !f.store) continue;
      const k = key({ service: f.service, store: f.store });
      const o = ops.get(k) ?? { added: 0, removed: 0 };
      o[side]++;
      ops.set(k, o);
    }
  }
  const opsText = (k: string): string[] => {
    const o = ops.get(k);
    return o ? [o.added ? `+${count(o.added, 'new operation', 'new operations')}` : '', o.removed ? `−${count(o.removed, 'operation removed', 'operations removed')}` : ''].filter(Boolean) : [];
  };
  // a changed access says what it was, and which operations made it change
  for (const c of diff.edges.changed) edges.set(key(c), `✎ ${[`was ${accessLabel(c.before)}`, ...opsText(key(c))].join(', ')}`);
  for (const k of ops.keys()) if (!edges.has(k)) edges.set(k, `✎ ${opsText(k).join(', ')}`);
  const services = new Map<string, string>();
  for (const s of diff.services.added) services.set(s.id, '+ new service');
  for (const s of diff.services.removed) services.set(s.id, '− removed service');
  for (const c of diff.claims) {
    if (c.status === 'broken-by-change') services.set(c.service, '✗ claim broken by this change');
    else if (c.status === 'already-broken') services.set(c.service, '⚠ claim already broken on the base');
    else if (c.status === 'fixed-by-change') services.set(c.service, '✓ claim fixed by this change');
  }
  return { edgeMark: (e) => edges.get(key(e)), serviceMark: (s: Service) => services.get(s.id) };
}

/** Which style group an edge of the diagram is in: added (thick), removed (dashed), changed (medium). */
export function edgeChange(diff: StateMapDiff, operations: boolean): (e: Pick<Edge, 'service' | 'store'>) => 'added' | 'removed' | 'changed' | undefined {
  const added = new Set(diff.edges.added.map(key));
  const removed = new Set(diff.edges.removed.map(key));
  const changed = new Set(diff.edges.changed.map(key));
  if (operations) {
    // a known edge with new or removed operations counts as changed
    for (const f of [...diff.findings.added, ...diff.findings.removed]) if (f.rule === 'store-access' && f.store) changed.add(key({ service: f.service, store: f.store }));
  }
  return (e) => (added.has(key(e)) ? 'added' : removed.has(key(e)) ? 'removed' : changed.has(key(e)) ? 'changed' : undefined);
}

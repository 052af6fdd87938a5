// What the places found, written onto a service's edges (the JWT edge's lifetime and revocation) and,
// where a service claims more than its code does, as hazards.
import type { StoreKind } from '../../catalog';
import type { FileFacts } from '../facts';
import type { CrossFileCall, FoundOp } from '../link/types';
import type { Edge, Hazard, Store } from '../model/types';
import { jwtFound } from './jwt';
import type { RecordsFound } from './records';

export interface ServiceSite {
  id: string;
  root: string;
  ops: readonly FoundOp[];
  kindOf: (op: FoundOp) => StoreKind;
  files: readonly FileFacts[];
  /** This service's edges, by store id. */
  edges: ReadonlyMap<string, Edge>;
  stores: ReadonlyMap<string, Store>;
  /** The line of its README.md that says tokens can be revoked. */
  revocationClaim?: number;
}

const join = (root: string, file: string) => (root === '.' ? file : `${root}/${file}`);

/** The edge that holds an operation's location. */
function edgeOf(site: ServiceSite, op: FoundOp): Edge | undefined {
  for (const e of site.edges.values()) if (e.locations.some((l) => l.file === op.file && l.line === op.line && l.column === op.column)) return e;
  return undefined;
}

/**
 * Sets `jwt` on the service's JWT edges when experimental hazards are asked for: neither the lifetime nor what checks
 * revocation is yet told reliably enough to be on by default (a lifetime from configuration missed, a deny list
 * missed). Returns the jwt-no-revocation hazard when due, and how many lifetimes were found and not shown.
 */
export function annotateJwt(site: ServiceSite, facts: ReadonlyMap<string, FileFacts>, calls: readonly CrossFileCall[], experimental: boolean): { hazards: Hazard[]; hiddenLifetimes: number } {
  const none = { hazards: [], hiddenLifetimes: 0 };
  const found = jwtFound(site.ops, site.kindOf, site.files, facts, calls);
  if (!found) return none;
  if (!experimental) return { hazards: [], hiddenLifetimes: found.lifetime ? 1 : 0 };
  const rev = found.revocation;
  const revEdge = rev ? edgeOf(site, rev.op) : undefined;
  const revocation = rev && revEdge
    ? { mechanism: rev.mechanism, store: revEdge.store, ...(rev.op.target ? { target: rev.op.target } : {}), file: rev.op.file, line: rev.op.line }
    : null;
  for (const e of site.edges.values()) {
    if (site.stores.get(e.store)?.kind !== 'jwt') continue;
    e.jwt = { ...(found.lifetime ? { lifetime: found.lifetime } : {}), revocation };
  }
  if (revocation) return none;
  const readme = join(site.root, 'README.md');
  const line = site.revocationClaim;
  if (line === undefined) return none;
  return {
    hiddenLifetimes: 0,
    hazards: [{
      service: site.id, kind: 'jwt-no-revocation', file: readme, line, column: 1, scope: 'runtime',
      message: 'The README says tokens can be revoked, but no deny list, token version or session is checked next to verification: a revoked token stays valid until it expires.',
    }],
  };
}

/** Writes records, event logs and projections onto the service's edges (after every edge, memory's too, is made). */
export function applyRecords(site: ServiceSite, found: RecordsFound): void {
  for (const { op, record } of found.records) {
    const e = edgeOf(site, op);
    if (e && !e.records?.some((r) => r.kind === record.kind && r.file === record.file && r.line === record.line)) (e.records ??= []).push(record);
  }
  // projections are linked only in a service that replays the log, not in one that only appends to it
  const log = found.logs.find((l) => !l.replay || (l.replay.file === l.op.file && l.replay.line === l.op.line));
  for (const { op, what, target, replay } of found.logs) {
    const e = edgeOf(site, op);
    const t = target ?? op.target;
    if (e && t && !e.eventLog) e.eventLog = { target: t, role: 'log', replay: { file: replay?.file ?? op.file, line: replay?.line ?? op.line, what } };
  }
  const logEdge = log && edgeOf(site, log.op);
  const logTarget = log && (log.target ?? log.op.target);
  if (!logEdge || !logTarget) return;
  for (const e of site.edges.values()) {
    if (e.eventLog || !e.locations.some((l) => found.projections.has(`${l.file}:${l.line}`))) continue;
    const loc = e.locations.find((l) => found.projections.has(`${l.file}:${l.line}`))!;
    e.eventLog = { target: loc.target ?? site.stores.get(e.store)?.label ?? e.store, role: 'projection', from: { store: logEdge.store, target: logTarget } };
  }
}

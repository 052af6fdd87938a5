import { createHash } from 'node:crypto';
import { HAZARD_KINDS } from '../../catalog/kinds';
import type { Hazard, Service, StateMap, Store } from '../model/types';
import { runtimeView } from '../model/view';
import { SourceIndex } from './symbols';
import type { Finding } from './types';

export type { Finding, Suppression } from './types';
export { SourceIndex } from './symbols';

const HAZARDS: ReadonlySet<string> = new Set(HAZARD_KINDS);

/** What a finding is, as the parts its fingerprint is made of (never its message or line). */
function identity(f: Omit<Finding, 'id'>, anchor: string): string {
  if (f.rule === 'broken-claim') return ['broken-claim', f.service].join('\0');
  return [f.rule, f.service, f.store ?? '', f.operation ?? '', f.target ?? '', f.file, f.symbol, anchor].join('\0');
}

export function fingerprint(parts: string): string {
  return createHash('sha256').update(parts).digest('hex').slice(0, 16);
}

function storeName(stores: ReadonlyMap<string, Store>, id: string): string {
  const s = stores.get(id);
  return s ? (s.instance ? `${s.label} (${s.instance})` : s.label) : id;
}

function claimWord(s: Service): string {
  return s.claim.stateless ? 'stateless' : 'stateful';
}

/**
 * The findings of a map: every runtime store access (one per operation and place), every hazard, every
 * broken claim. `sources` reads the files for enclosing symbols; without files, symbols are `<module>`.
 * Deterministic: the same map and files give the same findings in the same order.
 */
export function findingsOf(full: StateMap, sources: SourceIndex = new SourceIndex(undefined)): Finding[] {
  const map = runtimeView(full);
  const stores = new Map(map.stores.map((s) => [s.id, s]));
  const names = new Map(map.services.map((s) => [s.id, s.name]));
  const raw: Array<{ f: Omit<Finding, 'id'>; anchor: string }> = [];
  for (const e of map.edges) {
    for (const l of e.locations) {
      const what = `${l.operation}${l.target && l.target !== l.operation ? ` ${l.target}` : ''}`;
      raw.push({
        anchor: '',
        f: {
          rule: 'store-access', service: e.service, store: e.store, operation: l.operation, target: l.target, access: l.access,
          symbol: sources.symbolAt(l.file, l.line, l.column), file: l.file, line: l.line, column: l.column,
          message: `${names.get(e.service) ?? e.service} ${l.access === 'readwrite' ? 'reads and writes' : l.access === 'read' ? 'reads' : 'writes'} ${storeName(stores, e.store)}: ${what}`,
        },
      });
    }
  }
  for (const h of map.hazards) raw.push({ anchor: sources.wordAt(h.file, h.line, h.column), f: hazardFinding(h, sources) });
  for (const s of map.services) {
    if (s.honest !== false) continue;
    raw.push({ anchor: '', f: brokenClaim(s, map.hazards.filter((h) => h.service === s.id), map) });
  }
  return withIds(raw);
}

function hazardFinding(h: Hazard, sources: SourceIndex): Omit<Finding, 'id'> {
  return { rule: h.kind, service: h.service, symbol: sources.symbolAt(h.file, h.line, h.column), file: h.file, line: h.line, column: h.column, message: h.message };
}

/**
 * A broken claim sits at the code that breaks it (the first hazard that keeps state in the process,
 * else the first in-process access), with the claim itself as a related location.
 */
function brokenClaim(s: Service, hazards: Hazard[], map: StateMap): Omit<Finding, 'id'> {
  const byPlace = (a: { file: string; line: number }, b: { file: string; line: number }) => a.file.localeCompare(b.file) || a.line - b.line;
  const inProcess = hazards.filter((h) => HAZARDS.has(h.kind) && h.kind !== 'check-then-act').sort(byPlace)[0];
  const memory = map.edges.filter((e) => e.service === s.id && map.stores.find((x) => x.id === e.store)?.kind === 'memory').flatMap((e) => e.locations).sort(byPlace)[0];
  const src = s.claim.sources[0];
  const at = inProcess ?? memory ?? (src ? { file: src.file, line: src.line, column: 1 } : { file: s.root === '.' ? '.' : s.root, line: 1, column: 1 });
  return {
    rule: 'broken-claim', service: s.id, symbol: '<service>', file: at.file, line: at.line, column: at.column,
    message: `${s.name} claims to be ${claimWord(s)}${src ? ` (${src.file}:${src.line})` : ''} but ${s.verdict}${inProcess ? ` (${inProcess.kind} at ${inProcess.file}:${inProcess.line})` : ''}`,
    related: s.claim.sources.map((c) => ({ file: c.file, line: c.line, message: `the claim: ${c.text}` })),
  };
}

/** Fingerprints, with `:2`, `:3`… for findings of one identity in file and line order. */
export function withIds(raw: Array<{ f: Omit<Finding, 'id'>; anchor: string }>): Finding[] {
  const seen = new Map<string, number>();
  const sorted = [...raw].sort((a, b) => a.f.file.localeCompare(b.f.file) || a.f.line - b.f.line || a.f.column - b.f.column || a.f.rule.localeCompare(b.f.rule));
  return sorted.map(({ f, anchor }) => {
    const base = fingerprint(identity(f, anchor));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return { id: n === 1 ? base : `${base}:${n}`, ...f };
  });
}

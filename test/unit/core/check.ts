// A data-driven check of the whole pipeline (discover → extract → link → model): workspace files in,
// the edges and hazards a user sees out. Each case states all of them, so a stray edge or hazard fails.
import assert from 'node:assert/strict';
import type { StateMap } from '../../../src/core/model/types';
import { analyzeFiles } from '../../helpers/workspace';

export interface Expected {
  /** `service -> kind access`, sorted (env reads left out). */
  edges?: string[];
  /** `service kind file:line`, sorted. */
  hazards?: string[];
  /** Each hazard's message must match, by `kind file:line`. */
  messages?: Record<string, RegExp>;
  /** `file:line operation` of every location of the edges to this store kind. */
  locations?: Record<string, string[]>;
}

export function summary(map: StateMap): Required<Pick<Expected, 'edges' | 'hazards'>> {
  const kind = new Map(map.stores.map((s) => [s.id, s.kind]));
  return {
    edges: map.edges.filter((e) => kind.get(e.store) !== 'env').map((e) => `${e.service} -> ${kind.get(e.store)} ${e.access}`).sort(),
    hazards: map.hazards.map((h) => `${h.service} ${h.kind} ${h.file}:${h.line}`).sort(),
  };
}

/** Analyzes `files` as a workspace and compares what was asked for; returns the map for more checks. */
export function check(files: Record<string, string>, expected: Expected): StateMap {
  const map = analyzeFiles(files);
  const got = summary(map);
  if (expected.edges) assert.deepEqual(got.edges, expected.edges, 'edges');
  if (expected.hazards) assert.deepEqual(got.hazards, expected.hazards, 'hazards');
  for (const [where, re] of Object.entries(expected.messages ?? {})) {
    const h = map.hazards.find((x) => `${x.kind} ${x.file}:${x.line}` === where);
    assert.ok(h, `a hazard ${where}`);
    assert.match(h.message, re);
  }
  for (const [k, want] of Object.entries(expected.locations ?? {})) {
    const ids = new Set(map.stores.filter((s) => s.kind === k).map((s) => s.id));
    const locs = map.edges.filter((e) => ids.has(e.store)).flatMap((e) => e.locations.map((l) => `${l.file}:${l.line} ${l.operation}`)).sort();
    assert.deepEqual(locs, want, `locations of ${k}`);
  }
  return map;
}

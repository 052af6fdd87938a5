import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Access } from '../catalog';
import type { Edge, Hazard, Service, StateMap } from './model/types';

export interface ServiceChange {
  id: string;
  name: string;
  before: Service;
  after: Service;
  /** Human-readable: "verdict state-elsewhere → in-process-state", "claim broken". */
  changes: string[];
}

export interface StateMapDiff {
  base: string;
  head: string;
  before: StateMap;
  after: StateMap;
  services: { added: Service[]; removed: Service[]; changed: ServiceChange[] };
  edges: { added: Edge[]; removed: Edge[]; changed: Array<{ service: string; store: string; before: Access; after: Access }> };
  hazards: { added: Hazard[]; removed: Hazard[] };
}

/** A hazard is the same across versions when its service, kind, file and message (less line numbers) are. */
function hazardKey(h: Hazard): string {
  return `${h.service}\0${h.kind}\0${h.file}\0${h.message.replace(/\b(line )?\d+\b/g, '#')}`;
}

/** What changed between two state maps: services, edges (by service and store) and hazards. */
export function diffStateMaps(before: StateMap, after: StateMap, refs: { base: string; head: string }): StateMapDiff {
  const bs = new Map(before.services.map((s) => [s.id, s]));
  const as = new Map(after.services.map((s) => [s.id, s]));
  const changed: ServiceChange[] = [];
  for (const [id, a] of as) {
    const b = bs.get(id);
    if (!b) continue;
    const changes: string[] = [];
    if (b.kind !== a.kind) changes.push(`kind ${b.kind} → ${a.kind}`);
    if (b.verdict !== a.verdict) changes.push(`verdict ${b.verdict} → ${a.verdict}`);
    if (b.claim.stateless !== a.claim.stateless) changes.push(`claim ${claimWord(b.claim.stateless)} → ${claimWord(a.claim.stateless)}`);
    if (b.honest !== false && a.honest === false) changes.push('claim broken');
    if (b.honest === false && a.honest !== false) changes.push('claim no longer broken');
    if (changes.length) changed.push({ id, name: a.name, before: b, after: a, changes });
  }
  const ek = (e: Edge) => `${e.service}\0${e.store}`;
  const be = new Map(before.edges.map((e) => [ek(e), e]));
  const ae = new Map(after.edges.map((e) => [ek(e), e]));
  const edgeChanges: StateMapDiff['edges']['changed'] = [];
  for (const [k, a] of ae) {
    const b = be.get(k);
    if (b && b.access !== a.access) edgeChanges.push({ service: a.service, store: a.store, before: b.access, after: a.access });
  }
  const bh = new Set(before.hazards.map(hazardKey));
  const ah = new Set(after.hazards.map(hazardKey));
  return {
    base: refs.base, head: refs.head, before, after,
    services: { added: after.services.filter((s) => !bs.has(s.id)), removed: before.services.filter((s) => !as.has(s.id)), changed },
    edges: { added: after.edges.filter((e) => !be.has(ek(e))), removed: before.edges.filter((e) => !ae.has(ek(e))), changed: edgeChanges },
    hazards: { added: after.hazards.filter((h) => !bh.has(hazardKey(h))), removed: before.hazards.filter((h) => !ah.has(hazardKey(h))) },
  };
}

function claimWord(c: boolean | null): string {
  return c === null ? 'none' : c ? 'stateless' : 'stateful';
}

/**
 * The tree of a git ref, laid out in a temporary folder (`git archive`), at the same place relative to
 * the repository as `root`. Call `cleanup` when done.
 */
export function snapshotRef(root: string, ref: string): { dir: string; cleanup(): void } {
  let top: string;
  try {
    top = execFileSync('git', ['-C', root, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    throw new DiffError(`${root} is not inside a git repository: diff compares git refs`);
  }
  try {
    execFileSync('git', ['-C', top, 'rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { stdio: 'ignore' });
  } catch {
    throw new DiffError(`unknown git ref "${ref}"`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const archive = spawnSync('git', ['-C', top, 'archive', '--format=tar', ref], { maxBuffer: 1 << 30 });
    if (archive.status !== 0) throw new DiffError(`git archive ${ref} failed: ${archive.stderr.toString().trim() || `killed by ${archive.signal}`}`);
    const tar = spawnSync('tar', ['-x', '-C', tmp], { input: archive.stdout, maxBuffer: 1 << 20 });
    if (tar.status !== 0) throw new DiffError(`could not unpack ${ref}: ${tar.stderr.toString().trim() || `killed by ${tar.signal}`}`);
    const rel = path.relative(fs.realpathSync(top), fs.realpathSync(root));
    return { dir: path.join(tmp, rel), cleanup };
  } catch (err) {
    // the caller only gets cleanup() on success: a half-unpacked ref is removed here
    cleanup();
    throw err;
  }
}

export class DiffError extends Error {}

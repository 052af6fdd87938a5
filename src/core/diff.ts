import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Access } from '../catalog';
import { symbolCacheFor } from './cache/symbols';
import { findingsOf, type Finding, type Suppression } from './findings';
import { baselinePath, readBaseline, BASELINE_FILE, type BaselineEntry } from './findings/baseline';
import { reviewMap } from './findings/review';
import type { Edge, Problem, Service, StateMap, Verdict } from './model/types';

export interface ServiceChange {
  id: string;
  name: string;
  before: Service;
  after: Service;
  /** Human-readable: "verdict state-elsewhere → in-process-state", "claim broken". */
  changes: string[];
}

/**
 * A claim on either side and whether it holds: `broken-by-change` (held on the base, broken on the head),
 * `already-broken` (broken on both: not this change's doing), `fixed-by-change`, `holds`.
 */
export interface ClaimChange {
  service: string;
  name: string;
  claim: 'stateless' | 'stateful';
  status: 'broken-by-change' | 'already-broken' | 'fixed-by-change' | 'holds';
  before?: { verdict: Verdict; honest: boolean | null; claim: 'stateless' | 'stateful' | 'none' };
  after?: { verdict: Verdict; honest: boolean | null; claim: 'stateless' | 'stateful' | 'none' };
  /** Where the claim is made, on the head (or the base when the service is gone). */
  source?: { file: string; line: number; text: string };
}

export interface StateMapDiff {
  base: string;
  head: string;
  before: StateMap;
  after: StateMap;
  services: { added: Service[]; removed: Service[]; changed: ServiceChange[] };
  edges: { added: Edge[]; removed: Edge[]; changed: Array<{ service: string; store: string; before: Access; after: Access }> };
  claims: ClaimChange[];
  /**
   * Findings by identity: added ones are new on the head (at their head location), removed ones are gone
   * (at their base location). A finding that only moved or was re-worded is neither.
   */
  findings: { added: Finding[]; removed: Finding[]; unchanged: number };
  /** What accepted findings on the head, and what is wrong with that (set by the CLI). */
  review?: { suppressions: Suppression[]; stale: BaselineEntry[]; problems: Problem[] };
}

/** What changed between two state maps: services, edges (by service and store), claims and findings. */
export function diffStateMaps(
  before: StateMap, after: StateMap, refs: { base: string; head: string },
  findings: { before: Finding[]; after: Finding[] } = { before: findingsOf(before), after: findingsOf(after) },
): StateMapDiff {
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
  const bf = new Set(findings.before.map((f) => f.id));
  const af = new Set(findings.after.map((f) => f.id));
  const added = findings.after.filter((f) => !bf.has(f.id));
  return {
    base: refs.base, head: refs.head, before, after,
    services: { added: after.services.filter((s) => !bs.has(s.id)), removed: before.services.filter((s) => !as.has(s.id)), changed },
    edges: { added: after.edges.filter((e) => !be.has(ek(e))), removed: before.edges.filter((e) => !ae.has(ek(e))), changed: edgeChanges },
    claims: claimChanges(bs, as),
    findings: { added, removed: findings.before.filter((f) => !af.has(f.id)), unchanged: findings.after.length - added.length },
  };
}

/** The two analysed sides of a change and where their files are. */
export interface ChangeSides {
  before: StateMap;
  after: StateMap;
  /** The folder the base was analysed from (a snapshot of the ref): read for symbols, suppressions and config. */
  baseRoot: string;
  headRoot: string;
  refs: { base: string; head: string };
  /** The baseline file (`--baseline`), relative to the head's folder; default `.statemap-baseline.json`. */
  baseline?: string;
  /** Text of head files that differ from the disk (an editor's unsaved changes). */
  headTexts?: ReadonlyMap<string, string>;
  /** Text of base files that differ from `baseRoot` (a base built from the head's analysis reads the rest there). */
  baseTexts?: ReadonlyMap<string, string>;
  /** The cache folder, for the findings' symbols (unset: STATE_MAP_CACHE_DIR; false: none). */
  cacheDir?: string | false;
}

/**
 * The review of a change: each side's findings (contracts and suppressions applied; the baseline on the
 * head), diffed by identity. What `state-map diff` prints and the editor's Compare with Branch shows.
 * Call it while `baseRoot` still exists.
 */
export function reviewChange(s: ChangeSides): StateMapDiff {
  const problems: Problem[] = [];
  const baseline = readBaseline(baselinePath(s.headRoot, s.baseline), BASELINE_FILE, problems);
  // a file the change did not touch is parsed once for both sides' symbols
  const shared = new Map();
  // and, with a cache, a file whose text an earlier run saw is not parsed at all
  const cache = symbolCacheFor(s.cacheDir);
  // and a base read from the head's folder (the changed files' base text laid over it) reads each file once
  const reads = s.baseRoot === s.headRoot ? new Map() : undefined;
  const rb = reviewMap(s.before, s.baseRoot, undefined, { overlay: s.baseTexts, shared, cache, reads });
  const ra = reviewMap(s.after, s.headRoot, baseline, { overlay: s.headTexts, shared, cache, reads });
  cache?.flush();
  const diff = diffStateMaps(s.before, s.after, s.refs, { before: rb.findings, after: ra.findings });
  diff.review = { suppressions: ra.suppressions, stale: ra.stale, problems: [...ra.problems, ...problems] };
  return diff;
}

function side(s: Service | undefined): ClaimChange['before'] {
  return s && { verdict: s.verdict, honest: s.honest, claim: claimWord(s.claim.stateless) as 'stateless' | 'stateful' | 'none' };
}

function claimChanges(bs: ReadonlyMap<string, Service>, as: ReadonlyMap<string, Service>): ClaimChange[] {
  const out: ClaimChange[] = [];
  for (const id of [...new Set([...bs.keys(), ...as.keys()])].sort()) {
    const b = bs.get(id);
    const a = as.get(id);
    const claimed = a?.claim.stateless ?? b?.claim.stateless;
    if (claimed === null || claimed === undefined) continue;
    const wasBroken = b?.honest === false;
    const isBroken = a?.honest === false;
    const status = isBroken ? (wasBroken ? 'already-broken' : 'broken-by-change') : wasBroken ? 'fixed-by-change' : 'holds';
    const src = (a ?? b)!.claim.sources[0];
    out.push({
      service: id, name: (a ?? b)!.name, claim: claimed ? 'stateless' : 'stateful', status, before: side(b), after: side(a),
      ...(src ? { source: { file: src.file, line: src.line, text: src.text } } : {}),
    });
  }
  return out;
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

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * The commit a change is compared with. By default the merge base of `ref` and the head (`HEAD` for the
 * working tree), as `git diff ref...` and a pull request do: commits made on `ref` since the branch left
 * it are not part of the change. `exact` compares with the tip of `ref` instead.
 */
export function resolveBase(root: string, ref: string, opts: { head?: string; exact?: boolean } = {}): { commit: string; label: string } {
  if (git(root, ['rev-parse', '--show-toplevel']) === undefined) throw new DiffError(`${root} is not inside a git repository: diff compares git refs`);
  const tip = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!tip) throw new DiffError(`unknown git ref "${ref}"`);
  if (opts.exact) return { commit: tip, label: ref };
  const head = opts.head ?? 'HEAD';
  if (!git(root, ['rev-parse', '--verify', '--quiet', `${head}^{commit}`])) throw new DiffError(`unknown git ref "${head}"`);
  const base = git(root, ['merge-base', ref, head]);
  if (!base) throw new DiffError(`"${ref}" and ${head} have no common ancestor: use --base-exact to compare with the tip of ${ref}`);
  return { commit: base, label: base === tip ? ref : `${ref} (merge base ${base.slice(0, 7)})` };
}

import { Catalog } from '../catalog';
import { discoverWorkspace, type Workspace } from './discover';
import { recordingReads, unmodelledStores } from './discover/unmodelled';
import { analyzerIdentity } from './cache/identity';
import { DiskResultCache, resultKey } from './cache/results';
import type { FileFacts } from './facts';
import { extractWorkspace, readKeys } from './extractWorkspace';
import { linkFacts, ModuleResolver, type FileLink, type LinkResult, type LinkReuse } from './link';
import { buildStateMap, type ModelMemo } from './model';
import type { Problem, StateMap } from './model/types';

export { FactCache } from './cache/memory';
export { EXTRACTOR_VERSION } from './cache/identity';
export { Cancelled, extractWorkspace } from './extractWorkspace';
export { newCounters, type AnalyzeOptions, type Counters, type Progress } from './options';
import { cacheFolder, type AnalyzeOptions } from './options';

/**
 * The whole pipeline: discover → extract → link → model. Each stage is a folder of src/core; none
 * executes workspace code.
 */
export function analyze(root: string, opts: AnalyzeOptions = {}): StateMap {
  const { ws, facts, problems } = analyzeParts(root, opts);
  return linkAndModel(ws, facts, opts.catalog ?? defaultCatalog(), problems, opts);
}

/** Discovery and extraction: the expensive, per-file part of an analysis. */
export function analyzeParts(root: string, opts: AnalyzeOptions = {}): { ws: Workspace; facts: Map<string, FileFacts>; problems: Problem[] } {
  const catalog = opts.catalog ?? defaultCatalog();
  const ws = discoverWithProgress(root, opts);
  const problems = [...ws.problems];
  const facts = extractWorkspace(ws, catalog, opts, problems);
  return { ws, facts, problems };
}

/** Discovery, its progress reported as the analysis's `discover` phase. */
function discoverWithProgress(root: string, opts: AnalyzeOptions): Workspace {
  opts.onProgress?.({ phase: 'discover', done: 0, total: 0, message: 'Finding services' });
  return discoverWorkspace(root, { ...opts, onProgress: (message) => opts.onProgress?.({ phase: 'discover', done: 0, total: 0, message }) });
}

/** A discovered workspace, its source files' cache keys, and the problems met so far. */
export interface KeyedParts {
  ws: Workspace;
  keys: Map<string, string>;
  problems: Problem[];
  /** The key of a map made from these parts (computed when asked: `extractWorkspace` re-keys a file that changed meanwhile). */
  resultKey(): string;
}

/** The kept maps of an analysis's cache folder (its `cacheDir` option, else STATE_MAP_CACHE_DIR), or none. */
export function resultCacheFor(opts: Pick<AnalyzeOptions, 'cacheDir'>, catalog: Catalog): DiskResultCache | undefined {
  const dir = cacheFolder(opts.cacheDir);
  return dir ? new DiskResultCache(dir, analyzerIdentity(catalog)) : undefined;
}

/** Discovery, then every source file read and keyed (not parsed): what decides whether a kept map answers. */
export function discoverKeyed(root: string, opts: AnalyzeOptions, catalog: Catalog): KeyedParts {
  const ws = discoverWithProgress(root, opts);
  const problems = [...ws.problems];
  const keys = readKeys(ws, catalog, opts, problems);
  const before = problems.slice();
  const identity = analyzerIdentity(catalog);
  return { ws, keys, problems, resultKey: () => resultKey([identity, ws, before, [...keys]]) };
}

/** `relink` from scratch, keeping the map under `key` in `results` with the installed files it read. */
export function linkAndKeep(
  parts: Pick<KeyedParts, 'ws' | 'problems' | 'resultKey'>, facts: ReadonlyMap<string, FileFacts>, catalog: Catalog, results: DiskResultCache | undefined,
  opts: Pick<AnalyzeOptions, 'onProgress' | 'counters'>, resolver: ModuleResolver, memo?: ModelMemo,
): ReturnType<typeof relink> {
  const { value, reads } = recordingReads(() => relink(parts.ws, facts, catalog, [...parts.problems], opts, resolver, undefined, memo));
  results?.set(parts.resultKey(), value.map, [...facts.keys()], reads);
  return value;
}

/**
 * `analyze` for a command that wants the map only: with a cache folder (the `cacheDir` option, else
 * STATE_MAP_CACHE_DIR), a workspace whose discovery, files and problems are those of a map kept there is
 * answered with that map, neither extracted nor linked (see cache/results.ts). `check`: runs on a fresh
 * analysis's parts before it is linked and may throw (an analysis it rejects is not kept). `files`: the
 * source files the map was made from.
 */
export function analyzeMap(
  root: string, opts: AnalyzeOptions = {},
  check?: (ws: Workspace, facts: ReadonlyMap<string, FileFacts>, problems: Problem[]) => void,
): { map: StateMap; files: string[]; fromCache: boolean } {
  const catalog = opts.catalog ?? defaultCatalog();
  const results = resultCacheFor(opts, catalog);
  if (!results) {
    const { ws, facts, problems } = analyzeParts(root, opts);
    check?.(ws, facts, problems);
    return { map: linkAndModel(ws, facts, catalog, problems, opts), files: [...facts.keys()], fromCache: false };
  }
  const parts = discoverKeyed(root, opts, catalog);
  const hit = results.get(parts.resultKey());
  if (hit) {
    if (opts.counters) opts.counters.fromCache += hit.files.length;
    return { ...hit, fromCache: true };
  }
  const facts = extractWorkspace(parts.ws, catalog, opts, parts.problems, false, parts.keys);
  check?.(parts.ws, facts, parts.problems);
  const { map } = linkAndKeep(parts, facts, catalog, results, opts, moduleResolver(parts.ws, facts, catalog));
  return { map, files: [...facts.keys()], fromCache: false };
}

/** How imports of these files resolve: workspace files, packages by name, tsconfig paths, catalog libraries. */
export function moduleResolver(ws: Workspace, facts: ReadonlyMap<string, FileFacts>, catalog: Catalog): ModuleResolver {
  return new ModuleResolver(new Set(facts.keys()), catalog, ws.packages, ws.packageNames, ws.pathMappings, ws.prisma);
}

/**
 * Links facts and builds the model: cheap enough to run after every edit. `resolver`: one made by
 * `moduleResolver` for these facts, when the caller keeps it to resolve imports again later.
 */
export function linkAndModel(
  ws: Workspace, facts: ReadonlyMap<string, FileFacts>, catalog: Catalog, problems: Problem[],
  opts: Pick<AnalyzeOptions, 'onProgress' | 'counters'> = {}, resolver = moduleResolver(ws, facts, catalog),
): StateMap {
  return relink(ws, facts, catalog, problems, opts, resolver).map;
}

/**
 * `linkAndModel`, taking over an earlier link's records of the files `reuse` does not name, and the
 * models in `memo` of services made from the same inputs; returns the link too.
 */
export function relink(
  ws: Workspace, facts: ReadonlyMap<string, FileFacts>, catalog: Catalog, problems: Problem[],
  opts: Pick<AnalyzeOptions, 'onProgress' | 'counters'>, resolver: ModuleResolver, reuse?: LinkReuse, memo?: ModelMemo,
): { map: StateMap; link: LinkResult & { files: Map<string, FileLink> } } {
  opts.onProgress?.({ phase: 'link', done: 0, total: facts.size, message: 'Linking clients across files' });
  const link = linkFacts({ catalog, facts, resolver, prisma: ws.prisma, sqlKeys: ws.sqlKeys, bindings: ws.bindings, vercel: ws.vercel, env: ws.envDefaults }, reuse);
  if (opts.counters) opts.counters.linkWork += link.work ?? 0;
  return { map: buildStateMap(ws, facts, link, [...unmodelledStores(ws, facts, catalog), ...problems], memo), link };
}

let shared: Catalog | undefined;
export function defaultCatalog(): Catalog {
  shared ??= new Catalog();
  return shared;
}

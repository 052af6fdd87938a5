import { Catalog } from '../catalog';
import { discoverWorkspace, type Workspace } from './discover';
import { unmodelledStores } from './discover/unmodelled';
import type { FileFacts } from './facts';
import { extractWorkspace } from './extractWorkspace';
import { linkFacts, ModuleResolver, type FileLink, type LinkResult, type LinkReuse } from './link';
import { buildStateMap, type ModelMemo } from './model';
import type { Problem, StateMap } from './model/types';

export { FactCache } from './cache/memory';
export { EXTRACTOR_VERSION } from './cache/identity';
export { Cancelled, extractWorkspace } from './extractWorkspace';
export { newCounters, type AnalyzeOptions, type Counters, type Progress } from './options';
import type { AnalyzeOptions } from './options';

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
  opts.onProgress?.({ phase: 'discover', done: 0, total: 0, message: 'Finding services' });
  const ws = discoverWorkspace(root, { ...opts, onProgress: (message) => opts.onProgress?.({ phase: 'discover', done: 0, total: 0, message }) });
  const problems = [...ws.problems];
  const facts = extractWorkspace(ws, catalog, opts, problems);
  return { ws, facts, problems };
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
  const link = linkFacts({ catalog, facts, resolver, prisma: ws.prisma, bindings: ws.bindings, vercel: ws.vercel }, reuse);
  if (opts.counters) opts.counters.linkWork += link.work ?? 0;
  return { map: buildStateMap(ws, facts, link, [...unmodelledStores(ws, facts, catalog), ...problems], memo), link };
}

let shared: Catalog | undefined;
export function defaultCatalog(): Catalog {
  shared ??= new Catalog();
  return shared;
}

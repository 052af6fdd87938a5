import { createHash } from 'node:crypto';
import path from 'node:path';
import { Catalog } from '../catalog';
import { discoverWorkspace, type DiscoverOptions, type Workspace } from './discover';
import { readText } from './discover/files';
import { unmodelledStores } from './discover/unmodelled';
import type { ExtractOptions } from './extract';
import { CancelledExtraction, extractInParallel, extractOne, followPredicate, helperThreads, isProblem, type ExtractPlan, type FileOutcome } from './extract/parallel';
import type { FileFacts } from './facts';
import { linkFacts, ModuleResolver } from './link';
import { buildStateMap } from './model';
import type { Problem, StateMap } from './model/types';

/** Bump when extraction changes: cached facts of another version are not reused. */
export const EXTRACTOR_VERSION = '2';

export interface Progress {
  phase: 'discover' | 'extract' | 'link';
  done: number;
  total: number;
  message: string;
}

export interface AnalyzeOptions extends Omit<DiscoverOptions, 'onProgress'> {
  catalog?: Catalog;
  onProgress?(p: Progress): void;
  /** Checked between files; when it returns true the analysis stops with a `Cancelled` error. */
  isCancelled?(): boolean;
  /** Facts of files seen before, by content hash: unchanged files are not parsed again. */
  cache?: FactCache;
  /** Text of files that differ from the disk (open editors). */
  overlay?: ReadonlyMap<string, string>;
  /** The bundle a helper thread can run (its entry must call runExtractWorker); none: one thread. */
  workerScript?: string;
  /** Threads in all, this one included (default: the cores, up to four, for 400 files and more). */
  threads?: number;
}

export class Cancelled extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

/** Per-file facts keyed by content hash: a one-file edit re-extracts one file. */
export class FactCache {
  private readonly entries = new Map<string, { hash: string; facts: FileFacts }>();
  hits = 0;
  misses = 0;

  get size(): number {
    return this.entries.size;
  }

  get(file: string, hash: string): FileFacts | undefined {
    const e = this.entries.get(file);
    if (e && e.hash === hash) {
      this.hits++;
      return e.facts;
    }
    this.misses++;
    return undefined;
  }

  set(file: string, hash: string, facts: FileFacts): void {
    this.entries.set(file, { hash, facts });
  }

  /** Forgets files no longer in the workspace. */
  retain(files: ReadonlySet<string>): void {
    for (const k of this.entries.keys()) if (!files.has(k)) this.entries.delete(k);
  }
}

const catalogs = new WeakMap<Catalog, ExtractOptions['globals']>();

/** What decides which imports are worth following, as plain data (threads rebuild the predicate). */
function followData(ws: Workspace): ExtractPlan['follow'] {
  const deps = new Set<string>();
  for (const p of ws.packages.values()) for (const d of p.deps) deps.add(d);
  return {
    deps: [...deps],
    packageNames: [...ws.packageNames.keys()],
    prefixes: ws.pathMappings.flatMap((m) => m.paths.map((p) => p.pattern.replace(/\*.*$/, ''))),
  };
}

/** Which imports uses are worth recording for: workspace code and catalog libraries, not other npm packages. */
function extractOptions(ws: Workspace, catalog: Catalog): ExtractOptions {
  let globals = catalogs.get(catalog);
  if (!globals) {
    globals = new Set([...catalog.globalRoots, 'import.meta']);
    catalogs.set(catalog, globals);
  }
  return { globals, receivers: catalog.receiverRoots, followModule: followPredicate(followData(ws), catalog) };
}

/**
 * Reads and extracts every source file (or takes its facts from the cache). A large first run also
 * uses helper threads when the caller names the script they run (the CLI and the server bundles).
 */
export function extractWorkspace(ws: Workspace, catalog: Catalog, opts: AnalyzeOptions, problems: Problem[]): Map<string, FileFacts> {
  const facts = new Map<string, FileFacts>();
  const xopts = extractOptions(ws, catalog);
  const total = ws.sourceFiles.length;
  let done = 0;
  const progress = (n: number) => {
    const before = done;
    done += n;
    if (Math.floor(done / 50) !== Math.floor(before / 50) || done === total) {
      opts.onProgress?.({ phase: 'extract', done, total, message: `Indexing ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files` });
    }
  };
  const helpers = opts.workerScript && !opts.cache?.size && !opts.overlay?.size ? helperThreads(total, opts.threads) : 0;
  if (helpers > 0) {
    const plan: ExtractPlan = { root: ws.root, files: ws.sourceFiles, maxFileSize: ws.config.maxFileSize, follow: followData(ws) };
    let outcomes: FileOutcome[];
    try {
      outcomes = extractInParallel(plan, opts.workerScript!, helpers, (i) => {
        const r = extractOne(ws.root, ws.sourceFiles[i], ws.config.maxFileSize, xopts);
        return isProblem(r) ? { i, problem: r } : { i, facts: r };
      }, progress, () => !!opts.isCancelled?.());
    } catch (err) {
      if (err instanceof CancelledExtraction) throw new Cancelled();
      throw err;
    }
    // the order of the files, not of the threads: the same facts give the same map
    for (const o of outcomes.sort((a, b) => a.i - b.i)) {
      if ('facts' in o) facts.set(ws.sourceFiles[o.i].rel, o.facts);
      else problems.push(o.problem);
    }
    return facts;
  }
  for (const f of ws.sourceFiles) {
    if (opts.isCancelled?.()) throw new Cancelled();
    progress(1);
    let text = opts.overlay?.get(f.rel);
    // an editor's text is bounded like the file on disk: an oversized one is a problem, not parsed
    const size = text === undefined ? f.size : Buffer.byteLength(text);
    if (text === undefined || size > ws.config.maxFileSize) {
      const r = readText(path.join(ws.root, f.rel), f.rel, size, ws.config.maxFileSize);
      if (r.problem) {
        problems.push(r.problem);
        continue;
      }
      text = r.text!;
    }
    const hash = createHash('sha1').update(EXTRACTOR_VERSION).update('\0').update(text).digest('hex');
    const cached = opts.cache?.get(f.rel, hash);
    if (cached) {
      facts.set(f.rel, cached);
      continue;
    }
    const r = extractOne(ws.root, f, ws.config.maxFileSize, xopts, text);
    if (isProblem(r)) {
      problems.push(r);
      continue;
    }
    opts.cache?.set(f.rel, hash, r);
    facts.set(f.rel, r);
  }
  opts.cache?.retain(new Set(ws.sourceFiles.map((f) => f.rel)));
  return facts;
}

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
  opts: Pick<AnalyzeOptions, 'onProgress'> = {}, resolver = moduleResolver(ws, facts, catalog),
): StateMap {
  opts.onProgress?.({ phase: 'link', done: 0, total: facts.size, message: 'Linking clients across files' });
  const link = linkFacts({ catalog, facts, resolver, prisma: ws.prisma });
  return buildStateMap(ws, facts, link, [...unmodelledStores(ws, facts, catalog), ...problems]);
}

let shared: Catalog | undefined;
export function defaultCatalog(): Catalog {
  shared ??= new Catalog();
  return shared;
}

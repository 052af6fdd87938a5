import { createHash } from 'node:crypto';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { Catalog } from '../catalog';
import { discoverWorkspace, type DiscoverOptions, type Workspace } from './discover';
import { looksVendored, readText } from './discover/files';
import { extractFile, type ExtractOptions } from './extract';
import type { FileFacts } from './facts';
import { linkFacts, ModuleResolver } from './link';
import { buildStateMap } from './model';
import type { Problem, StateMap } from './model/types';

/** Bump when extraction changes: cached facts of another version are not reused. */
export const EXTRACTOR_VERSION = '1';

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
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Which imports uses are worth recording for: workspace code and catalog libraries, not other npm packages. */
function extractOptions(ws: Workspace, catalog: Catalog): ExtractOptions {
  const deps = new Set<string>();
  for (const p of ws.packages.values()) for (const d of p.deps) deps.add(d);
  const prefixes = ws.pathMappings.flatMap((m) => m.paths.map((p) => p.pattern.replace(/\*.*$/, '')));
  const followModule = (spec: string): boolean => {
    if (spec.startsWith('.') || spec.startsWith('/')) return true;
    if (catalog.byModule(spec)) return true;
    if (BUILTINS.has(spec)) return false;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (ws.packageNames.has(name)) return true;
    if (prefixes.some((p) => p && spec.startsWith(p))) return true;
    return !deps.has(name);
  };
  let globals = catalogs.get(catalog);
  if (!globals) {
    globals = new Set([...catalog.globalRoots, 'import.meta']);
    catalogs.set(catalog, globals);
  }
  return { globals, receivers: catalog.receiverRoots, followModule };
}

/** Reads and extracts every source file (or takes its facts from the cache). */
export function extractWorkspace(ws: Workspace, catalog: Catalog, opts: AnalyzeOptions, problems: Problem[]): Map<string, FileFacts> {
  const facts = new Map<string, FileFacts>();
  const xopts = extractOptions(ws, catalog);
  const total = ws.sourceFiles.length;
  let done = 0;
  for (const f of ws.sourceFiles) {
    if (opts.isCancelled?.()) throw new Cancelled();
    if (++done % 50 === 0 || done === total) opts.onProgress?.({ phase: 'extract', done, total, message: `Indexing ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files` });
    let text = opts.overlay?.get(f.rel);
    if (text === undefined) {
      const r = readText(path.join(ws.root, f.rel), f.rel, f.size, ws.config.maxFileSize);
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
    if (looksVendored(text)) {
      problems.push({ file: f.rel, message: 'skipped: looks like a bundled third-party library (minified or UMD build)' });
      continue;
    }
    let ff: FileFacts;
    try {
      ff = extractFile(f.rel, text, xopts);
    } catch (err) {
      // a parser or walker bug must not lose the rest of the workspace
      problems.push({ file: f.rel, message: `could not be analyzed: ${(err as Error).message}` });
      continue;
    }
    opts.cache?.set(f.rel, hash, ff);
    facts.set(f.rel, ff);
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

/** Links facts and builds the model: cheap enough to run after every edit. */
export function linkAndModel(ws: Workspace, facts: ReadonlyMap<string, FileFacts>, catalog: Catalog, problems: Problem[], opts: Pick<AnalyzeOptions, 'onProgress'> = {}): StateMap {
  opts.onProgress?.({ phase: 'link', done: 0, total: facts.size, message: 'Linking clients across files' });
  const resolver = new ModuleResolver(new Set(facts.keys()), catalog, ws.packages, ws.packageNames, ws.pathMappings, ws.prisma);
  const link = linkFacts({ catalog, facts, resolver, prisma: ws.prisma });
  return buildStateMap(ws, facts, link, problems);
}

let shared: Catalog | undefined;
export function defaultCatalog(): Catalog {
  shared ??= new Catalog();
  return shared;
}

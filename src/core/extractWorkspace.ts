// The per-file part of an analysis: read each source file, take its facts from a cache (memory, then
// disk) or parse and walk it, and keep what was made for next time.
import path from 'node:path';
import type { Catalog } from '../catalog';
import { cacheFolder, type AnalyzeOptions } from './options';
import { DiskFactCache } from './cache/disk';
import { analyzerIdentity, factKey } from './cache/identity';
import type { Workspace } from './discover';
import { readText } from './discover/files';
import { parseClock, type ExtractOptions } from './extract';
import { extractOne, followPredicate, isProblem, type FollowData } from './extract/parallel';
import type { FileFacts, Val } from './facts';
import type { Problem } from './model/types';

export class Cancelled extends Error {
  constructor() {
    super('analysis cancelled');
  }
}

const catalogs = new WeakMap<Catalog, ExtractOptions['globals']>();

const follows = new WeakMap<Workspace, FollowData>();

/** What decides which imports are worth following, as plain data (part of every cache key); once per workspace. */
export function followData(ws: Workspace): FollowData {
  let known = follows.get(ws);
  if (!known) {
    known = computeFollowData(ws);
    follows.set(ws, known);
  }
  return known;
}

function computeFollowData(ws: Workspace): FollowData {
  const deps = new Set<string>();
  for (const p of ws.packages.values()) for (const d of p.deps) deps.add(d);
  const sailsModels = sailsModelsOf(ws);
  const nuxtAutoImports = nuxtAutoImportsOf(ws);
  return {
    deps: [...deps],
    packageNames: [...ws.packageNames.keys()],
    prefixes: ws.pathMappings.flatMap((m) => m.paths.map((p) => p.pattern.replace(/\*.*$/, ''))),
    ...(sailsModels ? { sailsModels } : {}),
    ...(nuxtAutoImports ? { nuxtAutoImports } : {}),
  };
}

/** The folders (`''` for the root, else `dir/`) of the workspace's packages that depend on a framework. */
function appsOf(ws: Workspace, framework: string): string[] {
  return [...ws.packages.entries()].filter(([, p]) => p.deps.has(framework)).map(([dir]) => (dir === '.' ? '' : `${dir}/`));
}

/** The folders whose exports Nuxt imports for an app's code by itself (Nuxt 3 and 4: `server/utils`, `utils`, `composables`). */
const NUXT_AUTO_IMPORT_DIRS = /^(server\/utils|utils|composables|app\/utils|app\/composables|shared\/utils)\/[^/]+\.[cm]?[jt]s$/;
/** `export function name`, `export async function name`, `export const name`: what such a module gives by name. */
const NAMED_EXPORT = /^export\s+(?:async\s+)?(?:function\*?\s+|const\s+|let\s+|var\s+)([A-Za-z_$][\w$]*)/gm;

/**
 * The names Nuxt apps of the workspace use without importing them, each with the module (from the app's folder) that
 * exports it; a name two modules export is left out. Read from the files' text: discovery runs before extraction.
 */
function nuxtAutoImportsOf(ws: Workspace): Record<string, string> | undefined {
  const apps = appsOf(ws, 'nuxt');
  if (apps.length === 0) return undefined;
  const found = new Map<string, string | null>();
  for (const f of ws.sourceFiles) {
    const app = apps.find((a) => f.rel.startsWith(a) && NUXT_AUTO_IMPORT_DIRS.test(f.rel.slice(a.length)));
    if (app === undefined) continue;
    const r = readText(path.join(ws.root, f.rel), f.rel, f.size, ws.config.maxFileSize);
    if (r.text === undefined) continue;
    const spec = `~~/${f.rel.slice(app.length).replace(/\.[cm]?[jt]s$/, '')}`;
    for (const m of r.text.matchAll(NAMED_EXPORT)) found.set(m[1], found.has(m[1]) && found.get(m[1]) !== spec ? null : spec);
  }
  const out: Record<string, string> = {};
  for (const [name, spec] of [...found].sort(([a], [b]) => (a < b ? -1 : 1))) if (spec) out[name] = spec;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The model names of the workspace's Sails.js apps (`<app>/api/models/User.js`), or undefined when there is none. */
function sailsModelsOf(ws: Workspace): string[] | undefined {
  const apps = appsOf(ws, 'sails');
  if (apps.length === 0) return undefined;
  const models = new Set<string>();
  for (const f of ws.sourceFiles) {
    for (const app of apps) {
      const m = f.rel.startsWith(`${app}api/models/`) ? /^([A-Z]\w*)\.[cm]?[jt]s$/.exec(f.rel.slice(app.length + 'api/models/'.length)) : null;
      if (m) models.add(m[1]);
    }
  }
  return [...models].sort();
}

/** Which imports uses are worth recording for: workspace code and catalog libraries, not other npm packages. */
function extractOptions(ws: Workspace, catalog: Catalog): ExtractOptions {
  let globals = catalogs.get(catalog);
  if (!globals) {
    globals = new Set([...catalog.globalRoots, 'import.meta']);
    catalogs.set(catalog, globals);
  }
  const follow = followData(ws);
  return { globals, globalTypes: catalog.globalTypes, receivers: catalog.receiverRoots, configCalls: catalog.configCalls, followModule: followPredicate(follow, catalog), ...frameworkGlobals(follow) };
}

/**
 * Sails.js makes `sails` and every model of `api/models/` a global: each stands for what the `sails` module gives. Nuxt
 * imports what its apps' `server/utils`, `utils` and `composables` export: each name stands for that module's export.
 */
function frameworkGlobals(follow: FollowData): Pick<ExtractOptions, 'frameworkGlobals'> {
  if (!follow.sailsModels && !follow.nuxtAutoImports) return {};
  const map = new Map<string, Val>();
  if (follow.sailsModels) {
    map.set('sails', { k: 'imp', m: 'sails', n: 'default' });
    for (const model of follow.sailsModels) map.set(model, { k: 'imp', m: 'sails', n: model });
  }
  for (const [name, spec] of Object.entries(follow.nuxtAutoImports ?? {})) if (!map.has(name)) map.set(name, { k: 'imp', m: spec, n: name });
  return { frameworkGlobals: map };
}

/** The disk cache an analysis uses: its `cacheDir` option, else STATE_MAP_CACHE_DIR, else none. */
export function diskCacheFor(opts: Pick<AnalyzeOptions, 'cacheDir'>, catalog: Catalog): DiskFactCache | undefined {
  const dir = cacheFolder(opts.cacheDir);
  return dir ? new DiskFactCache(dir, analyzerIdentity(catalog)) : undefined;
}

const followStamps = new WeakMap<Workspace, string>();

/** The key a file of this workspace with this text has in the caches (see cache/identity.ts). */
export function keyFor(ws: Workspace, catalog: Catalog, file: string, text: string): string {
  let follow = followStamps.get(ws);
  if (follow === undefined) {
    follow = JSON.stringify(followData(ws));
    followStamps.set(ws, follow);
  }
  return factKey(analyzerIdentity(catalog), follow, file, text);
}

/** Progress every 50 files. */
function progressOf(total: number, opts: AnalyzeOptions): (n: number) => void {
  let done = 0;
  return (n) => {
    const before = done;
    done += n;
    if (Math.floor(done / 50) !== Math.floor(before / 50) || done === total) {
      opts.onProgress?.({ phase: 'extract', done, total, message: `Indexing ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} files` });
    }
  };
}

/** A source file's text (an editor's, else the disk's), or undefined with a problem noted. */
function sourceText(ws: Workspace, f: Workspace['sourceFiles'][number], opts: AnalyzeOptions, problems: Problem[]): string | undefined {
  const text = opts.overlay?.get(f.rel);
  // an editor's text is bounded like the file on disk: an oversized one is a problem, not parsed
  const size = text === undefined ? f.size : Buffer.byteLength(text);
  if (text !== undefined && size <= ws.config.maxFileSize) return text;
  const r = readText(path.join(ws.root, f.rel), f.rel, size, ws.config.maxFileSize);
  if (r.problem) {
    problems.push(r.problem);
    return undefined;
  }
  return r.text!;
}

/**
 * The cache key of every readable source file of `ws`, by path; files that cannot be read are problems.
 * What a whole analysis is keyed by (see cache/results.ts); `extractWorkspace` given these reads only the
 * files whose facts no cache holds.
 */
export function readKeys(ws: Workspace, catalog: Catalog, opts: AnalyzeOptions, problems: Problem[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const f of ws.sourceFiles) {
    if (opts.isCancelled?.()) throw new Cancelled();
    const text = sourceText(ws, f, opts, problems);
    if (text !== undefined) keys.set(f.rel, keyFor(ws, catalog, f.rel, text));
  }
  return keys;
}

/**
 * Reads and extracts every source file of `ws` (or takes its facts from a cache), on this thread.
 * `keys`: the files' keys from `readKeys` (whose problems are already noted), so as not to read again; a file
 * that changed since is keyed again there.
 */
export function extractWorkspace(
  ws: Workspace, catalog: Catalog, opts: AnalyzeOptions, problems: Problem[], some = false, keys?: Map<string, string>,
): Map<string, FileFacts> {
  const xopts = extractOptions(ws, catalog);
  const progress = progressOf(ws.sourceFiles.length, opts);
  const disk = diskCacheFor(opts, catalog);
  const facts = new Map<string, FileFacts>();
  const counters = opts.counters;
  parseClock.on = !!counters;
  parseClock.ms = 0;
  try {
    for (const f of ws.sourceFiles) {
      if (opts.isCancelled?.()) throw new Cancelled();
      progress(1);
      let text: string | undefined;
      let key = keys?.get(f.rel);
      if (keys && key === undefined) continue; // unreadable: `readKeys` said so
      if (key === undefined) {
        const r = sourceText(ws, f, opts, problems);
        if (r === undefined) continue;
        text = r;
        key = keyFor(ws, catalog, f.rel, text);
      }
      const cached = opts.cache?.get(f.rel, key) ?? disk?.get(key, f.rel);
      if (cached) {
        if (counters) counters.fromCache++;
        opts.cache?.set(f.rel, key, cached);
        facts.set(f.rel, cached);
        continue;
      }
      if (text === undefined) {
        text = sourceText(ws, f, opts, problems);
        if (text === undefined) {
          keys?.delete(f.rel);
          continue;
        }
        // changed since `readKeys`: the facts are of this text, and so is the key the caller keeps
        key = keyFor(ws, catalog, f.rel, text);
        keys?.set(f.rel, key);
      }
      const r = extractOne(ws.root, f, ws.config.maxFileSize, xopts, text);
      if (isProblem(r)) {
        problems.push(r);
        continue;
      }
      if (counters) counters.extracted++;
      opts.cache?.set(f.rel, key, r);
      disk?.set(key, r);
      facts.set(f.rel, r);
    }
  } finally {
    if (counters) counters.parseMs += parseClock.ms;
    parseClock.on = false;
  }
  disk?.flush();
  // `some`: only some of the workspace's files were asked for; the others stay in the memory cache
  if (!some) opts.cache?.retain(new Set(ws.sourceFiles.map((f) => f.rel)));
  return facts;
}

// Loads a bundle with V8's code cache, so a run does not parse and compile 11 MB of JavaScript
// (TypeScript is most of it) before it starts: `dist/cli.js` and `dist/server.js` are small
// launchers that hand their bundle to `runBundle`. Node 22 has this built in
// (`module.enableCompileCache`); the Node 20 that VS Code and CI run here does not, so this does what
// it does with `vm.Script`'s `cachedData`. V8 checks that the cache fits the source and its own version
// and flags and rejects it otherwise; the file name also carries the bundle's size and time and Node's
// version, so a rebuilt bundle or another Node never meets an old cache. A cache that cannot be read or
// written only costs the compile it would have saved. STATE_MAP_CODE_CACHE=0 turns it off;
// STATE_MAP_CODE_CACHE_DIR puts it elsewhere than beside the bundle.
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { isMainThread } from 'node:worker_threads';

/** How long a long-running process (the language server) runs before its cache is written. */
const SAVE_AFTER_MS = 20_000;
/**
 * A run this long writes its cache again even when it could use one: it has compiled what the run
 * that wrote the cache did not reach (a `--version` writes little; an analysis, all of TypeScript).
 */
const LONG_RUN_MS = 2_000;

interface Loaded {
  /** The bundle's `module.exports`. */
  exports: Record<string, unknown>;
  /** Where its cache lives, and whether this run could use it. */
  cacheFile?: string;
  used: boolean;
}

/**
 * Where the cache may live, in order: the folder STATE_MAP_CODE_CACHE_DIR names; else beside the bundle
 * (`dist/.code-cache`: the package's own folder, as Python keeps `__pycache__`), or, where that cannot be
 * written (a global install owned by root), the system's temporary folder.
 */
function cacheDirs(bundle: string): string[] {
  if (process.env.STATE_MAP_CODE_CACHE_DIR) return [process.env.STATE_MAP_CODE_CACHE_DIR];
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return [path.join(path.dirname(bundle), '.code-cache'), path.join(os.tmpdir(), `state-map-code-cache-${uid}`)];
}

interface CacheFile {
  /** The file's name: the bundle, the thread, the bundle's size and time, Node's version. */
  name: string;
  /** The names of the same bundle's caches of other builds (removed when this one is written). */
  prefix: string;
  dirs: string[];
}

/**
 * The cache's file for this bundle as it is now, on this Node. A helper thread compiles other parts of the
 * bundle than the main thread (the server's analysis thread is all of TypeScript, its main thread none), so
 * each keeps its own.
 */
function cacheFileFor(bundle: string): CacheFile {
  const st = fs.statSync(bundle);
  const prefix = `${path.basename(bundle, '.js')}${isMainThread ? '' : '.thread'}@`;
  const stamp = `${st.size}-${Math.round(st.mtimeMs)}-${process.version}-${process.arch}`;
  return { name: `${prefix}${stamp}.v8cache`, prefix, dirs: cacheDirs(bundle) };
}

/** The cache's contents and where they were, from the first folder that has them. */
function readCache(cache: CacheFile): { data: Buffer; file: string } | undefined {
  for (const dir of cache.dirs) {
    const file = path.join(dir, cache.name);
    try {
      return { data: fs.readFileSync(file), file };
    } catch {
      // not there: the next folder
    }
  }
  return undefined;
}

/** Writes the code compiled so far into the first folder that takes it, and removes the same bundle's caches of other builds there. */
function save(script: vm.Script, cache: CacheFile): void {
  let data: Buffer;
  try {
    data = script.createCachedData();
  } catch {
    return;
  }
  for (const dir of cache.dirs) {
    const file = path.join(dir, cache.name);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, file);
    } catch {
      // read-only or full: the next folder, or the next run compiles again
      fs.rmSync(tmp, { force: true });
      continue;
    }
    try {
      for (const name of fs.readdirSync(dir)) {
        if (name.startsWith(cache.prefix) && name.endsWith('.v8cache') && name !== cache.name) fs.rmSync(path.join(dir, name), { force: true });
      }
    } catch {
      // an old cache left behind costs disk space only
    }
    return;
  }
}

/** Loads `bundle` (a CommonJS file) as a module of its own, its compiled code from the cache when there is one. */
export function loadBundle(bundle: string): Loaded {
  const source = fs.readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  const enabled = process.env.STATE_MAP_CODE_CACHE !== '0';
  let cache: CacheFile | undefined;
  let found: { data: Buffer; file: string } | undefined;
  if (enabled) {
    try {
      cache = cacheFileFor(bundle);
      found = readCache(cache);
    } catch {
      cache = undefined;
    }
  }
  const cachedData = found?.data;
  const started = Date.now();
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const used = !!cachedData && !script.cachedDataRejected;
  if (cache) {
    const where = cache;
    let done = false;
    const once = (): void => {
      if (!done && (!used || Date.now() - started >= LONG_RUN_MS)) save(script, where);
      done = true;
    };
    process.once('exit', once);
    // the server and its analysis thread run for hours: write once they have done their first work
    setTimeout(once, SAVE_AFTER_MS).unref();
  }
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(bundle));
  const req = ((id: string) => mod.require(id)) as NodeJS.Require;
  req.resolve = ((request: string) => (Module as unknown as { _resolveFilename(r: string, m: Module): string })._resolveFilename(request, mod)) as NodeJS.RequireResolve;
  const wrapper = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: Module, f: string, d: string) => void;
  wrapper.call(mod.exports, mod.exports, req, mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  return { exports: mod.exports as Record<string, unknown>, cacheFile: found?.file ?? (cache && path.join(cache.dirs[0], cache.name)), used };
}

/** What a launcher does: load its bundle and run the bundle's `main`. */
export function runBundle(bundle: string): void {
  const loaded = loadBundle(bundle);
  if (process.env.STATE_MAP_CODE_CACHE_DEBUG && isMainThread) {
    const state = !loaded.cacheFile ? 'off' : loaded.used ? 'used' : 'not used';
    process.stderr.write(`state-map: code cache ${state}${loaded.cacheFile ? `: ${loaded.cacheFile}` : ''}\n`);
  }
  (loaded.exports.main as () => void)();
}

import fs from 'node:fs';
import path from 'node:path';
import type { CacheChoice } from './args';

/**
 * Where the CLI keeps facts between runs: `--cache-dir`, else `node_modules/.cache/state-map` in the
 * analyzed folder when that folder has a node_modules folder (where other tools keep theirs, and
 * which version control ignores); a folder without one is not written into. `false`: no cache.
 */
export function cacheDirFor(choice: CacheChoice, folder: string): string | false {
  if (choice === 'off') return false;
  if (choice !== 'default') return path.resolve(choice.dir);
  const modules = path.join(path.resolve(folder), 'node_modules');
  try {
    return fs.statSync(modules).isDirectory() ? path.join(modules, '.cache', 'state-map') : false;
  } catch {
    return false;
  }
}

/**
 * Runs `body` with STATE_MAP_CACHE_DIR naming the cache (or empty for none): analyses in this thread
 * and in threads started meanwhile (they copy the environment) use it. Restored afterwards.
 */
export async function withCacheDir<T>(dir: string | false, body: () => Promise<T> | T): Promise<T> {
  const before = process.env.STATE_MAP_CACHE_DIR;
  process.env.STATE_MAP_CACHE_DIR = dir || '';
  try {
    return await body();
  } finally {
    if (before === undefined) delete process.env.STATE_MAP_CACHE_DIR;
    else process.env.STATE_MAP_CACHE_DIR = before;
  }
}

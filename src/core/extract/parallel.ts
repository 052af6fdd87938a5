// One file's extraction as the pipeline runs it (read, vendored check, parse and walk, never a throw),
// and which imports are worth following. Extraction runs on one thread: helper threads
// (STATE_MAP_THREADS) never beat one thread on two cores (docs/performance.md) and were removed.
import { builtinModules } from 'node:module';
import path from 'node:path';
import type { Catalog } from '../../catalog';
import { looksVendored, readText } from '../discover/files';
import type { FileFacts } from '../facts';
import type { Problem } from '../model/types';
import { extractFile, type ExtractOptions } from './index';

/** What decides which imports are worth following, as plain data: module specifiers the workspace's packages depend on, its package names and path-alias prefixes. */
export interface FollowData {
  deps: string[];
  packageNames: string[];
  prefixes: string[];
  /** A Sails.js app's model names (`api/models/User.js` → `User`), globals the framework makes; absent without one. */
  sailsModels?: string[];
  /**
   * What a Nuxt app imports for its code without an import (`createRateLimiter` of `server/utils/rateLimit.ts`): each
   * name, and the module that exports it from the app's folder (`~~/server/utils/rateLimit`); absent without Nuxt.
   */
  nuxtAutoImports?: Record<string, string>;
}

/** Node's own modules: never a workspace file, never a store unless the catalog says so (`fs`, `http`). */
export const BUILTINS: ReadonlySet<string> = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Builds the predicate that decides which imports are worth following (see analyze.ts). */
export function followPredicate(follow: FollowData, catalog: Catalog, builtins: ReadonlySet<string> = BUILTINS): (spec: string) => boolean {
  const deps = new Set(follow.deps);
  const names = new Set(follow.packageNames);
  return (spec: string): boolean => {
    if (spec.startsWith('.') || spec.startsWith('/')) return true;
    if (catalog.byModule(spec)) return true;
    if (builtins.has(spec)) return false;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (names.has(name)) return true;
    if (follow.prefixes.some((p) => p && spec.startsWith(p))) return true;
    return !deps.has(name);
  };
}

/** Reads and extracts one file; never throws for what the file contains. */
export function extractOne(root: string, f: { rel: string; size: number }, maxFileSize: number, opts: ExtractOptions, text?: string): FileFacts | Problem {
  if (text === undefined) {
    const r = readText(path.join(root, f.rel), f.rel, f.size, maxFileSize);
    if (r.problem) return r.problem;
    text = r.text!;
  }
  if (looksVendored(text)) return { file: f.rel, message: 'skipped: looks like a bundled third-party library (minified or UMD build)' };
  try {
    return extractFile(f.rel, text, opts);
  } catch (err) {
    // a parser or walker bug must not lose the rest of the workspace
    return { file: f.rel, message: `could not be analyzed: ${(err as Error).message}` };
  }
}

export function isProblem(x: FileFacts | Problem): x is Problem {
  return !('imports' in x);
}

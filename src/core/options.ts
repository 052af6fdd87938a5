// The options and counters of an analysis, shared by analyze.ts and the per-file part (extractWorkspace.ts).
import path from 'node:path';
import type { Catalog } from '../catalog';
import type { FactCache } from './cache/memory';
import type { DiscoverOptions } from './discover';

export interface Progress {
  phase: 'discover' | 'extract' | 'link';
  done: number;
  total: number;
  message: string;
}

/**
 * The folder an analysis keeps its caches in (facts, kept maps, symbols), resolved: `cacheDir` when given (`false`:
 * none), else the folder STATE_MAP_CACHE_DIR names, else none.
 */
export function cacheFolder(cacheDir: string | false | undefined): string | false {
  const dir = cacheDir ?? (process.env.STATE_MAP_CACHE_DIR || false);
  return dir ? path.resolve(dir) : false;
}

export interface AnalyzeOptions extends Omit<DiscoverOptions, 'onProgress'> {
  catalog?: Catalog;
  onProgress?(p: Progress): void;
  /** Checked between files; when it returns true the analysis stops with a `Cancelled` error. */
  isCancelled?(): boolean;
  /** Facts of files seen before, in memory (a long-lived session): unchanged files are not parsed again. */
  cache?: FactCache;
  /**
   * A folder that keeps facts between runs (created when missing); `false`: none. Unset: the folder
   * STATE_MAP_CACHE_DIR names, if any (how the CLI hands its cache to analyses it starts on other threads).
   */
  cacheDir?: string | false;
  /** Text of files that differ from the disk (open editors). */
  overlay?: ReadonlyMap<string, string>;
  /** Unused: extraction runs on one thread (helper threads never paid on two cores and were removed). */
  workerScript?: string;
  /** Filled in as the analysis runs: what it cost, in work rather than time where it can (bench and tests). */
  counters?: Counters;
}

/** What an analysis did: files parsed or taken from a cache, time in the parser, unit steps of the link. */
export interface Counters {
  /** Files parsed and walked in this thread. */
  extracted: number;
  /** Files whose facts came from a cache. */
  fromCache: number;
  /** Milliseconds in TypeScript's parser (this thread only). */
  parseMs: number;
  /** Unit steps of the link (uses linked, operations looked at): linear in the workspace. */
  linkWork: number;
}

export function newCounters(): Counters {
  return { extracted: 0, fromCache: 0, parseMs: 0, linkWork: 0 };
}

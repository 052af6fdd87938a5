// Messages between the server's LSP thread and its analysis thread. The analysis is synchronous (ts-morph),
// so it runs in a worker: the LSP thread stays free for hovers, cancellation and progress meanwhile.
import type { Progress } from '../core/analyze';
import type { StateMapDiff } from '../core/diff';
import type { StateMap } from '../core/model/types';

/** What a session is created with; a change of any of these means a new session (a full re-index). */
export interface SessionOptions {
  ignore: string[];
  /** Globs of files to analyze (none: every JS/TS file). Passed through to discovery. */
  include: string[];
  maxFileSize?: number;
  includeTests: boolean;
  /** Also report what is not yet precise on real repositories; the config file's `experimentalHazards` turns it on too. */
  experimentalHazards?: boolean;
  /** A folder that keeps per-file facts between server starts (none: facts live as long as the session). */
  cacheDir?: string;
}

/** A place that changes a hazard's module-level state (`recentlyViewed.set(…)` for the Map declared above). */
export interface HazardSite {
  /** Index into `map.hazards`. */
  hazard: number;
  file: string;
  line: number;
  column: number;
  /** The binding changed (`recentlyViewed`). */
  binding: string;
}

/** Where a service starts (`src/server.ts`), for its CodeLens. */
export interface EntryPoint {
  file: string;
  /** 1-based. */
  line: number;
}

/** What the LSP thread needs besides the map, computed where the per-file facts live. */
export interface MapExtras {
  /** JS/TS files found by the last full discovery; undefined when no full discovery ran yet. */
  sourceFiles?: number;
  entries: Record<string, EntryPoint>;
  sites: HazardSite[];
}

export type ToWorker =
  | { type: 'open'; folder: string; root: string; options: SessionOptions }
  | { type: 'close'; folder: string }
  /** Text of an open editor; `null` when it was closed. Ignored for files that are not JS/TS. */
  | { type: 'overlay'; folder: string; file: string; text: string | null }
  /** An editor saved a file: a README, manifest or package.json saved changes what discovery reads. */
  | { type: 'saved'; folder: string; file: string }
  /** The disk changed; `open`: an editor has the file open (its overlay already says what changed). */
  | { type: 'changed'; folder: string; file: string; kind: 'changed' | 'created' | 'deleted'; open?: boolean }
  /** Bring the map up to date; `full`: discover the workspace again first (the Refresh command). */
  | { type: 'refresh'; id: number; folder: string; full: boolean }
  /** Compare the working tree with the merge base of a git ref (Compare with Branch). */
  | { type: 'compare'; id: number; folder: string; ref: string };

export type FromWorker =
  | { type: 'progress'; id: number; folder: string; progress: Progress }
  | { type: 'done'; id: number; folder: string; map: StateMap; extras: MapExtras; ms: number }
  /** Nothing changed since the last map (it is not sent again). */
  | { type: 'unchanged'; id: number; folder: string }
  | { type: 'cancelled'; id: number; folder: string }
  /** A comparison's result. */
  | { type: 'compared'; id: number; folder: string; diff: StateMapDiff }
  /** A comparison that cannot be made, for a reason the user can act on (not a git repository, no such ref). */
  | { type: 'refused'; id: number; folder: string; message: string }
  | { type: 'failed'; id: number; folder: string; message: string };

// Whole analyses kept on disk beside the facts: the state map of a workspace, keyed by everything it is
// made from (the analyzer and catalog, what discovery found, every source file's fact key, the problems
// met before extraction). Linking is a function of those, so an analysis whose key is on disk is that
// state map. The one input outside them, the installed packages' package.json that the unmodelled-client
// check reads, is kept with the map as the files' sizes and times (or their absence) and checked on use.
// As with the facts, nothing read back is trusted: a file that is not ours, of another format or
// identity, or that does not read back, is a miss and is replaced.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { StateMap } from '../model/types';

const FORMAT = 1;
const MAGIC = 'state-map-result';
/** The newest this many results are kept (a branch and its base, a few checkouts). */
const KEEP = 8;

interface Stored {
  magic: string;
  format: number;
  identity: string;
  key: string;
  /** Files read from outside the workspace's sources, with their stamps when the map was made. */
  reads: [string, string][];
  files: string[];
  map: StateMap;
}

export interface ResultHit {
  map: StateMap;
  /** The source files whose facts the map was made from. */
  files: string[];
}

/** The stamp of a file outside the sources: its size and time, or `-` when there is none. */
function stampOf(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.size}:${Math.round(st.mtimeMs)}`;
  } catch {
    return '-';
  }
}

/** A digest of parts, each of which may hold Maps and Sets (as their entries, in their order). */
export function resultKey(parts: unknown[]): string {
  const h = createHash('sha1');
  for (const p of parts) {
    h.update(JSON.stringify(p, (_k, x: unknown) => (x instanceof Map ? { m: [...x] } : x instanceof Set ? { s: [...x] } : x instanceof RegExp ? String(x) : x)) ?? 'undefined');
    h.update('\0');
  }
  return h.digest('hex');
}

export class DiskResultCache {
  constructor(readonly dir: string, private readonly identity: string) {}

  get(key: string): ResultHit | undefined {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(this.file(key));
    } catch {
      return undefined;
    }
    try {
      const s = v8.deserialize(buf) as Partial<Stored> | null;
      if (s && s.magic === MAGIC && s.format === FORMAT && s.identity === this.identity && s.key === key
        && Array.isArray(s.reads) && Array.isArray(s.files) && looksLikeMap(s.map)) {
        if (s.reads.every(([f, stamp]) => stampOf(f) === stamp)) {
          touch(this.file(key));
          return { map: s.map, files: s.files };
        }
        return undefined; // an installed package changed: made again and replaced
      }
    } catch {
      // truncated or foreign: made again and replaced
    }
    return undefined;
  }

  /** Keeps `map` under `key`; `reads`: the files outside the sources it was made from. Never throws. */
  set(key: string, map: StateMap, files: string[], reads: Iterable<string>): void {
    const folder = this.folder();
    const file = this.file(key);
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      fs.mkdirSync(folder, { recursive: true });
      const stored: Stored = { magic: MAGIC, format: FORMAT, identity: this.identity, key, reads: [...reads].sort().map((f) => [f, stampOf(f)]), files, map };
      fs.writeFileSync(tmp, v8.serialize(stored));
      fs.renameSync(tmp, file);
      this.prune(folder);
    } catch {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // the folder could not be made: nothing to remove
      }
    }
  }

  private prune(folder: string): void {
    const all = fs.readdirSync(folder).filter((n) => n.endsWith('.bin')).map((n) => {
      const f = path.join(folder, n);
      return { f, t: fs.statSync(f).mtimeMs };
    });
    all.sort((a, b) => b.t - a.t);
    for (const { f } of all.slice(KEEP)) fs.rmSync(f, { force: true });
  }

  private folder(): string {
    return path.join(this.dir, `results-v${FORMAT}`);
  }

  private file(key: string): string {
    return path.join(this.folder(), `${key}.bin`);
  }
}

/** Marks a result used, so that pruning keeps it. */
function touch(file: string): void {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // a read-only cache still answers
  }
}

function looksLikeMap(m: unknown): m is StateMap {
  if (!m || typeof m !== 'object') return false;
  const x = m as Record<string, unknown>;
  return x.schemaVersion === 1 && typeof x.root === 'string' && Array.isArray(x.services) && Array.isArray(x.stores)
    && Array.isArray(x.edges) && Array.isArray(x.hazards) && Array.isArray(x.problems);
}

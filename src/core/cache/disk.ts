// Per-file facts kept on disk between runs, keyed by what they were made from: the file's path and
// text, the analyzer that made them and the catalog it read, and the workspace's choice of imports
// worth following. A key is a content address: any analysis of the same text (a `diff` snapshot of
// the base ref, another checkout) finds the same facts. What the disk holds is never trusted: a shard
// that is not ours, of another format or version, or that does not read back, is ignored and
// rewritten; an entry whose facts do not have the shape of facts is a miss.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { FileFacts } from '../facts';

/** Bump when the layout of a shard changes. */
const FORMAT = 1;
const MAGIC = 'state-map-facts';
const SHARDS = 16;
/** Entries not used for this many days are dropped when their shard is written. */
const KEEP_DAYS = 14;
/** At most this many entries per shard (the least recently used go first): about 200,000 files in all. */
const MAX_PER_SHARD = 12_500;

interface Entry {
  /** Day (since 1970) the entry was last used. */
  d: number;
  f: FileFacts;
}

interface Shard {
  magic: string;
  format: number;
  /** The analyzer and catalog the facts are of: another's shard is not read. */
  identity: string;
  entries: Map<string, Entry>;
}

export interface DiskCacheStats {
  hits: number;
  misses: number;
  /** Shards that were present but ignored (corrupt, foreign or of another version). */
  rejected: number;
  written: number;
}

/** Facts on disk under `dir`, sharded by key; read on first use, written by `flush`. */
export class DiskFactCache {
  private readonly shards = new Map<number, Shard>();
  private readonly changed = new Set<number>();
  private readonly today = Math.floor(Date.now() / 86_400_000);
  readonly stats: DiskCacheStats = { hits: 0, misses: 0, rejected: 0, written: 0 };

  /** `identity`: the analyzer's and the catalog's versions; a shard of another identity is ignored. */
  constructor(readonly dir: string, private readonly identity: string) {}

  get(key: string, file: string): FileFacts | undefined {
    const n = shardOf(key);
    const e = this.shard(n).entries.get(key);
    if (!e || !looksLikeFacts(e.f, file)) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    if (e.d !== this.today) {
      e.d = this.today;
      this.changed.add(n);
    }
    return e.f;
  }

  set(key: string, facts: FileFacts): void {
    const n = shardOf(key);
    this.shard(n).entries.set(key, { d: this.today, f: facts });
    this.changed.add(n);
  }

  /** Writes the shards that changed (each whole, to a new file renamed over the old). Never throws: a cache that cannot be written is no cache. */
  flush(): void {
    if (this.changed.size === 0) return;
    try {
      fs.mkdirSync(this.folder(), { recursive: true });
    } catch {
      this.changed.clear();
      return;
    }
    for (const n of this.changed) {
      const shard = this.shard(n);
      prune(shard.entries, this.today);
      const file = this.file(n);
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      try {
        fs.writeFileSync(tmp, v8.serialize(shard));
        fs.renameSync(tmp, file);
        this.stats.written++;
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    }
    this.changed.clear();
  }

  private folder(): string {
    return path.join(this.dir, `facts-v${FORMAT}`);
  }

  private file(n: number): string {
    return path.join(this.folder(), `${n.toString(16)}.bin`);
  }

  private shard(n: number): Shard {
    let s = this.shards.get(n);
    if (!s) {
      s = this.read(n) ?? { magic: MAGIC, format: FORMAT, identity: this.identity, entries: new Map() };
      this.shards.set(n, s);
    }
    return s;
  }

  private read(n: number): Shard | undefined {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(this.file(n));
    } catch {
      return undefined; // none yet
    }
    try {
      const s = v8.deserialize(buf) as Partial<Shard> | null;
      if (s && s.magic === MAGIC && s.format === FORMAT && s.identity === this.identity && s.entries instanceof Map) return s as Shard;
    } catch {
      // a truncated or foreign file: rebuilt below
    }
    this.stats.rejected++;
    this.changed.add(n); // rewritten, so the next run does not reject it again
    return undefined;
  }
}

function shardOf(key: string): number {
  return parseInt(key[0], 16) % SHARDS;
}

/** The fields the link reads, of the right types: anything else is not facts this analyzer made. */
function looksLikeFacts(f: unknown, file: string): f is FileFacts {
  if (!f || typeof f !== 'object') return false;
  const x = f as Record<string, unknown>;
  return x.file === file && Array.isArray(x.imports) && Array.isArray(x.exports) && Array.isArray(x.uses) && Array.isArray(x.declared)
    && Array.isArray(x.mutations) && Array.isArray(x.claims) && isRecord(x.bindings) && isRecord(x.functions) && isRecord(x.classes) && isRecord(x.hints);
}

function isRecord(x: unknown): boolean {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

function prune(entries: Map<string, Entry>, today: number): void {
  for (const [k, e] of entries) if (!e || typeof e.d !== 'number' || today - e.d > KEEP_DAYS) entries.delete(k);
  if (entries.size <= MAX_PER_SHARD) return;
  const oldest = [...entries].sort((a, b) => a[1].d - b[1].d).slice(0, entries.size - MAX_PER_SHARD);
  for (const [k] of oldest) entries.delete(k);
}

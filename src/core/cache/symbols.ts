// The enclosing symbols of findings (src/core/findings/symbols.ts), kept on disk beside the facts: a
// finding's identity needs the function or class around it, which takes a parse of its file. Keyed by
// the file's path and text, so a `diff`'s base and head, and every later run, parse only files whose
// text they have not seen. Like the facts, what the disk holds is never trusted beyond its shape.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheFolder } from '../options';
import v8 from 'node:v8';

/** Bump when symbolAt answers differently for the same text. */
const VERSION = 1;
const MAGIC = 'state-map-symbols';
/** Files not looked at for this many days are dropped when the cache is written. */
const KEEP_DAYS = 14;
const MAX_FILES = 200_000;

interface Entry {
  /** Day (since 1970) last used. */
  d: number;
  /** `line:column` → symbol. */
  s: Record<string, string>;
}

/** Symbols by file text, read on first use and written by `flush`. */
export class SymbolCache {
  private entries: Map<string, Entry> | undefined;
  private changed = false;
  private readonly today = Math.floor(Date.now() / 86_400_000);

  constructor(readonly dir: string) {}

  /** The symbols known for a file with this text (filled in by the caller as it finds more). */
  symbols(file: string, text: string): Record<string, string> {
    // a file's findings ask one after another, and a diff's two sides ask again: hash each text once
    const last = this.last.get(file);
    if (last && last.text === text) return last.s;
    const s = this.lookUp(file, text);
    this.last.set(file, { text, s });
    return s;
  }

  private readonly last = new Map<string, { text: string; s: Record<string, string> }>();

  private lookUp(file: string, text: string): Record<string, string> {
    const key = createHash('sha1').update(file).update('\0').update(text).digest('hex');
    const all = this.load();
    let e = all.get(key);
    if (!e) {
      e = { d: this.today, s: Object.create(null) as Record<string, string> };
      all.set(key, e);
    } else if (e.d !== this.today) {
      e.d = this.today;
      this.changed = true;
    }
    return e.s;
  }

  /** Something was added to a record `symbols` returned. */
  touch(): void {
    this.changed = true;
  }

  /** Writes the cache if it changed. Never throws: a cache that cannot be written is no cache. */
  flush(): void {
    if (!this.changed || !this.entries) return;
    this.changed = false;
    for (const [k, e] of this.entries) if (this.today - e.d > KEEP_DAYS) this.entries.delete(k);
    if (this.entries.size > MAX_FILES) {
      const oldest = [...this.entries].sort((a, b) => a[1].d - b[1].d).slice(0, this.entries.size - MAX_FILES);
      for (const [k] of oldest) this.entries.delete(k);
    }
    const file = this.file();
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(tmp, v8.serialize({ magic: MAGIC, version: VERSION, entries: this.entries }));
      fs.renameSync(tmp, file);
    } catch {
      fs.rmSync(tmp, { force: true });
    }
  }

  private file(): string {
    return path.join(this.dir, `symbols-v${VERSION}.bin`);
  }

  private load(): Map<string, Entry> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    try {
      const x = v8.deserialize(fs.readFileSync(this.file())) as { magic?: unknown; version?: unknown; entries?: unknown } | null;
      if (x && x.magic === MAGIC && x.version === VERSION && x.entries instanceof Map) {
        for (const [k, e] of x.entries as Map<unknown, Partial<Entry>>) {
          if (typeof k === 'string' && e && typeof e.d === 'number' && e.s && typeof e.s === 'object' && Object.values(e.s).every((v) => typeof v === 'string')) {
            this.entries.set(k, { d: e.d, s: Object.assign(Object.create(null) as Record<string, string>, e.s) });
          }
        }
      }
    } catch {
      // none yet, truncated, or not ours: rebuilt
    }
    return this.entries;
  }
}

/** The symbol cache of a cache folder (`cacheDir`, else STATE_MAP_CACHE_DIR), or none. */
export function symbolCacheFor(cacheDir: string | false | undefined): SymbolCache | undefined {
  const dir = cacheFolder(cacheDir);
  return dir ? new SymbolCache(dir) : undefined;
}

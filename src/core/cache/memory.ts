import type { FileFacts } from '../facts';

/** Per-file facts in memory, by file and key (see identity.ts): a one-file edit re-extracts one file. */
export class FactCache {
  private readonly entries = new Map<string, { hash: string; facts: FileFacts }>();
  hits = 0;
  misses = 0;

  get size(): number {
    return this.entries.size;
  }

  get(file: string, hash: string): FileFacts | undefined {
    const e = this.entries.get(file);
    if (e && e.hash === hash) {
      this.hits++;
      return e.facts;
    }
    this.misses++;
    return undefined;
  }

  /** The key of the facts kept for a file (what its text was last). */
  keyOf(file: string): string | undefined {
    return this.entries.get(file)?.hash;
  }

  set(file: string, hash: string, facts: FileFacts): void {
    this.entries.set(file, { hash, facts });
  }

  /** Another cache holding the same facts (they are never changed): an analysis of another checkout reads it without disturbing this one. */
  copy(): FactCache {
    const c = new FactCache();
    for (const [file, e] of this.entries) c.entries.set(file, e);
    return c;
  }

  /** Forgets files no longer in the workspace. */
  retain(files: ReadonlySet<string>): void {
    for (const k of this.entries.keys()) if (!files.has(k)) this.entries.delete(k);
  }
}

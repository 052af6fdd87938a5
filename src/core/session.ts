import fs from 'node:fs';
import path from 'node:path';
import { analyzeParts, defaultCatalog, discoverKeyed, extractWorkspace, FactCache, linkAndKeep, moduleResolver, relink, resultCacheFor, type AnalyzeOptions, type KeyedParts } from './analyze';
import { keyFor } from './extractWorkspace';
import type { FileLink, LinkReuse, ModuleResolver } from './link';
import { isSourceFile } from './extract';
import picomatch from 'picomatch';
import { excludeGlobs, isDiscoveryInput, type Workspace } from './discover';
import { DEFAULT_SKIP_DIRS } from './discover/files';
import type { FileFacts } from './facts';
import type { StateMap } from './model/types';
import { ModelMemo } from './model';

/**
 * A long-lived analysis of one workspace folder, for the language server: a full run once, then
 * one-file updates that re-extract only that file and link again. Files that change what discovery
 * sees (package.json, manifests, config, created or deleted files) trigger a new discovery, which the
 * fact cache keeps cheap.
 */
export class AnalysisSession {
  private readonly cache = new FactCache();
  private readonly models = new ModelMemo();
  private readonly overlay = new Map<string, string>();
  private ws: Workspace | undefined;
  private facts = new Map<string, FileFacts>();
  private rediscover = true;
  private relink = true;
  private current: StateMap | undefined;
  private resolver: ModuleResolver | undefined;

  constructor(readonly root: string, private readonly options: Omit<AnalyzeOptions, 'cache' | 'overlay'> = {}) {}

  get map(): StateMap | undefined {
    return this.current;
  }

  /** The facts this session keeps in memory, as a cache of its own (a diff's base reads it: its unchanged files parse no more). */
  copyCache(): FactCache {
    return this.cache.copy();
  }

  /** Text of open editors that the analysis reads instead of the disk. */
  get overlayTexts(): ReadonlyMap<string, string> {
    return this.overlay;
  }

  /** The options the session analyses with (a diff's base is analysed with the same). */
  get analysisOptions(): Omit<AnalyzeOptions, 'cache' | 'overlay'> {
    return this.options;
  }

  /** Facts of one file, as last extracted. */
  factsOf(file: string): FileFacts | undefined {
    return this.facts.get(file);
  }

  /** The workspace file an import in `from` leads to, as the last link resolved imports (undefined: a package or nothing). */
  resolveImport(spec: string, from: string): string | undefined {
    const r = this.resolver?.resolve(spec, from);
    return r && 'file' in r ? r.file : undefined;
  }

  /**
   * Text of an open editor, or `undefined` when it was closed (the disk is read again). Text the facts
   * were made from already (opening, focusing or saving an unchanged file) changes nothing.
   */
  setOverlay(file: string, text: string | undefined): void {
    if (text === undefined) this.overlay.delete(file);
    else this.overlay.set(file, text);
    if (this.sameText(file, text)) return;
    this.fileChanged(file);
  }

  /** Were this file's current facts made from this text (or, for `undefined`, from the file on disk)? */
  private sameText(file: string, text: string | undefined): boolean {
    const known = this.cache.keyOf(file);
    if (!known || !this.ws || this.dirty.has(file) || !this.facts.has(file)) return false;
    if (text === undefined) {
      try {
        text = fs.readFileSync(path.join(this.root, file), 'utf8');
      } catch {
        return false;
      }
    }
    return keyFor(this.ws, this.options.catalog ?? defaultCatalog(), file, text) === known;
  }

  /** A file changed, was created or deleted on disk (or in an editor). */
  fileChanged(file: string, kind: 'changed' | 'created' | 'deleted' = 'changed'): void {
    const tracked = this.isTracked(file);
    if (!tracked && !isDiscoveryInput(file) && !(isSourceFile(file) && kind !== 'changed' && !this.isExcluded(file))) {
      return; // a test, a generated file, an ignored folder: nothing the map is made of
    }
    if (kind !== 'changed' || !tracked) this.rediscover = true;
    this.relink = true;
    this.dirty.add(file);
  }

  /** What the last discovery found (undefined before the first refresh). */
  get workspace(): Workspace | undefined {
    return this.ws;
  }

  /** The source files the last discovery found (posix, relative to the root). */
  get sourceFiles(): readonly string[] {
    return this.ws ? this.ws.sourceFiles.map((f) => f.rel) : [];
  }

  /** Is this file one of the analyzed source files? */
  isTracked(file: string): boolean {
    if (!this.tracked || this.trackedFrom !== this.ws) {
      this.tracked = new Set(this.sourceFiles);
      this.trackedFrom = this.ws;
    }
    return this.tracked.has(file);
  }

  private tracked: Set<string> | undefined;
  private trackedFrom: Workspace | undefined;

  /** Would discovery skip this path (tests, ignore globs, build output)? */
  isExcluded(file: string): boolean {
    if (!this.ws) return false;
    this.excludedGlob ??= picomatch(excludeGlobs(this.ws.config), { dot: true });
    return this.excludedGlob(file) || file.split('/').some((seg) => DEFAULT_SKIP_DIRS.has(seg));
  }

  private excludedGlob: ((file: string) => boolean) | undefined;

  private readonly dirty = new Set<string>();

  /**
   * Brings the map up to date; returns it. Cheap when nothing changed. `diskCache`: the changed files'
   * text is worth looking up on disk, and keeping there (a diff's base text, which an analysis of the
   * base ref has seen or will see; an editor's new text has not and will not).
   */
  refresh(opts: Pick<AnalyzeOptions, 'onProgress' | 'isCancelled'> & { diskCache?: boolean } = {}): StateMap {
    if (this.current && !this.rediscover && !this.relink) return this.current;
    const catalog = this.options.catalog ?? defaultCatalog();
    const run = { ...this.options, ...opts, cache: this.cache, overlay: this.overlay };
    let reuse: LinkReuse | undefined;
    let keep: KeyedParts | undefined;
    let results: ReturnType<typeof resultCacheFor>;
    if (this.rediscover || !this.ws) {
      results = resultCacheFor(run, catalog);
      // with a cache folder, the first map of a session may be one a run over the same files kept (the link it skips
      // is made at the first edit), and a map made here is kept for the next
      const parts = results ? discoverKeyed(this.root, run, catalog) : undefined;
      const kept = parts && !this.current ? results?.get(parts.resultKey()) : undefined;
      const { ws, facts, problems } = parts ? { ...parts, facts: extractWorkspace(parts.ws, catalog, run, parts.problems, false, parts.keys) } : analyzeParts(this.root, run);
      if (this.ws?.config.ignore.join('\0') !== ws.config.ignore.join('\0') || this.ws?.config.includeTests !== ws.config.includeTests) this.excludedGlob = undefined;
      this.ws = ws;
      this.facts = facts;
      this.problems = problems;
      this.resolver = undefined;
      keep = parts;
      if (kept) {
        this.dirty.clear();
        this.rediscover = false;
        this.relink = false;
        this.resolver = moduleResolver(ws, facts, catalog);
        this.lastLinked = 0;
        this.linked = undefined;
        this.imports = undefined;
        this.current = kept.map;
        return kept.map;
      }
    } else {
      reuse = this.extractDirty(run, !!opts.diskCache);
    }
    this.dirty.clear();
    this.rediscover = false;
    this.relink = false;
    // the link's own resolver, kept (with what it has resolved) for resolveImport and the next relink
    this.resolver ??= moduleResolver(this.ws, this.facts, catalog);
    const { map, link } = keep
      ? linkAndKeep(keep, this.facts, catalog, results, run, this.resolver, this.models)
      : relink(this.ws, this.facts, catalog, [...this.problems], run, this.resolver, reuse, this.models);
    this.lastLinked = reuse ? reuse.relink.size : this.facts.size;
    this.linked = link.files;
    this.imports = link.linkDeps ?? link.imports;
    this.current = map;
    return map;
  }

  /** The map came from a kept one: the link that lets an edit relink only what it touches is not made yet. */
  get linkPending(): boolean {
    return !!this.current && !!this.ws && !this.linked;
  }

  /**
   * Makes the link a kept map skipped (the server does so once the map is sent), so that the first edit links only
   * what it touches. The map stays the one kept: a link of the same files gives the same.
   */
  completeLink(): void {
    if (!this.linkPending || this.rediscover || this.relink) return;
    const catalog = this.options.catalog ?? defaultCatalog();
    this.resolver ??= moduleResolver(this.ws!, this.facts, catalog);
    const { link } = relink(this.ws!, this.facts, catalog, [...this.problems], {}, this.resolver, undefined, this.models);
    this.linked = link.files;
    this.imports = link.linkDeps ?? link.imports;
  }

  /**
   * Re-extracts the files that changed (the rest come from the cache) and says which files to link
   * again: those and every file that imports them, directly or not. None (link all) when a change
   * can reach further: a file's imports changed, or a file appeared in or left the facts.
   */
  private extractDirty(run: AnalyzeOptions, diskCache: boolean): LinkReuse | undefined {
    const ws = this.ws!;
    const only = { ...ws, sourceFiles: ws.sourceFiles.filter((f) => this.dirty.has(f.rel)) };
    const problems: typeof this.problems = [];
    // an edit's facts are not worth rewriting a shard of the disk cache for: the next full run does
    const updated = extractWorkspace(only, this.options.catalog ?? defaultCatalog(), diskCache ? run : { ...run, cacheDir: false }, problems, true);
    let local = !!this.linked && !!this.imports;
    for (const f of only.sourceFiles) {
      const before = this.facts.get(f.rel);
      const ff = updated.get(f.rel);
      // new imports, or values hung on the application (`app.db = …`) that any file may read: link everything again
      if (!before || !ff || JSON.stringify(before.imports) !== JSON.stringify(ff.imports) || JSON.stringify(before.slots) !== JSON.stringify(ff.slots)) local = false;
      if (ff) this.facts.set(f.rel, ff);
      else this.facts.delete(f.rel);
    }
    this.problems = [...this.problems.filter((p) => !this.dirty.has(p.file)), ...problems];
    if (!local) {
      this.resolver = undefined; // the files or their imports changed: resolve afresh
      return undefined;
    }
    return { previous: this.linked!, relink: importersOf(new Set(only.sourceFiles.map((f) => f.rel)), this.imports!) };
  }

  /** How many files the last refresh linked anew (the others' links were taken over). */
  lastLinked = 0;

  /** How many services the last refresh modelled anew (the others' models were taken over). */
  get lastModelled(): number {
    return this.models.modelled;
  }
  private linked: Map<string, FileLink> | undefined;
  private imports: Map<string, Set<string>> | undefined;

  private problems: Array<{ file: string; message: string }> = [];
}

/** These files and every file that imports one of them, directly or through others. */
export function importersOf(files: ReadonlySet<string>, imports: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const by = new Map<string, string[]>();
  for (const [file, deps] of imports) {
    for (const d of deps) {
      const list = by.get(d);
      if (list) list.push(file);
      else by.set(d, [file]);
    }
  }
  const out = new Set(files);
  const queue = [...files];
  while (queue.length > 0) {
    for (const importer of by.get(queue.pop()!) ?? []) {
      if (!out.has(importer)) {
        out.add(importer);
        queue.push(importer);
      }
    }
  }
  return out;
}

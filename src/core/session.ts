import { analyzeParts, defaultCatalog, extractWorkspace, FactCache, linkAndModel, moduleResolver, type AnalyzeOptions } from './analyze';
import type { ModuleResolver } from './link';
import { isSourceFile } from './extract';
import picomatch from 'picomatch';
import { excludeGlobs, isDiscoveryInput, type Workspace } from './discover';
import { DEFAULT_SKIP_DIRS } from './discover/files';
import type { FileFacts } from './facts';
import type { StateMap } from './model/types';

/**
 * A long-lived analysis of one workspace folder, for the language server: a full run once, then
 * one-file updates that re-extract only that file and link again. Files that change what discovery
 * sees (package.json, manifests, config, created or deleted files) trigger a new discovery, which the
 * fact cache keeps cheap.
 */
export class AnalysisSession {
  private readonly cache = new FactCache();
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

  /** Facts of one file, as last extracted. */
  factsOf(file: string): FileFacts | undefined {
    return this.facts.get(file);
  }

  /** The workspace file an import in `from` leads to, as the last link resolved imports (undefined: a package or nothing). */
  resolveImport(spec: string, from: string): string | undefined {
    const r = this.resolver?.resolve(spec, from);
    return r && 'file' in r ? r.file : undefined;
  }

  /** Text of an open editor, or `undefined` when it was closed (the disk is read again). */
  setOverlay(file: string, text: string | undefined): void {
    if (text === undefined) this.overlay.delete(file);
    else this.overlay.set(file, text);
    this.fileChanged(file);
  }

  /** A file changed, was created or deleted on disk (or in an editor). */
  fileChanged(file: string, kind: 'changed' | 'created' | 'deleted' = 'changed'): void {
    const tracked = this.isTracked(file);
    if (!tracked && !isDiscoveryInput(file) && !(isSourceFile(file) && kind !== 'changed' && !this.excluded(file))) {
      return; // a test, a generated file, an ignored folder: nothing the map is made of
    }
    if (kind !== 'changed' || !tracked) this.rediscover = true;
    this.relink = true;
    this.dirty.add(file);
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
  private excluded(file: string): boolean {
    if (!this.ws) return false;
    this.isExcluded ??= picomatch(excludeGlobs(this.ws.config), { dot: true });
    return this.isExcluded(file) || file.split('/').some((seg) => DEFAULT_SKIP_DIRS.has(seg));
  }

  private isExcluded: ((file: string) => boolean) | undefined;

  private readonly dirty = new Set<string>();

  /** Brings the map up to date; returns it. Cheap when nothing changed. */
  refresh(opts: Pick<AnalyzeOptions, 'onProgress' | 'isCancelled'> = {}): StateMap {
    if (this.current && !this.rediscover && !this.relink) return this.current;
    const catalog = this.options.catalog ?? defaultCatalog();
    const run = { ...this.options, ...opts, cache: this.cache, overlay: this.overlay };
    if (this.rediscover || !this.ws) {
      const { ws, facts, problems } = analyzeParts(this.root, run);
      if (this.ws?.config.ignore.join('\0') !== ws.config.ignore.join('\0') || this.ws?.config.includeTests !== ws.config.includeTests) this.isExcluded = undefined;
      this.ws = ws;
      this.facts = facts;
      this.problems = problems;
    } else {
      // only the files that changed are read and extracted again: the rest come from the cache
      const only = { ...this.ws, sourceFiles: this.ws.sourceFiles.filter((f) => this.dirty.has(f.rel)) };
      const problems: typeof this.problems = [];
      const updated = extractWorkspace(only, catalog, { ...run, cache: undefined }, problems);
      for (const f of only.sourceFiles) {
        const ff = updated.get(f.rel);
        if (ff) this.facts.set(f.rel, ff);
        else this.facts.delete(f.rel);
      }
      this.problems = [...this.problems.filter((p) => !this.dirty.has(p.file)), ...problems];
    }
    this.dirty.clear();
    this.rediscover = false;
    this.relink = false;
    // the link's own resolver, kept (with what it has resolved) for resolveImport
    this.resolver = moduleResolver(this.ws, this.facts, catalog);
    this.current = linkAndModel(this.ws, this.facts, catalog, [...this.problems], run, this.resolver);
    return this.current;
  }

  private problems: Array<{ file: string; message: string }> = [];
}

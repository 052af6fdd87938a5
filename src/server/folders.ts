import path from 'node:path';
import { CodeLensRefreshRequest, type Connection, type FileEvent, FileChangeType, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { readText } from '../core/read';
import type { StateMap } from '../core/model/types';
import { MapChangedNotification, StatusNotification, type FolderStatus } from '../protocol/messages';
import type { AnalysisHost } from './analysisHost';
import type { ActiveCompare } from './compareView';
import { diagnosticsFor } from './diagnostics';
import { IndexingProgress } from './progress';
import { sameSession, sessionOptions, type Settings } from './settings';

/** Diagnostics quote a line of a file the analysis read; larger files than this are not read again. */
const DIAGNOSTIC_SOURCE_LIMIT = 16 * 1024 * 1024;
import type { MapExtras } from './workerProtocol';

/**
 * Quiet time after the last keystroke before a file is analyzed again: a burst of typing is one run,
 * and the run itself (one file extracted, its importers linked) is short enough not to need more.
 */
export const EDIT_DEBOUNCE_MS = 60;

export interface ClientCaps {
  workDoneProgress: boolean;
  codeLensRefresh: boolean;
}

export interface FolderEntry {
  uri: string;
  name: string;
  root: string;
  settings: Settings;
  version: number;
  status: FolderStatus;
  map?: StateMap;
  extras?: MapExtras;
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
  full: boolean;
  waiters: Array<() => void>;
  /** Diagnostics last sent, by URI (JSON), so an edit only re-sends files whose diagnostics changed. */
  published: Map<string, string>;
  /** The comparison with a branch the panel shows, until it goes back to the map (hovers say what is new). */
  compare?: ActiveCompare;
  /** Resolves when the first run ends (with a map or not): a hover that comes during indexing waits for it. */
  firstRun: Promise<void>;
  endFirstRun(): void;
}

function isLocal(e: FolderEntry): boolean {
  return URI.parse(e.uri).scheme === 'file';
}

/**
 * The workspace folders the server analyzes: one session (in the analysis thread) and one map per folder.
 * Edits are debounced, runs of one folder never overlap, and each finished run publishes diagnostics and
 * tells the client that the map changed.
 */
export class Folders {
  private readonly entries = new Map<string, FolderEntry>();

  constructor(
    private readonly conn: Connection,
    private readonly host: AnalysisHost,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly caps: ClientCaps,
  ) {}

  list(): FolderEntry[] {
    return [...this.entries.values()];
  }

  get(uri: string): FolderEntry | undefined {
    return this.entries.get(uri);
  }

  /** The folder a file belongs to (the innermost, for nested folders) and its posix path there. */
  ofFile(uri: string): { entry: FolderEntry; rel: string } | undefined {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    const abs = parsed.fsPath;
    let best: FolderEntry | undefined;
    for (const e of this.entries.values()) {
      if ((abs === e.root || abs.startsWith(e.root.endsWith(path.sep) ? e.root : e.root + path.sep)) && (!best || e.root.length > best.root.length)) best = e;
    }
    return best && { entry: best, rel: path.relative(best.root, abs).split(path.sep).join('/') };
  }

  /** `root`: the folder to analyze when it is not the workspace folder itself (the monorepo a package is in). */
  add(uri: string, name: string, settings: Settings, root = URI.parse(uri).fsPath): void {
    if (this.entries.has(uri)) return;
    let endFirstRun = (): void => undefined;
    const firstRun = new Promise<void>((resolve) => (endFirstRun = resolve));
    const entry: FolderEntry = {
      uri, name, root, settings, version: 0, running: false, again: false, full: false, waiters: [], published: new Map(),
      status: { folder: uri, name, state: 'indexing', version: 0, message: 'Starting' },
      firstRun, endFirstRun,
    };
    this.entries.set(uri, entry);
    if (isLocal(entry)) this.host.open(uri, root, sessionOptions(settings));
    for (const doc of this.documents.all()) this.documentChanged(doc, false);
    this.schedule(entry, 0);
  }

  remove(uri: string): void {
    const e = this.entries.get(uri);
    if (!e) return;
    clearTimeout(e.timer);
    if (e.running) this.host.cancel(e.uri);
    this.entries.delete(uri);
    this.host.close(uri);
    for (const u of e.published.keys()) void this.conn.sendDiagnostics({ uri: u, diagnostics: [] });
    for (const w of e.waiters.splice(0)) w();
    e.endFirstRun();
  }

  updateSettings(e: FolderEntry, settings: Settings): void {
    const restart = !sameSession(e.settings, settings);
    e.settings = settings;
    if (restart && isLocal(e)) {
      if (e.running) this.host.cancel(e.uri);
      this.host.open(e.uri, e.root, sessionOptions(settings));
      this.schedule(e, 0);
      return;
    }
    this.publish(e);
    this.changed(e);
  }

  // which files are JS/TS is the analysis thread's call: this thread loads no analysis code (ts-morph is slow to load)
  documentChanged(doc: TextDocument, debounce = true): void {
    const f = this.ofFile(doc.uri);
    if (!f) return;
    this.host.overlay(f.entry.uri, f.rel, doc.getText());
    if (debounce) this.schedule(f.entry, EDIT_DEBOUNCE_MS);
  }

  documentClosed(doc: TextDocument): void {
    const f = this.ofFile(doc.uri);
    if (!f) return;
    this.host.overlay(f.entry.uri, f.rel, null);
    this.schedule(f.entry, EDIT_DEBOUNCE_MS);
  }

  /** Saving a README, manifest or package.json can change claims and services: discovery reads them from disk. */
  documentSaved(doc: TextDocument): void {
    const f = this.ofFile(doc.uri);
    if (!f) return;
    this.host.saved(f.entry.uri, f.rel);
    this.schedule(f.entry, EDIT_DEBOUNCE_MS);
  }

  watched(changes: FileEvent[]): void {
    for (const c of changes) {
      const f = this.ofFile(c.uri);
      if (!f) continue;
      const kind = c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      this.host.changed(f.entry.uri, f.rel, kind, !!this.documents.get(c.uri));
      this.schedule(f.entry, EDIT_DEBOUNCE_MS);
    }
  }

  /** Stops the folder's indexing (the user's Cancel); the last map stays. */
  cancel(e: FolderEntry): void {
    if (e.running) this.host.cancel(e.uri);
  }

  /** Analyze again; `full` discovers the workspace again first. Resolves when a run that includes this request ends. */
  refresh(e: FolderEntry, full: boolean): Promise<void> {
    e.full ||= full;
    const done = new Promise<void>((resolve) => e.waiters.push(resolve));
    this.schedule(e, 0);
    return done;
  }

  private schedule(e: FolderEntry, delay: number): void {
    clearTimeout(e.timer);
    e.timer = setTimeout(() => {
      e.timer = undefined;
      void this.run(e);
    }, delay);
  }

  private async run(e: FolderEntry): Promise<void> {
    if (!isLocal(e)) {
      // a virtual folder (vscode-vfs:, untitled:) has no files on this machine to analyze
      this.setStatus(e, { state: 'error', message: `only file: folders can be analyzed, not ${e.uri}` });
      e.endFirstRun();
      for (const w of e.waiters.splice(0)) w();
      return;
    }
    if (e.running) {
      e.again = true;
      return;
    }
    e.running = true;
    const full = e.full;
    e.full = false;
    const progress = new IndexingProgress(this.conn, this.caps.workDoneProgress, e.name, () => this.host.cancel(e.uri), (p) =>
      this.setStatus(e, { state: 'indexing', message: p.message, done: p.done, total: p.total }),
    );
    const started = Date.now();
    const outcome = await this.host.refresh(e.uri, full, (p) => progress.report(p));
    const waited = Date.now() - started;
    progress.done();
    e.running = false;
    e.endFirstRun();
    if (this.entries.get(e.uri) !== e) return;
    if (outcome.kind === 'done') {
      e.map = outcome.map;
      e.extras = outcome.extras;
      e.version++;
      const broken = e.map.services.filter((s) => s.honest === false).length;
      this.conn.console.info(`${e.name}: ${e.map.services.length} services, ${e.map.stores.length} stores, ${broken} broken claims (${outcome.ms} ms analyzing, ${waited} ms in all)`);
      this.setStatus(e, { state: 'ready', message: undefined, done: undefined, total: undefined, sourceFiles: e.extras.sourceFiles, services: e.map.services.length, brokenClaims: broken });
      this.publish(e);
      this.changed(e);
    } else if (outcome.kind === 'unchanged') {
      if (e.status.state !== 'ready') this.setStatus(e, { state: 'ready', message: undefined, done: undefined, total: undefined });
    } else if (outcome.kind === 'cancelled') {
      if (!e.again && !e.timer) this.setStatus(e, { state: 'cancelled', message: 'Indexing was cancelled. Run "State Map: Refresh" to index again.', done: undefined, total: undefined });
    } else {
      this.conn.console.error(`${e.name}: analysis failed: ${outcome.message}`);
      this.setStatus(e, { state: 'error', message: outcome.message.split('\n')[0], done: undefined, total: undefined });
    }
    if (e.again) {
      e.again = false;
      this.schedule(e, 0);
    } else if (!e.timer) {
      for (const w of e.waiters.splice(0)) w();
    }
  }

  private setStatus(e: FolderEntry, patch: Partial<FolderStatus>): void {
    e.status = { ...e.status, ...patch, version: e.version };
    void this.conn.sendNotification(StatusNotification, e.status);
  }

  private changed(e: FolderEntry): void {
    void this.conn.sendNotification(MapChangedNotification, { folder: e.uri, version: e.version });
    if (this.caps.codeLensRefresh) void this.conn.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  }

  uriOf(e: FolderEntry, file: string): string {
    return URI.file(path.join(e.root, file)).toString();
  }

  private publish(e: FolderEntry): void {
    const lines = new Map<string, string[] | undefined>();
    const lineText = (file: string, line: number): string | undefined => {
      if (!lines.has(file)) {
        const uri = this.uriOf(e, file);
        let text = this.documents.get(uri)?.getText();
        if (text === undefined) {
          // the same bounded reader as the analysis: a file swapped for a FIFO or a huge one since is not read
          text = readText(path.join(e.root, file), file, 0, DIAGNOSTIC_SOURCE_LIMIT).text;
        }
        lines.set(file, text?.split(/\r?\n/));
      }
      return lines.get(file)?.[line - 1];
    };
    const byFile = e.map ? diagnosticsFor(e.map, e.settings, { lineText, uriOf: (f) => this.uriOf(e, f) }) : new Map();
    const now = new Map<string, string>();
    for (const [file, diagnostics] of byFile) {
      const uri = this.uriOf(e, file);
      const json = JSON.stringify(diagnostics);
      now.set(uri, json);
      if (e.published.get(uri) !== json) void this.conn.sendDiagnostics({ uri, diagnostics });
    }
    for (const uri of e.published.keys()) if (!now.has(uri)) void this.conn.sendDiagnostics({ uri, diagnostics: [] });
    e.published = now;
  }
}

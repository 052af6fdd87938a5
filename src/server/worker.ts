import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { Cancelled, type AnalyzeOptions, type Progress } from '../core/analyze';
import { CONFIG_FILE } from '../core/config';
import { isSourceFile } from '../core/extract';
import type { StateMap } from '../core/model/types';
import { AnalysisSession } from '../core/session';
import { compareWithRef, DiffError } from './compare';
import { findEntryPoints, findHazardSites } from './entries';
import type { FromWorker, SessionOptions, ToWorker } from './workerProtocol';

interface Open {
  session: AnalysisSession;
  sourceFiles?: number;
  /** The map last sent: a refresh that returns it again sends nothing. */
  sent?: StateMap;
}

/**
 * The analysis thread: one AnalysisSession per workspace folder, driven by messages. Cancellation
 * comes through shared memory (the id of the refresh to stop), because this thread is busy, and deaf to
 * messages, while it analyzes.
 */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runAnalysisWorker must run in a worker thread');
  const cancelFlag = new Int32Array(workerData.cancel as SharedArrayBuffer);
  const sessions = new Map<string, Open>();
  const post = (m: FromWorker): void => port.postMessage(m);

  port.on('message', (m: ToWorker) => {
    switch (m.type) {
      case 'open':
        sessions.set(m.folder, { session: new AnalysisSession(m.root, sessionOptions(m.options)) });
        return;
      case 'close':
        sessions.delete(m.folder);
        return;
      case 'overlay': {
        if (!isSourceFile(m.file)) return;
        const open = sessions.get(m.folder);
        // an edit to a file the analysis skips (a test, an ignored folder) must not rediscover the workspace on every keystroke
        if (open && open.session.map && !open.session.isTracked(m.file) && m.text !== null) return;
        open?.session.setOverlay(m.file, m.text ?? undefined);
        return;
      }
      case 'saved':
        if (!isSourceFile(m.file)) sessions.get(m.folder)?.session.fileChanged(m.file, 'changed');
        return;
      case 'changed':
        // an open editor's text wins over the disk: its overlay already says what changed
        if (m.open && m.kind === 'changed' && isSourceFile(m.file)) return;
        sessions.get(m.folder)?.session.fileChanged(m.file, m.kind);
        return;
      case 'refresh':
        refresh(m.id, m.folder, m.full);
        return;
      case 'compare':
        compare(m.id, m.folder, m.ref);
        return;
    }
  });

  function compare(id: number, folder: string, ref: string): void {
    const open = sessions.get(folder);
    if (!open) return post({ type: 'failed', id, folder, message: 'folder is not open' });
    let lastPost = 0;
    const onProgress = (p: Progress): void => {
      const now = performance.now();
      if (now - lastPost < 100 && p.done !== p.total) return;
      lastPost = now;
      post({ type: 'progress', id, folder, progress: p });
    };
    try {
      post({ type: 'compared', id, folder, diff: compareWithRef(open.session, ref, { onProgress, isCancelled: () => Atomics.load(cancelFlag, 0) === id }) });
    } catch (err) {
      if (err instanceof Cancelled) post({ type: 'cancelled', id, folder });
      else if (err instanceof DiffError) post({ type: 'refused', id, folder, message: err.message });
      else post({ type: 'failed', id, folder, message: (err as Error).stack ?? String(err) });
    }
  }

  function refresh(id: number, folder: string, full: boolean): void {
    const open = sessions.get(folder);
    if (!open) return post({ type: 'failed', id, folder, message: 'folder is not open' });
    // a missing folder would otherwise analyze as an empty workspace and look like a real, empty map
    const missing = notADirectory(open.session.root);
    if (missing) return post({ type: 'failed', id, folder, message: missing });
    const started = performance.now();
    // a Refresh re-reads discovery's inputs; the fact cache keeps unchanged files from being parsed again
    if (full) open.session.fileChanged(CONFIG_FILE, 'changed');
    let discovered = false;
    let total: number | undefined;
    let lastPost = 0;
    const onProgress = (p: Progress): void => {
      if (p.phase === 'discover') discovered = true;
      else if (p.phase === 'extract' && discovered && total === undefined) total = p.total;
      const now = performance.now();
      if (now - lastPost < 100 && p.done !== p.total) return;
      lastPost = now;
      post({ type: 'progress', id, folder, progress: p });
    };
    try {
      const map = open.session.refresh({ onProgress, isCancelled: () => Atomics.load(cancelFlag, 0) === id });
      if (discovered) open.sourceFiles = total ?? 0;
      if (map === open.sent) return post({ type: 'unchanged', id, folder });
      open.sent = map;
      const root = open.session.root;
      const factsOf = (f: string) => open.session.factsOf(f);
      const extras = {
        sourceFiles: open.sourceFiles,
        entries: findEntryPoints(map, factsOf, (serviceRoot) => readJson(path.join(root, serviceRoot, 'package.json'))),
        sites: findHazardSites(map, factsOf, { files: open.session.sourceFiles, resolveImport: (spec, from) => open.session.resolveImport(spec, from) }),
      };
      post({ type: 'done', id, folder, map, extras, ms: Math.round(performance.now() - started) });
      // a map kept by an earlier run was sent: link now, while the user reads it, so that the first edit is quick
      if (open.session.linkPending) {
        setImmediate(() => {
          try {
            open.session.completeLink();
          } catch {
            // the first edit links everything instead, and reports what fails then
          }
        });
      }
    } catch (err) {
      if (err instanceof Cancelled) post({ type: 'cancelled', id, folder });
      else post({ type: 'failed', id, folder, message: (err as Error).stack ?? String(err) });
    }
  }
}

function sessionOptions(o: SessionOptions): Omit<AnalyzeOptions, 'cache' | 'overlay'> {
  const opts: Omit<AnalyzeOptions, 'cache' | 'overlay'> = {
    ignore: o.ignore,
    includeTests: o.includeTests,
    ...(o.experimentalHazards ? { experimentalHazards: true } : {}),
    cacheDir: o.cacheDir ?? false,
    ...(o.maxFileSize ? { maxFileSize: o.maxFileSize } : {}),
    ...(o.include.length ? { include: o.include } : {}),
  };
  return opts;
}

function notADirectory(root: string): string | undefined {
  try {
    return fs.statSync(root).isDirectory() ? undefined : `the workspace folder is not a directory: ${root}`;
  } catch (err) {
    return `the workspace folder cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): ${root}`;
  }
}

/** package.json is data: parsed, never required. */
function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

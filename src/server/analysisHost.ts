import { Worker } from 'node:worker_threads';
import type { Progress } from '../core/analyze';
import type { StateMapDiff } from '../core/diff';
import type { StateMap } from '../core/model/types';
import type { FromWorker, MapExtras, SessionOptions, ToWorker } from './workerProtocol';

export type RefreshOutcome =
  | { kind: 'done'; map: StateMap; extras: MapExtras; ms: number }
  | { kind: 'unchanged' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

export type CompareOutcome =
  | { kind: 'compared'; diff: StateMapDiff }
  | { kind: 'refused'; message: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

interface Pending {
  folder: string;
  onProgress?(p: Progress): void;
  resolve(o: RefreshOutcome | CompareOutcome): void;
}

/**
 * The LSP thread's handle on the analysis thread. It remembers what each session was opened with and
 * which editors are open, so a crashed worker comes back with the same sessions.
 */
export class AnalysisHost {
  private worker: Worker | undefined;
  /** Shared with the worker: the id of the refresh to stop. */
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly opened = new Map<string, { root: string; options: SessionOptions }>();
  private readonly overlays = new Map<string, Map<string, string>>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Where sessions keep facts between server starts (set once the client says, before folders open). */
  cacheDir: string | undefined;

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
  ) {}

  open(folder: string, root: string, options: SessionOptions): void {
    this.opened.set(folder, { root, options });
    this.post({ type: 'open', folder, root, options: { ...options, cacheDir: this.cacheDir } });
    for (const [file, text] of this.overlays.get(folder) ?? []) this.post({ type: 'overlay', folder, file, text });
  }

  close(folder: string): void {
    this.opened.delete(folder);
    this.overlays.delete(folder);
    this.post({ type: 'close', folder });
  }

  overlay(folder: string, file: string, text: string | null): void {
    let m = this.overlays.get(folder);
    if (!m) this.overlays.set(folder, (m = new Map()));
    if (text === null) m.delete(file);
    else m.set(file, text);
    this.post({ type: 'overlay', folder, file, text });
  }

  saved(folder: string, file: string): void {
    this.post({ type: 'saved', folder, file });
  }

  changed(folder: string, file: string, kind: 'changed' | 'created' | 'deleted', open: boolean): void {
    this.post({ type: 'changed', folder, file, kind, open });
  }

  refresh(folder: string, full: boolean, onProgress?: (p: Progress) => void): Promise<RefreshOutcome> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { folder, onProgress, resolve: resolve as Pending['resolve'] });
      this.post({ type: 'refresh', id, folder, full });
    });
  }

  /** Compares a folder's working tree with the merge base of `ref`; `id` names it for `cancelRequest`. */
  compare(folder: string, ref: string, onProgress?: (p: Progress) => void): { id: number; done: Promise<CompareOutcome> } {
    const id = this.nextId++;
    const done = new Promise<CompareOutcome>((resolve) => {
      this.pending.set(id, { folder, onProgress, resolve: resolve as Pending['resolve'] });
      this.post({ type: 'compare', id, folder, ref });
    });
    return { id, done };
  }

  /** Stops one refresh or comparison, running or queued. */
  cancelRequest(id: number): void {
    if (this.pending.has(id)) Atomics.store(this.cancelFlag, 0, id);
  }

  /** Stops a folder's analysis, running or queued (the worker checks the shared flag between files). */
  cancel(folder: string): void {
    for (const [id, p] of this.pending) if (p.folder === folder) Atomics.store(this.cancelFlag, 0, id);
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private post(m: ToWorker): void {
    this.ensureWorker().postMessage(m);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { workerData: { role: 'state-map-analysis', cancel: this.cancelFlag.buffer } });
    w.on('message', (m: FromWorker) => this.receive(m));
    w.on('error', (err) => this.log(`analysis thread failed: ${err.stack ?? err.message}`));
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.log(`analysis thread exited with code ${code}`);
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const p of lost) p.resolve({ kind: 'failed', message: `the analysis thread stopped (exit code ${code})` });
      // the next message starts a new thread with the same sessions
      if (this.opened.size) {
        const again = [...this.opened];
        this.worker = undefined;
        for (const [folder, o] of again) this.open(folder, o.root, o.options);
      }
    });
    w.unref();
    this.worker = w;
    return w;
  }

  private receive(m: FromWorker): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') {
      p.onProgress?.(m.progress);
      return;
    }
    this.pending.delete(m.id);
    if (m.type === 'done') p.resolve({ kind: 'done', map: m.map, extras: m.extras, ms: m.ms });
    else if (m.type === 'unchanged') p.resolve({ kind: 'unchanged' });
    else if (m.type === 'cancelled') p.resolve({ kind: 'cancelled' });
    else if (m.type === 'compared') p.resolve({ kind: 'compared', diff: m.diff });
    else if (m.type === 'refused') p.resolve({ kind: 'refused', message: m.message });
    else p.resolve({ kind: 'failed', message: m.message });
  }
}

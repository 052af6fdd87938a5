import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { Catalog } from '../../catalog';
import { looksVendored, readText } from '../discover/files';
import type { FileFacts } from '../facts';
import type { Problem } from '../model/types';
import { extractFile, type ExtractOptions } from './index';

/** What a thread needs to extract files on its own: plain data, rebuilt into options on the other side. */
export interface ExtractPlan {
  root: string;
  files: Array<{ rel: string; size: number }>;
  maxFileSize: number;
  /** Module specifiers the workspace's packages depend on, its package names and path-alias prefixes. */
  follow: { deps: string[]; packageNames: string[]; prefixes: string[] };
}

/** One file's outcome. */
export type FileOutcome = { i: number; facts: FileFacts } | { i: number; problem: Problem };

const ROLE = 'state-map-extract';

/** Node's own modules: never a workspace file, never a store unless the catalog says so (`fs`, `http`). */
export const BUILTINS: ReadonlySet<string> = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Below this many files a helper thread costs more (it loads TypeScript) than it saves. */
const PARALLEL_MIN_FILES = 400;

/**
 * How many helper threads to start: only when asked (STATE_MAP_THREADS or the `threads` option), never
 * for small workspaces, never more than the cores. Off by default: on two busy cores a helper that loads
 * its own TypeScript and sends its facts back costs more than it saves (measured on outline: 6.9 s with
 * two threads against 5.8 s with one, and 360 MB against 264 MB).
 */
export function helperThreads(files: number, requested?: number): number {
  const env = Number(process.env.STATE_MAP_THREADS);
  const total = requested ?? (Number.isInteger(env) && env > 0 ? env : undefined);
  if (total === undefined || files < PARALLEL_MIN_FILES) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(0, Math.min(total, cores) - 1);
}

/** Builds the predicate that decides which imports are worth following (see analyze.ts). */
export function followPredicate(follow: ExtractPlan['follow'], catalog: Catalog, builtins: ReadonlySet<string> = BUILTINS): (spec: string) => boolean {
  const deps = new Set(follow.deps);
  const names = new Set(follow.packageNames);
  return (spec: string): boolean => {
    if (spec.startsWith('.') || spec.startsWith('/')) return true;
    if (catalog.byModule(spec)) return true;
    if (builtins.has(spec)) return false;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (names.has(name)) return true;
    if (follow.prefixes.some((p) => p && spec.startsWith(p))) return true;
    return !deps.has(name);
  };
}

/** Reads and extracts one file; never throws for what the file contains. */
export function extractOne(root: string, f: { rel: string; size: number }, maxFileSize: number, opts: ExtractOptions, text?: string): FileFacts | Problem {
  if (text === undefined) {
    const r = readText(path.join(root, f.rel), f.rel, f.size, maxFileSize);
    if (r.problem) return r.problem;
    text = r.text!;
  }
  if (looksVendored(text)) return { file: f.rel, message: 'skipped: looks like a bundled third-party library (minified or UMD build)' };
  try {
    return extractFile(f.rel, text, opts);
  } catch (err) {
    // a parser or walker bug must not lose the rest of the workspace
    return { file: f.rel, message: `could not be analyzed: ${(err as Error).message}` };
  }
}

export function isProblem(x: FileFacts | Problem): x is Problem {
  return !('imports' in x);
}

/**
 * Extracts files on this thread and on helper threads at once, and returns when all are done — a
 * synchronous call, so the pipeline stays one plain function. Threads take the next file from a
 * shared counter, so a helper that starts late (it loads TypeScript first) simply takes fewer.
 */
export function extractInParallel(
  plan: ExtractPlan,
  script: string,
  threads: number,
  local: (i: number) => FileOutcome,
  onDone: (count: number) => void,
  isCancelled: () => boolean,
): FileOutcome[] {
  const next = new Int32Array(new SharedArrayBuffer(4));
  // per helper: [started, finished]
  const state = new Int32Array(new SharedArrayBuffer(8 * threads));
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let t = 0; t < threads; t++) {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1);
    workers.push(new Worker(script, { workerData: { role: ROLE, plan, next: next.buffer, state: state.buffer, slot: t, port: port2 }, transferList: [port2] }));
  }
  const got = new Map<number, FileOutcome>();
  const lastSeen = ports.map(() => Date.now());
  const drain = () => {
    ports.forEach((port, t) => {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const batch = m.message as FileOutcome[];
        for (const o of batch) if (o.i >= 0) got.set(o.i, o);
        onDone(batch.length);
        lastSeen[t] = Date.now();
      }
    });
  };
  try {
    for (;;) {
      if (isCancelled()) throw new CancelledExtraction();
      const i = Atomics.add(next, 0, 1);
      if (i >= plan.files.length) break;
      got.set(i, local(i));
      onDone(1);
      if (i % 16 === 0) drain();
    }
    for (let t = 0; t < threads; t++) {
      // a helper still loading when this thread is done took no file: it is not waited for
      if (Atomics.load(state, 2 * t) === 0) continue;
      while (Atomics.load(state, 2 * t + 1) === 0) {
        if (isCancelled()) throw new CancelledExtraction();
        Atomics.wait(state, 2 * t + 1, 0, 50);
        drain();
        if (Date.now() - lastSeen[t] > STALL_MS) break; // a helper that died: its files are done here
      }
    }
    drain();
    // whatever a helper took and never returned is extracted here
    for (let i = 0; i < plan.files.length; i++) if (!got.has(i)) got.set(i, local(i));
    return [...got.values()];
  } finally {
    for (const w of workers) void w.terminate();
    for (const p of ports) p.close();
  }
}

const STALL_MS = 20_000;

export class CancelledExtraction extends Error {}

/** Does this thread run as an extraction helper? */
export function isExtractWorker(): boolean {
  return (workerData as { role?: string } | undefined)?.role === ROLE;
}

/** The helper thread's side: take files from the shared counter, post facts in batches, flag the end. */
export function runExtractWorker(): void {
  const data = workerData as { plan: ExtractPlan; next: SharedArrayBuffer; state: SharedArrayBuffer; slot: number; port: MessagePort };
  const next = new Int32Array(data.next);
  const state = new Int32Array(data.state);
  const { plan, port } = data;
  let batch: FileOutcome[] = [];
  try {
    const catalog = new Catalog();
    const opts: ExtractOptions = {
      globals: new Set([...catalog.globalRoots, 'import.meta']),
      receivers: catalog.receiverRoots,
      followModule: followPredicate(plan.follow, catalog),
    };
    Atomics.store(state, 2 * data.slot, 1); // started: from now on, files this thread takes are waited for
    for (;;) {
      const i = Atomics.add(next, 0, 1);
      if (i >= plan.files.length) break;
      const r = extractOne(plan.root, plan.files[i], plan.maxFileSize, opts);
      batch.push(isProblem(r) ? { i, problem: r } : { i, facts: r });
      if (batch.length >= 32) {
        port.postMessage(batch);
        batch = [];
      }
    }
  } finally {
    port.postMessage(batch);
    Atomics.store(state, 2 * data.slot + 1, 1);
    Atomics.notify(state, 2 * data.slot + 1);
  }
}

// The analyses of `diff` and `baseline` on a thread of their own, and temporary folders removed however a run ends.
import path from 'node:path';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { analyze, FactCache, type AnalyzeOptions, type Progress } from '../core/analyze';
import type { StateMap } from '../core/model/types';

declare const STATE_MAP_VERSION: string | undefined;

/** The options of an analysis that can cross to a thread (no functions). */
export type AnalysisOptions = Pick<AnalyzeOptions, 'includeTests' | 'experimentalHazards' | 'maxFileSize' | 'ignore'>;

/**
 * Helper threads run the launcher beside this bundle (`dist/cli.js`, which loads the bundle from V8's code
 * cache); from sources (tests under tsx) the analysis stays on one thread.
 */
export const workerScript = typeof STATE_MAP_VERSION === 'string' ? path.join(__dirname, 'cli.js') : undefined;

const ANALYZE_ROLE = 'state-map-analyze';

export function isAnalyzeWorker(): boolean {
  return (workerData as { role?: string } | undefined)?.role === ANALYZE_ROLE;
}

/** The thread `analyzeOffThread` starts: the maps of its roots, in order, or the first error. */
export function runAnalyzeWorker(): void {
  const data = workerData as { roots: string[]; progress: boolean; options: AnalysisOptions };
  const onProgress = data.progress ? (p: Progress) => parentPort!.postMessage({ progress: p }) : undefined;
  try {
    parentPort!.postMessage({ maps: analyzeAll(data.roots, { ...data.options, onProgress }) });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
}

/**
 * The maps of several checkouts of one workspace (a diff's base and head), in order. They share facts in
 * memory: a file the change did not touch is taken from the disk cache, or parsed, once.
 */
function analyzeAll(roots: string[], options: AnalyzeOptions): StateMap[] {
  const cache = new FactCache();
  return roots.map((root) => analyze(root, { ...options, cache }));
}

/**
 * The analyses of `diff`, on a thread of their own: this thread stays free to hear Ctrl-C and remove
 * the checked-out ref at once (a signal waits for the event loop, which a running analysis blocks).
 */
export function analyzeOffThread(roots: string[], options: AnalysisOptions, onProgress: ((p: Progress) => void) | undefined): Promise<StateMap[]> {
  if (!workerScript) return Promise.resolve(analyzeAll(roots, { ...options, onProgress }));
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: { role: ANALYZE_ROLE, roots, progress: !!onProgress, options } });
    worker.on('message', (m: { progress?: Progress; maps?: StateMap[]; error?: string }) => {
      if (m.progress) onProgress?.(m.progress);
      else if (m.maps) resolve(m.maps);
      else reject(new Error(m.error));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the analysis thread stopped (exit code ${code})`)));
  });
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Runs `body` with temporary folders that are removed however it ends: normally, on an error, or on
 * Ctrl-C / SIGTERM, which then exit 130 / 143 as shells expect. The signals are caught only once there is a
 * folder to remove: before that, a handler would wait for the event loop, which an analysis running on this
 * thread blocks, and the signal would be lost when the run ends; uncaught, it ends the process at once.
 */
export async function withTemporaries<T>(body: (track: <D extends { cleanup(): void }>(make: () => D) => D) => Promise<T>): Promise<T> {
  const cleanups: Array<() => void> = [];
  const cleanAll = () => {
    for (const c of cleanups.splice(0)) c();
  };
  const offs: Array<() => void> = [];
  const catchSignals = () => {
    for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
      const handler = () => {
        cleanAll();
        process.exit(code);
      };
      process.on(signal, handler);
      offs.push(() => process.off(signal, handler));
    }
  };
  // process.exit() elsewhere (the reader of stdout went away) skips `finally`, not this
  process.on('exit', cleanAll);
  offs.push(() => process.off('exit', cleanAll));
  let caught = false;
  try {
    // caught before the folder is made: a signal that comes while it is made still removes it
    return await body((make) => {
      if (!caught) {
        caught = true;
        catchSignals();
      }
      const d = make();
      cleanups.push(() => d.cleanup());
      return d;
    });
  } finally {
    cleanAll();
    for (const off of offs) off();
  }
}


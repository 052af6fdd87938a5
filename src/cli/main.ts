import fs from 'node:fs';
import path from 'node:path';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { analyze, analyzeParts, defaultCatalog, linkAndModel, newCounters, type Counters, type Progress } from '../core/analyze';
import { cacheDirFor, withCacheDir } from './cache';
import { DiffError, diffStateMaps, snapshotRef } from '../core/diff';
import type { Workspace } from '../core/discover';
import type { FileFacts } from '../core/facts';
import type { Problem, StateMap } from '../core/model/types';
import { colorWanted, renderers, type Format } from '../render';
import { renderDiffMarkdown, renderDiffJson } from '../render/diff';
import { HELP, UsageError, parseCommand, type Command } from './args';
import { checkMap, checkDiff } from './check';

declare const STATE_MAP_VERSION: string | undefined;

export function version(): string {
  if (typeof STATE_MAP_VERSION === 'string') return STATE_MAP_VERSION;
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  /** Standard output is a terminal: `analyze` then prints the summary for people (stylish) unless a format is asked for. */
  stdoutIsTTY?: boolean;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: !!process.stderr.isTTY,
  stdoutIsTTY: !!process.stdout.isTTY,
};

/** Progress on stderr, only for people watching a terminal, and only once a workspace is large. */
function progressReporter(io: Io, quiet: boolean): ((p: Progress) => void) | undefined {
  if (quiet || !io.isTTY) return undefined;
  let shown = false;
  return (p) => {
    if (p.phase === 'extract' && p.total < 300) return;
    shown = true;
    io.stderr(`\r\x1b[K${p.message}`);
    if (p.phase === 'link' && shown) io.stderr('\r\x1b[K');
  };
}

/** Helper threads run this bundle; from sources (tests under tsx) the analysis stays on one thread. */
const workerScript = typeof STATE_MAP_VERSION === 'string' ? __filename : undefined;

const ANALYZE_ROLE = 'state-map-analyze';

function isAnalyzeWorker(): boolean {
  return (workerData as { role?: string } | undefined)?.role === ANALYZE_ROLE;
}

/** The thread `analyzeOffThread` starts: the maps of its roots, in order, or the first error. */
function runAnalyzeWorker(): void {
  const data = workerData as { roots: string[]; progress: boolean };
  const onProgress = data.progress ? (p: Progress) => parentPort!.postMessage({ progress: p }) : undefined;
  try {
    parentPort!.postMessage({ maps: data.roots.map((root) => analyze(root, { onProgress, workerScript })) });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).message });
  }
}

/**
 * The analyses of `diff`, on a thread of their own: this thread stays free to hear Ctrl-C and remove
 * the checked-out ref at once (a signal waits for the event loop, which a running analysis blocks).
 */
function analyzeOffThread(roots: string[], onProgress: ((p: Progress) => void) | undefined): Promise<StateMap[]> {
  if (!workerScript) return Promise.resolve(roots.map((root) => analyze(root, { onProgress })));
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: { role: ANALYZE_ROLE, roots, progress: !!onProgress } });
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
 * Ctrl-C / SIGTERM, which then exit 130 / 143 as shells expect.
 */
async function withTemporaries<T>(body: (track: <D extends { cleanup(): void }>(d: D) => D) => Promise<T>): Promise<T> {
  const cleanups: Array<() => void> = [];
  const cleanAll = () => {
    for (const c of cleanups.splice(0)) c();
  };
  const handlers = Object.entries(SIGNAL_EXIT_CODES).map(([signal, code]) => {
    const handler = () => {
      cleanAll();
      process.exit(code);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  // process.exit() elsewhere (the reader of stdout went away) skips `finally`, not this
  process.on('exit', cleanAll);
  handlers.push(() => process.off('exit', cleanAll));
  try {
    return await body((d) => {
      cleanups.push(() => d.cleanup());
      return d;
    });
  } finally {
    cleanAll();
    for (const off of handlers) off();
  }
}

function folderOf(folder: string): string {
  const abs = path.resolve(folder);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new UsageError(`no such folder: ${folder}`);
  }
  if (!st.isDirectory()) throw new UsageError(`not a folder: ${folder}`);
  return abs;
}

/** An error with its own exit code and one-line message. */
class CliError extends Error {
  constructor(message: string, readonly exitCode: 2 | 3) {
    super(message);
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** What can be known about `--out` before the analysis: minutes of work are not lost to a typo. */
function checkOut(out: string | undefined): void {
  if (out === undefined) return;
  const abs = path.resolve(out);
  let st = statOrUndefined(abs);
  if (st?.isDirectory()) throw new UsageError(`--out: ${out} is a directory`);
  if (st) {
    // an existing file is overwritten, as every earlier run's output is
    try {
      fs.accessSync(abs, fs.constants.W_OK);
    } catch {
      throw new UsageError(`--out: cannot write ${out}: it is not writable`);
    }
    return;
  }
  let nearest = abs;
  while (!st) {
    nearest = path.dirname(nearest);
    st = statOrUndefined(nearest);
  }
  if (!st.isDirectory()) throw new UsageError(`--out: cannot write ${out}: ${nearest} is not a folder`);
  try {
    fs.accessSync(nearest, fs.constants.W_OK);
  } catch {
    throw new UsageError(`--out: cannot write ${out}: ${nearest} is not writable`);
  }
}

/** One folder at a time: Node 20's `mkdirSync(…, { recursive: true })` never returns under /proc. */
function makeFolders(dir: string): void {
  if (fs.existsSync(dir)) return;
  makeFolders(path.dirname(dir));
  fs.mkdirSync(dir);
}

function emit(io: Io, text: string, out: string | undefined): void {
  if (!out) return io.stdout(text);
  try {
    makeFolders(path.dirname(path.resolve(out)));
    fs.writeFileSync(out, text);
  } catch (err) {
    throw new CliError(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 3);
  }
}

/**
 * A map of nothing would pass every gate: a workspace the analysis could not read, or one without a
 * single file it could analyze, is an error rather than "ok — 1 service".
 */
function ensureAnalyzed(folder: string, ws: Workspace, facts: ReadonlyMap<string, FileFacts>, problems: Problem[]): void {
  const root = problems.find((p) => p.file === '.' && p.message.startsWith('unreadable folder'));
  if (root) throw new CliError(`cannot read ${folder}: ${root.message.replace(/^unreadable folder: /, '')}`, 3);
  if (facts.size > 0) return;
  const sources = new Set(ws.sourceFiles.map((f) => f.rel));
  const first = problems.find((p) => sources.has(p.file)) ?? problems[0];
  if (!first) throw new CliError(`no JavaScript or TypeScript files in ${folder}: nothing to analyze`, 2);
  const n = problems.length;
  throw new CliError(`nothing in ${folder} could be analyzed: ${n} problem${n === 1 ? '' : 's'}, the first: ${first.file}: ${first.message}`, 3);
}

function render(map: StateMap, format: Format, showEnv: boolean, color = false): string {
  return renderers[format](map, { showEnv, version: version(), color });
}

/** Timings for `npm run bench` (STATE_MAP_STATS=<file>): phases, peak memory, the files analyzed. */
class Stats {
  private readonly marks: Record<string, number> = {};
  phase(name: string): void {
    this.marks[name] ??= process.uptime() * 1000;
  }
  readonly counters: Counters = newCounters();
  write(file: string, map: StateMap, files: string[]): void {
    const end = process.uptime() * 1000;
    fs.writeFileSync(file, JSON.stringify({
      ...this.counters, heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
      wallMs: Math.round(end),
      startupMs: Math.round(this.marks.discover ?? end),
      extractMs: Math.round((this.marks.link ?? end) - (this.marks.discover ?? end)),
      linkMs: Math.round(end - (this.marks.link ?? end)),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      files: files.length, fileList: files,
      services: map.services.length, edges: map.edges.length, hazards: map.hazards.length,
    }));
  }
}

type CommandOf<K extends Command['cmd']> = Extract<Command, { cmd: K }>;

function analyzeCommand(cmd: CommandOf<'analyze'>, io: Io): number {
  const root = folderOf(cmd.folder);
  checkOut(cmd.out);
  const stats = process.env.STATE_MAP_STATS ? new Stats() : undefined;
  const report = progressReporter(io, cmd.quiet);
  const opts = {
    includeTests: cmd.includeTests, experimentalHazards: cmd.experimentalHazards, maxFileSize: cmd.maxFileSize, ignore: cmd.ignore, counters: stats?.counters,
    onProgress: (p: Progress) => {
      stats?.phase(p.phase);
      report?.(p);
    },
  };
  const { ws, facts, problems } = analyzeParts(root, opts);
  ensureAnalyzed(cmd.folder, ws, facts, problems);
  const map = linkAndModel(ws, facts, defaultCatalog(), problems, opts);
  // on a terminal, with no format asked for, a summary for people; piped or written to a file, Markdown
  const toTerminal = !cmd.out && !!io.stdoutIsTTY;
  const format = !cmd.formatGiven && toTerminal ? 'stylish' : cmd.format;
  emit(io, render(map, format, cmd.showEnv, colorWanted(process.env, toTerminal)), cmd.out);
  stats?.write(process.env.STATE_MAP_STATS!, map, [...facts.keys()]);
  return 0;
}

function checkCommand(cmd: CommandOf<'check'>, io: Io): number {
  const root = folderOf(cmd.folder);
  checkOut(cmd.out);
  const opts = { includeTests: cmd.includeTests, experimentalHazards: cmd.experimentalHazards, maxFileSize: cmd.maxFileSize, ignore: cmd.ignore, onProgress: progressReporter(io, cmd.quiet) };
  const { ws, facts, problems } = analyzeParts(root, opts);
  ensureAnalyzed(cmd.folder, ws, facts, problems);
  const map = linkAndModel(ws, facts, defaultCatalog(), problems, opts);
  const result = checkMap(map, cmd.failOn);
  if (cmd.out) emit(io, render(map, cmd.format, false), cmd.out);
  io.stdout(result.summary);
  return result.failed ? 1 : 0;
}

async function diffCommand(cmd: CommandOf<'diff'>, io: Io): Promise<number> {
  const root = folderOf(cmd.folder);
  checkOut(cmd.out);
  const progress = progressReporter(io, cmd.quiet);
  return withTemporaries(async (track) => {
    const base = track(snapshotRef(root, cmd.base));
    const head = cmd.head ? track(snapshotRef(root, cmd.head)) : undefined;
    const [before, after] = await analyzeOffThread([base.dir, head?.dir ?? root], progress);
    const diff = diffStateMaps(before, after, { base: cmd.base, head: cmd.head ?? 'working tree' });
    const text = cmd.format === 'json' ? renderDiffJson(diff) : cmd.format === 'markdown' ? renderDiffMarkdown(diff, { showEnv: cmd.showEnv }) : render(diff.after, cmd.format, cmd.showEnv);
    emit(io, text, cmd.out);
    const gate = checkDiff(diff, cmd.failOn);
    if (gate.failed) io.stderr(gate.summary);
    return gate.failed ? 1 : 0;
  });
}

/** Runs one command; resolves to the exit code. Never throws for user errors. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  let cmd: Command;
  try {
    cmd = parseCommand(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`state-map: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  try {
    switch (cmd.cmd) {
      case 'help':
        io.stdout(HELP);
        return 0;
      case 'version':
        io.stdout(`${version()}\n`);
        return 0;
      case 'analyze':
        return await withCacheDir(cacheDirFor(cmd.cache, cmd.folder), () => analyzeCommand(cmd, io));
      case 'check':
        return await withCacheDir(cacheDirFor(cmd.cache, cmd.folder), () => checkCommand(cmd, io));
      case 'diff':
        return await withCacheDir(cacheDirFor(cmd.cache, cmd.folder), () => diffCommand(cmd, io));
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`state-map: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof UsageError || err instanceof DiffError) {
      io.stderr(`state-map: ${err.message}\n`);
      return 2;
    }
    io.stderr(`state-map: analysis failed: ${(err as Error).message}\n`);
    if (process.env.STATE_MAP_DEBUG) io.stderr(`${(err as Error).stack}\n`);
    return 3;
  }
}

if (require.main === module) {
  // the same bundle runs the helper threads of a large analysis
  if (isAnalyzeWorker()) runAnalyzeWorker();
  else {
    for (const stream of [process.stdout, process.stderr]) {
      stream.on('error', (err: NodeJS.ErrnoException) => {
        // the reader went away (`state-map analyze | head -1`): it has what it wanted; stop, without a trace
        if (err.code === 'EPIPE') process.exit();
        throw err;
      });
    }
    void run(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    });
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { analyze, analyzeParts, defaultCatalog, linkAndModel, type Progress } from '../core/analyze';
import { DiffError, diffStateMaps, snapshotRef } from '../core/diff';
import { isExtractWorker, runExtractWorker } from '../core/extract/parallel';
import type { StateMap } from '../core/model/types';
import { renderers, type Format } from '../render';
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
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: !!process.stderr.isTTY,
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

function emit(io: Io, text: string, out: string | undefined): void {
  if (out) {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, text);
  } else io.stdout(text);
}

function render(map: StateMap, format: Format, showEnv: boolean): string {
  return renderers[format](map, { showEnv, version: version() });
}

/** Timings for `npm run bench` (STATE_MAP_STATS=<file>): phases, peak memory, the files analyzed. */
class Stats {
  private readonly marks: Record<string, number> = {};
  phase(name: string): void {
    this.marks[name] ??= process.uptime() * 1000;
  }
  write(file: string, map: StateMap, files: string[]): void {
    const end = process.uptime() * 1000;
    fs.writeFileSync(file, JSON.stringify({
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

/** Runs one command; returns the exit code. Never throws for user errors. */
export function run(argv: string[], io: Io = processIo): number {
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
      case 'analyze': {
        const root = folderOf(cmd.folder);
        const stats = process.env.STATE_MAP_STATS ? new Stats() : undefined;
        const report = progressReporter(io, cmd.quiet);
        const opts = {
          includeTests: cmd.includeTests, maxFileSize: cmd.maxFileSize, ignore: cmd.ignore, workerScript,
          onProgress: (p: Progress) => {
            stats?.phase(p.phase);
            report?.(p);
          },
        };
        const { ws, facts, problems } = analyzeParts(root, opts);
        const map = linkAndModel(ws, facts, defaultCatalog(), problems, opts);
        emit(io, render(map, cmd.format, cmd.showEnv), cmd.out);
        stats?.write(process.env.STATE_MAP_STATS!, map, [...facts.keys()]);
        return 0;
      }
      case 'check': {
        const root = folderOf(cmd.folder);
        const map = analyze(root, { includeTests: cmd.includeTests, maxFileSize: cmd.maxFileSize, ignore: cmd.ignore, onProgress: progressReporter(io, cmd.quiet), workerScript });
        const result = checkMap(map, cmd.failOn);
        if (cmd.out) emit(io, render(map, cmd.format, false), cmd.out);
        io.stdout(result.summary);
        return result.failed ? 1 : 0;
      }
      case 'diff': {
        const root = folderOf(cmd.folder);
        const progress = progressReporter(io, cmd.quiet);
        const base = snapshotRef(root, cmd.base);
        const head = cmd.head ? snapshotRef(root, cmd.head) : undefined;
        try {
          const before = analyze(base.dir, { onProgress: progress, workerScript });
          const after = analyze(head?.dir ?? root, { onProgress: progress, workerScript });
          const diff = diffStateMaps(before, after, { base: cmd.base, head: cmd.head ?? 'working tree' });
          const text = cmd.format === 'json' ? renderDiffJson(diff) : cmd.format === 'markdown' ? renderDiffMarkdown(diff, { showEnv: cmd.showEnv }) : render(diff.after, cmd.format, cmd.showEnv);
          emit(io, text, cmd.out);
          const gate = checkDiff(diff, cmd.failOn);
          if (gate.failed) io.stderr(gate.summary);
          return gate.failed ? 1 : 0;
        } finally {
          base.cleanup();
          head?.cleanup();
        }
      }
    }
  } catch (err) {
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
  if (isExtractWorker()) runExtractWorker();
  else process.exitCode = run(process.argv.slice(2));
}

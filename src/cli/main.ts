import fs from 'node:fs';
import { analyzeMap, newCounters, type Counters, type Progress } from '../core/analyze';
import { DiffError } from '../core/diff';
import type { StateMap } from '../core/model/types';
import { colorWanted } from '../render';
import { cacheDirFor, withCacheDir } from './cache';
import { HELP, UsageError, parseCommand, type Command } from './args';
import { atlasCommand } from './atlas';
import { baselineCommand, checkCommand, diffCommand } from './review';
import { isAnalyzeWorker, runAnalyzeWorker } from './threads';
import { CliError, emit, ensureAnalyzed, folderOf, checkOut, processIo, progressReporter, render, version, type Io } from './util';

export { version, type Io };

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
  const { map, files } = analyzeMap(root, opts, (ws, facts, problems) => ensureAnalyzed(cmd.folder, ws, facts, problems));
  // on a terminal, with no format asked for, a summary for people; piped or written to a file, Markdown
  const toTerminal = !cmd.out && !!io.stdoutIsTTY;
  const format = !cmd.formatGiven && toTerminal ? 'stylish' : cmd.format;
  emit(io, render(map, format, cmd.showEnv, colorWanted(process.env, toTerminal)), cmd.out);
  stats?.write(process.env.STATE_MAP_STATS!, map, files);
  return 0;
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
      case 'baseline':
        return await withCacheDir(cacheDirFor(cmd.cache, cmd.folder), () => baselineCommand(cmd, io));
      case 'atlas':
        return atlasCommand(cmd, io);
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

/** What `dist/cli.js` runs: the command line, or, in a helper thread of a large analysis, that analysis. */
export function main(): void {
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

if (require.main === module) main();

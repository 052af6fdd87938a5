// What every command shares: the version, output streams, folder and --out checks, writing results.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Progress } from '../core/analyze';
import type { Workspace } from '../core/discover';
import type { FileFacts } from '../core/facts';
import type { Problem, StateMap } from '../core/model/types';
import { reviewMap } from '../core/findings/review';
import { renderSarif, renderers, type Format } from '../render';
import { UsageError } from './args';

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

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: !!process.stderr.isTTY,
  stdoutIsTTY: !!process.stdout.isTTY,
};

/** Progress on stderr, only for people watching a terminal, and only once a workspace is large. */
export function progressReporter(io: Io, quiet: boolean): ((p: Progress) => void) | undefined {
  if (quiet || !io.isTTY) return undefined;
  let shown = false;
  return (p) => {
    if (p.phase === 'extract' && p.total < 300) return;
    shown = true;
    io.stderr(`\r\x1b[K${p.message}`);
    if (p.phase === 'link' && shown) io.stderr('\r\x1b[K');
  };
}

export function folderOf(folder: string): string {
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
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 2 | 3) {
    super(message);
  }
}

export function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** What can be known about `--out` before the analysis: minutes of work are not lost to a typo. */
export function checkOut(out: string | undefined): void {
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
export function makeFolders(dir: string): void {
  if (fs.existsSync(dir)) return;
  makeFolders(path.dirname(dir));
  fs.mkdirSync(dir);
}

export function emit(io: Io, text: string, out: string | undefined): void {
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
export function ensureAnalyzed(folder: string, ws: Workspace, facts: ReadonlyMap<string, FileFacts>, problems: Problem[]): void {
  const root = problems.find((p) => p.file === '.' && p.message.startsWith('unreadable folder'));
  if (root) throw new CliError(`cannot read ${folder}: ${root.message.replace(/^unreadable folder: /, '')}`, 3);
  if (facts.size > 0) return;
  const sources = new Set(ws.sourceFiles.map((f) => f.rel));
  const first = problems.find((p) => sources.has(p.file)) ?? problems[0];
  if (!first) throw new CliError(`no JavaScript or TypeScript files in ${folder}: nothing to analyze`, 2);
  const n = problems.length;
  throw new CliError(`nothing in ${folder} could be analyzed: ${n} problem${n === 1 ? '' : 's'}, the first: ${first.file}: ${first.message}`, 3);
}

/** Where the analysed folder sits in its git repository, for repository-relative SARIF URIs. */
export function repoOf(root: string): { repoRoot: string; repoPath: string } {
  try {
    const top = fs.realpathSync(execFileSync('git', ['-C', root, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { repoRoot: top, repoPath: path.relative(top, fs.realpathSync(root)).split(path.sep).join('/') };
  } catch {
    return { repoRoot: root, repoPath: '' };
  }
}

/** The map in a format; SARIF with the findings' symbols, suppressions and contracts, and repository-relative URIs. */
export function render(map: StateMap, format: Format, showEnv: boolean, color = false): string {
  if (format === 'sarif') return renderSarif(map, { version: version(), findings: reviewMap(map, map.root).findings, ...repoOf(map.root) });
  return renderers[format](map, { showEnv, version: version(), color });
}


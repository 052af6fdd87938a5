// The commands a review runs: check (one workspace), baseline (accept today's findings) and diff (a change).
import path from 'node:path';
import { analyzeMap } from '../core/analyze';
import { resolveBase, reviewChange, type StateMapDiff } from '../core/diff';
import { baselinePath, baselineText, makeBaseline, readBaseline, BASELINE_FILE } from '../core/findings/baseline';
import { reviewMap } from '../core/findings/review';
import type { Problem, StateMap } from '../core/model/types';
import { renderSarif } from '../render';
import { renderDiffJson, renderDiffMarkdown, renderDiffMermaid, renderDiffSarif } from '../render/diff';
import type { Command } from './args';
import { checkDiff, checkReview } from './check';
import { diffSides } from './diffSides';
import { withTemporaries, type AnalysisOptions } from './threads';
import { CliError, checkOut, emit, ensureAnalyzed, folderOf, progressReporter, render, repoOf, version, type Io } from './util';

type CommandOf<K extends Command['cmd']> = Extract<Command, { cmd: K }>;

function analysisOptions(cmd: { includeTests: boolean; experimentalHazards: boolean; maxFileSize?: number; ignore: string[] }): AnalysisOptions {
  return { includeTests: cmd.includeTests, experimentalHazards: cmd.experimentalHazards, maxFileSize: cmd.maxFileSize, ignore: cmd.ignore };
}

/** One workspace analysed on this thread, refusing a map of nothing. */
function analyzeHere(cmd: CommandOf<'check'> | CommandOf<'baseline'>, root: string, io: Io): StateMap {
  const opts = { ...analysisOptions(cmd), onProgress: progressReporter(io, cmd.quiet) };
  return analyzeMap(root, opts, (ws, facts, problems) => ensureAnalyzed(cmd.folder, ws, facts, problems)).map;
}

export function checkCommand(cmd: CommandOf<'check'>, io: Io): number {
  const root = folderOf(cmd.folder);
  checkOut(cmd.out);
  const map = analyzeHere(cmd, root, io);
  const problems: Problem[] = [];
  const review = reviewMap(map, root, readBaseline(baselinePath(root, cmd.baseline), BASELINE_FILE, problems));
  review.problems.push(...problems);
  const result = checkReview(review, map.services.length, cmd.failOn);
  if (cmd.out) emit(io, cmd.format === 'sarif' ? renderSarif(map, { version: version(), findings: review.findings, ...repoOf(root) }) : render(map, cmd.format, false), cmd.out);
  io.stdout(result.summary);
  return result.failed ? 1 : 0;
}

export function baselineCommand(cmd: CommandOf<'baseline'>, io: Io): number {
  const root = folderOf(cmd.folder);
  const file = baselinePath(root, cmd.out);
  checkOut(file);
  const map = analyzeHere(cmd, root, io);
  const review = reviewMap(map, root);
  // what an inline suppression already accepts needs no baseline entry
  const baseline = makeBaseline(review.findings.filter((f) => !f.suppressed));
  emit(io, baselineText(baseline), file);
  io.stdout(`state-map baseline: ${baseline.entries.length} finding${baseline.entries.length === 1 ? '' : 's'} accepted in ${path.relative(process.cwd(), file) || file}\n`);
  for (const p of review.problems) io.stdout(`  problem: ${p.file}: ${p.message}\n`);
  return 0;
}

function renderDiff(diff: StateMapDiff, cmd: CommandOf<'diff'>, root: string): string {
  switch (cmd.format) {
    case 'json': return renderDiffJson(diff);
    case 'sarif': return renderDiffSarif(diff, { version: version(), ...repoOf(root) });
    case 'mermaid': return renderDiffMermaid(diff, { showEnv: cmd.showEnv });
    default: return renderDiffMarkdown(diff, { showEnv: cmd.showEnv });
  }
}

export async function diffCommand(cmd: CommandOf<'diff'>, io: Io): Promise<number> {
  const root = folderOf(cmd.folder);
  checkOut(cmd.out);
  // refs are checked, and the merge base found, before any analysis
  const base = resolveBase(root, cmd.base, { head: cmd.head, exact: cmd.baseExact });
  const progress = progressReporter(io, cmd.quiet);
  return withTemporaries(async (track) => {
    const sides = await diffSides(root, base.commit, cmd.head, analysisOptions(cmd), progress, track);
    if (process.env.STATE_MAP_DEBUG) io.stderr(`state-map diff: the base ${sides.fullBase ? `checked out and analysed in full (${sides.fullBase})` : 'built from the head\'s analysis'}\n`);
    const diff = reviewChange({
      ...sides, refs: { base: base.label, head: cmd.head ?? 'working tree' }, baseline: cmd.baseline,
    });
    emit(io, renderDiff(diff, cmd, root), cmd.out);
    const gate = checkDiff(diff, cmd.failOn);
    if (gate.failed) io.stderr(gate.summary);
    return gate.failed ? 1 : 0;
  });
}

export { CliError };

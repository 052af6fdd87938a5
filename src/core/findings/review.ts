import { loadConfig } from '../config';
import type { Problem, StateMap } from '../model/types';
import { applyBaseline, type Baseline, type BaselineEntry } from './baseline';
import { contractFindings } from './contracts';
import { findingsOf } from './index';
import { applySuppressions, readSuppressions } from './suppress';
import { SourceIndex } from './symbols';
import type { Finding, Suppression } from './types';

/** One side of a review: its findings (contract breaks included), what accepts some of them, and what is wrong with that. */
export interface Review {
  findings: Finding[];
  /** Every inline suppression read, with how many findings each accepted. */
  suppressions: Suppression[];
  /** Baseline entries that match no finding any more: fixed, or changed beyond recognition. */
  stale: BaselineEntry[];
  /** Suppressions without a reason or with an unknown rule. */
  problems: Problem[];
}

/**
 * The findings of a map analysed from `root`, with its config's contracts, its inline suppressions and
 * the baseline applied. `root` is read again for symbols and comments only (`sources`: texts that differ
 * from it, and trees shared with the other side of a diff).
 */
export function reviewMap(map: StateMap, root: string | undefined, baseline?: Baseline, sources: ConstructorParameters<typeof SourceIndex>[1] = {}): Review {
  const index = new SourceIndex(root, sources);
  const findings = findingsOf(map, index);
  if (root) findings.push(...contractFindings(map, findings, loadConfig(root).config.services));
  const problems: Problem[] = [];
  const suppressions = root ? readSuppressions(findings.map((f) => f.file), index, problems) : [];
  applySuppressions(findings, suppressions, index);
  const stale = applyBaseline(findings, baseline);
  return { findings, suppressions, stale, problems };
}

/** The findings a gate counts: not accepted by a suppression or the baseline. */
export function open(findings: Finding[]): Finding[] {
  return findings.filter((f) => !f.suppressed);
}

import fs from 'node:fs';
import path from 'node:path';
import { readText, stripBom } from '../read';
import type { Problem } from '../model/types';
import type { Finding } from './types';

export const BASELINE_FILE = '.statemap-baseline.json';

/** One accepted finding: its fingerprint and enough words for a reviewer to know what it was. */
export interface BaselineEntry {
  id: string;
  rule: string;
  service: string;
  file: string;
  description: string;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

/** Findings a baseline can accept: everything a gate can fail on (store accesses are facts, not problems). */
export function gated(f: Finding): boolean {
  return f.rule !== 'store-access';
}

/** The baseline of the current findings, sorted by file then fingerprint: a re-run changes no line. */
export function makeBaseline(findings: Finding[]): Baseline {
  const entries = findings.filter(gated).map((f) => ({ id: f.id, rule: f.rule, service: f.service, file: f.file, description: f.message.slice(0, 200) }));
  entries.sort((a, b) => a.file.localeCompare(b.file) || a.id.localeCompare(b.id));
  return { version: 1, entries };
}

export function baselineText(b: Baseline): string {
  return JSON.stringify(b, null, 2) + '\n';
}

/** Reads a baseline; a missing file is no baseline, a broken one is a problem and no baseline. */
export function readBaseline(file: string, rel: string, problems: Problem[]): Baseline | undefined {
  if (!fs.existsSync(file)) return undefined;
  const r = readText(file, rel, 0, 64 * 1024 * 1024);
  if (r.problem) return void problems.push(r.problem);
  try {
    const raw = JSON.parse(stripBom(r.text!)) as Partial<Baseline>;
    if (raw.version !== 1 || !Array.isArray(raw.entries) || raw.entries.some((e) => !e || typeof e.id !== 'string')) throw new Error('expected { "version": 1, "entries": [{ "id": … }] }');
    return raw as Baseline;
  } catch (err) {
    problems.push({ file: rel, message: `not a State Map baseline, ignored: ${(err as Error).message}` });
    return undefined;
  }
}

/** Marks the findings the baseline accepts; returns its entries that match nothing any more (stale). */
export function applyBaseline(findings: Finding[], baseline: Baseline | undefined): BaselineEntry[] {
  if (!baseline) return [];
  const byId = new Map(baseline.entries.map((e) => [e.id, e]));
  const used = new Set<string>();
  for (const f of findings) {
    const e = byId.get(f.id);
    if (!e || !gated(f)) continue;
    used.add(e.id);
    f.suppressed ??= { by: 'baseline', reason: `in ${BASELINE_FILE}` };
  }
  return baseline.entries.filter((e) => !used.has(e.id));
}

export function baselinePath(root: string, override?: string): string {
  return override ? path.resolve(override) : path.join(root, BASELINE_FILE);
}

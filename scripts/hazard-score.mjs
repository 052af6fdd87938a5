// Scores hazards per report, not per kind: each hazard the map reports is checked against the label's
// hazards (real), its `not_state` look-alikes (false) or neither (unlabelled: false until someone judges it
// by hand at its file:line); each labelled hazard is found when a report points at it.
// usage: node scripts/hazard-score.mjs LABELS.json STATE_MAP.json [--verbose]
// Also imported by scripts/accuracy.mjs.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

/** How far apart (in lines) a report and a label in the same file may be and still be one hazard. */
export const NEAR = 5;

const KIND_SYNONYMS = { 'module-state': 'module-mutable-state', 'memory-cache': 'in-memory-cache', 'cron': 'per-replica-timer', 'timer': 'per-replica-timer' };
const kindOf = (k) => KIND_SYNONYMS[String(k ?? '').toLowerCase()] ?? String(k ?? '').toLowerCase();

/** `path:12`, `path:12-14`, `path:12 and :30/:41` → the file and every line named. */
function places(text) {
  const m = /^([^\s:]+):(\d+)(?:-(\d+))?/.exec(String(text ?? '').trim());
  if (!m) return [];
  const lines = [];
  for (let l = Number(m[2]); l <= Number(m[3] ?? m[2]); l++) lines.push(l);
  for (const more of String(text).slice(m[0].length).matchAll(/(?:^|[\s,/]):(\d+)/g)) lines.push(Number(more[1]));
  return lines.map((line) => ({ file: m[1], line }));
}

function labelHazards(labels) {
  const out = [];
  for (const s of labels.services ?? []) {
    for (const h of s.hazards ?? []) {
      const at = h.file ? [{ file: h.file, line: Number(h.line) }] : places(h.evidence ?? h.where ?? '');
      if (at.length === 0) continue;
      out.push({ service: s.root, kind: kindOf(h.kind), file: at[0].file, line: at[0].line, uncertain: !!h.uncertain });
    }
  }
  return out;
}

function lookAlikes(labels) {
  const out = [];
  for (const s of labels.services ?? []) for (const ns of s.not_state ?? []) for (const p of places(typeof ns === 'string' ? ns : ns.evidence ?? `${ns.file}:${ns.line}`)) out.push({ ...p, service: s.root, text: String(typeof ns === 'string' ? ns : ns.why ?? '') });
  for (const ns of labels.not_state ?? []) for (const p of places(typeof ns === 'string' ? ns : `${ns.file}:${ns.line}`)) out.push({ ...p, text: String(ns) });
  return out;
}

/** A label's path is the repository's, or (as some labellers write it) its service root's: `src/x.ts` of service `server`. */
const sameFile = (file, label) => file === label.file || (label.service && label.service !== '.' && file === `${label.service}/${label.file}`);
const sameAt = (report, at, label) => sameFile(at.file, label) && (Math.abs(at.line - label.line) <= NEAR || kindOf(report.kind) === label.kind);
/** A report is at its own place and at its `also` places (one hazard of a service written in several places). */
const same = (report, label) => [report, ...(report.also ?? [])].some((at) => sameAt(report, at, label));

/**
 * Reports: real (matches a certain label), uncertain (matches only an uncertain one: left out of precision),
 * look-alike (a not_state line, ±1), unlabelled. Precision = real / (real + look-alike + unlabelled).
 */
export function scoreHazards(labels, map) {
  const truth = labelHazards(labels);
  const fakes = lookAlikes(labels);
  const reports = (map.hazards ?? []).map((h) => {
    const matches = truth.filter((t) => same(h, t));
    const verdict = matches.some((t) => !t.uncertain)
      ? 'real'
      : matches.length
        ? 'uncertain'
        : fakes.some((f) => sameFile(h.file, f) && Math.abs(f.line - h.line) <= 1)
          ? 'look-alike'
          : 'unlabelled';
    return { verdict, kind: h.kind, file: h.file, line: h.line, service: h.service, message: h.message };
  });
  const found = truth.filter((t) => !t.uncertain).map((t) => ({ ...t, found: (map.hazards ?? []).some((h) => same(h, t)) }));
  const count = (v) => reports.filter((r) => r.verdict === v).length;
  const judged = count('real') + count('look-alike') + count('unlabelled');
  return {
    reports,
    found,
    real: count('real'),
    lookAlike: count('look-alike'),
    unlabelled: count('unlabelled'),
    uncertain: count('uncertain'),
    precision: judged ? count('real') / judged : null,
    recall: found.length ? found.filter((f) => f.found).length / found.length : null,
  };
}

export function formatHazardScore(name, s, verbose) {
  const f = (x) => (x === null ? 'n/a' : x.toFixed(3));
  const lines = [`${name}: hazards per report ${s.real}/${s.real + s.lookAlike + s.unlabelled} real (precision ${f(s.precision)}; ${s.lookAlike} look-alikes, ${s.unlabelled} unlabelled, ${s.uncertain} uncertain), found ${s.found.filter((x) => x.found).length}/${s.found.length} (recall ${f(s.recall)})`];
  if (verbose) {
    for (const r of s.reports) if (r.verdict !== 'real') lines.push(`  ${r.verdict}: ${r.file}:${r.line} ${r.kind} — ${String(r.message).slice(0, 100)}`);
    for (const m of s.found) if (!m.found) lines.push(`  missed: ${m.file}:${m.line} ${m.kind} (${m.service})`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [labelsPath, mapPath] = process.argv.slice(2);
  if (!labelsPath || !mapPath) {
    console.error('usage: node scripts/hazard-score.mjs LABELS.json STATE_MAP.json [--verbose]');
    process.exit(2);
  }
  const labels = JSON.parse(fs.readFileSync(labelsPath, 'utf8'));
  const map = JSON.parse(fs.readFileSync(mapPath, 'utf8'));
  console.log(formatHazardScore(labels.repo ?? labelsPath, scoreHazards(labels, map), process.argv.includes('--verbose')));
}

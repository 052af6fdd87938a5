// npm run accuracy [-- <corpus-folder>]
// Runs the built CLI on every labelled repository of ../shared/corpus that has been laid out under
// <corpus-folder>/<owner>__<name> (default /tmp/corpus; see docs/accuracy.md for how to fetch them),
// scores it with the corpus's own score.mjs, and lists every `not_state` look-alike the map reports.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const labelsDir = process.env.STATE_MAP_CORPUS_LABELS ?? path.join(here, '..', '..', 'shared', 'corpus');
const corpus = process.argv[2] ?? '/tmp/corpus';
const cli = path.join(here, '..', 'dist', 'cli.js');

for (const labelFile of fs.readdirSync(labelsDir).filter((f) => f.endsWith('.json')).sort()) {
  const name = labelFile.replace(/\.json$/, '');
  const dir = path.join(corpus, name);
  if (!fs.existsSync(dir)) {
    console.log(`${name}: not laid out under ${corpus} (skipped)`);
    continue;
  }
  const out = path.join(corpus, `${name}.state-map.json`);
  const run = spawnSync(process.execPath, [cli, 'analyze', dir, '--format', 'json', '--out', out, '--quiet'], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.log(`${name}: analyze failed: ${run.stderr}`);
    continue;
  }
  const score = spawnSync(process.execPath, [path.join(labelsDir, 'score.mjs'), path.join(labelsDir, labelFile), out, '--verbose'], { encoding: 'utf8' });
  console.log(score.stdout.trim());
  // look-alikes: a `path:line` named in not_state that the map reports as a store location or a hazard
  const labels = JSON.parse(fs.readFileSync(path.join(labelsDir, labelFile), 'utf8'));
  const map = JSON.parse(fs.readFileSync(out, 'utf8'));
  const reported = new Map();
  for (const e of map.edges) for (const l of e.locations) if (e.store !== 'env') reported.set(`${l.file}:${l.line}`, `${e.store} ${l.operation}`);
  for (const h of map.hazards) reported.set(`${h.file}:${h.line}`, `hazard ${h.kind}`);
  for (const s of labels.services) {
    for (const ns of s.not_state ?? []) {
      const m = /^([\w./@-]+):(\d+)(?:-(\d+))?/.exec(ns);
      if (!m) continue;
      const from = Number(m[2]);
      const to = Number(m[3] ?? m[2]);
      for (let line = from; line <= to; line++) {
        const hit = reported.get(`${m[1]}:${line}`);
        if (hit) console.log(`  look-alike reported: ${m[1]}:${line} as ${hit} — ${ns.slice(m[0].length).trim().slice(0, 90)}`);
      }
    }
  }
}

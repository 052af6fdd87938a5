// npm run accuracy [-- <corpus-folder>] [--labels <folder of label files>] [--timeout <minutes>]
// Runs the built CLI on every labelled repository of ../shared/corpus (or --labels) that has been laid
// out under <corpus-folder>/<owner>__<name> (default /tmp/corpus; see docs/accuracy.md for how to fetch
// them), scores its store edges with the corpus's own score.mjs, its hazards per report with
// hazard-score.mjs, and lists every `not_state` look-alike the map reports.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatHazardScore, scoreHazards } from './hazard-score.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The stores manifests declare, in the labels' vocabulary (see runtimeOnly). */
const LABEL_KIND = { volume: 'filesystem', config: 'env', secret: 'env' };
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const scorer = path.join(here, '..', '..', 'shared', 'corpus', 'score.mjs');
const labelsDir = flag('--labels') ?? process.env.STATE_MAP_CORPUS_LABELS ?? path.dirname(scorer);
/** Minutes one repository's analysis may take (`--timeout`, default 10). */
const timeoutMs = Number(flag('--timeout') ?? 10) * 60000;
const corpus = args[0] ?? '/tmp/corpus';
const total = { real: 0, reports: 0, found: 0, labelled: 0 };
const cli = path.join(here, '..', 'dist', 'cli.js');

for (const labelFile of fs.readdirSync(labelsDir).filter((f) => f.endsWith('.json')).sort()) {
  const name = labelFile.replace(/\.json$/, '');
  const dir = path.join(corpus, name);
  if (!fs.existsSync(dir)) {
    console.log(`${name}: not laid out under ${corpus} (skipped)`);
    continue;
  }
  const out = path.join(corpus, `${name}.state-map.json`);
  const run = spawnSync(process.execPath, [cli, 'analyze', dir, '--format', 'json', '--out', out, '--quiet'], { encoding: 'utf8', timeout: timeoutMs });
  if (run.status !== 0) {
    // a failure or a run that does not end finds nothing: scored as an empty map, never skipped
    const why = run.error?.code === 'ETIMEDOUT' ? `did not end within ${timeoutMs / 60000} min` : `exit ${run.status}: ${run.stderr.trim().slice(0, 300)}`;
    console.log(`${name}: analyze failed (${why}); scored as an empty map`);
    fs.writeFileSync(out, JSON.stringify({ services: [], stores: [], edges: [], hazards: [], problems: [] }) + '\n');
  }
  // scored as the map shows it: code in no service's runtime closure (scope 'tooling') is left out
  fs.writeFileSync(out, JSON.stringify(runtimeOnly(JSON.parse(fs.readFileSync(out, 'utf8'))), null, 2) + '\n');
  const score = spawnSync(process.execPath, [scorer, path.join(labelsDir, labelFile), out, '--verbose'], { encoding: 'utf8' });
  console.log(score.stdout.trim());
  // look-alikes: a `path:line` named in not_state that the map reports as a store location or a hazard
  const labels = JSON.parse(fs.readFileSync(path.join(labelsDir, labelFile), 'utf8'));
  const map = JSON.parse(fs.readFileSync(out, 'utf8'));
  const hz = scoreHazards(labels, map);
  console.log(formatHazardScore(name, hz, true));
  total.real += hz.real;
  total.reports += hz.real + hz.lookAlike + hz.unlabelled;
  total.found += hz.found.filter((f) => f.found).length;
  total.labelled += hz.found.length;
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
const ratio = (a, b) => (b ? (a / b).toFixed(3) : 'n/a');
console.log(`\nall repositories: hazard reports real ${total.real}/${total.reports} (precision ${ratio(total.real, total.reports)}), labelled hazards found ${total.found}/${total.labelled} (recall ${ratio(total.found, total.labelled)})`);

/** The map without tooling findings (as `runtimeView` in src/core/model/view.ts draws it). */
function runtimeOnly(map) {
  const edges = (map.edges ?? []).filter((e) => e.scope !== 'tooling').map((e) => ({ ...e, locations: e.locations.filter((l) => l.scope !== 'tooling') }));
  // the stores manifests declare, in the labels' vocabulary: a mounted volume is the service's disk
  // (`filesystem`), a ConfigMap or Secret is configuration (`env`: neither required nor penalised)
  const stores = (map.stores ?? []).map((s) => ({ ...s, kind: LABEL_KIND[s.kind] ?? s.kind }));
  return { ...map, stores, edges, hazards: (map.hazards ?? []).filter((h) => h.scope !== 'tooling') };
}

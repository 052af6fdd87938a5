// npm run bench [-- <folder> | -- --files N]
// Prints, for a generated workspace of N files (default 2,000) or a given folder: files, wall time and
// peak RSS of a cold `state-map analyze` (a fresh process), and the floor measured in the same run:
// reading and parsing every analyzed file once with the TypeScript parser, also in a fresh process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './bench-workspace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli.js');
const args = process.argv.slice(2);
const filesFlag = args.indexOf('--files');
const runs = Number(process.env.BENCH_RUNS ?? 1);
let folder = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--files');
let generated;
if (!folder) {
  const n = filesFlag >= 0 ? Number(args[filesFlag + 1]) : 2000;
  generated = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-bench-'));
  generateWorkspace(generated, n);
  folder = generated;
}

function child(script, argv, env = {}) {
  const r = spawnSync(process.execPath, [script, ...argv], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${path.basename(script)} failed (${r.status}): ${r.stderr}`);
  return r;
}

const statsFile = path.join(os.tmpdir(), `state-map-bench-${process.pid}.json`);
const results = [];
for (let i = 0; i < runs; i++) {
  child(cli, ['analyze', folder, '--format', 'json', '--out', path.join(os.tmpdir(), `state-map-bench-out-${process.pid}.json`), '--quiet'], { STATE_MAP_STATS: statsFile });
  const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
  const floor = JSON.parse(child(path.join(here, 'bench-floor.cjs'), [folder, statsFile]).stdout);
  results.push({ stats, floor });
}
const best = (f) => Math.min(...results.map(f));
const s = results[0].stats;
const wall = best((r) => r.stats.wallMs);
const floorMs = best((r) => r.floor.wallMs);
console.log(`workspace      ${generated ? `generated (${s.files} files)` : folder}`);
console.log(`files          ${s.files.toLocaleString('en-US')} source files, ${s.services} services, ${s.edges} edges, ${s.hazards} hazards`);
console.log(`analyze        ${wall.toLocaleString('en-US')} ms wall, peak RSS ${best((r) => r.stats.maxRssMb)} MB  (extract ${s.extractMs} ms, link+model ${s.linkMs} ms, startup ${s.startupMs} ms)`);
console.log(`floor          ${floorMs.toLocaleString('en-US')} ms to read and parse every file once with the TypeScript parser, peak RSS ${best((r) => r.floor.maxRssMb)} MB`);
console.log(`ratio          ${(wall / floorMs).toFixed(2)}× the floor${runs > 1 ? ` (best of ${runs} runs)` : ''}`);
fs.rmSync(statsFile, { force: true });
if (generated) fs.rmSync(generated, { recursive: true, force: true });

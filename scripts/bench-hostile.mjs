// npm run build && node scripts/bench-hostile.mjs
// Prints, for hostile YAML files of growing size, the time a cold `state-map analyze` spends on them:
// the wall time of a workspace holding the file, less the same workspace without it (best of
// BENCH_RUNS, default 2), and that extra time per MB of YAML. Linear reading keeps ms/MB flat as the
// size doubles; a quadratic scan doubles it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 2);

const cases = [
  ['blank lines, no manifest key', [100_000, 200_000, 400_000], (n) => `${'\n'.repeat(n)}x\n`],
  ['blank lines, then a Deployment', [100_000, 200_000, 400_000], (n) => `${'\n'.repeat(n)}kind: Deployment\nmetadata: {name: api}\nspec: {replicas: 3}\n`],
  ['unclosed {{ lines', [80_000, 160_000], (n) => `kind: Deployment\n${'{{\n'.repeat(n)}`],
  ['{{ lines closed at the end (a template)', [80_000, 160_000], (n) => `kind: Deployment\n${'{{\n'.repeat(n)}}}\n`],
  ['compose services merging <<: *defaults', [2_000, 4_000], (n) => `x-d: &d\n  restart: always\nservices:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    <<: *d\n`).join('')}`],
];

function workspace(yaml) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-bench-hostile-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'api', dependencies: { ioredis: '5' } }));
  fs.writeFileSync(path.join(dir, 'src', 'index.ts'), "import Redis from 'ioredis';\nexport const get = (k: string) => new Redis().get(k);\n");
  if (yaml !== undefined) fs.writeFileSync(path.join(dir, 'docker-compose.yml'), yaml);
  return dir;
}

function analyzeMs(dir) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, [cli, 'analyze', dir, '--format', 'json', '--quiet', '--max-file-size', String(64 * 1024 * 1024)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`analyze exited ${r.status}: ${r.stderr}`);
    best = Math.min(best, ms);
  }
  return best;
}

const baseDir = workspace(undefined);
const baseline = analyzeMs(baseDir);
fs.rmSync(baseDir, { recursive: true, force: true });
console.log(`baseline       ${Math.round(baseline)} ms for the workspace without the YAML file (best of ${runs})`);
for (const [name, sizes, make] of cases) {
  console.log(name);
  for (const n of sizes) {
    const text = make(n);
    const mb = Buffer.byteLength(text) / 1024 / 1024;
    const dir = workspace(text);
    const extra = Math.max(0, analyzeMs(dir) - baseline);
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`  ${n.toLocaleString('en-US').padStart(9)} × ${mb.toFixed(2).padStart(5)} MB  ${String(Math.round(extra)).padStart(6)} ms  ${String(Math.round(extra / mb)).padStart(6)} ms/MB`);
  }
}

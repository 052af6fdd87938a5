// npm run bench:diff [-- --files 2500]
// What a one-line change costs `state-map diff HEAD` next to one `state-map analyze`, both with a warm
// fact cache (--cache-dir): a generated workspace of N files is committed to a new git repository, the
// cache filled by one analyze, one line of one handler changed, then BENCH_RUNS (default 3) interleaved
// runs of each in fresh processes, the minimum of each: wall time, and CPU time (user + system, all
// threads: what the run cost, less the waits a loaded machine adds). The target is diff ≤ 1.25×
// analyze. Prints `uptime`'s load: on a shared machine, compare the ratios, not the times.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './bench-workspace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli.js');
const args = process.argv.slice(2);
const files = Number(args[args.indexOf('--files') + 1] || 2500) || 2500;
const runs = Number(process.env.BENCH_RUNS ?? 3);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-bench-diff-'));
const dir = path.join(tmp, 'ws');
const cache = path.join(tmp, 'cache');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
// loaded into each run: its CPU time, every thread, written when it exits
const cpuOut = path.join(tmp, 'cpu.json');
const preload = path.join(tmp, 'cpu.cjs');
fs.writeFileSync(preload, `process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeFileSync(${JSON.stringify(cpuOut)}, JSON.stringify((u.user + u.system) / 1000)); });\n`);

function git(...a) {
  execFileSync('git', ['-C', dir, ...a], { stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'b@x' } });
}

/** One CLI run in a fresh process: its wall and CPU time in ms (a diff's exit code 1, a failed gate, is a result too). */
function timed(argv) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, cli, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`state-map ${argv[0]} failed (${r.status}): ${r.stderr}`);
  return { ms, cpu: JSON.parse(fs.readFileSync(cpuOut, 'utf8')) };
}

try {
  const n = generateWorkspace(dir, files);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'bench');
  // the one-line change: a handler file, one more line
  const handler = execFileSync('git', ['-C', dir, 'ls-files', '*.ts'], { encoding: 'utf8' }).split('\n').find((f) => /handler|route/i.test(f))
    ?? execFileSync('git', ['-C', dir, 'ls-files', '*.ts'], { encoding: 'utf8' }).split('\n')[0];
  const common = ['--cache-dir', cache, '--quiet'];
  timed(['analyze', dir, '--format', 'json', '--out', path.join(tmp, 'a.json'), ...common]); // fills the cache with the base's facts
  fs.appendFileSync(path.join(dir, handler), '\nexport const benchLine = 1;\n');
  timed(['analyze', dir, '--format', 'json', '--out', path.join(tmp, 'a.json'), ...common]); // and the changed file's
  const analyze = [];
  const diff = [];
  const cpu = { analyze: [], diff: [] };
  console.log(`load: ${load()} on ${os.cpus().length} cores; ${n} files, ${runs} interleaved runs, the minimum of each; changed ${handler}`);
  // the first diff keeps its findings' symbols, as an earlier run in CI would have: not counted
  timed(['diff', 'HEAD', dir, '--format', 'json', '--out', path.join(tmp, 'd.json'), ...common]);
  for (let i = 0; i < runs; i++) {
    const x = timed(['analyze', dir, '--format', 'json', '--out', path.join(tmp, 'a.json'), ...common]);
    const y = timed(['diff', 'HEAD', dir, '--format', 'json', '--out', path.join(tmp, 'd.json'), ...common]);
    analyze.push(x.ms);
    diff.push(y.ms);
    cpu.analyze.push(x.cpu);
    cpu.diff.push(y.cpu);
  }
  const line = (label, list) => `${label}: ${Math.round(Math.min(...list))} ms  [${list.map(Math.round).join(', ')}]`;
  console.log(line('analyze (warm), wall', analyze));
  console.log(line('diff HEAD (warm), wall', diff));
  console.log(line('analyze (warm), CPU', cpu.analyze));
  console.log(line('diff HEAD (warm), CPU', cpu.diff));
  console.log(`diff / analyze: ${(Math.min(...diff) / Math.min(...analyze)).toFixed(2)}× wall, ${(Math.min(...cpu.diff) / Math.min(...cpu.analyze)).toFixed(2)}× CPU (target ≤ 1.25×)`);
  console.log(`load: ${load()}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

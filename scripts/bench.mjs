// npm run bench [-- <folder>] [-- --sizes 1000,2000,4000,8000,16000]
// For each generated workspace of the series (or the given folder), in fresh processes, interleaved
// BENCH_RUNS times (default 1), the minimum of each:
//   cold     `state-map analyze --no-cache`: wall time, peak RSS, extract and link per file, the parse's
//            share of the extract, the link's unit steps per file
//   floor    reading and parsing every analyzed file once with the TypeScript parser
//   facts    the same analyze with the facts an earlier run kept but not its map: it links again, as a
//            run after an edit does (less that file's parse)
//   warm     the same analyze of the unchanged workspace: the map an earlier run kept answers
// Prints one line per workspace and `uptime`'s load: on a shared machine, compare ratios, not times.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace } from './bench-workspace.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', 'dist', 'cli.js');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = Number(process.env.BENCH_RUNS ?? 1);
const folder = args.find((a, i) => !a.startsWith('--') && !['--sizes', '--files'].includes(args[i - 1]));
const sizes = (flag('--sizes') ?? flag('--files') ?? '1000,2000,4000,8000,16000').split(',').map(Number);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-bench-'));

function child(script, argv, env = {}) {
  const r = spawnSync(process.execPath, [script, ...argv], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${path.basename(script)} failed (${r.status}): ${r.stderr}`);
  return r;
}

/** One `analyze` in a fresh process; its STATE_MAP_STATS. */
function analyze(dir, extra, env = {}) {
  const stats = path.join(tmp, 'stats.json');
  child(cli, ['analyze', dir, '--format', 'json', '--out', path.join(tmp, 'out.json'), '--quiet', ...extra], { STATE_MAP_STATS: stats, ...env });
  return JSON.parse(fs.readFileSync(stats, 'utf8'));
}

function measure(dir) {
  const cache = path.join(tmp, 'cache');
  fs.rmSync(cache, { recursive: true, force: true });
  analyze(dir, ['--cache-dir', cache]); // fills the cache for the warm runs
  const r = { cold: [], floor: [], facts: [], warm: [] };
  for (let i = 0; i < runs; i++) {
    const cold = analyze(dir, ['--no-cache']);
    r.cold.push(cold);
    fs.writeFileSync(path.join(tmp, 'files.json'), JSON.stringify({ fileList: cold.fileList }));
    r.floor.push(JSON.parse(child(path.join(here, 'bench-floor.cjs'), [dir, path.join(tmp, 'files.json')]).stdout));
    // facts kept but not the map (what a run after an edit pays, less the one parse), then both
    fs.rmSync(path.join(cache, 'results-v1'), { recursive: true, force: true });
    r.facts.push(analyze(dir, ['--cache-dir', cache]));
    r.warm.push(analyze(dir, ['--cache-dir', cache]));
  }
  return r;
}

const min = (list, f) => Math.min(...list.map(f));
const us = (ms, n) => Math.round((ms * 1000) / n);

function report(label, r) {
  const s = r.cold[0];
  const n = s.files;
  const wall = min(r.cold, (x) => x.wallMs);
  const floor = min(r.floor, (x) => x.wallMs);
  const extract = min(r.cold, (x) => x.extractMs);
  const parse = min(r.cold, (x) => x.parseMs);
  const link = min(r.cold, (x) => x.linkMs);
  const warm = min(r.warm, (x) => x.wallMs);
  const facts = min(r.facts, (x) => x.wallMs);
  const cols = [
    label.padEnd(22), String(n).padStart(6),
    `${wall} ms`.padStart(10), `${floor} ms`.padStart(10), `${(wall / floor).toFixed(2)}×`.padStart(7),
    `${us(extract, n)} µs`.padStart(9), `${((extract - parse) / parse).toFixed(2)}`.padStart(6), `${us(link, n)} µs`.padStart(9),
    `${(s.linkWork / n).toFixed(1)}`.padStart(6), `${min(r.cold, (x) => x.maxRssMb)} MB`.padStart(8), `${min(r.floor, (x) => x.maxRssMb)} MB`.padStart(8),
    `${facts} ms`.padStart(10), `${(facts / wall).toFixed(2)}`.padStart(6),
    `${warm} ms`.padStart(10), `${(warm / wall).toFixed(2)}`.padStart(6),
  ];
  console.log(cols.join(' '));
}

console.log(`load: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores; ${runs} interleaved run${runs > 1 ? 's' : ''}, the minimum of each`);
console.log([
  'workspace'.padEnd(22), 'files'.padStart(6), 'cold'.padStart(10), 'floor'.padStart(10), 'ratio'.padStart(7),
  'extract/f'.padStart(9), 'walk/p'.padStart(6), 'link/f'.padStart(9), 'work/f'.padStart(6), 'RSS'.padStart(8), 'floorRSS'.padStart(8),
  'facts'.padStart(10), 'f/cold'.padStart(6), 'warm'.padStart(10), 'w/cold'.padStart(6),
].join(' '));
try {
  if (folder) report(path.basename(folder), measure(folder));
  else {
    for (const n of sizes) {
      const dir = path.join(tmp, `ws-${n}`);
      generateWorkspace(dir, n);
      report(`generated ${n}`, measure(dir));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`load: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('extract/f, link/f: per file in the cold run; walk/p: the extract\'s cost besides the parse (read, hash, walk) over the parse; work/f: the link\'s unit steps per file; facts: with the facts cached but not the map (linking again, as after an edit); warm: nothing changed, the kept map answers');

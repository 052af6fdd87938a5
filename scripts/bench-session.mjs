// npm run bench:session [-- <folder>] [-- --edits 60]
// The language server's analysis session on a folder (default: a generated workspace of 2,000 files):
// time to the first map cold and warm (the facts and map a cold session kept; then the link the warm start
// skipped, which the server makes once the map is sent), then edits to one
// file through the editor overlay, each followed by a refresh (what the server does after its
// debounce): p50 and p95 of edit → map, files linked per edit, an unchanged-file open, and heap after
// the edits. Run with node --expose-gc --import tsx (the npm script does) so heap figures are settled.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateWorkspace } from './bench-workspace.mjs';
import { AnalysisSession } from '../src/core/session.ts';

const args = process.argv.slice(2);
const editsFlag = args.indexOf('--edits');
const edits = editsFlag >= 0 ? Number(args[editsFlag + 1]) : 60;
let folder = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--edits');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-bench-session-'));
if (!folder) {
  folder = path.join(tmp, 'ws');
  generateWorkspace(folder, 2000);
}
const cacheDir = path.join(tmp, 'cache');
const heapMb = () => {
  globalThis.gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1048576);
};
const time = (f) => {
  const t = performance.now();
  const r = f();
  return [performance.now() - t, r];
};

console.log(`load: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} cores; ${folder}`);
try {
  const [coldMs] = time(() => new AnalysisSession(folder, { cacheDir }).refresh());
  const session = new AnalysisSession(folder, { cacheDir });
  const [warmMs, map] = time(() => session.refresh());
  console.log(`first map      cold ${Math.round(coldMs)} ms, warm ${Math.round(warmMs)} ms (${(warmMs / coldMs * 100).toFixed(0)} % of cold); ${session.sourceFiles.length} files`);
  // a warm start answers with the map a run kept; the server then links in the background (so that edits relink little)
  const [linkMs] = time(() => session.completeLink());
  console.log(`link after a warm start ${Math.round(linkMs)} ms (the server does it once the map is sent)`);

  // the edited file: the one with the most store operations (an edit where it matters)
  const counts = new Map();
  for (const e of map.edges) for (const l of e.locations) counts.set(l.file, (counts.get(l.file) ?? 0) + 1);
  const file = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? session.sourceFiles[0];
  const text = fs.readFileSync(path.join(folder, file), 'utf8');
  session.setOverlay(file, text);
  const [openMs, same] = time(() => session.refresh());
  console.log(`unchanged open ${openMs.toFixed(1)} ms, ${same === map ? 'no run (the same map)' : 'a NEW RUN'}`);

  const times = [];
  const linked = [];
  const heapBefore = heapMb();
  for (let i = 0; i < edits; i++) {
    // typing at the end of the file: a comment, then a statement, alternately
    session.setOverlay(file, `${text}\n${i % 2 ? `export const edit${i} = ${i};` : `// edit ${i}`}\n`);
    const [ms] = time(() => session.refresh());
    times.push(ms);
    linked.push(session.lastLinked);
  }
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(0);
  console.log(`edit → map     p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms over ${edits} edits of ${file}; ${Math.max(...linked)} of ${session.sourceFiles.length} files linked per edit`);
  console.log(`heap           ${heapBefore} MB after the first map, ${heapMb()} MB after ${edits} edits; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`load: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

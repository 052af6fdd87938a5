// A file whose functions call each other by name in a dense web of cycles (minified code re-formatted, a state machine
// of mutually recursive steps): working out which of them run per request walks each caller once, not once per path,
// so the analysis ends (ever-co/ever-traduora's Swagger UI bundle, truth set 29, never finished). The counters the
// functions keep are still reported, as state requests change. Generated workspace through the built CLI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './run-cli';

/** `count` functions, each calling the next and `fanout` others picked by a fixed generator, some counting in module-level maps. */
function steps(count: number, fanout: number): string {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536) % count;
  };
  const lines = Array.from({ length: 20 }, (_, k) => `const hits${k} = new Map();`);
  for (let i = 0; i < count; i++) {
    // (each also calls the next one: every step is reached, around one long cycle)
    const calls = [...Array.from({ length: fanout }, () => `  if (x.step === ${next()}) step${next()}(x);`), `  if (x.more) step${(i + 1) % count}(x);`].join('\n');
    lines.push(`function step${i}(x) {\n${i % 15 === 0 ? `  const n = (hits${i / 15}.get(x.user) ?? 0) + 1;\n  hits${i / 15}.set(x.user, n);\n  if (n > 10) throw new Error('too many');\n` : ''}${calls}\n}`);
  }
  lines.push('export function run(x) {\n  step0(x);\n}');
  return `${lines.join('\n')}\n`;
}

describe('functions that call each other in a dense web of cycles', () => {
  test('the analysis ends, and the maps the steps change are state a request changes', () => {
    const ws = tempDir();
    try {
      fs.writeFileSync(path.join(ws.dir, 'package.json'), JSON.stringify({ name: 'machine', type: 'module', main: 'server.js', dependencies: { express: '4' } }));
      fs.writeFileSync(path.join(ws.dir, 'server.js'), `import express from 'express';\nimport { run } from './steps.js';\nconst app = express();\napp.post('/step', (req, res) => {\n  run(req.body);\n  res.sendStatus(204);\n});\napp.listen(3000);\n`);
      fs.writeFileSync(path.join(ws.dir, 'steps.js'), steps(300, 6));
      const r = runCli(['analyze', ws.dir, '--format', 'json', '--quiet', '--no-cache'], { timeoutMs: 120_000 });
      assert.equal(r.code, 0, r.stderr);
      const map = JSON.parse(r.stdout);
      const changed = map.hazards.filter((h: { file: string }) => h.file === 'steps.js');
      assert.equal(changed.length, 20, JSON.stringify(map.hazards.map((h: { kind: string; line: number }) => `${h.kind}:${h.line}`)));
      assert.ok(changed.every((h: { kind: string }) => h.kind === 'module-mutable-state'));
    } finally {
      ws.cleanup();
    }
  });
});

// The link step's work grows with the workspace, not with its square: the generated workspace of
// `npm run bench` at three sizes (one, two and four services), the link's unit steps per file compared.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { analyze, newCounters } from '../../../src/core/analyze';

test('the link step does the same work per file at 200, 400 and 800 files', async () => {
  const { generateWorkspace } = await import('../../../scripts/bench-workspace.mjs');
  const perFile: number[] = [];
  for (const n of [200, 400, 800]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-linkwork-'));
    try {
      generateWorkspace(dir, n);
      const counters = newCounters();
      const map = analyze(dir, { counters, cacheDir: false });
      assert.ok(map.edges.length > 0 && counters.extracted >= n * 0.9, `the generated workspace of ${n} files has edges`);
      perFile.push(counters.linkWork / counters.extracted);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  assert.ok(perFile[0] > 1, 'the link counts its work');
  // quadratic work (each file scanning every operation) would double the work per file at each step
  for (const x of perFile) assert.ok(x / perFile[0] < 1.25 && x / perFile[0] > 0.8, `link work per file: ${perFile.map((p) => p.toFixed(1)).join(', ')}`);
});

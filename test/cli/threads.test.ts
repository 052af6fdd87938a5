import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

test('helper threads (STATE_MAP_THREADS=2) give byte-identical JSON to one thread on a 450-file workspace', async () => {
  const { generateWorkspace } = await import('../../scripts/bench-workspace.mjs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-threads-'));
  try {
    generateWorkspace(dir, 450);
    const run = (threads: string) => {
      const r = spawnSync(process.execPath, [CLI, 'analyze', dir, '--format', 'json', '--quiet'], { encoding: 'utf8', env: { ...process.env, STATE_MAP_THREADS: threads }, maxBuffer: 1 << 28 });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    const one = run('1');
    const two = run('2');
    assert.ok(JSON.parse(one).edges.length > 0, 'the generated workspace has store edges');
    assert.equal(two, one);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Golden files: the Markdown report and the Mermaid diagram of three fixtures, byte for byte.
// `UPDATE_GOLDEN=1 node test/run-unit.mjs cli` rewrites them: read every rewritten file before keeping it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fixture, runCli } from './run-cli';

const GOLDEN: Array<[fixture: string, format: 'markdown' | 'mermaid', file: string]> = [];
for (const name of ['cart-three-places', 'orders-idempotency-kafka', 'spa-browser-storage']) {
  GOLDEN.push([name, 'markdown', 'expected.md'], [name, 'mermaid', 'expected.mmd']);
}

for (const [name, format, file] of GOLDEN) {
  test(`${name}: --format ${format} matches ${file}`, () => {
    const r = runCli(['analyze', fixture(name), '--format', format]);
    assert.equal(r.code, 0, r.stderr);
    const golden = path.join(fixture(name), file);
    if (process.env.UPDATE_GOLDEN === '1') {
      fs.writeFileSync(golden, r.stdout);
      return;
    }
    assert.ok(fs.existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 node test/run-unit.mjs cli, then read it`);
    assert.equal(r.stdout, fs.readFileSync(golden, 'utf8'));
  });
}

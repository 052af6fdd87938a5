// A workspace library that only browser apps load (an editor package imported by the web app) runs in each
// user's browser: what it keeps in memory is that user's, no replica's. A library a server loads keeps its
// hazard. Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('libraries by where they run', () => {
  const map = analyzeJson(fixture('browser-only-library'));

  test('the editor library of the web app reports nothing; the API\'s limiter library does', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.service} ${h.kind} ${h.file}:${h.line}`), ['packages/limits module-mutable-state packages/limits/src/index.ts:1']);
  });

  test('verdicts: the editor keeps no server state', () => {
    const verdicts = Object.fromEntries(map.services.map((s) => [s.root, `${s.kind} ${s.verdict}`]));
    assert.equal(verdicts['packages/editor'], 'library stateless');
    assert.equal(verdicts['apps/web'], 'frontend stateless');
    assert.equal(verdicts['packages/limits'], 'library in-process-state');
  });
});

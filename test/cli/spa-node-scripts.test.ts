// A browser app whose package also holds Node scripts (a bundle-size check reading `dist/` with `node:fs`):
// the scripts never ship to the browser, so their file reads and writes are tooling, not the app's state.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture } from './run-cli';

describe('Node scripts beside a browser app', () => {
  const map = analyzeJson(fixture('spa-node-scripts'));

  test('the app keeps its notes in localStorage, and nothing on a disk', () => {
    assert.deepEqual(map.services.map((s) => `${s.root} ${s.kind}`), ['. frontend']);
    assert.deepEqual(edges({ ...map, edges: map.edges.filter((e) => e.scope !== 'tooling') }), ['. -> localStorage readwrite']);
  });

  test('the script\'s file access is listed as tooling', () => {
    const fsEdge = map.edges.find((e) => e.store === 'filesystem');
    assert.ok(fsEdge, JSON.stringify(map.edges));
    assert.equal(fsEdge.scope, 'tooling');
    assert.ok(fsEdge.locations.every((l) => l.file === 'scripts/check-bundle-size.js' && l.scope === 'tooling'));
  });
});

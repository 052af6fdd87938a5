// A browser extension (a `manifest.json` with `manifest_version` at its package's root) runs in its user's
// browser: its module state is that user's, not a replica's. Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture } from './run-cli';

describe('a browser extension beside its API', () => {
  const map = analyzeJson(fixture('browser-extension'));

  test('the extension is a browser unit, the API a server', () => {
    assert.deepEqual(map.services.map((s) => `${s.root} ${s.kind} ${s.verdict}`).sort(), ['extension frontend stateless', 'server http-server state-elsewhere']);
  });

  test('the extension\'s queue and API address are its user\'s, not a hazard', () => {
    assert.deepEqual(map.hazards, []);
    assert.deepEqual(edges(map).filter((e) => e.startsWith('extension ')), ['extension -> http-api write']);
  });
});

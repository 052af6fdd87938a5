// CommonJS controllers written as an object the module exports whole at its end (`const self = { onHold: new Set() }`,
// handlers hung on it while the module loads, `module.exports = self`): `pastes.create` of a route is that handler,
// and `self.uniqueIdentifier()` inside it a call of its sibling, so the set they change is changed per request.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture } from './run-cli';

describe('a controller object exported whole', () => {
  const map = analyzeJson(fixture('cjs-exported-object'));

  test('the identifiers held in `self.onHold` are module state that requests change', () => {
    // beside the SQLite file the pastes are written to (`connection.filename` of knex)
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['module-mutable-state controllers/pasteController.js:4 high', 'local-file-write db.js:3 undefined']);
    assert.deepEqual(map.hazards[0].evidence?.slice(0, 2).map((e) => e.what), [
      'handler: `create` is given to `post`',
      '`uniqueIdentifier`, called by `create` (controllers/pasteController.js)',
    ]);
    assert.equal(map.lowConfidenceHazards, undefined);
  });

  test("the handlers reach the paste table through the module's knex", () => {
    assert.deepEqual(edges(map), ['. -> memory readwrite', '. -> sqlite readwrite']);
  });
});

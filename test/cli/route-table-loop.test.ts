// Routes kept as a table (path → verb → handler), prefixed in a loop at load and registered by another loop
// (`for (const [verb, handler] of Object.entries(descriptor)) app[verb](`/${path}`, handler)`): every function
// the table holds is a handler, so what a handler changes is changed per request.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture } from './run-cli';

describe('a route table registered in a loop', () => {
  const map = analyzeJson(fixture('route-table-loop'));

  test('the rates cache a handler of the table fills is a hazard of the request path', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['in-memory-cache src/controllers/rates.ts:4 high']);
    const [h] = map.hazards;
    assert.equal(h.evidence?.[0].what, 'handler: `get` is in a table whose members are given to `get` and `put`');
    assert.equal(map.services[0].verdict, 'in-process-state');
  });

  test('the handlers of the table reach their stores', () => {
    assert.deepEqual(edges(map), ['. -> http-api read', '. -> memory readwrite', '. -> postgres readwrite']);
    assert.equal(map.lowConfidenceHazards, undefined, 'nothing is left as a note of unknown phase');
  });
});

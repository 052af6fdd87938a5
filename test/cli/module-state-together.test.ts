// Module-level collections that one request-time function changes together (a filter set refilled by the API) are one
// place of state: one report, with the other collections as its places.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('module state changed together by one function', () => {
  const map = analyzeJson(fixture('module-state-together'));

  test('one report for the three collections applyFilters refills', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['module-mutable-state src/filters.js:1']);
    assert.deepEqual((map.hazards[0].also ?? []).map((a) => a.line), [2, 3]);
  });

  test('its message names the other two', () => {
    assert.match(map.hazards[0].message, /The same code changes 2 other values of this module: `brands` \(line 2\), `models` \(line 3\)\./);
  });
});

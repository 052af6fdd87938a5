// A module object refreshed when its value is stale (`!x.last_result || Date.now() - x.last_fetch_time > timeout`)
// is a cache of data that changes, one per replica; the same object shape filled only when empty is a value made once.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('a module cache refreshed when stale', () => {
  const map = analyzeJson(fixture('stale-refresh-cache'));

  test('the release cache is a hazard; the version read once is not', () => {
    const all = [...map.hazards, ...(map.lowConfidenceHazards ?? [])].map((h) => `${h.kind} ${h.file}:${h.line}`);
    assert.deepEqual(all, ['in-memory-cache src/remote-version.js:3']);
    assert.equal(map.hazards[0].confidence, 'high');
  });
});

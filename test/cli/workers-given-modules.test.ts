// Worker modules that export one function and get their scheduler and HTTP client from the server that loads them
// (`require('./workers/openCheckins')(cron, fetch)`): what the callers hand a parameter is what the worker uses.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('workers given their modules by the server that loads them', () => {
  const map = analyzeJson(fixture('workers-given-modules'));

  test('each node-cron job a worker schedules through its `cron` parameter is a timer every replica runs', () => {
    assert.deepEqual(map.hazards.filter((h) => h.kind === 'per-replica-timer').map((h) => `${h.file}:${h.line}`).sort(),
      ['workers/closeCheckins.js:11', 'workers/openCheckins.js:12']);
  });

  test('the requests made through the `fetch` parameter are the HTTP API the service reads and writes', () => {
    const http = map.edges.find((e) => e.store === 'http-api');
    assert.equal(http?.access, 'readwrite');
    assert.ok(http?.locations.some((l) => l.file === 'workers/openCheckins.js' && l.line === 8 && l.access === 'write'));
  });

  test('a helper given a plain options object reaches no store', () => {
    assert.ok(map.edges.every((e) => e.locations.every((l) => l.file !== 'workers/formatDate.js')));
  });
});

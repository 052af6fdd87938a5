// A Procfile runs two processes of one package: `web: npm start` (the API) and `worker: npm run worker`
// (`worker/index.js`, the digest mailer). The worker is a runtime unit of its own.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture } from './run-cli';

describe('a Procfile worker process in a folder of its own', () => {
  const map = analyzeJson(fixture('procfile-worker'));

  test('the worker is a unit of its own, named after the package and its process type', () => {
    assert.deepEqual(map.services.map((s) => [s.root, s.name, s.kind]), [['.', 'newsletter', 'http-server'], ['worker', 'newsletter/worker', 'worker']]);
    assert.deepEqual(map.services.find((s) => s.root === 'worker')!.entries, [{ path: 'worker/index.js', from: 'Procfile worker: npm run worker' }]);
  });

  test('each process has its own stores: the API writes subscribers, the worker reads them and sends mail', () => {
    assert.deepEqual(edges(map), ['. -> postgres write', 'worker -> http-api write', 'worker -> postgres read']);
  });

  test("the worker's timer is its own, not the API's", () => {
    assert.deepEqual(map.hazards.map((h) => `${h.service} ${h.kind} ${h.file}:${h.line}`), ['worker per-replica-timer worker/index.js:15']);
  });
});

// Modules loaded by the names a folder's listing gives (`require(routesInternal + file)(app)` over
// `fs.readdirSync(routesInternal)`): each is part of the service, and its exported function runs where the loop runs.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('route modules loaded from a folder by the names its listing gives', () => {
  const map = analyzeJson(fixture('folder-loaded-routes'));

  test('the node-cron job of the module nothing imports by name is a timer every replica runs, started at start-up', () => {
    const timer = map.hazards.find((h) => h.kind === 'per-replica-timer');
    assert.equal(`${timer?.file}:${timer?.line}`, 'routes/internal/cron.js:10');
    assert.notEqual(timer?.confidence, 'low');
  });

  test('its writes are the service\'s PostgreSQL edge, at runtime scope', () => {
    const pg = map.edges.find((e) => e.store === 'postgres');
    assert.equal(pg?.access, 'readwrite');
    assert.ok(pg?.locations.every((l) => l.file === 'routes/internal/cron.js' && l.scope !== 'tooling'));
  });
});

// One package, two runtime units: the server its start script runs and the browser app its index.html loads
// from a folder of its own. Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture, services } from './run-cli';

describe('fullstack-vite-express: the browser app is a unit of its own beside the server', () => {
  const map = analyzeJson(fixture('fullstack-vite-express'));

  test('two services: the package runs the server, client/ is the browser app index.html loads', () => {
    assert.deepEqual(services(map), ['. http-server', 'client frontend']);
    assert.equal(map.services.find((s) => s.id === 'client')?.name, 'pulse/client');
  });

  test("each unit reaches its own stores: SQLite is the server's, localStorage and the API call the browser's", () => {
    assert.deepEqual(edges(map), ['. -> sqlite readwrite', 'client -> http-api read', 'client -> localStorage readwrite']);
  });
});

// A package whose `src` holds a browser dashboard (`src/ui`, most of the folder's files) beside the API the package's
// server runs (`src/server.js`, `src/api/reports.js`): a folder mostly of browser code was taken whole for the
// browser, so the API's in-memory store of reports was one user's memory and no hazard (lighthouse-ci's server, whose
// SQLite file sits in `src/api` beside its `src/ui`, truth set 30). What a server entry loads runs on the server.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('an API beside a dashboard in one src folder', () => {
  const map = analyzeJson(fixture('server-beside-dashboard'));

  test('the reports the server keeps in a module-level Map are a hazard of the server', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['in-memory-cache src/api/reports.js:2']);
    assert.equal(map.services.find((s) => s.id === '.')?.verdict, 'in-process-state');
  });

  test('the dashboard stays browser code: its fetch is no server state', () => {
    const memory = map.edges.find((e) => e.store === 'memory');
    assert.ok(memory && memory.locations.every((l) => !l.file.startsWith('src/ui/')), JSON.stringify(memory));
  });
});

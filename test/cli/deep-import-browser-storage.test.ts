// A file of a package's own source or build imported by its path (`import localforage from 'localforage/src/localforage'`)
// is that package: the vault's offline copies are in IndexedDB (padloc's web app, truth set 28). Fixture workspace
// through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture, locations } from './run-cli';

describe('deep-import-browser-storage: localforage imported from its source folder', () => {
  const map = analyzeJson(fixture('deep-import-browser-storage'));

  test('the browser app keeps its vaults in IndexedDB', () => {
    assert.deepEqual(edges(map), ['. -> http-api read', '. -> indexedDB readwrite']);
    assert.deepEqual(locations(map, '.', 'indexedDB'), ['src/storage.ts:6 write setItem', 'src/storage.ts:10 read getItem']);
  });
});

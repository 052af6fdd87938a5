// A file of a package's own source or build imported by its path (`import localforage from 'localforage/src/localforage'`)
// is that package: the vault's offline copies are in IndexedDB (padloc's web app, truth set 28). And a bundler's config
// in a package no entry was found for (padloc's PWA and admin app) is build-time code, though every other file counts.
// Fixture workspaces through the built CLI.
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

describe('fallback-webpack-config: a browser app with no entry found, and a webpack config that writes a file', () => {
  const map = analyzeJson(fixture('fallback-webpack-config'));

  test('every file counts, but the bundler\'s config is tooling: the app keeps its notes in localStorage, and nothing on its disk', () => {
    assert.deepEqual(map.edges.map((e) => `${e.service} -> ${e.store} ${e.access} ${e.scope}`).sort(), ['. -> filesystem readwrite tooling', '. -> localStorage readwrite runtime']);
    assert.equal(map.services[0]?.verdict, 'state-elsewhere');
  });
});

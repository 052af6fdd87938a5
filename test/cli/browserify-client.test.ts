// A server package whose scripts bundle a browser app from a folder of its own (`browserify ./web/app.js -o
// ./web/public/bundle.js`): the bundle runs in its users' browsers, a unit apart from the server that serves it.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture } from './run-cli';

describe('a browser app bundled by a package script', () => {
  const map = analyzeJson(fixture('browserify-client'));

  test('the server and the bundled browser app are two services', () => {
    assert.deepEqual(map.services.map((s) => `${s.name} ${s.root} ${s.kind}`).sort(), ['channel-guide . http-server', 'channel-guide/web web frontend']);
  });

  test('the browser app keeps its setting in localStorage; the server reads its files', () => {
    assert.deepEqual(edges(map), ['. -> filesystem read', 'web -> localStorage readwrite']);
  });

  test('the page\'s cache object is its user\'s, not a hazard of a replica', () => {
    assert.deepEqual(map.hazards, []);
  });
});

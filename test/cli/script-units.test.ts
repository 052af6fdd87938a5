// A package whose scripts start a second program from a folder of its own (`start:worker: node
// src/workers/crawl.js`) runs two units; `start:dev` is the same server under a watcher. The worker reaches
// the database through the package's shared module. Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture, locations } from './run-cli';

describe('a start script of its own makes a runtime unit', () => {
  const map = analyzeJson(fixture('script-units'));

  test('the server and the worker are two services, named after the package and the role', () => {
    assert.deepEqual(map.services.map((s) => `${s.name} ${s.root}`).sort(), ['feedhub .', 'feedhub/worker src/workers']);
  });

  test('the worker writes articles through the shared module; the server reads them', () => {
    assert.ok(edges(map).includes('src/workers -> mongodb write'), edges(map).join('\n'));
    assert.deepEqual(locations(map, 'src/workers', 'mongodb'), ['src/workers/crawl.js:6 write saveArticles() → db.collection.insertMany']);
    assert.ok(edges(map).includes('. -> mongodb readwrite'), edges(map).join('\n'));
  });

  test('the worker\'s files are its own, not the server\'s', () => {
    assert.ok(!locations(map, '.', 'http-api').length);
  });
});

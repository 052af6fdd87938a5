// A model loader written as a function (`initSequelize(sequelize)` fills a local object from the folder's model files
// and returns it) whose result the module copies onto its exports (`Object.assign(module.exports, models)`); routes
// import `{ Question }` from the folder.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture, locations } from './run-cli';

describe('models returned by a loader function and copied onto the exports', () => {
  const map = analyzeJson(fixture('sequelize-models-init'));

  test('the routes reach SQLite through the model imported by name', () => {
    assert.deepEqual(edges(map), ['. -> config read', '. -> sqlite readwrite']);
    assert.deepEqual(locations(map, '.', 'sqlite'), ['routes/questions.js:7 read import.findAll', 'routes/questions.js:11 write import.create']);
  });

  test('the name the model is imported by names its table', () => {
    const e = map.edges.find((x) => x.store.startsWith('sqlite'))!;
    assert.deepEqual([...new Set(e.locations.map((l) => l.target))], ['Question']);
  });
});

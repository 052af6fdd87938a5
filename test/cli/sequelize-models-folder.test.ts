// The sequelize-cli layout: models/index.js imports every model file of its folder into one object
// (`db[model.name] = sequelize.import(file)`) and exports it; the application hangs it on Express
// (`app.set('db_model', require('./models'))`) and routes read `req.app.get('db_model').Leave`.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture, locations } from './run-cli';

describe('models loaded from a folder into one exported object', () => {
  const map = analyzeJson(fixture('sequelize-models-folder'));

  test('the routes reach SQLite through the model kept under its name', () => {
    assert.deepEqual(edges(map), ['. -> config read', '. -> sqlite readwrite']);
    assert.deepEqual(locations(map, '.', 'sqlite'), ['routes/leaves.js:7 read import.findAll', 'routes/leaves.js:12 write import.create']);
  });

  test('the member the model is kept under names its table', () => {
    const e = map.edges.find((x) => x.store.startsWith('sqlite'))!;
    assert.deepEqual([...new Set(e.locations.map((l) => l.target))], ['Leave']);
  });
});

// Clients hung on the application at start-up and reached through the request in route files:
// `app.db = client.db(…)` in a named connect callback, `app.set('orders', pool)`, `app.locals.redis`.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture, locations, verdictLine } from './run-cli';

describe('what start-up code hangs on the Express application is what req.app gives the routes', () => {
  const map = analyzeJson(fixture('express-app-locals'));

  test('each client reaches its store from the route that uses it', () => {
    assert.deepEqual(edges(map), ['. -> mongodb read', '. -> postgres read', '. -> redis write']);
    assert.deepEqual(locations(map, '.', 'mongodb'), ['routes/products.js:6 read collection.find']);
    assert.deepEqual(locations(map, '.', 'postgres'), ['routes/orders.js:7 read query']);
    assert.deepEqual(locations(map, '.', 'redis'), ['routes/products.js:11 write lpush']);
  });

  test('a Map hung as app.locals.cache is not taken for Redis by its name', () => {
    assert.ok(!locations(map, '.', 'redis').some((l) => l.startsWith('routes/products.js:7 ')));
    assert.ok(!map.edges.some((e) => e.locations.some((l) => l.file === 'routes/products.js' && l.line === 7)));
  });

  test('the claim of statelessness holds: the state is elsewhere', () => {
    assert.equal(verdictLine(map, '.'), 'stateless=true README.md:3 readme · state-elsewhere · honest=true');
  });
});

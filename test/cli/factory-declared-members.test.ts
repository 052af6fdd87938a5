// A repository made once, at start-up, by a factory that returns an object of functions declared in it (`function add(…)
// { imposters[port] = imposter } … return { add, get }`), called as `imposters.add(req.body)` in a route: the member runs
// where the made object's member is called, so the factory's local is state requests change, reported where the one
// instance is made (`const imposters = repository.create()`); a local no member changes is not (bbyars/mountebank, truth
// set 29). Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe("a factory's object of functions, called from routes", () => {
  const map = analyzeJson(fixture('factory-declared-members'));

  test('the repository the routes fill is one report, where it is made', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['module-mutable-state src/server.js:4']);
    assert.match(map.hazards[0]?.message ?? '', /`imposters` keeps an object that `create` makes .*changed by `add`/);
  });
});

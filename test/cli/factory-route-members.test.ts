// Route handlers that are members of the object a workspace factory returns (`const users = require('./api/users')(db)`,
// `app.post('/api/users', users.create)`): they run per request, the factory's other members where they are called.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('handlers that a factory returns as members of an object', () => {
  const map = analyzeJson(fixture('factory-route-members'));

  test('the sign-up race in `users.create` is a request-time hazard, reached from the route', () => {
    const race = map.hazards.find((h) => h.kind === 'check-then-act');
    assert.equal(`${race?.file}:${race?.line}`, 'lib/api/users.js:13');
    assert.match(race?.evidence?.[0]?.what ?? '', /`create` is given to `post`/);
  });

  test('the same lookup and insert in `seedAdmin`, run once at start-up, is no race', () => {
    assert.ok(!map.hazards.some((h) => h.file === 'lib/api/users.js' && h.line === 7));
  });
});

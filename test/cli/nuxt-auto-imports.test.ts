// Nuxt imports what `server/utils` exports into every server file: `createRateLimiter(…)` and `db` are used in a route
// with no import. The limiter made while the route module loads keeps a Map per replica, and the route writes
// PostgreSQL through the pool of `server/utils/db.ts`; a Nuxt app with `server/api` routes is an HTTP server (Nitro),
// not only a front-end (reqcore's `apply.post.ts`, truth set 27). Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture, locations, services } from './run-cli';

describe('nuxt-auto-imports: server utils used without an import', () => {
  const map = analyzeJson(fixture('nuxt-auto-imports'));

  test('the app is an HTTP server: its server/api routes answer requests', () => {
    assert.deepEqual(services(map), ['. http-server']);
  });

  test('the limiter the route makes from the auto-imported factory is a memory rate limit where it is made', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['memory-rate-limit server/api/jobs/apply.post.ts:1']);
  });

  test('the route\'s insert through the auto-imported pool is a PostgreSQL write at the route', () => {
    assert.deepEqual(locations(map, '.', 'postgres'), ['server/api/jobs/apply.post.ts:7 write query']);
  });
});

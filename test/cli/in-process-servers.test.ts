// State a server keeps in objects it makes once at start-up: fixture workspaces through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture, hazards, verdictLine } from './run-cli';

describe('lobby-store-in-memory: a store object made by start-up code through a factory', () => {
  const map = analyzeJson(fixture('lobby-store-in-memory'));

  test('the lobbies the requests add to its Map are state in the process, though the object is made inside main()', () => {
    assert.deepEqual(hazards(map), ['module-mutable-state src/store/in-memory.ts:9']);
    const h = map.hazards[0];
    assert.match(h.message, /^`lobbies` \(a Map in the one instance of its class\) is changed by `InMemoryStore\.create` \(line 16\)/);
    assert.equal(verdictLine(map, '.'), 'stateless=true README.md:3 readme · in-process-state · honest=false');
  });

  test('a counter field of the same object is not reported: scalar fields of objects found only through callers may be settings', () => {
    assert.ok(!map.hazards.some((x) => /nextCode/.test(x.message)));
    assert.ok(!(map.lowConfidenceHazards ?? []).some((x) => /nextCode/.test(x.message)));
  });
});

describe('nuxt-login-limiter: a Nitro route, a service behind a Nuxt alias, a counter Map changed through a helper', () => {
  const map = analyzeJson(fixture('nuxt-login-limiter'));

  test('the Map the route hands to allow(map, key) is a per-instance rate limit, reached from the defineEventHandler callback', () => {
    assert.deepEqual(hazards(map), ['memory-rate-limit server/services/login.ts:5']);
    const h = map.hazards[0];
    assert.equal(h.confidence, 'high');
    assert.deepEqual(h.evidence?.slice(0, 2).map((e) => `${e.file}:${e.line} ${e.what}`), [
      'server/api/login.post.ts:3 handler: the callback given to `defineEventHandler`',
      'server/services/login.ts:19 `startLogin`, called by `(defineEventHandler)` (server/api/login.post.ts)',
    ]);
    assert.equal(verdictLine(map, '.'), 'stateless=true README.md:3 readme · in-process-state · honest=false');
  });
});

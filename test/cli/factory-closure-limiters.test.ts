// State a closure keeps in the function that made it: `createRateLimiter({ … })` called once while the routes module
// loads makes one Map of hits per limiter, and every request the middleware it returns handles changes it; the same
// for a counter of failed attempts the handler calls through the value the factory made (`otpAttempts(email)`). Each
// replica counts on its own. A local a callback fills while one request is handled (`seen` in a filter,
// `totals` in a helper called per request) is that request's, and one a stream's callback fills in a function run at
// start-up (`chunks` of `readBanner`) is that read's, as the function returns no closure that keeps it: no hazard
// (reqcore's `createRateLimiter`, truth set 27; the stream case from getodk/central-backend, set 25).
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture, verdictLine } from './run-cli';

describe('factory-closure-limiters: rate limiters made by factories at start-up', () => {
  const map = analyzeJson(fixture('factory-closure-limiters'));

  test('each limiter\'s own state is a memory rate limit, at the local its factory declares', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), [
      'memory-rate-limit src/lib/attempts.ts:3', 'memory-rate-limit src/middleware/rateLimit.ts:10',
    ]);
  });

  test('the report says which factory made it and how a request reaches it', () => {
    const [attempts, limiter] = map.hazards;
    assert.match(limiter.message, /^`hits` \(a Map made in `createRateLimiter`, which runs once at start-up, and kept by the functions made in it\) is changed by `rateLimit`/);
    assert.match(attempts.message, /^`failures` \(an object made in `attemptCounter`/);
    assert.ok(attempts.evidence?.some((e) => e.what === 'the function `attemptCounter` returns, called by `(post)` (src/routes/auth.ts)'), JSON.stringify(attempts.evidence));
  });

  test('the README\'s stateless claim is broken', () => {
    assert.equal(verdictLine(map, '.'), 'stateless=true README.md:3 readme · in-process-state · honest=false');
  });
});

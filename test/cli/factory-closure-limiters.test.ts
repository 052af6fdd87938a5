// State a closure keeps in the function that made it: `createRateLimiter({ … })` called once while the routes module
// loads makes one Map of hits per limiter, reported where each limiter is made (the login's and the sign-up's), and
// every request the middleware it returns handles changes it; the same for a counter of failed attempts the handler
// calls through the value the factory made (`otpAttempts(email)`). Each replica counts on its own. A local a callback
// fills while one request is handled (`seen` in a filter, `totals` in a helper called per request) is that request's,
// and one a stream's callback fills in a function run at start-up (`chunks` of `readBanner`) is that read's, as the
// function returns no closure that keeps it: no hazard (reqcore's `createRateLimiter`, truth set 27; the stream case
// from getodk/central-backend, set 25). Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture, verdictLine } from './run-cli';

describe('factory-closure-limiters: rate limiters made by factories at start-up', () => {
  const map = analyzeJson(fixture('factory-closure-limiters'));

  test('each limiter is its own state (two made by one factory are two), reported where it is made, at the binding that keeps it', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), [
      'memory-rate-limit src/routes/auth.ts:7', 'memory-rate-limit src/routes/auth.ts:8', 'memory-rate-limit src/routes/auth.ts:9',
    ]);
  });

  test('the report says which factory made it, where its local is, and how a request reaches it', () => {
    const [limiter, attempts] = map.hazards;
    assert.match(limiter.message, /^`loginLimiter` keeps a Map that `createRateLimiter` makes \(`hits`, line 10 of src\/middleware\/rateLimit.ts\), changed by `rateLimit`/);
    assert.match(attempts.message, /^`otpAttempts` keeps an object that `attemptCounter` makes \(`failures`, line 3 of src\/lib\/attempts.ts\)/);
    assert.ok(attempts.evidence?.some((e) => e.what === 'the function `attemptCounter` returns, called by `(post)` (src/routes/auth.ts)'), JSON.stringify(attempts.evidence));
    assert.ok(limiter.evidence?.some((e) => e.file === 'src/middleware/rateLimit.ts' && e.line === 10), JSON.stringify(limiter.evidence));
  });

  test('the README\'s stateless claim is broken', () => {
    assert.equal(verdictLine(map, '.'), 'stateless=true README.md:3 readme · in-process-state · honest=false');
  });
});

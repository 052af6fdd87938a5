import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CrashPolicy } from '../../../src/extension/crashPolicy';

test('a crash restarts the server and tells the user once; a crash loop stops it with one more message', () => {
  const told: string[] = [];
  let now = 0;
  const policy = new CrashPolicy((k) => told.push(k), () => now);
  const actions: string[] = [];
  for (let i = 0; i < 5; i++) {
    now += 10_000;
    actions.push(policy.closed());
  }
  assert.deepEqual(actions, ['restart', 'restart', 'restart', 'restart', 'stop']);
  assert.deepEqual(told, ['restarted', 'stopped']);
});

test('crashes far apart keep restarting, silently after the first', () => {
  const told: string[] = [];
  let now = 0;
  const policy = new CrashPolicy((k) => told.push(k), () => now);
  for (let i = 0; i < 10; i++) {
    now += 60_000;
    assert.equal(policy.closed(), 'restart');
  }
  assert.deepEqual(told, ['restarted']);
  policy.reset();
  policy.closed();
  assert.deepEqual(told, ['restarted', 'restarted']);
});

test('connection errors: a few are tolerated, then the client shuts down', () => {
  const policy = new CrashPolicy(() => undefined);
  assert.equal(policy.error(1), 'continue');
  assert.equal(policy.error(3), 'continue');
  assert.equal(policy.error(4), 'shutdown');
});

// A timer whose callback writes through a namespace a barrel re-exports: `cache.leaderboard.setLeaderboard(data)` of
// `import * as cache from './cache'`, where `cache/index.js` says `export * as leaderboard from './leaderboard'`. The
// write was not followed past the barrel, so the updater every replica starts (redpwn/rctf, truth set 30) was no
// hazard. The server starts it through a dynamic import (`const { startUpdater } = await import('./leaderboard')`).
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('a timer that writes through a re-exported namespace', () => {
  const map = analyzeJson(fixture('timer-through-namespace'));

  test('the leaderboard updater is a timer every replica runs, found through the barrel', () => {
    const timers = map.hazards.filter((h) => h.kind === 'per-replica-timer');
    assert.deepEqual(timers.map((h) => `${h.file}:${h.line}`), ['server/leaderboard.js:14']);
    assert.ok(timers[0].evidence?.some((e) => e.file === 'server/cache/leaderboard.js'), JSON.stringify(timers[0].evidence));
  });
});

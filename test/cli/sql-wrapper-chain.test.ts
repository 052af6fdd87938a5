// SQL text handed through two wrappers: a repository calls `query(sql, params)`, which calls `run(sql, params)`, which
// calls `pool.query(sql, params)` (twice, to retry). Each repository call is classified by the SQL it passes, two
// wrappers away; a lookup helper that touches another table first but returns its SELECT stands for that read; and a
// joined table's `clubs.id` in the WHERE is no id of the member record. So join's find-then-insert is a race, and
// follow's insert that settles a duplicate itself (`ON DUPLICATE KEY UPDATE`) is not (FailXSiegen/voting-service-api,
// truth set 28). Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture, locations } from './run-cli';

describe('a repository whose SQL goes through a wrapper of a wrapper', () => {
  const map = analyzeJson(fixture('sql-wrapper-chain'));

  test('each repository call is a read or a write of its table', () => {
    assert.deepEqual(locations(map, '.', 'mysql').filter((l) => l.startsWith('src/repo/')), [
      'src/repo/members.js:4 write query() → query',
      'src/repo/members.js:5 read query() → query',
      'src/repo/members.js:12 write query() → query',
      'src/repo/members.js:16 write query() → query',
      'src/repo/members.js:20 read query() → query',
      'src/repo/members.js:24 read query() → query',
    ]);
  });

  test('find-then-insert of a member races; an insert that settles its duplicate does not', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['check-then-act src/server.js:10']);
    assert.match(map.hazards[0]?.message ?? '', /`existing` is read at line 8/);
  });
});

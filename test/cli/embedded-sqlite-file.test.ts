// An embedded database opened on a file (`new Database(process.env.DB_PATH || 'data/guestbook.db')`) keeps what
// requests write on this instance's disk: every replica has a database of its own, and a container without a volume
// loses it on restart. Labellers of real repositories mark it where the file is opened (trilium, spacedeck,
// multi-scrobbler, padloc: truth sets 27–29); a database opened read-only or in memory keeps nothing there.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('an SQLite database file beside a read-only and an in-memory one', () => {
  const map = analyzeJson(fixture('embedded-sqlite-file'));

  test('the guestbook file is the one hazard, where it is opened, naming its path', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['local-file-write src/db.js:5']);
    assert.match(map.hazards[0].message, /SQLite database file .*process\.env\.DB_PATH/);
  });

  test('the service keeps state in its process, not only elsewhere', () => {
    assert.equal(map.services.length, 1);
    assert.equal(map.services[0].verdict, 'in-process-state');
  });
});

// The URL a libSQL driver opens comes from the environment (`drizzle(process.env.DB_FILE_NAME)`), and the example env
// file the repository ships says what it is by default: `DB_FILE_NAME=file:.data/tickets.db`, a database file on this
// instance's disk (Sayrix/Ticket-Bot, truth set 30). Without that file a libSQL URL may be a server, and nothing is
// reported. Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('a libSQL URL from the environment, a file by the example env file', () => {
  const map = analyzeJson(fixture('env-example-sqlite-file'));

  test('the database file is a hazard where Drizzle opens it, naming the variable and its default', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['local-file-write src/index.ts:5']);
    assert.match(map.hazards[0].message, /process\.env\.DB_FILE_NAME, 'file:\.data\/tickets\.db' in the example env file/);
  });
});

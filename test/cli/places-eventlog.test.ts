// Event logs kept in SQL: a table only ever inserted into and read back in order to rebuild state is
// marked as the event log on its edge, as a topic replayed from the beginning is; what is rebuilt from
// it is its projection. Look-alikes (an UPDATE somewhere, a newest-first read, a table of messages read
// by date) are not marked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Edge, StateMap } from '../../src/core/model/types';
import { hoverAt } from '../../src/server/hover';
import { analyzeFiles } from '../helpers/workspace';
import { analyzeJson, copyFixture, fixture, runCli } from './run-cli';

const name = 'sql-event-store';
const edgeTo = (map: StateMap, store: string): Edge | undefined => map.edges.find((x) => x.service === '.' && x.store === store);
const LOG = { target: 'account_events', role: 'log', replay: { file: 'src/eventStore.ts', line: 24, what: '`readAll` reads it in order of `sequence`' } };

/** The fixture with one file's text replaced. */
function variant(file: string, edit: (text: string) => string): StateMap {
  const copy = copyFixture(name);
  try {
    const abs = path.join(copy.dir, file);
    fs.writeFileSync(abs, edit(fs.readFileSync(abs, 'utf8')));
    return analyzeJson(copy.dir);
  } finally {
    copy.cleanup();
  }
}

describe('sql-event-store: account_events is only appended to and read in order of its sequence', () => {
  const map = analyzeJson(fixture(name));

  test('the PostgreSQL edge is the event log; the in-memory balances are its projection', () => {
    assert.deepEqual(edgeTo(map, 'postgres')?.eventLog, LOG);
    assert.deepEqual(edgeTo(map, 'memory')?.eventLog, { target: 'Process memory', role: 'projection', from: { store: 'postgres', target: 'account_events' } });
  });

  test('Markdown and the diagram say it; the hover on the replaying read too', () => {
    const md = runCli(['analyze', fixture(name), '--format', 'markdown']).stdout;
    assert.match(md, /\n- event log `account_events`: appended to, the source of truth; replayed at src\/eventStore.ts:24 \(`readAll` reads it in order of `sequence`\)\n/);
    assert.match(md, /\n- projection rebuilt from the event log `account_events` \(PostgreSQL\)\n/);
    assert.match(md, /-->\|"read\/write ×2 · event log"\| st\d/);
    const hover = hoverAt({ folder: 'file:///ws', map, extras: { sites: [] }, file: 'src/eventStore.ts', line: 24, column: 35 })?.markdown ?? '';
    assert.match(hover, /event log `account_events`/);
  });
});

describe('look-alikes of an SQL event log are not marked', () => {
  test('an UPDATE of the table anywhere: not append-only', () => {
    const map = variant('src/eventStore.ts', (t) => `${t}\nexport async function correct(sequence: number, amountCents: number): Promise<void> {\n  await pool.query('UPDATE account_events SET amount_cents = $2 WHERE sequence = $1', [sequence, amountCents]);\n}\n`);
    assert.equal(edgeTo(map, 'postgres')?.eventLog, undefined);
    assert.equal(edgeTo(map, 'memory')?.eventLog, undefined);
  });

  test('an upsert (ON CONFLICT DO UPDATE) changes rows: not append-only', () => {
    const map = variant('src/eventStore.ts', (t) => t.replace('RETURNING sequence', 'ON CONFLICT (account_id) DO UPDATE SET amount_cents = EXCLUDED.amount_cents RETURNING sequence'));
    assert.equal(edgeTo(map, 'postgres')?.eventLog, undefined);
  });

  test('newest first (ORDER BY sequence DESC) is a listing, not a replay', () => {
    const map = variant('src/eventStore.ts', (t) => t.replace('ORDER BY sequence`', 'ORDER BY sequence DESC`'));
    assert.equal(edgeTo(map, 'postgres')?.eventLog, undefined);
  });

  test('a chat history read by date, in a function that does not replay, is not a log', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'chat', main: 'src/app.ts', dependencies: { pg: '8' } }),
      'src/app.ts': [
        "import { Pool } from 'pg';",
        'const pool = new Pool();',
        "export const post = (room: string, text: string) => pool.query('INSERT INTO messages (room, text) VALUES ($1, $2)', [room, text]);",
        "export const history = (room: string) => pool.query('SELECT * FROM messages WHERE room = $1 ORDER BY created_at', [room]);",
        '',
      ].join('\n'),
    });
    assert.deepEqual(map.edges.map((e) => e.eventLog), [undefined]);
  });
});

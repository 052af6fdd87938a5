// One describe per entry of src/catalog/entries/sql.ts: a use written the way the library's docs show
// it (store kind, access and line), and a look-alike that must not be reported.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StateMap } from '../../../src/core/model/types';
import { analyzeFiles, edgeSummary, locationSummary } from '../../helpers/workspace';

/** Source text from lines: a location's line is its index in the list plus one. */
const src = (...lines: string[]): string => lines.join('\n') + '\n';
/** `file:line kind access library` of a workspace whose code is `src/app.ts` (plus `extra` files). */
const found = (code: string, extra: Record<string, string> = {}): string[] => locationSummary(analyzeFiles({ 'src/app.ts': code, ...extra }));
/** `file:line target` of every location that names a target (environment variables left out), sorted. */
const targets = (map: StateMap): string[] =>
  map.edges.filter((e) => e.store !== 'env').flatMap((e) => e.locations.filter((l) => l.target).map((l) => `${l.file}:${l.line} ${l.target}`)).sort();
/** A package.json whose dependencies are `deps`. */
const pkg = (...deps: string[]): string => JSON.stringify({ name: 'app', version: '1.0.0', dependencies: Object.fromEntries(deps.map((d) => [d, '*'])) });

describe('pg', () => {
  test('SELECT reads, INSERT and WITH … INSERT write, SELECT … FOR UPDATE reads and writes; the SQL names the table', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { Pool } from 'pg';",
        'const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
        'export async function close(id: string) {',
        "  const { rows } = await pool.query('SELECT * FROM accounts WHERE id = $1', [id]);",
        "  await pool.query({ text: 'INSERT INTO audit_log(account_id) VALUES ($1)', values: [id] });",
        "  await pool.query('WITH gone AS (DELETE FROM carts WHERE account_id = $1 RETURNING *) INSERT INTO old_carts SELECT * FROM gone', [id]);",
        "  await pool.query('SELECT balance FROM ledgers WHERE account_id = $1 FOR UPDATE', [id]);",
        '  return rows;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:4 postgres read pg',
      'src/app.ts:5 postgres write pg',
      'src/app.ts:6 postgres write pg',
      'src/app.ts:7 postgres readwrite pg',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:4 accounts', 'src/app.ts:5 audit_log', 'src/app.ts:6 carts', 'src/app.ts:7 ledgers']);
  });

  test('a WITH that only selects reads; a statement the verbs do not know reads and writes', () => {
    assert.deepEqual(found(src(
      "import { Client } from 'pg';",
      'const client = new Client();',
      "export const recent = () => client.query('WITH recent AS (SELECT * FROM orders WHERE created_at > now() - interval \\'1 day\\') SELECT count(*) FROM recent');",
      "export const vacuum = () => client.query('VACUUM ANALYZE orders');",
    )), ['src/app.ts:3 postgres read pg', 'src/app.ts:4 postgres readwrite pg']);
  });

  test('a pool made in one file and queried in another is found where it is queried', () => {
    const map = analyzeFiles({
      'src/db.ts': src("import pg from 'pg';", 'export const pool = new pg.Pool();'),
      'src/orders.ts': src(
        "import { pool } from './db';",
        "export const cancel = (id: string) => pool.query(\"UPDATE orders SET status = 'cancelled' WHERE id = $1\", [id]);",
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/orders.ts:2 postgres write pg']);
    assert.deepEqual(edgeSummary(map), ['. -> postgres write']);
  });

  test('a client checked out of the pool, a typed PoolClient parameter and pg.native are clients too', () => {
    assert.deepEqual(found(src(
      "import pg, { type PoolClient } from 'pg';",
      'const pool = new pg.native.Pool();',
      'export async function move(from: PoolClient, id: string) {',
      '  const client = await pool.connect();',
      "  await client.query('DELETE FROM carts WHERE id = $1', [id]);",
      '  client.release();',
      "  await from.query('SELECT id FROM carts');",
      '}',
    )), ['src/app.ts:5 postgres write pg', 'src/app.ts:7 postgres read pg']);
  });

  test('look-alikes: a query method on a plain object, type parsers, events, end() and a type-only import', () => {
    assert.deepEqual(found(src(
      "import pg from 'pg';",
      "import type { PoolClient } from 'pg';",
      'pg.types.setTypeParser(1700, parseFloat);',
      'const search = { query: (text: string) => text.trim() };',
      "export const find = () => search.query('SELECT everything');",
      'export type Tx = PoolClient;',
      'export function stop(pool: pg.Pool) { pool.on("error", console.error); return pool.end(); }',
    )), []);
  });
});

describe('pg-native', () => {
  test('the module is the Client class: query and querySync are classified by their SQL', () => {
    assert.deepEqual(found(src(
      "const Client = require('pg-native');",
      'const client = new Client();',
      'client.connectSync();',
      "const rows = client.querySync('SELECT NOW() AS the_date');",
      "client.query('INSERT INTO visits DEFAULT VALUES', (err: Error) => { if (err) throw err; });",
      "client.prepare('get_user', 'SELECT * FROM users WHERE id = $1', 1, () => client.execute('get_user', [1], () => {}));",
      'export default rows;',
    )), ['src/app.ts:4 postgres read pg-native', 'src/app.ts:5 postgres write pg-native', 'src/app.ts:6 postgres readwrite pg-native']);
  });

  test('look-alike: connecting and ending is not data access', () => {
    assert.deepEqual(found(src("import Client from 'pg-native';", 'const c = new Client();', "c.connect('postgres://localhost/app', () => c.end());")), []);
  });
});

describe('pg-pool', () => {
  test('new Pool() from pg-pool queries Postgres', () => {
    assert.deepEqual(found(src(
      "import Pool from 'pg-pool';",
      "const pool = new Pool({ database: 'postgres', max: 20, idleTimeoutMillis: 1000 });",
      'export async function names() {',
      '  const client = await pool.connect();',
      "  const res = await client.query('SELECT name FROM pets');",
      '  client.release();',
      "  await pool.query('DELETE FROM pets WHERE adopted');",
      '  return res.rows;',
      '}',
    )), ['src/app.ts:5 postgres read pg-pool', 'src/app.ts:7 postgres write pg-pool']);
  });

  test('look-alike: pool events and counters', () => {
    assert.deepEqual(found(src(
      "import Pool from 'pg-pool';",
      'const pool = new Pool();',
      "pool.on('connect', () => console.log(pool.totalCount, pool.idleCount));",
    )), []);
  });
});

describe('pg-cursor', () => {
  test('a cursor reads: made with its SELECT and handed to client.query', () => {
    assert.deepEqual(found(src(
      "import pg from 'pg';",
      "import Cursor from 'pg-cursor';",
      'const pool = new pg.Pool();',
      'export async function firstPage() {',
      '  const client = await pool.connect();',
      "  const cursor = client.query(new Cursor('SELECT * FROM events ORDER BY id'));",
      '  const rows = await cursor.read(100);',
      '  await cursor.close();',
      '  client.release();',
      '  return rows;',
      '}',
    )), ['src/app.ts:6 postgres read pg', 'src/app.ts:6 postgres read pg-cursor']);
  });

  test('look-alike: read() on an unrelated cursor object', () => {
    assert.deepEqual(found(src(
      "import type Cursor from 'pg-cursor';",
      'const cursor = { read: async (n: number) => new Array(n).fill(0) };',
      'export const page = (c?: Cursor) => (c ? 0 : cursor.read(10));',
    )), []);
  });
});

describe('postgres', () => {
  test('the sql tag: select reads, insert writes; unsafe() and notify() too', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import postgres from 'postgres';",
        "const sql = postgres('postgres://username:password@host:5432/database');",
        'export async function users(age: number) {',
        '  const rows = await sql`select name, age from users where age > ${age}`;',
        "  await sql`insert into users ${sql({ name: 'Murray', age: 68 }, 'name', 'age')}`;",
        "  await sql.unsafe('DELETE FROM sessions WHERE expires < now()');",
        "  await sql.notify('news', 'hello');",
        '  return rows;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:4 postgres read postgres',
      'src/app.ts:5 postgres write postgres',
      'src/app.ts:6 postgres write postgres',
      'src/app.ts:7 postgres write postgres',
    ]);
    assert.deepEqual(targets(map).slice(0, 3), ['src/app.ts:4 users', 'src/app.ts:5 users', 'src/app.ts:6 sessions']);
  });

  test('queries inside sql.begin(…) use the transaction handed to the callback', () => {
    assert.deepEqual(found(src(
      "import postgres from 'postgres';",
      'const sql = postgres();',
      'export const pay = (id: number) => sql.begin(async (sql) => {',
      '  await sql`update accounts set balance = balance - 10 where id = ${id}`;',
      '});',
    )), ['src/app.ts:4 postgres write postgres']);
  });

  test('look-alike: a local tag function named sql, and sql.end()', () => {
    assert.deepEqual(found(src(
      "import postgres from 'postgres';",
      'export const close = () => postgres().end({ timeout: 5 });',
      "const sql = (parts: TemplateStringsArray) => parts.join('?');",
      'export const text = sql`select * from users`;',
    )), []);
  });
});

describe('@neondatabase/serverless', () => {
  test('neon() tag and sql.query(), and the WebSocket Pool', () => {
    assert.deepEqual(found(src(
      "import { neon, Pool } from '@neondatabase/serverless';",
      'const sql = neon(process.env.DATABASE_URL!);',
      'const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
      'export async function post(id: number) {',
      '  const [row] = await sql`SELECT * FROM posts WHERE id = ${id}`;',
      "  await sql.query('UPDATE posts SET views = views + 1 WHERE id = $1', [id]);",
      "  await pool.query('INSERT INTO visits(post_id) VALUES ($1)', [id]);",
      '  return row;',
      '}',
    )), ['src/app.ts:5 postgres read @neondatabase/serverless', 'src/app.ts:6 postgres write @neondatabase/serverless', 'src/app.ts:7 postgres write @neondatabase/serverless']);
  });

  test('look-alikes: sql.unsafe() only interpolates trusted text, neonConfig is configuration', () => {
    assert.deepEqual(found(src(
      "import { neon, neonConfig } from '@neondatabase/serverless';",
      "import ws from 'ws';",
      'neonConfig.webSocketConstructor = ws;',
      'const sql = neon(process.env.DATABASE_URL!);',
      "export const column = (name: 'title' | 'body') => sql.unsafe(name);",
    )), []);
  });
});

describe('@vercel/postgres', () => {
  test('the sql tag, db.connect() clients and createPool()', () => {
    assert.deepEqual(found(src(
      "import { sql, db, createPool } from '@vercel/postgres';",
      'export async function cart(userId: string) {',
      '  const { rows } = await sql`SELECT * from CARTS where user_id=${userId};`;',
      '  const client = await db.connect();',
      "  await client.sql`INSERT INTO Pets (Name, Owner) VALUES (${'Fiona'}, ${userId});`;",
      '  const pool = createPool({ connectionString: process.env.POSTGRES_URL });',
      "  await pool.query('DELETE FROM carts WHERE user_id = $1', [userId]);",
      '  return rows;',
      '}',
    )), ['src/app.ts:3 postgres read @vercel/postgres', 'src/app.ts:5 postgres write @vercel/postgres', 'src/app.ts:7 postgres write @vercel/postgres']);
  });

  test('look-alike: a type-only import and a release()', () => {
    assert.deepEqual(found(src(
      "import type { VercelPoolClient } from '@vercel/postgres';",
      'export const done = (c: { release(): void }, _t?: VercelPoolClient) => c.release();',
    )), []);
  });
});

describe('mysql', () => {
  test('createPool().query() and a pooled connection handed to a callback', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import mysql from 'mysql';",
        "const pool = mysql.createPool({ host: 'db', user: 'app', database: 'shop' });",
        'export function sell(id: number) {',
        "  pool.query('SELECT * FROM books WHERE id = ?', [id], () => {});",
        '  pool.getConnection((err, connection) => {',
        "    connection.query({ sql: 'UPDATE books SET sold = sold + 1 WHERE id = ?', values: [id] }, () => connection.release());",
        '  });',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/app.ts:4 mysql read mysql', 'src/app.ts:6 mysql write mysql']);
    assert.deepEqual(targets(map), ['src/app.ts:4 books', 'src/app.ts:6 books']);
  });

  test('look-alike: escape() and format() build SQL text without running it', () => {
    assert.deepEqual(found(src(
      "import mysql from 'mysql';",
      "export const q = (id: number) => mysql.format('SELECT * FROM books WHERE id = ?', [mysql.escape(id)]);",
    )), []);
  });
});

describe('promise-mysql', () => {
  test('a connection made with await createConnection(): query() is classified by its SQL', () => {
    assert.deepEqual(found(src(
      "import mysql from 'promise-mysql';",
      'export async function vote(pollId: number, userId: number) {',
      '  const connection = await mysql.createConnection({ host: process.env.DATABASE_HOST });',
      "  const [voted] = await connection.query('SELECT vote_cycle FROM poll_user_voted WHERE poll_id = ? AND user_id = ?', [pollId, userId]);",
      "  await connection.query('INSERT INTO poll_answer (poll_id, user_id) VALUES (?, ?)', [pollId, userId]);",
      '  await connection.end();',
      '  return voted;',
      '}',
    )), ['src/app.ts:4 mysql read promise-mysql', 'src/app.ts:5 mysql write promise-mysql']);
  });

  test('look-alike: release() and end() of a pool are no operations', () => {
    assert.deepEqual(found(src(
      "import mysql from 'promise-mysql';",
      'export async function close() {',
      '  const pool = await mysql.createPool({});',
      '  const c = await pool.getConnection();',
      '  c.release();',
      '  await pool.end();',
      '}',
    )), []);
  });
});

describe('mysql2', () => {
  test('mysql2/promise: query() and execute() are classified by their SQL', () => {
    assert.deepEqual(found(src(
      "import mysql from 'mysql2/promise';",
      'export async function rick() {',
      "  const connection = await mysql.createConnection({ host: 'localhost', user: 'root', database: 'test' });",
      "  const [rows] = await connection.query('SELECT * FROM `table` WHERE `name` = \"Page\" AND `age` > 45');",
      "  await connection.execute('INSERT INTO `table` (name, age) VALUES (?, ?)', ['Rick C-137', 53]);",
      '  return rows;',
      '}',
    )), ['src/app.ts:4 mysql read mysql2', 'src/app.ts:5 mysql write mysql2']);
  });

  test('a typed Pool parameter in another file', () => {
    assert.deepEqual(analyzeFiles({
      'src/repo.ts': src("import type { Pool } from 'mysql2/promise';", "export const count = (pool: Pool) => pool.query('SELECT COUNT(*) FROM orders');"),
    }).edges.flatMap((e) => e.locations.map((l) => `${l.line} ${l.access} ${l.library}`)), ['2 read mysql2']);
  });

  test('look-alike: a query() on an unrelated object in a file that imports mysql2', () => {
    assert.deepEqual(found(src(
      "import mysql from 'mysql2';",
      'export const pool = mysql.createPool({});',
      "const graph = { query: (q: string) => q.length };",
      "export const n = graph.query('SELECT * FROM nodes');",
    )), []);
  });
});

describe('@planetscale/database', () => {
  test('connect().execute() and a transaction', () => {
    assert.deepEqual(found(src(
      "import { connect } from '@planetscale/database';",
      "const conn = connect({ host: process.env.DATABASE_HOST, username: process.env.DATABASE_USERNAME, password: process.env.DATABASE_PASSWORD });",
      "export const one = () => conn.execute('select 1 from dual where 1=?', [1]);",
      "export const add = () => conn.transaction(async (tx) => tx.execute('INSERT INTO branches (name) VALUES (?)', ['main']));",
    )), ['src/app.ts:3 mysql read @planetscale/database', 'src/app.ts:4 mysql write @planetscale/database']);
  });

  test('look-alike: cast and format helpers', () => {
    assert.deepEqual(found(src(
      "import { cast, format } from '@planetscale/database';",
      "export const text = format('select * from t where id = ?', [1]);",
      'export { cast };',
    )), []);
  });
});

describe('sqlite3', () => {
  test('verbose().Database: run, prepare and each', () => {
    assert.deepEqual(found(src(
      "const sqlite3 = require('sqlite3').verbose();",
      "const db = new sqlite3.Database(':memory:');",
      'db.serialize(() => {',
      "  db.run('CREATE TABLE lorem (info TEXT)');",
      "  const stmt = db.prepare('INSERT INTO lorem VALUES (?)');",
      '  stmt.finalize();',
      "  db.each('SELECT rowid AS id, info FROM lorem', () => {});",
      '});',
    )), ['src/app.ts:4 sqlite write sqlite3', 'src/app.ts:5 sqlite write sqlite3', 'src/app.ts:7 sqlite read sqlite3']);
  });

  test('look-alike: serialize() and configure()', () => {
    assert.deepEqual(found(src(
      "import sqlite3 from 'sqlite3';",
      "const db = new sqlite3.Database('app.db');",
      "db.configure('busyTimeout', 3000);",
      'db.serialize();',
    )), []);
  });
});

describe('better-sqlite3', () => {
  test('prepare(…).get() reads, prepare(…).run() writes, exec() runs its SQL', () => {
    assert.deepEqual(found(src(
      "import Database from 'better-sqlite3';",
      "const db = new Database('foobar.db');",
      "db.exec('CREATE TABLE IF NOT EXISTS cats (id INTEGER PRIMARY KEY, name TEXT)');",
      "export const cat = (id: number) => db.prepare('SELECT * FROM cats WHERE id = ?').get(id);",
      "export const add = (name: string) => db.prepare('INSERT INTO cats (name) VALUES (?)').run(name);",
    )), ['src/app.ts:3 sqlite write better-sqlite3', 'src/app.ts:4 sqlite read better-sqlite3', 'src/app.ts:5 sqlite write better-sqlite3']);
  });

  test('look-alike: pragma() and transaction() wrappers', () => {
    assert.deepEqual(found(src(
      "import Database from 'better-sqlite3';",
      "const db = new Database('foobar.db');",
      "db.pragma('journal_mode = WAL');",
      'export const tx = db.transaction((fn: () => void) => fn());',
    )), []);
  });
});

describe('node:sqlite', () => {
  test("Node's DatabaseSync: prepare(…).get() reads, prepare(…).run() and exec() write as their SQL says", () => {
    assert.deepEqual(found(src(
      "import { DatabaseSync } from 'node:sqlite';",
      "const db = new DatabaseSync(process.env.DB_FILE ?? './data/scrobbles.db');",
      "db.exec('CREATE TABLE IF NOT EXISTS plays (id INTEGER PRIMARY KEY, track TEXT)');",
      "export const play = (id: number) => db.prepare('SELECT * FROM plays WHERE id = ?').get(id);",
      "export const add = (track: string) => db.prepare('INSERT INTO plays (track) VALUES (?)').run(track);",
    )), ['src/app.ts:3 sqlite write node:sqlite', 'src/app.ts:4 sqlite read node:sqlite', 'src/app.ts:5 sqlite write node:sqlite']);
  });

  test('through a namespace import, and look-alike: close() and a registered function', () => {
    assert.deepEqual(found(src(
      "import * as sqlite from 'node:sqlite';",
      "const db = new sqlite.DatabaseSync(':memory:');",
      "db.function('twice', (x: number) => x * 2);",
      'export const stop = () => db.close();',
      "export const count = () => db.prepare('SELECT count(*) FROM plays').get();",
    )), ['src/app.ts:5 sqlite read node:sqlite']);
  });
});

describe('bun:sqlite', () => {
  test("Bun's Database: query(…).get() reads, run() and exec() write as their SQL says", () => {
    assert.deepEqual(found(src(
      "import { Database } from 'bun:sqlite';",
      "const db = new Database(process.env.DB_PATH ?? './data/app.sqlite', { create: true });",
      "db.exec('CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY, status TEXT)');",
      "export const job = (id: number) => db.query('SELECT * FROM jobs WHERE id = ?').get(id);",
      "export const done = (id: number) => db.run('UPDATE jobs SET status = ? WHERE id = ?', ['done', id]);",
    )), ['src/app.ts:3 sqlite write bun:sqlite', 'src/app.ts:4 sqlite read bun:sqlite', 'src/app.ts:5 sqlite write bun:sqlite']);
  });

  test('look-alike: close() and a transaction wrapper', () => {
    assert.deepEqual(found(src(
      "import { Database } from 'bun:sqlite';",
      "const db = new Database(':memory:');",
      'export const tx = db.transaction((fn: () => void) => fn());',
      'export const stop = () => db.close();',
    )), []);
  });
});

describe('@mapbox/mbtiles', () => {
  test('a tile server opening an MBTiles file (SQLite) reads it, and a tile writer writes it', () => {
    assert.deepEqual(found(src(
      "import MBTiles from '@mapbox/mbtiles';",
      'export const open = (file: string) => new Promise((resolve, reject) => {',
      "  const tiles = new MBTiles(file + '?mode=ro', (err: Error | null) => (err ? reject(err) : resolve(tiles)));",
      '});',
      'export function save(out: MBTiles, z: number, x: number, y: number, png: Buffer) {',
      '  out.putTile(z, x, y, png, () => undefined);',
      '}',
    )), ['src/app.ts:3 sqlite read @mapbox/mbtiles', 'src/app.ts:6 sqlite write @mapbox/mbtiles']);
  });

  test('look-alike: a tile cache of the app named MBTiles', () => {
    assert.deepEqual(found(src('class MBTiles { getTile() { return null; } }', 'export const t = new MBTiles().getTile();')), []);
  });
});

describe('sqlite', () => {
  test('open({ driver }) from sqlite: exec, get and run', () => {
    assert.deepEqual(found(src(
      "import sqlite3 from 'sqlite3';",
      "import { open } from 'sqlite';",
      'export async function seed() {',
      "  const db = await open({ filename: '/tmp/database.db', driver: sqlite3.Database });",
      "  await db.exec('CREATE TABLE tbl (col TEXT)');",
      "  await db.run('INSERT INTO tbl (col) VALUES (?)', 'foo');",
      "  return db.get('SELECT col FROM tbl WHERE col = ?', 'test');",
      '}',
    )), ['src/app.ts:5 sqlite write sqlite', 'src/app.ts:6 sqlite write sqlite', 'src/app.ts:7 sqlite read sqlite']);
  });

  test('look-alike: migrate() and loadExtension()', () => {
    assert.deepEqual(found(src(
      "import { open } from 'sqlite';",
      "export const up = async () => { const db = await open({ filename: 'a.db' }); await db.migrate({ force: false }); };",
    )), []);
  });
});

describe('@libsql/client', () => {
  test('execute() with text or { sql }, batch() and executeMultiple()', () => {
    assert.deepEqual(found(src(
      "import { createClient } from '@libsql/client';",
      "const client = createClient({ url: 'libsql://app.turso.io', authToken: process.env.TURSO_TOKEN });",
      'export async function seed() {',
      "  await client.execute('SELECT * FROM users');",
      "  await client.execute({ sql: 'INSERT INTO users (name) VALUES (?)', args: ['Iku'] });",
      "  await client.batch(['DELETE FROM users WHERE id = 1', 'SELECT 1'], 'write');",
      "  await client.executeMultiple('CREATE TABLE IF NOT EXISTS logs (msg TEXT); INSERT INTO logs VALUES (1);');",
      '}',
    )), ['src/app.ts:4 sqlite read @libsql/client', 'src/app.ts:5 sqlite write @libsql/client', 'src/app.ts:6 sqlite write @libsql/client', 'src/app.ts:7 sqlite write @libsql/client']);
  });

  test('look-alike: a client created and closed without a statement', () => {
    assert.deepEqual(found(src("import { createClient } from '@libsql/client/web';", "const c = createClient({ url: 'https://x.turso.io' });", 'c.close();')), []);
  });
});

describe('mssql', () => {
  test('the global pool of sql.connect(): sql.query tagged template', () => {
    assert.deepEqual(found(src(
      "const sql = require('mssql');",
      'export async function byId(value: number) {',
      "  await sql.connect('Server=localhost,1433;Database=database;User Id=username;Password=password;Encrypt=true');",
      '  const result = await sql.query`select * from mytable where id = ${value}`;',
      "  await new sql.Request().query('DELETE FROM sessions');",
      '  return result;',
      '}',
    )), ['src/app.ts:4 mssql read mssql', 'src/app.ts:5 mssql write mssql']);
  });

  test('ConnectionPool requests: query by SQL, execute() of a procedure reads and writes, bulk() writes', () => {
    assert.deepEqual(found(src(
      "import { ConnectionPool, Table } from 'mssql';",
      "const pool = new ConnectionPool({ server: 'db', database: 'app', user: 'sa', password: 'x' });",
      "export const users = () => pool.request().query('SELECT name FROM users');",
      "export const close = () => pool.request().execute('close_day');",
      "export const load = (t: Table) => pool.request().bulk(t);",
    )), ['src/app.ts:3 mssql read mssql', 'src/app.ts:4 mssql readwrite mssql', 'src/app.ts:5 mssql write mssql']);
  });

  test('look-alike: data types and error events', () => {
    assert.deepEqual(found(src(
      "import sql from 'mssql';",
      "sql.on('error', (err: Error) => console.error(err));",
      'export const types = [sql.Int, sql.VarChar(50)];',
    )), []);
  });
});

describe('oracledb', () => {
  test('getConnection(): execute() by its SQL, executeMany() of DML writes', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import oracledb from 'oracledb';",
        'export async function run() {',
        "  const connection = await oracledb.getConnection({ user: 'hr', password: process.env.PW, connectString: 'localhost/XEPDB1' });",
        "  const result = await connection.execute('SELECT manager_id FROM departments WHERE department_id = :id', [103]);",
        "  await connection.executeMany('INSERT INTO no_tab (id) VALUES (:1)', [[1], [2]]);",
        '  await connection.commit();',
        '  await connection.close();',
        '  return result.rows;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/app.ts:4 oracle read oracledb', 'src/app.ts:5 oracle write oracledb']);
    assert.deepEqual(targets(map), ['src/app.ts:4 departments', 'src/app.ts:5 no_tab']);
  });

  test('look-alike: pool management and commit()', () => {
    assert.deepEqual(found(src(
      "import oracledb from 'oracledb';",
      "export async function start() { await oracledb.createPool({ user: 'hr', connectString: 'db/XE' }); const c = await oracledb.getPool().getConnection(); await c.commit(); }",
    )), []);
  });
});

describe('knex', () => {
  test("client: 'pg' makes it Postgres: an awaited chain reads, insert() writes, raw() by its SQL; the table is the target", () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import knex from 'knex';",
        "const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });",
        'export async function rename(id: number, name: string) {',
        '  const user = await db("users").where({ id }).first();',
        "  await db('users').where({ id }).update({ name });",
        "  await db('users').insert({ name });",
        "  await db.raw('DELETE FROM sessions WHERE user_id = ?', [id]);",
        '  return user;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:4 postgres read knex',
      'src/app.ts:5 postgres write knex',
      'src/app.ts:6 postgres write knex',
      'src/app.ts:7 postgres write knex',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:4 users', 'src/app.ts:5 users', 'src/app.ts:6 users', 'src/app.ts:7 sessions']);
  });

  test('the dialect comes from client, a connection URL, or stays sql', () => {
    assert.deepEqual(edgeSummary(analyzeFiles({ 'src/app.ts': src("import knex from 'knex';", "const db = knex({ client: 'better-sqlite3', connection: { filename: './app.db' } });", "export const all = () => db('notes');") })), ['. -> sqlite read']);
    assert.deepEqual(edgeSummary(analyzeFiles({ 'src/app.ts': src("import { knex } from 'knex';", "const db = knex('mysql://root@localhost/app');", "export const all = () => db('notes').select('id');") })), ['. -> mysql read']);
    assert.deepEqual(edgeSummary(analyzeFiles({ 'src/app.ts': src("import knex from 'knex';", 'const db = knex(require("./knexfile"));', "export const all = () => db('notes').select('id');") })), ['. -> sql read']);
  });

  test('schema changes write', () => {
    assert.deepEqual(found(src(
      "import knex from 'knex';",
      "const db = knex({ client: 'mysql2' });",
      "export const up = () => db.schema.createTable('accounts', (t) => { t.increments('id'); t.string('name'); });",
      "export const down = () => db.schema.dropTableIfExists('accounts');",
    )), ['src/app.ts:3 mysql write knex', 'src/app.ts:4 mysql write knex']);
  });

  test('a typed Knex parameter in another file (dependency injection)', () => {
    assert.deepEqual(locationSummary(analyzeFiles({
      'src/db.ts': src("import knex from 'knex';", "export const db = knex({ client: 'pg' });"),
      'src/repo.ts': src("import type { Knex } from 'knex';", 'export class Repo {', '  constructor(private readonly db: Knex) {}', "  remove(id: number) { return this.db('users').where({ id }).del(); }", '}'),
    })), ['src/repo.ts:4 postgres write knex']);
  });

  test('look-alike: a query-builder-looking function of another library', () => {
    assert.deepEqual(found(src(
      "import type { Knex } from 'knex';",
      "const db = (table: string) => ({ where: (_: object) => ({ first: () => table }) });",
      "export const user = db('users').where({ id: 1 }).first();",
      'export type Config = Knex.Config;',
    )), []);
  });
});

describe('sequelize', () => {
  test('a URL names the dialect; define()d models and Model classes read and write; query() by its SQL', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { Sequelize, DataTypes, Model, QueryTypes } from 'sequelize';",
        "const sequelize = new Sequelize('postgres://user:pass@example.com:5432/dbname');",
        "const User = sequelize.define('User', { name: DataTypes.STRING });",
        'class Project extends Model {}',
        "Project.init({ title: DataTypes.STRING }, { sequelize, modelName: 'project' });",
        'export async function run(id: number) {',
        '  const users = await User.findAll({ where: { id } });',
        "  await User.create({ name: 'Jane' });",
        '  const project = await Project.findByPk(id);',
        "  if (project) { project.set('title', 'x'); await project.save(); }",
        "  await sequelize.query('SELECT * FROM users', { type: QueryTypes.SELECT });",
        '  await Project.destroy({ where: { id } });',
        '  return users;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:10 postgres write sequelize',
      'src/app.ts:11 postgres read sequelize',
      'src/app.ts:12 postgres write sequelize',
      'src/app.ts:7 postgres read sequelize',
      'src/app.ts:8 postgres write sequelize',
      'src/app.ts:9 postgres read sequelize',
    ]);
    // a Model class names its table by its own name, also on the instance it found (`project.save()`)
    assert.deepEqual(targets(map), ['src/app.ts:10 Project', 'src/app.ts:11 users', 'src/app.ts:12 Project', 'src/app.ts:7 User', 'src/app.ts:8 User', 'src/app.ts:9 Project']);
  });

  test("the dialect option, and findOrCreate() reads and writes", () => {
    assert.deepEqual(found(src(
      "import { Sequelize } from 'sequelize';",
      "const sequelize = new Sequelize({ dialect: 'sqlite', storage: 'path/to/database.sqlite' });",
      "const Tag = sequelize.define('Tag', {});",
      "export const tag = (name: string) => Tag.findOrCreate({ where: { name } });",
    )), ['src/app.ts:4 sqlite readwrite sequelize']);
  });

  test('the read methods of Sequelize 3 and 4 (find, findById, findAndCount, all, findOrInitialize) read', () => {
    assert.deepEqual(found(src(
      "const Sequelize = require('sequelize');",
      "const sequelize = new Sequelize('mysql://localhost/registry');",
      "const Download = sequelize.define('Download', {});",
      'exports.month = function* (name, date) {',
      '  const row = yield Download.find({ where: { name, date } });',
      '  const byId = yield Download.findById(row.id);',
      '  const page = yield Download.findAndCount({ where: { name } });',
      '  const every = yield Download.all();',
      '  const [draft] = yield Download.findOrInitialize({ where: { name } });',
      '  return [byId, page, every, draft];',
      '};',
    )), ['src/app.ts:5 mysql read sequelize', 'src/app.ts:6 mysql read sequelize', 'src/app.ts:7 mysql read sequelize', 'src/app.ts:8 mysql read sequelize', 'src/app.ts:9 mysql read sequelize']);
  });

  test('look-alikes: authenticate(), sync(), associations and instance getters', () => {
    assert.deepEqual(found(src(
      "import { Sequelize, Model } from 'sequelize';",
      "const sequelize = new Sequelize('mysql://localhost/app');",
      'class User extends Model {}',
      'class Task extends Model {}',
      'User.hasMany(Task);',
      'export async function boot(u: User) { await sequelize.authenticate(); await sequelize.sync(); return u.get("name"); }',
    )), []);
  });
});

describe('typeorm', () => {
  test("type: 'postgres': repository methods by name, a query builder read, insert() and query() by their SQL", () => {
    const map = analyzeFiles({
      'src/data-source.ts': src(
        "import { DataSource } from 'typeorm';",
        "import { User } from './user';",
        "export const AppDataSource = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, entities: [User] });",
      ),
      'src/user.ts': src('export class User { id!: number; name!: string }'),
      'src/users.ts': src(
        "import { AppDataSource } from './data-source';",
        "import { User } from './user';",
        'const repo = AppDataSource.getRepository(User);',
        'export async function rename(id: number, name: string) {',
        '  const user = await repo.findOneBy({ id });',
        '  await repo.save({ id, name });',
        "  const admins = await repo.createQueryBuilder('user').addSelect('user.name').setParameter('a', true).getMany();",
        '  await AppDataSource.createQueryBuilder().insert().into(User).values([{ name }]).execute();',
        "  await AppDataSource.query('DELETE FROM sessions WHERE user_id = $1', [id]);",
        '  return [user, admins];',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/users.ts:5 postgres read typeorm',
      'src/users.ts:6 postgres write typeorm',
      'src/users.ts:7 postgres read typeorm',
      'src/users.ts:8 postgres write typeorm',
      'src/users.ts:9 postgres write typeorm',
    ]);
  });

  test('a select query builder that ends in execute() reads; preload() reads', () => {
    assert.deepEqual(found(src(
      "import { DataSource } from 'typeorm';",
      "const ds = new DataSource({ type: 'mysql' });",
      "export const rows = () => ds.createQueryBuilder().select('u.id').from('users', 'u').execute();",
      'export const merged = (p: object) => ds.getRepository("Post").preload(p);',
    )), ['src/app.ts:3 mysql read typeorm', 'src/app.ts:4 mysql read typeorm']);
  });

  test('an injected Repository and an Active Record entity', () => {
    assert.deepEqual(found(src(
      "import { Repository, BaseEntity, Entity } from 'typeorm';",
      '@Entity() export class Photo extends BaseEntity {}',
      'export class PhotoService {',
      '  constructor(private readonly photos: Repository<Photo>) {}',
      '  all() { return this.photos.find(); }',
      '  async rename(id: number) { const p = await Photo.findOneBy({ id }); await p?.remove(); }',
      '}',
    )), ['src/app.ts:5 sql read typeorm', 'src/app.ts:6 sql read typeorm', 'src/app.ts:6 sql write typeorm']);
  });

  test('with no DataSource in sight, the one SQL driver among the dependencies names the dialect', () => {
    assert.deepEqual(edgeSummary(analyzeFiles({
      'package.json': pkg('typeorm', 'pg', 'reflect-metadata'),
      'src/app.ts': src(
        "import { Repository } from 'typeorm';",
        'export class Users { constructor(private readonly users: Repository<object>) {} count() { return this.users.count(); } }',
      ),
    })), ['. -> postgres read']);
  });

  test('look-alikes: create() and merge() only build entities; initialize() connects', () => {
    assert.deepEqual(found(src(
      "import { DataSource } from 'typeorm';",
      "const ds = new DataSource({ type: 'postgres' });",
      'export async function build() {',
      '  await ds.initialize();',
      "  const repo = ds.getRepository('User');",
      "  const u = repo.create({ name: 'x' });",
      '  return repo.merge(u, { name: "y" });',
      '}',
    )), []);
  });
});

describe('@prisma/client', () => {
  const schema = (provider: string) => `datasource db {\n  provider = "${provider}"\n  url      = env("DATABASE_URL")\n}\n\ngenerator client {\n  provider = "prisma-client-js"\n}\n`;

  test('the provider of schema.prisma decides the kind; the model is the target; raw SQL by its verb', () => {
    const map = analyzeFiles({
      'prisma/schema.prisma': schema('postgresql'),
      'src/app.ts': src(
        "import { PrismaClient } from '@prisma/client';",
        'const prisma = new PrismaClient();',
        'export async function book(seatId: string, userId: string) {',
        '  const seat = await prisma.seat.findUnique({ where: { id: seatId } });',
        '  await prisma.seat.update({ where: { id: seatId }, data: { bookedBy: userId } });',
        '  await prisma.$executeRaw`UPDATE "Seat" SET "views" = "views" + 1`;',
        '  const n = await prisma.$queryRaw`SELECT count(*) FROM "Booking"`;',
        '  return [seat, n];',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:4 postgres read @prisma/client',
      'src/app.ts:5 postgres write @prisma/client',
      'src/app.ts:6 postgres write @prisma/client',
      'src/app.ts:7 postgres read @prisma/client',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:4 seat', 'src/app.ts:5 seat', 'src/app.ts:6 Seat', 'src/app.ts:7 Booking']);
  });

  test('other providers: sqlite, mongodb; no schema leaves sql', () => {
    const code = src("import { PrismaClient } from '@prisma/client';", 'const prisma = new PrismaClient();', 'export const posts = () => prisma.post.findMany();');
    assert.deepEqual(edgeSummary(analyzeFiles({ 'prisma/schema.prisma': schema('sqlite'), 'src/app.ts': code })), ['. -> sqlite read']);
    assert.deepEqual(edgeSummary(analyzeFiles({ 'prisma/schema.prisma': schema('mongodb'), 'src/app.ts': code })), ['. -> mongodb read']);
    assert.deepEqual(edgeSummary(analyzeFiles({ 'src/app.ts': code })), ['. -> sql read']);
  });

  test('a client generated into the workspace (generator output) is the Prisma client of that schema', () => {
    assert.deepEqual(locationSummary(analyzeFiles({
      'prisma/schema.prisma': 'datasource db {\n  provider = "sqlite"\n}\n\ngenerator client {\n  provider = "prisma-client"\n  output   = "../src/generated/prisma"\n}\n',
      'src/app.ts': src(
        "import { PrismaClient } from './generated/prisma/client';",
        'const prisma = new PrismaClient();',
        "export const users = () => prisma.user.findMany({ where: { email: { endsWith: '@prisma.io' } } });",
        "export const byId = (id: number) => prisma.$queryRawUnsafe('SELECT * FROM \"User\" WHERE id = $1', id);",
      ),
    })), ['src/app.ts:3 sqlite read @prisma/client', 'src/app.ts:4 sqlite read @prisma/client']);
  });

  test('a PrismaService subclass injected into another file, and an interactive transaction', () => {
    assert.deepEqual(locationSummary(analyzeFiles({
      'prisma/schema.prisma': schema('mysql'),
      'src/prisma.service.ts': src("import { PrismaClient } from '@prisma/client';", 'export class PrismaService extends PrismaClient {}'),
      'src/orders.ts': src(
        "import { PrismaService } from './prisma.service';",
        'export class Orders {',
        '  constructor(private readonly prisma: PrismaService) {}',
        '  place(id: string) { return this.prisma.$transaction(async (tx) => { await tx.order.create({ data: { id } }); }); }',
        '  count() { return this.prisma.order.count(); }',
        '}',
      ),
    })), ['src/orders.ts:4 mysql write @prisma/client', 'src/orders.ts:5 mysql read @prisma/client']);
  });

  test('look-alikes: Prisma.sql builds text, $connect() connects, a type-only import', () => {
    assert.deepEqual(found(src(
      "import { Prisma, PrismaClient } from '@prisma/client';",
      "import type { User } from '@prisma/client';",
      'const prisma = new PrismaClient();',
      'export const q = Prisma.sql`SELECT * FROM "User"`;',
      'export const start = () => prisma.$connect();',
      'export const name = (u: User) => u.name;',
    )), []);
  });
});

describe('drizzle-orm', () => {
  const schema = src(
    "import { pgTable, serial, text } from 'drizzle-orm/pg-core';",
    "export const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name') });",
  );

  test('the driver subpath names the dialect: select reads, insert/update write, execute() by its SQL', () => {
    assert.deepEqual(found(src(
      "import { drizzle } from 'drizzle-orm/node-postgres';",
      "import { eq, sql } from 'drizzle-orm';",
      "import { users } from './schema';",
      'const db = drizzle(process.env.DATABASE_URL!);',
      'export async function rename(id: number, name: string) {',
      '  const [user] = await db.select().from(users).where(eq(users.id, id));',
      '  await db.update(users).set({ name }).where(eq(users.id, id));',
      '  await db.insert(users).values({ name });',
      '  const again = await db.query.users.findFirst({ where: eq(users.id, id) });',
      '  await db.execute(sql`DELETE FROM sessions WHERE user_id = ${id}`);',
      '  return user ?? again;',
      '}',
    ), { 'src/schema.ts': schema }), [
      'src/app.ts:10 postgres write drizzle-orm',
      'src/app.ts:6 postgres read drizzle-orm',
      'src/app.ts:7 postgres write drizzle-orm',
      'src/app.ts:8 postgres write drizzle-orm',
      'src/app.ts:9 postgres read drizzle-orm',
    ]);
  });

  test('other drivers: better-sqlite3, mysql2, neon-http', () => {
    const use = (driver: string, setup: string) => edgeSummary(analyzeFiles({
      'src/schema.ts': schema,
      'src/app.ts': src(`import { drizzle } from 'drizzle-orm/${driver}';`, "import { users } from './schema';", setup, 'export const all = () => db.select().from(users);'),
    }));
    assert.deepEqual(use('better-sqlite3', "const db = drizzle('sqlite.db');"), ['. -> sqlite read']);
    assert.deepEqual(use('mysql2', 'const db = drizzle(process.env.DATABASE_URL!);'), ['. -> mysql read']);
    assert.deepEqual(use('neon-http', 'const db = drizzle(process.env.DATABASE_URL!);'), ['. -> postgres read']);
    // Node's built-in SQLite and sql.js are SQLite; Bun's SQL client is PostgreSQL
    assert.deepEqual(use('node-sqlite', "const db = drizzle('scrobbles.db');"), ['. -> sqlite read']);
    assert.deepEqual(use('sql-js', 'const db = drizzle(new SQL.Database());'), ['. -> sqlite read']);
    assert.deepEqual(use('bun-sql', 'const db = drizzle(process.env.DATABASE_URL!);'), ['. -> postgres read']);
  });

  test('a typed NodePgDatabase parameter and a transaction', () => {
    assert.deepEqual(found(src(
      "import type { NodePgDatabase } from 'drizzle-orm/node-postgres';",
      "import { users } from './schema';",
      'export const wipe = (db: NodePgDatabase) => db.transaction(async (tx) => { await tx.delete(users); });',
    ), { 'src/schema.ts': schema }), ['src/app.ts:3 postgres write drizzle-orm']);
  });

  test('look-alikes: declaring tables, the sql template on its own, a type-only import', () => {
    assert.deepEqual(found(src(
      "import { sql } from 'drizzle-orm';",
      "import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';",
      "import { users } from './schema';",
      'export const lower = sql`lower(${users.name})`;',
      'export type DB = PostgresJsDatabase;',
    ), { 'src/schema.ts': schema }), []);
  });
});

describe('kysely', () => {
  test('the dialect class names the kind: selectFrom reads, insertInto/updateTable/deleteFrom write; the table is the target', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { Kysely, PostgresDialect } from 'kysely';",
        "import { Pool } from 'pg';",
        'interface Database { person: { id: number; first_name: string } }',
        'const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: process.env.DATABASE_URL }) }) });',
        'export async function person(id: number) {',
        "  const p = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();",
        "  await db.insertInto('person').values({ id, first_name: 'Jennifer' }).executeTakeFirstOrThrow();",
        "  await db.updateTable('person').set({ first_name: 'Jen' }).where('id', '=', id).execute();",
        "  await db.deleteFrom('person').where('id', '=', id).executeTakeFirst();",
        '  return p;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      'src/app.ts:6 postgres read kysely',
      'src/app.ts:7 postgres write kysely',
      'src/app.ts:8 postgres write kysely',
      'src/app.ts:9 postgres write kysely',
    ]);
    assert.deepEqual(targets(map), ['src/app.ts:6 person', 'src/app.ts:7 person', 'src/app.ts:8 person', 'src/app.ts:9 person']);
  });

  test('SqliteDialect and MysqlDialect; executeQuery() of a compiled query of unknown text reads and writes', () => {
    assert.deepEqual(found(src(
      "import { Kysely, SqliteDialect, CompiledQuery } from 'kysely';",
      "import SQLite from 'better-sqlite3';",
      "const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite('db.sqlite') }) });",
      "export const wipe = () => db.deleteFrom('pet').where('adopted', '=', true).execute();",
      "export const raw = (text: string) => db.executeQuery(CompiledQuery.raw(text));",
    )), ['src/app.ts:4 sqlite write kysely', 'src/app.ts:5 sqlite readwrite kysely']);
    assert.deepEqual(edgeSummary(analyzeFiles({ 'src/app.ts': src(
      "import { Kysely, MysqlDialect } from 'kysely';",
      "import { createPool } from 'mysql2';",
      'const db = new Kysely<any>({ dialect: new MysqlDialect({ pool: createPool({ database: "test" }) }) });',
      "export const pets = () => db.selectFrom('pet').selectAll().execute();",
    ) })), ['. -> mysql read']);
  });

  test('a transaction handed to execute(callback) keeps the dialect of its Kysely', () => {
    assert.deepEqual(found(src(
      "import { Kysely, SqliteDialect } from 'kysely';",
      "import SQLite from 'better-sqlite3';",
      "const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite('db.sqlite') }) });",
      "export const wipe = () => db.transaction().execute(async (trx) => { await trx.deleteFrom('pet').execute(); });",
    )), ['src/app.ts:4 sqlite write kysely']);
  });

  test('look-alikes: schema builders and destroy()', () => {
    assert.deepEqual(found(src(
      "import { Kysely, PostgresDialect } from 'kysely';",
      'declare const dialect: PostgresDialect;',
      'const db = new Kysely<any>({ dialect });',
      'export const stop = () => db.destroy();',
      'export const scoped = db.withSchema("audit");',
    )), []);
  });
});

describe('@mikro-orm', () => {
  test('the driver package names the kind: find reads, persistAndFlush and nativeDelete write, a query builder reads', () => {
    assert.deepEqual(found(src(
      "import { MikroORM } from '@mikro-orm/postgresql';",
      "import { Author } from './entities';",
      "const orm = await MikroORM.init({ entities: [Author], dbName: 'shop' });",
      'export async function rename(id: number, name: string) {',
      '  const em = orm.em.fork();',
      '  const author = await em.findOneOrFail(Author, { id });',
      '  author.name = name;',
      '  await em.persistAndFlush(author);',
      '  const rows = await em.createQueryBuilder(Author).where({ id }).getResult();',
      "  await em.execute('DELETE FROM author_tags WHERE author_id = ?', [id]);",
      '  await em.nativeDelete(Author, { id: 0 });',
      '  return rows;',
      '}',
    ), { 'src/entities.ts': 'export class Author { id!: number; name!: string }\n' }), [
      'src/app.ts:10 postgres write @mikro-orm',
      'src/app.ts:11 postgres write @mikro-orm',
      'src/app.ts:6 postgres read @mikro-orm',
      'src/app.ts:8 postgres write @mikro-orm',
      'src/app.ts:9 postgres read @mikro-orm',
    ]);
  });

  test('a driver class in the options, and an injected EntityManager of a driver package', () => {
    assert.deepEqual(found(src(
      "import { MikroORM } from '@mikro-orm/core';",
      "import { SqliteDriver } from '@mikro-orm/sqlite';",
      "import { EntityManager } from '@mikro-orm/mysql';",
      "const orm = await MikroORM.init({ driver: SqliteDriver, dbName: 'app.db' });",
      "export const n = () => orm.em.count('Book');",
      "export class Books { constructor(private readonly em: EntityManager) {} list() { return this.em.find('Book', {}); } }",
    )), ['src/app.ts:5 sqlite read @mikro-orm', 'src/app.ts:6 mysql read @mikro-orm']);
  });

  test('look-alikes: create() and assign() only build entities, getReference() does not load', () => {
    assert.deepEqual(found(src(
      "import type { EntityManager } from '@mikro-orm/core';",
      "export const draft = (em: EntityManager) => em.assign(em.create('Book', { title: 'x' }), { title: 'y' });",
      "export const ref = (em: EntityManager) => em.getReference('Book', 1);",
    )), []);
  });
});

describe('pg-promise', () => {
  test('db.one/none/result by their SQL, func() reads and writes, a transaction', () => {
    assert.deepEqual(found(src(
      "import pgPromise from 'pg-promise';",
      'const pgp = pgPromise();',
      "const db = pgp('postgres://username:password@host:5432/database');",
      'export async function login(id: number) {',
      "  const user = await db.one('SELECT * FROM users WHERE id = $1', [id]);",
      "  await db.none('INSERT INTO logins(user_id) VALUES($1)', [id]);",
      "  await db.func('refresh_stats');",
      "  await db.tx(async (t) => { await t.none('UPDATE users SET seen = now() WHERE id = $1', [id]); });",
      '  return user;',
      '}',
    )), ['src/app.ts:5 postgres read pg-promise', 'src/app.ts:6 postgres write pg-promise', 'src/app.ts:7 postgres readwrite pg-promise', 'src/app.ts:8 postgres write pg-promise']);
  });

  test('look-alikes: helpers and as.format build SQL text', () => {
    assert.deepEqual(found(src(
      "import pgPromise from 'pg-promise';",
      'const pgp = pgPromise({ capSQL: true });',
      "const cs = new pgp.helpers.ColumnSet(['name'], { table: 'users' });",
      'export const text = pgp.helpers.insert([{ name: "a" }], cs) + pgp.as.format("WHERE id = $1", [1]);',
    )), []);
  });
});

describe('slonik', () => {
  test('pool.any/query/exists by the SQL of the sql tag', () => {
    assert.deepEqual(found(src(
      "import { createPool, sql } from 'slonik';",
      'const pool = await createPool(process.env.DATABASE_URL!);',
      'export async function names() {',
      '  const rows = await pool.any(sql.unsafe`SELECT name FROM person`);',
      '  await pool.query(sql.unsafe`UPDATE person SET active = false WHERE last_seen < now()`);',
      '  const seen = await pool.exists(sql.unsafe`SELECT 1 FROM person WHERE name = ${"x"}`);',
      '  return [rows, seen];',
      '}',
    )), ['src/app.ts:4 postgres read slonik', 'src/app.ts:5 postgres write slonik', 'src/app.ts:6 postgres read slonik']);
  });

  test('look-alike: a query built with sql but never run', () => {
    assert.deepEqual(found(src(
      "import { sql } from 'slonik';",
      'export const purge = sql.unsafe`DELETE FROM person`;',
    )), []);
  });
});

describe('@google-cloud/spanner', () => {
  test('database.run({ sql }) by its SQL, table(…).insert() writes the table', () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import { Spanner } from '@google-cloud/spanner';",
        'const spanner = new Spanner({ projectId: process.env.GCP_PROJECT });',
        'const database = spanner.instance(process.env.SPANNER_INSTANCE!).database(process.env.SPANNER_DATABASE!);',
        'export async function albums() {',
        "  const [rows] = await database.run({ sql: 'SELECT SingerId, AlbumId, AlbumTitle FROM Albums' });",
        "  await database.table('Albums').insert([{ SingerId: 1, AlbumId: 1, AlbumTitle: 'Go, Go, Go' }]);",
        '  return rows;',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/app.ts:5 sql read @google-cloud/spanner', 'src/app.ts:6 sql write @google-cloud/spanner']);
    assert.deepEqual(targets(map), ['src/app.ts:5 Albums', 'src/app.ts:6 Albums']);
  });

  test('look-alike: getting instances and databases, close()', () => {
    assert.deepEqual(found(src(
      "import { Spanner } from '@google-cloud/spanner';",
      "const db = new Spanner().instance('i').database('d');",
      'export const stop = () => db.close();',
    )), []);
  });
});

describe('@aws-sdk/client-rds-data', () => {
  test('send(new ExecuteStatementCommand({ sql })) by its SQL; executeStatement() of the aggregated client', () => {
    assert.deepEqual(found(src(
      "import { RDSDataClient, RDSData, ExecuteStatementCommand, BatchExecuteStatementCommand } from '@aws-sdk/client-rds-data';",
      "const client = new RDSDataClient({ region: 'us-east-1' });",
      "const arns = { resourceArn: process.env.CLUSTER_ARN, secretArn: process.env.SECRET_ARN, database: 'shop' };",
      'export async function orders() {',
      "  const out = await client.send(new ExecuteStatementCommand({ ...arns, sql: 'SELECT id, total FROM orders' }));",
      "  await client.send(new BatchExecuteStatementCommand({ ...arns, sql: 'INSERT INTO events(kind) VALUES (:kind)', parameterSets: [] }));",
      "  await new RDSData({}).executeStatement({ ...arns, sql: 'DELETE FROM carts' });",
      '  return out.records;',
      '}',
    )), ['src/app.ts:5 sql read @aws-sdk/client-rds-data', 'src/app.ts:6 sql write @aws-sdk/client-rds-data', 'src/app.ts:7 sql write @aws-sdk/client-rds-data']);
  });

  test('look-alike: a command made but never sent; transactions', () => {
    assert.deepEqual(found(src(
      "import { RDSDataClient, ExecuteStatementCommand, BeginTransactionCommand } from '@aws-sdk/client-rds-data';",
      'const client = new RDSDataClient({});',
      "export const draft = new ExecuteStatementCommand({ resourceArn: 'a', secretArn: 'b', sql: 'DELETE FROM x' });",
      "export const begin = () => client.beginTransaction({ resourceArn: 'a', secretArn: 'b' });",
      'export const unused = BeginTransactionCommand;',
    )), []);
  });
});

describe('@aws-sdk/client-athena', () => {
  test('StartQueryExecution by its QueryString, GetQueryResults reads', () => {
    assert.deepEqual(found(src(
      "import { AthenaClient, StartQueryExecutionCommand, GetQueryResultsCommand } from '@aws-sdk/client-athena';",
      'const athena = new AthenaClient({});',
      'export async function report() {',
      "  const { QueryExecutionId } = await athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT page, count(*) FROM logs GROUP BY page', WorkGroup: 'primary' }));",
      '  const res = await athena.send(new GetQueryResultsCommand({ QueryExecutionId }));',
      "  await athena.send(new StartQueryExecutionCommand({ QueryString: 'INSERT INTO daily SELECT * FROM logs', WorkGroup: 'primary' }));",
      '  return res;',
      '}',
    )), ['src/app.ts:4 sql read @aws-sdk/client-athena', 'src/app.ts:5 sql read @aws-sdk/client-athena', 'src/app.ts:6 sql write @aws-sdk/client-athena']);
  });

  test('look-alike: a command made but not sent', () => {
    assert.deepEqual(found(src(
      "import { StartQueryExecutionCommand } from '@aws-sdk/client-athena';",
      "export const cmd = new StartQueryExecutionCommand({ QueryString: 'DROP TABLE logs' });",
    )), []);
  });
});

describe('engine gaps', () => {
  test('knex: destroy() is connection management, not a read', () => {
    assert.deepEqual(found(src(
      "import knex from 'knex';",
      "const db = knex({ client: 'pg' });",
      'export const stop = () => db.destroy();',
      'export const migrate = () => db.migrate.latest();',
    )), []);
  });

  test('knex: db.select(…).from(table) targets the table, raw() without a table names no target', () => {
    const map = analyzeFiles({ 'src/app.ts': src(
      "import knex from 'knex';",
      "const db = knex({ client: 'pg' });",
      "export const names = () => db.select('id', 'name').from('users');",
      "export const ping = () => db.raw('select 1');",
    ) });
    assert.deepEqual(targets(map), ['src/app.ts:3 users']);
  });

  test('rds-data: a command kept in a variable before send() is still classified by its SQL', () => {
    assert.deepEqual(found(src(
      "import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';",
      'const client = new RDSDataClient({});',
      'export async function orders() {',
      "  const command = new ExecuteStatementCommand({ resourceArn: 'arn:cluster', secretArn: 'arn:secret', sql: 'SELECT * FROM orders' });",
      '  return client.send(command);',
      '}',
    )), ['src/app.ts:5 sql read @aws-sdk/client-rds-data']);
  });

  test('mssql: a long request chain on a local pool keeps its client', () => {
    assert.deepEqual(found(src(
      "import sql from 'mssql';",
      'export async function run(value: number) {',
      "  const pool = await sql.connect({ server: 'localhost' });",
      "  return pool.request().input('input_parameter', sql.Int, value).output('output_parameter', sql.VarChar(50)).execute('procedure_name');",
      '}',
    )), ['src/app.ts:4 mssql readwrite mssql']);
  });

  test('mikro-orm: a query builder kept in a local made from another local keeps its client', () => {
    assert.deepEqual(found(src(
      "import { MikroORM } from '@mikro-orm/postgresql';",
      "const orm = await MikroORM.init({ dbName: 'shop' });",
      'export async function authors(id: number) {',
      '  const em = orm.em.fork();',
      "  const qb = em.createQueryBuilder('Author');",
      "  return qb.select('*').where({ id }).getResult();",
      '}',
    )), ['src/app.ts:6 postgres read @mikro-orm']);
  });

  test('mssql: an untyped pool parameter in a file that imports mssql is matched to it (as for a library that is not direct)', () => {
    assert.deepEqual(found(src(
      "import sql from 'mssql';",
      "export const users = (pool) => pool.request().query('SELECT name FROM users');",
      "export const boot = () => sql.connect({ server: 'db' });",
    )), ['src/app.ts:2 mssql read mssql']);
  });

  test('pg: a Cursor kept in a variable and handed to client.query() is a read', () => {
    assert.deepEqual(found(src(
      "import pg from 'pg';",
      "import Cursor from 'pg-cursor';",
      'export async function page(client: pg.PoolClient) {',
      "  const cursor = new Cursor('SELECT * FROM events');",
      '  client.query(cursor);',
      '  return cursor.read(100);',
      '}',
    )), ['src/app.ts:4 postgres read pg-cursor', 'src/app.ts:5 postgres read pg', 'src/app.ts:6 postgres read pg-cursor']);
  });
});

describe('sails (Waterline)', () => {
  const app = {
    'package.json': JSON.stringify({ name: 'pets-api', main: 'app.js', dependencies: { sails: '^1.5.0', 'sails-postgresql': '^5.0.0' } }),
    'app.js': "require('sails').lift();\n",
    'api/models/Pet.js': "module.exports = { attributes: { name: { type: 'string' } } };\n",
  };

  test('models are globals named after api/models/: find reads, create writes, sendNativeQuery by its SQL; the adapter names the database', () => {
    const locations = locationSummary(analyzeFiles({
      ...app,
      'api/controllers/pets/adopt.js': src(
        'module.exports = {',
        '  async fn(inputs) {',
        '    const pets = await Pet.find({ owner: inputs.owner });',
        "    await Pet.create({ name: inputs.name, owner: inputs.owner }).fetch();",
        "    await sails.sendNativeQuery('UPDATE owner SET pets = pets + 1 WHERE id = $1', [inputs.owner]);",
        '    return pets;',
        '  },',
        '};',
      ),
    }));
    assert.deepEqual(locations, [
      'api/controllers/pets/adopt.js:3 postgres read sails (Waterline)', 'api/controllers/pets/adopt.js:4 postgres write sails (Waterline)', 'api/controllers/pets/adopt.js:5 postgres write sails (Waterline)',
    ]);
  });

  test('look-alike: without Sails, a global named like a model is nothing; the framework object\'s helpers and sockets are no store', () => {
    assert.deepEqual(found(src('export async function list() {', '  return Pet.find({});', '}')), []);
    const notify = src('module.exports = {', '  async fn(inputs) {', '    sails.log.info(inputs);', '    return sails.helpers.utils.sendMail.with({ to: inputs.to });', '  },', '};');
    assert.deepEqual(locationSummary(analyzeFiles({ ...app, 'api/controllers/pets/notify.js': notify })), []);
  });
});

describe('what the example env file gives a variable', () => {
  test('knex({ client: process.env.DB_CLIENT }) with DB_CLIENT=pg in .env.example reaches PostgreSQL; a URL says it too', () => {
    const map = analyzeFiles({
      '.env.example': 'DB_CLIENT=pg\nDATABASE_URL="postgres://app:secret@localhost:5432/app" # local\n',
      'src/app.ts': src(
        "import knex from 'knex';",
        "import { Sequelize } from 'sequelize';",
        'export const db = knex({ client: process.env.DB_CLIENT, connection: process.env.DATABASE_URL });',
        'export const orm = new Sequelize(process.env.DATABASE_URL!);',
        "export const users = () => db('users').select('id');",
        "export const count = () => orm.query('SELECT count(*) FROM users');",
      ),
    });
    assert.deepEqual(locationSummary(map).filter((l) => !l.includes(' env ')), ['src/app.ts:5 postgres read knex', 'src/app.ts:6 postgres read sequelize']);
  });

  test('look-alike: without the example file the kind stays unknown (sql)', () => {
    const map = analyzeFiles({
      'src/app.ts': src("import knex from 'knex';", 'export const db = knex({ client: process.env.DB_CLIENT, connection: process.env.DATABASE_URL });', "export const users = () => db('users').select('id');"),
    });
    assert.deepEqual(locationSummary(map).filter((l) => !l.includes(' env ')), ['src/app.ts:3 sql read knex']);
  });
});

describe('embedded database files (diskFile)', () => {
  /** `file:line` of each local-file-write hazard of a workspace whose code is `src/app.ts`. */
  const onDisk = (code: string): string[] =>
    analyzeFiles({ 'src/app.ts': code }).hazards.filter((h) => h.kind === 'local-file-write').map((h) => `${h.file}:${h.line}`);
  const writes = "export const add = (name: string) => db.prepare('INSERT INTO cats (name) VALUES (?)').run(name);";

  test('a driver opened on a file is a database on this instance\'s disk, where it is opened', () => {
    assert.deepEqual(onDisk(src("import Database from 'better-sqlite3';", "const db = new Database('data/cats.db');", writes)), ['src/app.ts:2']);
    assert.deepEqual(onDisk(src("import { DatabaseSync } from 'node:sqlite';", 'const db = new DatabaseSync(process.env.DB_FILE);', writes)), ['src/app.ts:2']);
    assert.deepEqual(onDisk(src("import { open } from 'sqlite';", "import sqlite3 from 'sqlite3';", "const db = await open({ filename: './app.db', driver: sqlite3.Database });",
      "export const add = (n: string) => db.run('INSERT INTO t (n) VALUES (?)', n);")), ['src/app.ts:3']);
  });

  test('look-alike: in memory, temporary, or opened read-only', () => {
    assert.deepEqual(onDisk(src("import Database from 'better-sqlite3';", "const db = new Database(':memory:');", writes)), []);
    assert.deepEqual(onDisk(src("import Database from 'better-sqlite3';", 'const db = new Database();', writes)), []);
    assert.deepEqual(onDisk(src("import Database from 'better-sqlite3';", "const db = new Database('geo.db', { readonly: true });", writes)), []);
    assert.deepEqual(onDisk(src("import sqlite3 from 'sqlite3';", "const db = new sqlite3.Database('geo.db', sqlite3.OPEN_READONLY);",
      "export const add = (n: string) => db.run('INSERT INTO t (n) VALUES (?)', n);")), []);
    // the only value the path may take is in memory
    assert.deepEqual(onDisk(src("import Database from 'better-sqlite3';", "const FILE = ':memory:';", 'const db = new Database(FILE);', writes)), []);
  });

  test('look-alike: a database file opened only to be read (another app\'s backup, imported), beside one the service writes', () => {
    const map = analyzeFiles({
      'src/app.ts': src("import Database from 'better-sqlite3';", "const db = new Database('data/notes.db');", "export const add = (t: string) => db.prepare('INSERT INTO notes (t) VALUES (?)').run(t);"),
      'src/importer.ts': src(
        "import sqlite3 from 'sqlite3';",
        'export class Importer {',
        '  private db!: sqlite3.Database;',
        '  open(file: string) { this.db = new sqlite3.Database(file); }',
        "  rows() { return new Promise((ok) => this.db.all('SELECT id, content FROM memo', (e, r) => ok(r))); }",
        '}',
      ),
    });
    // one hazard, with no other place (the backup is not a place of it)
    assert.deepEqual(map.hazards.filter((h) => h.kind === 'local-file-write').map((h) => `${h.file}:${h.line} ${JSON.stringify(h.also ?? [])}`), ['src/app.ts:2 []']);
  });

  test('an ORM is a file on disk only when it reaches SQLite and names the file', () => {
    // each with a request that writes (`query` of Sequelize and TypeORM, `raw` of knex)
    const orm = (...lines: string[]) => onDisk(src(...lines, `export const add = () => db.${lines[0].includes('knex') ? 'raw' : 'query'}('INSERT INTO t (n) VALUES (1)');`));
    assert.deepEqual(orm("import { Sequelize } from 'sequelize';", "export const db = new Sequelize({ dialect: 'sqlite', storage: 'data/db.sqlite' });"), ['src/app.ts:2']);
    // Sequelize keeps SQLite in memory when no storage is given
    assert.deepEqual(orm("import { Sequelize } from 'sequelize';", "export const db = new Sequelize({ dialect: 'sqlite' });"), []);
    assert.deepEqual(orm("import { DataSource } from 'typeorm';", "export const db = new DataSource({ type: 'better-sqlite3', database: 'data/app.sqlite', entities: [] });"), ['src/app.ts:2']);
    assert.deepEqual(orm("import { DataSource } from 'typeorm';", "export const db = new DataSource({ type: 'postgres', database: 'app', entities: [] });"), []);
    assert.deepEqual(orm("import knex from 'knex';", "export const db = knex({ client: 'sqlite3', connection: { filename: './dev.sqlite3' }, useNullAsDefault: true });"), ['src/app.ts:2']);
  });

  test('Drizzle opens a file itself when its driver is given a path, not when it is handed a client', () => {
    const insert = "export const add = () => db.run(sql`INSERT INTO t (n) VALUES (1)`);";
    const hz = (...lines: string[]) => onDisk(src("import { sql } from 'drizzle-orm';", ...lines, insert));
    assert.deepEqual(hz("import { drizzle } from 'drizzle-orm/better-sqlite3';", 'const db = drizzle(process.env.DB_FILE_NAME);'), ['src/app.ts:3']);
    assert.deepEqual(hz("import { drizzle } from 'drizzle-orm/bun-sqlite';", "const db = drizzle({ connection: { source: 'app.db' } });"), ['src/app.ts:3']);
    // the client's own line is the file's; Drizzle's is not a second one
    assert.deepEqual(hz("import Database from 'better-sqlite3';", "import { drizzle } from 'drizzle-orm/better-sqlite3';", "const sqlite = new Database('app.db');", 'const db = drizzle(sqlite);'), ['src/app.ts:4']);
    // a libSQL URL is a file only with `file:`
    assert.deepEqual(hz("import { drizzle } from 'drizzle-orm/libsql';", "const db = drizzle('file:local.db');"), ['src/app.ts:3']);
    assert.deepEqual(hz("import { drizzle } from 'drizzle-orm/libsql';", 'const db = drizzle(process.env.TURSO_DATABASE_URL);'), []);
  });

  test("Prisma's SQLite datasource is a file, named by its schema", () => {
    const prisma = (provider: string) => analyzeFiles({
      'prisma/schema.prisma': `datasource db {\n  provider = "${provider}"\n  url      = env("DATABASE_URL")\n}\n`,
      'src/app.ts': src("import { PrismaClient } from '@prisma/client';", 'const prisma = new PrismaClient();', 'export const add = (name: string) => prisma.user.create({ data: { name } });'),
    }).hazards.filter((h) => h.kind === 'local-file-write').map((h) => `${h.file}:${h.line} ${h.message.includes('schema.prisma') ? 'schema' : ''}`);
    assert.deepEqual(prisma('sqlite'), ['src/app.ts:2 schema']);
    assert.deepEqual(prisma('postgresql'), []);
  });

  test('libSQL: a file: URL is on disk, a libsql:// URL is a server', () => {
    const lib = (url: string) => onDisk(src("import { createClient } from '@libsql/client';", `const db = createClient({ url: ${url} });`,
      "export const add = (n: string) => db.execute({ sql: 'INSERT INTO t (n) VALUES (?)', args: [n] });"));
    assert.deepEqual(lib("process.env.TURSO_URL ?? 'file:local.db'"), ['src/app.ts:2']);
    assert.deepEqual(lib("'libsql://app-acme.turso.io'"), []);
  });
});

describe('any-db', () => {
  test("the URL's scheme names the database, and a connection the pool hands to a callback queries it", () => {
    const map = analyzeFiles({
      'src/app.ts': src(
        "import anyDB from 'any-db';",
        "const pool = anyDB.createPool('sqlite3://data/family.sqlite');",
        'export function rename(id: number, name: string) {',
        "  pool.query('SELECT * FROM people WHERE id = ?', [id], () => {});",
        '  pool.acquire((err, conn) => {',
        "    conn.query('UPDATE people SET name = ? WHERE id = ?', [name, id], () => pool.release(conn));",
        '  });',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/app.ts:4 sqlite read any-db', 'src/app.ts:6 sqlite write any-db']);
  });

  test('a URL the code does not spell out: the one adapter the service installs names the database', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'tree', dependencies: { express: '^4.21.0', 'any-db': '^2.2.1', 'any-db-postgres': '^2.1.0' } }),
      'src/app.ts': src(
        "import anyDB from 'any-db';",
        'export function people(url: string) {',
        '  const pool = anyDB.createPool(url);',
        "  pool.query('SELECT * FROM people', [], () => {});",
        '}',
      ),
      'src/routes.ts': src("import express from 'express';", "import { people } from './app';", 'export const r = express.Router();', "r.get('/people', (req, res) => people(String(req.query.db)));"),
    });
    assert.deepEqual(locationSummary(map), ['src/app.ts:4 postgres read any-db']);
  });
});

// Methods promisified by name: bluebird's `promisifyAll(Pool)` gives every method a promise-returning twin
// ending in `Async` (`queryAsync`, `getConnectionAsync`), as older redis wrappers do with `util.promisify`
// (`client.hgetallAsync = promisify(client.hgetall)`). The twin does what the method does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lines, scan } from '../../helpers/entry-cases';

test('`pool.queryAsync(sql)` after `bluebird.promisifyAll` is the query it wraps: its SQL says read or write', () => {
  const { locations } = scan(lines(
    "import bluebird from 'bluebird';",
    "import mysql from 'mysql';",
    "import Pool from 'mysql/lib/Pool';",
    'bluebird.promisifyAll([Pool]);',
    'const db = mysql.createPool(process.env.DATABASE_URL!);',
    'export async function forget(id: string) {',
    "  await db.queryAsync('DELETE FROM votes WHERE id = ?', [id]);",
    "  return db.queryAsync('SELECT COUNT(*) AS n FROM votes');",
    '}',
  ));
  assert.deepEqual(locations.filter((l) => l.includes(' mysql ')), ['src/app.ts:7 mysql write mysql', 'src/app.ts:8 mysql read mysql']);
});

test('`client.hgetallAsync` (a promisified redis method) reads what `hgetall` reads', () => {
  const { locations } = scan(lines(
    "import redis from 'redis';",
    'const client = redis.createClient();',
    'export async function meta(id: string) {',
    '  return client.hgetallAsync(id);',
    '}',
  ));
  assert.deepEqual(locations.filter((l) => l.includes(' redis ')), ['src/app.ts:4 redis read redis']);
});

test('`promisify(client.set.bind(client))`: a bound method, promisified, is that method (rctf, set 30)', () => {
  const { locations } = scan(lines(
    "import { promisify } from 'util';",
    "import redis from 'redis';",
    'const client = redis.createClient();',
    'const redisGet = promisify(client.get.bind(client));',
    'const redisSet = promisify(client.set.bind(client));',
    'export async function swap(k: string, v: string) {',
    '  const old = await redisGet(k);',
    '  await redisSet(k, v);',
    '  return old;',
    '}',
  ));
  assert.deepEqual(locations.filter((l) => l.includes(' redis ')), ['src/app.ts:7 redis read redis', 'src/app.ts:8 redis write redis']);
});

test('look-alike: `fn.bind(this)` of a plain function is no store call', () => {
  const { locations } = scan(lines('function log(this: unknown, m: string) { return `${String(this)} ${m}`; }', 'export const say = log.bind(null);', "export const hi = () => say('hi');"));
  assert.deepEqual(locations, []);
});

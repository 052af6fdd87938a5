import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lines, scan } from '../../helpers/entry-cases';

// One describe per entry of src/catalog/entries/caches.ts: a use written as the library's docs show
// it, and a look-alike that must not be reported.

describe('ioredis', () => {
  test('a client made in one module and used in another reads and writes Redis', () => {
    const { locations, hazards } = scan(
      lines(
        "import { redis } from './redis';",
        'export async function visit(user: string) {',
        "  const seen = await redis.get(`seen:${user}`);",
        "  await redis.set(`seen:${user}`, Date.now(), 'EX', 60);",
        "  await redis.hincrby('visits', user, 1);",
        "  const [[, popped]] = (await redis.multi().lpop('queue').exec())!;",
        '  return { seen, popped };',
        '}',
      ),
      { 'src/redis.ts': lines("import Redis from 'ioredis';", 'export const redis = new Redis(process.env.REDIS_URL!);') },
    );
    assert.deepEqual(locations, [
      'src/app.ts:3 redis read ioredis',
      'src/app.ts:4 redis write ioredis',
      'src/app.ts:5 redis write ioredis',
      'src/app.ts:6 redis readwrite ioredis',
    ]);
    assert.deepEqual(hazards, []);
  });

  test('a Cluster and a typed parameter are clients too', () => {
    const { locations } = scan(
      lines(
        "import { Cluster, Redis } from 'ioredis';",
        "const cluster = new Cluster([{ host: '127.0.0.1', port: 6380 }]);",
        "export const count = () => cluster.zcard('leaderboard');",
        "export const bump = (r: Redis, id: string) => r.zincrby('leaderboard', 1, id);",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 redis read ioredis', 'src/app.ts:4 redis write ioredis']);
  });

  test('look-alike: a parameter named redis in a file without a Redis library, and a Map only read', () => {
    const { locations, hazards } = scan(
      lines(
        'const seen = new Map<string, number>([["a", 1]]);',
        'export function f(redis: { get(k: string): string; set(k: string, v: string): void }, k: string) {',
        '  redis.set(k, redis.get(k));',
        '  return seen.get(k);',
        '}',
      ),
    );
    assert.deepEqual(locations, []);
    assert.deepEqual(hazards, []);
  });
});

describe('redis', () => {
  test('node-redis: createClient().connect(), camelCase commands', () => {
    const { locations } = scan(
      lines(
        "import { createClient } from 'redis';",
        "const client = await createClient({ url: process.env.REDIS_URL }).on('error', (err) => console.log(err)).connect();",
        'export async function save(id: string, name: string) {',
        "  await client.hSet(`user:${id}`, { name });",
        '  return client.hGetAll(`user:${id}`);',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 redis write redis', 'src/app.ts:5 redis read redis']);
  });

  test('a RedisClientType parameter is a client', () => {
    const { locations } = scan(
      lines("import type { RedisClientType } from 'redis';", "export const push = (c: RedisClientType, v: string) => c.lPush('jobs', v);"),
    );
    assert.deepEqual(locations, ['src/app.ts:2 redis write redis']);
  });

  test('look-alike: a local module named like the library', () => {
    const { locations } = scan(
      lines("import { createClient } from './redis';", "const client = createClient();", "export const f = () => client.get('x');"),
      { 'src/redis.ts': lines('export const createClient = () => ({ get: (k: string) => k });') },
    );
    assert.deepEqual(locations, []);
  });
});

describe('@upstash/redis', () => {
  test('Redis.fromEnv() and new Redis({ url, token })', () => {
    const { locations } = scan(
      lines(
        "import { Redis } from '@upstash/redis';",
        'const redis = Redis.fromEnv();',
        "const other = new Redis({ url: 'https://eu1-example.upstash.io', token: 'token' });",
        "export const put = () => redis.set('foo', 'bar');",
        "export const read = () => other.get('foo');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 redis write @upstash/redis', 'src/app.ts:5 redis read @upstash/redis']);
  });

  test('look-alike: Redis imported from a local file', () => {
    const { locations } = scan(lines("import { Redis } from './fake';", 'const redis = new Redis();', "export const put = () => redis.set('foo', 'bar');"), {
      'src/fake.ts': lines('export class Redis { set(_k: string, _v: string) {} }'),
    });
    assert.deepEqual(locations, []);
  });
});

describe('@vercel/kv', () => {
  test('the kv default client and createClient', () => {
    const { locations } = scan(
      lines(
        "import { kv, createClient } from '@vercel/kv';",
        "const users = createClient({ url: process.env.USERS_REST_API_URL!, token: process.env.USERS_REST_API_TOKEN! });",
        'export async function f() {',
        "  await kv.set('user_1_session', 'session_token_value');",
        "  const session = await kv.get('user_1_session');",
        "  await users.hset('user:1', { name: 'x' });",
        '  return session;',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 redis write @vercel/kv', 'src/app.ts:5 redis read @vercel/kv', 'src/app.ts:6 redis write @vercel/kv']);
  });

  test('look-alike: a local kv Map is no Redis (only module state, which the engine reports as such)', () => {
    const { locations, hazards } = scan(lines('const kv = new Map<string, string>();', "export const f = () => { kv.set('a', 'b'); return kv.get('a'); };"));
    assert.deepEqual(hazards, ['src/app.ts:1 module-mutable-state']);
    assert.deepEqual(locations, ['src/app.ts:1 memory readwrite in-process']);
  });
});

describe('memcached', () => {
  test('new Memcached(servers): set writes, get reads', () => {
    const { locations } = scan(
      lines(
        "const Memcached = require('memcached');",
        "const memcached = new Memcached('localhost:11211');",
        "memcached.set('foo', 'bar', 10, (err: unknown) => {});",
        "memcached.get('foo', (err: unknown, data: unknown) => {});",
        "memcached.incr('hits', 1, () => {});",
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:3 memcached write memcached',
      'src/app.ts:4 memcached read memcached',
      'src/app.ts:5 memcached write memcached',
    ]);
  });

  test('look-alike: connection events and version are not data access', () => {
    const { locations } = scan(
      lines("import Memcached from 'memcached';", "const memcached = new Memcached('localhost:11211');", "memcached.on('failure', () => {});", 'memcached.version(() => {});'),
    );
    assert.deepEqual(locations, []);
  });
});

describe('memjs', () => {
  test('memjs.Client.create(): set, get, append', () => {
    const { locations } = scan(
      lines(
        "const memjs = require('memjs');",
        'const mc = memjs.Client.create(process.env.MEMCACHIER_SERVERS);',
        'export async function f() {',
        "  await mc.set('hello', 'world', { expires: 600 });",
        "  const { value } = await mc.get('hello');",
        "  await mc.append('log', 'x');",
        '  return value;',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 memcached write memjs', 'src/app.ts:5 memcached read memjs', 'src/app.ts:6 memcached write memjs']);
  });

  test('look-alike: quit and close are not data access', () => {
    const { locations } = scan(lines("import memjs from 'memjs';", 'const mc = memjs.Client.create();', 'mc.quit();', 'mc.close();'));
    assert.deepEqual(locations, []);
  });
});

describe('keyv', () => {
  test('new Keyv() at module level keeps a Map in the process: memory, with an in-memory-cache hazard', () => {
    const { locations, hazards } = scan(
      lines(
        "import Keyv from 'keyv';",
        'const keyv = new Keyv();',
        'export async function f() {',
        "  await keyv.set('foo', 'expires in 1 second', 1000);",
        "  return keyv.get('foo');",
        '}',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:2 in-memory-cache']);
    assert.deepEqual(locations, ['src/app.ts:2 memory readwrite in-process', 'src/app.ts:4 memory write keyv', 'src/app.ts:5 memory read keyv']);
  });

  test('a connection URI makes it Redis: no hazard', () => {
    const { locations, hazards } = scan(
      lines("import Keyv from 'keyv';", "const keyv = new Keyv('redis://user:pass@localhost:6379');", "export const f = () => keyv.get('foo');"),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:3 redis read keyv']);
  });

  test('look-alike: a Keyv made per call is not a long-lived cache', () => {
    const { hazards } = scan(lines("import Keyv from 'keyv';", 'export async function f() {', '  const scratch = new Keyv();', "  await scratch.set('a', 1);", '}'));
    assert.deepEqual(hazards, []);
  });
});

describe('@keyv/*', () => {
  test('a storage adapter given as the store decides the kind', () => {
    const { locations, hazards } = scan(
      lines(
        "import Keyv from 'keyv';",
        "import KeyvRedis from '@keyv/redis';",
        "import KeyvPostgres from '@keyv/postgres';",
        "const cache = new Keyv({ store: new KeyvRedis('redis://localhost:6379'), namespace: 'cache' });",
        "const sessions = new Keyv(new KeyvPostgres({ uri: 'postgresql://user:pass@localhost:5432/db' }));",
        "export const f = () => cache.get('a');",
        "export const g = () => sessions.set('s', {});",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:6 redis read keyv', 'src/app.ts:7 postgres write keyv']);
  });

  test('createKeyv from @keyv/redis', () => {
    const { locations } = scan(
      lines("import { createKeyv } from '@keyv/redis';", "const keyv = createKeyv('redis://user:pass@localhost:6379');", "export const f = () => keyv.set('foo', 'bar');"),
    );
    assert.deepEqual(locations, ['src/app.ts:3 redis write @keyv/*']);
  });

  test('look-alike: an adapter made but never used', () => {
    const { locations, hazards } = scan(lines("import KeyvRedis from '@keyv/redis';", "export const store = new KeyvRedis('redis://localhost:6379');"));
    assert.deepEqual(locations, []);
    assert.deepEqual(hazards, []);
  });
});

describe('cache-manager', () => {
  test('createCache() with no store is a process-memory cache', () => {
    const { locations, hazards } = scan(
      lines(
        "import { createCache } from 'cache-manager';",
        'const cache = createCache({ ttl: 10000 });',
        'export async function f() {',
        "  await cache.set('key', 'value');",
        "  const v = await cache.get('key');",
        "  await cache.wrap('report', () => 42);",
        '  return v;',
        '}',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:2 in-memory-cache']);
    assert.deepEqual(locations, [
      'src/app.ts:2 memory readwrite in-process',
      'src/app.ts:4 memory write cache-manager',
      'src/app.ts:5 memory read cache-manager',
      'src/app.ts:6 memory readwrite cache-manager',
    ]);
  });

  test('stores: [new Keyv({ store: new KeyvRedis(…) })] is Redis: no hazard', () => {
    const { locations, hazards } = scan(
      lines(
        "import { createCache } from 'cache-manager';",
        "import { Keyv } from 'keyv';",
        "import KeyvRedis from '@keyv/redis';",
        "const cache = createCache({ stores: [new Keyv({ store: new KeyvRedis('redis://localhost:6379') })] });",
        "export const f = () => cache.get('key');",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:5 redis read cache-manager']);
  });

  test('look-alike: a cache made per call is not shared state', () => {
    const { hazards } = scan(lines("import { createCache } from 'cache-manager';", 'export function handler() {', '  const local = createCache();', "  return local.get('x');", '}'));
    assert.deepEqual(hazards, []);
  });
});

describe('cache-manager stores', () => {
  test('caching(await redisStore(…)) is Redis', () => {
    const { locations, hazards } = scan(
      lines(
        "import { caching } from 'cache-manager';",
        "import { redisStore } from 'cache-manager-redis-yet';",
        "const store = await redisStore({ socket: { host: 'localhost', port: 6379 } });",
        'const cache = await caching(store);',
        "export const f = () => cache.set('k', 'v');",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:5 redis write cache-manager']);
  });

  test('look-alike: a store made and never used touches nothing', () => {
    const { locations } = scan(lines("import { redisStore } from 'cache-manager-ioredis-yet';", 'export const make = () => redisStore({ host: "localhost" });'));
    assert.deepEqual(locations, []);
  });
});

describe('lru-cache', () => {
  test('a module-level LRUCache is process memory, with an in-memory-cache hazard', () => {
    const { locations, hazards } = scan(
      lines(
        "import { LRUCache } from 'lru-cache';",
        'const cache = new LRUCache<string, string>({ max: 500, ttl: 1000 * 60 * 5 });',
        'export function f(k: string) {',
        '  if (!cache.has(k)) cache.set(k, k.toUpperCase());',
        '  return cache.get(k);',
        '}',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:2 in-memory-cache']);
    assert.deepEqual(locations, [
      'src/app.ts:2 memory readwrite in-process',
      'src/app.ts:4 memory read lru-cache',
      'src/app.ts:4 memory write lru-cache',
      'src/app.ts:5 memory read lru-cache',
    ]);
  });

  test('a class field holding an LRUCache lives as long as the process', () => {
    const { hazards } = scan(
      lines("import { LRUCache } from 'lru-cache';", 'export class Users {', '  private cache = new LRUCache<string, object>({ max: 100 });', '  get(id: string) { return this.cache.get(id); }', '}'),
    );
    assert.deepEqual(hazards, ['src/app.ts:3 in-memory-cache']);
  });

  test('look-alike: a plain Map with get/set is not the library (and a Map local to a call is nothing)', () => {
    const { locations, hazards } = scan(
      lines('export function f(keys: string[]) {', '  const cache = new Map<string, number>();', '  for (const k of keys) cache.set(k, (cache.get(k) ?? 0) + 1);', '  return cache;', '}'),
    );
    assert.deepEqual(locations, []);
    assert.deepEqual(hazards, []);
  });
});

describe('node-cache', () => {
  test('new NodeCache(): set, get, del', () => {
    const { locations, hazards } = scan(
      lines(
        "const NodeCache = require('node-cache');",
        'const myCache = new NodeCache({ stdTTL: 100, checkperiod: 120 });',
        'export function f() {',
        "  myCache.set('myKey', { my: 'Special' }, 10000);",
        "  const value = myCache.get('myKey');",
        "  myCache.del('myKey');",
        "  return [value, myCache.take('once')];",
        '}',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:2 in-memory-cache']);
    assert.deepEqual(locations, [
      'src/app.ts:2 memory readwrite in-process',
      'src/app.ts:4 memory write node-cache',
      'src/app.ts:5 memory read node-cache',
      'src/app.ts:6 memory write node-cache',
      'src/app.ts:7 memory readwrite node-cache',
    ]);
  });

  test('look-alike: getStats and close are not data', () => {
    const { locations } = scan(lines("import NodeCache from 'node-cache';", 'export function f() {', '  const c = new NodeCache();', '  c.close();', '}'));
    assert.deepEqual(locations, []);
  });
});

describe('memory-cache', () => {
  test('the module-level singleton: every put is an in-memory-cache hazard', () => {
    const { locations, hazards } = scan(
      lines("const cache = require('memory-cache');", 'export function f(id: string, v: object) {', '  cache.put(id, v, 1000);', '  return cache.get(id);', '}'),
    );
    assert.deepEqual(hazards, ['src/app.ts:3 in-memory-cache']);
    assert.deepEqual(locations, ['src/app.ts:3 memory readwrite in-process', 'src/app.ts:3 memory write memory-cache', 'src/app.ts:4 memory read memory-cache']);
  });

  test('new cache.Cache() is an instance of its own', () => {
    const { locations } = scan(lines("import mcache from 'memory-cache';", 'const users = new mcache.Cache();', "export const f = () => users.get('u1');"));
    assert.deepEqual(locations, ['src/app.ts:3 memory read memory-cache']);
  });

  test('look-alike: reads only raise no hazard, and a local object with put is nothing', () => {
    const { hazards, locations } = scan(
      lines("const cache = require('memory-cache');", 'const box = { put: (_k: string) => {} };', "export const f = () => { box.put('a'); return cache.get('a'); };"),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:3 memory read memory-cache']);
  });
});

describe('quick-lru', () => {
  test('quick-lru, tiny-lru and @isaacs/ttlcache are process-memory caches', () => {
    const { locations, hazards } = scan(
      lines(
        "import QuickLRU from 'quick-lru';",
        "import { lru } from 'tiny-lru';",
        "import { TTLCache } from '@isaacs/ttlcache';",
        'const recent = new QuickLRU<string, string>({ maxSize: 1000 });',
        'const small = lru(100, 5000);',
        'const tokens = new TTLCache<string, string>({ max: 10000, ttl: 1000 });',
        'export function f(k: string) {',
        "  recent.set(k, '🌈');",
        '  small.get(k);',
        "  tokens.set(k, 'x');",
        '}',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:4 in-memory-cache', 'src/app.ts:5 in-memory-cache', 'src/app.ts:6 in-memory-cache']);
    assert.deepEqual(
      locations.filter((l) => !l.includes('in-process')),
      ['src/app.ts:10 memory write quick-lru', 'src/app.ts:8 memory write quick-lru', 'src/app.ts:9 memory read quick-lru'],
    );
  });

  test('look-alike: a browser component caching in its own tab raises nothing', () => {
    const { hazards, locations } = scan(
      lines("import QuickLRU from 'quick-lru';", 'const seen = new QuickLRU<string, boolean>({ maxSize: 50 });', "export const Seen = ({ id }: { id: string }) => { seen.set(id, true); return <div>{id}</div>; };"),
      {},
      'src/Seen.tsx',
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, []);
  });
});

describe('engine gaps', () => {
  test('cache-manager: caching(redisStore, options) — a store factory passed uncalled — is Redis, not process memory', () => {
    const { locations, hazards } = scan(
      lines(
        "import { caching } from 'cache-manager';",
        "import { redisStore } from 'cache-manager-redis-yet';",
        "const cache = await caching(redisStore, { socket: { host: 'localhost', port: 6379 } });",
        "export const f = () => cache.set('k', 'v');",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:4 redis write cache-manager']);
  });
});

describe('redlock', () => {
  test('a lock built on an ioredis client takes and releases keys in that Redis', () => {
    const { locations } = scan(
      lines(
        "import Redis from 'ioredis';",
        "import Redlock from 'redlock';",
        'const redlock = new Redlock([new Redis(process.env.REDIS_URL!)]);',
        'export async function pay(id: string) {',
        "  const lock = await redlock.acquire([`pay:${id}`], 5000);",
        '  await lock.release();',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 redis readwrite redlock']);
  });
});

describe('apicache', () => {
  test('apicache.middleware() keeps responses in the process: memory, an in-memory-cache hazard where it is used', () => {
    const { locations, hazards } = scan(
      lines(
        "import apicache from 'apicache';",
        'export const cached = (duration: string) => apicache.middleware(duration);',
        "export const clearBoxes = () => apicache.clear('boxes');",
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:2 in-memory-cache']);
    assert.deepEqual(locations, ['src/app.ts:2 memory readwrite in-process', 'src/app.ts:2 memory write apicache', 'src/app.ts:3 memory write apicache']);
  });

  test('a Redis client given in the chain makes it Redis: no hazard', () => {
    const { locations, hazards } = scan(
      lines(
        "import apicache from 'apicache';",
        "import { createClient } from 'redis';",
        'const redisClient = createClient();',
        "export const cached = apicache.options({ redisClient }).middleware('5 minutes');",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.ok(locations.some((l) => l.startsWith('src/app.ts:4 redis')), locations.join('\n'));
  });

  test('look-alike: a module of the workspace named apicache is not the library', () => {
    const { hazards } = scan(lines("import apicache from './apicache';", "export const cached = apicache.middleware('5 minutes');"), {
      'src/apicache.ts': lines('export default { middleware: (d: string) => d };'),
    });
    assert.deepEqual(hazards, []);
  });
});

describe('route-cache', () => {
  test('routeCache.cacheSeconds() in several routers keeps responses in one store of the process: one hazard, the other routes its places', () => {
    const { map, locations } = scan(
      lines(
        "import * as routeCache from 'route-cache';",
        "import express from 'express';",
        'export const quizzes = express.Router();',
        "quizzes.get('/active', routeCache.cacheSeconds(10, 'active'), (req, res) => res.json([]));",
        "export const dropActive = () => routeCache.removeCache('active');",
      ),
      {
        'src/stats.ts': lines(
          "import * as routeCache from 'route-cache';",
          "import express from 'express';",
          'export const stats = express.Router();',
          "stats.get('/stats', routeCache.cacheSeconds(60), (req, res) => res.json({}));",
        ),
      },
    );
    const caches = map.hazards.filter((h) => h.kind === 'in-memory-cache');
    assert.deepEqual(caches.map((h) => `${h.file}:${h.line}`), ['src/app.ts:4']);
    assert.deepEqual(caches[0].also?.map((a) => `${a.file}:${a.line}`), ['src/stats.ts:4']);
    assert.ok(locations.includes('src/app.ts:5 memory write route-cache'), locations.join('\n'));
  });

  test('configured with another store (`routeCache.config({ cacheStore })`): no hazard', () => {
    const { hazards } = scan(
      lines(
        "import * as routeCache from 'route-cache';",
        "import IoRedisStore from 'route-cache/ioRedisStore';",
        "import Redis from 'ioredis';",
        'routeCache.config({ cacheStore: new IoRedisStore(new Redis(process.env.REDIS_URL)) });',
        "export const cached = routeCache.cacheSeconds(10, 'active');",
      ),
    );
    assert.deepEqual(hazards.filter((h) => h.includes('in-memory-cache')), []);
  });
});

describe('@hapi/catbox', () => {
  test('a client given the Redis engine caches in Redis, through a policy too', () => {
    const { locations, hazards } = scan(
      lines(
        "import Catbox from '@hapi/catbox';",
        "import CatboxRedis from '@hapi/catbox-redis';",
        "const client = new Catbox.Client(CatboxRedis, { host: process.env.REDIS_HOST, port: 6379 });",
        "const feeds = new Catbox.Policy({ expiresIn: 86400000 }, client, 'feed');",
        "export const getFeed = (url: string) => client.get({ segment: 'feed', id: url });",
        'export const keepFeed = (url: string, items: unknown) => feeds.set(url, items);',
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations.filter((l) => !l.includes(' env ')), ['src/app.ts:5 redis read @hapi/catbox', 'src/app.ts:6 redis write @hapi/catbox']);
  });

  // ('catbox engines': the engine modules given to the client decide where entries live)
  test('the memory engine keeps entries in the process: an in-memory-cache hazard', () => {
    const { hazards } = scan(
      lines(
        "import { Client } from '@hapi/catbox';",
        "import { Engine as CatboxMemory } from '@hapi/catbox-memory';",
        'const client = new Client(new CatboxMemory());',
        "export const keep = (id: string, v: unknown) => client.set({ segment: 'docs', id }, v, 60000);",
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:3 in-memory-cache']);
  });
});

/**
 * Clients reached through indirection: the value flows, the name does not decide. Each case is a small
 * workspace written for the pattern (a wrapper that returns what its callback makes, a getter, a base
 * class given its model, optional chaining), and each fails if that flow is lost again.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles, locationSummary } from '../helpers/workspace';

const server = (deps: Record<string, string> = {}) => JSON.stringify({ name: 'api', dependencies: { express: '4', ...deps } });
const src = (...ls: string[]) => ls.join('\n') + '\n';

describe('wrappers that return what their callback makes', () => {
  test('a memo helper from a package: remember(key, () => new PrismaClient())', () => {
    const map = analyzeFiles({
      'package.json': server({ '@prisma/client': '6', '@epic-web/remember': '1' }),
      'src/db.ts': src(
        "import { PrismaClient } from '@prisma/client';",
        "import { remember } from '@epic-web/remember';",
        "export const prisma = remember('prisma', () => new PrismaClient());",
      ),
      'src/users.ts': src("import { prisma } from './db';", 'export const list = () => prisma.user.findMany();'),
    });
    assert.deepEqual(locationSummary(map), ['src/users.ts:2 sql read @prisma/client']);
  });

  test('a memo helper written in the repository: caches and returns its callback\'s result', () => {
    const map = analyzeFiles({
      'package.json': server({ ioredis: '5' }),
      'src/once.ts': src(
        'const made = new Map<string, unknown>();',
        'export function singleton<T>(key: string, make: () => T): T {',
        '  if (!made.has(key)) made.set(key, make());',
        '  return made.get(key) as T;',
        '}',
        'export function lazy<T>(make: () => T): () => T {',
        '  let v: T | undefined;',
        '  return () => (v ??= make());',
        '}',
      ),
      'src/redis.ts': src(
        "import Redis from 'ioredis';",
        "import { singleton, lazy } from './once';",
        "export const redis = singleton('redis', () => new Redis(process.env.REDIS_URL!));",
        'export const getRedis = lazy(() => new Redis());',
      ),
      'src/visits.ts': src(
        "import { redis, getRedis } from './redis';",
        "export const seen = (id: string) => redis.get(`seen:${id}`);",
        "export const mark = (id: string) => getRedis().set(`seen:${id}`, '1');",
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/visits.ts:2 redis read ioredis', 'src/visits.ts:3 redis write ioredis']);
  });

  test('globalThis.prisma ??= new PrismaClient() and globalForPrisma.prisma ?? new PrismaClient()', () => {
    const map = analyzeFiles({
      'package.json': server({ '@prisma/client': '6', ioredis: '5' }),
      'src/db.ts': src(
        "import { PrismaClient } from '@prisma/client';",
        'const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };',
        'export const prisma = globalForPrisma.prisma ?? new PrismaClient();',
        "if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;",
      ),
      'src/redis.ts': src(
        "import Redis from 'ioredis';",
        'declare global { var redis: Redis | undefined }',
        'export const redis = (globalThis.redis ??= new Redis());',
      ),
      'src/users.ts': src(
        "import { prisma } from './db';",
        "import { redis } from './redis';",
        'export const list = () => prisma.user.findMany();',
        "export const bump = () => redis.incr('hits');",
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/users.ts:3 sql read @prisma/client', 'src/users.ts:4 redis write ioredis']);
  });
});

describe('clients kept on classes', () => {
  test('a static getter on a subclass of ioredis, and an instance getter', () => {
    const map = analyzeFiles({
      'package.json': server({ ioredis: '5' }),
      'src/redis.ts': src(
        "import Redis from 'ioredis';",
        'export class RedisClient extends Redis {',
        '  private static instance?: RedisClient;',
        '  static get defaultClient(): RedisClient {',
        '    if (!this.instance) this.instance = new RedisClient(process.env.REDIS_URL!);',
        '    return this.instance;',
        '  }',
        '}',
        'export class Store {',
        '  get client() { return RedisClient.defaultClient; }',
        "  read(k: string) { return this.client.get(k); }",
        '}',
      ),
      'src/use.ts': src("import { RedisClient } from './redis';", "export const put = (k: string) => RedisClient.defaultClient.set(k, '1');"),
    });
    assert.deepEqual(locationSummary(map), ['src/redis.ts:11 redis read ioredis', 'src/use.ts:2 redis write ioredis']);
  });

  test('a base repository given its Mongoose model by super(model)', () => {
    const map = analyzeFiles({
      'package.json': server({ mongoose: '8' }),
      'src/user.model.ts': src(
        "import { Schema, model } from 'mongoose';",
        "export const UserModel = model('User', new Schema({ name: String }));",
      ),
      'src/base.repository.ts': src(
        "import type { Model } from 'mongoose';",
        'export class BaseRepository<T> {',
        '  constructor(protected readonly model: Model<T>) {}',
        '  find(q: object) { return this.model.find(q); }',
        '}',
        'export class LooseRepository {',
        '  protected entity: any;',
        '  constructor(entity: any) { this.entity = entity; }',
        '  save(doc: object) { return this.entity.create(doc); }',
        '}',
      ),
      'src/user.repository.ts': src(
        "import { BaseRepository, LooseRepository } from './base.repository';",
        "import { UserModel } from './user.model';",
        'export class UserRepository extends LooseRepository {',
        '  constructor() { super(UserModel); }',
        '}',
      ),
    });
    const got = locationSummary(map);
    assert.ok(got.includes('src/base.repository.ts:9 mongodb write mongoose'), got.join('\n'));
  });

  test('optional chaining and non-null assertions on a field', () => {
    const map = analyzeFiles({
      'package.json': server({ ioredis: '5' }),
      'src/cache.ts': src(
        "import Redis from 'ioredis';",
        'export class Cache {',
        '  private client?: Redis;',
        '  private redis: Redis | null = null;',
        '  connect() { this.client = new Redis(); this.redis = new Redis(); }',
        '  get(k: string) { return this.client?.get(k); }',
        "  set(k: string) { return this.redis!.set(k, '1'); }",
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/cache.ts:6 redis read ioredis', 'src/cache.ts:7 redis write ioredis']);
  });

  test('a lock built on a client: new Redlock([redis]) reaches Redis', () => {
    const map = analyzeFiles({
      'package.json': server({ ioredis: '5', redlock: '5' }),
      'src/lock.ts': src(
        "import Redis from 'ioredis';",
        "import Redlock from 'redlock';",
        'const redis = new Redis();',
        'export const redlock = new Redlock([redis]);',
        "export const withLock = (id: string, f: () => Promise<void>) => redlock.using([`lock:${id}`], 5000, f);",
      ),
    });
    assert.deepEqual(locationSummary(map).map((l) => l.split(' ').slice(0, 2).join(' ')), ['src/lock.ts:5 redis']);
  });
});

describe('a name never decides against the binding', () => {
  test('a Map named cache in a service that uses ioredis is not Redis', () => {
    const map = analyzeFiles({
      'package.json': server({ ioredis: '5' }),
      'src/redis.ts': src("import Redis from 'ioredis';", 'export const redis = new Redis();', "export const hit = () => redis.incr('hits');"),
      'src/memo.ts': src(
        'export class Memo {',
        '  private cache = new Map<string, string>();',
        '  constructor(private readonly client = new Map<string, number>()) {}',
        '  get(k: string) { return this.cache.get(k) ?? this.client.get(k); }',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/redis.ts:3 redis write ioredis']);
  });

  test('a parameter typed by a package the catalog does not know is that package, not a store by its name', () => {
    const map = analyzeFiles({
      'package.json': server({ ioredis: '5', 'acme-events': '1' }),
      'src/redis.ts': src("import Redis from 'ioredis';", 'export const redis = new Redis();', "export const hit = () => redis.incr('hits');"),
      'src/events.ts': src(
        "import type { EventClient } from 'acme-events';",
        "export const emit = (client: EventClient, name: string) => client.set(name, { at: Date.now() });",
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/redis.ts:3 redis write ioredis']);
  });
});

describe('plugins handed to an app made inside a function', () => {
  test('app.register(fastifyRateLimit, {…}) in createServer(): counts in memory', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'scheduler', main: 'src/index.ts', dependencies: { fastify: '4', '@fastify/rate-limit': '9' } }),
      'src/index.ts': src(
        "import fastify from 'fastify';",
        "import fastifyRateLimit from '@fastify/rate-limit';",
        'export async function createServer(max?: number) {',
        '  const app = fastify();',
        '  app.register(fastifyRateLimit, { max: max ?? 10000, keyGenerator: (req) => req.headers.authorization ?? req.ip });',
        '  await app.listen({ port: 9181 });',
        '  return app;',
        '}',
      ),
    });
    assert.deepEqual(map.hazards.map((h) => `${h.file}:${h.line} ${h.kind}`), ['src/index.ts:5 memory-rate-limit']);
  });

  test('look-alike: a plugin of a package the catalog does not know is nothing', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'scheduler', main: 'src/index.ts', dependencies: { fastify: '4', '@fastify/cors': '9' } }),
      'src/index.ts': src(
        "import fastify from 'fastify';",
        "import cors from '@fastify/cors';",
        'export async function createServer() {',
        '  const app = fastify();',
        "  app.register(cors, { origin: '*' });",
        '  await app.listen({ port: 9181 });',
        '}',
      ),
    });
    assert.deepEqual(map.hazards, []);
    assert.deepEqual(locationSummary(map), []);
  });
});

describe('options objects held by a binding', () => {
  test('session(sessionSettings) whose `store` (shorthand) is a Redis store: sessions in Redis, no hazard', () => {
    const map = analyzeFiles({
      'package.json': server({ 'express-session': '1', 'connect-redis': '6', redis: '4' }),
      'src/app.js': src(
        "const express = require('express');",
        "const session = require('express-session');",
        "const RedisStore = require('connect-redis')(session);",
        'const app = express();',
        "const store = new RedisStore({ client: require('redis').createClient() });",
        'const sessionSettings = {',
        "  secret: process.env.SESSION_SECRET || 'hunter2',",
        '  store,',
        '  resave: true,',
        '};',
        'app.use(session(sessionSettings));',
        'app.listen(3000);',
      ),
    });
    assert.deepEqual(map.hazards, []);
    assert.ok(locationSummary(map).includes('src/app.js:11 redis readwrite express-session'), locationSummary(map).join('\n'));
  });

  test('look-alike: settings without a store keep sessions in memory', () => {
    const map = analyzeFiles({
      'package.json': server({ 'express-session': '1' }),
      'src/app.js': src(
        "const express = require('express');",
        "const session = require('express-session');",
        'const app = express();',
        "const sessionSettings = { secret: 'hunter2', resave: true };",
        'app.use(session(sessionSettings));',
        'app.listen(3000);',
      ),
    });
    assert.deepEqual(map.hazards.map((h) => `${h.file}:${h.line} ${h.kind}`), ['src/app.js:5 memory-session-store']);
  });
});

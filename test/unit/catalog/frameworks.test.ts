import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles, locationSummary } from '../../helpers/workspace';
import { lines } from '../../helpers/entry-cases';

const NEST_DEPS = { '@nestjs/core': '10', '@nestjs/common': '10', 'cache-manager': '5', 'cache-manager-redis-yet': '4', '@nestjs/cache-manager': '2', '@nestjs/microservices': '10' };

/** A NestJS server's entry: the application made from `AppModule`, listening. */
const NEST_MAIN = "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n";

const service = (imports: string, ctor: string, body: string) => [
  "import { Injectable, Inject } from '@nestjs/common';",
  imports,
  '@Injectable()',
  'export class ProfileService {',
  `  constructor(${ctor}) {}`,
  body,
  '}',
  '',
].join('\n');

describe('@nestjs/cache-manager', () => {
  test('CacheModule.register({ store: redisStore }) sends an injected Cache to Redis', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'profiles', dependencies: NEST_DEPS }),
      'src/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { CacheModule } from '@nestjs/cache-manager';",
        "import { redisStore } from 'cache-manager-redis-yet';",
        '@Module({ imports: [CacheModule.register({ store: redisStore })] })',
        'export class AppModule {}',
        '',
      ].join('\n'),
      'src/profile.service.ts': service(
        "import { CACHE_MANAGER } from '@nestjs/cache-manager';\nimport type { Cache } from 'cache-manager';",
        '@Inject(CACHE_MANAGER) private readonly cache: Cache',
        '  async get(id: string) { return this.cache.get(`profile:${id}`); }\n  async put(id: string, p: unknown) { await this.cache.set(`profile:${id}`, p); }',
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/profile.service.ts:7 redis read cache-manager', 'src/profile.service.ts:8 redis write cache-manager']);
    assert.deepEqual(map.hazards, []);
  });

  test('CacheModule.register() with no store: the injected Cache keeps entries in each process, one hazard at its first write', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'profiles', dependencies: NEST_DEPS }),
      'src/main.ts': NEST_MAIN,
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { CacheModule } from '@nestjs/cache-manager';\nimport { ProfileService } from './profile.service';\n@Module({ imports: [CacheModule.register()], providers: [ProfileService] })\nexport class AppModule {}\n",
      'src/profile.service.ts': service(
        "import { CACHE_MANAGER } from '@nestjs/cache-manager';\nimport type { Cache } from 'cache-manager';",
        '@Inject(CACHE_MANAGER) private readonly cache: Cache',
        '  async get(id: string) { return this.cache.get(`profile:${id}`); }\n  async put(id: string, p: unknown) { await this.cache.set(`profile:${id}`, p); }\n  async drop(id: string) { await this.cache.del(`profile:${id}`); }',
      ),
    });
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} also ${(h.also ?? []).map((a) => a.line).join(',')}`), ['in-memory-cache src/profile.service.ts:8 also 9']);
  });

  test('CacheModule.registerAsync: the store is what useFactory returns (Redis), so the injected Cache is no hazard', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'profiles', dependencies: NEST_DEPS }),
      'src/main.ts': NEST_MAIN,
      'src/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { CacheModule } from '@nestjs/cache-manager';",
        "import { redisStore } from 'cache-manager-redis-yet';",
        "import { ProfileService } from './profile.service';",
        '@Module({',
        '  imports: [CacheModule.registerAsync({ isGlobal: true, useFactory: async () => ({ ttl: 5000, store: await redisStore({ url: process.env.REDIS_URL }) }) })],',
        '  providers: [ProfileService],',
        '})',
        'export class AppModule {}',
        '',
      ].join('\n'),
      'src/profile.service.ts': service(
        "import { CACHE_MANAGER } from '@nestjs/cache-manager';\nimport type { Cache } from 'cache-manager';",
        '@Inject(CACHE_MANAGER) private readonly cache: Cache',
        '  async put(id: string, p: unknown) { await this.cache.set(`profile:${id}`, p); }',
      ),
    });
    assert.deepEqual(locationSummary(map).filter((l) => l.includes('cache-manager')), ['src/profile.service.ts:7 redis write cache-manager']);
    assert.deepEqual(map.hazards, []);
  });

  test('look-alike: a cache the service makes itself is reported where it is made, not again where it is written', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'profiles', dependencies: NEST_DEPS }),
      'src/main.ts': "import express from 'express';\nimport { put } from './profiles';\nconst app = express();\napp.post('/p/:id', async (req, res) => res.json(await put(req.params.id, req.body)));\napp.listen(3000);\n",
      'src/cache.ts': "import { createCache } from 'cache-manager';\nexport const cache = createCache();\n",
      'src/profiles.ts': "import type { Cache } from 'cache-manager';\nimport { cache as shared } from './cache';\nconst store = (c: Cache, id: string, p: unknown) => c.set(id, p);\nexport const put = (id: string, p: unknown) => store(shared, id, p);\n",
    });
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['in-memory-cache src/cache.ts:2']);
  });

  test('look-alike: CacheModule.register() without a store keeps the cache in memory (a hazard in a server)', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'profiles', dependencies: NEST_DEPS }),
      'src/main.ts': NEST_MAIN,
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { CacheModule } from '@nestjs/cache-manager';\n@Module({ imports: [CacheModule.register()] })\nexport class AppModule {}\n",
    });
    assert.deepEqual(locationSummary(map), []);
  });
});

describe('@nestjs/microservices', () => {
  test('ClientsModule.register with a Kafka transport: an injected ClientProxy emits to Kafka', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'orders', dependencies: NEST_DEPS }),
      'src/app.module.ts': [
        "import { Module } from '@nestjs/common';",
        "import { ClientsModule, Transport } from '@nestjs/microservices';",
        "@Module({ imports: [ClientsModule.register([{ name: 'EVENTS', transport: Transport.KAFKA, options: { client: { brokers: ['kafka:9092'] } } }])] })",
        'export class AppModule {}',
        '',
      ].join('\n'),
      'src/profile.service.ts': service(
        "import { ClientProxy } from '@nestjs/microservices';",
        "@Inject('EVENTS') private readonly events: ClientProxy",
        "  created(id: string) { this.events.emit('profile.created', { id }); }",
      ),
    });
    assert.deepEqual(locationSummary(map), ['src/profile.service.ts:6 kafka write @nestjs/microservices']);
  });

  test('look-alike: a @MessagePattern handler and Transport constants are not client calls', () => {
    const map = analyzeFiles({
      'src/orders.controller.ts': [
        "import { Controller } from '@nestjs/common';",
        "import { MessagePattern, Transport } from '@nestjs/microservices';",
        '@Controller()',
        'export class OrdersController {',
        "  @MessagePattern('orders.get') get(id: string) { return { id, via: Transport.TCP }; }",
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(locationSummary(map), []);
  });
});

describe('@nestjs/bullmq', () => {
  test('a @Processor class extending WorkerHost consumes its queue (a Redis read)', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'media', dependencies: { '@nestjs/bullmq': '10', bullmq: '5' } }),
      'src/transcode.processor.ts': [
        "import { Processor, WorkerHost } from '@nestjs/bullmq';",
        "import type { Job } from 'bullmq';",
        "@Processor('transcode')",
        'export class TranscodeProcessor extends WorkerHost {',
        '  async process(job: Job) { return job.data; }',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(locationSummary(map), ['src/transcode.processor.ts:4 redis read @nestjs/bullmq']);
    assert.equal(map.services[0].kind, 'worker');
  });

  test('look-alike: a class extending something else from @nestjs/bullmq', () => {
    const map = analyzeFiles({
      'src/events.ts': "import { QueueEventsHost } from '@nestjs/bullmq';\nexport class Events extends QueueEventsHost {}\n",
    });
    assert.deepEqual(locationSummary(map), []);
  });
});

describe('@nestjs/bull', () => {
  test('a @Processor class whose @Process methods handle the jobs consumes its queue; writing with no record is a note (textbee, set 23)', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'api', dependencies: { '@nestjs/bull': '11', bull: '4', mongoose: '8' } }),
      'src/webhook.processor.ts': [
        "import { Process, Processor } from '@nestjs/bull';",
        "import type { Job } from 'bull';",
        "import mongoose from 'mongoose';",
        "const Delivery = mongoose.model('Delivery', new mongoose.Schema({ notificationId: String }));",
        "@Processor('webhook-delivery')",
        'export class WebhookProcessor {',
        "  @Process({ name: 'deliver-webhook', concurrency: 10 })",
        '  async deliver(job: Job<{ notificationId: string }>) {',
        '    await Delivery.create({ notificationId: job.data.notificationId });',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    assert.ok(locationSummary(map).includes('src/webhook.processor.ts:5 redis read @nestjs/bull'), locationSummary(map).join('\n'));
    assert.equal(map.services[0].kind, 'worker');
    assert.deepEqual((map.lowConfidenceHazards ?? []).filter((h) => h.kind === 'consumer-no-dedupe').map((h) => `${h.file}:${h.line}`), ['src/webhook.processor.ts:5']);
  });
});

describe('@remix-run/node sessions', () => {
  const sessions = "import { createCookieSessionStorage } from '@remix-run/node';\nexport const { getSession, commitSession } = createCookieSessionStorage({ cookie: { name: '__session', secrets: ['s'] } });\n";
  test('a cookie session storage: getSession reads the cookie, commitSession writes it', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'shop', dependencies: { '@remix-run/node': '2', '@remix-run/react': '2' } }),
      'app/sessions.server.ts': sessions,
      'app/routes/cart.tsx': [
        "import { getSession, commitSession } from '../sessions.server';",
        'export async function action({ request }: { request: Request }) {',
        "  const session = await getSession(request.headers.get('Cookie'));",
        "  session.set('cart', ['sku-1']);",
        "  return new Response(null, { headers: { 'Set-Cookie': await commitSession(session) } });",
        '}',
        '',
      ].join('\n'),
    });
    // `request.headers.get('Cookie')` reads the raw header that getSession parses
    assert.deepEqual(locationSummary(map), [
      'app/routes/cart.tsx:3 cookie read @remix-run/node sessions',
      'app/routes/cart.tsx:3 cookie read request headers',
      'app/routes/cart.tsx:5 cookie write @remix-run/node sessions',
    ]);
    assert.equal(map.services[0].kind, 'http-server');
  });

  test('look-alike: json() and redirect() helpers of the same module', () => {
    const map = analyzeFiles({ 'app/routes/index.tsx': "import { json, redirect } from '@remix-run/node';\nexport const loader = () => json({ ok: true });\nexport const action = () => redirect('/');\n" });
    assert.deepEqual(locationSummary(map), []);
  });
});

describe('multer', () => {
  const app = (storage: string) => [
    "import express from 'express';",
    "import multer from 'multer';",
    storage,
    'const app = express();',
    "app.post('/files', upload.single('file'), (_req, res) => res.sendStatus(201));",
    'app.listen(3000);',
    '',
  ].join('\n');

  test('diskStorage (or dest) writes uploads to this instance: a filesystem write and a local-file-write hazard', () => {
    const map = analyzeFiles({ 'src/server.ts': app("const upload = multer({ storage: multer.diskStorage({ destination: '/var/uploads' }) });") });
    assert.deepEqual(locationSummary(map), ['src/server.ts:3 filesystem write multer']);
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.line}`), ['local-file-write 3']);
  });

  test('look-alike: memoryStorage keeps the upload for one request only; multer-s3 sends it to object storage', () => {
    const memory = analyzeFiles({ 'src/server.ts': app('const upload = multer({ storage: multer.memoryStorage() });') });
    assert.deepEqual(memory.hazards, []);
    const s3 = analyzeFiles({ 'src/server.ts': app("import multerS3 from 'multer-s3';\nimport { S3Client } from '@aws-sdk/client-s3';\nconst upload = multer({ storage: multerS3({ s3: new S3Client({}), bucket: 'files' }) });") });
    assert.deepEqual(locationSummary(s3), ['src/server.ts:5 s3 write multer']);
    assert.deepEqual(s3.hazards, []);
  });
});

describe('sst', () => {
  test('the handlers SST v3 components name make their packages Lambdas and Workers; the components are no store', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['packages/*'], dependencies: { sst: '3' } }),
      'sst.config.ts': lines(
        '/// <reference path="./.sst/platform/config.d.ts" />',
        'export default $config({',
        "  app() { return { name: 'shop', home: 'aws' }; },",
        "  async run() { await import('./infra/api'); },",
        '});',
      ),
      'infra/api.ts': lines(
        "const database = new sst.Linkable('Database', { properties: { host: 'db' } });",
        "export const api = new sst.aws.Function('Api', { handler: './packages/functions/src/api/index.handler', link: [database], url: true });",
        "new sst.aws.Cron('Inventory', { schedule: 'rate(1 day)', job: { handler: './packages/functions/src/cron/inventory.handler' } });",
        "export const proxy = new sst.cloudflare.Worker('Proxy', { handler: './packages/workers/src/proxy.ts', url: true });",
      ),
      'packages/functions/package.json': JSON.stringify({ name: '@shop/functions', version: '0.0.0', dependencies: { sst: '3', hono: '4' } }),
      'packages/functions/src/api/index.ts': "import { Hono } from 'hono';\nimport { handle } from 'hono/aws-lambda';\nconst app = new Hono().get('/', (c) => c.text('ok'));\nexport const handler = handle(app);\n",
      'packages/functions/src/cron/inventory.ts': "import { Resource } from 'sst';\nexport const handler = async () => ({ host: Resource.Database.host });\n",
      'packages/workers/package.json': JSON.stringify({ name: '@shop/workers', version: '0.0.0' }),
      'packages/workers/src/proxy.ts': 'export default { fetch: (request: Request) => fetch(request) };\n',
    });
    const kinds = Object.fromEntries(map.services.map((s) => [s.id, s.kind]));
    assert.equal(kinds['packages/functions'], 'lambda');
    assert.equal(kinds['packages/workers'], 'lambda');
    assert.deepEqual(locationSummary(map).filter((l) => / sst$/.test(l)), []);
  });
});

describe('Vercel Functions', () => {
  const comments = lines(
    "const { MongoClient } = require('mongodb');",
    'let db = null;',
    'const hits = {};',
    'module.exports = async (request, response) => {',
    '  db = db || (await MongoClient.connect(process.env.MONGODB_URI)).db();',
    "  const ip = request.headers['x-forwarded-for'];",
    '  hits[ip] = (hits[ip] || 0) + 1;',
    "  response.json(await db.collection('comment').find({ url: request.query.url }).toArray());",
    '};',
  );

  test('beside a vercel.json, a file under api/ that exports a function is a Vercel Function: a Lambda, whose module state lives per warm instance', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'comments-vercel', version: '1.0.0', main: 'api/index.js', dependencies: { mongodb: '6' } }),
      'vercel.json': JSON.stringify({ rewrites: [{ source: '/(.*)', destination: 'api/index' }] }),
      'api/index.js': comments,
    });
    assert.equal(map.services[0].kind, 'lambda');
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['warm-instance-state api/index.js:3']);
  });

  test('the same code with no vercel.json is not taken for a Vercel Function', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'comments-vercel', version: '1.0.0', main: 'api/index.js', dependencies: { mongodb: '6' } }),
      'api/index.js': comments,
    });
    assert.notEqual(map.services[0].kind, 'lambda');
  });
});

describe('Fastify plugins that hang a client on the instance (@fastify/redis, @fastify/mongodb, @fastify/postgres, @fastify/mysql)', () => {
  const app = (deps: Record<string, string>, register: string, route: string) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'api', main: 'src/server.js', dependencies: { fastify: '4', ...deps } }),
    'src/server.js': lines("import Fastify from 'fastify';", register, 'const fastify = Fastify();', 'fastify.register(plugin, { url: process.env.DB_URL });',
      'fastify.register(async function routes(app) {', route, '});', 'fastify.listen({ port: 3000 });'),
  });

  test('@fastify/redis: `fastify.redis` is an ioredis client', () => {
    const map = app({ '@fastify/redis': '6' }, "import plugin from '@fastify/redis';",
      "  app.get('/n', async () => { await app.redis.incr('hits'); return app.redis.get('hits'); });");
    assert.deepEqual(locationSummary(map), ['src/server.js:6 redis read @fastify/redis', 'src/server.js:6 redis write @fastify/redis']);
  });

  test("@fastify/mongodb: `fastify.mongo.db.collection('x')` is MongoDB; `ObjectId` is the driver's id class", () => {
    const map = app({ '@fastify/mongodb': '8' }, "import plugin from '@fastify/mongodb';",
      "  app.get('/:id', async (req) => app.mongo.db.collection('listing').findOne({ _id: new app.mongo.ObjectId(req.params.id) }));");
    assert.deepEqual(locationSummary(map), ['src/server.js:6 mongodb read @fastify/mongodb']);
  });

  test('@fastify/postgres: `fastify.pg.query(sql)` is PostgreSQL, read or written as its SQL says', () => {
    const map = app({ '@fastify/postgres': '5' }, "import plugin from '@fastify/postgres';",
      "  app.post('/u', async (req) => { await app.pg.query('INSERT INTO users (name) VALUES ($1)', [req.body.name]); return app.pg.query('SELECT * FROM users'); });");
    assert.deepEqual(locationSummary(map), ['src/server.js:6 postgres read @fastify/postgres', 'src/server.js:6 postgres write @fastify/postgres']);
  });

  test('@fastify/mysql: `fastify.mysql.query(sql)` is MySQL', () => {
    const map = app({ '@fastify/mysql': '4' }, "import plugin from '@fastify/mysql';",
      "  app.get('/u', async () => app.mysql.query('SELECT id, name FROM users'));");
    assert.deepEqual(locationSummary(map), ['src/server.js:6 mysql read @fastify/mysql']);
  });
});

/**
 * One small case per pattern that real repositories (the corpus and a holdout set) taught the analyzer.
 * Each was a miss or a false report once; each test fails if it comes back.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles, edgeSummary, locationSummary } from '../helpers/workspace';

const server = (deps: Record<string, string> = {}) => JSON.stringify({ name: 'api', dependencies: { express: '4', ...deps } });
const listen = "import express from 'express';\nconst app = express();\napp.listen(3000);\n";
/** A server whose routes call `names` of module `spec`: what they do runs per request. */
const routes = (spec: string, names: string[]) =>
  `import express from 'express';\nimport * as m from '${spec}';\nconst app = express();\n${names.map((n) => `app.post('/${n}', m.${n});\n`).join('')}app.listen(3000);\n`;
const hazards = (map: ReturnType<typeof analyzeFiles>) => map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`);

describe('clients reached indirectly', () => {
  test('a pg client handed through callbacks to an untyped `client` parameter (voting-app result)', () => {
    const map = analyzeFiles({
      'package.json': server({ pg: '8' }),
      'server.js': [
        "const { Pool } = require('pg');",
        "const pool = new Pool({ connectionString: 'postgres://db/postgres' });",
        'pool.connect((err, client) => getVotes(client));',
        'function getVotes(client) {',
        "  client.query('SELECT vote, COUNT(id) AS count FROM votes GROUP BY vote', [], () => {});",
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(locationSummary(map), ['server.js:5 postgres read pg']);
  });

  test('a client kept on the global object (`global.os = global.os || new Client()`, `export default global.os`) (stacker.news, set 23)', () => {
    const map = analyzeFiles({
      'package.json': server({ '@opensearch-project/opensearch': '2' }),
      'search/index.js': [
        "import os from '@opensearch-project/opensearch';",
        'global.os = global.os || new os.Client({ node: process.env.OPENSEARCH_URL });',
        'export default global.os;',
        '',
      ].join('\n'),
      'server.js': [
        "const express = require('express');",
        "import search from './search';",
        'const app = express();',
        "app.get('/search', async (req, res) => res.json(await search.search({ index: 'items', body: { query: { match: { title: req.query.q } } } })));",
        'app.listen(3000);',
        '',
      ].join('\n'),
    });
    assert.deepEqual(edgeSummary(map).filter((e) => !e.includes('env')), ['. -> elasticsearch read']);
  });

  test('a `?:` between sessionStorage and localStorage touches both (outline Storage wrapper)', () => {
    const map = analyzeFiles({
      'src/storage.ts': [
        'export class Storage {',
        '  private store: Storage | undefined;',
        "  constructor(type: 'local' | 'session') {",
        "    const storage = type === 'session' ? sessionStorage : localStorage;",
        '    this.store = storage;',
        '  }',
        '  set(key: string, value: string) { this.store?.setItem(key, value); }',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(edgeSummary(map), ['. -> localStorage write', '. -> sessionStorage write']);
  });

  test('transaction callbacks: `runTransaction(db, async (tx) => tx.get/set)` reads and writes Firestore', () => {
    const map = analyzeFiles({
      'src/rooms.ts': [
        "import { doc, getFirestore, runTransaction } from 'firebase/firestore';",
        'export async function save(id: string, scene: object) {',
        "  const ref = doc(getFirestore(), 'scenes', id);",
        '  await runTransaction(getFirestore(), async (tx) => {',
        '    const snap = await tx.get(ref);',
        '    if (!snap.exists()) tx.set(ref, scene);',
        '  });',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(locationSummary(map), ['src/rooms.ts:5 firestore read firebase/firestore', 'src/rooms.ts:6 firestore write firebase/firestore']);
  });

  test('a fetch of a Firebase Storage URL built in a local is object storage, not an HTTP API', () => {
    const map = analyzeFiles({
      'src/files.ts': [
        'export async function load(bucket: string, id: string) {',
        '  const url = `https://firebasestorage.googleapis.com/v0/b/${bucket}/o/${id}`;',
        '  return fetch(`${url}?alt=media`);',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(edgeSummary(map), ['. -> gcs read']);
  });

  test('tRPC context and GraphQL resolver parameters reach the one client library the workspace uses', () => {
    const map = analyzeFiles({
      'package.json': server({ '@prisma/client': '5' }),
      'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n',
      'src/db.ts': "import { PrismaClient } from '@prisma/client';\nexport const db = new PrismaClient();\n",
      'src/router.ts': 'export const list = ({ ctx }) => ctx.db.user.findMany();\n',
      'src/resolvers.ts': 'export const resolvers = { Query: { users: (_p, _a, { prisma }) => prisma.user.findMany() } };\n',
      'src/server.ts': listen,
    });
    assert.deepEqual(locationSummary(map), ['src/resolvers.ts:1 postgres read @prisma/client', 'src/router.ts:1 postgres read @prisma/client']);
  });

  test('a service injected by class type is followed; its method names are not guessed as store operations', () => {
    const map = analyzeFiles({
      'package.json': server({ ioredis: '5', typeorm: '0.3', pg: '8' }),
      'src/cache.service.ts': [
        "import type Redis from 'ioredis';",
        'export class CacheService {',
        '  constructor(private readonly redis: Redis) {}',
        '  async getJson(key: string) { return JSON.parse((await this.redis.get(key)) ?? "null"); }',
        '}',
        '',
      ].join('\n'),
      'src/orders.service.ts': [
        "import { Repository } from 'typeorm';",
        "import { CacheService } from './cache.service';",
        'export class OrdersService {',
        '  constructor(private readonly orders: Repository<object>, private readonly cache: CacheService) {}',
        "  async find(id: string) { return (await this.cache.getJson(id)) ?? this.orders.findOneBy({ id }); }",
        '}',
        '',
      ].join('\n'),
      'src/server.ts': listen,
    });
    assert.deepEqual(locationSummary(map), ['src/cache.service.ts:4 redis read ioredis', 'src/orders.service.ts:5 postgres read typeorm']);
  });

  test('a knex instance kept in a repository field and called directly', () => {
    const map = analyzeFiles({
      'package.json': server({ knex: '3', mysql2: '3' }),
      'src/db.js': "const knex = require('knex');\nmodule.exports = knex({ client: 'mysql2', connection: process.env.DATABASE_URL });\n",
      'src/ProductRepository.js': [
        'class ProductRepository {',
        '  constructor(db) { this.db = db; }',
        "  find(id) { return this.db('products').where({ id }).first(); }",
        "  add(p) { return this.db('products').insert(p); }",
        '}',
        'module.exports = ProductRepository;',
        '',
      ].join('\n'),
    });
    assert.deepEqual(locationSummary(map), ['src/ProductRepository.js:3 mysql read knex', 'src/ProductRepository.js:4 mysql write knex']);
  });
});

describe('kinds and instances', () => {
  test('an ORM whose dialect only the installed driver names (sequelize with pg)', () => {
    const map = analyzeFiles({
      'package.json': server({ sequelize: '6', pg: '8' }),
      'src/db.ts': "import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.DATABASE_URL!);\n",
      'src/users.ts': "import { sequelize } from './db';\nexport const count = () => sequelize.query('SELECT count(*) FROM users');\n",
    });
    assert.deepEqual(edgeSummary(map), ['. -> postgres read']);
  });

  test('two databases of one kind are two stores; a service sharing one is connected through it', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['services/*'] }),
      'services/orders/package.json': server({ pg: '8' }),
      'services/orders/src/app.ts': `import { Pool } from 'pg';\nconst pool = new Pool({ connectionString: process.env.ORDERS_DATABASE_URL });\nexport const list = () => pool.query('SELECT * FROM orders');\n`,
      'services/booking/package.json': server({ pg: '8' }),
      'services/booking/src/config.ts': 'export const config = { db: { url: process.env.BOOKING_DATABASE_URL } };\n',
      'services/booking/src/app.ts': `import { Pool } from 'pg';\nimport { config } from './config';\nconst pool = new Pool({ connectionString: config.db.url });\nexport const book = () => pool.query('INSERT INTO seats VALUES (1)');\n`,
      'services/audit/package.json': server({ pg: '8' }),
      'services/audit/src/app.ts': `import { Pool } from 'pg';\nconst pool = new Pool({ connectionString: process.env.ORDERS_DATABASE_URL });\nexport const list = () => pool.query('SELECT * FROM orders');\n`,
    });
    assert.deepEqual(map.stores.filter((s) => s.kind === 'postgres').map((s) => `${s.id} | ${s.label}`), [
      'postgres:$BOOKING_DATABASE_URL | PostgreSQL · $BOOKING_DATABASE_URL',
      'postgres:$ORDERS_DATABASE_URL | PostgreSQL · $ORDERS_DATABASE_URL',
    ]);
    assert.deepEqual(map.edges.filter((e) => e.store.startsWith('postgres')).map((e) => `${e.service} -> ${e.store}`), [
      'services/audit -> postgres:$ORDERS_DATABASE_URL',
      'services/booking -> postgres:$BOOKING_DATABASE_URL',
      'services/orders -> postgres:$ORDERS_DATABASE_URL',
    ]);
  });

  test('an SQS event source of a serverless function is a read of that queue', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'thumbs', dependencies: { '@types/aws-lambda': '8' } }),
      'serverless.yml': 'service: thumbs\nprovider:\n  name: aws\nfunctions:\n  resize:\n    handler: src/handler.main\n    events:\n      - sqs:\n          arn: arn:aws:sqs:eu-west-1:1:jobs\n',
      'src/handler.ts': 'export const main = async () => ({ ok: true });\n',
    });
    assert.deepEqual(locationSummary(map), ['serverless.yml:8 sqs read serverless']);
  });
});

describe('in-process state that is not a hazard', () => {
  test('a memory rate limiter kept in a static field and handed over as insuranceLimiter (outline)', () => {
    const map = analyzeFiles({
      'package.json': server({ 'rate-limiter-flexible': '5', ioredis: '5' }),
      'src/limiter.ts': [
        "import Redis from 'ioredis';",
        "import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';",
        'export class Limits {',
        '  static readonly insurance = new RateLimiterMemory({ points: 10, duration: 1 });',
        '  static get limiter() {',
        '    return new RateLimiterRedis({ storeClient: new Redis(), points: 10, insuranceLimiter: this.insurance });',
        '  }',
        '}',
        '',
      ].join('\n'),
      'src/server.ts': listen,
    });
    assert.deepEqual(hazards(map), []);
  });

  test('lazily made handles (`??=`, `||=`, a guard before the assignment, a reset to undefined)', () => {
    const map = analyzeFiles({
      'package.json': server(),
      'src/lazy.ts': [
        'let domain: string | undefined;',
        'let parser: Promise<object> | undefined;',
        'export class Providers {',
        '  private static cached: object | undefined;',
        '  static get() {',
        '    if (this.cached) return this.cached;',
        '    this.cached = { id: 1 };',
        '    return this.cached;',
        '  }',
        '}',
        "export function base() { domain ||= 'example.com'; return domain; }",
        "export function load() { if (!parser) { parser = import('node:url').catch((e) => { parser = undefined; throw e; }); } return parser; }",
        '',
      ].join('\n'),
      'src/server.ts': `import { base, load, Providers } from './lazy';\n${listen}export const all = () => [base(), load(), Providers.get()];\n`,
    });
    assert.deepEqual(hazards(map), []);
  });

  test('a registry of store clients filled per route, and a memo of computed values, are not state', () => {
    const map = analyzeFiles({
      'package.json': server({ 'rate-limiter-flexible': '5' }),
      'src/registry.ts': [
        "import { RateLimiterRedis } from 'rate-limiter-flexible';",
        'const limiters = new Map<string, RateLimiterRedis>();',
        'const separators = new Map<string, string>();',
        'export function register(path: string, points: number) {',
        '  const limiter = new RateLimiterRedis({ storeClient: undefined as never, points });',
        '  limiters.set(path, limiter);',
        '}',
        'export function separator(locale: string) {',
        '  const cached = separators.get(locale);',
        '  if (cached) return cached;',
        "  const s = new Intl.DateTimeFormat(locale).format(0).replace(/\\d/g, '');",
        '  separators.set(locale, s);',
        '  return s;',
        '}',
        '',
      ].join('\n'),
      'src/server.ts': `import { register, separator } from './registry';\n${listen}app.get('/', (req, res) => { register(req.path, 1); res.send(separator('en')); });\n`,
    });
    assert.deepEqual(hazards(map), []);
  });

  test('a test-only helper that fills a module cache is not state', () => {
    const map = analyzeFiles({
      'package.json': server(),
      'src/fs.ts': 'const cache = new Map<string, object>();\nexport function __setCache(k: string, v: object) { cache.set(k, v); }\nexport const read = (k: string) => cache.get(k);\n',
      'src/server.ts': `import { read } from './fs';\n${listen}app.get('/', (_req, res) => res.json(read('x')));\n`,
    });
    assert.deepEqual(hazards(map), []);
  });

  test('a read, a check and a write inside a transaction or under a row lock is not a race', () => {
    const map = analyzeFiles({
      'package.json': server({ sequelize: '6', pg: '8' }),
      'src/db.ts': "import { Sequelize, Model } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.DATABASE_URL!);\nexport class Share extends Model { declare active: boolean; }\n",
      'src/shares.ts': [
        "import { Share } from './db';",
        'export async function activate(id: string, transaction: unknown) {',
        '  const share = await Share.findOne({ where: { id }, transaction, lock: true });',
        '  if (share && !share.active) await share.update({ active: true }, { transaction });',
        '}',
        '',
      ].join('\n'),
      'src/server.ts': listen,
    });
    assert.deepEqual(hazards(map), []);
  });
});

describe('in-process state that is a hazard', () => {
  test('an accumulator Map built from events (`set(k, old + delta)`) is state, even next to a fill-if-absent', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'ledger', dependencies: { kafkajs: '2' } }),
      'src/projection.ts': [
        'const balances = new Map<string, number>();',
        'export function open(id: string) { if (!balances.has(id)) balances.set(id, 0); }',
        'export function apply(id: string, delta: number) {',
        '  const balance = (balances.get(id) ?? 0) + delta;',
        '  balances.set(id, balance);',
        '}',
        '',
      ].join('\n'),
      'src/main.ts': "import { Kafka } from 'kafkajs';\nimport { apply } from './projection';\nconst consumer = new Kafka({ brokers: ['k:9092'] }).consumer({ groupId: 'ledger' });\nconsumer.run({ eachMessage: async ({ message }) => apply(String(message.key), 1) });\n",
    });
    assert.deepEqual(hazards(map), ['module-mutable-state src/projection.ts:1']);
  });

  test('a hand-written rate limiter: counts changed through a local taken from the Map', () => {
    const map = analyzeFiles({
      'package.json': server(),
      'src/rate-limit.ts': [
        'const buckets = new Map<string, { count: number; resetAt: number }>();',
        'export function hit(ip: string, now = Date.now()) {',
        '  let bucket = buckets.get(ip);',
        '  if (!bucket || bucket.resetAt <= now) {',
        '    bucket = { count: 0, resetAt: now + 60_000 };',
        '    buckets.set(ip, bucket);',
        '  }',
        '  bucket.count += 1;',
        '  return bucket;',
        '}',
        '',
      ].join('\n'),
      'src/server.ts': `import { hit } from './rate-limit';\n${listen}app.use((req, _res, next) => { hit(req.ip ?? ''); next(); });\n`,
    });
    assert.deepEqual(hazards(map), ['memory-rate-limit src/rate-limit.ts:1']);
  });

  test('a warm-instance cache filled from object storage through a wrapper in another file', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'thumbs', dependencies: { '@aws-sdk/client-s3': '3', '@types/aws-lambda': '8' } }),
      'src/objects.ts': "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({});\nexport const readJson = async (key: string) => s3.send(new GetObjectCommand({ Bucket: 'settings', Key: key }));\n",
      'src/settings.ts': [
        "import { readJson } from './objects';",
        'const cache = new Map<string, unknown>();',
        'export async function settings(tenant: string) {',
        '  const hit = cache.get(tenant);',
        '  if (hit) return hit;',
        '  const value = await readJson(tenant);',
        '  cache.set(tenant, value);',
        '  return value;',
        '}',
        '',
      ].join('\n'),
      'src/handler.ts': "import { settings } from './settings';\nexport const handler = async (event: { tenant: string }) => settings(event.tenant);\n",
    });
    assert.deepEqual(hazards(map), ['warm-instance-state src/settings.ts:2']);
    assert.equal(map.services[0].kind, 'lambda');
    assert.equal(map.services[0].honest, false);
  });
});

describe('frameworks that hide their clients', () => {
  test('Vue and Svelte single-file components: the <script> blocks are analyzed like .ts, lines kept', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'web', dependencies: { vue: '3', svelte: '4', idb: '8', 'js-cookie': '3' } }),
      'src/components/Journal.vue': "<template>\n  <div>{{ entries.length }}</div>\n</template>\n\n<script setup lang=\"ts\">\nimport { ref } from 'vue';\nimport { openDB } from 'idb';\nconst entries = ref<string[]>([]);\nconst db = await openDB('journal', 1);\nentries.value = await db.getAll('entries');\nlocalStorage.setItem('last-open', new Date().toISOString());\n</script>\n",
      'src/lib/Consent.svelte': "<script>\n  import Cookies from 'js-cookie';\n  let accepted = Cookies.get('consent') === 'yes';\n  function accept() { Cookies.set('consent', 'yes'); accepted = true; }\n</script>\n\n<button on:click={accept}>{accepted ? 'Thanks' : 'Accept'}</button>\n",
    });
    assert.deepEqual(locationSummary(map), [
      'src/components/Journal.vue:10 indexedDB read idb',
      'src/components/Journal.vue:11 localStorage write localStorage',
      'src/lib/Consent.svelte:3 cookie read js-cookie',
      'src/lib/Consent.svelte:4 cookie write js-cookie',
    ]);
    assert.equal(map.services[0].kind, 'frontend');
  });

  test('Next.js: route handlers, server actions and server components reach Postgres through a path alias; module state in a route is a hazard, client components keep browser state', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'notes', dependencies: { next: '14', react: '18', 'react-dom': '18', 'drizzle-orm': '0.30', pg: '8' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } } }),
      'src/db/index.ts': "import { drizzle } from 'drizzle-orm/node-postgres';\nimport { Pool } from 'pg';\nexport const db = drizzle(new Pool({ connectionString: process.env.DATABASE_URL }));\n",
      'src/db/schema.ts': "import { pgTable, text } from 'drizzle-orm/pg-core';\nexport const notes = pgTable('notes', { id: text('id') });\n",
      'src/app/api/notes/route.ts': "import { db } from '@/db';\nimport { notes } from '@/db/schema';\nconst hits = new Map<string, number>();\nexport async function GET(req: Request) {\n  const ip = req.headers.get('x-forwarded-for') ?? '';\n  hits.set(ip, (hits.get(ip) ?? 0) + 1);\n  return Response.json(await db.select().from(notes));\n}\n",
      'src/app/actions.ts': "'use server';\nimport { db } from '@/db';\nimport { notes } from '@/db/schema';\nexport async function addNote(text: string) { await db.insert(notes).values({ id: text }); }\n",
      'src/app/page.tsx': "import { db } from '@/db';\nimport { notes } from '@/db/schema';\nconst seen = new Set<string>();\nexport default async function Page() { const rows = await db.select().from(notes); rows.forEach((r) => seen.add(r.id)); return <ul>{rows.map((r) => <li key={r.id}>{r.id}</li>)}</ul>; }\n",
      'src/app/Editor.tsx': "'use client';\nimport { useState } from 'react';\nconst drafts: string[] = [];\nexport function Editor() { const [t, setT] = useState(() => localStorage.getItem('draft') ?? ''); return <textarea value={t} onChange={(e) => { drafts.push(t); setT(e.target.value); localStorage.setItem('draft', e.target.value); }} />; }\n",
    });
    assert.equal(map.services[0].kind, 'http-server');
    assert.deepEqual(edgeSummary(map), ['. -> localStorage readwrite', '. -> memory readwrite', '. -> postgres readwrite']);
    // a server component's module state is shared by every request; a client component's is one tab's
    assert.deepEqual(hazards(map), ['module-mutable-state src/app/api/notes/route.ts:3', 'module-mutable-state src/app/page.tsx:3']);
  });

  test('NestJS: @InjectModel and @InjectQueue services reach MongoDB and Redis', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'orders', dependencies: { '@nestjs/core': '10', '@nestjs/mongoose': '10', mongoose: '8', '@nestjs/bullmq': '10', bullmq: '5' } }),
      'src/orders.service.ts': [
        "import { Injectable } from '@nestjs/common';",
        "import { InjectModel } from '@nestjs/mongoose';",
        "import { InjectQueue } from '@nestjs/bullmq';",
        "import { Model } from 'mongoose';",
        "import { Queue } from 'bullmq';",
        '@Injectable()',
        'export class OrdersService {',
        "  constructor(@InjectModel('Order') private readonly orders: Model<object>, @InjectQueue('mail') private readonly mail: Queue) {}",
        '  async place(order: object) {',
        '    const saved = await this.orders.create(order);',
        "    await this.mail.add('receipt', { id: saved.id });",
        '    return saved;',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(locationSummary(map), ['src/orders.service.ts:10 mongodb write mongoose', 'src/orders.service.ts:11 redis write bullmq']);
  });
});

describe('service kinds from deployment code', () => {
  test('a folder an AWS CDK stack deploys with NodejsFunction is a lambda, with the implicit stateless claim', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['infra', 'functions/*'] }),
      'infra/package.json': JSON.stringify({ name: 'infra', dependencies: { 'aws-cdk-lib': '2' } }),
      'infra/lib/stack.ts': "import { Stack } from 'aws-cdk-lib';\nimport { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\nexport class Api extends Stack {\n  constructor(scope: never) {\n    super(scope, 'api');\n    new NodejsFunction(this, 'Thumbs', { entry: 'functions/thumbs/src/index.ts' });\n  }\n}\n",
      'functions/thumbs/package.json': JSON.stringify({ name: 'thumbs' }),
      'functions/thumbs/src/index.ts': 'let calls = 0;\nexport const handler = async () => ({ calls: ++calls });\n',
    });
    const thumbs = map.services.find((s) => s.id === 'functions/thumbs');
    assert.equal(thumbs?.kind, 'lambda');
    assert.equal(thumbs?.claim.sources[0]?.kind, 'implicit');
    assert.equal(thumbs?.honest, false);
    assert.deepEqual(hazards(map), ['warm-instance-state functions/thumbs/src/index.ts:1']);
  });
});

describe('patterns from the second holdout set', () => {
  test('services calling a singleton of a shared package reach the store that package touches', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'analytics', private: true, workspaces: ['services/*', 'packages/*'] }),
      'packages/clickhouse/package.json': JSON.stringify({ name: '@analytics/clickhouse', main: 'dist/index.js', dependencies: { '@clickhouse/client': '1' } }),
      'packages/clickhouse/src/sink.ts': [
        "import { createClient } from '@clickhouse/client';",
        'class ClickHouseSink {',
        '  private readonly client = createClient({ url: process.env.CLICKHOUSE_URL });',
        "  insertPageViews(rows: object[]) { return this.client.insert({ table: 'page_views', values: rows }); }",
        "  topPages() { return this.client.query({ query: 'SELECT path, count() FROM page_views GROUP BY path' }); }",
        '}',
        'export default new ClickHouseSink();',
        '',
      ].join('\n'),
      'packages/clickhouse/src/index.ts': "export { default as sink } from './sink';\n",
      'services/stats-api/package.json': JSON.stringify({ name: 'stats-api', dependencies: { fastify: '4', '@analytics/clickhouse': '*' } }),
      'services/stats-api/src/server.ts': "import Fastify from 'fastify';\nimport { sink } from '@analytics/clickhouse';\nconst app = Fastify();\napp.get('/top', async () => sink.topPages());\napp.listen({ port: 3000 });\n",
    });
    const stats = map.edges.find((e) => e.service === 'services/stats-api' && e.store === 'clickhouse');
    assert.deepEqual(stats?.locations.map((l) => `${l.file}:${l.line} ${l.operation} ${l.access}`), ['services/stats-api/src/server.ts:4 ClickHouseSink.topPages() → query read']);
    assert.equal(map.services.find((s) => s.id === 'services/stats-api')?.verdict, 'state-elsewhere');
  });

  test('a fetch of a file the app ships (a template literal ending in .json) is not an external API', () => {
    const map = analyzeFiles({ 'src/templates.ts': 'export const load = (name: string) => fetch(`/templates/${name}.json`);\n' });
    assert.deepEqual(edgeSummary(map), []);
  });

  test('a cache filled after a miss is not a race; an idempotency key checked around side effects is', () => {
    const map = analyzeFiles({
      'package.json': server({ redis: '4', pg: '8', kafkajs: '2' }),
      'src/orders.ts': [
        "import { createClient } from 'redis';",
        "import { Pool } from 'pg';",
        'const redis = createClient();',
        'const pool = new Pool();',
        'export async function find(id: string) {',
        '  const hit = await redis.get(`order:${id}`);',
        '  if (hit) return JSON.parse(hit);',
        "  const row = await pool.query('SELECT * FROM orders WHERE id = $1', [id]);",
        '  await redis.set(`order:${id}`, JSON.stringify(row.rows[0]));',
        '  return row.rows[0];',
        '}',
        'export async function place(key: string, order: object) {',
        '  const seen = await redis.get(`idem:${key}`);',
        '  if (seen) return JSON.parse(seen);',
        "  await pool.query('INSERT INTO orders VALUES ($1)', [order]);",
        '  await redis.set(`idem:${key}`, JSON.stringify(order));',
        '  await redis.set(`last:${key}`, "1");',
        '}',
        '',
      ].join('\n'),
      'src/server.ts': routes('./orders', ['find', 'place']),
    });
    assert.deepEqual(hazards(map), ['check-then-act src/orders.ts:16']);
  });

  test('the requester\'s own record read, checked and saved is not a race; a seat two customers want is', () => {
    const map = analyzeFiles({
      'package.json': server({ mongoose: '8' }),
      'src/models.ts': "import mongoose from 'mongoose';\nexport const User = mongoose.model('User', new mongoose.Schema({}));\nexport const Seat = mongoose.model('Seat', new mongoose.Schema({}));\n",
      'src/account.ts': [
        "import { User, Seat } from './models';",
        'export async function enable2fa(req: any, res: any) {',
        '  const user = await User.findById(req.user.id);',
        "  if (!user.methods.includes('totp')) user.methods.push('totp');",
        '  user.twoFactor = true;',
        '  await user.save();',
        '  res.end();',
        '}',
        'export async function rename(req: any, res: any) {',
        '  const me = await User.findOne({ _id: req.session.userId });',
        '  if (me.name !== req.body.name) me.name = req.body.name;',
        '  await me.save();',
        '  res.end();',
        '}',
        'export async function book(req: any, res: any) {',
        '  const seat = await Seat.findById(req.params.seatId);',
        '  if (seat.takenBy) return res.status(409).end();',
        '  seat.takenBy = req.user.id;',
        '  await seat.save();',
        '  res.end();',
        '}',
        '',
      ].join('\n'),
      'src/server.ts': routes('./account', ['enable2fa', 'rename', 'book']),
    });
    assert.deepEqual(hazards(map), ['check-then-act src/account.ts:19']);
  });

  test('a query wrapper in db.js (the node-postgres guide\'s pattern): each call is read or written with its table, and races are seen', () => {
    const map = analyzeFiles({
      'package.json': server({ pg: '8' }),
      'src/db.js': "const { Pool } = require('pg');\nconst pool = new Pool();\nfunction query(text, params) {\n  return pool.query(text, params);\n}\nmodule.exports = { query };\n",
      'src/customers.js': [
        "const db = require('./db');",
        'const FIND = "SELECT id FROM customers WHERE email = $1";',
        'async function register(email) {',
        '  const existing = await db.query(FIND, [email]);',
        "  if (existing.rowCount > 0) throw new Error('exists');",
        "  const { rows } = await db.query('INSERT INTO customers (email) VALUES ($1) RETURNING id', [email]);",
        '  return rows[0];',
        '}',
        "const byId = (id) => db.query('SELECT * FROM customers WHERE id = $1', [id]);",
        'module.exports = { register, byId };',
        '',
      ].join('\n'),
      'src/server.js': "const express = require('express');\nconst { register } = require('./customers');\nconst app = express();\napp.post('/customers', async (req, res) => res.json(await register(req.body.email)));\napp.listen(3000);\n",
    });
    const pg = map.edges.find((e) => e.store === 'postgres');
    assert.deepEqual(pg?.locations.map((l) => `${l.file}:${l.line} ${l.operation} ${l.access} ${l.target}`), [
      'src/customers.js:4 query() → query read customers',
      'src/customers.js:6 query() → query write customers',
      'src/customers.js:9 query() → query read customers',
    ], 'one location per call, none left in the wrapper whose text is a parameter');
    assert.deepEqual(hazards(map), ['check-then-act src/customers.js:6']);
  });

  test('a repository class whose methods go through its own `this.query({ text })` (supabase/storage, set 10): each call is read or written with its table', () => {
    const files = (timer: string) => ({
      'package.json': server({ pg: '8' }),
      'src/tenants.ts': [
        "import { Pool } from 'pg';",
        'export class TenantStore {',
        '  constructor(private readonly pool: Pool) {}',
        '  async findById(id: string) {',
        "    const result = await this.query({ text: 'SELECT * FROM tenants WHERE id = $1', values: [id] });",
        '    return result.rows[0];',
        '  }',
        '  async rename(id: string, name: string) {',
        "    await this.query({ text: 'UPDATE tenants SET name = $2 WHERE id = $1', values: [id, name] });",
        '  }',
        '  private query(statement: { text: string; values: unknown[] }) {',
        '    return this.pool.query(statement);',
        '  }',
        '}',
        'export const tenants = new TenantStore(new Pool());',
        '',
      ].join('\n'),
      'src/server.ts': [
        "import express from 'express';",
        "import { tenants } from './tenants';",
        'const app = express();',
        "app.get('/tenants/:id', async (req, res) => res.json(await tenants.findById(req.params.id)));",
        timer,
        'app.listen(3000);',
        '',
      ].join('\n'),
    });
    const map = analyzeFiles(files("setInterval(() => tenants.findById('primary'), 5000);"));
    const pg = map.edges.find((e) => e.store === 'postgres');
    assert.deepEqual(pg?.locations.map((l) => `${l.file}:${l.line} ${l.operation} ${l.access} ${l.target}`), [
      'src/tenants.ts:5 TenantStore.query() → query read tenants',
      'src/tenants.ts:9 TenantStore.query() → query write tenants',
    ], 'one location per call, none left in the wrapper whose text is a parameter');
    assert.deepEqual(hazards(map), [], 'a timer that only reads through the wrapper is no per-replica write');
    const writes = analyzeFiles(files("setInterval(() => tenants.rename('primary', 'main'), 5000);"));
    assert.deepEqual(hazards(writes), ['per-replica-timer src/server.ts:5']);
  });

  test('a parameter named like a client is matched to a library of its own package, not of another one in the monorepo', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*', 'packages/*'] }),
      'apps/web/package.json': JSON.stringify({ name: 'web', dependencies: { idb: '8', react: '18' } }),
      'apps/web/src/store.ts': "import { openDB } from 'idb';\nconst db = openDB('mail', 1);\nexport const save = async (id: string, v: unknown) => (await db).put('threads', v, id);\n",
      'packages/proxy/package.json': JSON.stringify({ name: '@mono/proxy', main: 'src/index.ts' }),
      'packages/proxy/src/index.ts': [
        'export async function proxy(request: Request, options?: { cache?: { put(k: Request, v: Response): void } }) {',
        '  const cache = options?.cache;',
        '  const response = new Response(request.body);',
        '  if (cache) cache.put(request, response.clone());',
        '  return response;',
        '}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(edgeSummary(map).filter((e) => e.includes('indexedDB')), ['apps/web -> indexedDB write']);
  });

  test('in a package of no known kind (a monorepo\'s root) scripts are tooling: their file writes are not hazards', () => {
    const write = "import fs from 'node:fs';\nexport function writeEnv(dir: string) { fs.writeFileSync(`${dir}/.env.local`, 'X=1'); }\nprocess.on('message', (d: string) => writeEnv(d));\n";
    const map = analyzeFiles({ 'package.json': JSON.stringify({ name: 'root', private: true }), 'scripts/setup.ts': write, 'src/prepare.ts': write });
    assert.equal(map.services[0].kind, 'unknown');
    // the script's write stays in the JSON, as tooling: out of the map, the verdict and check
    assert.deepEqual(hazards({ ...map, hazards: map.hazards.filter((h) => h.scope !== 'tooling') }), ['local-file-write src/prepare.ts:2']);
    assert.deepEqual(map.hazards.filter((h) => h.scope === 'tooling').map((h) => h.file), ['scripts/setup.ts']);
  });

  test('a write whose where repeats the tested field is a compare-and-set claim, not a race', () => {
    const map = analyzeFiles({
      'package.json': server({ '@prisma/client': '6', pg: '8' }),
      'src/bookings.ts': [
        "import { PrismaClient } from '@prisma/client';",
        "import { Pool } from 'pg';",
        'const prisma = new PrismaClient();',
        'const pool = new Pool();',
        'export async function cancel(id: string) {',
        '  const booking = await prisma.booking.findUnique({ where: { id } });',
        "  if (booking.status !== 'CONFIRMED') throw new Error('not confirmed');",
        "  const claim = await prisma.booking.updateMany({ where: { id, status: 'CONFIRMED' }, data: { status: 'CANCELED' } });",
        '  if (claim.count === 0) return;',
        "  await prisma.booking.update({ where: { id }, data: { canceledAt: new Date() } });",
        '}',
        'export async function confirm(id: string) {',
        '  const booking = await prisma.booking.findUnique({ where: { id } });',
        "  if (booking.status !== 'PENDING') throw new Error('not pending');",
        "  await prisma.booking.update({ where: { id }, data: { status: 'CONFIRMED' } });",
        '}',
        'export async function take(seat: string, user: string) {',
        "  const found = await pool.query('SELECT taken_by FROM seats WHERE id = $1', [seat]);",
        "  if (found.rows[0].taken_by) throw new Error('taken');",
        "  await pool.query('UPDATE seats SET taken_by = $1 WHERE id = $2 AND taken_by IS NULL', [user, seat]);",
        '}',
        '',
      ].join('\n'),
      'src/server.ts': routes('./bookings', ['cancel', 'confirm', 'take']),
    });
    assert.deepEqual(hazards(map), ['check-then-act src/bookings.ts:15']);
  });

  test('Next.js: a module built on a browser-only library, what imports it, and what only client code imports is client code', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'mail', dependencies: { next: '15', react: '19', idb: '8', jotai: '2' } }),
      'utils/cache-db.ts': "import { openDB } from 'idb';\nconst epochs = new Map<string, number>();\nexport function bump(id: string) { epochs.set(id, (epochs.get(id) ?? 0) + 1); return openDB('mail', 1); }\n",
      'utils/cleanup.ts': "import { bump } from './cache-db';\nlet runs = 0;\nexport function cleanup(id: string) { runs += 1; return bump(id); }\n",
      'store/queue.ts': "import { atom } from 'jotai';\nconst pending = new Map<string, string>();\nexport const queueAtom = atom(0);\nexport function enqueue(id: string) { pending.set(id, 'queued'); }\n",
      'utils/rate.ts': "const hits = new Map<string, number>();\nexport function hit(ip: string) { hits.set(ip, (hits.get(ip) ?? 0) + 1); return hits.get(ip)!; }\n",
      'app/api/hit/route.ts': "import { hit } from '../../../utils/rate';\nexport async function POST(req: Request) { return Response.json({ n: hit(req.headers.get('x-ip') ?? '') }); }\n",
      'utils/format.client.ts': "const seen = new Map<string, string>();\nexport function format(s: string) { seen.set(s, s.trim()); return seen.get(s)!; }\n",
      'utils/prefetch.ts': "const inFlight = new Map<string, Promise<Response>>();\nexport function prefetch(url: string) { if (!inFlight.has(url)) inFlight.set(url, fetch(url)); return inFlight.get(url)!; }\n",
      'components/Thread.tsx': "'use client';\nimport { prefetch } from '../utils/prefetch';\nexport function Thread({ url }: { url: string }) { void prefetch(url); return null; }\n",
      'lib/counter.ts': "const views = new Map<string, number>();\nexport function view(p: string) { views.set(p, (views.get(p) ?? 0) + 1); return views.get(p)!; }\n",
      'pages/post.tsx': "import { view } from '../lib/counter';\nexport const getServerSideProps = async () => ({ props: { n: view('post') } });\nexport default function Post({ n }: { n: number }) { return n; }\n",
    });
    // the route's rate counter, and the counter getServerSideProps runs on the server, keep per-replica state
    assert.deepEqual(hazards(map).map((h) => h.replace(/^\S+ /, '')), ['lib/counter.ts:1', 'utils/rate.ts:1'], 'only server modules keep per-replica state');
  });

  test('an Nx workspace: each project.json is a service of its own; *.mock.ts files are test code', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'folio', private: true, dependencies: { '@nestjs/core': '10', '@nestjs/common': '10', ioredis: '5', '@angular/core': '19' } }),
      'nx.json': '{}',
      'apps/api/project.json': JSON.stringify({ name: 'api', $schema: '../../node_modules/nx/schemas/project-schema.json', projectType: 'application' }),
      'apps/api/src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport Redis from 'ioredis';\nconst redis = new Redis();\nexport const remember = (k: string) => redis.set(k, '1');\nasync function boot() { const app = await NestFactory.create({}); await app.listen(3333); }\nvoid boot();\n",
      'apps/api/src/cache.service.mock.ts': "export const CacheMock = { store: {} as Record<string, string>, set(k: string, v: string) { this.store[k] = v; } };\nexport function prime() { CacheMock.store.a = '1'; }\n",
      'apps/client/project.json': JSON.stringify({ name: 'client', projectType: 'application' }),
      'apps/client/src/theme.ts': "import { Injectable } from '@angular/core';\n@Injectable()\nexport class Theme { save(t: string) { localStorage.setItem('theme', t); } }\n",
      'apps/broken/project.json': '{ "name": ',
    });
    assert.deepEqual(map.services.map((s) => `${s.root} ${s.kind}`), ['apps/api http-server', 'apps/client frontend']);
    assert.deepEqual(edgeSummary(map), ['apps/api -> redis write', 'apps/client -> localStorage write']);
    assert.deepEqual(map.hazards, [], 'the mock is not analyzed');
    assert.match(JSON.stringify(map.problems), /apps\/broken\/project\.json.*invalid project\.json/);
  });

  test('a queue consumer with only a bare health endpoint is a worker', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'pageviews', dependencies: { kafkajs: '2' } }),
      'src/health.ts': "import http from 'node:http';\nhttp.createServer((_req, res) => res.end('ok')).listen(8080);\n",
      'src/consumer.ts': "import { Kafka } from 'kafkajs';\nimport './health';\nconst consumer = new Kafka({ brokers: ['k:9092'] }).consumer({ groupId: 'pv' });\nawait consumer.subscribe({ topic: 'page-views' });\n",
    });
    assert.equal(map.services[0].kind, 'worker');
  });

  test('an Electron app in a monorepo runs once on its user\'s machine: its module state is no replica hazard', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'mail', private: true, workspaces: ['apps/*'] }),
      'apps/desktop/package.json': JSON.stringify({ name: '@mail/desktop', main: 'dist/main.js', scripts: { start: 'electron .' }, devDependencies: { electron: '43' } }),
      'apps/desktop/src/main.ts': "import { app, BrowserWindow } from 'electron';\nlet pendingAuthUrl: string | null = null;\napp.on('open-url', (_e, url) => { pendingAuthUrl = url; });\napp.whenReady().then(() => new BrowserWindow().loadURL(pendingAuthUrl ?? 'https://mail.example'));\n",
      'apps/api/package.json': JSON.stringify({ name: '@mail/api', main: 'src/server.ts', dependencies: { express: '4' } }),
      'apps/api/src/server.ts': "import express from 'express';\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\napp.listen(3000);\n",
    });
    assert.equal(map.services.find((s) => s.root === 'apps/desktop')?.kind, 'cli');
    assert.deepEqual(map.hazards.filter((h) => h.file.startsWith('apps/desktop')), []);
  });

  test('a CLI that keeps its state in files on its own disk is in-process-state (and has no scaling hazard)', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'sitegen', bin: { sitegen: 'bin/sitegen.js' } }),
      'bin/sitegen.js': "#!/usr/bin/env node\nconst fs = require('fs');\nfs.writeFileSync('.sitegen-cache.json', JSON.stringify({ built: Date.now() }));\n",
    });
    assert.equal(map.services[0].kind, 'cli');
    assert.equal(map.services[0].verdict, 'in-process-state');
    assert.deepEqual(map.hazards, []);
  });
});

describe('Mongoose models behind data-access classes (easy-mock, set 10)', () => {
  const koa = JSON.stringify({ name: 'mockapi', main: 'app.js', dependencies: { koa: '2', 'koa-router': '7', mongoose: '5' } });
  const files = (findOne: string) => ({
    'package.json': koa,
    'models/index.js': "const mongoose = require('mongoose');\nexports.Project = mongoose.model('Project', new mongoose.Schema({ name: String }));\n",
    'proxy/project.js': [
      "const { Project } = require('../models');",
      'module.exports = class ProjectProxy {',
      '  static async newAndSave(docs) {',
      '    return Project.insertMany(docs);',
      '  }',
      '  static findOne(query) {',
      `    return ${findOne};`,
      '  }',
      '};',
      '',
    ].join('\n'),
    'proxy/index.js': "module.exports = {\n  ProjectProxy: require('./project'),\n};\n",
    'controllers/project.js': [
      "const { ProjectProxy } = require('../proxy');",
      'module.exports = class ProjectController {',
      '  static async create(ctx) {',
      '    const name = ctx.request.body.name;',
      '    const project = await ProjectProxy.findOne({ name });',
      '    if (project) {',
      "      ctx.body = 'exists';",
      '      return;',
      '    }',
      '    await ProjectProxy.newAndSave([{ name }]);',
      "    ctx.body = 'ok';",
      '  }',
      '};',
      '',
    ].join('\n'),
    'app.js': "const Koa = require('koa');\nconst Router = require('koa-router');\nconst project = require('./controllers/project');\nconst app = new Koa();\nconst router = new Router();\nrouter.post('/project', project.create);\napp.use(router.routes());\napp.listen(7300);\n",
  });
  const targets = (map: ReturnType<typeof analyzeFiles>) => map.edges.flatMap((e) => e.locations.map((l) => `${l.file}:${l.line} ${l.operation} ${l.target ?? '-'}`)).sort();

  test('`model(\'Project\', schema)` names the collection of every operation on the model', () => {
    const map = analyzeFiles(files('Project.findOne(query)'));
    assert.deepEqual(targets(map), ['proxy/project.js:4 insertMany Project', 'proxy/project.js:7 findOne Project']);
  });

  test('a read chained on a read (`findOne(q).populate(\'owner\')`) is that one read', () => {
    const map = analyzeFiles(files("Project.findOne(query).populate('owner')"));
    assert.deepEqual(targets(map), ['proxy/project.js:4 insertMany Project', 'proxy/project.js:7 findOne Project']);
  });

  test('a lookup, then a create, through the two static helpers is an insert-if-absent race', () => {
    const map = analyzeFiles(files("Project.findOne(query).populate('owner')"));
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['check-then-act controllers/project.js:10 medium']);
  });
});

describe("Yarn Plug'n'Play's generated files (eng-pipes, set 18)", () => {
  test('`.pnp.cjs` and `.pnp.loader.mjs` are the package manager\'s resolver, not the service: their file reads are no edge', () => {
    const pnp = "const fs = require('fs');\nfunction readPackage(p) { return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : null; }\nmodule.exports = { readPackage };\n";
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'bot', main: 'src/index.ts', packageManager: 'yarn@4.1.0', dependencies: { express: '4', pg: '8' } }),
      '.pnp.cjs': pnp,
      '.pnp.loader.mjs': "import fs from 'fs';\nexport async function load(url) { return { source: await fs.promises.readFile(new URL(url)) }; }\n",
      'src/index.ts': "import express from 'express';\nimport { Pool } from 'pg';\nconst pool = new Pool();\nconst app = express();\napp.get('/users', async (_req, res) => res.json((await pool.query('SELECT * FROM users')).rows));\napp.listen(3000);\n",
    });
    assert.deepEqual(edgeSummary(map).filter((e) => !e.includes('-> env')), ['. -> postgres read']);
  });
});

describe('options spread into a client (`{ ...dbOptions, max }`)', () => {
  const limiter = (choose: string) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'api', main: 'src/server.ts', dependencies: { koa: '2', 'koa-ratelimit': '5', ioredis: '5' } }),
    'src/rateLimit.ts': [
      "import ratelimit from 'koa-ratelimit';",
      "import Redis from 'ioredis';",
      'export const rateLimit = () => {',
      "  let dbOptions: { driver: 'memory' | 'redis'; db: unknown } = { driver: 'memory', db: new Map() };",
      `  ${choose}`,
      '  return ratelimit({ ...dbOptions, duration: 60_000, max: 10, id: (ctx: { ip: string }) => ctx.ip });',
      '};',
    ].join('\n'),
    'src/server.ts': "import Koa from 'koa';\nimport { rateLimit } from './rateLimit';\nconst app = new Koa();\napp.use(rateLimit());\napp.listen(3000);\n",
  });

  test('a Redis store chosen by configuration is what the limiter keeps its counts in (paralect/ship, set 18)', () => {
    const map = limiter("if (process.env.REDIS_URI) dbOptions = { driver: 'redis', db: new Redis(process.env.REDIS_URI) };");
    assert.deepEqual(map.hazards.filter((h) => h.kind === 'memory-rate-limit'), []);
    assert.ok(edgeSummary(map).includes('. -> redis readwrite'), edgeSummary(map).join('\n'));
  });

  test('the memory driver alone is still counted in the process', () => {
    const map = limiter('');
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['memory-rate-limit src/server.ts:4']);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lines, scan } from '../../helpers/entry-cases';
import { analyzeFiles, locationSummary } from '../../helpers/workspace';

// One describe per entry of src/catalog/entries/sessions.ts: sessions, cookies, rate limits and
// real-time rooms keep state where their store is. A use as the docs show it, and a look-alike.

const EXPRESS_HEAD = ["import express from 'express';", 'const app = express();'];

/**
 * Most session stores are documented as `const Store = require('x')(session)`: that call returns the
 * store class and touches nothing, but the engine counts it as an access (see 'engine gaps'). Tests of
 * those entries drop that one line and assert the rest exactly.
 */
const besidesClassLine = (line: number) => (l: string) => !l.startsWith(`src/app.ts:${line} `);

describe('express-session', () => {
  test('the default MemoryStore: a memory-session-store hazard', () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "import session from 'express-session';",
        "app.use(session({ secret: 'keyboard cat', resave: false, saveUninitialized: true, cookie: { secure: true } }));",
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:4 memory-session-store']);
    assert.deepEqual(locations, [
      'src/app.ts:4 cookie readwrite express-session',
      'src/app.ts:4 memory readwrite express-session',
      'src/app.ts:4 memory readwrite in-process',
    ]);
  });

  test('look-alike: express-session with connect-redis keeps sessions in Redis', () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "import session from 'express-session';",
        "import { RedisStore } from 'connect-redis';",
        "import { createClient } from 'redis';",
        'const redisClient = createClient();',
        'redisClient.connect().catch(console.error);',
        "const redisStore = new RedisStore({ client: redisClient, prefix: 'myapp:' });",
        "app.use(session({ store: redisStore, resave: false, saveUninitialized: false, secret: 'keyboard cat' }));",
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, [
      'src/app.ts:8 redis readwrite connect-redis',
      'src/app.ts:9 cookie readwrite express-session',
      'src/app.ts:9 redis readwrite express-session',
    ]);
  });

  test('look-alike: connect-redis v6, its store class typed by its own namespace (`const Store: connectRedis.RedisStore = connectRedis(session)`) (postmangovsg, set 26)', () => {
    const { hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "import session from 'express-session';",
        "import connectRedis from 'connect-redis';",
        "import { createClient } from 'redis';",
        'const client = createClient();',
        'const sessionStore: connectRedis.RedisStore = connectRedis(session);',
        "app.use(session({ secret: 'keyboard cat', store: new sessionStore({ client }) }));",
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, []);
  });
});

describe('@fastify/session', () => {
  test('registered without a store: sessions in memory', () => {
    const { locations, hazards } = scan(
      lines(
        "import Fastify from 'fastify';",
        "import fastifyCookie from '@fastify/cookie';",
        "import fastifySession from '@fastify/session';",
        'const app = Fastify();',
        'app.register(fastifyCookie);',
        "app.register(fastifySession, { secret: 'a secret with minimum length of 32 characters' });",
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:6 memory-session-store']);
    assert.deepEqual(locations, [
      'src/app.ts:6 cookie readwrite @fastify/session',
      'src/app.ts:6 memory readwrite @fastify/session',
      'src/app.ts:6 memory readwrite in-process',
    ]);
  });

  test('look-alike: a Redis store given as store', () => {
    const { locations, hazards } = scan(
      lines(
        "import Fastify from 'fastify';",
        "import fastifySession from '@fastify/session';",
        "import { RedisStore } from 'connect-redis';",
        "import Redis from 'ioredis';",
        'const app = Fastify();',
        "app.register(fastifySession, { secret: 'a secret with minimum length of 32 characters', store: new RedisStore({ client: new Redis() }) });",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, [
      'src/app.ts:6 cookie readwrite @fastify/session',
      'src/app.ts:6 redis readwrite @fastify/session',
      'src/app.ts:6 redis readwrite connect-redis',
    ]);
  });
});

describe('@fastify/secure-session', () => {
  test('a stateless session encrypted into a cookie: no memory hazard', () => {
    const { locations, hazards } = scan(
      lines(
        "const fastify = require('fastify')({ logger: false });",
        "const fs = require('node:fs');",
        "fastify.register(require('@fastify/secure-session'), {",
        "  cookieName: 'my-session-cookie',",
        "  key: fs.readFileSync('secret-key'),",
        "  cookie: { path: '/' },",
        '});',
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:3 cookie readwrite @fastify/secure-session', 'src/app.ts:5 config read fs'], 'the key file read at start-up configures the process');
  });

  test('look-alike: @fastify/cookie alone keeps no session', () => {
    const { locations } = scan(lines("import Fastify from 'fastify';", "import fastifyCookie from '@fastify/cookie';", 'Fastify().register(fastifyCookie, { secret: "s" });'));
    assert.deepEqual(locations, []);
  });
});

describe('koa-session', () => {
  test('the default: a signed cookie', () => {
    const { locations, hazards } = scan(
      lines("const Koa = require('koa');", "const session = require('koa-session');", 'const app = new Koa();', "app.keys = ['some secret hurr'];", 'app.use(session({ maxAge: 86400000 }, app));', 'app.listen(3000);'),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:5 cookie readwrite koa-session']);
  });

  test('look-alike: an external Redis store makes it Redis', () => {
    const { locations } = scan(
      lines("const Koa = require('koa');", "const session = require('koa-session');", "const redisStore = require('koa-redis');", 'const app = new Koa();', 'app.use(session({ store: redisStore() }, app));'),
    );
    assert.deepEqual(locations, ['src/app.ts:5 redis readwrite koa-redis', 'src/app.ts:5 redis readwrite koa-session']);
  });
});

describe('koa-generic-session', () => {
  test('without a store: its MemoryStore, a memory-session-store hazard', () => {
    const { locations, hazards } = scan(lines("const Koa = require('koa');", "const session = require('koa-generic-session');", 'const app = new Koa();', 'app.use(session());', 'app.listen(8080);'));
    assert.deepEqual(hazards, ['src/app.ts:4 memory-session-store']);
    assert.deepEqual(locations, [
      'src/app.ts:4 cookie readwrite koa-generic-session',
      'src/app.ts:4 memory readwrite in-process',
      'src/app.ts:4 memory readwrite koa-generic-session',
    ]);
  });

  test('look-alike: with koa-redis as store (the README example)', () => {
    const { locations, hazards } = scan(
      lines("const session = require('koa-generic-session');", "const redisStore = require('koa-redis');", "const Koa = require('koa');", 'const app = new Koa();', 'app.use(session({ store: redisStore() }));'),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, [
      'src/app.ts:5 cookie readwrite koa-generic-session',
      'src/app.ts:5 redis readwrite koa-generic-session',
      'src/app.ts:5 redis readwrite koa-redis',
    ]);
  });
});

describe('koa-redis', () => {
  test('redisStore() is a Redis session store', () => {
    const { locations } = scan(lines("import redisStore from 'koa-redis';", "export const store = redisStore({ url: 'redis://localhost:6379' });"));
    assert.deepEqual(locations, ['src/app.ts:2 redis readwrite koa-redis']);
  });

  test('look-alike: a local function named redisStore', () => {
    const { locations } = scan(lines("export const redisStore = () => ({ host: 'localhost' });", 'export const opts = redisStore();'));
    assert.deepEqual(locations, []);
  });
});

describe('cookie-session', () => {
  test('the session lives in the cookie', () => {
    const { locations, hazards } = scan(
      lines(...EXPRESS_HEAD, "import cookieSession from 'cookie-session';", "app.use(cookieSession({ name: 'session', keys: ['key1', 'key2'], maxAge: 24 * 60 * 60 * 1000 }));", 'app.listen(3000);'),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:4 cookie readwrite cookie-session']);
  });

  test('look-alike: cookie-parser only parses', () => {
    const { locations } = scan(lines(...EXPRESS_HEAD, "import cookieParser from 'cookie-parser';", 'app.use(cookieParser());'));
    assert.deepEqual(locations, []);
  });
});

describe('connect-redis', () => {
  test('the legacy form: connectRedis(session) returns the store class', () => {
    const { locations } = scan(
      lines(
        ...EXPRESS_HEAD,
        "const session = require('express-session');",
        "const RedisStore = require('connect-redis')(session);",
        "const Redis = require('ioredis');",
        "app.use(session({ store: new RedisStore({ client: new Redis() }), secret: 'keyboard cat' }));",
      ),
    );
    assert.deepEqual(locations.filter(besidesClassLine(4)), [
      'src/app.ts:6 cookie readwrite express-session',
      'src/app.ts:6 redis readwrite connect-redis',
      'src/app.ts:6 redis readwrite express-session',
    ]);
  });

  test('look-alike: a RedisStore class of the app', () => {
    const { locations } = scan(lines("import { RedisStore } from './stores';", 'export const s = new RedisStore();'), { 'src/stores.ts': lines('export class RedisStore {}') });
    assert.deepEqual(locations, []);
  });
});

describe('connect-pg-simple', () => {
  test('a Postgres session store', () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "const session = require('express-session');",
        "const pgSession = require('connect-pg-simple')(session);",
        "const pg = require('pg');",
        'const pgPool = new pg.Pool({ connectionString: process.env.DATABASE_URL });',
        "app.use(session({ store: new pgSession({ pool: pgPool, tableName: 'user_sessions' }), secret: process.env.COOKIE_SECRET }));",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations.filter(besidesClassLine(4)), [
      'src/app.ts:7 cookie readwrite express-session',
      'src/app.ts:7 postgres readwrite connect-pg-simple',
      'src/app.ts:7 postgres readwrite express-session',
    ]);
  });

  test('look-alike: a pg Pool of the app with a sessions table name is plain Postgres, not a session store', () => {
    const { locations } = scan(
      lines("import pg from 'pg';", 'const pool = new pg.Pool();', "export const count = () => pool.query('SELECT count(*) FROM user_sessions');"),
    );
    assert.deepEqual(locations, ['src/app.ts:3 postgres read pg']);
  });
});

describe('connect-mongo', () => {
  test('MongoStore.create({ mongoUrl })', () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "import session from 'express-session';",
        "import MongoStore from 'connect-mongo';",
        "app.use(session({ secret: 'foo', store: MongoStore.create({ mongoUrl: 'mongodb://localhost/test-app' }) }));",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, [
      'src/app.ts:5 cookie readwrite express-session',
      'src/app.ts:5 mongodb readwrite connect-mongo',
      'src/app.ts:5 mongodb readwrite express-session',
    ]);
  });

  test('look-alike: a MongoStore namespace of the app', () => {
    const { locations } = scan(lines("import { MongoStore } from './mongo';", 'export const s = MongoStore.create();'), {
      'src/mongo.ts': lines('export const MongoStore = { create: () => ({}) };'),
    });
    assert.deepEqual(locations, []);
  });
});

describe('connect-session-sequelize', () => {
  test('a SQL session store through Sequelize', () => {
    const { locations } = scan(
      lines(
        "const session = require('express-session');",
        "const SequelizeStore = require('connect-session-sequelize')(session.Store);",
        'declare const sequelize: unknown;',
        'export const store = new SequelizeStore({ db: sequelize });',
      ),
    );
    assert.deepEqual(locations.filter(besidesClassLine(2)), ['src/app.ts:4 sql readwrite connect-session-sequelize']);
  });

  test('look-alike: session.Store itself is no store', () => {
    const { locations } = scan(lines("const session = require('express-session');", 'export const Base = session.Store;'));
    assert.deepEqual(locations, []);
  });
});

describe('connect-sqlite3', () => {
  test('a SQLite session store (and better-sqlite3-session-store)', () => {
    const { locations } = scan(
      lines(
        ...EXPRESS_HEAD,
        "const session = require('express-session');",
        "const SQLiteStore = require('connect-sqlite3')(session);",
        "app.use(session({ store: new SQLiteStore({ db: 'sessions.db', dir: './var/db' }), secret: 'keyboard cat' }));",
      ),
    );
    assert.deepEqual(locations.filter(besidesClassLine(4)), [
      'src/app.ts:5 cookie readwrite express-session',
      'src/app.ts:5 sqlite readwrite connect-sqlite3',
      'src/app.ts:5 sqlite readwrite express-session',
    ]);
  });

  test('look-alike: a sqlite file path string', () => {
    const { locations } = scan(lines("export const dbFile = './var/db/sessions.db';"));
    assert.deepEqual(locations, []);
  });
});

describe('connect-dynamodb', () => {
  test('a DynamoDB session store', () => {
    const { locations } = scan(
      lines(
        ...EXPRESS_HEAD,
        "const session = require('express-session');",
        "const DynamoDBStore = require('connect-dynamodb')(session);",
        "app.use(session({ store: new DynamoDBStore({ table: 'sessions' }), secret: 'keyboard cat' }));",
      ),
    );
    assert.deepEqual(locations.filter(besidesClassLine(4)), [
      'src/app.ts:5 cookie readwrite express-session',
      'src/app.ts:5 dynamodb readwrite connect-dynamodb',
      'src/app.ts:5 dynamodb readwrite express-session',
    ]);
  });

  test('look-alike: table options alone', () => {
    const { locations } = scan(lines("export const options = { table: 'sessions', AWSConfigJSON: { region: 'us-east-1' } };"));
    assert.deepEqual(locations, []);
  });
});

describe('connect-memcached', () => {
  test('a Memcached session store', () => {
    const { locations } = scan(
      lines(
        ...EXPRESS_HEAD,
        "const session = require('express-session');",
        "const MemcachedStore = require('connect-memcached')(session);",
        "app.use(session({ secret: 'CatOnKeyboard', store: new MemcachedStore({ hosts: ['127.0.0.1:11211'] }) }));",
      ),
    );
    assert.deepEqual(locations.filter(besidesClassLine(4)), [
      'src/app.ts:5 cookie readwrite express-session',
      'src/app.ts:5 memcached readwrite connect-memcached',
      'src/app.ts:5 memcached readwrite express-session',
    ]);
  });

  test('look-alike: a hosts list', () => {
    const { locations } = scan(lines("export const hosts = ['127.0.0.1:11211'];"));
    assert.deepEqual(locations, []);
  });
});

describe('session-file-store', () => {
  test('sessions as files on this instance: a local-file-write hazard', () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "const session = require('express-session');",
        "const FileStore = require('session-file-store')(session);",
        "app.use(session({ store: new FileStore({ path: './sessions' }), secret: 'keyboard cat' }));",
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(hazards.filter(besidesClassLine(4)), ['src/app.ts:5 local-file-write']);
    assert.deepEqual(locations.filter(besidesClassLine(4)), [
      'src/app.ts:5 cookie readwrite express-session',
      'src/app.ts:5 filesystem readwrite express-session',
      'src/app.ts:5 filesystem readwrite session-file-store',
    ]);
  });

  test('look-alike: a sessions folder name', () => {
    const { locations, hazards } = scan(lines("export const dir = './sessions';"));
    assert.deepEqual(locations, []);
    assert.deepEqual(hazards, []);
  });
});

describe('whatsapp-web.js LocalAuth', () => {
  test('a WhatsApp session saved in a local folder: a local-file-write hazard where LocalAuth is made', () => {
    const { locations, hazards } = scan(
      lines(
        "import { Client, LocalAuth } from 'whatsapp-web.js';",
        'export function start(id: string) {',
        "  const client = new Client({ authStrategy: new LocalAuth({ clientId: 'bot_' + id }) });",
        '  client.initialize();',
        '  return client;',
        '}',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:3 local-file-write']);
    assert.deepEqual(locations, ['src/app.ts:3 filesystem readwrite whatsapp-web.js LocalAuth']);
  });

  test('look-alike: RemoteAuth keeps the session in the store it is given, NoAuth nowhere', () => {
    const { hazards } = scan(lines("import { Client, NoAuth, RemoteAuth } from 'whatsapp-web.js';", 'export const a = new Client({ authStrategy: new NoAuth() });', 'export const b = (store: unknown) => new Client({ authStrategy: new RemoteAuth({ store, backupSyncIntervalMs: 300000 }) });'));
    assert.deepEqual(hazards, []);
  });
});

describe('baileys useMultiFileAuthState', () => {
  test('session keys as files in a folder: a local-file-write hazard', () => {
    const { locations, hazards } = scan(lines("import makeWASocket, { useMultiFileAuthState } from '@whiskeysockets/baileys';", 'export async function connect() {', "  const { state, saveCreds } = await useMultiFileAuthState('auth_info');", '  const sock = makeWASocket({ auth: state });', "  sock.ev.on('creds.update', saveCreds);", '}'));
    assert.deepEqual(hazards, ['src/app.ts:3 local-file-write']);
    assert.deepEqual(locations, ['src/app.ts:3 filesystem readwrite baileys useMultiFileAuthState']);
  });
});

describe('memorystore', () => {
  test('express-session with memorystore keeps sessions in memory: the hazard is raised', () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "const session = require('express-session');",
        "const MemoryStore = require('memorystore')(session);",
        "app.use(session({ cookie: { maxAge: 86400000 }, store: new MemoryStore({ checkPeriod: 86400000 }), resave: false, secret: 'keyboard cat' }));",
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:5 memory-session-store']);
    assert.deepEqual(locations.filter(besidesClassLine(4)), [
      'src/app.ts:5 cookie readwrite express-session',
      'src/app.ts:5 memory readwrite express-session',
      'src/app.ts:5 memory readwrite in-process',
      'src/app.ts:5 memory readwrite memorystore',
    ]);
  });

  test('look-alike: a class named MemoryStore of the app used as a test double, outside any session', () => {
    const { locations, hazards } = scan(lines("import { MemoryStore } from './double';", 'export const s = new MemoryStore();'), {
      'src/double.ts': lines('export class MemoryStore { get() {} }'),
    });
    assert.deepEqual(locations, []);
    assert.deepEqual(hazards, []);
  });
});

describe('server cookies', () => {
  test('res.cookie and res.clearCookie write; Fastify reply.setCookie writes', () => {
    const { locations } = scan(
      lines(
        ...EXPRESS_HEAD,
        "app.post('/login', (req, res) => {",
        "  res.cookie('name', 'tobi', { domain: '.example.com', path: '/admin', secure: true });",
        '  res.json({ ok: true });',
        '});',
        "app.post('/logout', (req, res) => { res.clearCookie('name'); res.send('bye'); });",
        "export const fastifyLogin = (request: unknown, reply: any) => reply.setCookie('foo', 'foo', { path: '/' }).send({ hello: 'world' });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 cookie write server cookies', 'src/app.ts:7 cookie write server cookies', 'src/app.ts:8 cookie write server cookies']);
  });

  test('look-alike: res.json(), res.send(), and response.json() of a fetch (only the fetch is an access)', () => {
    const { locations } = scan(
      lines(
        ...EXPRESS_HEAD,
        "app.get('/', (req, res) => res.status(200).json({ ok: true }));",
        'export async function load() {',
        "  const response = await globalThis.fetch(new URL('https://api.example.com/me'));",
        '  return response.json();',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 http-api read fetch']);
  });

  test("typed by the handler's framework: Express `res: Response` and Fastify `reply: FastifyReply` are still the response", () => {
    const { locations } = scan(
      lines(
        "import express, { Request, Response } from 'express';",
        "import type { FastifyReply, FastifyRequest } from 'fastify';",
        'const app = express();',
        'export function login(req: Request, res: Response) {',
        "  return res.cookie('token', 't', { httpOnly: true }).json({ ok: true });",
        '}',
        "app.post('/login', login);",
        'export async function fastifyLogin(request: FastifyRequest, reply: FastifyReply) {',
        "  return reply.setCookie('foo', 'foo', { path: '/' }).send({ hello: 'world' });",
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 cookie write server cookies', 'src/app.ts:9 cookie write server cookies']);
  });

  test('look-alike: `res: Stripe.Response` and a response type of an unknown package say otherwise', () => {
    const { locations } = scan(
      lines(
        "import Stripe from 'stripe';",
        "import type { Response as SdkResponse } from 'some-sdk';",
        "export const fromStripe = (res: Stripe.Response<Stripe.Customer>) => res.cookie('x');",
        "export const fromSdk = (res: SdkResponse) => res.cookie('x', 'y');",
      ),
    );
    assert.deepEqual(locations, []);
  });

  test('the raw Set-Cookie header: setHeader, append, header, set({ … }) and writeHead write; getHeader reads', () => {
    const { locations } = scan(
      lines(
        ...EXPRESS_HEAD,
        "import http from 'node:http';",
        "app.get('/a', (req, res) => { res.append('Set-Cookie', 'a=b'); res.header('Set-Cookie', 'c=d'); res.set({ 'Set-Cookie': 'e=f' }); res.send('ok'); });",
        "export const fastifyLogin = (request: unknown, reply: any) => reply.header('set-cookie', 'g=h').send({});",
        'export function raw(req: http.IncomingMessage, res: http.ServerResponse) {',
        "  const before = res.getHeader('Set-Cookie');",
        "  res.setHeader('Set-Cookie', ['sid=1; HttpOnly', `seen=${String(before)}`]);",
        "  res.writeHead(302, { Location: '/', 'Set-Cookie': 'i=j' }).end();",
        '}',
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:4 cookie write server cookies',
      'src/app.ts:4 cookie write server cookies',
      'src/app.ts:4 cookie write server cookies',
      'src/app.ts:5 cookie write server cookies',
      'src/app.ts:7 cookie read server cookies',
      'src/app.ts:8 cookie write server cookies',
      'src/app.ts:9 cookie write server cookies',
    ]);
  });

  test("look-alike: res.setHeader('Content-Type', 'text/html'), a header named by a variable, and res.headers.set('x-foo', …)", () => {
    const { locations } = scan(
      lines(
        ...EXPRESS_HEAD,
        "app.get('/', (req, res) => { res.setHeader('Content-Type', 'text/html'); res.set({ 'Cache-Control': 'no-store' }); res.send('<p>hi</p>'); });",
        "export function proxy(name: string, response: any) { response.setHeader(name, 'x'); response.headers.set('x-foo', 'bar'); }",
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('request cookies', () => {
  test('req.cookies and req.signedCookies members read; ctx.cookies.get reads, set writes', () => {
    const { locations } = scan(
      lines(
        ...EXPRESS_HEAD,
        "app.get('/', (req, res) => res.send(req.cookies.name + req.signedCookies.user));",
        'export const koa = async (ctx: any) => {',
        "  const last = ctx.cookies.get('LastVisit', { signed: true });",
        "  ctx.cookies.set('LastVisit', new Date().toString(), { signed: true });",
        '  ctx.body = last;',
        '};',
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:3 cookie read request cookies',
      'src/app.ts:3 cookie read request cookies',
      'src/app.ts:5 cookie read request cookies',
      'src/app.ts:6 cookie write request cookies',
    ]);
  });

  test("Hono's c.req.cookie('name') reads", () => {
    const { locations } = scan(lines("import { Hono } from 'hono';", 'const app = new Hono();', "app.get('/', (c) => c.text(c.req.cookie('yummy_cookie') ?? ''));"));
    assert.deepEqual(locations, ['src/app.ts:3 cookie read request cookies']);
  });

  test('look-alike: req.query.cookies and req.body', () => {
    const { locations } = scan(lines(...EXPRESS_HEAD, "app.post('/', (req, res) => res.send(String(req.query.cookies) + req.body.cookie));"));
    assert.deepEqual(locations, []);
  });

  test('typed by the framework: Express `req: Request`, Fastify `request: FastifyRequest`, Koa `ctx: Context` still read cookies', () => {
    const { locations } = scan(
      lines(
        "import type { Request } from 'express';",
        "import type { FastifyRequest } from 'fastify';",
        "import type { Context } from 'koa';",
        'export const who = (req: Request) => req.cookies.user;',
        'export const theme = (request: FastifyRequest) => request.cookies.theme;',
        "export const last = (ctx: Context) => ctx.cookies.get('LastVisit');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 cookie read request cookies', 'src/app.ts:5 cookie read request cookies', 'src/app.ts:6 cookie read request cookies']);
  });

  test("look-alike: a `req` typed by another package (an Angular HttpClient request, an SDK's request) reads no cookie", () => {
    const { locations } = scan(
      lines(
        "import type { HttpRequest } from '@angular/common/http';",
        "import type { IncomingRequest } from 'some-sdk';",
        'export const outgoing = (req: HttpRequest<unknown>) => req.cookies.session;',
        'export const who = (req: IncomingRequest) => req.cookies.user;',
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('cookie header', () => {
  test('req.headers.cookie (Node, Express) and ctx.request.headers.cookie (Koa) read the raw Cookie header', () => {
    const { locations } = scan(
      lines(
        "import http from 'node:http';",
        "http.createServer((req, res) => { const raw = req.headers.cookie ?? ''; res.end(raw); }).listen(3000);",
        'export const koa = (ctx: any) => { ctx.body = ctx.request.headers.cookie; };',
        'export const typed = (req: http.IncomingMessage) => req.headers.cookie;',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 cookie read cookie header', 'src/app.ts:3 cookie read cookie header', 'src/app.ts:4 cookie read cookie header']);
  });

  test('look-alike: other request headers', () => {
    const { locations } = scan(lines(...EXPRESS_HEAD, "app.get('/', (req, res) => res.send(String(req.headers.authorization) + req.headers['user-agent']));"));
    assert.deepEqual(locations, []);
  });
});

describe('request headers', () => {
  test("a fetch-style handler's request.headers.get('Cookie') reads the cookie (a Remix loader)", () => {
    const { locations } = scan(
      lines(
        "import { createCookie } from '@remix-run/node';",
        "const prefs = createCookie('user-prefs');",
        'export async function loader({ request }: { request: Request }) {',
        "  const header = request.headers.get('Cookie');",
        '  return (await prefs.parse(header)) ?? {};',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 cookie read request headers', 'src/app.ts:5 cookie read @remix-run/node sessions']);
  });

  test("look-alike: request.headers.get('user-agent')", () => {
    const { locations } = scan(lines("export const ua = async ({ request }: { request: Request }) => request.headers.get('user-agent');"));
    assert.deepEqual(locations, []);
  });
});

describe('Headers', () => {
  test('Set-Cookie on Headers (or a Response) the code makes writes a cookie', () => {
    const { locations } = scan(
      lines(
        'export function logout() {',
        '  const headers = new Headers();',
        "  headers.append('set-cookie', 'sid=; Max-Age=0');",
        "  headers.set('Set-Cookie', 'theme=dark');",
        "  const response = new Response(null, { status: 302, headers });",
        "  response.headers.append('Set-Cookie', 'seen=1');",
        '  return response;',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 cookie write Headers', 'src/app.ts:4 cookie write Headers', 'src/app.ts:6 cookie write Headers']);
  });

  test('look-alike: other headers', () => {
    const { locations } = scan(
      lines(
        'export function json(body: unknown) {',
        "  const headers = new Headers({ 'Content-Type': 'application/json' });",
        "  headers.set('Cache-Control', 'no-store');",
        '  return new Response(JSON.stringify(body), { headers });',
        '}',
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('next/headers', () => {
  test('(await cookies()).get reads, set writes', () => {
    const { locations } = scan(
      lines(
        "'use server';",
        "import { cookies } from 'next/headers';",
        'export async function setTheme(theme: string) {',
        '  const cookieStore = await cookies();',
        "  const current = cookieStore.get('theme');",
        "  cookieStore.set('theme', theme);",
        '  return current?.value;',
        '}',
      ),
      { 'package.json': JSON.stringify({ name: 'web', version: '1.0.0', dependencies: { next: '^15.0.0' } }) },
      'app/actions.ts',
    );
    assert.deepEqual(locations, ['app/actions.ts:5 cookie read next/headers', 'app/actions.ts:6 cookie write next/headers']);
  });

  test('look-alike: headers().get is not a cookie', () => {
    const { locations } = scan(lines("import { headers } from 'next/headers';", "export const ua = async () => (await headers()).get('user-agent');"));
    assert.deepEqual(locations, []);
  });
});

describe('next/server', () => {
  test("a response NextResponse makes: its cookies' set and delete write, get and getAll read; a NextRequest's cookies read", () => {
    const { locations } = scan(
      lines(
        "import { NextResponse, type NextRequest } from 'next/server';",
        'export function middleware(request: NextRequest) {',
        "  const theme = request.cookies.get('theme');",
        '  const response = NextResponse.next();',
        "  response.cookies.set('seen', '1', { path: '/' });",
        "  if (!theme) return NextResponse.redirect(new URL('/login', request.url));",
        '  return response;',
        '}',
        'export function GET() {',
        '  const res = NextResponse.json({ ok: true });',
        "  res.cookies.delete('old');",
        "  const other = new NextResponse('hi');",
        '  return other.cookies.getAll().length ? other : res;',
        '}',
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:11 cookie write next/server',
      'src/app.ts:13 cookie read next/server',
      'src/app.ts:3 cookie read request cookies',
      'src/app.ts:5 cookie write next/server',
    ]);
  });

  test("look-alike: response.headers.set('x-foo', …), and cookies.set on an object of the app", () => {
    const { locations } = scan(
      lines(
        "import { NextResponse } from 'next/server';",
        'export function middleware() {',
        '  const response = NextResponse.next();',
        "  response.headers.set('x-foo', 'bar');",
        '  return response;',
        '}',
        "export const remember = (jar: { cookies: Map<string, string> }) => jar.cookies.set('a', 'b');",
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('hono/cookie', () => {
  test('getCookie reads, setCookie and deleteCookie write', () => {
    const { locations } = scan(
      lines(
        "import { Hono } from 'hono';",
        "import { getCookie, setCookie, deleteCookie } from 'hono/cookie';",
        'const app = new Hono();',
        "app.get('/cookie', (c) => {",
        "  const yummy = getCookie(c, 'yummy_cookie');",
        "  setCookie(c, 'delicious_cookie', 'macha');",
        "  deleteCookie(c, 'old_cookie');",
        '  return c.text(yummy ?? "");',
        '});',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 cookie read hono/cookie', 'src/app.ts:6 cookie write hono/cookie', 'src/app.ts:7 cookie write hono/cookie']);
  });

  test('look-alike: c.header sets a response header', () => {
    const { locations } = scan(lines("import { Hono } from 'hono';", "new Hono().get('/', (c) => { c.header('X-Message', 'Hi'); return c.text('ok'); });"));
    assert.deepEqual(locations, []);
  });
});

describe('h3', () => {
  test('getCookie and parseCookies read, setCookie and deleteCookie write, useSession reads and writes', () => {
    const { locations } = scan(
      lines(
        "import { defineEventHandler, getCookie, parseCookies, setCookie, deleteCookie, useSession } from 'h3';",
        'export default defineEventHandler(async (event) => {',
        "  const visits = Number(getCookie(event, 'visits') ?? 0);",
        "  setCookie(event, 'visits', String(visits + 1), { maxAge: 60 * 60 * 24 * 7 });",
        "  deleteCookie(event, 'legacy');",
        "  const session = await useSession(event, { password: '80d42cfb-1cd2-462c-8f17-e3237d9027e9' });",
        '  return { visits, all: parseCookies(event), id: session.id };',
        '});',
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:3 cookie read h3',
      'src/app.ts:4 cookie write h3',
      'src/app.ts:5 cookie write h3',
      'src/app.ts:6 cookie readwrite h3',
      'src/app.ts:7 cookie read h3',
    ]);
  });

  test("look-alike: h3's body, query and response-header helpers", () => {
    const { locations } = scan(
      lines(
        "import { defineEventHandler, readBody, getQuery, setResponseHeader } from 'h3';",
        "export default defineEventHandler(async (event) => { setResponseHeader(event, 'content-type', 'application/json'); return [await readBody(event), getQuery(event)]; });",
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('express-rate-limit', () => {
  test('the default MemoryStore: a memory-rate-limit hazard', () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "import { rateLimit } from 'express-rate-limit';",
        "const limiter = rateLimit({ windowMs: 15 * 60 * 1000, limit: 100, standardHeaders: 'draft-8', legacyHeaders: false });",
        'app.use(limiter);',
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:4 memory-rate-limit']);
    assert.deepEqual(locations, ['src/app.ts:4 memory readwrite express-rate-limit', 'src/app.ts:4 memory readwrite in-process']);
  });

  test('look-alike: a rate limiter with a Redis store', () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "import { rateLimit } from 'express-rate-limit';",
        "import { RedisStore } from 'rate-limit-redis';",
        "import { createClient } from 'redis';",
        'const client = createClient();',
        'const limiter = rateLimit({',
        '  windowMs: 15 * 60 * 1000,',
        '  limit: 100,',
        '  store: new RedisStore({ sendCommand: (...args: string[]) => client.sendCommand(args) }),',
        '});',
        'app.use(limiter);',
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:10 redis readwrite rate-limit-redis', 'src/app.ts:7 redis readwrite express-rate-limit']);
  });
});

describe('@fastify/rate-limit', () => {
  test('registered without redis: counts in memory', () => {
    const { locations, hazards } = scan(
      lines("import Fastify from 'fastify';", 'const fastify = Fastify();', "await fastify.register(import('@fastify/rate-limit'), { max: 100, timeWindow: '1 minute' });"),
    );
    assert.deepEqual(hazards, ['src/app.ts:3 memory-rate-limit']);
    assert.deepEqual(locations, ['src/app.ts:3 memory readwrite @fastify/rate-limit', 'src/app.ts:3 memory readwrite in-process']);
  });

  test('look-alike: with an ioredis client as redis, and koa-ratelimit with driver redis', () => {
    const { locations, hazards } = scan(
      lines(
        "import Fastify from 'fastify';",
        "import rateLimit from '@fastify/rate-limit';",
        "import ratelimit from 'koa-ratelimit';",
        "import Redis from 'ioredis';",
        'const fastify = Fastify();',
        "fastify.register(rateLimit, { max: 100, timeWindow: '1 minute', redis: new Redis({ host: '127.0.0.1' }) });",
        "export const koaLimit = ratelimit({ driver: 'redis', db: new Redis(), duration: 60000, max: 100 });",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:6 redis readwrite @fastify/rate-limit', 'src/app.ts:7 redis readwrite @fastify/rate-limit']);
  });

  test("koa-ratelimit's memory driver (a Map as db) is in memory", () => {
    const { hazards } = scan(lines("import ratelimit from 'koa-ratelimit';", "export const limit = ratelimit({ driver: 'memory', db: new Map(), duration: 60000, max: 100 });"));
    assert.deepEqual(hazards, ['src/app.ts:2 memory-rate-limit']);
  });
});

describe('rate-limit-redis', () => {
  test('new RedisStore(…) counts in Redis', () => {
    const { locations } = scan(
      lines("import { RedisStore } from 'rate-limit-redis';", "import Redis from 'ioredis';", 'const client = new Redis();', 'export const store = new RedisStore({ sendCommand: (command: string, ...args: string[]) => client.call(command, ...args) as any });'),
    );
    assert.deepEqual(locations, ['src/app.ts:4 redis readwrite rate-limit-redis']);
  });

  test('look-alike: a RedisStore from connect-redis is a session store, not a limiter', () => {
    const { locations } = scan(lines("import { RedisStore } from 'connect-redis';", 'declare const client: any;', 'export const store = new RedisStore({ client });'));
    assert.deepEqual(locations, ['src/app.ts:3 redis readwrite connect-redis']);
  });
});

describe('rate-limit-postgresql', () => {
  test('new PostgresStore(…) counts in Postgres', () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "import { rateLimit } from 'express-rate-limit';",
        "import { PostgresStore } from '@acpr/rate-limit-postgresql';",
        "app.use(rateLimit({ windowMs: 60000, limit: 10, store: new PostgresStore({ user: 'postgres', host: 'localhost', database: 'rl', port: 5432 }, 'aggregated_store') }));",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:5 postgres readwrite express-rate-limit', 'src/app.ts:5 postgres readwrite rate-limit-postgresql']);
  });

  test('look-alike: the store class imported, never made', () => {
    const { locations } = scan(lines("import { PostgresStore } from '@acpr/rate-limit-postgresql';", 'export type Store = typeof PostgresStore;'));
    assert.deepEqual(locations, []);
  });
});

describe('rate-limiter-flexible', () => {
  test('RateLimiterMemory: consume is read-write process memory, with a memory-rate-limit hazard', () => {
    const { locations, hazards } = scan(
      lines(
        "const { RateLimiterMemory } = require('rate-limiter-flexible');",
        'const rateLimiter = new RateLimiterMemory({ points: 6, duration: 1 });',
        'export const limit = (ip: string) => rateLimiter.consume(ip, 2);',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:2 memory-rate-limit']);
    assert.deepEqual(locations, ['src/app.ts:2 memory readwrite in-process', 'src/app.ts:3 memory readwrite rate-limiter-flexible']);
  });

  test('RateLimiterRedis counts in Redis', () => {
    const { locations, hazards } = scan(
      lines(
        "import { RateLimiterRedis } from 'rate-limiter-flexible';",
        "import Redis from 'ioredis';",
        'const redisClient = new Redis({ enableOfflineQueue: false });',
        "const limiter = new RateLimiterRedis({ storeClient: redisClient, keyPrefix: 'middleware', points: 10, duration: 1 });",
        'export const limit = (ip: string) => limiter.consume(ip);',
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:5 redis readwrite rate-limiter-flexible']);
  });

  test('look-alike: RateLimiterMemory used only as the insuranceLimiter of a Redis limiter', () => {
    const { hazards } = scan(
      lines(
        "import { RateLimiterRedis, RateLimiterMemory } from 'rate-limiter-flexible';",
        "import Redis from 'ioredis';",
        'const storeClient = new Redis();',
        'export const limiter = new RateLimiterRedis({ storeClient, points: 10, duration: 1, insuranceLimiter: new RateLimiterMemory({ points: 1, duration: 1 }) });',
      ),
    );
    assert.deepEqual(hazards, []);
  });
});

describe('socket.io', () => {
  test('rooms without an adapter: a socket-rooms-no-adapter hazard', () => {
    const { hazards, locations } = scan(
      lines(
        "import { createServer } from 'node:http';",
        "import { Server } from 'socket.io';",
        'const httpServer = createServer();',
        'const io = new Server(httpServer, {});',
        "io.on('connection', (socket) => {",
        "  socket.join('room1');",
        "  io.to('room1').emit('hello');",
        '});',
        'httpServer.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:4 socket-rooms-no-adapter']);
    assert.deepEqual(locations, ['src/app.ts:4 memory readwrite in-process']);
  });

  test('look-alike: socket.io with a Redis adapter (io.adapter or the adapter option)', () => {
    const { hazards } = scan(
      lines(
        "import { Server } from 'socket.io';",
        "import { createAdapter } from '@socket.io/redis-adapter';",
        "import { createClient } from 'redis';",
        'const pubClient = createClient();',
        'const subClient = pubClient.duplicate();',
        'const io = new Server();',
        'io.adapter(createAdapter(pubClient, subClient));',
        'export const io2 = new Server(3001, { adapter: createAdapter(pubClient, subClient) });',
        'io.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, []);
  });
});

describe('@socket.io/redis-adapter', () => {
  test('createAdapter(pub, sub) reads and writes Redis', () => {
    const { locations } = scan(
      lines(
        "import { Server } from 'socket.io';",
        "import { createAdapter } from '@socket.io/redis-adapter';",
        "import { Redis } from 'ioredis';",
        'const pubClient = new Redis();',
        'const io = new Server({ adapter: createAdapter(pubClient, pubClient.duplicate()) });',
        'io.listen(3000);',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 redis readwrite @socket.io/redis-adapter']);
  });

  test('look-alike: the in-memory Adapter class of socket.io-adapter', () => {
    const { locations } = scan(lines("import { Adapter } from 'socket.io-adapter';", 'export class MyAdapter extends Adapter {}'));
    assert.deepEqual(locations, []);
  });
});

describe('@socket.io/postgres-adapter', () => {
  test('createAdapter(pool) reads and writes Postgres; no rooms hazard', () => {
    const { locations, hazards } = scan(
      lines(
        "import { Server } from 'socket.io';",
        "import { createAdapter } from '@socket.io/postgres-adapter';",
        "import pg from 'pg';",
        'const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });',
        'const io = new Server();',
        'io.adapter(createAdapter(pool));',
        'io.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:6 postgres readwrite @socket.io/postgres-adapter']);
  });

  test('look-alike: the adapter module imported for its types only', () => {
    const { locations } = scan(lines("import type { PostgresAdapter } from '@socket.io/postgres-adapter';", 'export type A = PostgresAdapter;'));
    assert.deepEqual(locations, []);
  });
});

describe('@socket.io/mongo-adapter', () => {
  test('createAdapter(collection) reads and writes MongoDB', () => {
    const { locations, hazards } = scan(
      lines(
        "import { Server } from 'socket.io';",
        "import { createAdapter } from '@socket.io/mongo-adapter';",
        "import { MongoClient } from 'mongodb';",
        "const mongoClient = new MongoClient('mongodb://localhost:27017/?replicaSet=rs0');",
        "const mongoCollection = mongoClient.db('mydb').collection('socket.io-adapter-events');",
        'const io = new Server();',
        'io.adapter(createAdapter(mongoCollection));',
        'io.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:7 mongodb readwrite @socket.io/mongo-adapter']);
  });

  test('look-alike: a createAdapter of the app', () => {
    const { locations } = scan(lines("import { createAdapter } from './adapter';", 'export const a = createAdapter();'), { 'src/adapter.ts': lines('export const createAdapter = () => ({});') });
    assert.deepEqual(locations, []);
  });
});

describe('@hocuspocus/extension-throttle', () => {
  test('Throttle counts connection attempts in the process: a memory-rate-limit hazard', () => {
    const { locations, hazards } = scan(
      lines(
        "import { Server } from '@hocuspocus/server';",
        "import { Throttle } from '@hocuspocus/extension-throttle';",
        'const server = new Server({',
        '  port: 1234,',
        '  extensions: [new Throttle({ throttle: 15, banTime: 5 })],',
        '});',
        'server.listen();',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:5 memory-rate-limit']);
    assert.deepEqual(locations, ['src/app.ts:5 memory readwrite in-process']);
  });

  test('look-alike: the Logger extension keeps nothing', () => {
    const { hazards } = scan(lines("import { Server } from '@hocuspocus/server';", "import { Logger } from '@hocuspocus/extension-logger';", 'new Server({ extensions: [new Logger()] }).listen();'));
    assert.deepEqual(hazards, []);
  });
});

describe('@hocuspocus/extension-redis', () => {
  test('the Redis extension reads and writes Redis', () => {
    const { locations } = scan(
      lines(
        "import { Server } from '@hocuspocus/server';",
        "import { Redis } from '@hocuspocus/extension-redis';",
        "new Server({ extensions: [new Redis({ host: '127.0.0.1', port: 6379 })] }).listen();",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 redis readwrite @hocuspocus/extension-redis']);
  });

  test('look-alike: ioredis Redis made but unused is no access', () => {
    const { locations } = scan(lines("import { Redis } from 'ioredis';", "export const r = new Redis({ host: '127.0.0.1' });"));
    assert.deepEqual(locations, []);
  });
});

describe('engine gaps', () => {
  test("session stores in their documented form: require('session-file-store')(session) returns the store class and touches nothing; only `new FileStore(…)` is an access", () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "const session = require('express-session');",
        "const FileStore = require('session-file-store')(session);",
        "app.use(session({ store: new FileStore({ path: './sessions' }), secret: 'keyboard cat' }));",
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:5 cookie readwrite express-session',
      'src/app.ts:5 filesystem readwrite express-session',
      'src/app.ts:5 filesystem readwrite session-file-store',
    ]);
    assert.deepEqual(hazards, ['src/app.ts:5 local-file-write']);
  });

  test('rate-limiter-flexible: a RateLimiterMemory bound to a name and then given as insuranceLimiter is only a fallback', () => {
    const { hazards } = scan(
      lines(
        "import { RateLimiterRedis, RateLimiterMemory } from 'rate-limiter-flexible';",
        "import Redis from 'ioredis';",
        'const fallback = new RateLimiterMemory({ points: 10, duration: 1 });',
        'export const limiter = new RateLimiterRedis({ storeClient: new Redis(), points: 10, duration: 1, insuranceLimiter: fallback });',
      ),
    );
    assert.deepEqual(hazards, []);
  });
});

describe('express-brute', () => {
  test('attempts counted in its MemoryStore: a memory-rate-limit hazard where the limiter is made (staticman, set 23)', () => {
    const { locations, hazards } = scan(
      lines(
        "const express = require('express');",
        "const ExpressBrute = require('express-brute');",
        'const store = new ExpressBrute.MemoryStore();',
        'const bruteforce = new ExpressBrute(store);',
        'const app = express();',
        "app.post('/v2/entry', bruteforce.prevent, (req, res) => res.send('ok'));",
        'app.listen(8080);',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:4 memory-rate-limit']);
    assert.ok(locations.includes('src/app.ts:4 memory readwrite express-brute'), locations.join('\n'));
  });

  for (const [mod, kind] of [['express-brute-mongo', 'mongodb'], ['express-brute-memcached', 'memcached']] as const) {
    test(`attempts counted through ${mod}: ${kind}, no hazard`, () => {
      const { locations, hazards } = scan(
        lines(
          "const ExpressBrute = require('express-brute');",
          `const Store = require('${mod}');`,
          'const bruteforce = new ExpressBrute(new Store(process.env.STORE_URL));',
          "export const login = [bruteforce.prevent, (req: any, res: any) => res.send('ok')];",
        ),
      );
      assert.deepEqual(hazards, []);
      assert.ok(locations.includes(`src/app.ts:3 ${kind} readwrite express-brute`), locations.join('\n'));
    });
  }

  test('look-alike: attempts counted in Redis through express-brute-redis', () => {
    const { locations, hazards } = scan(
      lines(
        "const express = require('express');",
        "const ExpressBrute = require('express-brute');",
        "const RedisStore = require('express-brute-redis');",
        "const store = new RedisStore({ host: '127.0.0.1', port: 6379 });",
        'const bruteforce = new ExpressBrute(store);',
        'const app = express();',
        "app.post('/auth', bruteforce.prevent, (req, res) => res.send('ok'));",
        'app.listen(8080);',
      ),
    );
    assert.deepEqual(hazards, []);
    assert.ok(locations.includes('src/app.ts:5 redis readwrite express-brute'), locations.join('\n'));
  });
});

describe('connect-ratelimit', () => {
  test('counts per client in the process: a memory-rate-limit hazard (toptal/haste-server, set 18)', () => {
    const { locations, hazards } = scan(
      lines(
        "const connect = require('connect');",
        "const limiter = require('connect-ratelimit');",
        'const app = connect();',
        'app.use(limiter({ whitelist: [\'127.0.0.1\'], end: true }));',
        "require('http').createServer(app).listen(7777);",
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:4 memory-rate-limit']);
    assert.deepEqual(locations, ['src/app.ts:4 memory readwrite connect-ratelimit', 'src/app.ts:4 memory readwrite in-process']);
  });
});

describe('express-limiter', () => {
  test('counts in the Redis client it is given: a redis edge, no hazard', () => {
    const { locations, hazards } = scan(
      lines(
        ...EXPRESS_HEAD,
        "const client = require('redis').createClient();",
        "const limiter = require('express-limiter')(app, client);",
        "limiter({ path: '/api/action', method: 'get', lookup: ['connection.remoteAddress'], total: 150, expire: 60 * 60 * 1000 });",
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, []);
    assert.ok(locations.some((l) => l.startsWith('src/app.ts:4 redis') && l.endsWith('express-limiter')), locations.join('\n'));
  });
});

describe('@nestjs/websockets', () => {
  const GATEWAY = lines(
    "import { SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';",
    "import type { Server } from 'socket.io';",
    '',
    '@WebSocketGateway({ cors: true })',
    'export class EventsGateway {',
    '  @WebSocketServer() server: Server;',
    "  @SubscribeMessage('ping') ping() { this.server.emit('pong'); }",
    '}',
  );

  test('a @WebSocketGateway class keeps its sockets in the process: socket-rooms-no-adapter at the decorator (laudspeaker, set 19)', () => {
    const { hazards } = scan(GATEWAY, {}, 'src/events.gateway.ts');
    assert.deepEqual(hazards, ['src/events.gateway.ts:4 socket-rooms-no-adapter']);
  });

  test('app.useWebSocketAdapter(…) anywhere in the workspace lifts it', () => {
    const main = lines(
      "import { NestFactory } from '@nestjs/core';",
      "import { RedisIoAdapter } from './redis.adapter';",
      'async function bootstrap() {',
      '  const app = await NestFactory.create({});',
      '  app.useWebSocketAdapter(new RedisIoAdapter(app));',
      '  await app.listen(3000);',
      '}',
      'bootstrap();',
    );
    const { hazards } = scan(GATEWAY, { 'src/main.ts': main }, 'src/events.gateway.ts');
    assert.deepEqual(hazards, []);
  });
});

describe('@fastify/rate-limit (koa-ratelimit): Redis when configured, else the in-process engine', () => {
  test('the limiter counts in Redis; the memory branch is a low-confidence note at each limiter made (paralect/ship, set 18)', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'api', version: '1.0.0', dependencies: { koa: '2', 'koa-ratelimit': '5', ioredis: '5' } }),
      'src/redis.ts': "import Redis from 'ioredis';\nexport default new Redis(process.env.REDIS_URI ?? '');\n",
      'src/rateLimit.ts': lines(
        "import ratelimit from 'koa-ratelimit';",
        "import redisClient from './redis';",
        'export default function rateLimit(max = 10) {',
        "  let dbOptions: any = { driver: 'memory', db: new Map() };",
        '  if (process.env.REDIS_URI) {',
        "    dbOptions = { driver: 'redis', db: redisClient };",
        '  }',
        '  return ratelimit({ ...dbOptions, duration: 60000, max });',
        '}',
      ),
      'src/app.ts': "import Koa from 'koa';\nimport rateLimit from './rateLimit';\nconst app = new Koa();\napp.use(rateLimit(100));\napp.listen(3000);\n",
    });
    assert.deepEqual(map.hazards, []);
    assert.ok(locationSummary(map).includes('src/rateLimit.ts:8 redis readwrite @fastify/rate-limit'), locationSummary(map).join('\n'));
    const notes = (map.lowConfidenceHazards ?? []).map((h) => `${h.kind} ${h.file}:${h.line} ${h.evidence?.at(-1)?.what}`);
    assert.deepEqual(notes, ["memory-rate-limit src/app.ts:4 redis as configured, else the in-process engine (driver: 'memory')"]);
  });
});

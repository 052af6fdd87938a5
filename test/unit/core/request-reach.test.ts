// Whether request-time code reaches a change is decided by what the analysis can see calling it: a route
// registered with a wrapper, a controller reached through `require`d namespaces and `module.exports`
// aliases, a framework's per-request exports, a start script that loads the build output of the source.
// Code nothing visible calls, and callbacks of a process's or stream's own life, are not requests: what they
// change is kept as a low-confidence note. Upload middleware writes to disk only when told where.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles } from '../../helpers/workspace';

type Map_ = ReturnType<typeof analyzeFiles>;
const reported = (map: Map_, kind: string) => map.hazards.filter((h) => h.kind === kind).map((h) => `${h.file}:${h.line}`);
const low = (map: Map_, kind: string) => (map.lowConfidenceHazards ?? []).filter((h) => h.kind === kind).map((h) => `${h.file}:${h.line}`);
const pkg = (extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'forum', version: '1.0.0', main: 'app.js', dependencies: { express: '^4', multer: '^1' }, ...extra });

/** A CommonJS Express app whose upload route reaches `file.saveToDisk` through a controller namespace. */
function forum(route: string): Record<string, string> {
  return {
    'package.json': pkg(),
    'app.js': "const express = require('express');\nconst routes = require('./src/routes');\nconst app = express();\nroutes(app);\napp.listen(4567);\n",
    'src/routes.js': `const controllers = require('./controllers');\nconst helpers = require('./helpers');\nmodule.exports = function (app) {\n  ${route}\n};\n`,
    'src/helpers.js': 'const helpers = module.exports;\nhelpers.tryRoute = (fn) => async (req, res, next) => { try { await fn(req, res); } catch (e) { next(e); } };\n',
    'src/controllers/index.js': "const Controllers = module.exports;\nControllers.uploads = require('./uploads');\n",
    'src/controllers/uploads.js': [
      "const file = require('../file');",
      'const uploads = module.exports;',
      'uploads.post = async function (req, res) {',
      '  res.json(await uploads.store(req.body.name, req.body.data));',
      '};',
      'uploads.store = async function (name, data) {',
      '  return file.saveToDisk(name, data);',
      '};',
    ].join('\n') + '\n',
    'src/file.js': "const fs = require('fs');\nconst file = module.exports;\nfile.saveToDisk = async function (name, data) {\n  await fs.promises.writeFile(`/var/forum/uploads/${name}`, data);\n  return name;\n};\n",
  };
}

describe('what requests reach', () => {
  test('invalid: a wrapped route handler in a controller namespace reaches a write through `module.exports` aliases', () => {
    const map = forum("app.post('/upload', helpers.tryRoute(controllers.uploads.post));");
    const m = analyzeFiles(map);
    assert.deepEqual(reported(m, 'local-file-write'), ['src/file.js:4']);
    const h = m.hazards.find((x) => x.kind === 'local-file-write');
    assert.equal(h?.confidence, 'high');
  });

  test('invalid: the handler is the last of several middlewares given to the route', () => {
    const m = analyzeFiles(forum("app.post('/upload', helpers.auth, helpers.limit, helpers.parse, helpers.check, controllers.uploads.post);"));
    assert.deepEqual(reported(m, 'local-file-write'), ['src/file.js:4']);
  });

  test('invalid: a route handler a factory makes (`placeOrder()` returns the handler) writes per request', () => {
    const files = forum("app.post('/checkout', controllers.orders.placeOrder());");
    files['src/controllers/index.js'] += "Controllers.orders = require('./orders');\n";
    files['src/controllers/orders.js'] = [
      "const fs = require('fs');",
      'exports.placeOrder = function placeOrder() {',
      '  return (req, res) => {',
      '    fs.writeFileSync(`ftp/order_${req.params.id}.pdf`, req.body.pdf);',
      '    res.end();',
      '  };',
      '};',
    ].join('\n') + '\n';
    const m = analyzeFiles(files);
    assert.ok(reported(m, 'local-file-write').includes('src/controllers/orders.js:4'), JSON.stringify(low(m, 'local-file-write')));
    const h = m.hazards.find((x) => x.file === 'src/controllers/orders.js');
    assert.match(h?.evidence?.[0]?.what ?? '', /handler: a function is given to `post`/);
  });

  test('valid: the same write with no route that reaches it is only a note', () => {
    const m = analyzeFiles(forum("app.get('/health', (req, res) => res.send('ok'));"));
    assert.deepEqual(reported(m, 'local-file-write'), []);
    assert.deepEqual(low(m, 'local-file-write'), ['src/file.js:4']);
  });

  test('valid: module state changed by a callback of `process.on(\'SIGTERM\')` or a worker\'s `exit` is not request-time', () => {
    const m = analyzeFiles({
      'package.json': pkg(),
      'app.js': [
        "const express = require('express');",
        "const cluster = require('cluster');",
        'let shuttingDown = false;',
        'const workers = [];',
        'const app = express();',
        "app.get('/', (req, res) => res.send(shuttingDown ? 'bye' : 'hi'));",
        "process.on('SIGTERM', () => { shuttingDown = true; });",
        'function fork() {',
        '  const w = cluster.fork();',
        '  workers.push(w);',
        "  w.on('exit', () => { workers.splice(workers.indexOf(w), 1); fork(); });",
        '}',
        'fork();',
        'app.listen(3000);',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'module-mutable-state'), []);
  });

  test('invalid: a handler\'s stream callback (`finish`) runs when its handler does', () => {
    const m = analyzeFiles({
      'package.json': pkg(),
      'app.js': [
        "const express = require('express');",
        "const fs = require('fs');",
        'const done = new Set();',
        'const app = express();',
        "app.post('/import/:id', (req, res) => {",
        "  const out = fs.createWriteStream('/var/imports/' + req.params.id);",
        "  out.on('finish', () => { done.add(req.params.id); res.end(String(done.size)); });",
        '  req.pipe(out);',
        '});',
        'app.listen(3000);',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'module-mutable-state'), ['app.js:3']);
  });

  test('invalid: Next.js route handlers are request time by convention', () => {
    const m = analyzeFiles({
      'package.json': JSON.stringify({ name: 'web', version: '1.0.0', dependencies: { next: '^15' }, scripts: { start: 'next start' } }),
      'src/app/api/backup/route.ts': "import fs from 'node:fs/promises';\nexport async function POST(req: Request) {\n  await fs.writeFile(`/data/backup-${Date.now()}.zip`, Buffer.from(await req.arrayBuffer()));\n  return new Response('ok');\n}\n",
    });
    assert.deepEqual(reported(m, 'local-file-write'), ['src/app/api/backup/route.ts:3']);
  });

  test('invalid: a koa-router route registered by its methods, with middleware in an array', () => {
    const m = analyzeFiles({
      'package.json': JSON.stringify({ name: 'api', version: '1.0.0', main: 'src/index.ts', dependencies: { koa: '^2', 'koa-router': '^12' } }),
      'src/index.ts': "import Koa from 'koa';\nimport router from './cron';\nconst app = new Koa();\napp.use(router.routes());\napp.listen(3000);\n",
      'src/cron.ts': [
        "import Router from 'koa-router';",
        'const router = new Router();',
        'const received = new Set<string>();',
        'const validate = () => async (_ctx: unknown, next: () => Promise<void>) => next();',
        'const cron = async (ctx: { params: { period: string }; body: unknown }) => { received.add(ctx.params.period); ctx.body = received.size; };',
        "router.register('/cron/:period', ['get', 'post'], [validate(), cron]);",
        'export default router;',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'module-mutable-state'), ['src/cron.ts:3']);
  });

  test('invalid: a Next.js page (a server component) and a server action run per request', () => {
    const m = analyzeFiles({
      'package.json': JSON.stringify({ name: 'web', version: '1.0.0', dependencies: { next: '^15' }, scripts: { start: 'next start' } }),
      'src/app/page.tsx': "const seen = new Set<string>();\nexport default async function Page() { seen.add('home'); return <p>{seen.size}</p>; }\n",
      'src/app/actions.ts': "'use server';\nconst votes: string[] = [];\nexport async function vote(id: string) { votes.push(id); return votes.length; }\n",
    });
    assert.deepEqual(reported(m, 'module-mutable-state').sort(), ['src/app/actions.ts:2', 'src/app/page.tsx:1']);
  });

  test('invalid: a start script that loads the build output runs the source it is built from', () => {
    const m = analyzeFiles({
      'package.json': JSON.stringify({ name: 'chat', version: '1.0.0', bin: { chat: 'index.js' }, dependencies: { express: '^4' } }),
      'index.js': "#!/usr/bin/env node\nrequire('./dist/server/index.js');\n",
      'server/index.ts': "import express from 'express';\nconst tokens = new Set<string>();\nconst app = express();\napp.post('/token/:id', (req, res) => { tokens.add(req.params.id); res.end(String(tokens.size)); });\napp.listen(9000);\n",
    });
    assert.deepEqual(reported(m, 'module-mutable-state'), ['server/index.ts:2']);
    assert.equal(m.hazards.find((h) => h.kind === 'module-mutable-state')?.scope ?? 'runtime', 'runtime');
  });
});

describe('upload middleware: where the files go', () => {
  const app = (setup: string) => ({
    'package.json': pkg(),
    'app.js': `const express = require('express');\nconst multer = require('multer');\nconst engines = require('./engines');\nconst app = express();\n${setup}\napp.post('/f', upload.single('f'), (req, res) => res.json(req.file));\napp.listen(3000);\n`,
    'engines.js': "module.exports = { pick(name) { return require('./' + name); } };\n",
  });
  const edgeKinds = (m: Map_) => [...new Set(m.edges.map((e) => e.store.split(':')[0]))].sort();

  test('invalid: `multer({ dest })` keeps uploads on this instance\'s disk', () => {
    const m = analyzeFiles(app("const upload = multer({ dest: '/var/uploads' });"));
    assert.deepEqual(reported(m, 'local-file-write'), ['app.js:5']);
  });

  test('valid: `multer()` with no dest or storage keeps uploads in memory', () => {
    const m = analyzeFiles(app('const upload = multer({ limits: { fileSize: 1e6 } });'));
    assert.deepEqual(reported(m, 'local-file-write'), []);
    assert.ok(!edgeKinds(m).includes('filesystem'), edgeKinds(m).join());
  });

  test('valid: a storage engine the analysis cannot see is only a note', () => {
    const m = analyzeFiles(app("const upload = multer({ storage: engines.pick('gridfs') });"));
    assert.deepEqual(reported(m, 'local-file-write'), []);
    assert.deepEqual(low(m, 'local-file-write'), ['app.js:5']);
  });

  test('valid: `diskStorage({})` without a destination writes to the OS temp folder', () => {
    const m = analyzeFiles(app('const upload = multer({ storage: multer.diskStorage({}) });'));
    assert.deepEqual(reported(m, 'local-file-write'), []);
    assert.deepEqual(low(m, 'local-file-write'), ['app.js:5']);
  });

  test('invalid: `diskStorage({ destination })` keeps them on disk', () => {
    const m = analyzeFiles(app("const upload = multer({ storage: multer.diskStorage({ destination: '/srv/up' }) });"));
    assert.deepEqual(reported(m, 'local-file-write'), ['app.js:5']);
  });

  test('invalid: the same engine held by a binding (`multer({ storage })`), its destination a method', () => {
    const m = analyzeFiles(app("const storage = multer.diskStorage({ destination(req, file, cb) { cb(null, 'uploads/'); } }); const upload = multer({ storage });"));
    assert.deepEqual(reported(m, 'local-file-write'), ['app.js:5']);
  });

  test('invalid: a middleware factory whose local holds the engine, its destination a function (idurar, set 22)', () => {
    const m = analyzeFiles(app([
      'const makeUpload = (entity) => {',
      '  var diskStorage = multer.diskStorage({ destination: function (req, file, cb) { cb(null, `public/uploads/${entity}`); } });',
      "  return multer({ storage: diskStorage }).single('file');",
      '};',
      "const upload = { single: () => makeUpload('admin') };",
    ].join('\n')));
    assert.deepEqual(reported(m, 'local-file-write'), ['app.js:7']);
  });

  test('valid: a binding holding `diskStorage({})` without a destination is scratch', () => {
    const m = analyzeFiles(app('const storage = multer.diskStorage({}); const upload = multer({ storage });'));
    assert.deepEqual(reported(m, 'local-file-write'), []);
  });
});

describe('timers whose callbacks write in other modules', () => {
  const api = (main: string, lib: Record<string, string>) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'desk', version: '1.0.0', main: 'src/main.ts', dependencies: { fastify: '^4', pg: '^8' } }),
    'src/main.ts': main,
    'src/db.ts': "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n",
    ...lib,
  });
  /** The timer at main.ts:5 is reported, its evidence going through imap.ts:2 to the method and its write at `to`. */
  const timerReaches = (m: ReturnType<typeof api>, to: string[]) => {
    assert.deepEqual(reported(m, 'per-replica-timer'), ['src/main.ts:5']);
    const h = m.hazards.find((x) => x.kind === 'per-replica-timer');
    assert.deepEqual(h?.evidence?.map((e) => `${e.file}:${e.line}`), ['src/main.ts:5', 'src/lib/imap.ts:2', ...to]);
  };
  const main = "import Fastify from 'fastify';\nimport { getEmails } from './lib/imap';\nconst app = Fastify();\napp.get('/', async () => 'ok');\nsetInterval(() => getEmails(), 10_000);\napp.listen({ port: 3000 });\n";

  test('invalid: the callback calls an imported function that calls a static method that writes the database', () => {
    const m = api(main, {
      'src/lib/imap.ts': "import { ImapService } from './imap.service';\nexport const getEmails = async () => {\n  await ImapService.fetchEmails();\n};\n",
      'src/lib/imap.service.ts': "import { pool } from '../db';\nexport class ImapService {\n  static async fetchEmails() {\n    await pool.query('INSERT INTO tickets (subject) VALUES ($1)', ['mail']);\n  }\n}\n",
    });
    timerReaches(m, ['src/lib/imap.service.ts:3', 'src/lib/imap.service.ts:4']);
  });

  test('invalid: the callback calls a method of a fresh instance of an imported class (`new Tasks().handleTasks()`)', () => {
    const m = api(main, {
      'src/lib/imap.ts': "import { Tasks } from './tasks';\nexport const getEmails = async () => {\n  await new Tasks().handleTasks();\n};\n",
      'src/lib/tasks.ts': "import { pool } from '../db';\nexport class Tasks {\n  async handleTasks() {\n    await pool.query('UPDATE tasks SET due = true WHERE run_at < now()');\n  }\n}\n",
    });
    timerReaches(m, ['src/lib/tasks.ts:3', 'src/lib/tasks.ts:4']);
  });

  test('valid: the same timer when what it reaches only reads', () => {
    const m = api(main, {
      'src/lib/imap.ts': "import { ImapService } from './imap.service';\nexport const getEmails = async () => {\n  await ImapService.fetchEmails();\n};\n",
      'src/lib/imap.service.ts': "import { pool } from '../db';\nexport class ImapService {\n  static async fetchEmails() {\n    return pool.query('SELECT count(*) FROM tickets');\n  }\n}\n",
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), []);
  });

  test('valid: the same timer when the job it calls takes a lock first', () => {
    const m = api(main, {
      'src/lib/imap.ts': "import { pool } from '../db';\nimport { withAdvisoryLock } from './lock';\nexport const getEmails = async () => {\n  await withAdvisoryLock(42, () => pool.query('INSERT INTO tickets (subject) VALUES ($1)', ['mail']));\n};\n",
      'src/lib/lock.ts': "export async function withAdvisoryLock(_id: number, fn: () => Promise<unknown>) { return fn(); }\n",
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), []);
  });
});

describe('check-then-act needs two requests at once', () => {
  const files = (call: string) => ({
    'package.json': JSON.stringify({ name: 'forum', version: '1.0.0', main: 'app.js', dependencies: { express: '^4', pg: '^8' } }),
    'app.js': `const express = require('express');\nconst { ensureAdmin } = require('./admin');\nconst app = express();\n${call}\napp.listen(3000);\n`,
    'admin.js': [
      "const { Pool } = require('pg');",
      'const pool = new Pool();',
      'async function ensureAdmin() {',
      "  const r = await pool.query('SELECT id FROM users WHERE name = $1', ['admin']);",
      "  if (r.rowCount === 0) await pool.query('INSERT INTO users (name) VALUES ($1)', ['admin']);",
      '}',
      'module.exports = { ensureAdmin };',
    ].join('\n') + '\n',
  });

  test('invalid: a route that checks, then inserts (reached through a destructured require)', () => {
    const m = analyzeFiles(files("app.post('/setup', async (req, res) => { await ensureAdmin(); res.end(); });"));
    assert.deepEqual(reported(m, 'check-then-act'), ['admin.js:5']);
  });

  test('valid: the same check and insert run once while the server starts', () => {
    const m = analyzeFiles(files('ensureAdmin();'));
    assert.deepEqual(reported(m, 'check-then-act'), []);
    assert.deepEqual(low(m, 'check-then-act'), ['admin.js:5']);
  });
});

describe('routes on a router made inside a function', () => {
  const files = (route: string) => ({
    'package.json': JSON.stringify({ name: 'dashboard-api', version: '1.0.0', main: 'src/index.ts', dependencies: { express: '^4' } }),
    'src/rateLimits.ts': [
      "import { Request, Response, NextFunction } from 'express';",
      'const lastRequestsByKey = new Map<string, number>();',
      'export function rateLimit(getKey: (req: Request) => string, limitMs: number) {',
      '  return (req: Request, res: Response, next: NextFunction) => {',
      '    const key = getKey(req);',
      '    if (lastRequestsByKey.has(key)) {',
      '      if (lastRequestsByKey.get(key)! > Date.now() - limitMs) return res.status(429).end();',
      '    }',
      '    lastRequestsByKey.set(key, Date.now());',
      '    next();',
      '  };',
      '}',
    ].join('\n') + '\n',
    'src/importExport.ts': [
      "import express from 'express';",
      "import { rateLimit } from './rateLimits';",
      'export function initImportExport(router: express.Router) {',
      '  const importExport = express.Router();',
      `  ${route}`,
      "  router.use('/guilds', importExport);",
      '}',
    ].join('\n') + '\n',
    'src/index.ts': "import express from 'express';\nimport { initImportExport } from './importExport';\nconst app = express();\ninitImportExport(app);\napp.listen(3000);\n",
  });

  test('invalid: a rate limiter a factory makes, given to a route of a local express.Router(), runs per request', () => {
    const map = analyzeFiles(files("importExport.post('/:id/import', rateLimit((req) => req.params.id, 300_000), (req, res) => { res.json({}); });"));
    assert.deepEqual(reported(map, 'memory-rate-limit'), ['src/rateLimits.ts:2']);
  });

  test('valid: the same factory never given to a route is only a note', () => {
    const map = analyzeFiles(files("const unused = rateLimit((req) => req.params.id, 300_000);"));
    assert.deepEqual(reported(map, 'memory-rate-limit'), []);
  });
});

describe('timers that every replica runs, and timers one request starts', () => {
  test('valid: an hourly clean-up that only deletes expired rows: replicas that each run it agree afterwards', () => {
    const m = app({
      'src/main.ts': [
        "import express from 'express';",
        "import { pool, redis } from './db';",
        'const app = express();',
        "app.get('/', (_req, res) => res.send('ok'));",
        "setInterval(() => pool.query('DELETE FROM counters WHERE delete_at <= NOW()'), 3_600_000);",
        "setInterval(async () => { await redis.del('stats:hourly'); }, 3_600_000);",
        'app.listen(3000);',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), []);
  });

  test('valid: a stream trimmed to its newest entries, and a poller running SQL it is configured with (no proven write)', () => {
    const m = app({
      'src/main.ts': [
        "import express from 'express';",
        "import { pool, redis } from './db';",
        'const app = express();',
        "app.get('/', (_req, res) => res.send('ok'));",
        "setInterval(() => redis.xtrim('commands', 'MAXLEN', '~', 1000), 60_000);",
        'export function poll(sql: string) {',
        '  setInterval(async () => { for (const row of (await pool.query(sql)).rows) console.log(row); }, 10_000);',
        '}',
        'poll(process.env.POLL_SQL!);',
        'app.listen(3000);',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), []);
  });

  test('invalid: the same poller with a write it names runs N times; a bound method as the callback is that method', () => {
    const m = app({
      'src/main.ts': [
        "import express from 'express';",
        "import { pool } from './db';",
        'class Poller {',
        '  start() { setInterval(this.tick.bind(this), 10_000); }',
        "  async tick() { await pool.query('UPDATE jobs SET polled_at = NOW()'); }",
        '}',
        'const app = express();',
        "app.get('/', (_req, res) => res.send('ok'));",
        'new Poller().start();',
        'app.listen(3000);',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), ['src/main.ts:4']);
  });

  test('invalid: a clean-up that also inserts (an audit row per run) runs N times', () => {
    const m = app({
      'src/main.ts': [
        "import express from 'express';",
        "import { pool } from './db';",
        'const app = express();',
        "app.get('/', (_req, res) => res.send('ok'));",
        'setInterval(async () => {',
        "  await pool.query('DELETE FROM counters WHERE delete_at <= NOW()');",
        "  await pool.query('INSERT INTO cleanup_runs (at) VALUES (NOW())');",
        '}, 3_600_000);',
        'app.listen(3000);',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), ['src/main.ts:5']);
  });

  const app = (files: Record<string, string>) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'crawler', version: '1.0.0', main: 'src/main.ts', dependencies: { express: '^4', ioredis: '^5', pg: '^8' } }),
    'src/db.ts': "import { Pool } from 'pg';\nimport Redis from 'ioredis';\nexport const pool = new Pool();\nexport const redis = new Redis(process.env.REDIS_URL);\n",
    ...files,
  });

  test('valid: an interval that drains a shared Redis list with LPOP before it inserts: replicas split the items', () => {
    const m = app({
      'src/main.ts': "import express from 'express';\nimport { flushInserts } from './inserts';\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\nsetInterval(() => flushInserts(), 5_000);\napp.listen(3000);\n",
      'src/inserts.ts': [
        "import { pool, redis } from './db';",
        'async function take(): Promise<string[]> {',
        "  return (await redis.lpop('insert-queue', 100)) ?? [];",
        '}',
        'export async function flushInserts() {',
        '  for (const row of await take()) await pool.query(\'INSERT INTO pages (body) VALUES ($1)\', [row]);',
        '}',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), []);
  });

  test('invalid: the same interval reading the list with LRANGE (every replica inserts every item)', () => {
    const m = app({
      'src/main.ts': "import express from 'express';\nimport { flushInserts } from './inserts';\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\nsetInterval(() => flushInserts(), 5_000);\napp.listen(3000);\n",
      'src/inserts.ts': [
        "import { pool, redis } from './db';",
        'export async function flushInserts() {',
        "  for (const row of await redis.lrange('insert-queue', 0, 99)) await pool.query('INSERT INTO pages (body) VALUES ($1)', [row]);",
        '}',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), ['src/main.ts:5']);
  });

  test('valid: a lock-renewal interval a route handler starts runs on the replica handling that request', () => {
    const m = app({
      'src/main.ts': [
        "import express from 'express';",
        "import { redis } from './db';",
        'const app = express();',
        "app.post('/jobs/:id', async (req, res) => {",
        "  const renew = setInterval(() => redis.pexpire(`lock:${req.params.id}`, 60_000), 30_000);",
        '  try { res.json(await crawl(req.params.id)); } finally { clearInterval(renew); }',
        '});',
        'async function crawl(id: string) { return { id }; }',
        'app.listen(3000);',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), []);
    assert.deepEqual(low(m, 'per-replica-timer'), ['src/main.ts:5']);
  });

  test('invalid: a schedule a route starts once per process (a module-level flag tested, then set) runs on every replica that serves that route (job-board, set 31)', () => {
    const m = app({
      'src/main.ts': [
        "import express from 'express';",
        "import { startCronJob } from './cron';",
        'const app = express();',
        "app.get('/', (_req, res) => {",
        '  startCronJob();',
        "  res.send('home');",
        '});',
        'app.listen(3000);',
      ].join('\n') + '\n',
      'src/cron.ts': [
        "import { pool } from './db';",
        'let cronJobInitialized = false;',
        'export const startCronJob = () => {',
        '  if (!cronJobInitialized) {',
        '    cronJobInitialized = true;',
        "    setInterval(() => pool.query('UPDATE jobs SET expired = true WHERE expires_at < NOW()'), 86_400_000);",
        '  }',
        '};',
      ].join('\n') + '\n',
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), ['src/cron.ts:6']);
  });

  test('invalid: node-cron schedules of jobs imported from other modules (`cron.schedule(EVERY_MINUTE, checkAlerts)`) run on every replica: one hazard for the function that starts them (lunary, set 31)', () => {
    const m = app({
      'src/main.ts': "import express from 'express';\nimport { setupCronJobs } from './cron';\nconst app = express();\nsetupCronJobs();\napp.listen(3000);\n",
      'src/cron.ts': [
        "import cron from 'node-cron';",
        "import { checkAlerts } from './jobs/alerts';",
        "import { purgeRuns } from './jobs/purge';",
        'export function setupCronJobs() {',
        "  cron.schedule('* * * * *', checkAlerts);",
        "  cron.schedule('0 4 * * *', purgeRuns);",
        '}',
      ].join('\n') + '\n',
      'src/jobs/alerts.ts': "import { pool } from '../db';\nexport async function checkAlerts() {\n  await pool.query(\"UPDATE alert SET status = 'triggered' WHERE value > threshold\");\n}\n",
      'src/jobs/purge.ts': "import { pool } from '../db';\nexport async function purgeRuns() {\n  await pool.query('INSERT INTO purge_log (at) VALUES (NOW())');\n}\n",
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), ['src/cron.ts:5']);
    assert.match(m.hazards.find((h) => h.kind === 'per-replica-timer')!.message, /One function starts 2 such timers/);
  });

  test('invalid: cron jobs started by the callback `listen` is given, through a start-up function that starts many, are one hazard', () => {
    const jobs: Record<string, string> = {};
    const names: string[] = [];
    for (let i = 1; i <= 24; i++) {
      names.push(`runJob${i}`);
      jobs[`src/jobs/job${i}.ts`] = [
        "import { pool } from '../db';",
        `export const runJob${i} = () => {`,
        `  setInterval(() => pool.query('UPDATE table${i} SET checked_at = NOW()'), 60_000);`,
        '};',
      ].join('\n') + '\n';
    }
    const m = app({
      ...jobs,
      // (its module is loaded for another export; its start is commented out, as in impact-graph's bootstrap)
      'src/jobs/never.ts': "import { pool } from '../db';\nexport const countSessions = () => pool.query('SELECT count(*) FROM sessions');\nexport const runNeverStarted = () => {\n  setInterval(() => pool.query('UPDATE sessions SET seen = NOW()'), 60_000);\n};\n",
      'src/main.ts': [
        "import express from 'express';",
        ...names.map((n, i) => `import { ${n} } from './jobs/job${i + 1}';`),
        'const app = express();',
        "import { countSessions } from './jobs/never';",
        "app.get('/', async (_req, res) => res.json(await countSessions()));",
        'function initializeCronJobs() {',
        ...names.map((n) => `  ${n}();`),
        '}',
        'app.listen(3000, () => initializeCronJobs());',
      ].join('\n') + '\n',
    });
    // one report for the service's schedules, every job one of its places
    assert.deepEqual(reported(m, 'per-replica-timer'), ['src/jobs/job1.ts:3']);
    const h = m.hazards.find((x) => x.kind === 'per-replica-timer')!;
    assert.equal(h.also?.length, 23);
    assert.ok(h.also?.some((a) => a.file === 'src/jobs/job24.ts' && a.line === 3), 'the 24th job, started last, is one of its places');
    assert.match(h.message, /One function starts 24 such timers \(24 files\)/);
    // the job whose start nothing calls may never run: a note
    assert.deepEqual(low(m, 'per-replica-timer'), ['src/jobs/never.ts:4']);
  });

  test('invalid: the same interval started at start-up runs on every replica', () => {
    const m = app({
      'src/main.ts': "import express from 'express';\nimport { redis } from './db';\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\nsetInterval(() => redis.pexpire('lock:leader', 60_000), 30_000);\napp.listen(3000);\n",
    });
    assert.deepEqual(reported(m, 'per-replica-timer'), ['src/main.ts:5']);
  });
});

describe('GraphQL resolver maps', () => {
  const server = (resolvers: string) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'forum', version: '1.0.0', main: 'src/server.js', dependencies: { '@apollo/server': '^4', pg: '^8' } }),
    'src/server.js': "import { ApolloServer } from '@apollo/server';\nimport { startStandaloneServer } from '@apollo/server/standalone';\nimport resolvers from './resolvers/rewards';\nconst server = new ApolloServer({ typeDefs: 'type Query { rewards: Int }', resolvers: { Query: { ...resolvers.Query } } });\nstartStandaloneServer(server);\n",
    'src/resolvers/rewards.js': [
      "import { Pool } from 'pg';",
      'const pool = new Pool();',
      'let rewardCache;',
      'async function updateCachedRewards() {',
      "  const { rows } = await pool.query('SELECT * FROM rewards');",
      '  rewardCache = { rows, at: Date.now() };',
      '  return rows;',
      '}',
      'async function cachedRewards() {',
      '  if (rewardCache) {',
      '    if (rewardCache.at < Date.now() - 10000) updateCachedRewards().catch(console.error);',
      '    return rewardCache.rows;',
      '  }',
      '  return updateCachedRewards();',
      '}',
      resolvers,
    ].join('\n') + '\n',
  });

  test('invalid: a cache a resolver of `Query` fills is request-time state (stacker.news, set 23)', () => {
    const m = server('export default { Query: { rewards: async (parent, args, ctx) => cachedRewards() }, Reward: { total: (r) => r.total } };');
    assert.deepEqual(reported(m, 'module-mutable-state').concat(reported(m, 'in-memory-cache')), ['src/resolvers/rewards.js:3']);
  });

  test('valid: the same object without a root type is no resolver map: who calls it is not known', () => {
    const m = server('export default { Rewards: { rewards: async () => cachedRewards() } };');
    assert.deepEqual(reported(m, 'module-mutable-state').concat(reported(m, 'in-memory-cache')), []);
  });
});

describe('a value refreshed when stale, behind a dispatcher a framework calls per request', () => {
  const app = (dispatch: string) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'social', version: '1.0.0', main: 'src/index.ts', dependencies: { '@fedify/fedify': '^1', hono: '^4', pg: '^8' } }),
    'src/index.ts': "import { Hono } from 'hono';\nimport { federation } from './federation';\nimport './nodeinfo';\nconst app = new Hono();\napp.get('/', (c) => c.text('ok'));\nexport default { fetch: app.fetch, federation };\n",
    'src/federation.ts': "import { createFederation, MemoryKvStore } from '@fedify/fedify';\nexport const federation = createFederation({ kv: new MemoryKvStore() });\n",
    'src/nodeinfo.ts': [
      "import { Pool } from 'pg';",
      "import { federation } from './federation';",
      'const pool = new Pool();',
      'let cache: { body: unknown; expires: number } | null = null;',
      `federation.${dispatch}('/nodeinfo/2.1', async () => {`,
      '  if (cache != null && cache.expires > Date.now()) return cache.body;',
      "  const { rows } = await pool.query('SELECT count(*) AS total FROM accounts');",
      '  cache = { body: rows[0], expires: Date.now() + 300_000 };',
      '  return cache.body;',
      '});',
    ].join('\n') + '\n',
  });

  test('invalid: a module cache refreshed when it expires, in the callback `setNodeInfoDispatcher` is given (hollo, set 23)', () => {
    const m = app('setNodeInfoDispatcher');
    assert.deepEqual(reported(m, 'module-mutable-state').concat(reported(m, 'in-memory-cache')), ['src/nodeinfo.ts:4']);
  });
});

describe('routes of @hono/zod-openapi: `app.openapi(route, handler)` registers a handler as `app.post` does', () => {
  const m = analyzeFiles({
    'package.json': JSON.stringify({ name: 'keys', version: '1.0.0', main: 'src/index.ts', dependencies: { hono: '^4', '@hono/zod-openapi': '^0.18' } }),
    'src/index.ts': [
      "import { OpenAPIHono, createRoute } from '@hono/zod-openapi';",
      'const app = new OpenAPIHono();',
      'const attempts = new Map<string, number>();',
      "const create = createRoute({ method: 'post', path: '/keys', responses: {} });",
      'app.openapi(create, async (c) => {',
      "  const ip = c.req.header('x-forwarded-for') ?? '';",
      '  attempts.set(ip, (attempts.get(ip) ?? 0) + 1);',
      '  return c.json({ attempts: attempts.get(ip) });',
      '});',
      'export default app;',
    ].join('\n') + '\n',
  });

  test('invalid: a module map the route\'s handler changes per request (llmgateway, set 26)', () => {
    assert.deepEqual(reported(m, 'module-mutable-state').concat(reported(m, 'in-memory-cache')), ['src/index.ts:3']);
  });
});

describe('what a BullMQ worker is given, and a tRPC procedure\'s resolver, run per job or request', () => {
  const files = (worker: string, trpc: string) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'recipes', version: '1.0.0', main: 'src/index.ts', dependencies: { bullmq: '^5', '@trpc/server': '^11', express: '^4' } }),
    'src/index.ts': "import express from 'express';\nimport { startWorker } from './worker';\nimport './router';\nconst app = express();\nstartWorker();\napp.listen(3000);\n",
    'src/worker.ts': [
      "import { Worker, type Job } from 'bullmq';",
      'const attempts = new Map<string, number>();',
      'async function processImport(job: Job<{ url: string }>) {',
      '  const n = (attempts.get(job.data.url) ?? 0) + 1;',
      '  attempts.set(job.data.url, n);',
      "  if (n > 3) throw new Error('gave up on ' + job.data.url);",
      '}',
      'export function startWorker() {',
      `  return ${worker};`,
      '}',
    ].join('\n') + '\n',
    'src/router.ts': [
      "import { initTRPC } from '@trpc/server';",
      'const t = initTRPC.create();',
      'const authedProcedure = t.procedure;',
      'const lastImport = new Map<string, number>();',
      `export const importArchive = ${trpc};`,
    ].join('\n') + '\n',
  });

  const at = (m: Map_) => m.hazards.map((h) => `${h.file}:${h.line}`);

  test('invalid: a module map the processor `new Worker(name, processImport)` runs changes per job (norish, set 26)', () => {
    assert.deepEqual(at(files("new Worker('import', processImport, { connection: { host: 'redis' } })", 'authedProcedure')), ['src/worker.ts:2']);
  });

  test('invalid: a module map a tRPC mutation changes per request', () => {
    assert.deepEqual(at(files('null', "authedProcedure.mutation(async ({ input }: { input: { user: string } }) => {\n  if (Date.now() - (lastImport.get(input.user) ?? 0) < 60_000) throw new Error('too soon');\n  lastImport.set(input.user, Date.now());\n})")), ['src/router.ts:4']);
  });
});

describe("a router's verb methods under a prefix of its library (`linPost`), given a path", () => {
  const files = (method: string) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'cms', main: 'app/starter.js', dependencies: { koa: '^2', 'lin-mizar': '^0.3' } }),
    'app/starter.js': "const { createApp } = require('./app');\ncreateApp().then((app) => app.listen(5000));\n",
    'app/app.js': "const Koa = require('koa');\nconst { file } = require('./api/file');\nexports.createApp = async () => {\n  const app = new Koa();\n  app.use(file.routes());\n  return app;\n};\n",
    'app/api/file.js': [
      "const { LinRouter } = require('lin-mizar');",
      "const { saveUpload } = require('../uploader');",
      "const file = new LinRouter({ prefix: '/cms/file' });",
      `file.${method}('upload', '/', async (ctx) => {`,
      '  ctx.body = await saveUpload(await ctx.multipart());',
      '});',
      'exports.file = file;',
    ].join('\n') + '\n',
    'app/uploader.js': "const fs = require('fs');\nexports.saveUpload = async (files) => {\n  for (const f of files) fs.writeFileSync(`assets/${f.filename}`, f.data);\n  return files.length;\n};\n",
  });

  test('invalid: `file.linPost(name, path, handler)` runs its handler per request: its file write is a hazard (lin-cms-koa, set 31)', () => {
    assert.deepEqual(reported(files('linPost'), 'local-file-write'), ['app/uploader.js:3']);
  });

  test('valid: a method of another name (`file.linkTo(name, path, fn)`) registers nothing: the write stays a note', () => {
    assert.deepEqual(reported(files('linkTo'), 'local-file-write'), []);
  });
});

describe('static methods of a class a module exports by default, called through its default import', () => {
  const files = (exported: string) => analyzeFiles({
    'package.json': JSON.stringify({ name: 'bots', main: 'src/server.ts', dependencies: { fastify: '^4', grammy: '^1' } }),
    'src/server.ts': [
      "import Fastify from 'fastify';",
      "import TelegramBot from './telegram';",
      'const app = Fastify();',
      "app.post('/bots/:id/pause', async (req) => {",
      '  await TelegramBot.disconnect((req.params as { id: string }).id);',
      '  return { paused: true };',
      '});',
      'app.listen({ port: 3000 });',
    ].join('\n') + '\n',
    'src/telegram.ts': [
      "import { Bot } from 'grammy';",
      `${exported}class TelegramBot {`,
      '  private static _clients: Map<string, Bot> = new Map();',
      '  static async disconnect(identifier: string) {',
      '    await this._clients.get(identifier)?.stop();',
      '    this._clients.delete(identifier);',
      '  }',
      '  static has(identifier: string) {',
      '    return this._clients.has(identifier);',
      '  }',
      '}',
      ...(exported ? [] : ['export default TelegramBot;']),
    ].join('\n') + '\n',
  });

  test('invalid: `TelegramBot.disconnect(id)` in a route changes the static registry of live bots per request (dialoqbase, set 31)', () => {
    assert.deepEqual(reported(files('export default '), 'module-mutable-state'), ['src/telegram.ts:3']);
  });

  test('invalid: the same with the class exported by name after it is declared (`export default TelegramBot`)', () => {
    assert.deepEqual(reported(files(''), 'module-mutable-state'), ['src/telegram.ts:3']);
  });
});

describe('a handler exported with its type written (`export const POST: RequestHandler = …`)', () => {
  const files = (annotation: string) => ({
    'package.json': JSON.stringify({ name: 'share', type: 'module', scripts: { build: 'vite build', start: 'node build' }, dependencies: { '@sveltejs/kit': '^2', kysely: '^0.27', pg: '^8' } }),
    'svelte.config.js': "import adapter from '@sveltejs/adapter-node';\nexport default { kit: { adapter: adapter() } };\n",
    'src/lib/server/db.ts': "import { Kysely, PostgresDialect } from 'kysely';\nimport pg from 'pg';\nexport const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) }) });\n",
    'src/lib/server/share.ts': [
      "import { db } from './db';",
      'export async function saveShare(userId: string, label: string) {',
      "  const existing = await db.selectFrom('share').select('id').where('label', '=', label).executeTakeFirst();",
      '  if (existing) return { ok: false };',
      "  await db.insertInto('share').values({ userId, label }).execute();",
      '  return { ok: true };',
      '}',
    ].join('\n') + '\n',
    'src/routes/api/share/+server.ts': [
      "import type { RequestHandler } from './$types';",
      "import { saveShare } from '$lib/server/share';",
      `export const POST${annotation} = async ({ request, locals }) => {`,
      '  const body = await request.json();',
      '  return new Response(JSON.stringify(await saveShare(locals.user.id, body.label)));',
      '};',
    ].join('\n') + '\n',
  });

  test('invalid: the route export runs per request, so the race in the helper it calls is a report (AirTrail, set 32)', () => {
    assert.deepEqual(reported(analyzeFiles(files(': RequestHandler')), 'check-then-act'), ['src/lib/server/share.ts:5']);
  });

  test('invalid: the same export without its type', () => {
    assert.deepEqual(reported(analyzeFiles(files('')), 'check-then-act'), ['src/lib/server/share.ts:5']);
  });
});

describe('an Express handler exported with its type written, registered through the module\'s namespace', () => {
  const files = (annotation: string) => ({
    'package.json': JSON.stringify({ name: 'makerspace', main: 'index.ts', scripts: { start: 'ts-node index.ts' }, dependencies: { express: '^4', sequelize: '^6', sqlite3: '^5' } }),
    'index.ts': "import express from 'express';\nimport { useTagOutRoutes } from './routes/tagOutRoutes';\nconst app = express();\nuseTagOutRoutes(app);\napp.listen(8080);\n",
    'models.ts': "import { Sequelize, DataTypes } from 'sequelize';\nconst sequelize = new Sequelize({ dialect: 'sqlite', storage: process.env.DB_FILE });\nexport const MachineDB = sequelize.define('machine', { latestTagOutId: DataTypes.STRING });\nexport const TagOutDB = sequelize.define('tagOut', { machineId: DataTypes.STRING, reason: DataTypes.STRING });\n",
    'routes/tagOutRoutes.ts': "import * as tagOutController from '../controllers/tagOutController';\nimport { Express } from 'express';\nexport const useTagOutRoutes = (router: Express) => {\n  router.post('/api/tagOut/:machineId', tagOutController.createTagOut);\n};\n",
    'controllers/tagOutController.ts': [
      "import { RequestHandler } from 'express';",
      "import { MachineDB, TagOutDB } from '../models';",
      `export const createTagOut${annotation} = async (req: any, res: any) => {`,
      '  const machineId = req.params.machineId;',
      '  const machine = await MachineDB.findByPk(machineId).then((m: any) => m?.toJSON());',
      "  if (!machine) return res.status(404).send('Machine not found');",
      "  if (machine.latestTagOutId) return res.status(400).send('Machine already tagged out');",
      '  const tagOut: any = await TagOutDB.create({ machineId, reason: req.body.reason });',
      '  await MachineDB.update({ latestTagOutId: tagOut.id }, { where: { id: machineId } });',
      '  res.status(201).json(tagOut);',
      '};',
    ].join('\n') + '\n',
  });

  test('invalid: `export const createTagOut: RequestHandler = …` is the function the route names; the tag-out it claims is a race (maker-pass-server, set 34)', () => {
    assert.deepEqual(reported(analyzeFiles(files(': RequestHandler')), 'check-then-act'), ['controllers/tagOutController.ts:9']);
  });

  test('invalid: the same handler without its type', () => {
    assert.deepEqual(reported(analyzeFiles(files('')), 'check-then-act'), ['controllers/tagOutController.ts:9']);
  });
});

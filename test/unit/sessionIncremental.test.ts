// The language server's session after an edit: only the edited file and its importers are linked
// again, and the map is the one a fresh analysis of the same text gives; text the facts were made from
// (opening or focusing a file) does nothing; a new session starts from the facts on disk.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { newCounters } from '../../src/core/analyze';
import { AnalysisSession } from '../../src/core/session';
import { freshSessionMap } from '../helpers/workspace';

const SHOP = path.join(__dirname, '..', '..', 'examples', 'shop');
const ROUTES = 'services/cart-api/src/routes.ts';
const DB = 'packages/db/src/index.ts';
const read = (file: string) => fs.readFileSync(path.join(SHOP, file), 'utf8');

const fresh = (overlays: Record<string, string>) => freshSessionMap(SHOP, overlays);

test('an edit links the edited file and its importers again, and gives the map a full analysis gives', () => {
  const session = new AnalysisSession(SHOP);
  const first = session.refresh();
  const total = session.lastLinked;
  assert.ok(total > 5, 'the first refresh links every file');

  // a body change: a new Redis write in the cart routes
  const routes = read(ROUTES).replace("res.status(204).end();", "await redis.del(`seen:${req.params.userId}`);\n  res.status(204).end();");
  assert.notEqual(routes, read(ROUTES), 'the example changed: update this edit');
  session.setOverlay(ROUTES, routes);
  const edited = session.refresh();
  assert.ok(session.lastLinked < total, `linked ${session.lastLinked} of ${total} files`);
  assert.equal(JSON.stringify(edited), fresh({ [ROUTES]: routes }));
  assert.notEqual(JSON.stringify(edited), JSON.stringify(first));

  // a change in a package other services import: they are linked again too
  const db = `${read(DB)}\nexport const audit = (id: string) => prisma.auditLog.create({ data: { id } });\n`;
  session.setOverlay(DB, db);
  assert.equal(JSON.stringify(session.refresh()), fresh({ [ROUTES]: routes, [DB]: db }));
  assert.ok(session.lastLinked > 1 && session.lastLinked < total, `linked ${session.lastLinked} of ${total} files`);

  // a change of imports can reach any file: everything is linked again
  const imports = `import { createClient } from 'redis';\n${routes}`;
  session.setOverlay(ROUTES, imports);
  assert.equal(JSON.stringify(session.refresh()), fresh({ [ROUTES]: imports, [DB]: db }));
  assert.equal(session.lastLinked, total);

  // back to the files on disk: the first map again
  session.setOverlay(ROUTES, undefined);
  session.setOverlay(DB, undefined);
  assert.equal(JSON.stringify(session.refresh()), JSON.stringify(first));
});

test('opening, focusing or closing an unchanged file does no work; a reverted edit is seen', () => {
  const session = new AnalysisSession(SHOP);
  const map = session.refresh();
  session.setOverlay(ROUTES, read(ROUTES));
  assert.equal(session.refresh(), map, 'opening: the same map, no run');
  session.setOverlay(ROUTES, undefined);
  assert.equal(session.refresh(), map, 'closing an unchanged editor: the same map, no run');

  session.setOverlay(ROUTES, `${read(ROUTES)}\nexport const hits = new Map<string, number>();\nexport function hit(k: string): void {\n  hits.set(k, 1);\n}\n`);
  const edited = session.refresh();
  assert.notEqual(edited, map);
  session.setOverlay(ROUTES, read(ROUTES));
  const reverted = session.refresh();
  assert.notEqual(reverted, edited, 'the revert is an edit');
  assert.equal(JSON.stringify(reverted), JSON.stringify(map));
});

test('a new session with the same cache folder takes every file from disk and gives the same map', () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-session-cache-'));
  try {
    const cold = newCounters();
    const first = new AnalysisSession(SHOP, { cacheDir, counters: cold }).refresh();
    assert.ok(cold.extracted > 5 && cold.fromCache === 0);
    const warm = newCounters();
    const second = new AnalysisSession(SHOP, { cacheDir, counters: warm }).refresh();
    assert.deepEqual([warm.extracted, warm.fromCache], [0, cold.extracted]);
    assert.equal(JSON.stringify(second), JSON.stringify(first));
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('a new session over unchanged files answers with the map the last one kept, and links at the first edit', () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-session-kept-'));
  try {
    const first = new AnalysisSession(SHOP, { cacheDir }).refresh();
    const session = new AnalysisSession(SHOP, { cacheDir });
    const second = session.refresh();
    assert.equal(session.lastLinked, 0, 'nothing was linked: the kept map answered');
    assert.equal(JSON.stringify(second), JSON.stringify(first));
    assert.ok(session.factsOf(ROUTES), 'hovers still have the facts');
    // the first edit links every file (there is no earlier link to take over) and gives what a fresh analysis gives
    const routes = read(ROUTES).replace("res.status(204).end();", "await redis.del(`seen:${req.params.userId}`);\n  res.status(204).end();");
    session.setOverlay(ROUTES, routes);
    const edited = session.refresh();
    assert.ok(session.lastLinked > 5, 'the edit linked the whole workspace');
    assert.equal(JSON.stringify(edited), fresh({ [ROUTES]: routes }));
    assert.notEqual(JSON.stringify(edited), JSON.stringify(first));
    // the server links once the kept map is sent: then the first edit links only what it touches
    const linkedEarly = new AnalysisSession(SHOP, { cacheDir });
    linkedEarly.refresh();
    assert.equal(linkedEarly.linkPending, true);
    linkedEarly.completeLink();
    assert.equal(linkedEarly.linkPending, false);
    linkedEarly.setOverlay(ROUTES, routes);
    const editedEarly = linkedEarly.refresh();
    assert.ok(linkedEarly.lastLinked > 0 && linkedEarly.lastLinked < session.lastLinked, `only the edit's files were linked (${linkedEarly.lastLinked})`);
    assert.equal(JSON.stringify(editedEarly), JSON.stringify(edited));
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('an entity that gains a unique column clears the race in the file that uses it, as a fresh analysis does', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-entity-'));
  try {
    const entity = (email: string) =>
      `import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity()\nexport class User {\n  @PrimaryGeneratedColumn() id!: number;\n  ${email} email!: string;\n}\n`;
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'accounts', main: 'src/server.ts', dependencies: { express: '4', typeorm: '0.3', pg: '8' } }));
    fs.writeFileSync(path.join(root, 'src/user.entity.ts'), entity('@Column()'));
    fs.writeFileSync(path.join(root, 'src/server.ts'), [
      "import express from 'express';",
      "import { DataSource } from 'typeorm';",
      "const db = new DataSource({ type: 'postgres', entities: ['src/*.entity.ts'] });",
      'const app = express();',
      "app.post('/signup', async (req, res) => {",
      // the entity by name: this file imports nothing of the entity's, so only the entity's keys tie them
      "  const users = db.getRepository('User');",
      '  const existing = await users.findOneBy({ email: req.body.email });',
      '  if (existing) return res.status(409).end();',
      '  await users.insert({ email: req.body.email });',
      '  res.end();',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n'));
    const session = new AnalysisSession(root);
    const races = (m: ReturnType<AnalysisSession['refresh']>) => m.hazards.filter((h) => h.kind === 'check-then-act').map((h) => `${h.file}:${h.line}`);
    assert.deepEqual(races(session.refresh()), ['src/server.ts:9']);
    const unique = entity('@Column({ unique: true })');
    session.setOverlay('src/user.entity.ts', unique);
    const edited = session.refresh();
    assert.deepEqual(races(edited), []);
    assert.equal(JSON.stringify(edited), freshSessionMap(root, { 'src/user.entity.ts': unique }));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('values hung on the application: an edit of what start-up code hangs there reaches the routes that read it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-slots-'));
  try {
    fs.cpSync(path.join(__dirname, '..', 'fixtures', 'express-app-locals'), dir, { recursive: true });
    const session = new AnalysisSession(dir);
    session.refresh();
    const server = fs.readFileSync(path.join(dir, 'server.js'), 'utf8');
    // the orders pool becomes a Redis client: `req.app.get('orders')` in routes/orders.js now reaches Redis
    const edited = server.replace("app.set('orders', new Pool({ connectionString: process.env.DATABASE_URL }));", "app.set('orders', new Redis(process.env.ORDERS_URL));");
    assert.notEqual(edited, server, 'the fixture changed: update this edit');
    session.setOverlay('server.js', edited);
    const map = session.refresh();
    assert.equal(JSON.stringify(map), freshSessionMap(dir, { 'server.js': edited }));
    // and a value the same slot already held: only the holder and the files that read it are linked again
    const again = edited.replace('process.env.ORDERS_URL', 'process.env.ORDERS_REDIS_URL');
    session.setOverlay('server.js', again);
    assert.equal(JSON.stringify(session.refresh()), freshSessionMap(dir, { 'server.js': again }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an edit of what a caller hands a worker module links the worker again: its parameters hold what the calls give', () => {
  const WORKERS = path.join(__dirname, '..', 'fixtures', 'workers-given-modules');
  const SERVER = 'server.js';
  const text = fs.readFileSync(path.join(WORKERS, SERVER), 'utf8');
  const session = new AnalysisSession(WORKERS);
  const first = session.refresh();
  const total = session.lastLinked;
  assert.equal(first.hazards.filter((h) => h.kind === 'per-replica-timer').length, 2);
  // the same imports on the same lines; the open-check-ins worker now gets a scheduler of the server's own that runs nothing
  const edited = text.replace("require('./workers/openCheckins')(cron, fetch);", "require('./workers/openCheckins')({ schedule() {} }, fetch);");
  assert.notEqual(edited, text, 'the fixture changed: update this edit');
  session.setOverlay(SERVER, edited);
  const map = session.refresh();
  assert.ok(session.lastLinked < total, `linked ${session.lastLinked} of ${total} files`);
  assert.equal(JSON.stringify(map), freshSessionMap(WORKERS, { [SERVER]: edited }));
  assert.deepEqual(map.hazards.filter((h) => h.kind === 'per-replica-timer').map((h) => h.file), ['workers/closeCheckins.js']);
});

// A hazard is state that request-time code changes. Files written while the process starts, scratch files
// removed by the function that wrote them, and a process's bookkeeping of its own work (busy flags,
// in-flight counts) are not; writes to one place of state are one report with the other writes as evidence.
// And a `dev` script names what runs while developing, not the service's entry.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles } from '../../helpers/workspace';

const pkg = (scripts: Record<string, string> = { start: 'node dist/server.js' }) =>
  JSON.stringify({ name: 'api', version: '1.0.0', dependencies: { express: '^4' }, scripts });

const server = (body: string) => `import express from 'express';\nimport fs from 'node:fs';\nconst app = express();\n${body}\napp.listen(3000);\n`;

const reported = (map: ReturnType<typeof analyzeFiles>, kind: string) => map.hazards.filter((h) => h.kind === kind).map((h) => `${h.file}:${h.line}`);
const low = (map: ReturnType<typeof analyzeFiles>, kind: string) => (map.lowConfidenceHazards ?? []).filter((h) => h.kind === kind).map((h) => `${h.file}:${h.line}`);

describe('local files: what requests write and keep', () => {
  test('invalid: an upload a request writes and a later request reads is reported', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server("app.post('/u/:id', (req, res) => { fs.writeFileSync(`uploads/${req.params.id}`, req.body); res.end(); });\napp.get('/u/:id', (req, res) => res.send(fs.readFileSync(`uploads/${req.params.id}`)));"),
    });
    assert.deepEqual(reported(map, 'local-file-write'), ['src/server.ts:4']);
  });

  test('valid: a pid file written while the server starts is start-up, kept only as low confidence', () => {
    const map = analyzeFiles({ 'package.json': pkg(), 'src/server.ts': server("fs.writeFileSync('server.pid', String(process.pid));\napp.get('/', (_req, res) => res.send('ok'));") });
    assert.deepEqual(reported(map, 'local-file-write'), []);
    assert.deepEqual(low(map, 'local-file-write'), ['src/server.ts:4']);
    assert.notEqual(map.services[0].verdict, 'in-process-state');
  });

  test('valid: a scratch copy handed to a tool and removed by the same handler', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        "app.post('/strip', async (req, res) => {",
        '  const tmp = `/tmp/strip-${Date.now()}`;',
        '  fs.writeFileSync(tmp, req.body);',
        '  const out = fs.readFileSync(tmp);',
        '  fs.rmSync(tmp);',
        '  res.send(out);',
        '});',
      ].join('\n')),
    });
    assert.deepEqual(reported(map, 'local-file-write'), []);
    assert.ok(low(map, 'local-file-write').includes('src/server.ts:6'));
  });

  test('valid: a file in the OS temp folder (`/tmp/…`, `os.tmpdir()`) is scratch, even when another call writes it', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        "import os from 'node:os';",
        "import path from 'node:path';",
        "app.post('/build', async (req, res) => {",
        "  await fs.promises.rm('/tmp/bundle.mjs', { force: true });",
        "  fs.writeFileSync(path.join(os.tmpdir(), 'input.ts'), req.body);",
        "  res.send('ok');",
        '});',
      ].join('\n')),
    });
    assert.deepEqual(reported(map, 'local-file-write'), []);
    assert.deepEqual(low(map, 'local-file-write').sort(), ['src/server.ts:7', 'src/server.ts:8']);
  });

  test('valid: a helper writes the path its caller names, and the caller removes it again in `finally`', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        'async function download(url: string, outputPath: string) {',
        '  const res = await fetch(url);',
        '  fs.writeFileSync(outputPath, Buffer.from(await res.arrayBuffer()));',
        '}',
        "app.post('/import', async (req, res) => {",
        "  const csvPath = 'import.temp.csv';",
        '  try {',
        '    await download(req.body.url, csvPath);',
        '    res.send(fs.readFileSync(csvPath));',
        '  } finally {',
        '    fs.unlinkSync(csvPath);',
        '  }',
        '});',
      ].join('\n')),
    });
    assert.deepEqual(reported(map, 'local-file-write'), []);
    assert.deepEqual(low(map, 'local-file-write').sort(), ['src/server.ts:14', 'src/server.ts:6']);
  });

  test('invalid: a helper writes the path its caller names, and the caller keeps the file', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        'async function download(url: string, outputPath: string) {',
        '  const res = await fetch(url);',
        '  fs.writeFileSync(outputPath, Buffer.from(await res.arrayBuffer()));',
        '}',
        "app.post('/import', async (req, res) => {",
        '  await download(req.body.url, `imports/${req.body.name}`);',
        '  res.end();',
        '});',
      ].join('\n')),
    });
    assert.deepEqual(reported(map, 'local-file-write'), ['src/server.ts:6']);
  });

  test('invalid: a cache a pg-boss job changes, its handler registered with `work` through a logging wrapper', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'jobs', version: '1.0.0', dependencies: { 'pg-boss': '^10' }, scripts: { start: 'node worker/index.js' } }),
      'worker/thumbs.js': [
        'const seen = new Map();',
        'export async function thumbnail({ data }) {',
        '  if (seen.has(data.url)) return seen.get(data.url);',
        '  const res = await fetch(data.url);',
        '  seen.set(data.url, res.ok);',
        '  return res.ok;',
        '}',
      ].join('\n'),
      'worker/index.js': [
        "import PgBoss from 'pg-boss';",
        "import { thumbnail } from './thumbs';",
        'async function main() {',
        '  const boss = new PgBoss(process.env.DATABASE_URL);',
        '  function logged(fn) {',
        '    return async function (job) { console.log(job.name); await fn(job); };',
        '  }',
        '  await boss.start();',
        "  await boss.work('thumbnail', logged(thumbnail));",
        '}',
        'main();',
      ].join('\n'),
    });
    assert.deepEqual(reported(map, 'in-memory-cache'), ['worker/thumbs.js:1']);
  });

  test('invalid: a backup a cron job writes on each tick (`onTick`), the job started once the server listens', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'shortener', version: '1.0.0', main: 'src/index.js', dependencies: { express: '^4', cron: '^3' } }),
      'src/backup.js': [
        "const fs = require('fs');",
        'module.exports = async ({ links }) => {',
        '  fs.writeFileSync(`backups/backup-${Date.now()}.json`, JSON.stringify(links));',
        '};',
      ].join('\n'),
      'src/backend.js': [
        "const { CronJob } = require('cron');",
        "const backup = require('./backup');",
        'module.exports.start = () => {',
        "  const job = new CronJob({ cronTime: process.env.BACKUP_SCHEDULE, onTick: () => { backup({ links: [] }); }, timeZone: 'UTC' });",
        '  job.start();',
        '};',
      ].join('\n'),
      'src/index.js': [
        "const express = require('express');",
        "const backend = require('./backend');",
        'const app = express();',
        "app.get('/', (req, res) => res.send('ok'));",
        'app.listen(3000, () => backend.start());',
      ].join('\n'),
    });
    assert.deepEqual(reported(map, 'local-file-write'), ['src/backup.js:3']);
  });

  test('valid: a file in a folder `mkdtemp` made is scratch (hollo, set 23)', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        "import { mkdtemp, writeFile, rm } from 'node:fs/promises';",
        "import { tmpdir } from 'node:os';",
        "import { join } from 'node:path';",
        "app.post('/thumb', async (req, res) => {",
        '  let dir: string | undefined;',
        '  try {',
        "    dir = await mkdtemp(join(tmpdir(), 'thumb-'));",
        "    const input = join(dir, 'video');",
        '    await writeFile(input, req.body);',
        "    res.send('ok');",
        '  } finally {',
        '    if (dir) await rm(dir, { recursive: true, force: true });',
        '  }',
        '});',
      ].join('\n')),
    });
    assert.deepEqual(reported(map, 'local-file-write'), []);
    assert.ok(low(map, 'local-file-write').includes('src/server.ts:12'), low(map, 'local-file-write').join());
  });

  test('invalid: the same handler writing a file it does not remove is reported', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server("app.post('/keep', async (req, res) => {\n  const file = `/data/${Date.now()}`;\n  fs.writeFileSync(file, req.body);\n  res.send(file);\n});"),
    });
    assert.deepEqual(reported(map, 'local-file-write'), ['src/server.ts:6']);
  });

  test('one place of state: three writes of one storage module are one report, the others its evidence', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/storage.ts': "import fs from 'node:fs';\nexport function put(k: string, v: string) { fs.writeFileSync(`d/${k}`, v); }\nexport function append(k: string, v: string) { fs.appendFileSync(`d/${k}`, v); }\nexport function drop(k: string) { fs.unlinkSync(`d/${k}`); }\n",
      'src/server.ts': server("import { put, append, drop } from './storage';\napp.post('/:k', (req, res) => { put(req.params.k, req.body); append('log', req.params.k); res.end(); });\napp.delete('/:k', (req, res) => { drop(req.params.k); res.end(); });"),
    });
    assert.deepEqual(reported(map, 'local-file-write'), ['src/storage.ts:2']);
    const h = map.hazards.find((x) => x.kind === 'local-file-write');
    assert.deepEqual(h?.evidence?.filter((e) => e.what === 'also writes here').map((e) => e.line), [3, 4]);
  });
});

describe('module variables: state or bookkeeping', () => {
  const withState = (decl: string, handler: string) => analyzeFiles({ 'package.json': pkg(), 'src/server.ts': server(`${decl}\n${handler}`) });

  test('valid: a busy flag set and cleared by a job run', () => {
    const map = withState('let syncing = false;', "app.post('/sync', async (_req, res) => {\n  syncing = true;\n  await new Promise((r) => setTimeout(r, 10));\n  syncing = false;\n  res.end();\n});");
    assert.deepEqual(reported(map, 'module-mutable-state'), []);
    assert.deepEqual(low(map, 'module-mutable-state'), ['src/server.ts:4']);
  });

  test('invalid: a counter only counted up hands out its value: kept', () => {
    const map = withState('let next = 0;', "app.post('/ticket', (_req, res) => { next += 1; res.json({ ticket: next }); });");
    assert.deepEqual(reported(map, 'module-mutable-state'), ['src/server.ts:4']);
  });

  test('invalid: a value a request stores (a token, a setting) is state whatever its type', () => {
    const map = withState('let maintenance: string | undefined;', "app.post('/admin/maintenance', (req, res) => { maintenance = req.body.message; res.end(); });\napp.get('/', (_req, res) => res.send(maintenance ?? 'ok'));");
    assert.deepEqual(reported(map, 'module-mutable-state'), ['src/server.ts:4']);
  });
});

describe('entries: what runs in production', () => {
  test('a dev watcher beside a framework app is not an entry, and its writes are tooling', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'site', dependencies: { next: '15' }, scripts: { dev: 'concurrently "node other/watch.ts" "next dev"', build: 'next build' } }),
      'app/page.tsx': 'export default function Page() { return null; }\n',
      'other/watch.ts': "import fs from 'node:fs';\nprocess.on('message', (m: string) => fs.writeFileSync('.cache/x', m));\n",
    });
    assert.ok(!(map.services[0].entries ?? []).some((e) => e.path.includes('other/watch')), JSON.stringify(map.services[0].entries));
    assert.ok(map.hazards.filter((h) => h.file === 'other/watch.ts').every((h) => h.scope === 'tooling'));
  });

  test('with nothing else to go by, the dev script still names the entry', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4' }, scripts: { dev: 'tsx watch src/main.ts' } }),
      'src/main.ts': server("app.get('/', (_req, res) => res.send('ok'));"),
    });
    assert.deepEqual((map.services[0].entries ?? []).map((e) => e.path), ['src/main.ts']);
  });
});

describe('check-then-act through a record saved by itself', () => {
  const ORM = (body: string) => ({
    'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4', typeorm: '0.3' }, scripts: { start: 'node dist/server.js' } }),
    'src/server.ts': [
      "import express from 'express';",
      "import { Seat } from './seat';",
      'const app = express();',
      "app.post('/seats/:id', async (req, res) => {",
      '  const seat = await Seat.findOneOrFail({ where: { id: req.params.id } });',
      body,
      '  await seat.save();',
      '  res.end();',
      '});',
      'app.listen(3000);',
    ].join('\n'),
    'src/seat.ts': "import { BaseEntity, Entity, Column } from 'typeorm';\n@Entity()\nexport class Seat extends BaseEntity {\n  @Column() takenBy?: string;\n  @Column() label = '';\n  @Column() flightOpen = true;\n}\n",
  });

  test('invalid: the field tested is the field set, then saved: a double booking', () => {
    const map = analyzeFiles(ORM("  if (seat.takenBy) return res.status(409).end();\n  seat.takenBy = req.body.user;"));
    assert.deepEqual(reported(map, 'check-then-act'), ['src/server.ts:8']);
  });

  test('valid: a guard on one field, another field set and saved: a second request writes the same', () => {
    const map = analyzeFiles(ORM("  if (!seat.flightOpen) return res.status(404).end();\n  seat.label = req.body.label;"));
    assert.deepEqual(reported(map, 'check-then-act'), []);
  });
});

describe('collections of timer handles', () => {
  const kinds = ['module-mutable-state', 'in-memory-cache', 'memory-rate-limit'];
  const any = (map: ReturnType<typeof analyzeFiles>, f: typeof reported) => kinds.flatMap((k) => f(map, k));

  test('valid: a debounce map of setTimeout handles is the timers\' bookkeeping, kept only as low confidence', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        'const debounced: Record<string, ReturnType<typeof setTimeout>> = {};',
        "app.post('/stars/:id', (req, res) => {",
        '  const key = req.params.id;',
        '  if (debounced[key]) clearTimeout(debounced[key]);',
        '  debounced[key] = setTimeout(() => { delete debounced[key]; fs.appendFileSync("stars.log", key); }, 1000);',
        '  res.end();',
        '});',
      ].join('\n')),
    });
    assert.deepEqual(any(map, reported), []);
    assert.deepEqual(any(map, low), ['src/server.ts:4']);
  });

  test('valid: timeouts.set(id, setTimeout(…)) in a retry; the map is read back only to cancel', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        'const timeouts = new Map<string, NodeJS.Timeout>();',
        "app.post('/mutes/:id', (req, res) => {",
        '  const id = req.params.id;',
        '  clearTimeout(timeouts.get(id));',
        '  timeouts.set(id, setTimeout(() => timeouts.delete(id), 60_000));',
        '  res.end();',
        '});',
      ].join('\n')),
    });
    assert.deepEqual(any(map, reported), []);
    assert.deepEqual(any(map, low), ['src/server.ts:4']);
  });

  test('invalid: a map that holds timers and data is state', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        'const pending = new Map<string, unknown>();',
        "app.post('/jobs/:id', (req, res) => {",
        '  pending.set(req.params.id, req.body);',
        "  pending.set(`${req.params.id}:t`, setTimeout(() => pending.delete(req.params.id), 60_000));",
        '  res.json({ queued: pending.size });',
        '});',
      ].join('\n')),
    });
    assert.equal(any(map, reported).length, 1);
  });
});

describe('memos bounded by eviction', () => {
  const render = (fill: string) => server([
    'const templateCache = new Map<string, string[]>();',
    'function parseTemplate(t: string): string[] { return t.split("{"); }',
    'export async function renderTemplate(template: string) {',
    '  let parsed: string[];',
    '  if (templateCache.has(template)) {',
    '    parsed = templateCache.get(template)!;',
    '  } else {',
    `    parsed = ${fill};`,
    '    if (templateCache.size >= 200) templateCache.delete(templateCache.keys().next().value!);',
    '    templateCache.set(template, parsed);',
    '  }',
    '  return parsed.join("");',
    '}',
    "app.get('/r', async (req, res) => { res.send(await renderTemplate(String(req.query.t))); });",
  ].join('\n'));

  test('valid: a parse memo that evicts its oldest entry is the same on every replica', () => {
    const map = analyzeFiles({ 'package.json': pkg(), 'src/server.ts': render('parseTemplate(template)') });
    assert.deepEqual(reported(map, 'in-memory-cache'), []);
    assert.deepEqual(reported(map, 'module-mutable-state'), []);
  });

  test('invalid: the same bounded cache filled from the disk keeps each replica\'s copy', () => {
    const map = analyzeFiles({ 'package.json': pkg(), 'src/server.ts': render("fs.readFileSync(`templates/${template}`, 'utf8').split('{')") });
    assert.deepEqual(reported(map, 'in-memory-cache'), ['src/server.ts:4']);
  });
});

describe('timestamps are not memos', () => {
  test('invalid: `if (last.has(k) && last.get(k) > now - window) return; last.set(k, Date.now())` is a rate limit', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        'const lastImport = new Map<string, number>();',
        "app.post('/import/:id', (req, res) => {",
        '  const key = req.params.id;',
        '  if (lastImport.has(key) && lastImport.get(key)! > Date.now() - 300_000) return res.status(429).end();',
        '  lastImport.set(key, Date.now());',
        '  res.json({ ok: true });',
        '});',
      ].join('\n')),
    });
    assert.deepEqual(reported(map, 'memory-rate-limit'), ['src/server.ts:4']);
  });

  test('valid: the same guard filling a value computed from the key is a memo', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        'const slugs = new Map<string, string>();',
        "app.get('/slug/:title', (req, res) => {",
        '  const key = req.params.title;',
        '  if (slugs.has(key) && slugs.get(key)!.length > 0) return res.send(slugs.get(key));',
        "  slugs.set(key, key.toLowerCase().replace(/\\W+/g, '-'));",
        '  res.send(slugs.get(key));',
        '});',
      ].join('\n')),
    });
    assert.deepEqual(map.hazards.filter((h) => h.file === 'src/server.ts').map((h) => h.kind), []);
  });
});

describe('state only timers change', () => {
  test('valid: a copy of remote data a timer reloads is each replica\'s refresh of shared data: a note', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        'const domains = new Map<string, string>();',
        'async function refreshDomains() {',
        "  const res = await fetch('https://api.example.com/phishing-domains');",
        '  const list = (await res.json()) as Array<{ domain: string; category: string }>;',
        '  domains.clear();',
        '  for (const d of list) domains.set(d.domain, d.category);',
        '}',
        'setInterval(refreshDomains, 60_000);',
        "app.get('/check/:domain', (req, res) => { res.json({ category: domains.get(req.params.domain) ?? null }); });",
      ].join('\n')),
    });
    const kinds = ['module-mutable-state', 'in-memory-cache'];
    assert.deepEqual(kinds.flatMap((k) => reported(map, k)), []);
    assert.deepEqual(kinds.flatMap((k) => low(map, k)), ['src/server.ts:4']);
  });

  test('invalid: a leaderboard a game loop derives from the players in this process is state', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'src/server.ts': server([
        'const players: Array<{ id: string; mass: number }> = [];',
        'const leaderboard: Array<{ id: string; mass: number }> = [];',
        "app.post('/join/:id', (req, res) => { players.push({ id: req.params.id, mass: 10 }); res.end(); });",
        'setInterval(() => { leaderboard.splice(0, leaderboard.length, ...[...players].sort((a, b) => b.mass - a.mass).slice(0, 10)); }, 1000);',
        "app.get('/leaderboard', (_req, res) => { res.json(leaderboard); });",
      ].join('\n')),
    });
    assert.deepEqual(reported(map, 'module-mutable-state'), ['src/server.ts:4', 'src/server.ts:5']);
  });
});

describe('CommonJS state shared through module.exports', () => {
  const files = (users: string) => ({
    'package.json': JSON.stringify({ name: 'lobby', version: '1.0.0', main: 'app.js', dependencies: { express: '^4' } }),
    'routes/models.js': "const games = {};\nmodule.exports.games = games;\nmodule.exports.userList = [];\nmodule.exports.settings = { motd: '' };\n",
    'routes/users.js': users,
    'app.js': "const express = require('express');\nconst { join } = require('./routes/users');\nconst app = express();\napp.post('/join', join);\napp.listen(3000);\n",
  });

  test('invalid: a handler given by a destructured require changes containers another module exports', () => {
    const map = analyzeFiles(files([
      "const { userList, games } = require('./models');",
      'module.exports.join = (req, res) => {',
      '  userList.push({ name: req.body.name });',
      '  games[req.body.id] = { players: [req.body.name] };',
      '  res.json({ users: userList.length, games: Object.keys(games).length });',
      '};',
    ].join('\n') + '\n'));
    assert.deepEqual(reported(map, 'module-mutable-state'), ['routes/models.js:1', 'routes/models.js:3']);
  });

  test('valid: `ApiKey.delete(…)` on an exported object of functions calls its method; it changes nothing', () => {
    const map = analyzeFiles({
      ...files("const { ApiKey } = require('./apiKeys');\nmodule.exports.join = async (req, res) => { await ApiKey.delete({ id: Number(req.body.id) }); res.end(); };\n"),
      'routes/apiKeys.js': "const ApiKey = {\n  tablename: 'api_keys',\n  delete: async function (clause = {}) { return clause; },\n};\nmodule.exports = { ApiKey };\n",
    });
    assert.deepEqual(map.hazards, []);
  });

  test('valid: an exported container only filled while the modules load is configuration', () => {
    const map = analyzeFiles(files([
      "const models = require('./models');",
      "models.settings.motd = process.env.MOTD || 'welcome';",
      'module.exports.join = (req, res) => { res.json({ motd: models.settings.motd }); };',
    ].join('\n') + '\n'));
    assert.deepEqual(map.hazards, []);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hazardSummary, lines, scan } from '../../helpers/entry-cases';
import { analyzeFiles } from '../../helpers/workspace';

// One describe per entry of src/catalog/entries/schedulers.ts. Timers are not stores: a scheduled
// callback that writes shared state (a store, another service) runs once per replica (a per-replica-timer
// hazard); one that only reads, changes only its own process's memory, or takes a distributed lock first,
// is not a hazard.

const SERVER_HEAD = ["import express from 'express';", "import Redis from 'ioredis';", 'const redis = new Redis();', 'const app = express();'];

describe('node:timers', () => {
  test('setInterval imported from Node\'s timers module, with a callback that writes through another module, runs in every replica', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'director', main: 'src/index.ts', dependencies: { express: '4', mongodb: '6' } }),
      'src/index.ts': "import express from 'express';\nimport { initRunCompletion } from './init';\nconst app = express();\ninitRunCompletion();\napp.listen(1234);\n",
      'src/init.ts': lines(
        "import { setInterval } from 'timers';",
        "import { checkRunTimeouts } from './runs';",
        'export function initRunCompletion() {',
        '  setInterval(async () => {',
        '    await checkRunTimeouts();',
        '  }, 10000);',
        '}',
      ),
      'src/runs.ts': lines(
        "import { MongoClient } from 'mongodb';",
        'const db = new MongoClient(process.env.MONGO_URL!).db();',
        'export async function checkRunTimeouts() {',
        "  await db.collection('runs').updateMany({ completed: false, deadline: { $lt: new Date() } }, { $set: { completed: true } });",
        '}',
      ),
    });
    assert.deepEqual(hazardSummary(map), ['src/init.ts:4 per-replica-timer']);
  });

  test('look-alike: setTimeout from the timers module runs once', () => {
    const { hazards } = scan(lines(...SERVER_HEAD, "import { setTimeout } from 'node:timers';", 'setTimeout(async () => {', "  await redis.incr('ticks');", '}, 60_000);', 'app.listen(3000);'));
    assert.deepEqual(hazards, []);
  });
});

describe('setInterval', () => {
  test('a callback that writes a store runs in every replica', () => {
    const { hazards, locations } = scan(
      lines(...SERVER_HEAD, 'setInterval(async () => {', "  await redis.incr('ticks');", '}, 60_000);', 'app.listen(3000);'),
    );
    assert.deepEqual(hazards, ['src/app.ts:5 per-replica-timer']);
    assert.deepEqual(locations, ['src/app.ts:6 redis write ioredis']);
  });

  test('a callback that changes only module state, through a named function of the file: the state is the hazard, not the timer (each replica keeps its own)', () => {
    const { hazards } = scan(
      lines(
        ...SERVER_HEAD,
        'const recent: string[] = [];',
        'function rotate() { recent.splice(0, recent.length); }',
        'setInterval(rotate, 1000);',
        "app.get('/recent', (req, res) => res.json(recent));",
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:5 module-mutable-state']);
  });

  test('look-alike: a setInterval that only reads', () => {
    const { hazards, locations } = scan(
      lines(...SERVER_HEAD, 'setInterval(async () => {', "  console.log(await redis.get('ticks'));", '}, 60_000);', 'app.listen(3000);'),
    );
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, ['src/app.ts:6 redis read ioredis']);
  });

  test('look-alike: a write under a distributed lock, and a timer in browser code', () => {
    const { hazards } = scan(
      lines(
        ...SERVER_HEAD,
        "import Redlock from 'redlock';",
        'const redlock = new Redlock([redis]);',
        'setInterval(() => redlock.using([\'cleanup\'], 5000, async () => {',
        "  await redis.del('stale');",
        '}), 60_000);',
        'app.listen(3000);',
      ),
      {
        'src/web/Clock.tsx': lines(
          "let last = '';",
          "export const Clock = () => { setInterval(() => { localStorage.setItem('tick', String(Date.now())); }, 1000); return <span>{last}</span>; };",
        ),
      },
    );
    assert.deepEqual(hazards, []);
  });
});

describe('node-cron', () => {
  test('cron.schedule(expr, writer) runs in every replica', () => {
    const { hazards, locations } = scan(
      lines(...SERVER_HEAD, "import cron from 'node-cron';", "cron.schedule('*/5 * * * *', async () => {", "  await redis.set('report:last', String(Date.now()));", '});'),
    );
    assert.deepEqual(hazards, ['src/app.ts:6 per-replica-timer']);
    assert.deepEqual(locations, ['src/app.ts:7 redis write ioredis']);
  });

  test('look-alike: validate() only checks an expression, and a read-only job', () => {
    const { hazards } = scan(
      lines(
        ...SERVER_HEAD,
        "import cron from 'node-cron';",
        "export const ok = cron.validate('59 * * * *');",
        "cron.schedule('* * * * *', async () => console.log(await redis.get('health')));",
      ),
    );
    assert.deepEqual(hazards, []);
  });
});

describe('cron-schedule', () => {
  test('TimerBasedCronScheduler.setInterval(cron, writer) and IntervalBasedCronScheduler.registerTask', () => {
    const { hazards } = scan(
      lines(
        ...SERVER_HEAD,
        "import { parseCronExpression, TimerBasedCronScheduler as scheduler, IntervalBasedCronScheduler } from 'cron-schedule';",
        "const cron = parseCronExpression('*/5 * * * *');",
        "scheduler.setInterval(cron, () => redis.incr('runs'));",
        'const ticker = new IntervalBasedCronScheduler(60 * 1000);',
        "ticker.registerTask(cron, () => redis.incr('runs'));",
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:7 per-replica-timer', 'src/app.ts:9 per-replica-timer']);
  });

  test('look-alike: parsing an expression and asking for the next date', () => {
    const { hazards, locations } = scan(lines("import { parseCronExpression } from 'cron-schedule';", "export const next = parseCronExpression('*/5 * * * *').getNextDate(new Date());"));
    assert.deepEqual(hazards, []);
    assert.deepEqual(locations, []);
  });
});

describe('cron', () => {
  test('new CronJob(expr, writer) and CronJob.from({ onTick })', () => {
    const { hazards } = scan(
      lines(
        ...SERVER_HEAD,
        "import { CronJob } from 'cron';",
        "export const job = new CronJob('* * * * * *', async function () { await redis.lpush('log', 'tick'); }, null, true, 'America/Los_Angeles');",
        "export const job2 = CronJob.from({ cronTime: '0 0 * * *', onTick: async () => { await redis.incr('daily'); }, start: true });",
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:6 per-replica-timer', 'src/app.ts:7 per-replica-timer']);
  });

  test('look-alike: sendAt computes a date', () => {
    const { hazards } = scan(lines(...SERVER_HEAD, "import { sendAt } from 'cron';", "export const at = sendAt('0 0 * * *');"));
    assert.deepEqual(hazards, []);
  });
});

describe('node-schedule', () => {
  test('schedule.scheduleJob(rule, writer)', () => {
    const { hazards } = scan(
      lines(...SERVER_HEAD, "const schedule = require('node-schedule');", "const job = schedule.scheduleJob('42 * * * *', async () => {", "  await redis.set('answer', 42);", '});'),
    );
    assert.deepEqual(hazards, ['src/app.ts:6 per-replica-timer']);
  });

  test('look-alike: a RecurrenceRule is only a description', () => {
    const { hazards } = scan(lines(...SERVER_HEAD, "import schedule from 'node-schedule';", 'const rule = new schedule.RecurrenceRule();', 'rule.minute = 42;', 'export { rule };'));
    assert.deepEqual(hazards, []);
  });
});

describe('toad-scheduler', () => {
  test('new Task(id, writer) given to a SimpleIntervalJob', () => {
    const { hazards } = scan(
      lines(
        ...SERVER_HEAD,
        "const { ToadScheduler, SimpleIntervalJob, Task } = require('toad-scheduler');",
        'const scheduler = new ToadScheduler();',
        "const task = new Task('simple task', () => { redis.incr('counter'); });",
        'scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ seconds: 20 }, task));',
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:7 per-replica-timer']);
  });

  test('look-alike: an AsyncTask that only polls', () => {
    const { hazards } = scan(
      lines(...SERVER_HEAD, "import { AsyncTask } from 'toad-scheduler';", "export const poll = new AsyncTask('poll', () => redis.get('status').then(console.log), (err: Error) => console.error(err));"),
    );
    assert.deepEqual(hazards, []);
  });
});

describe('timers under an in-process mutex', () => {
  const mutex = lines(
    '/** One job at a time in this process: a queue of waiters. */',
    'export async function withMutex<T>(fn: () => Promise<T>): Promise<T> {',
    '  return fn();',
    '}',
  );

  test("a job a mutex of the process serializes still runs in every replica; a lock a store keeps stops the others", () => {
    const { hazards } = scan(
      lines(
        ...SERVER_HEAD,
        "import Redlock from 'redlock';",
        "import { withMutex } from './mutex';",
        'const redlock = new Redlock([redis]);',
        "setInterval(() => withMutex(async () => { await redis.incr('rss-scans'); }), 60_000);",
        "setInterval(() => redlock.using(['cleanup'], 5000, async () => { await redis.del('stale'); }), 60_000);",
        'app.listen(3000);',
      ),
      { 'src/mutex.ts': mutex },
    );
    assert.deepEqual(hazards, ['src/app.ts:8 per-replica-timer']);
  });
});

describe('timers that only the leading replica runs', () => {
  test('a job that returns early unless this replica is the primary (`if (!isPrimaryNode()) return`) runs once; a job that asks nothing runs in every replica (Swetrix, set 18)', () => {
    const { hazards } = scan(
      lines(
        ...SERVER_HEAD,
        "import { isPrimaryNode } from './cluster';",
        'setInterval(async () => {',
        '  if (!isPrimaryNode()) return;',
        "  await redis.incr('reports-sent');",
        '}, 60_000);',
        "setInterval(async () => { await redis.incr('heartbeats'); }, 60_000);",
        'app.listen(3000);',
      ),
      { 'src/cluster.ts': "export const isPrimaryNode = () => process.env.NODE_APP_INSTANCE === '0';\n" },
    );
    assert.deepEqual(hazards, ['src/app.ts:10 per-replica-timer']);
  });
});

describe('schedulers in a CLI', () => {
  test('look-alike: a one-shot CLI is not replicated', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'tool', version: '1.0.0', bin: { tool: 'dist/cli.js' } }),
      'src/cli.ts': lines("import Redis from 'ioredis';", 'const redis = new Redis();', "setInterval(() => redis.incr('progress'), 1000);"),
    });
    assert.deepEqual(hazardSummary(map), []);
  });
});

describe('cron, with a job written through an aggregation pipeline', () => {
  test('a CronJob whose callback rebuilds a collection with an aggregation ending in `$out`, in another module, runs in every replica', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'backend', main: 'src/server.ts', dependencies: { express: '4', mongodb: '6', cron: '3' } }),
      'src/server.ts': "import express from 'express';\nimport jobs from './jobs';\nconst app = express();\njobs.forEach((job) => job.start());\napp.listen(5005);\n",
      'src/jobs/index.ts': "import updateLeaderboards from './update-leaderboards';\nexport default [updateLeaderboards];\n",
      'src/jobs/update-leaderboards.ts': lines(
        "import { CronJob } from 'cron';",
        "import * as LeaderboardsDAL from '../dal/leaderboards';",
        // a leaderboard is no leader election: the words of a name, not its letters, tell a lock
        'async function updateLeaderboardAndNotifyChanges(time: string): Promise<void> {',
        '  await LeaderboardsDAL.update(time);',
        '}',
        'async function updateLeaderboards(): Promise<void> {',
        "  await updateLeaderboardAndNotifyChanges('60');",
        '}',
        "export default new CronJob('30 14/15 * * * *', updateLeaderboards);",
      ),
      'src/dal/leaderboards.ts': lines(
        "import { MongoClient } from 'mongodb';",
        'const db = new MongoClient(process.env.DB_URI!).db();',
        'export async function update(mode: string): Promise<void> {',
        "  await db.collection('users').aggregate([",
        '    { $match: { banned: { $ne: true } } },',
        '    { $sort: { wpm: -1 } },',
        '    { $project: { uid: 1, wpm: 1 } },',
        '    { $addFields: { mode } },',
        '    { $setWindowFields: { sortBy: { wpm: -1 }, output: { rank: { $documentNumber: {} } } } },',
        '    { $out: `leaderboards_${mode}` },',
        '  ]).toArray();',
        '}',
      ),
    });
    assert.deepEqual(hazardSummary(map), ['src/jobs/update-leaderboards.ts:9 per-replica-timer']);
    const writes = map.edges.find((e) => e.store === 'mongodb')?.locations.filter((l) => l.operation.endsWith('aggregate')).map((l) => l.access);
    assert.deepEqual(writes, ['readwrite']);
  });
});

// A timer written as a loop: `while (true) { …; await sleep(ms); }` started once per process. Each replica
// runs its own copy, as it would a `setInterval`. Loops that leave (pagination, retries) or that wait on
// something other than the clock (a queue's next message) are not timers.
describe('loops that never end and sleep between rounds', () => {
  const pkg = JSON.stringify({ name: 'sequencer', version: '1.0.0', main: 'src/index.ts', dependencies: { express: '4', mysql2: '3' } });
  const index = (call: string) => lines(
    "import express from 'express';",
    "import run from './loop';",
    'const app = express();',
    call,
    'app.listen(3000);',
  );
  const loop = (body: string[]) => lines(
    "import mysql from 'mysql2/promise';",
    'const db = mysql.createPool(process.env.DATABASE_URL!);',
    'const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));',
    'export default async function run() {',
    ...body,
    '}',
  );

  test('a `while (true)` that updates rows and sleeps, started at start-up, runs in every replica', () => {
    const map = analyzeFiles({
      'package.json': pkg,
      'src/index.ts': index('run();'),
      'src/loop.ts': loop([
        '  while (true) {',
        "    await db.query('UPDATE spaces SET vote_count = vote_count - 1 WHERE id = ?', [1]);",
        '    await sleep(60_000);',
        '  }',
      ]),
    });
    assert.deepEqual(hazardSummary(map), ['src/loop.ts:5 per-replica-timer']);
    assert.match(map.hazards[0].message, /never ends and sleeps between rounds/);
  });

  test('`for (;;)` that waits with `new Promise((r) => setTimeout(r, ms))` and writes through another module', () => {
    const map = analyzeFiles({
      'package.json': pkg,
      'src/index.ts': index('run();'),
      'src/dal.ts': lines(
        "import mysql from 'mysql2/promise';",
        'const db = mysql.createPool(process.env.DATABASE_URL!);',
        "export const expire = () => db.query('UPDATE sessions SET expired = 1 WHERE expires_at < NOW()');",
      ),
      'src/loop.ts': lines(
        "import { expire } from './dal';",
        'export default async function run() {',
        '  for (;;) {',
        '    await expire();',
        '    await new Promise((resolve) => setTimeout(resolve, 30_000));',
        '  }',
        '}',
      ),
    });
    assert.deepEqual(hazardSummary(map), ['src/loop.ts:3 per-replica-timer']);
  });

  test('a pagination loop that leaves with `break`, and a retry that returns, are not timers', () => {
    const map = analyzeFiles({
      'package.json': pkg,
      'src/index.ts': index('run();'),
      'src/loop.ts': loop([
        '  let page = 0;',
        '  while (true) {',
        "    const [rows] = await db.query('UPDATE jobs SET seen = 1 LIMIT 100 OFFSET ?', [page++]);",
        '    if (!rows) break;',
        '    await sleep(100);',
        '  }',
        '  while (true) {',
        "    try { return await db.query('INSERT INTO boots (at) VALUES (NOW())'); } catch { await sleep(1_000); }",
        '  }',
      ]),
    });
    assert.deepEqual(hazardSummary(map).filter((h) => h.endsWith('per-replica-timer')), []);
  });

  test('a module-level `running` flag stops a worker loop (a timer); a local `done` flag ends a poll (not one)', () => {
    const map = analyzeFiles({
      'package.json': pkg,
      'src/index.ts': index('run();'),
      'src/loop.ts': loop([
        '  while (!stopped) {',
        "    await db.query('UPDATE sessions SET expired = 1 WHERE expires_at < NOW()');",
        '    await sleep(30_000);',
        '  }',
        '}',
        'let stopped = false;',
        "process.on('SIGTERM', () => { stopped = true; });",
        'export async function waitFor(id: number) {',
        '  let done = false;',
        '  while (!done) {',
        "    await db.query('UPDATE jobs SET polled_at = NOW() WHERE id = ?', [id]);",
        "    const [rows] = await db.query('SELECT state FROM jobs WHERE id = ?', [id]);",
        "    done = (rows as Array<{ state: string }>)[0]?.state === 'done';",
        '    await sleep(1_000);',
        '  }',
      ]),
    });
    assert.deepEqual(hazardSummary(map).filter((h) => h.endsWith('per-replica-timer')), ['src/loop.ts:5 per-replica-timer']);
  });

  test('a consumer loop that waits for the next message, not the clock, is not a timer', () => {
    const map = analyzeFiles({
      'package.json': pkg,
      'src/index.ts': index('run();'),
      'src/loop.ts': loop([
        '  while (true) {',
        "    const msg = await fetch('http://queue.internal/next').then((r) => r.json());",
        "    await db.query('INSERT INTO events (body) VALUES (?)', [JSON.stringify(msg)]);",
        '  }',
      ]),
    });
    assert.deepEqual(hazardSummary(map).filter((h) => h.endsWith('per-replica-timer')), []);
  });
});

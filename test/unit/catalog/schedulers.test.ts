import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hazardSummary, lines, scan } from '../../helpers/entry-cases';
import { analyzeFiles } from '../../helpers/workspace';

// One describe per entry of src/catalog/entries/schedulers.ts. Timers are not stores: a scheduled
// callback that writes shared state (a store, another service) runs once per replica (a per-replica-timer
// hazard); one that only reads, changes only its own process's memory, or takes a distributed lock first,
// is not a hazard.

const SERVER_HEAD = ["import express from 'express';", "import Redis from 'ioredis';", 'const redis = new Redis();', 'const app = express();'];

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
      lines(...SERVER_HEAD, "import cron from 'node-cron';", "cron.schedule('*/5 * * * *', async () => {", "  await redis.del('cache:report');", '});'),
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
        "export const job2 = CronJob.from({ cronTime: '0 0 * * *', onTick: async () => { await redis.del('daily'); }, start: true });",
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

describe('schedulers in a CLI', () => {
  test('look-alike: a one-shot CLI is not replicated', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'tool', version: '1.0.0', bin: { tool: 'dist/cli.js' } }),
      'src/cli.ts': lines("import Redis from 'ioredis';", 'const redis = new Redis();', "setInterval(() => redis.incr('progress'), 1000);"),
    });
    assert.deepEqual(hazardSummary(map), []);
  });
});

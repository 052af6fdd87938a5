import type { StoreModel } from '../types';

const TIMER = {
  kind: 'per-replica-timer' as const,
  message: 'Every replica runs this timer: the job runs N times, and its writes race each other.',
};

/**
 * Timers and cron libraries. Not stores: a scheduled callback that writes state runs once per replica.
 * A callback that only reads, or takes a distributed lock first, is not a hazard.
 */
export const schedulerModels: StoreModel[] = [
  {
    id: 'setInterval', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/setInterval', globals: [['setInterval']], kind: 'memory', direct: true,
    scheduler: { callbackArg: 0 }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    id: 'node-cron', docs: 'https://github.com/node-cron/node-cron#readme', modules: ['node-cron', 'cron-schedule'], kind: 'memory', direct: true,
    scheduler: { callbackArg: 1, methods: ['schedule', 'createTask'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    id: 'cron', docs: 'https://github.com/kelektiv/node-cron#readme', modules: ['cron'], kind: 'memory', direct: true,
    scheduler: { callbackArg: 1, methods: ['CronJob', 'CronJob.from', 'job'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    id: 'node-schedule', docs: 'https://github.com/node-schedule/node-schedule#readme', modules: ['node-schedule'], kind: 'memory', direct: true,
    scheduler: { callbackArg: 1, methods: ['scheduleJob', 'Job'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    id: 'toad-scheduler', docs: 'https://github.com/kibertoad/toad-scheduler#readme', modules: ['toad-scheduler'], kind: 'memory', direct: true,
    scheduler: { callbackArg: 1, methods: ['AsyncTask', 'Task'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
];

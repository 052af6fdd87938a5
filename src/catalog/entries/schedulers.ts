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
    // `import { setInterval } from 'timers'`: Node's timers module gives the same timer as the global
    id: 'node:timers', docs: 'https://nodejs.org/api/timers.html#setintervalcallback-delay-args', modules: ['timers', 'node:timers'], kind: 'memory', direct: true,
    scheduler: { callbackArg: 0, methods: ['setInterval'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    id: 'node-cron', docs: 'https://github.com/node-cron/node-cron#readme', modules: ['node-cron'], kind: 'memory', direct: true,
    scheduler: { callbackArg: 1, methods: ['schedule', 'createTask'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    id: 'cron-schedule', docs: 'https://github.com/P4sca1/cron-schedule#readme', modules: ['cron-schedule'], kind: 'memory', direct: true,
    // `TimerBasedCronScheduler.setInterval(cron, task)`, `new IntervalBasedCronScheduler(ms).registerTask(cron, task)`
    scheduler: { callbackArg: 1, methods: ['setInterval', 'setTimeout', 'registerTask'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    // not `direct`: its schedulers are classes (`new CronJob(…)`), recognised by export name
    id: 'cron', docs: 'https://github.com/kelektiv/node-cron#readme', modules: ['cron'], kind: 'memory',
    scheduler: { callbackArg: 1, methods: ['CronJob', 'CronJob.from', 'job'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    id: 'node-schedule', docs: 'https://github.com/node-schedule/node-schedule#readme', modules: ['node-schedule'], kind: 'memory', direct: true,
    scheduler: { callbackArg: 1, methods: ['scheduleJob', 'Job'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    id: 'toad-scheduler', docs: 'https://github.com/kibertoad/toad-scheduler#readme', modules: ['toad-scheduler'], kind: 'memory',
    scheduler: { callbackArg: 1, methods: ['AsyncTask', 'Task'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
];

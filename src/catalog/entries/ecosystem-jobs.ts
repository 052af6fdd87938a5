import type { OpTable, StoreModel } from '../types';

// Schedulers, rate limiters, queues and pub/sub added from the npm download survey (README: "Catalog").
// Each has its case in test/unit/catalog/ecosystem-jobs.test.ts.

const TIMER = {
  kind: 'per-replica-timer' as const,
  message: 'Every replica runs this timer: the job runs N times, and its writes race each other.',
};

const MEMORY_LIMIT = (what: string) => ({
  kind: 'memory-rate-limit' as const, when: 'memory' as const,
  message: `${what} counts in this process: with N replicas a client gets N times the limit.`,
});

const PUBSUB: OpTable = { write: ['publish'], read: ['subscribe', 'asyncIterator', 'asyncIterableIterator'], ignore: ['unsubscribe', 'close'], fallback: 'ignore', targetArgs: ['publish', 'subscribe', 'asyncIterator', 'asyncIterableIterator'] };

export const ecosystemJobModels: StoreModel[] = [
  {
    // not `direct`: `new Cron(…)` is recognised by export name, like cron's CronJob
    id: 'croner', docs: 'https://croner.56k.guru/usage/basics/', modules: ['croner'], kind: 'memory',
    scheduler: { callbackArg: 1, methods: ['Cron', ''] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    id: 'bree', docs: 'https://github.com/breejs/bree#readme', modules: ['bree'], kind: 'memory', factories: ['', 'default'],
    ops: { ignore: ['start', 'stop', 'add', 'remove', 'run', 'on'], fallback: 'ignore' },
    hazard: { ...TIMER, longLived: true, message: 'Every replica runs Bree\'s jobs: each job runs N times, and its writes race each other.' },
    note: 'Bree runs job files in worker threads: the hazard is raised where the scheduler is made.',
  },
  {
    id: 'later', docs: 'https://breejs.github.io/later/', modules: ['later', '@breejs/later'], kind: 'memory', direct: true,
    scheduler: { callbackArg: 0, methods: ['setInterval', 'setTimeout'] }, hazard: TIMER, ops: { fallback: 'ignore' },
  },
  {
    id: '@nestjs/schedule', docs: 'https://docs.nestjs.com/techniques/task-scheduling', modules: ['@nestjs/schedule'], kind: 'memory',
    scheduler: { callbackArg: 1, methods: ['addCronJob', 'addInterval', 'addTimeout'], decorators: ['Cron', 'Interval', 'Timeout'] },
    types: ['SchedulerRegistry'], hazard: TIMER, ops: { ignore: ['ScheduleModule', 'getCronJob', 'deleteCronJob'], fallback: 'ignore' },
    note: '@Cron, @Interval and @Timeout decorate a method: the schedule is the decorator, the callback the method.',
  },
  {
    id: 'limiter', docs: 'https://github.com/jhurliman/node-rate-limiter#readme', modules: ['limiter'], kind: 'memory', factories: ['RateLimiter', 'TokenBucket'],
    ops: { readwrite: ['removeTokens', 'tryRemoveTokens'], read: ['getTokensRemaining'], fallback: 'ignore' },
    hazard: { ...MEMORY_LIMIT('This token bucket'), longLived: true },
  },
  {
    id: 'bottleneck', docs: 'https://github.com/SGrondin/bottleneck#readme', modules: ['bottleneck'], kind: 'memory', factories: ['', 'default', 'Group'],
    kindFrom: { options: ['datastore'] },
    ops: { readwrite: ['schedule', 'submit', 'wrap', 'incrementReservoir', 'updateSettings'], read: ['currentReservoir', 'running', 'done', 'counts'], ignore: ['on', 'stop', 'disconnect', 'ready', 'key'], fallback: 'ignore' },
    // local mode, held for the process: its queue and limits are this replica's (a `maxConcurrent: 1` that serialises
    // work serialises it per replica only)
    hazard: { kind: 'memory-rate-limit', when: 'memory', longLived: true, message: 'Bottleneck queues and limits jobs in this process (no Redis datastore): each replica keeps its own queue and limit, so work limited or serialised here runs once per replica at a time.' },
    note: 'Limits in this process unless `datastore: \'redis\'` (or ioredis) shares them through Redis.',
  },
  {
    id: 'express-slow-down', docs: 'https://express-rate-limit.mintlify.app/reference/configuration', modules: ['express-slow-down'], kind: 'memory',
    kindFrom: { options: ['store'] }, factories: ['', 'default', 'slowDown'], ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: MEMORY_LIMIT('Request counts for slowing down live in this process\'s MemoryStore and'),
  },
  {
    id: '@nestjs/throttler', docs: 'https://docs.nestjs.com/security/rate-limiting', modules: ['@nestjs/throttler'], kind: 'memory',
    kindFrom: { options: ['storage'], argClient: true }, factories: ['ThrottlerModule.forRoot', 'ThrottlerModule.forRootAsync'],
    ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: MEMORY_LIMIT('ThrottlerModule\'s default storage'),
  },
  {
    id: '@upstash/ratelimit', docs: 'https://upstash.com/docs/redis/sdks/ratelimit-ts/overview', modules: ['@upstash/ratelimit'], kind: 'redis', factories: ['Ratelimit'],
    kindFrom: { argClient: true }, ops: { readwrite: ['limit', 'blockUntilReady'], read: ['getRemaining'], write: ['resetUsedTokens'], fallback: 'ignore' },
  },
  {
    id: 'graphql-subscriptions', docs: 'https://github.com/apollographql/graphql-subscriptions#readme', modules: ['graphql-subscriptions', 'graphql-yoga'], kind: 'memory',
    factories: ['PubSub', 'createPubSub'], types: ['PubSub', 'PubSubEngine'], ops: PUBSUB,
    note: 'PubSub is in-memory: an event published in one replica reaches only subscribers connected to it.',
  },
  {
    id: 'graphql-redis-subscriptions', docs: 'https://github.com/davidyaha/graphql-redis-subscriptions#readme', modules: ['graphql-redis-subscriptions'], kind: 'redis',
    factories: ['RedisPubSub'], types: ['RedisPubSub'], ops: PUBSUB,
  },
  {
    id: 'sqs-consumer', docs: 'https://bbc.github.io/sqs-consumer/', modules: ['sqs-consumer', '@rxfork/sqs-consumer'], kind: 'sqs', factories: ['Consumer.create', 'Consumer'],
    ops: { construct: 'read', ignore: ['start', 'stop', 'on'], fallback: 'ignore' },
  },
  {
    id: 'sqs-producer', docs: 'https://github.com/bbc/sqs-producer#readme', modules: ['sqs-producer'], kind: 'sqs', factories: ['Producer.create', 'Producer'],
    ops: { write: ['send'], read: ['queueSize'], fallback: 'ignore' },
  },
  {
    id: 'graphile-worker', docs: 'https://worker.graphile.org/docs/library', modules: ['graphile-worker'], kind: 'postgres', direct: true,
    factories: ['makeWorkerUtils'],
    ops: { write: ['addJob', 'quickAddJob', 'completeJobs', 'permanentlyFailJobs', 'rescheduleJobs', 'migrate'], read: ['run', 'runOnce', 'runMigrations'], ignore: ['release'], fallback: 'ignore' },
    consumes: ['run', 'runOnce'],
  },
  {
    id: 'node-resque', docs: 'https://github.com/actionhero/node-resque#readme', modules: ['node-resque'], kind: 'redis', factories: ['Queue', 'Worker', 'Scheduler'],
    ops: { write: ['enqueue', 'enqueueAt', 'enqueueIn', 'del', 'delDelayed', 'delQueue'], read: ['length', 'queued', 'queues', 'timestamps', 'stats', 'start'], ignore: ['connect', 'end', 'on'], fallback: 'ignore', targetArgs: ['enqueue', 'enqueueAt', 'enqueueIn'] },
  },
  {
    id: 'kue', docs: 'https://github.com/Automattic/kue#readme', modules: ['kue'], kind: 'redis', factories: ['createQueue'],
    ops: { write: ['create', 'save', 'remove'], read: ['process', 'inactiveCount', 'activeCount', 'failedCount'], ignore: ['on', 'shutdown', 'watchStuckJobs'], fallback: 'ignore', targetArgs: ['create', 'process'] }, consumes: ['process'],
  },
  {
    id: 'rsmq', docs: 'https://github.com/smrchy/rsmq#readme', modules: ['rsmq', 'rsmq-promise'], kind: 'redis', factories: ['', 'default'],
    ops: { write: ['sendMessage', 'sendMessageAsync', 'deleteMessage', 'deleteMessageAsync', 'createQueue', 'createQueueAsync'], readwrite: ['receiveMessage', 'receiveMessageAsync', 'popMessage', 'popMessageAsync'], fallback: 'ignore' },
    consumes: ['receiveMessage', 'receiveMessageAsync', 'popMessage', 'popMessageAsync'],
  },
];

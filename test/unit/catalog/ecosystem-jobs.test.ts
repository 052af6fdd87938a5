// One describe per entry of src/catalog/entries/ecosystem-jobs.ts (the table runner is ecosystem-cases.ts).
import { runCases, type EntryCase } from './ecosystem-cases';

const CASES: EntryCase[] = [
  {
    id: 'croner', what: 'a Cron job whose callback writes runs in every replica',
    code: ["import { Cron } from 'croner';", "import Redis from 'ioredis';", 'const redis = new Redis();', "new Cron('*/5 * * * *', async () => { await redis.set('last', Date.now()); });"],
    locations: ['src/app.ts:4 redis write ioredis'], hazards: ['src/app.ts:4 per-replica-timer'],
  },
  {
    id: 'bree', what: 'a Bree scheduler runs its jobs in every replica',
    code: ["import Bree from 'bree';", "const bree = new Bree({ jobs: [{ name: 'cleanup', interval: '1h' }] });", 'await bree.start();'],
    locations: [], hazards: ['src/app.ts:2 per-replica-timer'],
  },
  {
    id: 'later', what: 'later.setInterval with a callback that writes',
    code: ["import later from '@breejs/later';", "import Redis from 'ioredis';", 'const redis = new Redis();', "later.setInterval(() => { void redis.incr('ticks'); }, later.parse.text('every 5 min'));"],
    locations: ['src/app.ts:4 redis write ioredis'], hazards: ['src/app.ts:4 per-replica-timer'],
  },
  {
    id: '@nestjs/schedule', what: 'SchedulerRegistry.addInterval with a callback that writes',
    code: ["import { SchedulerRegistry } from '@nestjs/schedule';", "import Redis from 'ioredis';", 'const redis = new Redis();',
      'export class Jobs {', '  constructor(private readonly registry: SchedulerRegistry) {}',
      "  start() { this.registry.addInterval('sync', setInterval(() => { void redis.incr('n'); }, 1000)); }", '}'],
    locations: ['src/app.ts:6 redis write ioredis'], hazards: ['src/app.ts:6 per-replica-timer'],
  },
  {
    id: '@nestjs/schedule', what: '@Cron on a method that writes runs in every replica; @Interval on one that only reads does not count',
    code: ["import { Injectable } from '@nestjs/common';", "import { Cron, CronExpression, Interval } from '@nestjs/schedule';", "import Redis from 'ioredis';", 'const redis = new Redis();',
      '@Injectable()', 'export class Jobs {', '  @Cron(CronExpression.EVERY_MINUTE)', "  async sync() { await redis.set('last', Date.now()); }", '  @Interval(5000)', "  async peek() { return redis.get('last'); }", '}'],
    locations: ['src/app.ts:10 redis read ioredis', 'src/app.ts:8 redis write ioredis'], hazards: ['src/app.ts:7 per-replica-timer'],
  },
  {
    id: 'limiter', what: 'a module-level token bucket counts in this process',
    code: ["import { RateLimiter } from 'limiter';", "const limiter = new RateLimiter({ tokensPerInterval: 10, interval: 'second' });", 'export const take = () => limiter.removeTokens(1);'],
    locations: ['src/app.ts:2 memory readwrite in-process', 'src/app.ts:3 memory readwrite limiter'], hazards: ['src/app.ts:2 memory-rate-limit'],
  },
  {
    id: 'bottleneck', what: 'in memory by default, a memory-rate-limit hazard when held for the process (hackclub/scrappy, set 20); datastore: ioredis shares the limits through Redis',
    code: ["import Bottleneck from 'bottleneck';", 'const local = new Bottleneck({ maxConcurrent: 1 });', "const shared = new Bottleneck({ datastore: 'ioredis', clientOptions: { host: 'redis' } });",
      'export const a = (f: () => Promise<void>) => local.schedule(f);', 'export const b = (f: () => Promise<void>) => shared.schedule(f);'],
    locations: ['src/app.ts:2 memory readwrite in-process', 'src/app.ts:4 memory readwrite bottleneck', 'src/app.ts:5 redis readwrite bottleneck'], hazards: ['src/app.ts:2 memory-rate-limit'],
  },
  {
    id: 'bottleneck', what: 'a limiter used only while the process starts (pacing a listing done once) is a low-confidence note',
    code: ["import Bottleneck from 'bottleneck';", 'const limiter = new Bottleneck({ maxConcurrent: 1 });', 'async function warmUp(load: () => Promise<void>) {', '  await limiter.schedule(load);', '}', 'warmUp(async () => {});'],
    locations: ['src/app.ts:4 memory readwrite bottleneck'],
  },
  {
    id: 'bottleneck', what: 'a limiter made per call (one job\'s own pacing) is no state of the process',
    code: ["import Bottleneck from 'bottleneck';", 'export async function crawl(urls: string[], get: (u: string) => Promise<void>) {', '  const pace = new Bottleneck({ minTime: 200 });', '  await Promise.all(urls.map((u) => pace.schedule(() => get(u))));', '}'],
    locations: ['src/app.ts:4 memory readwrite bottleneck'],
  },
  {
    id: 'express-slow-down', what: 'without a store it counts in this process',
    code: ["import express from 'express';", "import { slowDown } from 'express-slow-down';", 'const app = express();', 'app.use(slowDown({ windowMs: 60_000, delayAfter: 5, delayMs: () => 500 }));', 'app.listen(3000);'],
    locations: ['src/app.ts:4 memory readwrite express-slow-down', 'src/app.ts:4 memory readwrite in-process'], hazards: ['src/app.ts:4 memory-rate-limit'],
  },
  {
    id: '@nestjs/throttler', what: 'ThrottlerModule.forRoot without storage counts in this process',
    code: ["import { Module } from '@nestjs/common';", "import { ThrottlerModule } from '@nestjs/throttler';", '@Module({ imports: [ThrottlerModule.forRoot([{ ttl: 60_000, limit: 10 }])] })', 'export class AppModule {}'],
    locations: ['src/app.ts:3 memory readwrite @nestjs/throttler', 'src/app.ts:3 memory readwrite in-process'], hazards: ['src/app.ts:3 memory-rate-limit'],
  },
  {
    id: '@upstash/ratelimit', what: 'a Ratelimit over an Upstash Redis client counts in Redis',
    code: ["import { Ratelimit } from '@upstash/ratelimit';", "import { Redis } from '@upstash/redis';", 'const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(10, \'10 s\') });', 'export const check = (ip: string) => ratelimit.limit(ip);'],
    locations: ['src/app.ts:4 redis readwrite @upstash/ratelimit'],
  },
  {
    id: 'graphql-subscriptions', what: 'an in-memory PubSub: publish writes, asyncIterator reads this process\'s events',
    code: ["import { PubSub } from 'graphql-subscriptions';", 'const pubsub = new PubSub();', "export const post = (m: string) => pubsub.publish('MESSAGE', { m });", "export const listen = () => pubsub.asyncIterator(['MESSAGE']);"],
    locations: ['src/app.ts:3 memory write graphql-subscriptions', 'src/app.ts:4 memory read graphql-subscriptions'],
  },
  {
    id: 'graphql-redis-subscriptions', what: 'RedisPubSub publishes through Redis',
    code: ["import { RedisPubSub } from 'graphql-redis-subscriptions';", 'const pubsub = new RedisPubSub();', "export const post = (m: string) => pubsub.publish('MESSAGE', { m });"],
    locations: ['src/app.ts:3 redis write graphql-redis-subscriptions'],
  },
  {
    id: 'sqs-consumer', what: 'Consumer.create reads a queue',
    code: ["import { Consumer } from 'sqs-consumer';", 'const app = Consumer.create({ queueUrl: process.env.QUEUE_URL!, handleMessage: async () => undefined });', 'app.start();'],
    locations: ['src/app.ts:2 sqs read sqs-consumer'],
  },
  {
    id: 'sqs-producer', what: 'producer.send writes a queue',
    code: ["import { Producer } from 'sqs-producer';", 'const producer = Producer.create({ queueUrl: process.env.QUEUE_URL!, region: \'eu-west-1\' });', "export const push = (body: string) => producer.send([{ id: '1', body }]);"],
    locations: ['src/app.ts:3 sqs write sqs-producer'],
  },
  {
    id: 'graphile-worker', what: 'quickAddJob writes a job into Postgres',
    code: ["import { quickAddJob } from 'graphile-worker';", "export const later = (to: string) => quickAddJob({ connectionString: process.env.DATABASE_URL }, 'send_email', { to });"],
    locations: ['src/app.ts:2 postgres write graphile-worker'],
  },
  {
    id: 'node-resque', what: 'queue.enqueue writes Redis',
    code: ["import { Queue } from 'node-resque';", 'const queue = new Queue({ connection: { host: \'redis\' } });', "export const push = (a: number) => queue.enqueue('math', 'add', [a, 1]);"],
    locations: ['src/app.ts:3 redis write node-resque'],
  },
  {
    id: 'kue', what: 'queue.create(…).save() writes Redis',
    code: ["import kue from 'kue';", 'const queue = kue.createQueue();', "export const push = (to: string) => queue.create('email', { to }).save();"],
    locations: ['src/app.ts:3 redis write kue'],
  },
  {
    id: 'rsmq', what: 'sendMessage writes and receiveMessage takes from Redis',
    code: ["import RedisSMQ from 'rsmq';", "const rsmq = new RedisSMQ({ host: 'redis', ns: 'rsmq' });", "export const push = (message: string) => rsmq.sendMessageAsync({ qname: 'jobs', message });", "export const pop = () => rsmq.receiveMessageAsync({ qname: 'jobs' });"],
    locations: ['src/app.ts:3 redis write rsmq', 'src/app.ts:4 redis readwrite rsmq'],
  },
];

runCases(CASES);

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lines, scan } from '../../helpers/entry-cases';

// One describe per entry of src/catalog/entries/messaging.ts: a use written as the library's docs show
// it, and a look-alike that must not be reported.

describe('kafkajs', () => {
  test('producer.send writes, consumer.subscribe and run read', () => {
    const { locations } = scan(
      lines(
        "const { Kafka } = require('kafkajs');",
        "const kafka = new Kafka({ clientId: 'my-app', brokers: ['kafka1:9092', 'kafka2:9092'] });",
        'const producer = kafka.producer();',
        "const consumer = kafka.consumer({ groupId: 'test-group' });",
        'export async function main() {',
        '  await producer.connect();',
        "  await producer.send({ topic: 'test-topic', messages: [{ value: 'Hello KafkaJS user!' }] });",
        "  await consumer.subscribe({ topic: 'test-topic', fromBeginning: true });",
        '  await consumer.run({ eachMessage: async ({ message }) => console.log(message.value?.toString()) });',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:7 kafka write kafkajs', 'src/app.ts:8 kafka read kafkajs', 'src/app.ts:9 kafka read kafkajs']);
  });

  test('a Producer-typed constructor parameter (DI) is a client', () => {
    const { locations } = scan(
      lines(
        "import type { Producer } from 'kafkajs';",
        'export class Events {',
        '  constructor(private readonly producer: Producer) {}',
        "  emit(value: string) { return this.producer.send({ topic: 'events', messages: [{ value }] }); }",
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 kafka write kafkajs']);
  });

  test('look-alike: send on an Express response and on a WebSocket', () => {
    const { locations } = scan(
      lines(
        "import express from 'express';",
        "import { WebSocket } from 'ws';",
        'const app = express();',
        "const ws = new WebSocket('wss://example.com');",
        "app.get('/', (req, res) => { ws.send('hi'); res.send('ok'); });",
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('@confluentinc/kafka-javascript', () => {
  test('the KafkaJS-compatible API', () => {
    const { locations } = scan(
      lines(
        "const { Kafka } = require('@confluentinc/kafka-javascript').KafkaJS;",
        "const kafka = new Kafka({ kafkaJS: { brokers: ['localhost:9092'] } });",
        'const producer = kafka.producer();',
        "export const emit = (value: string) => producer.send({ topic: 'test-topic', messages: [{ value }] });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 kafka write @confluentinc/kafka-javascript']);
  });

  test('the node-rdkafka-compatible API: produce writes, consume reads', () => {
    const { locations } = scan(
      lines(
        "import Kafka from '@confluentinc/kafka-javascript';",
        "const producer = new Kafka.Producer({ 'metadata.broker.list': 'localhost:9092' });",
        "const consumer = new Kafka.KafkaConsumer({ 'group.id': 'g', 'metadata.broker.list': 'localhost:9092' }, {});",
        "export const emit = () => producer.produce('topic', null, Buffer.from('m'));",
        'export const poll = () => consumer.consume(10);',
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:4 kafka write @confluentinc/kafka-javascript',
      'src/app.ts:5 kafka read @confluentinc/kafka-javascript',
    ]);
  });

  test('look-alike: connecting and disconnecting is not messaging', () => {
    const { locations } = scan(
      lines(
        "import { KafkaJS } from '@confluentinc/kafka-javascript';",
        "const admin = new KafkaJS.Kafka({ kafkaJS: { brokers: ['b:9092'] } }).admin();",
        'export const start = async () => { await admin.connect(); await admin.disconnect(); };',
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('node-rdkafka', () => {
  test('Producer.produce writes, KafkaConsumer.subscribe/consume read', () => {
    const { locations } = scan(
      lines(
        "const Kafka = require('node-rdkafka');",
        "const producer = new Kafka.Producer({ 'metadata.broker.list': 'localhost:9092' });",
        "const consumer = new Kafka.KafkaConsumer({ 'group.id': 'kafka', 'metadata.broker.list': 'localhost:9092' }, {});",
        'producer.connect();',
        "producer.on('ready', () => {",
        "  producer.produce('topic', null, Buffer.from('Awesome message'), 'Stormwind', Date.now());",
        '});',
        "consumer.on('ready', () => {",
        "  consumer.subscribe(['librdtesting-01']);",
        '  consumer.consume();',
        '});',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:10 kafka read node-rdkafka', 'src/app.ts:6 kafka write node-rdkafka', 'src/app.ts:9 kafka read node-rdkafka']);
  });

  test('a producer write stream writes; a consumer read stream reads', () => {
    const { locations } = scan(
      lines(
        "import Kafka from 'node-rdkafka';",
        "const stream = Kafka.Producer.createWriteStream({ 'metadata.broker.list': 'kafka-host1:9092' }, {}, { topic: 'topic-name' });",
        "export const emit = () => stream.write(Buffer.from('Awesome message'));",
        "const input = Kafka.KafkaConsumer.createReadStream({ 'group.id': 'g', 'metadata.broker.list': 'k:9092' }, {}, { topics: ['t'] });",
        "input.on('data', (m: any) => console.log(m.value.toString()));",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 kafka write node-rdkafka', 'src/app.ts:4 kafka read node-rdkafka']);
  });

  test('look-alike: poll settings and events', () => {
    const { locations } = scan(
      lines("import Kafka from 'node-rdkafka';", "const producer = new Kafka.Producer({ 'metadata.broker.list': 'k:9092' });", 'producer.setPollInterval(100);', "producer.on('event.error', () => {});"),
    );
    assert.deepEqual(locations, []);
  });
});

describe('amqplib', () => {
  test('promise API: sendToQueue writes, consume reads', () => {
    const { locations } = scan(
      lines(
        "const amqplib = require('amqplib');",
        "const queue = 'tasks';",
        'export async function main() {',
        "  const conn = await amqplib.connect('amqp://localhost');",
        '  const ch1 = await conn.createChannel();',
        '  await ch1.assertQueue(queue);',
        '  ch1.consume(queue, (msg: any) => { if (msg) ch1.ack(msg); });',
        '  const ch2 = await conn.createChannel();',
        "  ch2.sendToQueue(queue, Buffer.from('something to do'));",
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:7 rabbitmq read amqplib', 'src/app.ts:9 rabbitmq write amqplib']);
  });

  test('a Channel-typed parameter publishes', () => {
    const { locations } = scan(
      lines("import type { Channel } from 'amqplib';", "export const publish = (ch: Channel, body: Buffer) => ch.publish('logs', '', body);"),
    );
    assert.deepEqual(locations, ['src/app.ts:2 rabbitmq write amqplib']);
  });

  test('look-alike: declaring topology and acknowledging are not data', () => {
    const { locations } = scan(
      lines(
        "import amqp from 'amqplib';",
        'export async function setup() {',
        "  const conn = await amqp.connect('amqp://localhost');",
        '  const ch = await conn.createChannel();',
        "  await ch.assertExchange('logs', 'fanout', { durable: false });",
        "  await ch.bindQueue('q', 'logs', '');",
        '  await ch.prefetch(1);',
        '}',
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('amqp-connection-manager', () => {
  test('channelWrapper.sendToQueue writes', () => {
    const { locations } = scan(
      lines(
        "const amqp = require('amqp-connection-manager');",
        "const connection = amqp.connect(['amqp://localhost']);",
        'const channelWrapper = connection.createChannel({',
        '  json: true,',
        "  setup: (channel: any) => channel.assertQueue('rxQueueName', { durable: true }),",
        '});',
        "export const send = () => channelWrapper.sendToQueue('rxQueueName', { hello: 'world' });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:7 rabbitmq write amqp-connection-manager']);
  });

  test('look-alike: waiting for the connection is not data', () => {
    const { locations } = scan(
      lines("import amqp from 'amqp-connection-manager';", "const cw = amqp.connect(['amqp://localhost']).createChannel();", 'export const ready = () => cw.waitForConnect();'),
    );
    assert.deepEqual(locations, []);
  });
});

describe('nats', () => {
  test('publish writes, subscribe reads, request is both; JetStream KV put/get', () => {
    const { locations } = scan(
      lines(
        "import { connect, StringCodec } from 'nats';",
        "const nc = await connect({ servers: 'demo.nats.io:4222' });",
        'const sc = StringCodec();',
        "const sub = nc.subscribe('hello');",
        "nc.publish('hello', sc.encode('world'));",
        "const m = await nc.request('time', sc.encode(''), { timeout: 1000 });",
        "const kv = await nc.jetstream().views.kv('profiles');",
        "await kv.put('sue.color', 'blue');",
        "const e = await kv.get('sue.color');",
      ),
    );
    assert.deepEqual(locations, [
      'src/app.ts:4 nats read nats',
      'src/app.ts:5 nats write nats',
      'src/app.ts:6 nats readwrite nats',
      'src/app.ts:8 nats write nats',
      'src/app.ts:9 nats read nats',
    ]);
  });

  test('the v3 modules: jetstream(nc).publish, new Kvm(nc).open(bucket).get', () => {
    const { locations } = scan(
      lines(
        "import { connect } from '@nats-io/transport-node';",
        "import { jetstream } from '@nats-io/jetstream';",
        "import { Kvm } from '@nats-io/kv';",
        "const nc = await connect({ servers: 'localhost:4222' });",
        'const js = jetstream(nc);',
        "export const emit = () => js.publish('orders.created', JSON.stringify({ id: 1 }));",
        "const kv = await new Kvm(nc).open('profiles');",
        "export const color = () => kv.get('sue.color');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:6 nats write nats', 'src/app.ts:8 nats read nats']);
  });

  test('look-alike: drain and close are not data', () => {
    const { locations } = scan(lines("import { connect } from 'nats';", 'const nc = await connect();', 'await nc.flush();', 'await nc.drain();', 'await nc.close();'));
    assert.deepEqual(locations, []);
  });
});

describe('nsqjs', () => {
  test('a Reader consumes its topic, a Writer publishes', () => {
    const { locations } = scan(
      lines(
        "import * as nsq from 'nsqjs';",
        "const reader = new nsq.Reader('raw_events', 'processor', { lookupdHTTPAddresses: '127.0.0.1:4161' });",
        "reader.on('message', (msg) => msg.finish());",
        'reader.connect();',
        "const writer = new nsq.Writer('127.0.0.1', 4150);",
        "writer.on('ready', () => writer.publish('normalized_events', { id: 1 }));",
        'writer.connect();',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 nsq read nsqjs', 'src/app.ts:6 nsq write nsqjs']);
  });

  test('look-alike: connect, pause and close move no message', () => {
    const { locations } = scan(lines("import { Writer } from 'nsqjs';", "const w = new Writer('127.0.0.1', 4150);", 'w.connect();', 'w.pause();', 'w.close();'));
    assert.deepEqual(locations, []);
  });
});

describe('mqtt', () => {
  test('subscribe reads, publish writes', () => {
    const { locations } = scan(
      lines(
        "const mqtt = require('mqtt');",
        "const client = mqtt.connect('mqtt://test.mosquitto.org');",
        "client.on('connect', () => {",
        "  client.subscribe('presence', (err: Error | null) => {",
        "    if (!err) client.publish('presence', 'Hello mqtt');",
        '  });',
        '});',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 mqtt read mqtt', 'src/app.ts:5 mqtt write mqtt']);
  });

  test('connectAsync and publishAsync', () => {
    const { locations } = scan(
      lines("import mqtt from 'mqtt';", "const client = await mqtt.connectAsync('mqtt://test.mosquitto.org');", "await client.publishAsync('wow/so/cool', 'test message');"),
    );
    assert.deepEqual(locations, ['src/app.ts:3 mqtt write mqtt']);
  });

  test('look-alike: unsubscribe and end', () => {
    const { locations } = scan(lines("import mqtt from 'mqtt';", "const client = mqtt.connect('mqtt://broker');", "client.unsubscribe('presence');", 'client.end();'));
    assert.deepEqual(locations, []);
  });
});

describe('mqtt: the client as a handler factory is typed', () => {
  test('a parameter typed by the binding it is the value of (`const enable: (client: MqttClient) => RequestHandler = (client) => …`), imported from `mqtt/*`', () => {
    const { locations } = scan(
      lines(
        "import type { RequestHandler } from 'express';",
        "import { MqttClient } from 'mqtt/*';",
        'export const enable: (client: MqttClient | undefined) => RequestHandler = (client) => async (req, res) => {',
        "  client?.publish(`cmnd/${req.params.topic}/Power`, 'ON');",
        '  res.end();',
        '};',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 mqtt write mqtt']);
  });

  test('look-alike: the same handler whose binding declares no type says nothing of its parameter', () => {
    const { locations } = scan(
      lines(
        "export const enable = (client: any) => async (req: any, res: any) => {",
        "  client?.publish(`cmnd/${req.params.topic}/Power`, 'ON');",
        '  res.end();',
        '};',
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('aedes', () => {
  test('a broker in the process, no shared emitter: memory, and its clients are reached only through this replica', () => {
    const { hazards, locations } = scan(
      lines(
        "import Aedes from 'aedes';",
        "import { createServer } from 'net';",
        'const aedes = new Aedes();',
        'createServer(aedes.handle).listen(1883);',
        "export const announce = (text: string) => aedes.publish({ cmd: 'publish', topic: 'news', payload: text, qos: 0, retain: false, dup: false }, () => {});",
      ),
    );
    assert.deepEqual(hazards, ['src/app.ts:3 socket-rooms-no-adapter']);
    assert.deepEqual(locations, ['src/app.ts:3 memory readwrite in-process', 'src/app.ts:5 memory write aedes']);
  });

  test('brokers linked through a Redis emitter (`mq: mqemitterRedis()`, mqemitter-redis): Redis, no hazard', () => {
    const { hazards, locations } = scan(
      lines(
        "import Aedes from 'aedes';",
        "import mqemitterRedis from 'mqemitter-redis';",
        'const aedes = new Aedes({ mq: mqemitterRedis({ host: process.env.REDIS_HOST }) });',
        "export const announce = (text: string) => aedes.publish({ cmd: 'publish', topic: 'news', payload: text, qos: 0, retain: false, dup: false }, () => {});",
      ),
    );
    assert.deepEqual(hazards, []);
    assert.ok(locations.some((l) => l.startsWith('src/app.ts:4 redis write')), locations.join('\n'));
  });

  test('mqemitter-mongodb links them through MongoDB: no hazard', () => {
    const { hazards } = scan(
      lines(
        "import { createBroker } from 'aedes';",
        "import mqemitterMongo from 'mqemitter-mongodb';",
        "export const broker = createBroker({ mq: mqemitterMongo({ url: process.env.MONGO_URL }) });",
      ),
    );
    assert.deepEqual(hazards, []);
  });
});

describe('@aws-sdk/client-sqs', () => {
  test('commands sent through SQSClient: SendMessage writes, ReceiveMessage reads', () => {
    const { locations } = scan(
      lines(
        "import { SQSClient, SendMessageCommand, ReceiveMessageCommand, DeleteMessageCommand } from '@aws-sdk/client-sqs';",
        "const client = new SQSClient({ region: 'us-east-1' });",
        'const QueueUrl = process.env.QUEUE_URL!;',
        'export async function f() {',
        "  await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello' }));",
        '  const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));',
        "  await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: Messages![0].ReceiptHandle! }));",
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 sqs write @aws-sdk/client-sqs', 'src/app.ts:6 sqs read @aws-sdk/client-sqs', 'src/app.ts:7 sqs write @aws-sdk/client-sqs']);
  });

  test('the aggregated SQS client', () => {
    const { locations } = scan(
      lines("import { SQS } from '@aws-sdk/client-sqs';", 'const sqs = new SQS({});', "export const poll = () => sqs.receiveMessage({ QueueUrl: 'q' });"),
    );
    assert.deepEqual(locations, ['src/app.ts:3 sqs read @aws-sdk/client-sqs']);
  });

  test('look-alike: a command made but sent by nobody, and destroy', () => {
    const { locations } = scan(
      lines(
        "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';",
        'const client = new SQSClient({});',
        "export const cmd = new SendMessageCommand({ QueueUrl: 'q', MessageBody: 'b' });",
        'export const stop = () => client.destroy();',
      ),
    );
    assert.deepEqual(locations, []);
  });
});

describe('@aws-sdk/client-sns', () => {
  test('PublishCommand writes; the aggregated client lists topics', () => {
    const { locations } = scan(
      lines(
        "import { SNSClient, PublishCommand, SNS } from '@aws-sdk/client-sns';",
        'const snsClient = new SNSClient({});',
        'const sns = new SNS({});',
        "export const notify = (m: string) => snsClient.send(new PublishCommand({ Message: m, TopicArn: 'arn:aws:sns:us-east-1:1:topic' }));",
        'export const topics = () => sns.listTopics({});',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 sns write @aws-sdk/client-sns', 'src/app.ts:5 sns read @aws-sdk/client-sns']);
  });

  test('look-alike: SNS imported from a local module', () => {
    const { locations } = scan(lines("import { SNS } from './sns';", 'const sns = new SNS();', "export const notify = () => sns.publish('x');"), {
      'src/sns.ts': lines('export class SNS { publish(_m: string) {} }'),
    });
    assert.deepEqual(locations, []);
  });
});

describe('@aws-sdk/client-kinesis', () => {
  test('PutRecordCommand writes, GetRecordsCommand reads', () => {
    const { locations } = scan(
      lines(
        "import { KinesisClient, PutRecordCommand, GetRecordsCommand } from '@aws-sdk/client-kinesis';",
        'const kinesis = new KinesisClient({});',
        "export const put = (d: Uint8Array) => kinesis.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'k', Data: d }));",
        "export const get = (ShardIterator: string) => kinesis.send(new GetRecordsCommand({ ShardIterator }));",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 kinesis write @aws-sdk/client-kinesis', 'src/app.ts:4 kinesis read @aws-sdk/client-kinesis']);
  });

  test('look-alike: the client made, only destroyed', () => {
    const { locations } = scan(lines("import { KinesisClient } from '@aws-sdk/client-kinesis';", 'new KinesisClient({}).destroy();'));
    assert.deepEqual(locations, []);
  });
});

describe('@aws-sdk/client-firehose', () => {
  test('PutRecordBatchCommand writes to a delivery stream', () => {
    const { locations } = scan(
      lines(
        "import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';",
        'const firehose = new FirehoseClient({});',
        "export const flush = (Records: { Data: Uint8Array }[]) => firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: 'logs', Records }));",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 kinesis write @aws-sdk/client-firehose']);
  });

  test('look-alike: a Firehose client only configured', () => {
    const { locations } = scan(lines("import { Firehose } from '@aws-sdk/client-firehose';", "export const firehose = new Firehose({ region: 'eu-west-1' });"));
    assert.deepEqual(locations, []);
  });
});

describe('@google-cloud/pubsub', () => {
  test('topic(…).publishMessage writes, subscription(…) reads', () => {
    const { locations } = scan(
      lines(
        "const { PubSub } = require('@google-cloud/pubsub');",
        'const pubSubClient = new PubSub();',
        'export async function publish(data: string) {',
        "  return pubSubClient.topic('my-topic').publishMessage({ data: Buffer.from(data) });",
        '}',
        'export function listen() {',
        "  const subscription = pubSubClient.subscription('my-sub');",
        "  subscription.on('message', (m: any) => m.ack());",
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 pubsub write @google-cloud/pubsub', 'src/app.ts:7 pubsub read @google-cloud/pubsub']);
  });

  test('look-alike: naming a topic is not publishing', () => {
    const { locations } = scan(lines("import { PubSub } from '@google-cloud/pubsub';", "export const topic = new PubSub().topic('my-topic');"));
    assert.deepEqual(locations, []);
  });
});

describe('bullmq', () => {
  test('Queue.add writes Redis; a Worker reads it', () => {
    const { locations } = scan(
      lines(
        "import { Queue, Worker } from 'bullmq';",
        "const connection = { host: 'localhost', port: 6379 };",
        "const myQueue = new Queue('foo', { connection });",
        "export const enqueue = () => myQueue.add('myJobName', { foo: 'bar' });",
        "const worker = new Worker('foo', async (job) => console.log(job.data), { connection });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 redis write bullmq', 'src/app.ts:5 redis read bullmq']);
  });

  test('look-alike: a local class named Queue', () => {
    const { locations } = scan(
      lines('class Queue<T> { items: T[] = []; add(x: T) { this.items.push(x); } }', 'export function f() {', '  const q = new Queue<number>();', '  q.add(1);', '}'),
    );
    assert.deepEqual(locations, []);
  });
});

describe('bull', () => {
  test('process reads, add writes', () => {
    const { locations } = scan(
      lines(
        "const Queue = require('bull');",
        "const videoQueue = new Queue('video transcoding', 'redis://127.0.0.1:6379');",
        'videoQueue.process((job: any, done: () => void) => done());',
        "export const enqueue = () => videoQueue.add({ video: 'http://example.com/video1.mov' });",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 redis read bull', 'src/app.ts:4 redis write bull']);
  });

  test('look-alike: events and close', () => {
    const { locations } = scan(lines("import Queue from 'bull';", "const q = new Queue('q');", "q.on('completed', () => {});", 'export const stop = () => q.close();'));
    assert.deepEqual(locations, []);
  });
});

describe('bee-queue', () => {
  test('createJob(…).save() writes where it is saved; process reads', () => {
    const { locations } = scan(
      lines(
        "const Queue = require('bee-queue');",
        "const queue = new Queue('example');",
        'export function enqueue() {',
        '  const job = queue.createJob({ x: 2, y: 3 });',
        '  return job.timeout(3000).retries(2).save();',
        '}',
        'queue.process(async (job: any) => job.data.x + job.data.y);',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 redis write bee-queue', 'src/app.ts:7 redis read bee-queue']);
  });

  test('look-alike: a job made but never saved', () => {
    const { locations } = scan(lines("import Queue from 'bee-queue';", "const queue = new Queue('example');", 'export const draft = () => queue.createJob({ x: 1 });'));
    assert.deepEqual(locations, []);
  });
});

describe('pg-boss', () => {
  test('send writes Postgres, work reads it', () => {
    const { locations } = scan(
      lines(
        "const PgBoss = require('pg-boss');",
        "const boss = new PgBoss('postgres://user:pass@host/database');",
        "const queue = 'readme-queue';",
        'export async function main() {',
        '  await boss.start();',
        '  await boss.createQueue(queue);',
        "  await boss.send(queue, { arg1: 'read me' });",
        '  await boss.work(queue, async ([job]: any[]) => console.log(job.id));',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:6 postgres write pg-boss', 'src/app.ts:7 postgres write pg-boss', 'src/app.ts:8 postgres read pg-boss']);
  });

  test('look-alike: start and stop are not data', () => {
    const { locations } = scan(lines("import PgBoss from 'pg-boss';", 'const boss = new PgBoss(process.env.DATABASE_URL!);', 'await boss.start();', 'await boss.stop();'));
    assert.deepEqual(locations, []);
  });
});

describe('agenda', () => {
  test('define reads, every and schedule write MongoDB', () => {
    const { locations } = scan(
      lines(
        "const Agenda = require('agenda');",
        "const agenda = new Agenda({ db: { address: 'mongodb://127.0.0.1/agenda' } });",
        "agenda.define('delete old users', async (job: any) => {});",
        'export async function start() {',
        '  await agenda.start();',
        "  await agenda.every('3 minutes', 'delete old users');",
        "  await agenda.schedule('in 20 minutes', 'send email report', { to: 'admin@example.com' });",
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 mongodb read agenda', 'src/app.ts:6 mongodb write agenda', 'src/app.ts:7 mongodb write agenda']);
  });

  test('look-alike: an array named agenda with every()', () => {
    const { locations } = scan(lines("const agenda = ['intro', 'demo'];", 'export const allShort = () => agenda.every((item) => item.length < 10);'));
    assert.deepEqual(locations, []);
  });
});

describe('engine gaps', () => {
  test('SNS: SubscribeCommand creates a subscription (a write, as the entry lists `subscribe`), but command names are classified by verb only', () => {
    const { locations } = scan(
      lines(
        "import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';",
        'const sns = new SNSClient({});',
        "export const sub = () => sns.send(new SubscribeCommand({ TopicArn: 'arn:aws:sns:us-east-1:1:t', Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:1:q' }));",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 sns write @aws-sdk/client-sns']);
  });

  test('NATS KV: kvm.create(bucket) writes and returns the bucket, whose put must still be found', () => {
    const { locations } = scan(
      lines(
        "import { connect } from '@nats-io/transport-node';",
        "import { Kvm } from '@nats-io/kv';",
        'const nc = await connect();',
        "const kv = await new Kvm(nc).create('profiles');",
        "await kv.put('sue.color', 'blue');",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 nats write nats', 'src/app.ts:5 nats write nats']);
  });
});

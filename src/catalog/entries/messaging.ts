import type { OpTable, StoreModel } from '../types';

const KAFKAJS_OPS: OpTable = {
  write: ['send', 'sendBatch', 'createTopics', 'deleteTopics', 'createPartitions', 'commitOffsets', 'setOffsets', 'deleteTopicRecords'],
  read: ['subscribe', 'run', 'fetchTopicMetadata', 'fetchOffsets', 'fetchTopicOffsets', 'listTopics', 'describeGroups'],
  navigate: ['producer', 'consumer', 'admin', 'transaction'],
  ignore: ['connect', 'disconnect', 'on', 'seek', 'pause', 'resume', 'stop', 'logger', 'events'],
  fallback: 'ignore',
};

const QUEUE_OPS: OpTable = {
  write: ['add', 'addBulk', 'save', 'empty', 'clean', 'obliterate', 'drain', 'remove', 'retryJobs', 'promoteJobs', 'pause', 'resume', 'upsertJobScheduler', 'removeJobScheduler'],
  read: ['process', 'getJob', 'getJobs', 'getJobCounts', 'getWaiting', 'getActive', 'getCompleted', 'getFailed', 'getDelayed', 'count', 'getJobCountByTypes', 'checkHealth'],
  // bee-queue: `createJob(data)` only builds the job; its `save()` writes it
  navigate: ['createJob'],
  ignore: ['on', 'close', 'disconnect', 'waitUntilReady', 'run', 'isReady'],
  fallback: 'ignore',
};

function awsMessaging(id: string, kind: 'sqs' | 'sns' | 'kinesis', factories: string[], read: string[], write: string[]): StoreModel {
  return {
    id, docs: `https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/${id.replace('@aws-sdk/client-', '')}/`, modules: [id], kind,
    factories, types: factories, ops: { command: ['send'], read, write, ignore: ['destroy'], fallback: 'ignore' },
  };
}

/** Message brokers, streams and job queues. */
export const messagingModels: StoreModel[] = [
  {
    id: 'kafkajs', docs: 'https://kafka.js.org/docs/producing', modules: ['kafkajs'], kind: 'kafka', factories: ['Kafka'],
    types: ['Producer', 'Consumer', 'Admin', 'Kafka'], ops: KAFKAJS_OPS,
  },
  {
    id: '@confluentinc/kafka-javascript', docs: 'https://docs.confluent.io/kafka-clients/javascript/current/overview.html', modules: ['@confluentinc/kafka-javascript'],
    kind: 'kafka', factories: ['KafkaJS.Kafka', 'Kafka', 'Producer', 'KafkaConsumer', 'HighLevelProducer'],
    ops: { ...KAFKAJS_OPS, write: [...(KAFKAJS_OPS.write ?? []), 'produce', 'flush'], read: [...(KAFKAJS_OPS.read ?? []), 'consume'] },
  },
  {
    id: 'node-rdkafka', docs: 'https://github.com/Blizzard/node-rdkafka#readme', modules: ['node-rdkafka'], kind: 'kafka',
    factories: ['Producer', 'KafkaConsumer', 'HighLevelProducer', 'Producer.createWriteStream', 'KafkaConsumer.createReadStream', 'AdminClient.create'],
    ops: {
      // `write` is the producer write stream's (`Producer.createWriteStream(…).write(buf)`)
      write: ['produce', 'write', 'flush', 'commit', 'commitMessage', 'createTopic', 'deleteTopic'], read: ['consume', 'subscribe', 'getMetadata', 'queryWatermarkOffsets'],
      construct: { 'KafkaConsumer.createReadStream': 'read' }, ignore: ['connect', 'disconnect', 'on', 'setPollInterval'], fallback: 'ignore',
    },
  },
  {
    id: 'amqplib', docs: 'https://amqp-node.github.io/amqplib/channel_api.html', modules: ['amqplib', 'amqplib/callback_api'], kind: 'rabbitmq',
    factories: ['connect'], types: ['Channel', 'Connection', 'ConfirmChannel'],
    ops: { targetArgs: 'all',
      write: ['sendToQueue', 'publish', 'purgeQueue', 'deleteQueue', 'deleteExchange'], read: ['consume', 'get'],
      navigate: ['createChannel', 'createConfirmChannel'],
      ignore: ['assertQueue', 'assertExchange', 'bindQueue', 'unbindQueue', 'bindExchange', 'checkQueue', 'checkExchange', 'prefetch', 'ack', 'ackAll', 'nack', 'nackAll', 'reject', 'cancel', 'recover', 'close', 'on', 'waitForConfirms'],
      fallback: 'ignore',
    },
  },
  {
    id: 'amqp-connection-manager', docs: 'https://github.com/jwalton/node-amqp-connection-manager#readme', modules: ['amqp-connection-manager'], kind: 'rabbitmq',
    factories: ['connect'], types: ['ChannelWrapper', 'AmqpConnectionManager'],
    ops: { targetArgs: 'all', write: ['sendToQueue', 'publish'], read: ['consume', 'get'], navigate: ['createChannel'], ignore: ['addSetup', 'removeSetup', 'waitForConnect', 'close', 'on', 'ack', 'nack'], fallback: 'ignore' },
  },
  {
    id: 'nats', docs: 'https://github.com/nats-io/nats.js#readme', modules: ['nats', '@nats-io/transport-node', '@nats-io/nats-core', '@nats-io/jetstream', '@nats-io/kv'], kind: 'nats',
    factories: ['connect', 'jetstream', 'jetstreamManager', 'Kvm'], types: ['NatsConnection', 'JetStreamClient'],
    ops: { targetArgs: 'all',
      write: ['publish', 'put', 'create', 'update', 'delete', 'purge'], read: ['subscribe', 'get', 'consume', 'fetch', 'watch', 'keys', 'history'],
      readwrite: ['request'], navigate: ['jetstream', 'jetstreamManager', 'views', 'kv', 'consumers', 'streams', 'os', 'open'],
      ignore: ['close', 'drain', 'flush', 'closed', 'status'], fallback: 'ignore',
      // `kvm.create('profiles')` makes the bucket and hands it back
      returnsClient: ['create'],
    },
  },
  {
    // `new nsq.Reader(topic, channel, opts)` consumes a topic's channel (each message to one reader of it), a Writer publishes
    id: 'nsqjs', docs: 'https://github.com/dudleycarr/nsqjs#readme', modules: ['nsqjs'], kind: 'nsq',
    factories: ['Reader', 'Writer'], types: ['Reader', 'Writer'],
    ops: { targetArgs: 'all', write: ['publish', 'deferPublish'], construct: { Reader: 'read' }, ignore: ['connect', 'close', 'on', 'once', 'pause', 'unpause', 'isPaused'], fallback: 'ignore' },
    consumes: ['new Reader'],
  },
  {
    // an MQTT broker inside the process: its clients, subscriptions and retained messages are this replica's unless an
    // emitter shared through Redis or MongoDB (`mq: mqemitterRedis()`) links the brokers
    id: 'aedes', docs: 'https://github.com/moscajs/aedes/blob/main/docs/Aedes.md', modules: ['aedes'], kind: 'memory',
    factories: ['', 'default', 'Aedes', 'createBroker'], types: ['Aedes'], kindFrom: { options: ['mq'] },
    ops: { write: ['publish'], read: ['subscribe'], ignore: ['handle', 'on', 'close', 'unsubscribe'], fallback: 'ignore' },
    hazard: {
      kind: 'socket-rooms-no-adapter', when: 'memory',
      message: 'Aedes brokers MQTT in this process (no shared `mq` emitter): a message published through one replica reaches only the clients connected to it, and their subscriptions and retained messages are lost on restart.',
    },
  },
  {
    id: 'mqemitter-redis', docs: 'https://github.com/mcollina/mqemitter-redis#readme', modules: ['mqemitter-redis'], kind: 'redis',
    factories: ['', 'default'], ops: { write: ['emit'], read: ['on'], ignore: ['close', 'removeListener'], fallback: 'ignore' },
  },
  {
    id: 'mqemitter-mongodb', docs: 'https://github.com/mcollina/mqemitter-mongodb#readme', modules: ['mqemitter-mongodb'], kind: 'mongodb',
    factories: ['', 'default'], ops: { write: ['emit'], read: ['on'], ignore: ['close', 'removeListener'], fallback: 'ignore' },
  },
  {
    id: 'mqtt', docs: 'https://github.com/mqttjs/MQTT.js#api', modules: ['mqtt'], kind: 'mqtt', factories: ['connect', 'connectAsync'], types: ['MqttClient'],
    ops: { targetArgs: 'all', write: ['publish', 'publishAsync'], read: ['subscribe', 'subscribeAsync'], ignore: ['end', 'endAsync', 'on', 'unsubscribe', 'reconnect'], fallback: 'ignore' },
  },
  awsMessaging('@aws-sdk/client-sqs', 'sqs', ['SQSClient', 'SQS'], ['receiveMessage', 'getQueueAttributes', 'getQueueUrl', 'listQueues'],
    ['sendMessage', 'sendMessageBatch', 'deleteMessage', 'deleteMessageBatch', 'changeMessageVisibility', 'purgeQueue', 'createQueue']),
  awsMessaging('@aws-sdk/client-sns', 'sns', ['SNSClient', 'SNS'], ['listTopics', 'getTopicAttributes', 'listSubscriptions'],
    ['publish', 'publishBatch', 'subscribe', 'createTopic', 'deleteTopic', 'unsubscribe']),
  awsMessaging('@aws-sdk/client-kinesis', 'kinesis', ['KinesisClient', 'Kinesis'], ['getRecords', 'getShardIterator', 'describeStream', 'listShards', 'subscribeToShard'],
    ['putRecord', 'putRecords', 'createStream', 'deleteStream']),
  awsMessaging('@aws-sdk/client-firehose', 'kinesis', ['FirehoseClient', 'Firehose'], ['describeDeliveryStream'], ['putRecord', 'putRecordBatch']),
  {
    id: '@google-cloud/pubsub', docs: 'https://cloud.google.com/nodejs/docs/reference/pubsub/latest', modules: ['@google-cloud/pubsub'], kind: 'pubsub',
    factories: ['PubSub', ''], types: ['PubSub', 'Topic', 'Subscription'],
    ops: { targetArgs: ['topic', 'subscription'],
      write: ['publish', 'publishMessage', 'publishJSON', 'createTopic', 'createSubscription'], read: ['subscription', 'pull'],
      navigate: ['topic'], ignore: ['close', 'on', 'flush'], fallback: 'ignore',
    },
  },
  {
    id: 'bullmq', docs: 'https://docs.bullmq.io/', modules: ['bullmq', 'bullmq-pro', '@taskforcesh/bullmq-pro'], kind: 'redis',
    factories: ['Queue', 'Worker', 'QueueEvents', 'FlowProducer', 'QueueScheduler'], types: ['Queue', 'Worker'],
    ops: { ...QUEUE_OPS, construct: { Worker: 'read', QueueEvents: 'read' } }, consumes: ['new Worker'],
  },
  {
    id: '@nestjs/bullmq', docs: 'https://docs.nestjs.com/techniques/queues', modules: ['@nestjs/bullmq'], kind: 'redis',
    // `@Processor('transcode') class Transcoder extends WorkerHost` consumes the queue's jobs
    bases: { WorkerHost: 'read' }, ops: { fallback: 'ignore' }, consumes: ['extends WorkerHost'],
  },
  {
    // Nest's module for Bull (before BullMQ): a `@Processor('webhook-delivery')` class, whose `@Process()` methods
    // handle the jobs, consumes the queue
    id: '@nestjs/bull', docs: 'https://docs.nestjs.com/techniques/queues#consumers', modules: ['@nestjs/bull'], kind: 'redis',
    factories: ['Processor'], ops: { construct: { Processor: 'read' }, fallback: 'ignore' }, consumes: ['new Processor'],
  },
  {
    id: 'bull', docs: 'https://github.com/OptimalBits/bull/blob/develop/REFERENCE.md', modules: ['bull'], kind: 'redis', factories: ['', 'default', 'Queue'],
    types: ['Queue'], ops: QUEUE_OPS, consumes: ['process'],
  },
  {
    id: 'bee-queue', docs: 'https://github.com/bee-queue/bee-queue#readme', modules: ['bee-queue'], kind: 'redis', factories: ['', 'default'],
    ops: QUEUE_OPS, consumes: ['process'],
  },
  {
    id: 'pg-boss', docs: 'https://timgit.github.io/pg-boss/', modules: ['pg-boss'], kind: 'postgres', factories: ['', 'default', 'PgBoss'],
    ops: { write: ['send', 'sendAfter', 'sendThrottled', 'sendDebounced', 'insert', 'publish', 'complete', 'fail', 'cancel', 'deleteJob', 'schedule', 'createQueue'], read: ['work', 'fetch', 'getJobById', 'getQueueSize', 'subscribe'], ignore: ['start', 'stop', 'on'], fallback: 'ignore' }, consumes: ['work'],
  },
  {
    id: 'agenda', docs: 'https://github.com/agenda/agenda#readme', modules: ['agenda', '@hokify/agenda'], kind: 'mongodb', factories: ['', 'Agenda', 'default'],
    ops: { write: ['schedule', 'every', 'now', 'create', 'cancel', 'purge', 'saveJob'], read: ['define', 'jobs'], ignore: ['start', 'stop', 'on', 'processEvery', 'maxConcurrency'], fallback: 'ignore' },
    note: 'Jobs are locked in MongoDB: one replica runs each, unlike an in-process timer.',
  },
];

/**
 * The store-kind vocabulary of ARCHITECTURE.md. Extend it, never rename it: the kinds are part of the
 * JSON contract (schemaVersion 1) and of every golden file.
 */
export const STORE_KINDS = {
  // SQL
  postgres: { label: 'PostgreSQL', family: 'sql' },
  mysql: { label: 'MySQL', family: 'sql' },
  sqlite: { label: 'SQLite', family: 'sql' },
  mssql: { label: 'SQL Server', family: 'sql' },
  oracle: { label: 'Oracle', family: 'sql' },
  sql: { label: 'SQL database', family: 'sql' },
  // documents and keys
  mongodb: { label: 'MongoDB', family: 'document' },
  dynamodb: { label: 'DynamoDB', family: 'document' },
  firestore: { label: 'Firestore', family: 'document' },
  cassandra: { label: 'Cassandra', family: 'document' },
  couchdb: { label: 'CouchDB', family: 'document' },
  neo4j: { label: 'Neo4j', family: 'document' },
  elasticsearch: { label: 'Elasticsearch', family: 'document' },
  clickhouse: { label: 'ClickHouse', family: 'document' },
  // an event-sourcing database (EventStoreDB, now KurrentDB): streams appended to and read back
  eventstore: { label: 'EventStoreDB', family: 'document' },
  'cloudflare-kv': { label: 'Workers KV', family: 'document' },
  'durable-object': { label: 'Durable Objects', family: 'document' },
  // caches
  redis: { label: 'Redis', family: 'cache' },
  memcached: { label: 'Memcached', family: 'cache' },
  // messaging
  kafka: { label: 'Kafka', family: 'messaging' },
  rabbitmq: { label: 'RabbitMQ', family: 'messaging' },
  nats: { label: 'NATS', family: 'messaging' },
  nsq: { label: 'NSQ', family: 'messaging' },
  mqtt: { label: 'MQTT', family: 'messaging' },
  sqs: { label: 'SQS', family: 'messaging' },
  sns: { label: 'SNS', family: 'messaging' },
  kinesis: { label: 'Kinesis', family: 'messaging' },
  pubsub: { label: 'Pub/Sub', family: 'messaging' },
  'cloudflare-queues': { label: 'Cloudflare Queues', family: 'messaging' },
  // objects: one family, labelled by provider (MinIO, Cloudflare R2 and other S3-compatible stores are `s3`)
  s3: { label: 'S3 object storage', family: 'object' },
  gcs: { label: 'Google Cloud Storage', family: 'object' },
  'azure-blob': { label: 'Azure Blob Storage', family: 'object' },
  // local
  filesystem: { label: 'Local filesystem', family: 'local' },
  memory: { label: 'Process memory', family: 'local' },
  // browser
  localStorage: { label: 'localStorage', family: 'browser' },
  sessionStorage: { label: 'sessionStorage', family: 'browser' },
  indexedDB: { label: 'IndexedDB', family: 'browser' },
  cookie: { label: 'Cookies', family: 'browser' },
  cacheStorage: { label: 'Cache Storage', family: 'browser' },
  // tokens
  jwt: { label: 'JWT', family: 'token' },
  // elsewhere
  'http-api': { label: 'External HTTP API', family: 'remote' },
  // config
  env: { label: 'Environment', family: 'config' },
  config: { label: 'Configuration', family: 'config' },
  secret: { label: 'Secret', family: 'config' },
  // where a deployment keeps files: a Kubernetes volume, a compose volume or bind mount
  volume: { label: 'Volume', family: 'volume' },
} as const satisfies Record<string, { label: string; family: StoreFamily }>;

export type StoreFamily =
  | 'sql' | 'document' | 'cache' | 'messaging' | 'object' | 'local' | 'browser' | 'token' | 'remote' | 'config' | 'volume';
export type StoreKind = keyof typeof STORE_KINDS;

export function isStoreKind(value: string): value is StoreKind {
  return Object.prototype.hasOwnProperty.call(STORE_KINDS, value);
}

export const HAZARD_KINDS = [
  'memory-session-store',
  'memory-rate-limit',
  'module-mutable-state',
  'in-memory-cache',
  'per-replica-timer',
  'socket-rooms-no-adapter',
  'local-file-write',
  'warm-instance-state',
  'check-then-act',
  'rwo-volume-replicas',
  'jwt-no-revocation',
  'consumer-no-dedupe',
] as const;
export type HazardKind = (typeof HAZARD_KINDS)[number];

/**
 * Hazard kinds not yet measured on a fresh labelled set (docs/accuracy.md): reported only when the config
 * file's `experimentalHazards` or the CLI's `--experimental-hazards` asks for them. `consumer-no-dedupe`
 * is not here: it is only ever a low-confidence note (lowConfidenceHazards), which counts for nothing.
 */
export const EXPERIMENTAL_HAZARDS: ReadonlySet<HazardKind> = new Set<HazardKind>(['rwo-volume-replicas', 'jwt-no-revocation']);

/** Configuration, not state: the environment, ConfigMaps, env files and secrets (hidden like `env` unless asked). */
export function isConfigKind(kind: string): boolean {
  return kind === 'env' || kind === 'config' || kind === 'secret';
}

/**
 * Hazards that mean state lives inside one process (or on its disk): two replicas disagree. A timer
 * every replica runs is a hazard (the job runs N times) but keeps no state of its own.
 */
export const IN_PROCESS_HAZARDS: ReadonlySet<HazardKind> = new Set<HazardKind>([
  'memory-session-store',
  'memory-rate-limit',
  'module-mutable-state',
  'in-memory-cache',
  'socket-rooms-no-adapter',
  'local-file-write',
  'warm-instance-state',
]);

/**
 * Names a connection string, a dialect option or a driver class may use for a kind. Keys are matched
 * against lower-cased literals exactly, and against class names (`PostgresDialect`) as substrings.
 */
export const DIALECTS: Record<string, StoreKind> = {
  postgres: 'postgres', postgresql: 'postgres', pg: 'postgres', cockroachdb: 'postgres', 'pg-native': 'postgres',
  neon: 'postgres', redshift: 'postgres', 'aurora-postgres': 'postgres', yugabytedb: 'postgres',
  mysql: 'mysql', mysql2: 'mysql', mariadb: 'mysql', 'aurora-mysql': 'mysql', planetscale: 'mysql', tidb: 'mysql',
  sqlite: 'sqlite', sqlite3: 'sqlite', 'better-sqlite3': 'sqlite', libsql: 'sqlite', 'bun:sqlite': 'sqlite', sqljs: 'sqlite',
  expo: 'sqlite', capacitor: 'sqlite', d1: 'sqlite', turso: 'sqlite',
  mssql: 'mssql', sqlserver: 'mssql', tedious: 'mssql',
  oracle: 'oracle', oracledb: 'oracle',
  mongodb: 'mongodb', 'mongodb+srv': 'mongodb', mongo: 'mongodb',
  redis: 'redis', rediss: 'redis', valkey: 'redis', ioredis: 'redis',
  memcached: 'memcached', memcache: 'memcached',
  amqp: 'rabbitmq', amqps: 'rabbitmq', rabbitmq: 'rabbitmq',
  kafka: 'kafka', nats: 'nats', mqtt: 'mqtt', mqtts: 'mqtt',
  s3: 's3', s3a: 's3', gs: 'gcs',
  file: 'filesystem',
};

/** Hosts whose HTTP API is really a store of another kind (Firebase Storage is Google Cloud Storage). */
export const HOST_KINDS: Array<[RegExp, StoreKind]> = [
  [/(^|\.)firebasestorage\.googleapis\.com$/, 'gcs'],
  [/(^|\.)storage\.googleapis\.com$/, 'gcs'],
  [/(^|\.)s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/, 's3'],
  [/(^|\.)r2\.cloudflarestorage\.com$/, 's3'],
  [/(^|\.)blob\.core\.windows\.net$/, 'azure-blob'],
  [/(^|\.)firestore\.googleapis\.com$/, 'firestore'],
];

/** The family of a kind (`gcs` and `azure-blob` are object storage like `s3`); unknown kinds are remote. */
export function storeFamily(kind: string): StoreFamily {
  return isStoreKind(kind) ? STORE_KINDS[kind].family : 'remote';
}

export function storeLabel(kind: string): string {
  return isStoreKind(kind) ? STORE_KINDS[kind].label : kind;
}

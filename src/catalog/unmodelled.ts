/**
 * Store clients the catalog knows of but does not model: when a service depends on one and imports it,
 * the map says so (a problem and a footer line) instead of silently missing its state. Each name says
 * what it reaches. A library that gets an entry leaves this list (a test checks they never overlap).
 */
export const UNMODELLED_CLIENTS: Readonly<Record<string, string>> = {
  couchbase: 'Couchbase', arangojs: 'ArangoDB', rethinkdb: 'RethinkDB', rethinkdbdash: 'RethinkDB', ravendb: 'RavenDB',
  faunadb: 'Fauna', fauna: 'Fauna', surrealdb: 'SurrealDB', 'surrealdb.js': 'SurrealDB', '@datastax/astra-db-ts': 'Astra DB',
  realm: 'Realm', gun: 'GUN', 'hazelcast-client': 'Hazelcast', aerospike: 'Aerospike', etcd3: 'etcd', consul: 'Consul',
  'node-zookeeper-client': 'ZooKeeper', '@azure/data-tables': 'Azure Table Storage', '@azure/storage-queue': 'Azure Queue Storage',
  '@azure/event-hubs': 'Azure Event Hubs', '@google-cloud/bigtable': 'Bigtable', 'snowflake-sdk': 'Snowflake', '@databricks/sql': 'Databricks SQL',
  ibm_db: 'Db2', 'odbc': 'ODBC databases', '@influxdata/influxdb-client': 'InfluxDB', influx: 'InfluxDB', '@questdb/nodejs-client': 'QuestDB',
  chromadb: 'Chroma', '@qdrant/js-client-rest': 'Qdrant', 'weaviate-ts-client': 'Weaviate',
  'weaviate-client': 'Weaviate', '@zilliz/milvus2-sdk-node': 'Milvus', lmdb: 'LMDB',
  'node-json-db': 'a JSON file database', 'tigerbeetle-node': 'TigerBeetle', '@temporalio/client': 'Temporal',
  'zeromq': 'ZeroMQ', 'stompit': 'STOMP brokers', '@stomp/stompjs': 'STOMP brokers', 'rhea': 'AMQP 1.0 brokers',
  'rhea-promise': 'AMQP 1.0 brokers', 'pulsar-client': 'Pulsar', '@aws-sdk/client-timestream-write': 'Timestream', '@aws-sdk/client-keyspaces': 'Keyspaces',
  '@aws-sdk/client-elasticache': 'ElastiCache management', 'cloudinary': 'Cloudinary', '@azure/cosmos': 'Azure Cosmos DB', '@azure/service-bus': 'Azure Service Bus',
  'convex': 'Convex', 'pocketbase': 'PocketBase', 'appwrite': 'Appwrite', 'node-appwrite': 'Appwrite', '@instantdb/react': 'InstantDB', '@instantdb/admin': 'InstantDB',
};

/** npm keywords that say a package is a store client: read from node_modules when it is installed. */
export const STORE_KEYWORDS: ReadonlySet<string> = new Set([
  'database', 'database-client', 'db-client', 'redis', 'mongodb', 'postgres', 'postgresql', 'mysql', 'sqlite', 'orm', 'nosql', 'key-value',
  'kv-store', 'object-storage', 'message-queue', 'job-queue', 'kafka', 'rabbitmq', 'amqp', 'elasticsearch', 'dynamodb', 'cassandra',
  'couchdb', 'memcached', 'vector-database', 'time-series',
]);

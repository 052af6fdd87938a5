import type { StoreModel } from '../types';

const FIRESTORE_OPS = {
  targetArgs: ['collection', 'collectionGroup', 'doc'],
  read: ['get', 'getAll', 'listDocuments', 'listCollections', 'onSnapshot', 'count', 'stream'],
  write: ['set', 'update', 'delete', 'add', 'create', 'recursiveDelete'],
  navigate: ['collection', 'doc', 'collectionGroup', 'where', 'orderBy', 'limit', 'offset', 'startAfter', 'select', 'batch'],
  ignore: ['runTransaction', 'settings', 'terminate', 'bulkWriter'],
  fallback: 'ignore',
} as const;

/** The MongoDB driver's collection methods (and the database's): its own entry and the Fastify plugin's. */
const MONGODB_OPS = {
  targetArgs: ['collection'],
  // `count`, `insert`, `update`, `remove`, `save`, `findAndModify`: the 2.x and 3.x driver's collection methods, still in
  // code written for them (callback style, `MongoClient.connect(url, (err, db) => …)`)
  read: ['find', 'findOne', 'aggregate', 'countDocuments', 'estimatedDocumentCount', 'distinct', 'watch', 'listCollections', 'listIndexes', 'count'],
  write: [
    'insertOne', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'bulkWrite', 'createIndex', 'createIndexes', 'drop',
    'dropIndex', 'dropIndexes', 'createCollection', 'dropCollection', 'dropDatabase', 'rename', 'insert', 'update', 'remove', 'save', 'ensureIndex',
  ],
  readwrite: ['findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'findAndModify', 'findAndRemove'],
  navigate: ['db', 'collection'], ignore: ['startSession', 'withSession', 'withTransaction', 'close', 'connect'], fallback: 'ignore',
  conditional: ['upsert'],
  // a collection kept as a member of the database (`db.customers = db.collection('customers')`, then
  // `db.customers.findOne(…)`): the member names it
  memberTarget: true,
} as const;

/** Document, key-value, graph, search and column stores. */
export const documentModels: StoreModel[] = [
  {
    id: 'mongodb', docs: 'https://www.mongodb.com/docs/drivers/node/current/', modules: ['mongodb'], kind: 'mongodb',
    factories: ['MongoClient', 'MongoClient.connect'], types: ['Db', 'Collection', 'MongoClient'],
    ops: MONGODB_OPS,
  },
  {
    // the Fastify plugin: `fastify.register(fastifyMongodb, { url })`, then `fastify.mongo.db.collection('x')` (or
    // `fastify.mongo.client.db(…)`); `fastify.mongo.ObjectId` is the driver's id class
    id: '@fastify/mongodb', docs: 'https://github.com/fastify/fastify-mongodb#readme', modules: ['@fastify/mongodb', 'fastify-mongodb'], kind: 'mongodb',
    factories: ['', 'default'],
    ops: { ...MONGODB_OPS, navigate: [...MONGODB_OPS.navigate, 'client'], ignore: [...MONGODB_OPS.ignore, 'ObjectId'] },
  },
  {
    id: 'mongoose', docs: 'https://mongoosejs.com/docs/queries.html', modules: ['mongoose'], kind: 'mongodb',
    factories: ['model', 'createConnection', 'connection.model'], types: ['Model', 'Connection'], activeRecord: true,
    ops: { targetArgs: ['model'],
      read: ['find', 'findOne', 'findById', 'countDocuments', 'estimatedDocumentCount', 'exists', 'aggregate', 'distinct', 'populate', 'watch'],
      write: ['create', 'insertMany', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany', 'bulkWrite', 'save', 'remove', 'syncIndexes', 'createCollection'],
      readwrite: ['findByIdAndUpdate', 'findOneAndUpdate', 'findByIdAndDelete', 'findOneAndDelete', 'findOneAndReplace', 'findByIdAndRemove', 'findOneAndRemove'],
      navigate: ['model', 'db', 'collection'],
      ignore: ['exec', 'lean', 'select', 'sort', 'limit', 'skip', 'where', 'connect', 'disconnect', 'set', 'get', 'toObject', 'toJSON', 'startSession', 'plugin', 'pre', 'post', 'index', 'virtual', 'validate'],
      fallback: 'ignore',
      conditional: ['upsert'],
    },
  },
  {
    id: '@typegoose/typegoose', docs: 'https://typegoose.github.io/typegoose/docs/api/functions/getModelForClass', modules: ['@typegoose/typegoose'],
    kind: 'mongodb', factories: ['getModelForClass'], types: ['ReturnModelType'], activeRecord: true,
    ops: {
      read: ['find', 'findOne', 'findById', 'countDocuments', 'exists', 'aggregate', 'distinct'],
      write: ['create', 'insertMany', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'save', 'bulkWrite'],
      readwrite: ['findByIdAndUpdate', 'findOneAndUpdate', 'findByIdAndDelete', 'findOneAndDelete'],
      ignore: ['exec', 'lean', 'select', 'sort', 'limit', 'skip', 'populate'], fallback: 'ignore',
    },
  },
  {
    id: '@aws-sdk/client-dynamodb', docs: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/dynamodb/', modules: ['@aws-sdk/client-dynamodb'],
    kind: 'dynamodb', factories: ['DynamoDBClient', 'DynamoDB'], types: ['DynamoDBClient', 'DynamoDB'],
    ops: { command: ['send'], read: ['getItem', 'query', 'scan', 'batchGetItem', 'describeTable', 'transactGetItems'], write: ['putItem', 'updateItem', 'deleteItem', 'batchWriteItem', 'transactWriteItems', 'createTable', 'deleteTable'], ignore: ['destroy'], fallback: 'ignore' },
  },
  {
    id: '@aws-sdk/lib-dynamodb', docs: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-lib-dynamodb/', modules: ['@aws-sdk/lib-dynamodb'],
    kind: 'dynamodb', factories: ['DynamoDBDocumentClient.from', 'DynamoDBDocument.from', 'DynamoDBDocumentClient', 'DynamoDBDocument'], types: ['DynamoDBDocumentClient', 'DynamoDBDocument'],
    ops: { command: ['send'], read: ['get', 'query', 'scan', 'batchGet', 'transactGet'], write: ['put', 'update', 'delete', 'batchWrite', 'transactWrite'], ignore: ['destroy'], fallback: 'ignore' },
  },
  {
    id: 'firebase-admin', docs: 'https://firebase.google.com/docs/reference/admin/node', modules: ['firebase-admin', 'firebase-admin/firestore', 'firebase-admin/storage', 'firebase-admin/app'],
    kind: 'firestore', factories: ['firestore', 'getFirestore', 'storage', 'getStorage'],
    factoryKinds: { storage: 'gcs', getStorage: 'gcs' },
    ops: { ...FIRESTORE_OPS, targetArgs: ['collection', 'collectionGroup', 'bucket'], navigate: [...FIRESTORE_OPS.navigate, 'bucket', 'file'], read: [...FIRESTORE_OPS.read, 'download', 'getFiles', 'exists', 'getSignedUrl', 'createReadStream'], write: [...FIRESTORE_OPS.write, 'save', 'upload', 'createWriteStream', 'makePublic'] },
  },
  {
    id: '@google-cloud/firestore', docs: 'https://cloud.google.com/nodejs/docs/reference/firestore/latest', modules: ['@google-cloud/firestore'],
    kind: 'firestore', factories: ['Firestore', ''], types: ['Firestore', 'Transaction'], ops: { ...FIRESTORE_OPS },
    // the namespace its typings declare globally, which Cloud Functions code names without an import
    globalTypes: ['FirebaseFirestore.Firestore', 'FirebaseFirestore.Transaction', 'FirebaseFirestore.WriteBatch', 'FirebaseFirestore.DocumentReference', 'FirebaseFirestore.CollectionReference'],
  },
  {
    id: 'firebase/firestore', docs: 'https://firebase.google.com/docs/reference/js/firestore_', modules: ['firebase/firestore', 'firebase/firestore/lite', '@firebase/firestore'],
    kind: 'firestore', direct: true, types: ['Firestore', 'Transaction', 'WriteBatch'],
    ops: {
      read: ['getDoc', 'getDocs', 'getDocFromCache', 'getDocFromServer', 'getDocsFromServer', 'getDocsFromCache', 'onSnapshot', 'getCountFromServer', 'getAggregateFromServer', 'get'],
      write: ['setDoc', 'updateDoc', 'addDoc', 'deleteDoc', 'set', 'update', 'delete', 'commit'],
      ignore: ['getFirestore', 'initializeFirestore', 'doc', 'collection', 'query', 'where', 'orderBy', 'limit', 'collectionGroup', 'serverTimestamp', 'runTransaction', 'writeBatch', 'connectFirestoreEmulator', 'enableIndexedDbPersistence', 'increment', 'arrayUnion', 'arrayRemove', 'Timestamp', 'documentId', 'startAfter', 'endBefore'],
      fallback: 'ignore',
    },
  },
  {
    id: 'firebase/storage', docs: 'https://firebase.google.com/docs/reference/js/storage', modules: ['firebase/storage', '@firebase/storage'],
    kind: 'gcs', direct: true,
    ops: {
      read: ['getDownloadURL', 'getBytes', 'getBlob', 'getStream', 'getMetadata', 'list', 'listAll'],
      write: ['uploadBytes', 'uploadBytesResumable', 'uploadString', 'deleteObject', 'updateMetadata'],
      ignore: ['getStorage', 'ref', 'connectStorageEmulator'], fallback: 'ignore',
    },
  },
  {
    id: 'firebase', docs: 'https://firebase.google.com/docs/reference/js/v8', modules: ['firebase', 'firebase/app', 'firebase/compat/app'],
    kind: 'firestore', factories: ['firestore', 'storage'], factoryKinds: { storage: 'gcs' },
    ops: { ...FIRESTORE_OPS, targetArgs: ['collection', 'collectionGroup', 'doc', 'ref', 'child'], navigate: [...FIRESTORE_OPS.navigate, 'ref', 'child'], write: [...FIRESTORE_OPS.write, 'put', 'putString'], read: [...FIRESTORE_OPS.read, 'getDownloadURL'] },
    note: 'The namespaced (v8/compat) API; initializeApp alone is not a store.',
  },
  {
    id: 'cassandra-driver', docs: 'https://docs.datastax.com/en/developer/nodejs-driver/latest/', modules: ['cassandra-driver'], kind: 'cassandra',
    factories: ['Client'], types: ['Client'], ops: { sql: ['execute', 'stream', 'eachRow'], write: ['batch'], ignore: ['connect', 'shutdown'], fallback: 'ignore' },
  },
  {
    id: 'neo4j-driver', docs: 'https://neo4j.com/docs/javascript-manual/current/', modules: ['neo4j-driver'], kind: 'neo4j',
    factories: ['driver'], types: ['Driver', 'Session'],
    ops: { cypher: ['run', 'executeQuery'], read: ['executeRead', 'readTransaction'], write: ['executeWrite', 'writeTransaction'], navigate: ['session'], ignore: ['close', 'verifyConnectivity', 'beginTransaction'], fallback: 'ignore' },
  },
  {
    id: '@eventstore/db-client', docs: 'https://docs.kurrent.io/clients/node/', modules: ['@eventstore/db-client', '@kurrent/kurrentdb-client'], kind: 'eventstore',
    factories: ['EventStoreDBClient', 'EventStoreDBClient.connectionString', 'KurrentDBClient', 'KurrentDBClient.connectionString'], types: ['EventStoreDBClient', 'KurrentDBClient'],
    ops: {
      read: ['readStream', 'readAll', 'subscribeToStream', 'subscribeToAll', 'subscribeToPersistentSubscriptionToStream', 'subscribeToPersistentSubscriptionToAll', 'getStreamMetadata', 'getProjectionResult', 'getProjectionState'],
      write: ['appendToStream', 'deleteStream', 'tombstoneStream', 'setStreamMetadata', 'createPersistentSubscriptionToStream', 'createPersistentSubscriptionToAll', 'deletePersistentSubscriptionToStream', 'createProjection'],
      ignore: ['dispose'], fallback: 'ignore',
    },
  },
  {
    id: 'node-eventstore-client', docs: 'https://github.com/nicdex/node-eventstore-client#readme', modules: ['node-eventstore-client'], kind: 'eventstore',
    factories: ['createConnection'],
    ops: {
      read: ['readStreamEventsForward', 'readStreamEventsBackward', 'readAllEventsForward', 'readAllEventsBackward', 'readEvent', 'subscribeToStream', 'subscribeToAll', 'subscribeToStreamFrom', 'subscribeToAllFrom', 'connectToPersistentSubscription', 'getStreamMetadata'],
      write: ['appendToStream', 'deleteStream', 'setStreamMetadata', 'startTransaction', 'createPersistentSubscription'],
      ignore: ['connect', 'close', 'on', 'once'], fallback: 'ignore',
    },
  },
  {
    // NestJS modules that put the CQRS event bus on EventStoreDB: events go through the bus, so the module's
    // registration is where the service reaches the store (published and subscribed streams)
    id: 'nestjs-event-store', docs: 'https://github.com/juicycleff/nestjs-event-store#readme', modules: ['@juicycleff/nestjs-event-store', 'nestjs-eventstore'], kind: 'eventstore',
    factories: ['EventStoreModule.register', 'EventStoreModule.registerAsync', 'EventStoreModule.registerFeature', 'EventStoreModule.registerFeatureAsync', 'EventStoreModule.forRoot', 'EventStoreModule.forRootAsync', 'EventStoreModule.forFeature'],
    ops: { construct: 'readwrite', fallback: 'ignore' },
  },
  {
    id: '@elastic/elasticsearch', docs: 'https://www.elastic.co/guide/en/elasticsearch/client/javascript-api/current/api-reference.html', modules: ['@elastic/elasticsearch'],
    kind: 'elasticsearch', factories: ['Client'], types: ['Client'],
    ops: {
      read: ['search', 'get', 'mget', 'count', 'msearch', 'scroll', 'exists', 'explain', 'getSource', 'openPointInTime', 'termsEnum', 'query'],
      write: ['index', 'create', 'update', 'delete', 'bulk', 'deleteByQuery', 'updateByQuery', 'reindex', 'putMapping', 'putSettings', 'refresh'],
      // client.esql.query({ query: 'FROM …' }) and client.sql.query(…) only read
      navigate: ['indices', 'helpers', 'esql', 'sql'], ignore: ['close', 'ping', 'info'], fallback: 'ignore',
    },
  },
  {
    id: '@opensearch-project/opensearch', docs: 'https://opensearch.org/docs/latest/clients/javascript/index/', modules: ['@opensearch-project/opensearch'],
    kind: 'elasticsearch', factories: ['Client'], types: ['Client'],
    ops: {
      read: ['search', 'get', 'mget', 'count', 'msearch', 'scroll', 'exists'],
      write: ['index', 'create', 'update', 'delete', 'bulk', 'deleteByQuery', 'updateByQuery', 'putMapping'],
      navigate: ['indices', 'helpers'], ignore: ['close', 'ping', 'info'], fallback: 'ignore',
    },
  },
  {
    id: '@clickhouse/client', docs: 'https://clickhouse.com/docs/integrations/javascript', modules: ['@clickhouse/client', '@clickhouse/client-web'], kind: 'clickhouse',
    factories: ['createClient'], types: ['ClickHouseClient'], ops: { sql: ['query', 'command', 'exec'], write: ['insert'], ignore: ['close', 'ping'], fallback: 'ignore' },
  },
  {
    id: 'nano', docs: 'https://github.com/apache/couchdb-nano#readme', modules: ['nano'], kind: 'couchdb', factories: [''], types: ['DocumentScope', 'ServerScope'],
    ops: { targetArgs: ['use', 'create'],
      read: ['get', 'list', 'view', 'find', 'fetch', 'head', 'changes', 'search', 'attachment.get'],
      write: ['insert', 'destroy', 'bulk', 'create', 'attachment.insert', 'atomic', 'compact'],
      navigate: ['db', 'use', 'scope'], fallback: 'ignore',
    },
  },
  {
    id: 'marsdb', docs: 'https://github.com/c58/marsdb#readme', modules: ['marsdb'], kind: 'memory', factories: ['', 'Collection'],
    ops: { read: ['find', 'findOne', 'count', 'ids'], write: ['insert', 'insertAll', 'update', 'remove'], fallback: 'ignore' },
    note: 'An in-memory collection with optional storage managers: its state lives in the process.',
  },
  {
    id: 'minimongo', docs: 'https://github.com/mWater/minimongo#readme', modules: ['minimongo'], kind: 'indexedDB',
    factories: ['MemoryDb', 'IndexedDb', 'LocalStorageDb', 'RemoteDb', 'HybridDb', 'utils.autoselectLocalDb'],
    factoryKinds: { MemoryDb: 'memory', LocalStorageDb: 'localStorage', RemoteDb: 'http-api' },
    ops: { read: ['find', 'findOne'], write: ['upsert', 'remove', 'addCollection'], navigate: ['fetch'], fallback: 'ignore' },
  },
];

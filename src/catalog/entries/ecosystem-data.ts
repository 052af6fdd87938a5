import type { OpTable, StoreModel } from '../types';

// Databases, search engines and file-backed stores added from the npm download survey (README: "Catalog").
// Each entry is written from its library's documentation; each has its case in test/unit/catalog/ecosystem-data.test.ts.

const ES_OPS: OpTable = {
  read: ['search', 'get', 'mget', 'count', 'msearch', 'scroll', 'exists'],
  write: ['index', 'create', 'update', 'delete', 'bulk', 'deleteByQuery', 'updateByQuery'],
  navigate: ['indices'], ignore: ['close', 'ping', 'info'], fallback: 'ignore',
};

const DYNAMO_ENTITY: OpTable = {
  read: ['get', 'query', 'scan', 'find', 'match', 'batchGet', 'exists'],
  write: ['put', 'create', 'update', 'patch', 'delete', 'remove', 'upsert', 'batchPut', 'batchDelete', 'save', 'batchWrite', 'transactWrite'],
  ignore: ['go', 'params', 'where', 'set', 'add', 'table'], fallback: 'ignore',
};

export const ecosystemDataModels: StoreModel[] = [
  {
    id: 'redbean-node', docs: 'https://redbean-node.whatsticker.online/', modules: ['redbean-node'], kind: 'sql', direct: true,
    kindFrom: { options: ['client'] },
    ops: {
      read: ['find', 'findOne', 'load', 'getAll', 'getRow', 'getCol', 'getCell', 'count', 'findAll', 'convertToBeans'],
      write: ['store', 'trash', 'trashAll', 'storeAll'], sql: ['exec'], ignore: ['setup', 'freeze', 'dispense', 'close', 'debug', 'autoloadModels', 'knex'], fallback: 'ignore',
    },
    note: 'RedBean\'s `R` is the database itself; the dialect is R.setup\'s first argument or the service\'s driver.',
  },
  {
    id: 'clickhouse', docs: 'https://github.com/TimonKK/clickhouse#readme', modules: ['clickhouse'], kind: 'clickhouse', factories: ['ClickHouse'], types: ['ClickHouse'],
    ops: { sql: ['query'], write: ['insert'], ignore: ['toPromise', 'stream', 'exec'], fallback: 'ignore' },
  },
  {
    id: '@electric-sql/pglite', docs: 'https://pglite.dev/docs/api', modules: ['@electric-sql/pglite'], kind: 'postgres', factories: ['PGlite', 'PGlite.create'], types: ['PGlite'],
    // `new PGlite('./pgdata')` keeps Postgres's data folder on disk; none, `memory://` or `idb://` (a browser) does not
    diskFile: { what: 'A PGlite (Postgres) data folder', arg: 0, options: ['dataDir'] },
    ops: { sql: ['query', 'exec'], tag: 'sql', navigate: ['transaction'], ignore: ['close', 'waitReady', 'listen', 'unlisten'], fallback: 'ignore' },
    note: 'Postgres in the process (memory or IndexedDB): the data lives where the PGlite instance runs.',
  },
  {
    id: 'tedious', docs: 'https://tediousjs.github.io/tedious/api-connection.html', modules: ['tedious'], kind: 'mssql', factories: ['Connection'], types: ['Connection'],
    // `execSql(new Request(sql, cb))`: the request's SQL says read or write
    ops: { sql: ['execSql', 'execSqlBatch'], readwrite: ['callProcedure', 'execute'], write: ['execBulkLoad'], ignore: ['connect', 'close', 'on', 'beginTransaction', 'commitTransaction', 'rollbackTransaction'], fallback: 'ignore' },
  },
  {
    id: 'sql.js', docs: 'https://sql.js.org/documentation/Database.html', modules: ['sql.js'], kind: 'sqlite', factories: ['Database', 'SQL.Database'], types: ['Database'],
    ops: { sql: ['exec', 'run', 'prepare', 'each'], ignore: ['close', 'export', 'create_function'], fallback: 'ignore' },
    note: 'SQLite compiled to WebAssembly: the database lives in the process (or wherever its export is saved).',
  },
  {
    id: 'objection', docs: 'https://vincit.github.io/objection.js/api/query-builder/', modules: ['objection'], kind: 'sql', types: ['Model'],
    activeRecord: true,
    ops: {
      navigate: ['query', 'relatedQuery', '$query', '$relatedQuery', 'where', 'whereIn', 'orderBy', 'withGraphFetched', 'joinRelated', 'select', 'limit'],
      read: ['findById', 'findOne', 'findByIds', 'first', 'page', 'count', 'resultSize', 'fetchGraph'],
      write: ['insert', 'insertGraph', 'upsertGraph', 'patch', 'patchAndFetchById', 'update', 'updateAndFetchById', 'delete', 'deleteById', 'relate', 'unrelate', '$save'],
      chainDefault: 'read', ignore: ['knex', 'bindKnex', 'transaction', 'tableName', 'jsonSchema', 'relationMappings'], fallback: 'ignore',
    },
  },
  {
    id: 'bookshelf', docs: 'https://bookshelfjs.org/api.html', modules: ['bookshelf'], kind: 'sql', factories: ['', 'default'], kindFrom: { argClient: true },
    ops: {
      navigate: ['model', 'Model', 'forge', 'where', 'query', 'collection'], read: ['fetch', 'fetchAll', 'fetchOne', 'fetchPage', 'count', 'load'],
      write: ['save', 'destroy'], ignore: ['plugin', 'extend', 'transaction', 'knex'], fallback: 'ignore',
    },
  },
  {
    id: '@databases/pg', docs: 'https://www.atdatabases.org/docs/pg', modules: ['@databases/pg', '@databases/mysql', '@databases/sqlite'], kind: 'postgres',
    factories: ['', 'default', 'connect'], kindFrom: { modules: { '@databases/mysql': 'mysql', '@databases/sqlite': 'sqlite' } },
    ops: { sql: ['query'], navigate: ['tx', 'task'], ignore: ['dispose', 'sql'], fallback: 'ignore' },
  },
  {
    id: '@google-cloud/bigquery', docs: 'https://cloud.google.com/nodejs/docs/reference/bigquery/latest', modules: ['@google-cloud/bigquery'], kind: 'sql',
    factories: ['BigQuery'], types: ['BigQuery', 'Table', 'Dataset'],
    ops: { sql: ['query', 'createQueryJob'], navigate: ['dataset', 'table'], targetArgs: ['table'], read: ['getRows', 'getMetadata', 'exists'], write: ['insert', 'load', 'createTable', 'delete'], fallback: 'ignore' },
    note: 'A data warehouse queried in SQL; shown as an SQL database.',
  },
  {
    id: '@google-cloud/datastore', docs: 'https://cloud.google.com/nodejs/docs/reference/datastore/latest', modules: ['@google-cloud/datastore'], kind: 'firestore',
    factories: ['Datastore'], types: ['Datastore', 'Transaction'],
    ops: { read: ['get', 'runQuery', 'runAggregationQuery'], write: ['save', 'insert', 'update', 'upsert', 'delete', 'merge'], navigate: ['createQuery', 'transaction'], ignore: ['key', 'int', 'double'], fallback: 'ignore' },
    note: 'Datastore is Firestore in Datastore mode.',
  },
  {
    id: 'elasticsearch', docs: 'https://www.npmjs.com/package/elasticsearch', modules: ['elasticsearch', 'legacy-elasticsearch-js'], kind: 'elasticsearch',
    factories: ['Client'], types: ['Client'], ops: ES_OPS, note: 'The legacy client, replaced by @elastic/elasticsearch.',
  },
  {
    id: 'pouchdb', docs: 'https://pouchdb.com/api.html', modules: ['pouchdb', 'pouchdb-browser', 'pouchdb-node', 'pouchdb-core'], kind: 'couchdb', factories: ['', 'default'],
    ops: {
      read: ['get', 'allDocs', 'query', 'find', 'changes', 'getAttachment', 'info'], write: ['put', 'post', 'remove', 'bulkDocs', 'putAttachment', 'removeAttachment', 'compact', 'destroy'],
      ignore: ['plugin', 'sync', 'replicate', 'close', 'createIndex', 'on'], fallback: 'ignore', targetArgs: 'all',
    },
    note: 'A local database (IndexedDB in a browser, LevelDB in Node) or a remote CouchDB when named by URL.',
  },
  {
    id: 'lowdb', docs: 'https://github.com/typicode/lowdb#readme', modules: ['lowdb', 'lowdb/node'], kind: 'filesystem', factories: ['Low', 'LowSync', 'JSONFilePreset', 'JSONFileSyncPreset'],
    ops: { read: ['read'], write: ['write', 'update'], ignore: ['data', 'adapter'], fallback: 'ignore' },
    hazard: { kind: 'local-file-write', on: 'write', message: 'This JSON database is a file on this instance\'s disk: other replicas keep their own copy.' },
  },
  {
    // an embedded document database: `new Datastore({ filename, autoload })` keeps its collection in a datafile
    // (none, or `inMemoryOnly`: in memory); nedb-async adds `asyncFind`…, @seald-io/nedb `findAsync`…
    id: 'nedb', docs: 'https://github.com/seald/nedb#readme', modules: ['nedb', '@seald-io/nedb', 'nedb-promises', 'nedb-async', '@yetzt/nedb'], kind: 'filesystem',
    factories: ['', 'default', 'Datastore', 'create', 'Datastore.create'], types: ['Datastore', 'Nedb'],
    kindFrom: { absent: { keys: ['filename'], kind: 'memory' } },
    diskFile: { what: 'A NeDB datafile', arg: 0, options: ['filename'], memoryOptions: ['inMemoryOnly'] },
    ops: {
      read: ['find', 'findOne', 'count', 'getAllData', 'asyncFind', 'asyncFindOne', 'asyncCount', 'findAsync', 'findOneAsync', 'countAsync'],
      write: [
        'insert', 'update', 'remove', 'asyncInsert', 'asyncUpdate', 'asyncRemove', 'insertAsync', 'updateAsync', 'removeAsync',
        'compactDatafile', 'compactDatafileAsync', 'dropDatabaseAsync',
      ],
      ignore: ['loadDatabase', 'loadDatabaseAsync', 'asyncLoadDatabase', 'ensureIndex', 'ensureIndexAsync', 'asyncEnsureIndex', 'removeIndex', 'removeIndexAsync', 'setAutocompactionInterval', 'stopAutocompaction', 'on', 'persistence'],
      fallback: 'ignore',
    },
  },
  {
    id: 'level', docs: 'https://github.com/Level/level#readme', modules: ['level', 'classic-level', 'levelup'], kind: 'filesystem', factories: ['Level', 'ClassicLevel', '', 'default'],
    ops: { read: ['get', 'getMany', 'iterator', 'keys', 'values', 'has'], write: ['put', 'del', 'batch', 'clear'], navigate: ['sublevel'], ignore: ['open', 'close', 'on'], fallback: 'ignore', targetArgs: 'all' },
    hazard: { kind: 'local-file-write', on: 'write', message: 'A LevelDB folder on this instance\'s disk: other replicas do not see its data.' },
  },
  {
    id: 'node-persist', docs: 'https://github.com/simonlast/node-persist#readme', modules: ['node-persist'], kind: 'filesystem', direct: true, factories: ['create'],
    ops: { read: ['getItem', 'get', 'keys', 'values', 'length', 'forEach', 'data'], write: ['setItem', 'set', 'removeItem', 'del', 'rm', 'clear', 'updateItem'], ignore: ['init', 'initSync'], fallback: 'ignore', targetArgs: 'all' },
    hazard: { kind: 'local-file-write', on: 'write', message: 'Items are files on this instance\'s disk: other replicas do not see them.' },
  },
  {
    id: 'flat-cache', docs: 'https://github.com/jaredwray/cacheable/tree/main/packages/flat-cache#readme', modules: ['flat-cache'], kind: 'filesystem', direct: true,
    factories: ['load', 'create', 'createFromFile', 'FlatCache'],
    ops: { read: ['getKey', 'get', 'keys', 'all'], write: ['setKey', 'set', 'removeKey', 'delete', 'save', 'destroy', 'clear'], fallback: 'ignore', targetArgs: 'all' },
  },
  {
    id: 'cacache', docs: 'https://github.com/npm/cacache#readme', modules: ['cacache'], kind: 'filesystem', direct: true,
    ops: { read: ['get', 'ls', 'verify', 'info'], write: ['put', 'rm', 'entry', 'content'], fallback: 'ignore' },
  },
  {
    id: 'configstore', docs: 'https://github.com/yeoman/configstore#readme', modules: ['configstore', 'conf', 'electron-store'], kind: 'filesystem', factories: ['', 'default', 'Configstore', 'Conf'],
    ops: { read: ['get', 'has', 'all', 'store', 'size'], write: ['set', 'delete', 'clear', 'reset'], fallback: 'ignore', targetArgs: 'all' },
    note: 'A JSON settings file in the user\'s config folder (conf and electron-store share the API).',
  },
  {
    id: 'dynamoose', docs: 'https://dynamoosejs.com/guide/Model', modules: ['dynamoose'], kind: 'dynamodb', factories: ['model'], types: ['Model'],
    activeRecord: true, ops: { ...DYNAMO_ENTITY, read: [...DYNAMO_ENTITY.read!, 'exec'], navigate: ['query', 'scan'] } as OpTable,
  },
  {
    id: 'electrodb', docs: 'https://electrodb.dev/en/queries/get/', modules: ['electrodb'], kind: 'dynamodb', factories: ['Entity', 'Service'], types: ['Entity', 'Service'],
    ops: { ...DYNAMO_ENTITY, navigate: ['query', 'entities', 'collections'] },
  },
  {
    id: 'dynamodb-toolbox', docs: 'https://www.dynamodbtoolbox.com/', modules: ['dynamodb-toolbox'], kind: 'dynamodb', factories: ['Entity', 'Table'], types: ['Entity', 'Table'],
    ops: DYNAMO_ENTITY,
  },
  {
    id: 'redis-om', docs: 'https://github.com/redis/redis-om-node#readme', modules: ['redis-om'], kind: 'redis', factories: ['Repository'], types: ['Repository'],
    ops: { read: ['fetch', 'search', 'searchRaw'], write: ['save', 'remove', 'expire', 'createIndex', 'dropIndex'], ignore: ['return', 'where', 'eq', 'equals', 'and', 'or', 'all', 'first', 'count', 'page'], fallback: 'ignore' },
  },
  {
    // LangChain's vector stores: embeddings kept where each integration's module says (pgvector and Supabase in
    // Postgres, Redis, MongoDB Atlas, Elasticsearch, local index files for HNSWLib and Faiss, the process itself for
    // MemoryVectorStore), or in a vector database's API. `fromDocuments` and `fromTexts` make a store and write to it.
    id: 'langchain vectorstores', docs: 'https://js.langchain.com/docs/integrations/vectorstores/',
    modules: ['@langchain/community/vectorstores/*', 'langchain/vectorstores/*', '@langchain/pinecone', '@langchain/qdrant', '@langchain/weaviate', '@langchain/redis', '@langchain/mongodb'],
    kind: 'http-api',
    kindFrom: {
      modules: {
        '@langchain/community/vectorstores/supabase': 'postgres', '@langchain/community/vectorstores/pgvector': 'postgres',
        '@langchain/community/vectorstores/prisma': 'postgres', '@langchain/community/vectorstores/neon': 'postgres',
        '@langchain/community/vectorstores/redis': 'redis', '@langchain/redis': 'redis',
        '@langchain/community/vectorstores/mongodb_atlas': 'mongodb', '@langchain/mongodb': 'mongodb',
        '@langchain/community/vectorstores/elasticsearch': 'elasticsearch', '@langchain/community/vectorstores/opensearch': 'elasticsearch',
        '@langchain/community/vectorstores/hnswlib': 'filesystem', '@langchain/community/vectorstores/faiss': 'filesystem',
        '@langchain/community/vectorstores/cloudflare_vectorize': 'http-api', 'langchain/vectorstores/memory': 'memory',
      },
    },
    factories: [
      'SupabaseVectorStore', 'PGVectorStore', 'PrismaVectorStore', 'NeonPostgres', 'RedisVectorStore', 'MongoDBAtlasVectorSearch',
      'ElasticVectorSearch', 'OpenSearchVectorStore', 'HNSWLib', 'FaissStore', 'MemoryVectorStore', 'Chroma', 'QdrantVectorStore',
      'PineconeStore', 'WeaviateStore', 'Milvus', 'CloudflareVectorizeStore', 'fromDocuments', 'fromTexts', 'fromExistingIndex', 'load',
    ],
    ops: {
      construct: { fromDocuments: 'write', fromTexts: 'write' },
      write: ['addDocuments', 'addVectors', 'delete', 'save'],
      read: ['similaritySearch', 'similaritySearchWithScore', 'similaritySearchVectorWithScore', 'maxMarginalRelevanceSearch', 'asRetriever'],
      fallback: 'ignore',
    },
    note: 'A vector store is where embeddings of documents are kept: the module of each integration says which store that is.',
  },
];

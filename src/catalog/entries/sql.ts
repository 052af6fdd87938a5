import type { StoreModel } from '../types';

const PG_SQL = { sql: ['query'], ignore: ['connect', 'release', 'end', 'on', 'escapeLiteral', 'escapeIdentifier'], fallback: 'ignore' } as const;

/** What an SQLite client opened on a path keeps on the disk, for its `local-file-write` hazard (see `diskFile`). */
const SQLITE_FILE = 'An SQLite database file';

/** SQL drivers, query builders and ORMs. */
export const sqlModels: StoreModel[] = [
  {
    id: 'pg', docs: 'https://node-postgres.com/apis/pool', modules: ['pg'], kind: 'postgres',
    factories: ['Pool', 'Client', 'native.Pool', 'native.Client'], types: ['PoolClient', 'ClientBase'],
    ops: { ...PG_SQL },
  },
  {
    // the Fastify plugin: `fastify.register(fastifyPostgres, { connectionString })`, then `fastify.pg.query(sql)` (a pg
    // pool; `transact` runs a function in a transaction)
    id: '@fastify/postgres', docs: 'https://github.com/fastify/fastify-postgres#readme', modules: ['@fastify/postgres', 'fastify-postgres'], kind: 'postgres',
    factories: ['', 'default'], ops: { ...PG_SQL, ignore: [...PG_SQL.ignore, 'transact'] },
  },
  {
    id: 'pg-native', docs: 'https://github.com/brianc/node-postgres/tree/master/packages/pg-native', modules: ['pg-native'], kind: 'postgres',
    factories: [''], note: 'The module is the Client class; prepare() only names a statement, execute() runs one by name.',
    ops: { sql: ['query', 'querySync'], readwrite: ['execute', 'executeSync'], ignore: ['connectSync', 'prepare', 'prepareSync', 'cancel'], fallback: 'ignore' },
  },
  {
    id: 'pg-pool', docs: 'https://github.com/brianc/node-postgres/tree/master/packages/pg-pool', modules: ['pg-pool'],
    kind: 'postgres', factories: [''], ops: { ...PG_SQL },
  },
  {
    id: 'pg-cursor', docs: 'https://node-postgres.com/apis/cursor', modules: ['pg-cursor'], kind: 'postgres',
    factories: [''], ops: { read: ['read'], construct: 'read', ignore: ['close'], fallback: 'ignore' },
  },
  {
    id: 'postgres', docs: 'https://github.com/porsager/postgres#usage', modules: ['postgres'], kind: 'postgres',
    factories: [''], types: ['Sql', 'TransactionSql'],
    ops: { tag: 'sql', call: 'navigate', sql: ['unsafe', 'file'], ignore: ['begin', 'reserve', 'end', 'listen'], read: ['subscribe'], write: ['notify'], fallback: 'ignore' },
  },
  {
    id: '@neondatabase/serverless', docs: 'https://neon.com/docs/serverless/serverless-driver', modules: ['@neondatabase/serverless'],
    kind: 'postgres', factories: ['neon', 'Pool', 'Client'], ops: { tag: 'sql', call: 'sql', sql: ['query'], ignore: ['unsafe', 'transaction'], fallback: 'ignore' },
    note: 'sql.unsafe(text) only interpolates trusted text into a template; the queries of sql.transaction([…]) are found one by one.',
  },
  {
    id: '@vercel/postgres', docs: 'https://vercel.com/docs/storage/vercel-postgres/sdk', modules: ['@vercel/postgres'], kind: 'postgres',
    direct: true, factories: ['createPool', 'createClient'], ops: { sql: ['sql', 'query'], fallback: 'ignore' },
  },
  {
    id: 'mysql', docs: 'https://github.com/mysqljs/mysql#introduction', modules: ['mysql'], kind: 'mysql',
    factories: ['createConnection', 'createPool', 'createPoolCluster'],
    ops: { sql: ['query'], ignore: ['getConnection', 'beginTransaction', 'commit', 'rollback', 'escape', 'format'], fallback: 'ignore' },
  },
  {
    // one API over adapters installed beside it (`any-db-sqlite3`, `any-db-postgres`, `any-db-mysql`): the URL's
    // scheme (`sqlite3://…`) or the one adapter the service installs names the database
    id: 'any-db', docs: 'https://github.com/grncdr/node-any-db#readme', modules: ['any-db'], kind: 'sql', kindFrom: { url: true },
    factories: ['createConnection', 'createPool'],
    ops: { sql: ['query'], ignore: ['acquire', 'release', 'close', 'end', 'begin', 'commit', 'rollback'], fallback: 'ignore' },
  },
  {
    // the Fastify plugin: `fastify.register(fastifyMysql, { connectionString })`, then `fastify.mysql.query(sql)`
    id: '@fastify/mysql', docs: 'https://github.com/fastify/fastify-mysql#readme', modules: ['@fastify/mysql', 'fastify-mysql'], kind: 'mysql',
    factories: ['', 'default'],
    ops: { sql: ['query', 'execute'], navigate: ['getConnection'], ignore: ['beginTransaction', 'commit', 'rollback', 'escape', 'format', 'release'], fallback: 'ignore' },
  },
  {
    // mysql's API with promises: `await mysql.createPool(config)` (the factory itself is async), then `query`
    id: 'promise-mysql', docs: 'https://github.com/CodeFoodPixels/node-promise-mysql#readme', modules: ['promise-mysql'], kind: 'mysql',
    factories: ['createConnection', 'createPool', 'createPoolCluster'], types: ['Pool', 'Connection', 'PoolConnection'],
    ops: { sql: ['query'], ignore: ['getConnection', 'beginTransaction', 'commit', 'rollback', 'escape', 'format', 'release', 'end', 'destroy'], fallback: 'ignore' },
  },
  {
    id: 'mysql2', docs: 'https://sidorares.github.io/node-mysql2/docs', modules: ['mysql2', 'mysql2/promise'], kind: 'mysql',
    factories: ['createConnection', 'createPool', 'createPoolCluster'], types: ['Pool', 'Connection', 'PoolConnection'],
    ops: { sql: ['query', 'execute', 'prepare'], ignore: ['getConnection', 'beginTransaction', 'commit', 'rollback', 'escape', 'format', 'promise'], fallback: 'ignore' },
  },
  {
    id: '@planetscale/database', docs: 'https://github.com/planetscale/database-js', modules: ['@planetscale/database'], kind: 'mysql',
    factories: ['connect', 'Client'], ops: { sql: ['execute'], ignore: ['transaction', 'connection'], fallback: 'ignore' },
  },
  {
    id: 'sqlite3', docs: 'https://github.com/TryGhost/node-sqlite3/wiki/API', modules: ['sqlite3'], kind: 'sqlite',
    diskFile: { what: SQLITE_FILE, arg: 0 },
    factories: ['Database', 'verbose.Database'], types: ['Database'],
    ops: { sql: ['run', 'all', 'get', 'each', 'exec', 'prepare'], ignore: ['serialize', 'parallelize', 'configure', 'loadExtension'], fallback: 'ignore' },
  },
  {
    id: 'better-sqlite3', docs: 'https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md', modules: ['better-sqlite3'], kind: 'sqlite',
    diskFile: { what: SQLITE_FILE, arg: 0 },
    factories: ['', 'Database'], types: ['Database'],
    ops: { sql: ['prepare', 'exec'], ignore: ['pragma', 'transaction', 'function', 'aggregate', 'loadExtension', 'backup', 'serialize'], fallback: 'ignore' },
  },
  {
    // Node's built-in SQLite driver (Node 22.5+): `new DatabaseSync(path)`, `db.prepare(sql).get()`, `db.exec(sql)`
    id: 'node:sqlite', docs: 'https://nodejs.org/api/sqlite.html', modules: ['node:sqlite'], kind: 'sqlite',
    diskFile: { what: SQLITE_FILE, arg: 0 },
    factories: ['DatabaseSync'], types: ['DatabaseSync'],
    ops: { sql: ['prepare', 'exec'], ignore: ['open', 'close', 'function', 'aggregate', 'loadExtension', 'enableLoadExtension', 'createSession', 'applyChangeset', 'createTagStore'], fallback: 'ignore' },
  },
  {
    // Bun's built-in SQLite driver: `db.query(sql).get()`, `db.prepare(sql).run()`, `db.run(sql)`, `db.exec(sql)`
    id: 'bun:sqlite', docs: 'https://bun.sh/docs/api/sqlite', modules: ['bun:sqlite'], kind: 'sqlite',
    diskFile: { what: SQLITE_FILE, arg: 0 },
    factories: ['Database', 'default'], types: ['Database'],
    ops: { sql: ['query', 'prepare', 'run', 'exec'], ignore: ['close', 'transaction', 'serialize', 'loadExtension', 'fileControl'], fallback: 'ignore' },
  },
  {
    // an MBTiles file is a SQLite database of map tiles: opening one (`new MBTiles('tiles.mbtiles?mode=ro', cb)`) reads it
    id: '@mapbox/mbtiles', docs: 'https://github.com/mapbox/node-mbtiles#readme', modules: ['@mapbox/mbtiles', 'mbtiles'], kind: 'sqlite',
    factories: ['', 'default'],
    ops: {
      construct: 'read', read: ['getTile', 'getGrid', 'getInfo', 'createZXYStream'], write: ['putTile', 'putGrid', 'putInfo', 'startWriting', 'stopWriting'],
      ignore: ['close'], fallback: 'ignore',
    },
  },
  {
    id: 'sqlite', docs: 'https://github.com/kriasoft/node-sqlite#readme', modules: ['sqlite'], kind: 'sqlite',
    diskFile: { what: SQLITE_FILE, options: ['filename'] },
    factories: ['open', 'Database'], types: ['Database'],
    ops: { sql: ['run', 'all', 'get', 'each', 'exec', 'prepare'], ignore: ['migrate', 'loadExtension', 'configure'], fallback: 'ignore' },
  },
  {
    id: '@libsql/client', docs: 'https://docs.turso.tech/sdk/ts/reference', modules: ['@libsql/client', '@libsql/client/web'], kind: 'sqlite',
    // a `file:` URL is a local database; `libsql://` and `http(s)://` are a server
    diskFile: { what: 'A libSQL database file', options: ['url'], scheme: 'file:' },
    factories: ['createClient'], types: ['Client'], ops: { sql: ['execute', 'batch', 'executeMultiple', 'migrate'], ignore: ['transaction', 'sync'], fallback: 'ignore' },
  },
  {
    id: 'mssql', docs: 'https://github.com/tediousjs/node-mssql#readme', modules: ['mssql', 'mssql/msnodesqlv8'], kind: 'mssql',
    direct: true, note: 'The module is a client too: sql.connect() opens a global pool that sql.query`…` and new sql.Request() use.',
    factories: ['ConnectionPool', 'connect', 'Request', 'PreparedStatement'], types: ['ConnectionPool', 'Request'],
    ops: { sql: ['query', 'batch', 'prepare'], tag: 'sql', readwrite: ['execute'], write: ['bulk'], ignore: ['request', 'input', 'output', 'transaction', 'begin', 'commit', 'rollback'], fallback: 'ignore' },
  },
  {
    id: 'oracledb', docs: 'https://node-oracledb.readthedocs.io/en/latest/api_manual/index.html', modules: ['oracledb'], kind: 'oracle',
    factories: ['getConnection', 'createPool', 'getPool'], types: ['Connection', 'Pool'],
    ops: { sql: ['execute', 'queryStream', 'executeMany'], ignore: ['getConnection', 'commit', 'rollback'], fallback: 'ignore' },
  },
  {
    id: 'knex', docs: 'https://knexjs.org/guide/', modules: ['knex'], kind: 'sql', kindFrom: { options: ['client', 'dialect'], url: true },
    diskFile: { what: SQLITE_FILE, kind: 'sqlite', options: ['connection.filename'] },
    factories: ['', 'knex', 'Knex'], types: ['Knex', 'Knex.Transaction'],
    note: 'knex("users").where(…) is a select when awaited: a chain that names no operation reads.',
    ops: { targetArgs: ['()', 'from', 'into', 'table', 'insert', 'update', 'del', 'delete'],
      call: 'navigate', sql: ['raw'],
      // `select(…)` starts a builder (`.from('users')` follows): the chain reads by default
      navigate: ['select', 'distinct', 'column', 'columns', 'where', 'from', 'join', 'orderBy', 'limit', 'offset', 'groupBy'],
      read: ['first', 'pluck', 'count', 'countDistinct', 'min', 'max', 'sum', 'avg', 'exists', 'hasTable', 'hasColumn'],
      write: [
        'insert', 'update', 'del', 'delete', 'truncate', 'upsert', 'increment', 'decrement', 'onConflict', 'merge',
        // knex.schema: DDL changes the database
        'createTable', 'createTableIfNotExists', 'alterTable', 'dropTable', 'dropTableIfExists', 'renameTable', 'createSchema',
        'createSchemaIfNotExists', 'dropSchema', 'dropSchemaIfExists', 'createView', 'dropView', 'dropViewIfExists',
      ],
      ignore: ['transaction', 'destroy', 'migrate', 'seed', 'schema'], fallback: 'ignore', chainDefault: 'read',
    },
  },
  {
    id: 'sequelize', docs: 'https://sequelize.org/docs/v6/core-concepts/model-querying-basics/', modules: ['sequelize', 'sequelize-typescript', '@sequelize/core'],
    kind: 'sql', kindFrom: { options: ['dialect'], url: true }, factories: ['', 'Sequelize'],
    // SQLite's file is `storage` (none: in memory)
    diskFile: { what: SQLITE_FILE, kind: 'sqlite', options: ['storage'] }, types: ['Model'], activeRecord: true,
    ops: { targetArgs: ['define', 'model'],
      sql: ['query'], navigate: ['define', 'model', 'import', 'scope', 'unscoped', 'schema'],
      // (`find`, `findById`, `findAndCount`, `all`, `findOrInitialize`: the names of v3 and v4, removed in v5)
      read: ['findAll', 'findOne', 'findByPk', 'findAndCountAll', 'count', 'max', 'min', 'sum', 'aggregate', 'reload', 'find', 'findById', 'findAndCount', 'all', 'findOrBuild', 'findOrInitialize'],
      write: ['create', 'bulkCreate', 'update', 'destroy', 'upsert', 'save', 'increment', 'decrement', 'restore', 'truncate', 'drop'],
      readwrite: ['findOrCreate', 'findCreateFind'],
      ignore: ['authenticate', 'sync', 'transaction', 'close', 'init', 'addHook', 'hasMany', 'belongsTo', 'hasOne', 'belongsToMany', 'get', 'set', 'toJSON', 'getDataValue', 'setDataValue', 'changed', 'addScope'],
      makesNew: ['build'],
      fallback: 'ignore',
    },
  },
  {
    id: 'typeorm', docs: 'https://typeorm.io/docs/working-with-entity-manager/find-options', modules: ['typeorm'], kind: 'sql',
    kindFrom: { options: ['type'], url: true }, diskFile: { what: SQLITE_FILE, kind: 'sqlite', options: ['database'] },
    factories: ['DataSource', 'createConnection', 'getConnection', 'getManager', 'getRepository', 'getMongoRepository', 'getCustomRepository'],
    types: ['Repository', 'EntityManager', 'DataSource', 'Connection', 'MongoRepository', 'TreeRepository', 'BaseEntity', 'QueryRunner'],
    activeRecord: true,
    ops: {
      entityArgs: true,
      sql: ['query'],
      navigate: [
        'getRepository', 'createQueryBuilder', 'manager', 'withRepository', 'getTreeRepository', 'extend',
        // query-builder steps: only the terminal method (getMany, getOne, execute…) touches the database
        'select', 'addSelect', 'from', 'addFrom', 'innerJoin', 'leftJoin', 'innerJoinAndSelect', 'leftJoinAndSelect', 'innerJoinAndMapOne',
        'innerJoinAndMapMany', 'leftJoinAndMapOne', 'leftJoinAndMapMany', 'orderBy', 'addOrderBy', 'groupBy', 'addGroupBy', 'having',
        'andHaving', 'orHaving', 'skip', 'take', 'limit', 'offset', 'distinct', 'distinctOn', 'setParameter', 'setParameters',
        'setLock', 'setOnLocked', 'setFindOptions', 'setQueryRunner', 'into', 'withDeleted', 'cache', 'useTransaction',
      ],
      read: ['preload', 'execute'],
      write: ['save', 'insert', 'update', 'delete', 'remove', 'softDelete', 'softRemove', 'restore', 'upsert', 'increment', 'decrement', 'clear', 'recover', 'set', 'values'],
      ignore: ['initialize', 'destroy', 'transaction', 'create', 'merge', 'connect', 'synchronize', 'runMigrations', 'hasId', 'getId', 'where', 'andWhere', 'orWhere'],
      makesNew: ['create'],
      fallback: 'verb',
    },
    note: 'A query-builder chain that writes (insert/update/delete) is classified there and ends; one that reaches execute() selected, so it reads.',
  },
  {
    id: '@prisma/client', docs: 'https://www.prisma.io/docs/orm/reference/prisma-client-reference', modules: ['@prisma/client', '.prisma/client', '@prisma/client/edge'],
    kind: 'sql', kindFrom: { prismaSchema: true }, factories: ['PrismaClient'],
    // a SQLite datasource is always a file (`url = "file:./dev.db"`), named in the schema or by `datasources`
    diskFile: { what: SQLITE_FILE, kind: 'sqlite', options: ['datasources.db.url', 'datasourceUrl'], implicit: 'the datasource url of schema.prisma' }, types: ['PrismaClient', 'Prisma.TransactionClient', 'TransactionClient'],
    ops: {
      memberTarget: true,
      sql: ['$queryRaw', '$queryRawUnsafe', '$executeRaw', '$executeRawUnsafe', '$queryRawTyped'],
      read: ['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'aggregate', 'groupBy', 'findRaw', 'aggregateRaw'],
      write: ['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany', '$runCommandRaw'],
      ignore: ['$transaction', '$connect', '$disconnect', '$on', '$use', '$extends', '$metrics'],
      fallback: 'ignore',
    },
  },
  {
    id: 'drizzle-orm', docs: 'https://orm.drizzle.team/docs/data-querying', modules: ['drizzle-orm/*'], kind: 'sql',
    // drivers that open the file themselves when given a path (`drizzle('app.db')`, `drizzle({ connection: { source } })`);
    // libSQL's is a URL, a file only with `file:`
    diskFile: {
      what: SQLITE_FILE, kind: 'sqlite', arg: 0, options: ['connection.source', 'connection.url', 'connection'],
      modules: { 'drizzle-orm/better-sqlite3': '', 'drizzle-orm/bun-sqlite': '', 'drizzle-orm/node-sqlite': '', 'drizzle-orm/libsql': 'file:' },
    },
    kindFrom: {
      modules: {
        'drizzle-orm/node-postgres': 'postgres', 'drizzle-orm/postgres-js': 'postgres', 'drizzle-orm/neon': 'postgres',
        'drizzle-orm/vercel-postgres': 'postgres', 'drizzle-orm/pglite': 'postgres', 'drizzle-orm/pg-proxy': 'postgres',
        'drizzle-orm/aws-data-api/pg': 'postgres', 'drizzle-orm/xata-http': 'postgres', 'drizzle-orm/pg-core': 'postgres',
        'drizzle-orm/mysql': 'mysql', 'drizzle-orm/planetscale': 'mysql', 'drizzle-orm/tidb': 'mysql', 'drizzle-orm/singlestore': 'mysql',
        'drizzle-orm/better-sqlite3': 'sqlite', 'drizzle-orm/libsql': 'sqlite', 'drizzle-orm/d1': 'sqlite', 'drizzle-orm/bun-sqlite': 'sqlite',
        'drizzle-orm/expo-sqlite': 'sqlite', 'drizzle-orm/sqlite': 'sqlite', 'drizzle-orm/op-sqlite': 'sqlite', 'drizzle-orm/durable-sqlite': 'sqlite',
        'drizzle-orm/node-sqlite': 'sqlite', 'drizzle-orm/sql-js': 'sqlite', 'drizzle-orm/bun-sql': 'postgres',
      },
      argClient: true,
    },
    factories: ['drizzle'], types: ['NodePgDatabase', 'PostgresJsDatabase', 'MySql2Database', 'BetterSQLite3Database', 'LibSQLDatabase', 'NeonHttpDatabase', 'PgDatabase'],
    ops: {
      // `db.select().from(products)` reads where it names its table; `db.query.products.findFirst()` names it as a member
      sql: ['execute', 'run', 'all', 'get', 'values'], read: ['from', 'findMany', 'findFirst', '$count'],
      navigate: ['query', 'select', 'selectDistinct', 'selectDistinctOn'], memberTarget: true, tableArgs: ['insert', 'update', 'delete', 'from', '$count'],
      write: ['insert', 'update', 'delete'], ignore: ['transaction', 'batch', '$with', 'with'], fallback: 'ignore',
    },
  },
  {
    // Sails.js makes `sails` and each model of api/models/ a global (see extractWorkspace.ts): `User.find()`,
    // `Card.create({ … }).fetch()`, `sails.sendNativeQuery(sql)`; the adapter a service installs names the database
    id: 'sails (Waterline)', docs: 'https://sailsjs.com/documentation/reference/waterline-orm/models', modules: ['sails'], kind: 'sql', direct: true,
    ops: {
      memberTarget: true, navigate: ['getDatastore', 'models'], sql: ['sendNativeQuery'],
      read: ['find', 'findOne', 'count', 'sum', 'avg', 'stream', 'validate'], readwrite: ['findOrCreate'],
      write: ['create', 'createEach', 'update', 'updateOne', 'destroy', 'destroyOne', 'archive', 'archiveOne', 'addToCollection', 'removeFromCollection', 'replaceCollection'],
      ignore: ['lift', 'lower', 'load', 'helpers', 'sockets', 'config', 'log', 'hooks', 'transaction', 'leaseConnection', 'on', 'once'], fallback: 'ignore',
    },
    note: 'Models are globals named after api/models/*.js; sails-postgresql, sails-mysql or sails-disk (a file on this instance) keeps them.',
  },
  {
    id: 'kysely', docs: 'https://kysely.dev/docs/category/examples', modules: ['kysely'], kind: 'sql',
    kindFrom: { options: ['dialect'], argClient: true }, factories: ['Kysely'], types: ['Kysely', 'Transaction'],
    ops: { targetArgs: ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto'],
      read: ['selectFrom', 'selectNoFrom'], write: ['insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto'], sql: ['executeQuery'],
      ignore: ['transaction', 'connection', 'destroy', 'schema', 'withSchema', 'with'], fallback: 'ignore',
    },
  },
  {
    id: '@mikro-orm', docs: 'https://mikro-orm.io/docs/entity-manager', modules: ['@mikro-orm/*'], kind: 'sql',
    kindFrom: {
      modules: {
        '@mikro-orm/postgresql': 'postgres', '@mikro-orm/mysql': 'mysql', '@mikro-orm/mariadb': 'mysql', '@mikro-orm/sqlite': 'sqlite',
        '@mikro-orm/better-sqlite': 'sqlite', '@mikro-orm/libsql': 'sqlite', '@mikro-orm/mongodb': 'mongodb', '@mikro-orm/mssql': 'mssql',
      },
      options: ['type', 'driver'],
    },
    diskFile: { what: SQLITE_FILE, kind: 'sqlite', options: ['dbName'] },
    factories: ['MikroORM.init', 'MikroORM.initSync', 'init'], types: ['EntityManager', 'EntityRepository', 'SqlEntityManager', 'MikroORM', 'SqlEntityRepository'],
    ops: {
      entityArgs: true,
      sql: ['execute'],
      read: [
        'find', 'findOne', 'findOneOrFail', 'findAll', 'findAndCount', 'count', 'findByCursor', 'refresh', 'populate',
        // query builder (em.createQueryBuilder / em.qb)
        'getResult', 'getResultList', 'getSingleResult', 'getResultAndCount', 'getCount',
      ],
      write: [
        'persist', 'persistAndFlush', 'flush', 'remove', 'removeAndFlush', 'insert', 'insertMany', 'nativeInsert', 'nativeUpdate', 'nativeDelete',
        'upsert', 'upsertMany', 'update', 'delete', 'truncate',
      ],
      navigate: ['em', 'getRepository', 'fork', 'createQueryBuilder', 'qb', 'getConnection'],
      ignore: ['create', 'assign', 'transactional', 'begin', 'commit', 'rollback', 'close', 'getMetadata', 'getReference'],
      fallback: 'ignore',
    },
  },
  {
    id: 'pg-promise', docs: 'https://vitaly-t.github.io/pg-promise/Database.html', modules: ['pg-promise'], kind: 'postgres',
    factories: [''], types: ['IDatabase', 'ITask'],
    ops: {
      call: 'navigate',
      sql: ['none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'result', 'query', 'multi', 'multiResult', 'each', 'map', 'stream'],
      readwrite: ['func', 'proc'], ignore: ['tx', 'task', 'txIf', 'taskIf', 'connect', 'as', 'helpers'], fallback: 'ignore',
    },
  },
  {
    id: 'slonik', docs: 'https://github.com/gajus/slonik#readme', modules: ['slonik'], kind: 'postgres',
    factories: ['createPool'], types: ['DatabasePool', 'DatabaseTransactionConnection', 'DatabaseConnection'],
    ops: {
      sql: ['query', 'one', 'any', 'many', 'maybeOne', 'exists', 'anyFirst', 'manyFirst', 'oneFirst', 'maybeOneFirst', 'stream', 'copyFromBinary'],
      ignore: ['transaction', 'connect', 'end'], fallback: 'ignore',
    },
  },
  {
    id: '@google-cloud/spanner', docs: 'https://cloud.google.com/nodejs/docs/reference/spanner/latest', modules: ['@google-cloud/spanner'], kind: 'sql',
    factories: ['Spanner'], types: ['Database', 'Transaction'],
    ops: { targetArgs: ['table'],
      sql: ['run', 'runStream', 'runUpdate', 'executeSql'], navigate: ['instance', 'database', 'table'],
      read: ['read', 'createReadStream'], write: ['insert', 'update', 'upsert', 'replace', 'deleteRows', 'batchUpdate'],
      ignore: ['runTransaction', 'runTransactionAsync', 'getSnapshot', 'close', 'commit'], fallback: 'ignore',
    },
  },
  {
    id: '@aws-sdk/client-rds-data', docs: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/rds-data/', modules: ['@aws-sdk/client-rds-data'],
    kind: 'sql', factories: ['RDSDataClient', 'RDSData'],
    ops: { command: ['send'], sql: ['executeStatement'], write: ['batchExecuteStatement'], ignore: ['beginTransaction', 'commitTransaction', 'rollbackTransaction', 'destroy'], fallback: 'ignore' },
  },
  {
    id: '@aws-sdk/client-athena', docs: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/athena/', modules: ['@aws-sdk/client-athena'],
    kind: 'sql', factories: ['AthenaClient', 'Athena'],
    ops: { command: ['send'], sql: ['startQueryExecution'], read: ['getQueryResults', 'getQueryExecution'], ignore: ['destroy'], fallback: 'ignore' },
  },
];

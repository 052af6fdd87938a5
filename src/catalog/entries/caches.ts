import type { OpTable, StoreModel } from '../types';

/** Redis commands, lower-cased: clients expose them as methods (`hget`, node-redis's `hGet`). */
const REDIS_READ = [
  'get', 'mget', 'getrange', 'strlen', 'exists', 'ttl', 'pttl', 'type', 'keys', 'scan', 'scanstream', 'randomkey', 'dbsize',
  'hget', 'hmget', 'hgetall', 'hkeys', 'hvals', 'hlen', 'hexists', 'hscan', 'hscanstream', 'hstrlen', 'hrandfield',
  'lrange', 'lindex', 'llen', 'lpos', 'smembers', 'sismember', 'smismember', 'scard', 'srandmember', 'sscan', 'sinter', 'sunion', 'sdiff',
  'zrange', 'zrangebyscore', 'zrevrange', 'zrevrangebyscore', 'zrank', 'zrevrank', 'zscore', 'zmscore', 'zcard', 'zcount', 'zscan',
  'xrange', 'xrevrange', 'xread', 'xreadgroup', 'xlen', 'xinfo', 'xpending', 'pfcount', 'getbit', 'bitcount', 'geopos', 'geodist', 'georadius', 'geosearch',
  'subscribe', 'psubscribe', 'ssubscribe', 'blmove', 'object', 'dump', 'json.get', 'ft.search', 'ft.aggregate',
];
const REDIS_WRITE = [
  'set', 'setex', 'psetex', 'setnx', 'mset', 'msetnx', 'append', 'setrange', 'incr', 'incrby', 'incrbyfloat', 'decr', 'decrby',
  'del', 'unlink', 'expire', 'pexpire', 'expireat', 'pexpireat', 'persist', 'rename', 'renamenx', 'copy', 'move', 'restore', 'flushdb', 'flushall',
  'hset', 'hmset', 'hsetnx', 'hdel', 'hincrby', 'hincrbyfloat', 'lpush', 'rpush', 'lpushx', 'rpushx', 'linsert', 'lset', 'lrem', 'ltrim',
  'sadd', 'srem', 'smove', 'sinterstore', 'sunionstore', 'sdiffstore', 'zadd', 'zrem', 'zincrby', 'zremrangebyscore', 'zremrangebyrank', 'zpopmin', 'zpopmax',
  'xadd', 'xdel', 'xtrim', 'xack', 'xgroup', 'xclaim', 'xautoclaim', 'pfadd', 'pfmerge', 'setbit', 'geoadd', 'publish', 'spublish',
  'json.set', 'json.del', 'ft.create', 'eval', 'evalsha', 'fcall',
];
const REDIS_READWRITE = ['getset', 'getdel', 'getex', 'lpop', 'rpop', 'blpop', 'brpop', 'brpoplpush', 'rpoplpush', 'lmove', 'spop', 'bzpopmin', 'bzpopmax', 'watch'];

const REDIS_OPS: OpTable = {
  read: REDIS_READ, write: REDIS_WRITE, readwrite: REDIS_READWRITE,
  navigate: ['multi', 'pipeline', 'json', 'ft', 'ts', 'duplicate', 'withTypeMapping', 'isolated', 'executeIsolated'],
  ignore: ['exec', 'execAsync', 'defineCommand', 'quit', 'disconnect', 'connect', 'on', 'select', 'auth', 'info', 'config', 'client', 'monitor', 'unwatch', 'discard', 'sendCommand', 'unsubscribe', 'punsubscribe', 'status'],
  fallback: 'verb', conditional: ['NX', 'nx', 'XX'], targetArgs: 'all',
};

const MAP_LIKE: OpTable = {
  read: ['get', 'has', 'peek', 'keys', 'values', 'entries', 'mget', 'getTtl', 'getRemainingTTL', 'dump', 'find', 'forEach', 'size', 'info', 'rvalues', 'rkeys'],
  write: ['set', 'delete', 'del', 'clear', 'put', 'mset', 'ttl', 'flushAll', 'reset', 'purgeStale', 'load'],
  // get-or-compute-and-store (`fetch`, `memo`), get-and-remove (`take`, `pop`)
  readwrite: ['fetch', 'memo', 'take', 'pop'],
  fallback: 'ignore', targetArgs: 'all',
};

const IN_MEMORY_CACHE = {
  kind: 'in-memory-cache' as const, longLived: true,
  message: 'This cache lives in one process: each replica caches (and invalidates) on its own, so replicas serve different data.',
};

/** Caches and key-value stores. */
export const cacheModels: StoreModel[] = [
  {
    id: 'ioredis', docs: 'https://redis.github.io/ioredis/classes/Redis.html', modules: ['ioredis'], kind: 'redis',
    factories: ['', 'Redis', 'Cluster', 'default'], types: ['RedisClient', 'Cluster', 'Pipeline', 'ChainableCommander'], ops: REDIS_OPS,
  },
  {
    // the Fastify plugin: `fastify.register(fastifyRedis, { host })`, then `fastify.redis.get(k)` (an ioredis client)
    id: '@fastify/redis', docs: 'https://github.com/fastify/fastify-redis#readme', modules: ['@fastify/redis', 'fastify-redis'], kind: 'redis',
    factories: ['', 'default'], ops: REDIS_OPS,
  },
  {
    id: 'redis', docs: 'https://redis.io/docs/latest/develop/clients/nodejs/', modules: ['redis', '@redis/client'], kind: 'redis',
    factories: ['createClient', 'createCluster', 'createSentinel'], types: ['RedisClientType', 'RedisClusterType'], ops: REDIS_OPS,
  },
  {
    id: '@upstash/redis', docs: 'https://upstash.com/docs/redis/sdks/ts/overview', modules: ['@upstash/redis', '@upstash/redis/cloudflare', '@upstash/redis/nodejs'],
    kind: 'redis', factories: ['Redis', 'Redis.fromEnv', 'fromEnv'], types: ['Redis'], ops: REDIS_OPS,
  },
  {
    id: '@vercel/kv', docs: 'https://vercel.com/docs/storage/vercel-kv/kv-reference', modules: ['@vercel/kv'], kind: 'redis',
    direct: true, factories: ['createClient'], ops: { ...REDIS_OPS, fallback: 'ignore', targetArgs: 'all' },
  },
  {
    id: 'memcached', docs: 'https://github.com/3rd-Eden/memcached#api', modules: ['memcached'], kind: 'memcached', factories: [''],
    ops: { read: ['get', 'gets', 'getMulti', 'items', 'stats'], write: ['set', 'add', 'replace', 'append', 'prepend', 'cas', 'incr', 'decr', 'del', 'touch', 'flush'], fallback: 'ignore', targetArgs: 'all' },
  },
  {
    id: 'memjs', docs: 'https://memjs.netlify.app/', modules: ['memjs'], kind: 'memcached', factories: ['Client.create', 'Client'],
    ops: { read: ['get', 'getMulti', 'stats'], write: ['set', 'add', 'replace', 'append', 'prepend', 'delete', 'increment', 'decrement', 'flush', 'touch'], fallback: 'ignore', targetArgs: 'all' },
  },
  {
    id: 'keyv', docs: 'https://keyv.org/docs/', modules: ['keyv'], kind: 'memory', kindFrom: { url: true, options: ['store', 'uri'], argClient: true },
    factories: ['', 'Keyv', 'default'], types: ['Keyv'],
    ops: { read: ['get', 'has', 'getMany', 'iterator'], write: ['set', 'delete', 'clear', 'setMany', 'deleteMany'], fallback: 'ignore', targetArgs: 'all' },
    hazard: { ...IN_MEMORY_CACHE, when: 'memory' },
    note: 'Without a store or a connection URI Keyv keeps a Map in the process.',
  },
  {
    id: '@keyv/*', docs: 'https://keyv.org/docs/storage-adapters/', modules: ['@keyv/*'], kind: 'redis',
    kindFrom: { modules: { '@keyv/redis': 'redis', '@keyv/valkey': 'redis', '@keyv/postgres': 'postgres', '@keyv/mysql': 'mysql', '@keyv/sqlite': 'sqlite', '@keyv/mongo': 'mongodb', '@keyv/memcache': 'memcached', '@keyv/etcd': 'http-api', '@keyv/dynamo': 'dynamodb' } },
    factories: ['', 'default', 'KeyvRedis', 'KeyvPostgres', 'KeyvMysql', 'KeyvSqlite', 'KeyvMongo', 'KeyvMemcache', 'createKeyv'],
    ops: { read: ['get', 'has'], write: ['set', 'delete', 'clear'], fallback: 'ignore', targetArgs: 'all' },
  },
  {
    id: 'cache-manager', docs: 'https://github.com/jaredwray/cacheable/tree/main/packages/cache-manager#readme', modules: ['cache-manager'], kind: 'memory',
    kindFrom: { options: ['store', 'stores'], argClient: true }, factories: ['createCache', 'caching', 'multiCaching'], types: ['Cache', 'MemoryCache'],
    ops: { read: ['get', 'mget', 'ttl', 'keys'], write: ['set', 'mset', 'del', 'mdel', 'clear', 'reset'], readwrite: ['wrap'], fallback: 'ignore', targetArgs: 'all' },
    hazard: { ...IN_MEMORY_CACHE, when: 'memory' },
  },
  {
    id: 'cache-manager stores', docs: 'https://github.com/jaredwray/cacheable/tree/main/packages/cache-manager#store-engines',
    modules: ['cache-manager-redis-store', 'cache-manager-ioredis', 'cache-manager-redis-yet', 'cache-manager-ioredis-yet', '@tirke/node-cache-manager-ioredis'],
    kind: 'redis', factories: ['', 'redisStore', 'create', 'default'], ops: { fallback: 'ignore', targetArgs: 'all' },
  },
  {
    id: 'lru-cache', docs: 'https://isaacs.github.io/node-lru-cache/', modules: ['lru-cache'], kind: 'memory',
    factories: ['', 'LRUCache', 'default', 'LRU'], types: ['LRUCache'], ops: MAP_LIKE, hazard: IN_MEMORY_CACHE,
  },
  {
    id: 'node-cache', docs: 'https://github.com/node-cache/node-cache#readme', modules: ['node-cache'], kind: 'memory',
    factories: ['', 'default', 'NodeCache'], types: ['NodeCache'], ops: MAP_LIKE, hazard: IN_MEMORY_CACHE,
  },
  {
    id: 'memory-cache', docs: 'https://github.com/ptarjan/node-cache#readme', modules: ['memory-cache'], kind: 'memory',
    direct: true, factories: ['Cache'], ops: { read: ['get', 'keys', 'size', 'memsize', 'hits', 'misses'], write: ['put', 'del', 'clear', 'importJson'], fallback: 'ignore', targetArgs: 'all' },
    hazard: { ...IN_MEMORY_CACHE, on: 'write', oneStore: true, longLived: false },
  },
  {
    id: 'quick-lru', docs: 'https://github.com/sindresorhus/quick-lru#readme', modules: ['quick-lru', 'tiny-lru', 'flru', '@isaacs/ttlcache', 'ttlcache', 'mnemonist/lru-cache', 'lru.min'],
    kind: 'memory', factories: ['', 'default', 'lru', 'LRU', 'createLRU', 'TTLCache', 'LRUCache'], ops: MAP_LIKE, hazard: IN_MEMORY_CACHE,
  },
  {
    // hapi's cache client: the engine it is given keeps the entries (`new Catbox.Client(CatboxRedis, { host })`), and a
    // policy (`new Catbox.Policy({ expiresIn }, client, 'segment')`) reads and writes through its client
    id: '@hapi/catbox', docs: 'https://hapi.dev/module/catbox/api/', modules: ['@hapi/catbox', 'catbox'], kind: 'memory',
    factories: ['Client', 'Policy'], kindFrom: { argClient: true }, types: ['Client', 'Policy'],
    ops: { read: ['get', 'isReady'], write: ['set', 'drop'], ignore: ['start', 'stop', 'validateSegmentName'], fallback: 'ignore', targetArgs: 'all' },
    hazard: { ...IN_MEMORY_CACHE, when: 'memory', longLived: true },
  },
  {
    // catbox's engines, given to its client: where the entries live
    id: 'catbox engines', docs: 'https://hapi.dev/module/catbox/', kind: 'redis',
    modules: ['@hapi/catbox-redis', 'catbox-redis', '@hapi/catbox-memcached', 'catbox-memcached', '@hapi/catbox-memory', 'catbox-memory', 'catbox-mongodb'],
    kindFrom: { modules: { '@hapi/catbox-memcached': 'memcached', 'catbox-memcached': 'memcached', '@hapi/catbox-memory': 'memory', 'catbox-memory': 'memory', 'catbox-mongodb': 'mongodb' } },
    factories: ['', 'default', 'Engine'], ops: { fallback: 'ignore' },
  },
  {
    // an Express middleware that keeps whole responses: in a Map of the process unless given a Redis client
    // (`apicache.options({ redisClient })`, `apicache.newInstance({ redisClient })`)
    id: 'apicache', docs: 'https://github.com/kwhitley/apicache#api', modules: ['apicache', 'apicache-plus'], kind: 'memory',
    direct: true, factories: ['options', 'newInstance'], kindFrom: { argClient: true },
    ops: { read: ['getIndex', 'getPerformance'], write: ['middleware', 'clear'], ignore: ['resetIndex'], fallback: 'ignore', targetArgs: ['clear'] },
    hazard: { ...IN_MEMORY_CACHE, on: 'write', oneStore: true, at: ['middleware'], when: 'memory' },
    note: 'A Redis client set apart from the chain that uses the cache (`apicache.options({ redisClient })` on its own line, then `apicache.middleware(…)`) is not followed: the middleware is taken to keep responses in memory.',
  },
  {
    // an Express middleware that keeps whole responses in the process (its default `MemoryStore`) unless configured
    // with another store (`routeCache.config({ cacheStore: new IoRedisStore(client) })`)
    id: 'route-cache', docs: 'https://github.com/bradoyler/route-cache#readme', modules: ['route-cache'], kind: 'memory',
    direct: true, ops: { write: ['cacheSeconds', 'removeCache'], ignore: ['config'], fallback: 'ignore', targetArgs: ['removeCache'] },
    hazard: { ...IN_MEMORY_CACHE, on: 'write', oneStore: true, at: ['cacheSeconds'], when: 'memory', unlessMethod: ['config'] },
    note: 'Taken to keep responses in memory unless `config(…)` is called on it anywhere in the service (where a Redis store is given).',
  },
  {
    id: 'redlock', docs: 'https://github.com/mike-marcacci/node-redlock#readme', modules: ['redlock', '@sesamecare-oss/redlock'], kind: 'redis',
    factories: ['', 'default', 'Redlock'], kindFrom: { argClient: true },
    note: 'A lock kept in the Redis clients it is given (`new Redlock([redis])`): its kind is theirs.',
    ops: { readwrite: ['acquire', 'using', 'lock', 'extend', 'release', 'unlock'], ignore: ['on', 'quit'], fallback: 'ignore' },
  },
];

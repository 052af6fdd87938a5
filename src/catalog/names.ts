/**
 * Naming conventions the analysis reads code by, when no import says what a value is: how people name
 * a store client, an object that carries clients, a method that hands a callback a scoped client, a
 * call that runs its callback in a transaction or under a lock. They are guesses about names, kept here
 * as data beside the catalog's libraries so that extract and link name no convention of their own.
 */

/** `^(a|b|…)$` over plain names. */
function exactly(names: readonly string[]): RegExp {
  return new RegExp(`^(${names.join('|')})$`);
}

/** Untyped parameters named like a store client: followed, and matched to a library the file uses. */
export const CLIENT_PARAMETER_NAMES: readonly string[] = [
  // generic
  'client', 'db', 'database', 'pool', 'conn', 'connection', 'session', 'driver', 'dbClient',
  // SQL and query builders, and their transactions
  'knex', 'trx', 'tx', 'sql', 'pg', 'mysql',
  // caches
  'redis', 'redisClient', 'cache',
  // documents
  'mongo', 'mongoClient', 'collection', 'coll', 'dynamo', 'ddb', 'docClient', 'cassandra', 'es', 'elastic',
  // ORMs
  'repo', 'repository', 'em', 'entityManager', 'manager', 'prisma', 'sequelize',
  // messaging
  'queue', 'producer', 'consumer', 'channel', 'kafka', 'nats', 'mqtt', 'publisher', 'subscriber',
  // object storage
  'bucket', 's3', 'storage',
];
export const CLIENTISH = exactly(CLIENT_PARAMETER_NAMES);

/** Untyped parameters that usually carry clients as members: `ctx.db`, `context.prisma`, `deps.redis`. */
export const HOLDER_PARAMETER_NAMES: readonly string[] = [
  // a request or its context (Koa, Hono's `c`, GraphQL resolvers)
  'ctx', 'context', 'req', 'request', 'locals', 'c', 'env',
  // injected dependencies
  'opts', 'options', 'deps', 'dependencies', 'services', 'container',
  // the server itself (Fastify decorates it with clients)
  'app', 'fastify', 'server',
];
export const HOLDERS = exactly(HOLDER_PARAMETER_NAMES);

/**
 * Server frameworks whose application object carries clients for the whole process (`app.db = db`,
 * `app.locals.redis`, `app.set('pg', pool)`, `app.context.db` in Koa, `server.app.db` in hapi,
 * `fastify.decorate('db', …)`): what their factory (or class) makes is a holder, and so is `req.app`.
 */
export const APP_FRAMEWORK_MODULES: ReadonlySet<string> = new Set([
  'express', 'koa', 'fastify', '@hapi/hapi', 'restify', 'polka', 'connect', '@feathersjs/feathers', '@feathersjs/express', '@feathersjs/koa',
]);
/** The members of such a module that make the application (besides the module itself and its default). */
export const APP_FACTORY_MEMBERS: ReadonlySet<string> = new Set(['server', 'Server', 'createServer', 'default', 'fastify', 'Koa']);

/**
 * Methods whose callback receives a scoped client (`$transaction(async (tx) => …)`,
 * `pool.connect((err, client) => …)`, `.then((conn) => …)`): matched anywhere in the callee's name,
 * ignoring case, unless anchored.
 */
const CALLBACK_CLIENT_PARTS: readonly string[] = [
  // transactions: Prisma `$transaction`, Knex `transaction`, DynamoDB `transact…`, `tx`, Mongo `withTransaction`
  'transaction', 'transact', '^tx$', 'begin', 'atomic', 'serialize',
  // connections and sessions handed out by a pool
  'connect', 'session', 'acquire', 'getConnection', 'using',
  // batches and pipelines (Redis `multi`, `pipeline`)
  'batch', 'multi', 'pipeline', 'task',
  // `withClient(…)`, `runInTransaction(…)`, a hook `useDb(…)`
  '^with', '^run', '^use[A-Z]',
  // a promise of a client
  '^then$',
];
export const CALLBACK_CLIENT = new RegExp(CALLBACK_CLIENT_PARTS.join('|'), 'i');

/** Calls whose callbacks run inside a transaction or under a lock: matched in the callee's text, ignoring case. */
const TRANSACTION_CALLEE_PARTS: readonly string[] = [
  'transaction', 'atomic', 'serializ',
  // locks: `lock`, `withLock`, Redlock's `using` is named by its receiver (`redlock.using`), Postgres advisory locks
  'lock', 'withLock', 'mutex', 'advisory',
];
export const TRANSACTION_CALLEE = new RegExp(TRANSACTION_CALLEE_PARTS.join('|'), 'i');
/** Words of locks that order work inside one process (`withMutex(…)`, `mutex.runExclusive(…)`): no other replica waits. */
const IN_PROCESS_LOCK_WORDS: readonly string[] = ['mutex', 'semaphore', 'singleflight', 'exclusive'];
/** Of the transaction callees, the ones that are such a lock. */
export const IN_PROCESS_LOCK_CALLEE = new RegExp(IN_PROCESS_LOCK_WORDS.join('|'), 'i');
/** Words that say a store keeps the lock or the transaction, whatever else the name says (`redisMutexLock`). */
export const STORE_LOCK_CALLEE = /transaction|atomic|serializ|redlock|advisory|redis/i;

/** Globals only a browser has: a file that reads one runs in a browser. */
export const DOM_GLOBALS: ReadonlySet<string> = new Set(['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB']);

/**
 * Calls that take a lock or elect a leader before a scheduled job writes: then one replica runs it. Told by the
 * words of the name, so `updateLeaderboard`, `blockUser` and `clock` are not. A mutex, a semaphore or a
 * single-flight (`withMutex(Mutex.CHECK_JOBS, …)`, async-mutex's `runExclusive`) orders work inside one process:
 * another replica runs the same job all the same, so they are no such lock (a store-backed one is taken with
 * `acquire` or `lock`).
 */
export function isLockName(name: string): boolean {
  const words = name.split(/(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+/).map((w) => w.toLowerCase());
  // a question of which replica leads (`isPrimaryNode()`, `isLeader()`, `amIMaster()`): the others return early
  if ((words[0] === 'is' || words[0] === 'am') && words.some((w) => LEADER_WORDS.has(w))) return true;
  return words.some((w) => LOCK_WORDS.has(w)) && !words.some((w) => IN_PROCESS_LOCK_WORDS.includes(w));
}
const LEADER_WORDS = new Set(['primary', 'master', 'leader', 'elected']);
const LOCK_WORDS = new Set(['lock', 'locks', 'locked', 'locking', 'redlock', 'acquire', 'advisory', 'elect', 'elected', 'election', 'leader', 'leadership']);

/** Helpers for tests by convention: `__setCache`, `resetForTests`, `mockClock`. */
export const TEST_ONLY_FN = /^__|ForTests?$|^(reset|mock|stub|clear)(ForTest|Mock|Stub|$)|^_?test[A-Z_]/;

/** Names that say start-up, and framework lifecycle hooks that run once before the first request. */
export const STARTUP_FN = /^(init|initialize|setup|set[Uu]p|configure|bootstrap|start|connect|install|main|boot|populate|prepare|warm|constructor$|create\w*(App|Server|Client)$|onModuleInit$|onApplicationBootstrap$)/;

/**
 * Calls that register a callback to run later, once per request, event or tick: HTTP routes and
 * middleware, event and socket listeners, queue consumers, timers, bot commands, GraphQL resolvers, and setters of a
 * dispatcher or listener (Fedify's `federation.setNodeInfoDispatcher(path, cb)`, `setInboxListeners(…)`).
 */
export const HANDLER = /^(get|post|put|patch|delete|del|all|head|options|use|route|openapi|handle|on|once|addListener|addEventListener|subscribe|process|consume|work|setInterval|setTimeout|setImmediate|schedule|scheduleJob|cron|every|createServer|action|command|hears|middleware|procedure|eachMessage|eachBatch|Worker|onMessage|handler|defineEventHandler|eventHandler|defineCachedEventHandler|defineWebSocketHandler|set[A-Z]\w*(?:Dispatcher|Listeners?|Handler))$/;

/**
 * Functions named for what calls them per message or request: `consumer.run({ eachMessage })`, a
 * resolver's `resolve`, a queue processor's `process(job)`, `onMessage`, a lambda's `handler`.
 */
export const HANDLER_NAME = /^(eachMessage|eachBatch|handler|handle|process|consume|resolve|on(Message|Request|Connect|Connection|Data|Event|Job|Tick|Upgrade|Message[A-Z]\w*))$/;

/**
 * Exports a framework calls once per request, by the file they are in: Next.js route handlers, API
 * routes and server-side props, Remix/React Router loaders and actions, SvelteKit endpoints and server
 * loads, Nuxt/Nitro and Astro endpoints.
 */
export const ROUTE_EXPORTS: ReadonlyArray<readonly [file: RegExp, name: RegExp]> = [
  [/(^|\/)app\/(.+\/)?route\.[cm]?[jt]sx?$/, /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/],
  [/(^|\/)app\/(.+\/)?(page|layout|default|template)\.[jt]sx?$/, /^(default|generateMetadata)$/],
  [/(^|\/)pages\/api\//, /^default$/],
  [/(^|\/)pages\/.+\.[jt]sx?$/, /^(getServerSideProps|getInitialProps)$/],
  [/(^|\/)(app\/)?routes\/.+\.[cm]?[jt]sx?$/, /^(loader|action)$/],
  [/(^|\/)\+server\.[jt]s$/, /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|fallback)$/],
  [/(^|\/)\+(page|layout)\.server\.[jt]s$/, /^(load|actions)$/],
  // SvelteKit's server hooks: `handle` runs for every request, `handleFetch` for every fetch a load makes
  [/(^|\/)hooks\.server\.[jt]s$/, /^(handle|handleFetch)$/],
  [/(^|\/)server\/(api|routes|middleware)\/.+\.[jt]s$/, /^default$/],
  [/(^|\/)src\/pages\/.+\.[jt]s$/, /^(GET|POST|PUT|PATCH|DELETE|ALL)$/],
];

/**
 * Events of a process, a server or a stream's own life, not requests: a callback given to `on('exit')`,
 * `process.on('SIGTERM')` or `stream.on('finish')` runs when its emitter starts, fails or ends.
 */
export const LIFECYCLE_EVENT = /^(SIG[A-Z0-9]+|exit|beforeExit|uncaughtException|uncaughtExceptionMonitor|unhandledRejection|rejectionHandled|warning|listening|ready|close|error|end|finish|drain|open|online|pipe|unpipe)$/;

/** HTTP methods named as strings: `router.register('/x', ['get', 'post'], handler)` registers a route. */
export const HTTP_VERB = /^(get|post|put|patch|delete|del|head|options|all)$/i;

/** Calls that run their callback right away (or once, when a start-up promise settles). */
export const RUNS_NOW = /^(forEach|map|filter|reduce|reduceRight|find|findIndex|findLast|some|every|sort|flatMap|then|catch|finally|Promise|all|allSettled|from|call|apply)$/;

/** Tests of who owns a record (authorization), not of the state being written. */
export const OWNERSHIP = /(^|\.)(id|_id|author|owner|user|userId|ownerId|authorId|creator|createdBy|role|roles|permissions?|tenantId|teamId|orgId)(\.|$)/i;

/** The requester's own identity: `req.user.id`, `req.session.userId`, `ctx.state.user._id`, `res.locals.user`. */
export const SELF = /^(?:req|request|ctx|context|c)\.(?:user|session|auth|state\.(?:user|auth))(?:\.|$)|^res\.locals\.user(?:\.|$)/;

/**
 * Method decorators by which a framework calls the method per request or message, and the packages they come from:
 * NestJS routes, microservice and WebSocket message handlers, GraphQL resolvers and queue processors;
 * routing-controllers, tsoa, Ts.ED, Overnight and FoalTS routes; type-graphql resolvers; Inversify's and LoopBack's routes.
 */
export const HANDLER_DECORATOR = /^(Get|Post|Put|Patch|Delete|Del|All|Head|Options|Search|Sse|Method|MessagePattern|EventPattern|GrpcMethod|GrpcStreamMethod|GrpcStreamCall|SubscribeMessage|OnMessage|Query|Mutation|Subscription|ResolveField|FieldResolver|ResolveProperty|ResolveReference|Process|httpGet|httpPost|httpPut|httpPatch|httpDelete|httpHead|httpMethod|all|get|post|put|patch|del|operation)$/;
export const HANDLER_DECORATOR_PACKAGE = /^(@nestjs\/(common|microservices|websockets|graphql|bull|bullmq)|routing-controllers|socket-controllers|tsoa|@tsed\/[\w-]+|@overnightjs\/core|@foal\/core|type-graphql|typegraphql-nestjs|inversify-express-utils|inversify-koa-utils|@loopback\/rest|@decorators\/(express|socket))$/;

/** Class decorators of dependency-injection containers that make one instance per process (NestJS, TypeDI, tsyringe, Inversify, Angular, Bull processors). */
export const DI_SINGLETON = /^(Injectable|injectable|Service|Singleton|singleton|Controller|Resolver|WebSocketGateway|Processor)$/;

/**
 * Exports that return a new random value each call (module → export names; `*` for the module's default or
 * namespace call): what a process memoises from them differs on every replica. Deterministic ids (`uuid`'s
 * `v3`/`v5`, hashes) are not among them.
 */
export const RANDOM_SOURCES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['uuid', new Set(['v1', 'v4', 'v6', 'v7'])],
  // also `node:crypto`, and the global `crypto` of Web Crypto
  ['crypto', new Set(['randomUUID', 'randomBytes', 'randomInt', 'getRandomValues', 'pseudoRandomBytes'])],
  ['nanoid', new Set(['nanoid', '*'])],
  ['shortid', new Set(['generate', '*'])],
  ['cuid', new Set(['*'])],
  ['@paralleldrive/cuid2', new Set(['createId'])],
  ['ulid', new Set(['ulid'])],
  ['hyperid', new Set(['*'])],
]);

/** Library classes that are the language's collections (`new Collection()` of discord.js is a Map): module → export → kind. */
export const COLLECTION_CLASSES: Readonly<Record<string, Readonly<Record<string, 'map' | 'set' | 'array'>>>> = {
  'discord.js': { Collection: 'map' },
  '@discordjs/collection': { Collection: 'map' },
};

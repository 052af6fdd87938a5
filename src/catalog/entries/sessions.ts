import type { Access, StoreModel } from '../types';

/**
 * Packages whose types are an HTTP handler's request, response or context (`Request`, `Response` of
 * Express, `FastifyReply`, Koa's `Context`, `NextRequest`): a parameter named like a receiver and typed
 * with one of them is that receiver (`receiverModules`).
 */
const HTTP_HANDLER_MODULES = [
  'express', 'express-serve-static-core', 'fastify', 'koa', '@koa/router', 'koa-router', '@hapi/hapi', 'hono', 'h3',
  'http', 'https', 'http2', '@nestjs/common', 'next', 'next/server', '@vercel/node', 'astro',
];

/** What each method of a response's `cookies` does (`NextResponse.next().cookies.set(…)`). */
const NEXT_COOKIE_OPS: Record<string, Access> = { get: 'read', getAll: 'read', has: 'read', set: 'write', delete: 'write' };
/** How next/server makes a response: `new NextResponse()` and its static makers. */
const NEXT_RESPONSES = ['NextResponse', 'NextResponse.next', 'NextResponse.json', 'NextResponse.redirect', 'NextResponse.rewrite'];
/** A response's cookie methods by their export path (`NextResponse.next.cookies.set`): making one of those is the access. */
const NEXT_RESPONSE_COOKIES: Record<string, Access> = Object.fromEntries(
  NEXT_RESPONSES.flatMap((r) => Object.entries(NEXT_COOKIE_OPS).map(([method, access]) => [`${r}.cookies.${method}`, access])),
);

function sessionStore(id: string, modules: string[], kind: StoreModel['kind'], docs: string, factories = ['', 'default', 'create']): StoreModel {
  return { id, docs, modules, kind, factories, ops: { construct: 'readwrite', fallback: 'ignore' } };
}

/** Server-side sessions, cookies, rate limits and real-time rooms: where they keep state depends on their store. */
export const sessionModels: StoreModel[] = [
  {
    id: 'express-session', docs: 'https://github.com/expressjs/session#options', modules: ['express-session'], kind: 'memory',
    kindFrom: { options: ['store'] }, factories: ['', 'default', 'session', 'MemoryStore'], cookie: { '': 'readwrite', default: 'readwrite', session: 'readwrite' }, ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: { kind: 'memory-session-store', when: 'memory', message: 'Sessions live in this process\'s MemoryStore: a user routed to another replica is logged out, and a restart loses every session.' },
  },
  {
    id: '@fastify/session', docs: 'https://github.com/fastify/session#options', modules: ['@fastify/session', 'fastify-session'],
    kind: 'memory', kindFrom: { options: ['store'] }, factories: ['', 'default'], cookie: 'readwrite', ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: { kind: 'memory-session-store', when: 'memory', message: 'Sessions live in this process\'s memory store: another replica does not know them, and a restart loses them.' },
  },
  {
    id: 'koa-session', docs: 'https://github.com/koajs/session#readme', modules: ['koa-session'], kind: 'cookie',
    kindFrom: { options: ['store'] }, factories: ['', 'default'], ops: { construct: 'readwrite', fallback: 'ignore' },
    note: 'Without an external store koa-session keeps the session in a signed cookie.',
  },
  {
    id: 'koa-generic-session', docs: 'https://github.com/koajs/generic-session#readme', modules: ['koa-generic-session'], kind: 'memory',
    kindFrom: { options: ['store'] }, factories: ['', 'default'], cookie: 'readwrite', ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: { kind: 'memory-session-store', when: 'memory', message: 'Sessions live in this process\'s MemoryStore: a user routed to another replica is logged out, and a restart loses every session.' },
    note: 'Unlike koa-session, its default store is a MemoryStore in the process.',
  },
  {
    id: 'cookie-session', docs: 'https://github.com/expressjs/cookie-session#readme', modules: ['cookie-session'], kind: 'cookie',
    factories: ['', 'default'], ops: { construct: 'readwrite', fallback: 'ignore' },
  },
  {
    id: '@fastify/secure-session', docs: 'https://github.com/fastify/fastify-secure-session#readme', modules: ['@fastify/secure-session', 'fastify-secure-session'],
    kind: 'cookie', factories: ['', 'default'], ops: { construct: 'readwrite', fallback: 'ignore' },
    note: 'A stateless session: the data is encrypted into the cookie.',
  },
  sessionStore('connect-redis', ['connect-redis'], 'redis', 'https://github.com/tj/connect-redis#readme', ['', 'default', 'RedisStore']),
  sessionStore('connect-pg-simple', ['connect-pg-simple'], 'postgres', 'https://github.com/voxpelli/node-connect-pg-simple#readme'),
  sessionStore('connect-mongo', ['connect-mongo', 'connect-mongodb-session'], 'mongodb', 'https://github.com/jdesboeufs/connect-mongo#readme', ['', 'default', 'create', 'MongoStore']),
  sessionStore('connect-session-sequelize', ['connect-session-sequelize', 'connect-session-knex'], 'sql', 'https://github.com/mweibel/connect-session-sequelize#readme'),
  sessionStore('connect-sqlite3', ['connect-sqlite3', 'better-sqlite3-session-store'], 'sqlite', 'https://github.com/rawberg/connect-sqlite3#readme'),
  sessionStore('connect-dynamodb', ['connect-dynamodb', 'dynamodb-store'], 'dynamodb', 'https://github.com/ca98am79/connect-dynamodb#readme'),
  sessionStore('connect-memcached', ['connect-memcached'], 'memcached', 'https://github.com/balor/connect-memcached#readme'),
  {
    ...sessionStore('session-file-store', ['session-file-store'], 'filesystem', 'https://github.com/valery-barysok/session-file-store#readme'),
    hazard: { kind: 'local-file-write', message: 'Sessions are files on this instance\'s disk: a user routed to another replica is logged out unless every replica mounts the same volume.' },
  },
  {
    // a logged-in WhatsApp Web session: `LocalAuth` keeps it in a folder of this instance's disk (`.wwebjs_auth`);
    // `RemoteAuth` keeps it in the store it is given, `NoAuth` nowhere (the phone is paired at each start)
    id: 'whatsapp-web.js LocalAuth', docs: 'https://wwebjs.dev/guide/creating-your-bot/authentication.html', modules: ['whatsapp-web.js'], kind: 'filesystem',
    factories: ['LocalAuth'], ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: { kind: 'local-file-write', message: 'WhatsApp sessions are saved in a folder on this instance\'s disk (LocalAuth): another replica, or this one restarted without a volume, must pair the phone again.' },
  },
  {
    // Baileys' multi-file auth state: the keys of a paired WhatsApp session, as files in the folder it is given
    id: 'baileys useMultiFileAuthState', docs: 'https://baileys.wiki/docs/intro', modules: ['@whiskeysockets/baileys', 'baileys', '@adiwajshing/baileys'], kind: 'filesystem',
    factories: ['useMultiFileAuthState'], ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: { kind: 'local-file-write', message: 'WhatsApp session keys are files on this instance\'s disk (useMultiFileAuthState): another replica, or this one restarted without a volume, must pair the phone again.' },
  },
  sessionStore('koa-redis', ['koa-redis'], 'redis', 'https://github.com/koajs/koa-redis#readme', ['', 'default']),
  sessionStore('memorystore', ['memorystore'], 'memory', 'https://github.com/roccomuso/memorystore#readme'),
  {
    id: 'server cookies', docs: 'https://expressjs.com/en/api.html#res.cookie',
    receivers: [['res'], ['response'], ['reply']], receiverModules: HTTP_HANDLER_MODULES, kind: 'cookie', direct: true,
    ops: {
      write: ['cookie', 'clearCookie', 'setCookie', 'clearCookies', 'unsignCookie'],
      // the raw header: Node's setHeader, Express's set/append/header, Fastify's header, a fetch Response's headers
      headers: {
        methods: ['setHeader', 'getHeader', 'hasHeader', 'removeHeader', 'appendHeader', 'writeHead', 'header', 'headers', 'set', 'get', 'has', 'append', 'delete'],
        names: ['set-cookie'],
      },
      fallback: 'ignore',
    },
    note: 'Handlers\' response objects by name, untyped or typed by their framework (Express, Fastify, Node).',
  },
  {
    id: 'request cookies', docs: 'https://expressjs.com/en/api.html#req.cookies',
    receivers: [['req', 'cookies'], ['request', 'cookies'], ['req', 'signedCookies'], ['request', 'signedCookies'], ['ctx', 'cookies'], ['context', 'cookies'], ['c', 'req', 'cookie']],
    receiverModules: HTTP_HANDLER_MODULES,
    // calling the path itself reads one cookie: Hono's `c.req.cookie('name')`
    kind: 'cookie', direct: true, ops: { members: 'read', call: 'read', read: ['get', 'getAll', 'has'], write: ['set', 'delete'], fallback: 'ignore' },
  },
  {
    id: 'cookie header', docs: 'https://nodejs.org/api/http.html#messageheaders',
    receivers: [
      ['req', 'headers', 'cookie'], ['ctx', 'headers', 'cookie'], ['ctx', 'header', 'cookie'], ['ctx', 'req', 'headers', 'cookie'],
      ['ctx', 'request', 'headers', 'cookie'], ['ctx', 'request', 'header', 'cookie'],
    ],
    receiverModules: HTTP_HANDLER_MODULES, kind: 'cookie', direct: true, ops: { self: true, fallback: 'ignore' },
    note: 'Node\'s (and Koa\'s) request headers are a plain object: reading its `cookie` reads the raw Cookie header.',
  },
  {
    id: 'request headers', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/Headers/get',
    receivers: [['request', 'headers']], receiverModules: HTTP_HANDLER_MODULES, kind: 'cookie', direct: true,
    ops: { headers: { methods: ['get', 'has', 'set', 'append', 'delete'], names: ['cookie'] }, fallback: 'ignore' },
    note: 'A fetch-style handler\'s request (Remix, Next.js route handlers, Workers): `request.headers.get(\'cookie\')`. '
      + 'A receiver path ends where a client starts, so Node\'s `request.headers.cookie` is not seen under this root.',
  },
  {
    id: 'Headers', docs: 'https://developer.mozilla.org/en-US/docs/Web/API/Headers', globals: [['Headers'], ['Response']], kind: 'cookie',
    factories: ['', 'json', 'redirect'],
    ops: { headers: { methods: ['get', 'has', 'set', 'append', 'delete'], names: ['cookie', 'set-cookie'] }, read: ['getSetCookie'], fallback: 'ignore' },
    note: 'Headers (and a Response\'s headers) the code makes: only the Cookie and Set-Cookie headers are cookies.',
  },
  {
    id: 'next/headers', docs: 'https://nextjs.org/docs/app/api-reference/functions/cookies', modules: ['next/headers'], kind: 'cookie',
    factories: ['cookies'], ops: { read: ['get', 'getAll', 'has'], write: ['set', 'delete'], fallback: 'ignore' },
  },
  {
    id: 'next/server', docs: 'https://nextjs.org/docs/app/api-reference/functions/next-response', modules: ['next/server'], kind: 'cookie',
    factories: Object.keys(NEXT_RESPONSE_COOKIES), ops: { construct: NEXT_RESPONSE_COOKIES, fallback: 'ignore' },
    note: 'A response NextResponse makes is followed by its export path, so that only its `cookies` are cookies (its `headers.set(…)` is not). '
      + 'A `request: NextRequest` parameter is the request receiver (`request.cookies.get(…)`).',
  },
  {
    id: 'hono/cookie', docs: 'https://hono.dev/docs/helpers/cookie', modules: ['hono/cookie'], kind: 'cookie', direct: true,
    ops: { read: ['getCookie', 'getSignedCookie'], write: ['setCookie', 'setSignedCookie', 'deleteCookie'], fallback: 'ignore' },
  },
  {
    id: 'h3', docs: 'https://h3.unjs.io/examples/handle-cookie', modules: ['h3'], kind: 'cookie', direct: true,
    ops: {
      read: ['getCookie', 'parseCookies'], write: ['setCookie', 'deleteCookie'],
      // a sealed session kept in a cookie: https://h3.unjs.io/examples/handle-session
      readwrite: ['useSession', 'getSession', 'updateSession', 'clearSession'], fallback: 'ignore',
    },
    note: 'Helpers that take the event first (Nuxt, Nitro). Nuxt\'s auto-imports are not seen: only an import from h3.',
  },
  {
    id: '@remix-run/node sessions', docs: 'https://remix.run/docs/en/main/utils/sessions',
    modules: ['@remix-run/node', '@remix-run/cloudflare', '@remix-run/deno', 'react-router', '@react-router/node'], kind: 'cookie',
    factories: ['createCookieSessionStorage', 'createMemorySessionStorage', 'createFileSessionStorage', 'createSessionStorage', 'createCookie'],
    factoryKinds: { createMemorySessionStorage: 'memory', createFileSessionStorage: 'filesystem' },
    ops: { read: ['getSession', 'parse'], write: ['commitSession', 'destroySession', 'serialize'], fallback: 'ignore' },
    hazard: { kind: 'memory-session-store', when: 'memory', message: 'createMemorySessionStorage keeps sessions in this process: another replica does not know them, and a restart loses them.' },
  },
  {
    id: 'express-rate-limit', docs: 'https://express-rate-limit.mintlify.app/reference/configuration#store', modules: ['express-rate-limit'],
    kind: 'memory', kindFrom: { options: ['store'] }, factories: ['', 'default', 'rateLimit'], ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: { kind: 'memory-rate-limit', when: 'memory', message: 'Request counts live in this process\'s MemoryStore: with N replicas a client gets N times the limit.' },
  },
  {
    id: '@fastify/rate-limit', docs: 'https://github.com/fastify/fastify-rate-limit#options', modules: ['@fastify/rate-limit', 'fastify-rate-limit', 'koa-ratelimit'],
    // koa-ratelimit names its engine: `driver: 'redis'` with `db: redisClient`, or `driver: 'memory'` with `db: new Map()`
    kind: 'memory', kindFrom: { options: ['redis', 'store', 'db', 'driver'], argClient: true }, factories: ['', 'default'], ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: { kind: 'memory-rate-limit', when: 'memory', message: 'Request counts live in this process\'s memory: with N replicas a client gets N times the limit.' },
  },
  {
    // dharmafly/connect-ratelimit: counts per client name in a module-level object, no store option
    id: 'connect-ratelimit', docs: 'https://github.com/dharmafly/connect-ratelimit#readme', modules: ['connect-ratelimit'],
    kind: 'memory', factories: ['', 'default'], ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: { kind: 'memory-rate-limit', when: 'memory', message: 'connect-ratelimit counts requests in this process: with N replicas a client gets N times the limit.' },
  },
  {
    // ded/express-limiter: `require('express-limiter')(app, redisClient)` counts in the Redis it is given
    id: 'express-limiter', docs: 'https://github.com/ded/express-limiter#readme', modules: ['express-limiter'],
    kind: 'redis', kindFrom: { argClient: true }, factories: ['', 'default'], ops: { construct: 'readwrite', fallback: 'ignore' },
  },
  {
    // AdamPflug/express-brute: `new ExpressBrute(store, options)`, its counts in the store it is given first
    // (`new ExpressBrute.MemoryStore()` keeps them in the process; express-brute-redis, -mongo, -memcached share them)
    id: 'express-brute', docs: 'https://github.com/AdamPflug/express-brute#readme', modules: ['express-brute'],
    kind: 'memory', kindFrom: { argClient: true }, factories: ['', 'default'], ops: { construct: 'readwrite', fallback: 'ignore' },
    hazard: { kind: 'memory-rate-limit', when: 'memory', message: 'express-brute counts attempts in this process\'s MemoryStore: with N replicas a client gets N times the attempts.' },
  },
  sessionStore('express-brute-redis', ['express-brute-redis'], 'redis', 'https://github.com/AdamPflug/express-brute-redis#readme', ['', 'default']),
  sessionStore('express-brute-mongo', ['express-brute-mongo', 'express-brute-mongoose'], 'mongodb', 'https://github.com/auth0/express-brute-mongo#readme', ['', 'default']),
  sessionStore('express-brute-memcached', ['express-brute-memcached'], 'memcached', 'https://github.com/AdamPflug/express-brute-memcached#readme', ['', 'default']),
  sessionStore('rate-limit-redis', ['rate-limit-redis', '@express-rate-limit/redis'], 'redis', 'https://github.com/express-rate-limit/rate-limit-redis#readme', ['', 'default', 'RedisStore']),
  sessionStore('rate-limit-postgresql', ['rate-limit-postgresql', '@acpr/rate-limit-postgresql'], 'postgres', 'https://github.com/adrianprelipcan/express-rate-limit-postgresql#readme', ['', 'default', 'PostgresStore']),
  {
    id: 'rate-limiter-flexible', docs: 'https://github.com/animir/node-rate-limiter-flexible/wiki', modules: ['rate-limiter-flexible'], kind: 'memory',
    factories: ['RateLimiterMemory', 'RateLimiterRedis', 'RateLimiterPostgres', 'RateLimiterMongo', 'RateLimiterMySQL', 'RateLimiterMemcache', 'RateLimiterDynamo', 'RateLimiterPrisma', 'RateLimiterCluster', 'BurstyRateLimiter', 'RateLimiterQueue', 'RateLimiterUnion'],
    factoryKinds: { RateLimiterRedis: 'redis', RateLimiterPostgres: 'postgres', RateLimiterMongo: 'mongodb', RateLimiterMySQL: 'mysql', RateLimiterMemcache: 'memcached', RateLimiterDynamo: 'dynamodb', RateLimiterPrisma: 'sql' },
    kindFrom: { argClient: true },
    ops: { readwrite: ['consume', 'penalty', 'reward', 'block', 'set'], read: ['get'], write: ['delete', 'deleteInMemoryBlockedAll'], fallback: 'ignore' },
    hazard: { kind: 'memory-rate-limit', when: 'memory', unlessWithin: ['insuranceLimiter'], message: 'RateLimiterMemory counts in this process: with N replicas a client gets N times the limit.' },
    note: 'RateLimiterMemory given as the insuranceLimiter of a Redis limiter is only a fallback.',
  },
  {
    id: 'socket.io', docs: 'https://socket.io/docs/v4/adapter/', modules: ['socket.io'], kind: 'memory', kindFrom: { options: ['adapter'] },
    factories: ['', 'Server', 'default'], types: ['Server'], ops: { fallback: 'ignore' },
    hazard: {
      kind: 'socket-rooms-no-adapter', when: 'memory', unlessMethod: ['adapter'],
      message: 'socket.io keeps rooms in this process (no adapter): an emit to a room misses clients connected to other replicas.',
    },
  },
  {
    // a `@WebSocketGateway()` class: NestJS makes its socket.io (or ws) server; an adapter, when there is one, is set on
    // the application (`app.useWebSocketAdapter(new RedisIoAdapter(app))`), not on the gateway
    id: '@nestjs/websockets', docs: 'https://docs.nestjs.com/websockets/adapter', modules: ['@nestjs/websockets'], kind: 'memory',
    factories: ['WebSocketGateway'], ops: { fallback: 'ignore' },
    hazard: {
      kind: 'socket-rooms-no-adapter', unlessCalled: ['useWebSocketAdapter'],
      message: 'This NestJS gateway keeps its connections and rooms in this process (no adapter set with useWebSocketAdapter): an emit to a room or to every client misses clients connected to other replicas.',
    },
  },
  sessionStore('@socket.io/redis-adapter', ['@socket.io/redis-adapter', 'socket.io-redis', '@socket.io/redis-streams-adapter'], 'redis', 'https://socket.io/docs/v4/redis-adapter/', ['', 'default', 'createAdapter']),
  sessionStore('@socket.io/postgres-adapter', ['@socket.io/postgres-adapter'], 'postgres', 'https://socket.io/docs/v4/postgres-adapter/', ['createAdapter']),
  sessionStore('@socket.io/mongo-adapter', ['@socket.io/mongo-adapter'], 'mongodb', 'https://socket.io/docs/v4/mongo-adapter/', ['createAdapter']),
  {
    id: '@hocuspocus/extension-throttle', docs: 'https://tiptap.dev/docs/hocuspocus/server/extensions/throttle', modules: ['@hocuspocus/extension-throttle'],
    kind: 'memory', factories: ['Throttle'], ops: { fallback: 'ignore' },
    hazard: { kind: 'memory-rate-limit', message: 'Throttle counts connection attempts per IP in this process: each replica counts on its own.' },
  },
  sessionStore('@hocuspocus/extension-redis', ['@hocuspocus/extension-redis'], 'redis', 'https://tiptap.dev/docs/hocuspocus/server/extensions/redis', ['Redis']),
];

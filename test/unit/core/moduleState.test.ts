// Module state as a hazard, in the shape of typescript-eslint's RuleTester: `valid` cases must not be
// reported (state that start-up code fills, handles made once, memoised computations), `invalid` ones
// must, with the kind the code's behaviour says, a confidence, and the path from the handler.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check } from './check';

const pkg = JSON.stringify({ name: 'api', version: '1.0.0', dependencies: { express: '4', '@nestjs/common': '10' } });
const server = (imports: string, routes: string) =>
  `import express from 'express';\n${imports}\nconst app = express();\n${routes}\napp.listen(3000);\n`;

interface Valid { name: string; files: Record<string, string> }
interface Invalid extends Valid {
  hazard: string;
  confidence: 'high' | 'medium' | 'low';
  /** Each step of the evidence, entry first, as `file:line what`. */
  evidence: RegExp[];
}

const SESSION_MANAGER = [
  'class SessionManager {',
  '  constructor() {',
  '    this.sessions = [];',
  '  }',
  '  openSession(req, res) {',
  '    this.sessions.push({ id: Date.now().toString(36), user: req.body.user });',
  '    res.json(this.sessions.length);',
  '  }',
  '}',
  'module.exports = SessionManager;',
  '',
].join('\n');
/** A server class whose constructor makes the session manager, its routes calling into it (CommonJS, as audiobookshelf writes it). */
const SERVER_CLASS = (made: string) => [
  "const express = require('express');",
  "const SessionManager = require('./SessionManager');",
  'class Server {',
  '  constructor() {',
  `    this.sessionManager = ${made};`,
  '  }',
  '  listen() {',
  '    const app = express();',
  "    app.post('/sessions', (req, res) => this.sessionManager.openSession(req, res));",
  '    app.listen(3000);',
  '  }',
  '}',
  'module.exports = Server;',
  '',
].join('\n');
const SOCKET_REGISTRY = "class Sockets {\n  constructor() {\n    this.sockets = [];\n  }\n  registerSocket(name, socket) {\n    this.sockets.push({ name, socket });\n  }\n  getSocket(name) {\n    return this.sockets.find((s) => s.name === name);\n  }\n}\nmodule.exports = new Sockets();\n";
const MAIN = "const Server = require('./Server');\nconst server = new Server();\nserver.listen();\n";

const valid: Valid[] = [
  {
    name: 'an object made in the constructor of a service each request makes (logchimp, set 18): its Set lives as long as the request',
    files: {
      'src/permissions.ts': 'export class PermissionService {\n  private readonly keys = new Set<string>();\n  load(list: string[]) {\n    for (const k of list) this.keys.add(k);\n    return this.keys.size;\n  }\n}\n',
      'src/roles.ts': "import { PermissionService } from './permissions';\nexport class RolesService {\n  private readonly permissions: PermissionService;\n  constructor() {\n    this.permissions = new PermissionService();\n  }\n  count(list: string[]) {\n    return this.permissions.load(list);\n  }\n}\n",
      'src/server.ts': server("import { RolesService } from './roles';", "app.get('/roles', (req, res) => res.json(new RolesService().count(String(req.query.p).split(','))));"),
    },
  },
  {
    name: 'a list handed to a helper that fills it while the module loads',
    files: {
      'src/server.ts': server('const routes: string[] = [];\nfunction register(list: string[], path: string) {\n  list.push(path);\n}\nregister(routes, \'/a\');', "app.get('/routes', (_req, res) => res.json(routes));"),
    },
  },
  {
    name: 'a helper that changes what its parameter holds, given a fresh object per request',
    files: {
      'src/server.ts': server('function tag(o: Record<string, string>, k: string) {\n  o[k] = \'seen\';\n}', "app.get('/x', (req, res) => {\n  const out: Record<string, string> = {};\n  tag(out, req.query.k as string);\n  res.json(out);\n});"),
    },
  },
  {
    name: 'listeners added to an instance exported by name (`export const bus = new Bus()`) while modules load, and only read by requests',
    files: {
      'src/bus.ts': "export class Bus {\n  private readonly handlers = new Map<string, Array<(x: unknown) => void>>();\n  on(event: string, fn: (x: unknown) => void) {\n    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);\n  }\n  emit(event: string, x: unknown) {\n    for (const fn of this.handlers.get(event) ?? []) fn(x);\n  }\n}\nexport const bus = new Bus();\n",
      'src/listeners.ts': "import { bus } from './bus';\nbus.on('signup', (x) => console.log('welcome', x));\n",
      'src/server.ts': server("import { bus } from './bus';\nimport './listeners';", "app.post('/signup', (req, res) => { bus.emit('signup', req.body); res.end(); });"),
    },
  },
  {
    name: 'a registry the module exports as its one instance, filled by the entry while it starts (flame, set 16)',
    files: {
      'src/Sockets.js': SOCKET_REGISTRY,
      'src/server.js': "const http = require('http');\nconst Sockets = require('./Sockets');\n(async () => {\n  const server = http.createServer((req, res) => res.end(String(!!Sockets.getSocket('weather'))));\n  Sockets.registerSocket('weather', { server });\n  server.listen(5005);\n})();\n",
    },
  },
  {
    name: 'a class made per request (`new Cart()` in the handler): its fields live as long as the request',
    files: {
      'src/Cart.js': "class Cart {\n  constructor() {\n    this.items = [];\n  }\n  add(item) {\n    this.items.push(item);\n    return this.items.length;\n  }\n}\nmodule.exports = Cart;\n",
      'src/server.js': "const express = require('express');\nconst Cart = require('./Cart');\nconst app = express();\napp.post('/cart', (req, res) => res.json(new Cart().add(req.body.item)));\napp.listen(3000);\n",
    },
  },
  {
    name: 'the manager made once by the server, and once more per request elsewhere: not one instance per process',
    files: {
      'src/SessionManager.js': SESSION_MANAGER,
      'src/Server.js': SERVER_CLASS('new SessionManager()').replace("    app.listen(3000);", "    app.post('/preview', (req, res) => new SessionManager().openSession(req, res));\n    app.listen(3000);"),
      'src/main.js': MAIN,
    },
  },
  {
    name: 'module bindings filled by a callback deferred once while the module loads (`setImmediate(() => …)`, Haraka, set 17)',
    files: {
      'src/queue.js': "exports.queueDir = 'queue';\nexports.pending = [];\n",
      'src/mail.js': "let queueDir;\nlet pending;\nsetImmediate(() => {\n  const q = require('./queue');\n  queueDir = q.queueDir;\n  pending = q.pending;\n});\nexports.send = (msg) => { pending.push(msg); return queueDir; };\n",
      'src/server.js': "const express = require('express');\nconst mail = require('./mail');\nconst app = express();\napp.post('/send', (req, res) => res.send(mail.send(req.body)));\napp.listen(3000);\n",
    },
  },
  {
    name: 'a static registry filled at start-up through a class imported from a barrel (`export * from`, supabase/storage, set 10)',
    files: {
      'src/queue/queue.ts': 'export class Queue {\n  static events: string[] = [];\n  static register(name: string) {\n    Queue.events.push(name);\n  }\n  static list() {\n    return Queue.events;\n  }\n}\n',
      'src/queue/index.ts': "export * from './queue';\n",
      'src/events.ts': "import { Queue } from './queue';\nexport function registerEvents() {\n  Queue.register('webhook');\n  Queue.register('backup');\n}\n",
      'src/server.ts': server("import { Queue } from './queue';\nimport { registerEvents } from './events';\nregisterEvents();", "app.get('/events', (_req, res) => res.json(Queue.list()));"),
    },
  },
  {
    name: 'ids derived once per key by a deterministic hash (`uuid` v5): the same on every replica',
    files: {
      'src/ids.ts': "import { v5 } from 'uuid';\nconst NS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';\nconst ids = new Map<string, string>();\nexport function publicId(board: string) {\n  if (!ids.has(board)) ids.set(board, v5(board, NS));\n  return ids.get(board);\n}\n",
      'src/server.ts': server("import { publicId } from './ids';", "app.get('/board/:id', (req, res) => res.json(publicId(req.params.id)));"),
    },
  },
  {
    name: 'an array filled from a folder listing while the module loads',
    files: {
      'src/styles.ts': "import fs from 'node:fs';\nexport const names: string[] = [];\nfs.readdirSync('custom/css').forEach((f) => {\n  names.push(f);\n});\n",
      'src/server.ts': server("import { names } from './styles';", "app.get('/', (_req, res) => res.json(names));"),
    },
  },
  {
    name: 'a Map of handlers filled in onModuleInit (a NestJS lifecycle hook)',
    files: {
      'src/registry.ts': "import { Injectable } from '@nestjs/common';\nconst handlers = new Map<string, () => void>();\n@Injectable()\nexport class Registry {\n  onModuleInit() {\n    handlers.set('sync', () => undefined);\n  }\n  run(name: string) { return handlers.get(name)?.(); }\n}\n",
    },
  },
  {
    name: 'plugin hooks registered by a function that start-up code calls in another file',
    files: {
      'src/hooks.ts': 'const hooks: Array<() => void> = [];\nexport function registerHook(fn: () => void) {\n  hooks.push(fn);\n}\nexport function runHooks() { hooks.forEach((h) => h()); }\n',
      'src/plugins.ts': "import { registerHook } from './hooks';\nexport function plugins() {\n  registerHook(() => undefined);\n}\n",
      'src/server.ts': server("import { plugins } from './plugins';\nimport { runHooks } from './hooks';", "plugins();\napp.get('/', (_req, res) => { runHooks(); res.end(); });"),
    },
  },
  {
    name: 'an SDK handle made lazily, once per key, by a function a handler calls',
    files: {
      'src/clients.ts': "import { Api } from 'some-sdk';\nconst clients: Record<string, Api> = {};\nexport const getClient = (env: string) => {\n  if (!clients[env]) {\n    clients[env] = new Api(env);\n  }\n  return clients[env];\n};\n",
      'src/server.ts': server("import { getClient } from './clients';", "app.get('/', (req, res) => res.json(getClient(String(req.query.env))));"),
    },
  },
  {
    name: 'Intl formatters memoised by their arguments (a pure computation)',
    files: {
      'src/format.ts': 'const formats: Record<string, Intl.NumberFormat> = {};\nexport function money(locale: string, n: number) {\n  if (!formats[locale]) formats[locale] = new Intl.NumberFormat(locale);\n  return formats[locale].format(n);\n}\n',
      'src/server.ts': server("import { money } from './format';", "app.get('/', (req, res) => res.send(money(String(req.query.l), 1)));"),
    },
  },
  {
    name: 'a counter a script bumps from its main(), called at top level',
    files: {
      'src/seed.ts': "let idCounter = 0;\nfunction nextId() {\n  return `seed-${++idCounter}`;\n}\nasync function main() {\n  return ['a', 'b'].map(() => nextId());\n}\nmain().catch(() => process.exit(1));\n",
      'src/server.ts': server('', "app.get('/', (_req, res) => res.end());"),
    },
  },
  {
    name: 'a value made once on first use and filled in while it is made (`if (!build) { build = {}; build.sha = … }`)',
    files: {
      'src/build.ts': "import fs from 'node:fs';\nlet build: { sha: string; date: string };\nexport function getBuild() {\n  if (!build) {\n    build = { sha: '', date: '' };\n    build.sha = fs.readFileSync('buildinfo/SHA', 'utf8').trim();\n    build.date = fs.readFileSync('buildinfo/DATE', 'utf8').trim();\n  }\n  return build;\n}\n",
      'src/server.ts': server("import { getBuild } from './build';", "app.get('/version', (_req, res) => res.json(getBuild()));"),
    },
  },
  {
    name: 'a constant list sorted in place by each request: the same order on every replica',
    files: {
      'src/server.ts': server('const scopes = [\'drive.file\', \'drive.appdata\'];', "app.get('/cb', (req, res) => res.send(String(req.query.scope) === scopes.sort().join(' ')));"),
    },
  },
];

const invalid: Invalid[] = [
  {
    name: 'a Map handed to a helper of another file that changes what its parameter holds (shelve, set 19)',
    files: {
      'src/seen.ts': 'export function remember(map: Map<string, number>, key: string) {\n  map.set(key, (map.get(key) ?? 0) + 1);\n  return map.get(key)!;\n}\n',
      'src/server.ts': server("import { remember } from './seen';\nconst visits = new Map<string, number>();", "app.get('/hello/:name', (req, res) => res.json(remember(visits, req.params.name)));"),
    },
    hazard: '. module-mutable-state src/server.ts:3',
    confidence: 'high',
    evidence: [/^src\/server\.ts:5 handler: the callback given to `get`$/, /^src\/server\.ts:5 changes `visits`$/, /^src\/server\.ts:3 `visits` is declared \(a Map at module level\)$/],
  },
  {
    name: 'the same exported registry, filled by a request handler',
    files: {
      'src/Sockets.js': SOCKET_REGISTRY,
      'src/server.js': "const express = require('express');\nconst Sockets = require('./Sockets');\nconst app = express();\napp.post('/sockets/:name', (req, res) => {\n  Sockets.registerSocket(req.params.name, req.body);\n  res.json(!!Sockets.getSocket(req.params.name));\n});\napp.listen(3000);\n",
    },
    hazard: '. module-mutable-state src/Sockets.js:3',
    confidence: 'high',
    evidence: [/^src\/server\.js:4 handler: the callback given to `post`$/, /^src\/Sockets\.js:5 `Sockets\.registerSocket`, called by/, /^src\/Sockets\.js:6 changes `sockets`$/, /^src\/Sockets\.js:3 /],
  },
  {
    name: 'a manager made in the constructor of the server the entry makes once (audiobookshelf, set 11): its array is process state',
    files: {
      'src/SessionManager.js': SESSION_MANAGER,
      'src/Server.js': SERVER_CLASS('new SessionManager()'),
      'src/main.js': MAIN,
    },
    hazard: '. module-mutable-state src/SessionManager.js:3',
    confidence: 'high',
    evidence: [/^src\/Server\.js:9 handler: the callback given to `post`$/, /^src\/SessionManager\.js:5 `SessionManager\.openSession`, called by/, /^src\/SessionManager\.js:6 changes `sessions`$/, /^src\/SessionManager\.js:3 `sessions` is declared \(an array in the one instance of its class\)$/],
  },
  {
    name: 'a Map keyed by request data, changed by a socket event handler',
    files: {
      'src/server.ts': "import { Server } from 'socket.io';\nimport { createAdapter } from '@socket.io/redis-adapter';\nconst members = new Map<string, string>();\nconst io = new Server(3000);\nio.adapter(createAdapter({} as never, {} as never));\nio.on('connection', (socket) => {\n  socket.on('join', (room: string) => {\n    members.set(socket.id, room);\n    socket.emit('members', members.size);\n  });\n});\n",
    },
    hazard: '. module-mutable-state src/server.ts:3',
    confidence: 'high',
    evidence: [/^src\/server\.ts:7 handler: the callback given to `on`$/, /^src\/server\.ts:8 changes `members`$/, /^src\/server\.ts:3 `members` is declared \(a Map at module level\)$/],
  },
  {
    name: 'a route handler passed by name to the router changes a Set (the phase follows the reference)',
    files: {
      'src/server.ts': server('', "const seen = new Set<string>();\nconst cronHandler = async (req: { params: { p: string } }, res: { end(): void }) => {\n  seen.add(req.params.p);\n  res.end(seen.size);\n};\napp.post('/cron/:p', cronHandler);"),
    },
    hazard: '. module-mutable-state src/server.ts:4',
    confidence: 'high',
    evidence: [/^src\/server\.ts:5 handler: `cronHandler` is given to `post`$/, /^src\/server\.ts:6 changes `seen`$/, /^src\/server\.ts:4 /],
  },
  {
    name: 'failed logins counted per user with a lockout time: a rate limit, whatever its name',
    files: {
      'src/auth.ts': 'const visits: Record<string, { n: number; until: number }> = {};\nexport function failed(user: string) {\n  const v = visits[user] ?? (visits[user] = { n: 0, until: 0 });\n  v.n += 1;\n  if (v.n > 5) v.until = Date.now() + 60_000;\n}\n',
      'src/server.ts': server("import { failed } from './auth';", "app.post('/login', (req, res) => { failed(String(req.body.user)); res.end(); });"),
    },
    hazard: '. memory-rate-limit src/auth.ts:1',
    confidence: 'high',
    evidence: [/^src\/server\.ts:\d+ handler: the callback given to `post`$/, /^src\/auth\.ts:2 `failed`, called by `\(post\)` \(src\/server\.ts\)$/, /^src\/auth\.ts:\d+ changes `visits`$/, /^src\/auth\.ts:1 /],
  },
  {
    name: 'a debounce map named like a rate limiter holds timers: module state, not a rate limit',
    files: {
      'src/debounce.ts': 'const rateLimit = new Map<string, ReturnType<typeof setTimeout>>();\nexport function later(id: string, fn: () => void) {\n  clearTimeout(rateLimit.get(id));\n  rateLimit.set(id, setTimeout(fn, 500));\n}\n',
    },
    hazard: '. module-mutable-state src/debounce.ts:1',
    // exported, and nothing visible calls it: when it runs is unknown, so it is only a note
    confidence: 'low',
    evidence: [
      /^src\/debounce\.ts:2 `later` is exported; no caller found$/, /^src\/debounce\.ts:4 changes `rateLimit`$/, /^src\/debounce\.ts:1 /,
      /^src\/debounce\.ts:1 `rateLimit` only holds timers' handles/,
    ],
  },
  {
    name: 'values kept with an expiry: a cache, whatever its name',
    files: {
      'src/store.ts': 'const store = new Map<string, { v: string; exp: number }>();\nexport function remember(k: string, v: string) {\n  store.set(k, { v, exp: Date.now() + 60_000 });\n}\nexport function recall(k: string) {\n  return store.get(k)?.v;\n}\n',
    },
    hazard: '. in-memory-cache src/store.ts:1',
    confidence: 'low',
    evidence: [/^src\/store\.ts:2 `remember` is exported; no caller found/, /^src\/store\.ts:3 changes `store`$/, /^src\/store\.ts:1 /],
  },
  {
    name: 'a callback given to a library at load, whose timing is unknown: kept, with low confidence, out of the verdict',
    files: {
      'src/names.ts': "import fs from 'node:fs';\nexport const names: string[] = [];\nfs.readdir('custom', (_e, files) => {\n  for (const f of files) names.push(f);\n});\nexport const count = () => names.length;\n",
    },
    hazard: '. module-mutable-state src/names.ts:2',
    confidence: 'low',
    evidence: [/^src\/names\.ts:3 the callback given to `readdir` while the module loads$/, /^src\/names\.ts:4 changes `names`$/, /^src\/names\.ts:2 /],
  },
  {
    name: 'a class static filled from a remote read in the class\'s own static method, which a route calls on the imported class',
    files: {
      'src/settings.ts': [
        'export class Settings {',
        '  static cacheList: Record<string, { value: string; at: number }> = {};',
        '  static async get(key: string) {',
        '    if (key in Settings.cacheList) return Settings.cacheList[key].value;',
        "    const value = await fetch('https://config.internal/' + key).then((r) => r.text());",
        '    Settings.cacheList[key] = { value, at: Date.now() };',
        '    return value;',
        '  }',
        '}',
      ].join('\n') + '\n',
      // the route is `app.get`: a registration at load, not a call of a function named `get`
      'src/server.ts': server("import { Settings } from './settings';", "app.get('/s/:k', async (req, res) => res.send(await Settings.get(req.params.k)));"),
    },
    hazard: '. in-memory-cache src/settings.ts:2',
    confidence: 'high',
    evidence: [/^src\/server\.ts:\d+ handler: the callback given to `get`$/, /^src\/settings\.ts:3 `Settings\.get`, called by `\(get\)` \(src\/server\.ts\)$/, /^src\/settings\.ts:6 changes `Settings\.cacheList`$/, /^src\/settings\.ts:2 /],
  },
  {
    name: 'a Set requests add to that nothing reads back: bookkeeping no answer depends on, kept as a note',
    files: {
      'src/server.ts': server('', "const seenIps = new Set<string>();\napp.get('/ping', (req, res) => {\n  seenIps.add(req.ip);\n  res.send('pong');\n});"),
    },
    hazard: '. module-mutable-state src/server.ts:4',
    confidence: 'low',
    evidence: [/^src\/server\.ts:5 handler: the callback given to `get`$/, /^src\/server\.ts:6 changes `seenIps`$/, /^src\/server\.ts:4 /, /^src\/server\.ts:4 nothing that runs after start-up reads `seenIps` back/],
  },
  {
    name: 'a game world players change and a timer pushes back to them: a timer that reads answers too',
    files: {
      'src/server.ts': "import { Server } from 'socket.io';\nimport { createAdapter } from '@socket.io/redis-adapter';\nconst io = new Server(3000);\nio.adapter(createAdapter({} as never, {} as never));\nconst spectators: string[] = [];\nio.on('connection', (socket) => {\n  socket.on('spectate', () => {\n    spectators.push(socket.id);\n  });\n});\nsetInterval(() => {\n  for (const id of spectators) io.to(id).emit('world', {});\n}, 1000);\n",
    },
    hazard: '. module-mutable-state src/server.ts:5',
    confidence: 'high',
    evidence: [/^src\/server\.ts:7 handler: the callback given to `on`$/, /^src\/server\.ts:8 changes `spectators`$/, /^src\/server\.ts:5 /],
  },
  {
    name: 'a queue one route fills and another route takes from (`shift()` used as a value): what a request sees',
    files: {
      'src/server.ts': server('', "const jobs: string[] = [];\napp.post('/jobs', (req, res) => {\n  jobs.push(String(req.body.id));\n  res.end();\n});\napp.get('/jobs/next', (_req, res) => res.send(jobs.shift()));"),
    },
    hazard: '. module-mutable-state src/server.ts:4',
    confidence: 'high',
    evidence: [/^src\/server\.ts:5 handler: the callback given to `post`$/, /^src\/server\.ts:6 changes `jobs`$/, /^src\/server\.ts:4 /],
  },
  {
    name: 'a token Set one module changes and a route in another file reads through a named import',
    files: {
      'src/tokens.ts': 'export const revoked = new Set<string>();\nexport function revoke(t: string) {\n  revoked.add(t);\n}\n',
      'src/server.ts': server("import { revoke, revoked } from './tokens';", "app.post('/logout', (req, res) => { revoke(String(req.body.t)); res.end(); });\napp.get('/me', (req, res) => res.send(revoked.has(String(req.query.t)) ? 'no' : 'yes'));"),
    },
    hazard: '. module-mutable-state src/tokens.ts:1',
    confidence: 'high',
    evidence: [/^src\/server\.ts:4 handler: the callback given to `post`$/, /^src\/tokens\.ts:2 `revoke`, called by/, /^src\/tokens\.ts:3 changes `revoked`$/, /^src\/tokens\.ts:1 /],
  },
  {
    name: 'state a CommonJS module exports, read by a route through the module required whole',
    files: {
      'src/state.js': 'const online = [];\nfunction join(name) {\n  online.push(name);\n}\nmodule.exports = { online, join };\n',
      'src/server.js': "const express = require('express');\nconst state = require('./state');\nconst app = express();\napp.post('/join', (req, res) => { state.join(req.body.name); res.end(); });\napp.get('/online', (req, res) => res.json(state.online));\napp.listen(3000);\n",
    },
    hazard: '. module-mutable-state src/state.js:1',
    confidence: 'high',
    evidence: [/^src\/server\.js:4 handler: the callback given to `post`$/, /^src\/state\.js:2 `join`, called by/, /^src\/state\.js:3 changes `online`$/, /^src\/state\.js:1 /],
  },
  {
    name: 'a private field of an @Injectable() service that requests change and nothing reads: a note',
    files: {
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nNestFactory.create(AppModule).then((app) => app.listen(3000));\n",
      'src/app.module.ts': "import { Module } from '@nestjs/common';\nimport { AuditController } from './audit.controller';\n@Module({ controllers: [AuditController] })\nexport class AppModule {}\n",
      'src/audit.controller.ts': "import { Controller, Post, Body, Injectable } from '@nestjs/common';\n@Injectable()\n@Controller('audit')\nexport class AuditController {\n  private calls = 0;\n  private lastIds: string[] = [];\n  @Post()\n  public record(@Body() b: { id: string }) {\n    this.lastIds.push(b.id);\n    return 'ok';\n  }\n}\n",
    },
    hazard: '. module-mutable-state src/audit.controller.ts:6',
    confidence: 'low',
    evidence: [/^src\/audit\.controller\.ts:\d+ /, /^src\/audit\.controller\.ts:9 changes `lastIds`$/, /^src\/audit\.controller\.ts:6 /, /nothing that runs after start-up reads `lastIds` back/],
  },
  {
    name: 'a count a loop keeps by re-arming a one-shot timer (`setTimeout(() => drain(), ms)` inside `drain`): a clock, not start-up',
    files: {
      'src/server.ts': server('let drained = 0;\nfunction drain() {\n  drained++;\n  setTimeout(() => drain(), 1000);\n}\ndrain();', "app.get('/drained', (_req, res) => res.json(drained));"),
    },
    hazard: '. module-mutable-state src/server.ts:2',
    confidence: 'high',
    evidence: [/^src\/server\.ts:5 handler: the callback given to `setTimeout`$/, /^src\/server\.ts:3 `drain`, called by/, /^src\/server\.ts:4 changes `drained`$/, /^src\/server\.ts:2 /],
  },
  {
    name: 'a method of the object a module exports by default, called by a route handler through the import (whiteboard, set 17)',
    files: {
      'src/boards.js': "const savedBoards = {};\nconst boards = {\n  handleEvent: function (content) {\n    if (!savedBoards[content.wid]) savedBoards[content.wid] = [];\n    savedBoards[content.wid].push(content);\n  },\n  load: function (wid) {\n    return savedBoards[wid] || [];\n  },\n};\nexport default boards;\n",
      'src/server.js': "import express from 'express';\nimport boards from './boards.js';\nconst app = express();\napp.post('/draw', (req, res) => {\n  boards.handleEvent(req.body);\n  res.json(boards.load(req.body.wid));\n});\napp.listen(3000);\n",
    },
    hazard: '. module-mutable-state src/boards.js:1',
    confidence: 'high',
    evidence: [/^src\/server\.js:4 handler: the callback given to `post`$/, /^src\/boards\.js:3 `boards\.handleEvent`|^src\/boards\.js:3 `handleEvent`, called by/, /^src\/boards\.js:\d changes `savedBoards`$/, /^src\/boards\.js:1 /],
  },
  {
    name: 'a manager made by the server class that the entry makes inside `(async () => { … })()` (browserless, set 17)',
    files: {
      'src/manager.ts': 'export class BrowserManager {\n  protected browsers = new Map<string, { id: string }>();\n  launch(id: string) {\n    this.browsers.set(id, { id });\n    return this.browsers.size;\n  }\n}\n',
      'src/server.ts': "import express from 'express';\nimport { BrowserManager } from './manager';\nexport class Server {\n  private manager: BrowserManager;\n  constructor(manager?: BrowserManager) {\n    this.manager = manager || new BrowserManager();\n  }\n  start() {\n    const app = express();\n    app.post('/launch', (req, res) => res.json(this.manager.launch(String(req.body.id))));\n    app.listen(3000);\n  }\n}\n",
      'src/index.ts': "import { Server } from './server';\n(async () => {\n  const server = new Server();\n  server.start();\n})();\n",
    },
    hazard: '. module-mutable-state src/manager.ts:2',
    confidence: 'high',
    evidence: [/^src\/server\.ts:10 handler: the callback given to `post`$/, /^src\/manager\.ts:3 `BrowserManager\.launch`, called by/, /^src\/manager\.ts:4 changes `browsers`$/, /^src\/manager\.ts:2 `browsers` is declared \(a Map in the one instance of its class\)$/],
  },
  {
    name: 'a CommonJS export that calls another through `exports.` (scrumblr, set 17)',
    files: {
      'lib/rooms.js': "var rooms = {};\nexports.add_to_room = function (client, room) {\n  if (!rooms[room]) rooms[room] = [];\n  rooms[room].push(client);\n  return rooms[room];\n};\nexports.join_and_announce = function (client, room) {\n  return exports.add_to_room(client, room).length;\n};\n",
      'server.js': "var express = require('express');\nvar rooms = require('./lib/rooms.js');\nvar app = express();\napp.post('/join', function (req, res) {\n  res.json(rooms.join_and_announce(req.body.client, req.body.room));\n});\napp.listen(3000);\n",
    },
    hazard: '. module-mutable-state lib/rooms.js:1',
    confidence: 'high',
    evidence: [/^server\.js:4 handler: the callback given to `post`$/, /^lib\/rooms\.js:7 `join_and_announce`, called by/, /^lib\/rooms\.js:2 `add_to_room`, called by `join_and_announce`$/, /^lib\/rooms\.js:4 changes `rooms`$/, /^lib\/rooms\.js:1 /],
  },
  {
    name: 'a random id minted once per key and kept in the process (whiteboard read-only ids, set 17): each replica mints another',
    files: {
      'src/ids.ts': "import { v4 as uuidv4 } from 'uuid';\nconst readOnlyIds = new Map<string, string>();\nexport function readOnlyId(board: string) {\n  if (!readOnlyIds.has(board)) readOnlyIds.set(board, uuidv4());\n  return readOnlyIds.get(board);\n}\n",
      'src/server.ts': server("import { readOnlyId } from './ids';", "app.get('/board/:id/share', (req, res) => res.json(readOnlyId(req.params.id)));"),
    },
    hazard: '. module-mutable-state src/ids.ts:2',
    confidence: 'high',
    evidence: [/^src\/server\.ts:\d+ handler: the callback given to `get`$/, /^src\/ids\.ts:3 `readOnlyId`, called by/, /^src\/ids\.ts:4 changes `readOnlyIds`$/, /^src\/ids\.ts:2 /],
  },
  {
    name: 'a function named like start-up (`initBoard`) that only a route handler calls runs per request',
    files: {
      'src/boards.ts': "const boards = new Map<string, string[]>();\nexport function initBoard(id: string, owner: string) {\n  boards.set(id, [owner]);\n  return boards.size;\n}\nexport const members = (id: string) => boards.get(id) ?? [];\n",
      'src/server.ts': server("import { initBoard, members } from './boards';", "app.post('/boards/:id', (req, res) => res.json(initBoard(req.params.id, String(req.body.owner))));\napp.get('/boards/:id', (req, res) => res.json(members(req.params.id)));"),
    },
    hazard: '. module-mutable-state src/boards.ts:1',
    confidence: 'high',
    evidence: [/^src\/server\.ts:\d+ handler: the callback given to `post`$/, /^src\/boards\.ts:2 `initBoard`, called by/, /^src\/boards\.ts:3 changes `boards`$/, /^src\/boards\.ts:1 /],
  },
  {
    name: 'a handler named like start-up (`setup`) registered as `auth.setup` through a barrel that re-exports it (logchimp, set 18)',
    files: {
      'src/controllers/auth/setup.ts': "const owners: string[] = [];\nexport async function setup(req: { body: { email: string } }, res: { json(x: unknown): void }) {\n  owners.push(req.body.email);\n  res.json(owners.length);\n}\n",
      'src/controllers/auth/index.ts': "export { setup } from './setup';\n",
      'src/server.ts': server("import * as auth from './controllers/auth';", "app.post('/auth/setup', auth.setup);"),
    },
    hazard: '. module-mutable-state src/controllers/auth/setup.ts:1',
    confidence: 'high',
    evidence: [/^src\/controllers\/auth\/setup\.ts:2 handler: `setup` is given to `post`$/, /^src\/controllers\/auth\/setup\.ts:3 changes `owners`$/, /^src\/controllers\/auth\/setup\.ts:1 /],
  },
  {
    name: 'a field the class body only types (`private readonly cooldowns: Map<string, number>;`) and the constructor makes (InterChat, set 18)',
    files: {
      'src/cooldowns.ts': "export class Cooldowns {\n  private readonly cooldowns: Map<string, number>;\n  constructor() {\n    this.cooldowns = new Map();\n  }\n  hit(user: string) {\n    const last = this.cooldowns.get(user) ?? 0;\n    this.cooldowns.set(user, last + 1);\n    return last;\n  }\n}\nexport default new Cooldowns();\n",
      'src/server.ts': server("import cooldowns from './cooldowns';", "app.post('/hit', (req, res) => res.json(cooldowns.hit(String(req.body.user))));"),
    },
    hazard: '. module-mutable-state src/cooldowns.ts:4',
    confidence: 'high',
    evidence: [/^src\/server\.ts:\d+ handler: the callback given to `post`$/, /^src\/cooldowns\.ts:6 `Cooldowns\.hit`, called by/, /^src\/cooldowns\.ts:8 changes `cooldowns`$/, /^src\/cooldowns\.ts:4 `cooldowns` is declared \(a Map in the one instance of its class\)$/],
  },
];

describe('module state: a hazard only when request-time code changes it', () => {
  for (const c of valid) {
    test(`valid: ${c.name}`, () => {
      check({ 'package.json': pkg, ...c.files }, { hazards: [] });
    });
  }
  for (const c of invalid) {
    test(`invalid: ${c.name}`, () => {
      // a low-confidence hazard is kept in the JSON for review, apart from the hazards that count
      const low = c.confidence === 'low';
      const map = check({ 'package.json': pkg, ...c.files }, { hazards: low ? [] : [c.hazard] });
      const h = low ? map.lowConfidenceHazards?.find((x) => `${x.service} ${x.kind} ${x.file}:${x.line}` === c.hazard) : map.hazards[0];
      assert.ok(h, `${c.hazard} among ${low ? 'lowConfidenceHazards' : 'hazards'}`);
      assert.equal(h.confidence, c.confidence);
      const steps = (h.evidence ?? []).map((e) => `${e.file}:${e.line} ${e.what}`);
      assert.equal(steps.length, c.evidence.length, steps.join('\n'));
      c.evidence.forEach((re, i) => assert.match(steps[i], re));
      // a low-confidence hazard is kept in the JSON but does not make the service keep in-process state
      if (c.confidence === 'low') assert.notEqual(map.services[0].verdict, 'in-process-state');
    });
  }
});

test('what a function called where it is written at the top level changes is start-up, not even a note', () => {
  const map = check({
    'package.json': pkg,
    'src/server.ts': server("import fs from 'node:fs';\nconst themes: string[] = [];\n(async () => {\n  for (const f of await fs.promises.readdir('themes')) themes.push(f);\n})();", "app.get('/themes', (_req, res) => res.json(themes));"),
  }, { hazards: [] });
  assert.deepEqual((map.lowConfidenceHazards ?? []).filter((h) => h.kind === 'module-mutable-state').map((h) => `${h.file}:${h.line}`), []);
});

describe('the one instance of a class, wherever it is made and kept', () => {
  const QUEUE = 'export class RingBuffer<T> {\n  private values: T[] = [];\n  constructor(private readonly size: number) {}\n  push(v: T) {\n    this.values.push(v);\n    if (this.values.length > this.size) this.values.shift();\n  }\n  all() {\n    return [...this.values];\n  }\n}\n';

  test('a utility class made once by a route module and kept in its binding: the state is that binding, one report for the instance (CapRover, set 21)', () => {
    check({
      'package.json': pkg,
      'src/ringBuffer.ts': QUEUE,
      'src/server.ts': server("import { RingBuffer } from './ringBuffer';\nconst failedLogins = new RingBuffer<number>(5);",
        "app.post('/login', (req, res) => {\n  if (failedLogins.all().length >= 5) return res.sendStatus(429);\n  failedLogins.push(Date.now());\n  res.sendStatus(401);\n});"),
    }, {
      hazards: ['. module-mutable-state src/server.ts:3'],
      messages: { 'module-mutable-state src/server.ts:3': /`failedLogins` \(the one RingBuffer of the process, made at module level; its `values` is an array\) is changed by `RingBuffer.push` \(src\/ringBuffer.ts:5\)/ },
    });
  });

  test('an object made lazily by a getter and kept at module level (`if (!repo) repo = new MemoryRepo()`): one per process, and what requests put in it is state (filepizza, set 21)', () => {
    check({
      'package.json': pkg,
      'src/repo.ts': [
        'export class MemoryChannelRepo {',
        '  private channels = new Map<string, string>();',
        '  create(slug: string, peer: string) {',
        '    this.channels.set(slug, peer);',
        '  }',
        '  fetch(slug: string) {',
        '    return this.channels.get(slug);',
        '  }',
        '}',
        'let repo: MemoryChannelRepo | undefined;',
        'export function getRepo() {',
        '  if (!repo) repo = new MemoryChannelRepo();',
        '  return repo;',
        '}',
        '',
      ].join('\n'),
      'src/server.ts': server("import { getRepo } from './repo';",
        "app.post('/channels/:slug', (req, res) => {\n  getRepo().create(req.params.slug, req.body.peer);\n  res.sendStatus(201);\n});\napp.get('/channels/:slug', (req, res) => res.json(getRepo().fetch(req.params.slug)));"),
    }, { hazards: ['. module-mutable-state src/repo.ts:2'] });
  });

  test("a class that extends Map is a Map: what requests put in the one instance's field is state (Lunalytics, set 21)", () => {
    check({
      'package.json': pkg,
      'src/collection.ts': 'export class Collection<K, V> extends Map<K, V> {\n  hasAll(...keys: K[]) {\n    return keys.every((k) => this.has(k));\n  }\n}\n',
      'src/statusCache.ts': "import { Collection } from './collection';\nclass StatusCache {\n  pages = new Collection<string, object>();\n  put(id: string, page: object) {\n    this.pages.set(id, page);\n  }\n}\nexport default new StatusCache();\n",
      'src/server.ts': server("import statusCache from './statusCache';", "app.put('/status/:id', (req, res) => {\n  statusCache.put(req.params.id, req.body);\n  res.sendStatus(204);\n});"),
    }, {
      hazards: ['. in-memory-cache src/statusCache.ts:3'],
      messages: { 'in-memory-cache src/statusCache.ts:3': /`pages` \(a Map in the one instance of its class\)/ },
    });
  });

  test("discord.js's Collection is a Map: a cooldown table kept at module level and filled by commands is state", () => {
    check({
      'package.json': JSON.stringify({ name: 'bot', version: '1.0.0', main: 'src/bot.js', dependencies: { 'discord.js': '14' } }),
      'src/bot.js': [
        "const { Client, Collection, GatewayIntentBits } = require('discord.js');",
        'const cooldowns = new Collection();',
        'const client = new Client({ intents: [GatewayIntentBits.Guilds] });',
        "client.on('interactionCreate', (interaction) => {",
        '  if (cooldowns.has(interaction.user.id)) return;',
        '  cooldowns.set(interaction.user.id, Date.now());',
        '});',
        'client.login(process.env.DISCORD_TOKEN);',
        '',
      ].join('\n'),
    }, { hazards: ['. memory-rate-limit src/bot.js:2'] });
  });
});

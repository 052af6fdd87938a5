// The pipeline end to end on small workspaces: each case is files in, every edge and hazard out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check } from './check';

const pkg = (name: string, deps: Record<string, string> = {}) => JSON.stringify({ name, version: '1.0.0', dependencies: deps });

const MODULE_STATE = `const carts = new Map<string, string[]>();
export async function add(id: string, item: string) {
  carts.set(id, [...(carts.get(id) ?? []), item]);
}
`;

test('a client made in one file and used in another is one edge, located at the use', () => {
  check({
    'src/redis.ts': `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL);\n`,
    'src/cart.ts': `import { redis } from './redis';\nexport async function add(id: string) { await redis.hset('cart:' + id, 'x', 1); }\n`,
  }, { edges: ['. -> redis write'], hazards: [], locations: { redis: ['src/cart.ts:2 hset'] } });
});

test('creating folders is set-up, writing files is state: mkdirp and mkdirSync raise no hazard, writeFileSync does', () => {
  check({
    'package.json': pkg('app', { mkdirp: '3', express: '4' }),
    'src/index.ts': `import express from 'express';
import fs from 'node:fs';
import { mkdirp } from 'mkdirp';
mkdirp.sync('/var/app/uploads');
fs.mkdirSync('/var/app/cache', { recursive: true });
const app = express();
app.post('/x', (req, res) => { fs.writeFileSync('/var/app/uploads/x', 'y'); res.end(); });
app.listen(3000);
`,
  }, {
    edges: ['. -> filesystem write'],
    hazards: ['. local-file-write src/index.ts:7'],
    locations: { filesystem: ['src/index.ts:4 mkdirp.sync', 'src/index.ts:5 mkdirSync', 'src/index.ts:7 writeFileSync'] },
  });
});

test('module state: each replica of a server keeps its own copy; a serverless function keeps it per warm instance', () => {
  check({
    'package.json': pkg('api', { express: '4' }),
    'src/server.ts': `import express from 'express';\nimport { add } from './carts';\nconst app = express();\napp.post('/c', async (req, res) => { await add('a', 'b'); res.end(); });\napp.listen(3000);\n`,
    'src/carts.ts': MODULE_STATE,
  }, {
    hazards: ['. module-mutable-state src/carts.ts:1'],
    messages: { 'module-mutable-state src/carts.ts:1': /^`carts` \(a Map at module level\) is changed by `add` \(line 3\): each replica keeps its own copy, so replicas disagree and a restart loses it\.$/ },
  });
  check({
    'package.json': pkg('fn', { '@types/aws-lambda': '8' }),
    'src/handler.ts': `import { add } from './carts';\nexport const handler = async () => { await add('a', 'b'); return { statusCode: 200 }; };\n`,
    'src/carts.ts': MODULE_STATE,
  }, {
    hazards: ['. warm-instance-state src/carts.ts:1'],
    messages: { 'warm-instance-state src/carts.ts:1': /^`carts` \(a Map at module level\) is changed by `add` \(line 3\): it survives between invocations of a warm instance, while concurrent instances each keep their own copy\.$/ },
  });
});

test('a hazard the catalog lifts by a method call elsewhere: socket.io rooms without, then with, an adapter', () => {
  const server = (extra: string) => `import { Server } from 'socket.io';\nexport const io = new Server(3000);\nio.on('connection', (s) => s.join('room'));\n${extra}`;
  check({ 'package.json': pkg('chat', { 'socket.io': '4' }), 'src/io.ts': server('') }, { hazards: ['. socket-rooms-no-adapter src/io.ts:2'] });
  check({
    'package.json': pkg('chat', { 'socket.io': '4', '@socket.io/redis-adapter': '8' }),
    'src/io.ts': server(''),
    'src/adapter.ts': `import { createAdapter } from '@socket.io/redis-adapter';\nimport { io } from './io';\nio.adapter(createAdapter({} as never, {} as never));\n`,
  }, { hazards: [] });
});

test('a service calling a function of a shared package touches what that function touches, at the call', () => {
  check({
    'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
    'packages/db/package.json': pkg('@acme/db', { pg: '8' }),
    'packages/db/src/index.ts': `import { Pool } from 'pg';\nconst pool = new Pool();\nexport async function findUser(id: string) { return pool.query('SELECT * FROM users WHERE id = $1', [id]); }\n`,
    'packages/api/package.json': pkg('@acme/api', { '@acme/db': '*', express: '4' }),
    'packages/api/src/index.ts': `import express from 'express';\nimport { findUser } from '@acme/db';\nconst app = express();\napp.get('/u/:id', async (req, res) => res.json(await findUser(req.params.id)));\napp.listen(3000);\n`,
  }, {
    edges: ['packages/api -> postgres read', 'packages/db -> postgres read'],
    hazards: [],
    locations: { postgres: ['packages/api/src/index.ts:4 findUser() → query', 'packages/db/src/index.ts:3 query'] },
  });
});

test('a root package.json without a name: the one service is named after the workspace folder', () => {
  const map = check({
    'package.json': JSON.stringify({ private: true, dependencies: { next: '15', ioredis: '5' } }),
    'lib/cache.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\nexport const hit = (k: string) => redis.get(k);\n",
  }, { edges: ['. -> redis read'], hazards: [] });
  assert.deepEqual(map.services.map((s) => s.id), ['.']);
  assert.match(map.services[0].name, /^state-map-test-/, 'the temporary folder analyzeFiles made');
});

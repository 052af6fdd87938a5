// Cloudflare Workers bindings (src/catalog/entries/cloudflare.ts): the Wrangler configuration says what
// each name on `env` is, and the code reaches it through `cloudflare:workers`, a Worker's `env` parameter,
// Hono's `c.env` or Astro's `locals.runtime.env`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles, locationSummary } from '../../helpers/workspace';
import { lines } from '../../helpers/entry-cases';

// the catalog entries each binding type selects
const D1 = 'cloudflare:d1';
const R2 = 'cloudflare:r2';
const KV = 'cloudflare:kv';
const QUEUES = 'cloudflare:queues';
const DURABLE_OBJECTS = 'cloudflare:durable-objects';

const pkg = (deps: Record<string, string> = {}) => JSON.stringify({ name: 'feed', version: '1.0.0', main: 'src/index.ts', scripts: { deploy: 'wrangler deploy' }, dependencies: deps });
const WRANGLER_JSONC = lines(
  '{',
  '  // the Worker and what it is bound to',
  '  "name": "feed",',
  '  "main": "src/index.ts",',
  '  "d1_databases": [{ "binding": "FEED_DB", "database_name": "feed", "database_id": "x" }],',
  '  "r2_buckets": [{ "binding": "MEDIA", "bucket_name": "media" }],',
  '  "queues": { "producers": [{ "binding": "WEBHOOKS", "queue": "webhooks" }] },',
  '}',
);
const WRANGLER_TOML = lines(
  'name = "mail"',
  'main = "src/index.ts"',
  '',
  '[[kv_namespaces]]',
  'binding = "LIMITS"',
  'id = "abc"',
  '',
  '[[durable_objects.bindings]]',
  'name = "ROOMS"',
  'class_name = "Room"',
  '',
  '[env.production]',
  'kv_namespaces = [{ binding = "PROMPTS", id = "def" }]',
);

describe('Cloudflare Workers bindings', () => {
  test('`import { env } from \'cloudflare:workers\'`: D1 by its SQL, R2 and a queue, as wrangler.jsonc declares them', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'wrangler.jsonc': WRANGLER_JSONC,
      'src/index.ts': lines(
        "import { env } from 'cloudflare:workers';",
        'export default {',
        '  async fetch(request: Request) {',
        "    const row = await env.FEED_DB.prepare('SELECT * FROM items WHERE id = ?').bind(1).first();",
        "    await env.FEED_DB.prepare('UPDATE items SET views = views + 1 WHERE id = ?').bind(1).run();",
        "    await env.MEDIA.put('a.mp3', request.body);",
        "    await env.WEBHOOKS.send({ item: row });",
        '    return new Response(await (await env.MEDIA.get(\'a.mp3\'))?.text());',
        '  },',
        '};',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      `src/index.ts:4 sqlite read ${D1}`,
      `src/index.ts:5 sqlite write ${D1}`,
      `src/index.ts:6 s3 write ${R2}`,
      `src/index.ts:7 cloudflare-queues write ${QUEUES}`,
      `src/index.ts:8 s3 read ${R2}`,
    ]);
  });

  test('a Worker\'s `fetch(request, env)` and Hono\'s `c.env`, with bindings from wrangler.toml (its environments too); a Durable Object stub reads and writes', () => {
    const map = analyzeFiles({
      'package.json': pkg({ hono: '4' }),
      'wrangler.toml': WRANGLER_TOML,
      'src/index.ts': lines(
        "import { Hono } from 'hono';",
        'const app = new Hono();',
        "app.get('/limit/:id', async (c) => c.json(await c.env.LIMITS.get(c.req.param('id'))));",
        'export default {',
        '  async fetch(request: Request, env: Env) {',
        "    await env.PROMPTS.put('p', await request.text());",
        "    const room = env.ROOMS.get(env.ROOMS.idFromName('lobby'));",
        '    return room.fetch(request);',
        '  },',
        '};',
      ),
    });
    assert.deepEqual(locationSummary(map), [
      `src/index.ts:3 cloudflare-kv read ${KV}`,
      `src/index.ts:6 cloudflare-kv write ${KV}`,
      `src/index.ts:8 durable-object readwrite ${DURABLE_OBJECTS}`,
    ]);
  });

  test('a parameter typed `Env` (what `wrangler types` generates) holds the bindings, whatever its name', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'wrangler.jsonc': WRANGLER_JSONC,
      'src/index.ts': lines(
        "import type { Env } from './env';",
        'export async function notify(runtimeEnv: Env, ids: string[]) {',
        '  await runtimeEnv.WEBHOOKS.sendBatch(ids.map((id) => ({ body: id })));',
        '}',
        'export async function count(bindings: Cloudflare.Env) {',
        "  return bindings.FEED_DB.prepare('SELECT COUNT(*) FROM items').first();",
        '}',
        'export default { fetch: async (_r: Request, e: Env) => Response.json(await count(e as never)) };',
      ),
      'src/env.ts': 'export interface Env { WEBHOOKS: Queue; FEED_DB: D1Database }\n',
    });
    assert.deepEqual(locationSummary(map), [`src/index.ts:3 cloudflare-queues write ${QUEUES}`, `src/index.ts:6 sqlite read ${D1}`]);
  });

  test('`Reflect.get(runtimeEnv, \'MEDIA\')` returned by a helper is the bucket, as `runtimeEnv.MEDIA` would be', () => {
    const map = analyzeFiles({
      'package.json': pkg(),
      'wrangler.jsonc': WRANGLER_JSONC,
      'src/storage.ts': lines(
        'export function mediaBucket(runtimeEnv: Env): R2Bucket | null {',
        "  const binding = Reflect.get(runtimeEnv, 'MEDIA');",
        '  return binding ?? null;',
        '}',
      ),
      'src/index.ts': lines(
        "import { mediaBucket } from './storage';",
        'export default {',
        '  async fetch(request: Request, env: Env) {',
        "    await mediaBucket(env)?.put('upload.mp3', request.body);",
        "    return new Response('ok');",
        '  },',
        '};',
      ),
    });
    assert.deepEqual(locationSummary(map), [`src/index.ts:4 s3 write ${R2}`]);
  });

  test('a Worker is serverless: module state its `fetch` changes lives in one warm isolate among many', () => {
    const code = lines(
      'const hits = new Map<string, number>();',
      'export default {',
      '  async fetch(request: Request) {',
      '    const path = new URL(request.url).pathname;',
      '    hits.set(path, (hits.get(path) ?? 0) + 1);',
      '    return new Response(String(hits.get(path)));',
      '  },',
      '};',
    );
    const worker = analyzeFiles({ 'package.json': pkg(), 'wrangler.toml': 'name = "hits"\nmain = "src/index.ts"\n', 'src/index.ts': code });
    assert.equal(worker.services[0].kind, 'lambda');
    assert.deepEqual(worker.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['warm-instance-state src/index.ts:1 high']);
    assert.match(worker.hazards[0].evidence?.[0]?.what ?? '', /`fetch` of the default export, which the runtime calls per request/);
    // the same `export default { fetch }` served by Bun or Deno: a long-running server's request handler
    const bun = analyzeFiles({ 'package.json': JSON.stringify({ name: 'hits', version: '1.0.0', main: 'src/index.ts', scripts: { start: 'bun src/index.ts' } }), 'src/index.ts': code });
    assert.deepEqual(bun.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['module-mutable-state src/index.ts:1 high']);
  });

  test('a name no Wrangler configuration declares is no store, and without one `env` is only a parameter', () => {
    const code = lines(
      "import { env } from 'cloudflare:workers';",
      'export default {',
      '  async fetch(request: Request, env2: { CACHE: { get(k: string): Promise<string> } }) {',
      "    return new Response(await env.UNDECLARED.get('k') + await env2.CACHE.get('k'));",
      '  },',
      '};',
    );
    assert.deepEqual(locationSummary(analyzeFiles({ 'package.json': pkg(), 'wrangler.jsonc': WRANGLER_JSONC, 'src/index.ts': code })), []);
    assert.deepEqual(locationSummary(analyzeFiles({ 'package.json': pkg(), 'src/index.ts': code.replace('env.UNDECLARED', 'env.FEED_DB') })), []);
  });

  test('a broken Wrangler configuration is a problem, not a crash', () => {
    const map = analyzeFiles({ 'package.json': pkg(), 'wrangler.toml': 'name = "x"\n[[kv_namespaces]\nbinding = ', 'src/index.ts': 'export default { fetch: () => new Response("ok") };\n' });
    assert.ok(map.problems.some((p) => p.file === 'wrangler.toml' && /invalid Wrangler configuration/.test(p.message)), JSON.stringify(map.problems));
  });

  test('the configuration a repository publishes in place of its own: wrangler.toml.template, wrangler.example.json', () => {
    const toml = analyzeFiles({
      'package.json': pkg({ hono: '4' }),
      'wrangler.toml.template': WRANGLER_TOML,
      'src/index.ts': lines(
        "import { Hono } from 'hono';",
        'const app = new Hono();',
        "app.get('/limit/:id', async (c) => c.json(await c.env.LIMITS.get(c.req.param('id'))));",
        'export default app;',
      ),
    });
    assert.deepEqual(locationSummary(toml), [`src/index.ts:3 cloudflare-kv read ${KV}`]);
    const json = analyzeFiles({
      'package.json': pkg(),
      'wrangler.example.json': WRANGLER_JSONC,
      'src/index.ts': lines(
        'export default {',
        "  async fetch(request: Request, env: Env) { return Response.json(await env.FEED_DB.prepare('SELECT 1').first()); },",
        '};',
      ),
    });
    assert.deepEqual(locationSummary(json), [`src/index.ts:2 sqlite read ${D1}`]);
  });
});

describe('@cloudflare/next-on-pages', () => {
  test('`getRequestContext().env` holds the bindings a Next.js route on Pages reads', () => {
    const map = analyzeFiles({
      'package.json': pkg({ next: '15', '@cloudflare/next-on-pages': '1' }),
      'wrangler.toml': WRANGLER_TOML,
      'app/api/config/route.ts': lines(
        "import { getRequestContext } from '@cloudflare/next-on-pages';",
        "export const runtime = 'edge';",
        'export async function GET() {',
        '  const env = getRequestContext().env;',
        "  return Response.json({ limit: await env.LIMITS.get('max') });",
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [`app/api/config/route.ts:5 cloudflare-kv read ${KV}`]);
  });
});

describe('@opennextjs/cloudflare', () => {
  test('`getCloudflareContext().env` holds the bindings of Next.js on Workers', () => {
    const map = analyzeFiles({
      'package.json': pkg({ next: '15', '@opennextjs/cloudflare': '1' }),
      'wrangler.jsonc': WRANGLER_JSONC,
      'app/api/items/route.ts': lines(
        "import { getCloudflareContext } from '@opennextjs/cloudflare';",
        'export async function POST(request: Request) {',
        "  await getCloudflareContext().env.MEDIA.put('a.mp3', request.body);",
        '  return new Response(null, { status: 204 });',
        '}',
      ),
    });
    assert.deepEqual(locationSummary(map), [`app/api/items/route.ts:3 s3 write ${R2}`]);
  });
});

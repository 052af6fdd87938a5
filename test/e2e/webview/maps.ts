// Realistic inputs for the webview tests: small workspaces analyzed by the real analyzer, drawn by the
// server's view builder, and wrapped into the `state` message exactly as the extension's panel posts it
// (src/server/server.ts answers `stateMap/view`, src/extension/panel.ts builds the PanelState).
import path from 'node:path';
import { analyze } from '../../../src/core/analyze';
import type { StateMap } from '../../../src/core/model/types';
import { emptyState } from '../../../src/extension/panelModel';
import type { FolderStatus, ViewFilter, ViewResult } from '../../../src/protocol/messages';
import type { PanelState } from '../../../src/protocol/webview';
import { drawView, serviceSummary, storeKinds } from '../../../src/server/view';
import type { LayoutSetting } from '../../../src/server/settings';
import { analyzeFiles } from '../../helpers/workspace';
import { REPO } from '../harness/paths';

type Files = Record<string, string>;

const root = (name: string): Files => ({ 'package.json': JSON.stringify({ name, private: true, workspaces: ['services/*', 'apps/*'] }) });
const pkg = (name: string, deps: string[]): string =>
  JSON.stringify({ name, version: '1.0.0', private: true, main: 'src/index.ts', dependencies: Object.fromEntries(deps.map((d) => [d, '*'])) });

/** One service that touches no store: a map of exactly one node. */
export function oneNodeWorkspace(): Files {
  return {
    ...root('health'),
    'services/health-api/package.json': pkg('health-api', ['express']),
    'services/health-api/README.md': '# health-api\n\nThis service is stateless.\n',
    'services/health-api/src/index.ts': `import express from 'express';\nconst app = express();\napp.get('/healthz', (_req, res) => res.send('ok'));\napp.listen(8080);\n`,
  };
}

/** A shop of 8 services and 12 stores (20 nodes): HTTP services, a worker, a job and a frontend; one broken claim. */
export function twentyNodeWorkspace(): Files {
  const f: Files = { ...root('shop') };
  const svc = (dir: string, name: string, deps: string[], code: string, readme?: string) => {
    f[`${dir}/package.json`] = pkg(name, deps);
    f[`${dir}/src/index.ts`] = code;
    if (readme) f[`${dir}/README.md`] = readme;
  };
  svc('services/cart-api', 'cart-api', ['express', 'ioredis'], `import express from 'express';
import Redis from 'ioredis';
const redis = new Redis(process.env.CART_REDIS_URL!);
const guestCarts = new Map<string, string[]>();
const app = express();
app.post('/carts/:id', async (req, res) => { guestCarts.set(req.params.id, req.body); await redis.hset('cart:' + req.params.id, 'items', '1'); res.json(guestCarts.size); });
app.listen(3000);
`, '# cart-api\n\nThis service is stateless.\n');
  svc('services/orders-api', 'orders-api', ['express', 'pg', 'kafkajs'], `import express from 'express';
import { Pool } from 'pg';
import { Kafka } from 'kafkajs';
const pool = new Pool({ connectionString: process.env.ORDERS_DATABASE_URL });
const producer = new Kafka({ clientId: 'orders', brokers: ['kafka:9092'] }).producer();
const app = express();
app.post('/orders', async (req, res) => {
  await pool.query('INSERT INTO orders (body) VALUES ($1)', [req.body]);
  await producer.send({ topic: 'orders', messages: [{ value: 'x' }] });
  res.status(201).end();
});
app.listen(3001);
`, '# orders-api\n\nThis service is stateless.\n');
  svc('services/payments-api', 'payments-api', ['express', 'pg', 'ioredis'], `import express from 'express';
import { Pool } from 'pg';
import Redis from 'ioredis';
const pool = new Pool({ connectionString: process.env.PAYMENTS_DATABASE_URL });
const locks = new Redis(process.env.LOCK_REDIS_URL!);
const app = express();
app.post('/payments', async (req, res) => {
  await locks.set('lock:' + req.body.id, '1');
  await pool.query('INSERT INTO payments (id) VALUES ($1)', [req.body.id]);
  res.end();
});
app.listen(3002);
`);
  svc('services/auth-api', 'auth-api', ['express', 'ioredis'], `import express from 'express';
import Redis from 'ioredis';
const sessions = new Redis(process.env.SESSION_REDIS_URL!);
const app = express();
app.get('/me', async (req, res) => { res.json(await sessions.get('session:' + req.headers.authorization)); });
app.listen(3003);
`, '# auth-api\n\nThis service is stateless.\n');
  svc('services/catalog-api', 'catalog-api', ['express', 'mongodb'], `import express from 'express';
import { MongoClient } from 'mongodb';
const db = new MongoClient(process.env.CATALOG_MONGO_URL!).db('catalog');
const app = express();
app.get('/products', async (_req, res) => { res.json(await db.collection('products').find({}).toArray()); });
app.listen(3004);
`);
  svc('services/email-worker', 'email-worker', ['kafkajs', '@aws-sdk/client-s3'], `import { Kafka } from 'kafkajs';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
const consumer = new Kafka({ clientId: 'email', brokers: ['kafka:9092'] }).consumer({ groupId: 'email' });
await consumer.subscribe({ topic: 'emails' });
await consumer.run({ eachMessage: async ({ message }) => { await s3.send(new PutObjectCommand({ Bucket: 'sent-mail', Key: 'x', Body: message.value! })); } });
`);
  svc('services/reports-worker', 'reports-worker', ['pg', 'node-cron'], `import cron from 'node-cron';
import { Pool } from 'pg';
import fs from 'node:fs';
const pool = new Pool({ connectionString: process.env.REPORTS_DATABASE_URL });
cron.schedule('0 * * * *', async () => {
  const r = await pool.query('SELECT * FROM orders');
  fs.writeFileSync('/tmp/report.json', JSON.stringify(r.rows));
});
`);
  svc('apps/web', 'web', ['react', 'react-dom'], `export function remember(theme: string): void { localStorage.setItem('theme', theme); }
`);
  return f;
}

/** `n` HTTP services, each with its own PostgreSQL (read) and Redis (write): 3n/... nodes, see `bigView`. */
export function bigWorkspace(services: number): Files {
  const f: Files = { ...root('fleet') };
  for (let i = 0; i < services; i++) {
    const dir = `services/svc-${String(i).padStart(3, '0')}`;
    f[`${dir}/package.json`] = pkg(`svc-${String(i).padStart(3, '0')}`, ['express', 'ioredis', 'pg']);
    f[`${dir}/src/index.ts`] = `import express from 'express';
import Redis from 'ioredis';
import { Pool } from 'pg';
const pool = new Pool({ connectionString: process.env.DB_${i}_URL });
const redis = new Redis(process.env.CACHE_${i}_URL!);
const app = express();
app.get('/items/:id', async (req, res) => { await redis.set('seen:' + req.params.id, '1'); res.json(await pool.query('SELECT 1')); });
app.listen(3000);
`;
  }
  return f;
}

export function analyzeWorkspace(files: Files): StateMap {
  return analyzeFiles(files);
}

export function analyzeFixture(name: string): StateMap {
  return analyze(path.join(REPO, 'test', 'fixtures', name));
}

export interface ViewSettings {
  filter?: ViewFilter;
  layout?: LayoutSetting;
  showEnvironment?: boolean;
  /** The view builder's limits (the server uses the panel's; tests pass smaller ones to force collapsing). */
  maxTextSize?: number;
  maxEdges?: number;
  version?: number;
}

/** The folder URI and its status, as the server reports a finished analysis. */
export function folderStatus(map: StateMap, name: string, version = 1): FolderStatus {
  return {
    folder: `file:///workspace/${encodeURIComponent(name)}`, name, state: 'ready', version,
    sourceFiles: 10, services: map.services.length, brokenClaims: map.services.filter((s) => s.honest === false).length,
  };
}

/** What `stateMap/view` answers (src/server/server.ts). */
export function viewResult(map: StateMap, status: FolderStatus, s: ViewSettings = {}): ViewResult {
  const showEnvironment = s.showEnvironment ?? false;
  const drawn = drawView(map, s.filter ?? {}, { layout: s.layout ?? 'auto', showEnvironment, maxTextSize: s.maxTextSize, maxEdges: s.maxEdges });
  return { status, services: map.services.map(serviceSummary), storeKinds: storeKinds(map, showEnvironment), ...drawn };
}

/** The `state` message's payload, built the way MapPanel.fetchAndPost builds it (src/extension/panel.ts). */
export function panelState(map: StateMap, name: string, s: ViewSettings = {}): PanelState {
  const status = folderStatus(map, name, s.version);
  const folders = [status];
  const filter = s.filter ?? {};
  const view = viewResult(map, status, s);
  return { folders, folder: status.folder, filter, view, empty: emptyState(folders, status.folder, view, 1) };
}

/**
 * `services` workers that all use the same `stores` Redis instances: few nodes, many edges (a monorepo
 * whose services share their caches), for Mermaid's edge limit.
 */
export function sharedStoresWorkspace(services: number, stores: number): Files {
  const f: Files = { ...root('shared') };
  for (let i = 0; i < services; i++) {
    const dir = `services/job-${String(i).padStart(3, '0')}`;
    f[`${dir}/package.json`] = pkg(`job-${String(i).padStart(3, '0')}`, ['ioredis']);
    let code = `import Redis from 'ioredis';\n`;
    for (let j = 0; j < stores; j++) code += `const r${j} = new Redis(process.env.SHARED_${j}_URL!);\nexport const get${j} = (k: string) => r${j}.get(k);\n`;
    f[`${dir}/src/index.ts`] = code;
  }
  return f;
}

/**
 * Service names (package.json `name`) and folder names that try to break out of a Mermaid label, an HTML
 * attribute or the page: markup with scripts and handlers, Mermaid syntax and directives, entity look-alikes.
 */
export const HOSTILE_NAMES = [
  `<img src=x onerror="window.__pwned='img'">`,
  `<script>window.__pwned='script'</script>`,
  `say "hi" 'there' \`tick\` ; semi; colon`,
  `a]]b [[c]] ]]> --> d %% comment`,
  `%%{init: {"theme": "forest", "themeVariables": {"primaryColor": "#ff0000"}}}%%`,
  `#hash #60;not-an-entity#62; &amp; &lt;b&gt;`,
  `{braces} (parens) |pipes| <svg onload=alert(1)>`,
  `end click svc0 call alert(1) style subgraph`,
  `<a href="javascript:alert(1)">link</a> <style>*{display:none}</style>`,
  `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
  'Ωmega ünïcødé ✓ ✗ → · ×',
] as const;

/** One service per hostile name, some in hostile folders, each keeping state in process or in Redis. */
export function hostileWorkspace(): Files {
  const f: Files = { ...root('hostile "root" <x>') };
  const dirs = ['a "quoted" <b> dir', 'pct%% hash# semi; {x}', 'tick`s ]]'];
  HOSTILE_NAMES.forEach((name, i) => {
    const dir = `services/${dirs[i] ?? `svc-${i}`}`;
    f[`${dir}/package.json`] = JSON.stringify({ name, version: '1.0.0', private: true, main: 'src/index.ts', dependencies: { express: '*', ioredis: '*' } });
    f[`${dir}/src/index.ts`] = i % 2
      ? `import express from 'express';\nconst hits = new Map<string, number>();\nconst app = express();\napp.get('/', (req, res) => { hits.set(req.path, 1); res.json(hits.size); });\napp.listen(3000);\n`
      : `import express from 'express';\nimport Redis from 'ioredis';\nconst redis = new Redis(process.env.REDIS_URL!);\nconst app = express();\napp.get('/', async (_req, res) => { await redis.set('k', '1'); res.end(); });\napp.listen(3000);\n`;
  });
  return f;
}

/**
 * A monorepo of `services` packages in four folders (HTTP services, workers, frontends, shared packages),
 * touching PostgreSQL, Redis, Kafka and S3, one in five keeping state in process while its README claims it
 * is stateless: the "9-package monorepo" of issue 15, scaled up.
 */
export function monorepoWorkspace(services: number): Files {
  const f: Files = { 'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['services/*', 'workers/*', 'apps/*', 'packages/*'] }) };
  const folders = ['services', 'services', 'workers', 'apps', 'packages'];
  for (let i = 0; i < services; i++) {
    const folder = folders[i % folders.length];
    const name = `${folder.replace(/s$/, '')}-${String(i).padStart(2, '0')}`;
    const dir = `${folder}/${name}`;
    const broken = i % 5 === 1;
    if (folder === 'apps') {
      f[`${dir}/package.json`] = pkg(`@mono/${name}`, ['react']);
      f[`${dir}/src/index.ts`] = `export function remember(k: string, v: string): void { localStorage.setItem(k, v); }\n`;
      continue;
    }
    if (folder === 'packages') {
      f[`${dir}/package.json`] = pkg(`@mono/${name}`, ['ioredis']);
      f[`${dir}/src/index.ts`] = `import Redis from 'ioredis';\nconst r = new Redis(process.env.SHARED_REDIS_URL!);\nexport const get = (k: string) => r.get(k);\n`;
      continue;
    }
    const worker = folder === 'workers';
    f[`${dir}/package.json`] = pkg(`@mono/${name}`, worker ? ['kafkajs', '@aws-sdk/client-s3', 'pg'] : ['express', 'pg', 'ioredis']);
    if (broken) f[`${dir}/README.md`] = `# ${name}\n\nThis service is stateless.\n`;
    f[`${dir}/src/index.ts`] = worker
      ? `import { Kafka } from 'kafkajs';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { Pool } from 'pg';
const s3 = new S3Client({});
const pool = new Pool({ connectionString: process.env.DB_${i % 3}_URL });
const consumer = new Kafka({ clientId: '${name}', brokers: ['kafka:9092'] }).consumer({ groupId: '${name}' });
await consumer.subscribe({ topic: 'jobs-${i % 4}' });
await consumer.run({ eachMessage: async ({ message }) => { await pool.query('SELECT 1'); await s3.send(new PutObjectCommand({ Bucket: 'out-${i % 2}', Key: 'x', Body: message.value! })); } });
`
      : `import express from 'express';
import { Pool } from 'pg';
import Redis from 'ioredis';
const pool = new Pool({ connectionString: process.env.DB_${i % 3}_URL });
const cache = new Redis(process.env.CACHE_${i % 2}_URL!);
${broken ? 'const seen = new Map<string, number>();\n' : ''}const app = express();
app.get('/items/:id', async (req, res) => {
${broken ? '  seen.set(req.params.id, (seen.get(req.params.id) ?? 0) + 1);\n' : ''}  await cache.set('item:' + req.params.id, '1');
  res.json(await pool.query('SELECT * FROM items WHERE id = $1', [req.params.id]));
});
app.listen(3000);
`;
  }
  return f;
}

import type { StoreModel } from '../types';

// Cloudflare Workers: the stores a Worker uses are bindings that its Wrangler configuration declares
// (`d1_databases`, `r2_buckets`, `kv_namespaces`, `queues.producers`, `durable_objects.bindings`), read off `env` (`import { env } from 'cloudflare:workers'`, `fetch(request, env)`, Hono's
// `c.env`, Astro's `locals.runtime.env`). The linker picks the entry below by the binding's type in the
// configuration over the file (src/core/discover/wrangler.ts); the code's own name for it decides nothing.
// A parameter typed with the runtime's ambient type (`kv: KVNamespace`, `db: D1Database`) is one too.
// Each has its case in test/unit/catalog/cloudflare.test.ts.

const docs = (path: string) => `https://developers.cloudflare.com/${path}`;

export const cloudflareModels: StoreModel[] = [
  {
    // the module itself reaches no store: its `env` holds the bindings
    id: 'cloudflare:workers', docs: docs('workers/runtime-apis/bindings/#importing-env-as-a-global'), modules: ['cloudflare:workers'], kind: 'http-api',
    // a Worker's `env` parameter and the frameworks' ways to it: these paths only say where bindings are read
    receivers: [['env', '(binding)'], ['c', 'env', '(binding)'], ['ctx', 'env', '(binding)'], ['context', 'env', '(binding)'], ['platform', 'env', '(binding)'], ['locals', 'runtime', 'env', '(binding)']],
    bindings: ['env'],
    ops: { fallback: 'ignore' },
  },
  {
    // Next.js on Cloudflare Pages: `getRequestContext().env.DB` in a route on the edge runtime
    id: '@cloudflare/next-on-pages', docs: 'https://github.com/cloudflare/next-on-pages/tree/main/packages/next-on-pages#cloudflare-platform-integration',
    modules: ['@cloudflare/next-on-pages'], kind: 'http-api', bindings: ['getRequestContext.env', 'getOptionalRequestContext.env'],
    ops: { fallback: 'ignore' },
  },
  {
    // Next.js on Workers through OpenNext: `getCloudflareContext().env.KV`
    id: '@opennextjs/cloudflare', docs: 'https://opennext.js.org/cloudflare/bindings', modules: ['@opennextjs/cloudflare'], kind: 'http-api',
    bindings: ['getCloudflareContext.env'], ops: { fallback: 'ignore' },
  },
  {
    id: 'cloudflare:d1', docs: docs('d1/worker-api/'), kind: 'sqlite', globalTypes: ['D1Database'],
    ops: { sql: ['prepare', 'exec'], readwrite: ['batch'], read: ['dump'], ignore: ['withSession'], fallback: 'ignore' },
    note: 'A D1 database (SQLite at the edge) bound by the Wrangler configuration: `prepare(sql)`\'s SQL says read or write.',
  },
  {
    id: 'cloudflare:r2', docs: docs('r2/api/workers/workers-api-reference/'), kind: 's3', globalTypes: ['R2Bucket'],
    ops: { read: ['get', 'head', 'list'], write: ['put', 'delete', 'createMultipartUpload', 'resumeMultipartUpload'], fallback: 'ignore' },
    note: 'An R2 bucket bound by the Wrangler configuration (S3-compatible object storage).',
  },
  {
    id: 'cloudflare:kv', docs: docs('kv/api/'), kind: 'cloudflare-kv', globalTypes: ['KVNamespace'],
    ops: { read: ['get', 'getWithMetadata', 'list'], write: ['put', 'delete'], targetArgs: 'all', fallback: 'ignore' },
    note: 'A Workers KV namespace bound by the Wrangler configuration: eventually consistent keys, shared by every Worker instance.',
  },
  {
    id: 'cloudflare:queues', docs: docs('queues/configuration/javascript-apis/'), kind: 'cloudflare-queues', globalTypes: ['Queue'],
    ops: { write: ['send', 'sendBatch'], fallback: 'ignore' },
    note: 'A Cloudflare Queue a Worker produces to, bound by the Wrangler configuration.',
  },
  {
    id: 'cloudflare:durable-objects', docs: docs('durable-objects/api/namespace/'), kind: 'durable-object', globalTypes: ['DurableObjectNamespace'],
    // `env.ROOMS.idFromName(n)` and `get(id)` find the object; what is called on its stub reads and writes its state
    ops: { navigate: ['idFromName', 'idFromString', 'newUniqueId', 'get', 'getByName', 'jurisdiction'], ignore: ['toString'], fallback: 'readwrite' },
    note: 'A Durable Object namespace bound by the Wrangler configuration: each object keeps its state in one place, shared by every request that reaches it.',
  },
];

/**
 * Saying what is not modelled: a store client the catalog does not know, imported by a service, is one
 * problem per service ("uses X (N places), not modelled: the map may miss its state") and a line of the
 * Markdown map's footer. Known by a curated list, by its npm keywords when installed, or by being made
 * with a store's address.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMarkdown } from '../../src/render/markdown';
import { analyzeFiles } from '../helpers/workspace';

const src = (...ls: string[]) => ls.join('\n') + '\n';
const notModelled = (map: ReturnType<typeof analyzeFiles>) => map.problems.filter((p) => p.message.includes('not modelled')).map((p) => `${p.file}: ${p.message}`);

describe('store clients the catalog does not model', () => {
  test('a curated name, installed keywords and a client made with a store URL are each reported once per service', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['api', 'worker'] }),
      'api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '4', couchbase: '4', 'acme-kv': '1', lodash: '4' } }),
      'api/node_modules/acme-kv/package.json': JSON.stringify({ name: 'acme-kv', keywords: ['key-value', 'client'] }),
      'api/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', keywords: ['modules', 'stdlib', 'util'] }),
      'api/src/db.ts': src("import { connect } from 'couchbase';", "export const cluster = connect('couchbase://db', { username: 'u', password: 'p' });"),
      'api/src/users.ts': src(
        "import { cluster } from './db';",
        "import { QueryScanConsistency } from 'couchbase';",
        "import { KV } from 'acme-kv';",
        "import { get } from 'lodash';",
        "const kv = new KV();",
        "export const user = (id: string) => cluster.bucket('app').defaultCollection().get(id);",
        "export const x = (o: object) => get(o, 'a') ?? kv ?? QueryScanConsistency;",
      ),
      'worker/package.json': JSON.stringify({ name: 'worker', dependencies: { 'tiny-graph-db': '1', ioredis: '5' } }),
      'worker/src/main.ts': src(
        "import Graph from 'tiny-graph-db';",
        "import Redis from 'ioredis';",
        'const g = new Graph({ url: process.env.GRAPH_DATABASE_URL });',
        'const r = new Redis();',
        "export const run = async () => { await g.query('x'); await r.incr('runs'); };",
      ),
    });
    assert.deepEqual(notModelled(map), [
      'api/package.json: uses acme-kv (1 place), not modelled: the map may miss its state',
      'api/package.json: uses couchbase (2 places), not modelled: the map may miss its state',
      'worker/package.json: uses tiny-graph-db (1 place), not modelled: the map may miss its state',
    ]);
    const footer = renderMarkdown(map);
    assert.match(footer, /uses couchbase \(2 places\), not modelled: the map may miss its state/);
  });

  test("a dependency whose name says it wraps a store (an organisation's database library) is reported, not installed", () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'settlement', dependencies: { '@hapi/hapi': '21', '@acme/database-lib': '11', '@acme/event-sdk': '14', '@types/pg': '8' } }),
      'src/models/window.ts': src(
        "import Db from '@acme/database-lib';",
        "import { Tracer } from '@acme/event-sdk';",
        "export const open = async (id: number) => Tracer.trace(() => Db.from('settlementWindow').findOne({ id }));",
      ),
    });
    assert.deepEqual(notModelled(map), ['package.json: uses @acme/database-lib (1 place), not modelled: the map may miss its state']);
  });

  test('look-alike: catalog libraries, workspace packages and plain utilities are not reported', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'api', dependencies: { express: '4', pg: '8', zod: '3', dayjs: '1' } }),
      'src/app.ts': src(
        "import { Pool } from 'pg';",
        "import { z } from 'zod';",
        "import dayjs from 'dayjs';",
        'const pool = new Pool({ connectionString: process.env.DATABASE_URL });',
        "const started = dayjs(process.env.DATABASE_URL);",
        "export const now = () => started.format() + z.string().parse('x');",
        "export const one = () => pool.query('SELECT 1');",
      ),
    });
    assert.deepEqual(notModelled(map), []);
  });
});

describe('the list of unmodelled clients', () => {
  test('names no library the catalog models: an entry leaves the list', async () => {
    const { CATALOG, Catalog, UNMODELLED_CLIENTS } = await import('../../src/catalog');
    const catalog = new Catalog(CATALOG);
    assert.deepEqual(Object.keys(UNMODELLED_CLIENTS).filter((name) => catalog.byModule(name)), []);
  });
});

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { JSDOM } from 'jsdom';
import type { StateMap } from '../../../src/core/model/types';
import { collapseStoreKinds, drawView, storeKinds, storesLine } from '../../../src/server/view';
import { shopMap } from './fixtures';

let mermaid: { initialize(c: Record<string, unknown>): void; parse(text: string): Promise<unknown> };
before(async () => {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = (await import('mermaid')).default as unknown as typeof mermaid;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 1e7, maxEdges: 1e5 });
});

/** `services` services, each touching `perService` Redis instances of its own and one shared PostgreSQL. */
function bigMap(services: number, perService: number): StateMap {
  const map: StateMap = { schemaVersion: 1, root: '/ws', services: [], stores: [{ id: 'postgres', kind: 'postgres', label: 'PostgreSQL' }], edges: [], hazards: [], problems: [] };
  for (let i = 0; i < services; i++) {
    const id = `services/svc-${i}`;
    map.services.push({ id, name: `svc-${i}`, root: id, kind: 'http-server', claim: { stateless: null, sources: [] }, verdict: 'state-elsewhere', honest: null });
    map.edges.push({ service: id, store: 'postgres', access: 'read', locations: [{ file: `${id}/a.ts`, line: 1, column: 1, operation: 'query', access: 'read', library: 'pg' }] });
    for (let j = 0; j < perService; j++) {
      const store = `redis:${i}-${j}`;
      map.stores.push({ id: store, kind: 'redis', label: 'Redis', instance: `REDIS_${i}_${j}` });
      map.edges.push({ service: id, store, access: 'write', locations: [{ file: `${id}/b.ts`, line: j + 1, column: 1, operation: 'set', access: 'write', library: 'ioredis' }] });
    }
  }
  return map;
}

const defaults = { layout: 'auto' as const, showEnvironment: false };

test('a small map is drawn whole with dagre; env is hidden', async () => {
  const v = drawView(shopMap(), {}, defaults);
  assert.equal(v.collapse, 'none');
  assert.equal(v.layout, 'dagre');
  assert.equal(v.nodes, 3 + 4);
  assert.equal(v.edges, 5);
  assert.ok(!Object.keys(v.ids!.stores).includes('env'));
  await mermaid.parse(v.mermaid!);
});

test('filters narrow the view to one service or one store kind', () => {
  const one = drawView(shopMap(), { service: 'services/orders-api' }, defaults);
  assert.deepEqual(Object.keys(one.ids!.services), ['services/orders-api']);
  assert.deepEqual(Object.keys(one.ids!.stores).sort(), ['postgres', 'redis']);
  const redis = drawView(shopMap(), { storeKind: 'redis' }, defaults);
  assert.deepEqual(Object.keys(redis.ids!.services).sort(), ['services/cart-api', 'services/orders-api']);
  assert.deepEqual(Object.keys(redis.ids!.stores), ['redis']);
  assert.deepEqual(Object.keys(drawView(shopMap(), { storeKind: 'env' }, defaults).ids!.stores), ['env']);
});

test('over 100 nodes: a summary where each service lists its stores, laid out as a grid', async () => {
  const map = bigMap(40, 2);
  const v = drawView(map, {}, defaults);
  assert.equal(v.collapse, 'summary');
  assert.equal(v.layout, 'dagre');
  assert.equal(v.nodes, 121);
  assert.match(v.note!, /^121 nodes and 120 edges are too many to read at once: each service lists the stores it touches/);
  assert.match(v.mermaid!, /svc-7<br\/>3 stores: PostgreSQL#160;r · Redis#160;w<br\/>/);
  assert.deepEqual(Object.keys(v.ids!.stores), []);
  assert.equal((v.mermaid!.match(/ ~~~ /g) ?? []).length, 40 - 5, 'invisible links make 5 rows of 8');
  assert.match(v.mermaid!, /\n {2}svc0 ~~~ svc1\n/, 'a row holds services in reading order');
  assert.doesNotMatch(v.mermaid!, /\n {2}svc7 ~~~ svc8\n/, 'the ninth service starts the next row');
  await mermaid.parse(v.mermaid!);
});

test('a filtered big view draws its edges; a chosen layout draws the whole map with it', () => {
  const map = bigMap(60, 1);
  const redis = drawView(map, { storeKind: 'redis' }, defaults);
  assert.deepEqual([redis.collapse, redis.layout, redis.nodes], ['none', 'dagre', 120]);
  assert.deepEqual([drawView(map, {}, { ...defaults, layout: 'dagre' }).collapse, drawView(map, {}, { ...defaults, layout: 'dagre' }).layout], ['none', 'dagre']);
  assert.equal(drawView(map, {}, { ...defaults, layout: 'elk' }).layout, 'elk');
  assert.equal(drawView(shopMap(), {}, { ...defaults, layout: 'elk' }).layout, 'elk');
});

test('beyond Mermaid\'s limits: stores merged by kind, then the summary, then nothing but a note', async () => {
  const map = bigMap(60, 5);
  const opts = { ...defaults, layout: 'elk' as const };
  const whole = drawView(map, {}, opts);
  assert.equal(whole.collapse, 'none', 'the panel\'s raised limits hold 361 nodes');

  const kinds = drawView(map, {}, { ...opts, maxEdges: 200 });
  assert.equal(kinds.collapse, 'kinds');
  assert.equal(kinds.edges, 360);
  assert.match(kinds.note!, /360 edges .* stores of one kind are shown as one node/);
  assert.match(kinds.mermaid!, /Redis ×300/);
  // every store id still finds its node, for "Show in State Map"
  assert.equal(kinds.ids!.stores['redis:3-1'], kinds.ids!.stores['*redis']);
  await mermaid.parse(kinds.mermaid!);

  const summary = drawView(map, {}, { ...opts, maxEdges: 100 });
  assert.equal(summary.collapse, 'summary');
  assert.match(summary.mermaid!, /svc-7<br\/>6 stores: PostgreSQL#160;r · Redis#160;w/);
  assert.equal(summary.ids!.edges.length, 0);
  assert.equal((summary.mermaid!.match(/ ~~~ /g) ?? []).length, 52, 'only the grid\'s invisible links');
  await mermaid.parse(summary.mermaid!);

  const none = drawView(map, {}, { ...opts, maxEdges: 100, maxTextSize: 500 });
  assert.equal(none.collapse, 'too-large');
  assert.equal(none.mermaid, undefined);
  assert.match(none.note!, /Choose a service or a store kind above/);
  // a filter makes it drawable again
  assert.equal(drawView(map, { service: 'services/svc-3' }, { ...opts, maxEdges: 100, maxTextSize: 5000 }).collapse, 'none');
});

test('collapsing merges edges per service and kind, and keeps access and locations', () => {
  const c = collapseStoreKinds(bigMap(2, 3));
  assert.deepEqual(c.stores.map((s) => `${s.id} ${s.label}`), ['*postgres PostgreSQL', '*redis Redis ×6']);
  const e = c.edges.find((x) => x.service === 'services/svc-1' && x.store === '*redis')!;
  assert.equal(e.locations.length, 3);
  assert.equal(e.access, 'write');
});

test('the store kinds for the filter are sorted by label, env only when shown', () => {
  assert.deepEqual(storeKinds(shopMap(), false).map((k) => k.kind), ['localStorage', 'postgres', 'memory', 'redis']);
  assert.ok(storeKinds(shopMap(), true).some((k) => k.kind === 'env'));
});

test('a service\'s stores in one line', () => {
  assert.equal(storesLine(shopMap(), 'services/cart-api', {}), '2 stores: Redis rw · in-process 2');
  assert.equal(storesLine(shopMap(), 'services/cart-api', { showEnv: true }), '3 stores: Redis rw · Environment r · in-process 2');
  const map = shopMap();
  map.edges = [];
  assert.equal(storesLine(map, 'apps/web', {}), 'no stores');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evidenceFor } from '../../../src/server/evidence';
import { shopMap } from './fixtures';

test('an edge: its locations, sorted, with labels for a quick pick', () => {
  const items = evidenceFor(shopMap(), { kind: 'edge', service: 'services/cart-api', store: 'redis' });
  assert.deepEqual(items.map((i) => i.label), ['routes.ts:10  hgetall cart:*', 'routes.ts:15  hset cart:*']);
  assert.equal(items[1].detail, 'write · ioredis · @shop/cart-api → Redis');
  assert.deepEqual([items[1].line, items[1].column, items[1].endLine, items[1].endColumn], [15, 9, 15, 81]);
});

test('a store: every place that touches it, across services', () => {
  const items = evidenceFor(shopMap(), { kind: 'store', store: 'redis' });
  assert.deepEqual(items.map((i) => `${i.file}:${i.line}`), ['services/cart-api/src/routes.ts:10', 'services/cart-api/src/routes.ts:15', 'services/orders-api/src/server.ts:14']);
});

test('a collapsed store node (*kind) stands for every store of that kind', () => {
  const map = shopMap();
  map.stores.push({ id: 'redis:cache', kind: 'redis', label: 'Redis', instance: 'CACHE_URL' });
  map.edges.push({ service: 'apps/web', store: 'redis:cache', access: 'read', locations: [{ file: 'apps/web/src/x.ts', line: 1, column: 1, operation: 'get', access: 'read', library: 'ioredis' }] });
  assert.equal(evidenceFor(map, { kind: 'store', store: '*redis' }).length, 4);
  assert.equal(evidenceFor(map, { kind: 'edge', service: 'apps/web', store: '*redis' }).length, 1);
});

test('a service: claims and hazards first, then its code; environment reads only when shown', () => {
  const items = evidenceFor(shopMap(), { kind: 'service', service: 'services/cart-api' });
  assert.deepEqual(items.slice(0, 5).map((i) => i.label), [
    'README.md:3  claims stateless', 'cart-api.yaml:6  claims stateless', 'legacy.ts:1  claims stateful',
    'routes.ts:5  ⚠ module-mutable-state', 'server.ts:8  ⚠ memory-session-store',
  ]);
  assert.ok(!items.some((i) => i.label.includes('REDIS_URL')));
  assert.ok(evidenceFor(shopMap(), { kind: 'service', service: 'services/cart-api' }, { showEnvironment: true }).some((i) => i.label.includes('REDIS_URL')));
});

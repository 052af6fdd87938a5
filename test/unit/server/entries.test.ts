import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FileFacts } from '../../../src/core/facts';
import { findEntryPoints, findHazardSites } from '../../../src/server/entries';
import { shopMap } from './fixtures';

type Hints = Pick<FileFacts, 'hints'>;

test('the entry point: package.json main (dist mapped back to src), a listening file first, the usual names last', () => {
  const files: Record<string, Hints> = {
    'services/cart-api/src/routes.ts': { hints: {} },
    'services/cart-api/src/server.ts': { hints: { listen: 1 } },
    'services/orders-api/src/main.ts': { hints: {} },
    'services/orders-api/src/index.ts': { hints: {} },
    'apps/web/src/cart.ts': { hints: {} },
  };
  const pkgs: Record<string, unknown> = { 'services/orders-api': { main: 'dist/main.js' } };
  const entries = findEntryPoints(shopMap(), (f) => files[f], (root) => pkgs[root]);
  assert.deepEqual(entries['services/cart-api'], { file: 'services/cart-api/src/server.ts', line: 1 });
  assert.deepEqual(entries['services/orders-api'], { file: 'services/orders-api/src/main.ts', line: 1 });
  // no manifest, no usual name: a file the map saw in the service
  assert.deepEqual(entries['apps/web'], { file: 'apps/web/src/cart.ts', line: 1 });
});

test('a serverless handler: the line of the exported handler', () => {
  const files: Record<string, Hints> = { 'services/orders-api/src/handler.ts': { hints: { handler: 12 } } };
  assert.deepEqual(findEntryPoints(shopMap(), (f) => files[f], () => undefined)['services/orders-api'], { file: 'services/orders-api/src/handler.ts', line: 12 });
});

test('the places that change a hazard\'s module-level binding', () => {
  const facts: Pick<FileFacts, 'declared' | 'mutations'> = {
    declared: [{ name: 'recentlyViewed', decl: 'const', init: 'map', line: 5, col: 7 }],
    mutations: [
      { target: 'recentlyViewed', how: 'method', method: 'set', line: 17, col: 3 },
      { target: 'other', how: 'assign', line: 20, col: 3 },
    ],
  };
  const sites = findHazardSites(shopMap(), (f) => (f === 'services/cart-api/src/routes.ts' ? facts : undefined));
  assert.deepEqual(sites, [{ hazard: 0, file: 'services/cart-api/src/routes.ts', line: 17, column: 3, binding: 'recentlyViewed' }]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lensesFor, stateSummary } from '../../../src/server/codeLens';
import { shopMap } from './fixtures';

test('the summary lists external stores with their access, then in-process hazards', () => {
  assert.equal(stateSummary(shopMap(), 'services/cart-api'), 'State: Redis rw · in-process 2');
  assert.equal(stateSummary(shopMap(), 'services/orders-api'), 'State: Redis r · PostgreSQL r');
  assert.equal(stateSummary(shopMap(), 'apps/web'), 'State: localStorage w');
  assert.equal(stateSummary(shopMap(), 'services/cart-api', { showEnvironment: true }), 'State: Redis rw · Environment r · in-process 2');
  assert.equal(stateSummary(shopMap(), 'nope'), 'State: none found');
});

test('in-process places count when no hazard names them', () => {
  const map = shopMap();
  map.hazards = [];
  assert.equal(stateSummary(map, 'services/cart-api'), 'State: Redis rw · in-process 2');
});

test('a lens sits above each entry point in the file, marked when the claim is broken', () => {
  const entries = { 'services/cart-api': { file: 'services/cart-api/src/server.ts', line: 1 }, 'services/orders-api': { file: 'services/orders-api/src/server.ts', line: 3 } };
  assert.deepEqual(lensesFor(shopMap(), { entries }, 'services/cart-api/src/server.ts'), [
    { line: 1, title: 'State: Redis rw · in-process 2 · ✗ claim broken', service: 'services/cart-api' },
  ]);
  assert.deepEqual(lensesFor(shopMap(), { entries }, 'services/orders-api/src/server.ts').map((l) => l.line), [3]);
  assert.deepEqual(lensesFor(shopMap(), { entries }, 'services/cart-api/src/routes.ts'), []);
});

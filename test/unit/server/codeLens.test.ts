import assert from 'node:assert/strict';
import { test } from 'node:test';
import { entryLine, lensesFor, stateLine, stateSummary } from '../../../src/server/codeLens';
import { shopMap } from './fixtures';

test('the summary lists external stores with their access, then how many hazards', () => {
  assert.equal(stateSummary(shopMap(), 'services/cart-api'), 'State: Redis rw · 2 hazards');
  assert.equal(stateSummary(shopMap(), 'services/orders-api'), 'State: Redis r · PostgreSQL r · 1 hazard');
  assert.equal(stateSummary(shopMap(), 'apps/web'), 'State: localStorage w');
  assert.equal(stateSummary(shopMap(), 'services/cart-api', { showEnvironment: true }), 'State: Redis rw · Environment r · 2 hazards');
  assert.equal(stateSummary(shopMap(), 'nope'), 'State: none found');
});

test('in-process places count when no hazard names them', () => {
  const map = shopMap();
  map.hazards = [];
  assert.equal(stateSummary(map, 'services/cart-api'), 'State: Redis rw · in-process 2');
});

test('more than three external stores: the rest are counted, so the lens stays short', () => {
  const map = shopMap();
  for (const [id, label] of [['k', 'Kafka'], ['s3', 'Object storage'], ['m', 'MongoDB']]) {
    map.stores.push({ id, kind: 'kafka', label });
    map.edges.push({ service: 'services/orders-api', store: id, access: 'write', locations: [] });
  }
  assert.equal(stateSummary(map, 'services/orders-api'), 'State: Redis r · PostgreSQL r · Kafka w · +2 stores · 1 hazard');
  assert.match(stateLine(map, map.services[1]), /Stores: Redis \(read\), PostgreSQL \(read\), Kafka \(write\), Object storage \(write\), MongoDB \(write\)\./);
});

test('the whole line: claim, verdict, every store and the hazards by kind', () => {
  const map = shopMap();
  assert.equal(
    stateLine(map, map.services[0]),
    '@shop/cart-api claims stateless; it keeps state in process — ✗ the claim is broken. Stores: Redis (read/write), process memory or local disk (2 places). Hazards: module-mutable-state, memory-session-store.',
  );
});

test('the entry line: listen, then an exported handler, then a main() call', () => {
  assert.equal(entryLine('import x from "y";\nconst app = express();\n\napp.listen(3000);\n'), 4);
  assert.equal(entryLine('import x from "y";\nexport const handler = async () => {};\n'), 2);
  assert.equal(entryLine('async function main() {}\nvoid main();\n'), 2);
  assert.equal(entryLine('import { useState } from "react";\nexport function useCart() {}\n'), undefined);
});

test('a lens sits at each runtime entry of a service, never in a file that only touches state', () => {
  const entries = { 'services/cart-api': { file: 'services/cart-api/src/server.ts', line: 1 }, 'services/orders-api': { file: 'services/orders-api/src/server.ts', line: 3 } };
  const [lens] = lensesFor(shopMap(), { entries }, 'services/cart-api/src/server.ts', { text: 'import e from "express";\nconst app = e();\napp.listen(3000);\n' });
  assert.equal(lens.line, 3);
  assert.equal(lens.title, 'State: Redis rw · 2 hazards · ✗ claim broken');
  assert.match(lens.tooltip, /^@shop\/cart-api claims stateless/);
  assert.deepEqual(lensesFor(shopMap(), { entries }, 'services/orders-api/src/server.ts').map((l) => l.line), [3]);
  // routes.ts touches Redis and holds a hazard, but nothing starts there
  assert.deepEqual(lensesFor(shopMap(), { entries }, 'services/cart-api/src/routes.ts'), []);
  assert.deepEqual(lensesFor(shopMap(), { entries: {} }, 'apps/web/src/cart.ts'), []);
});

test('every concrete entry the analysis names gets a lens; a framework glob does not', () => {
  const map = shopMap();
  map.services[0].entries = [
    { path: 'services/cart-api/src/server.ts', from: 'package.json main' },
    { path: 'services/cart-api/src/worker.ts', from: 'Dockerfile' },
    { path: 'services/cart-api/{src/,}pages/**', from: 'Next.js pages/' },
  ];
  assert.equal(lensesFor(map, { entries: {} }, 'services/cart-api/src/worker.ts').length, 1);
  assert.equal(lensesFor(map, { entries: {} }, 'services/cart-api/src/server.ts').length, 1);
  assert.equal(lensesFor(map, { entries: {} }, 'services/cart-api/pages/index.tsx').length, 0);
});

test('a library has no lens of its own: it runs in the services that import it', () => {
  const map = shopMap();
  map.services[2].kind = 'library';
  assert.deepEqual(lensesFor(map, { entries: { 'apps/web': { file: 'apps/web/src/index.ts', line: 1 } } }, 'apps/web/src/index.ts'), []);
});

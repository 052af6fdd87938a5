import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Outline } from '../../../src/protocol/messages';
import { targetOf, TreeModel, type TreeNode } from '../../../src/extension/treeModel';

const status = { folder: 'file:///shop', name: 'shop', state: 'ready' as const, version: 3 };
const place = (file: string, line: number) => ({ uri: `file:///shop/${file}`, range: { start: { line, character: 0 }, end: { line, character: 4 } }, label: `${file}:${line + 1}`, detail: 'd', description: file });
const outline: Outline = {
  status,
  services: [
    { id: 'services/cart', name: 'cart', verdict: 'in-process-state', honest: false, claim: true, kind: 'http-server' },
    { id: 'services/orders', name: 'orders', verdict: 'state-elsewhere', honest: true, claim: true, kind: 'http-server' },
  ],
  stores: [
    { id: 'redis', kind: 'redis', label: 'Redis', family: 'cache' },
    { id: 'postgres', kind: 'postgres', label: 'PostgreSQL', family: 'sql' },
  ],
  edges: [
    { service: 'services/cart', store: 'redis', access: 'readwrite', places: 2 },
    { service: 'services/orders', store: 'redis', access: 'read', places: 1 },
    { service: 'services/orders', store: 'postgres', access: 'write', places: 3 },
  ],
  hazards: [{ service: 'services/cart', kind: 'module-mutable-state', message: 'm', places: [place('a.ts', 4), place('b.ts', 9)] }],
};

const labels = (m: TreeModel, n?: TreeNode) => m.childrenOf(n).map((c) => `${c.type}:${c.type === 'group' ? `${c.group} ${c.count}` : c.type === 'service' ? c.service.name : c.type === 'store' ? c.store.label : c.type === 'edge' ? `${c.service.name}->${c.store.label}` : c.id}`);

test('one folder: Services → stores, Stores → services, Hazards → places, with counts', () => {
  const m = new TreeModel([{ folder: status.folder, name: 'shop', outline }]);
  assert.deepEqual(labels(m), ['group:services 2', 'group:stores 2', 'group:hazards 1']);
  const [services, stores, hazards] = m.childrenOf();
  assert.deepEqual(labels(m, services), ['service:cart', 'service:orders']);
  const orders = m.childrenOf(services)[1];
  assert.deepEqual(labels(m, orders), ['edge:orders->Redis', 'edge:orders->PostgreSQL']);
  assert.equal(orders.type === 'service' && orders.stores, 2);
  assert.deepEqual(labels(m, m.childrenOf(stores)[0]), ['edge:cart->Redis', 'edge:orders->Redis']);
  assert.equal(m.childrenOf(m.childrenOf(hazards)[0]).length, 2);
});

test('reveal: a map target finds its node, and every node finds its parent up to the root', () => {
  const m = new TreeModel([{ folder: status.folder, name: 'shop', outline }]);
  const edge = m.find(status.folder, { kind: 'edge', service: 'services/orders', store: 'postgres' })!;
  assert.equal(edge.type, 'edge');
  assert.deepEqual(targetOf(edge), { kind: 'edge', service: 'services/orders', store: 'postgres' });
  const chain: string[] = [];
  for (let n: TreeNode | undefined = edge; n; n = m.parentOf(n)) chain.push(n.type);
  assert.deepEqual(chain, ['edge', 'service', 'group']);
  assert.equal(m.find(status.folder, { kind: 'store', store: 'redis' })?.type, 'store');
  assert.equal(m.find(status.folder, { kind: 'service', service: 'nope' }), undefined);
  assert.equal(m.find('file:///other', { kind: 'store', store: 'redis' }), undefined);
});

test('ids stay the same when the map is drawn again, so expanded nodes stay expanded', () => {
  const a = new TreeModel([{ folder: status.folder, name: 'shop', outline }]);
  const b = new TreeModel([{ folder: status.folder, name: 'shop', outline: { ...outline, status: { ...status, version: 4 } } }]);
  const ids = (m: TreeModel) => m.childrenOf(m.childrenOf()[0]).flatMap((s) => [s.id, ...m.childrenOf(s).map((c) => c.id)]);
  assert.deepEqual(ids(a), ids(b));
});

test('several folders: one root per folder; a folder without a map has no groups', () => {
  const m = new TreeModel([{ folder: status.folder, name: 'shop', outline }, { folder: 'file:///b', name: 'b', outline: undefined }]);
  assert.deepEqual(m.childrenOf().map((n) => n.type === 'folder' && n.name), ['shop', 'b']);
  assert.equal(m.childrenOf(m.childrenOf()[1]).length, 0);
  assert.equal(m.parentOf(m.find(status.folder, { kind: 'service', service: 'services/cart' })!)?.type, 'group');
});

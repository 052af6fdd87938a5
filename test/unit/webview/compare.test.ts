// The comparison's lines and counts as the panel writes them: every kind of change is named in words,
// with an icon, so that nothing depends on colour.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANGE_WORDS, countsText, itemText } from '../../../media/src/compare';
import type { CompareInfo } from '../../../src/protocol/messages';

const info: CompareInfo = {
  ref: 'main', base: 'main (merge base 1a2b3c4)', head: 'working tree', version: 3,
  counts: { added: 2, removed: 1, alreadyBroken: 1, brokenByChange: 0 },
  items: [
    { change: 'already-broken', rule: 'broken-claim', service: '@shop/cart-api', text: 'claims stateless: already broken on the base, not by this change', where: 'README.md:3' },
    { change: 'added', rule: 'store-access', service: '@shop/orders-api', text: '@shop/orders-api writes Redis: incr orders:count', where: 'src/server.ts:25', uri: 'file:///ws/src/server.ts' },
    { change: 'added', rule: 'module-mutable-state', service: '@shop/orders-api', text: '`recent` (a Map at module level) is changed by a handler', where: 'src/server.ts:12' },
    { change: 'removed', rule: 'store-access', service: '@shop/orders-api', text: '@shop/orders-api reads PostgreSQL: findUnique order', where: 'src/server.ts:40 (base)' },
  ],
};

test('each line starts with an icon and the words of its change, then the service, the finding and its place', () => {
  assert.deepEqual(info.items.map(itemText), [
    '⚠ Already broken on the base: @shop/cart-api — claims stateless: already broken on the base, not by this change (README.md:3)',
    '+ New in this branch: @shop/orders-api — @shop/orders-api writes Redis: incr orders:count (src/server.ts:25)',
    '+ New in this branch: @shop/orders-api — module-mutable-state: `recent` (a Map at module level) is changed by a handler (src/server.ts:12)',
    '− Removed: @shop/orders-api — @shop/orders-api reads PostgreSQL: findUnique order (src/server.ts:40 (base))',
  ]);
});

test('the counts say what each number is', () => {
  assert.equal(countsText(info), '2 new · 1 removed · 1 claim already broken on the base');
  assert.equal(countsText({ ...info, counts: { added: 0, removed: 0, alreadyBroken: 0, brokenByChange: 2 } }), '0 new · 0 removed · 2 claims broken by this change');
});

test('no two kinds of change share an icon or words', () => {
  const all = Object.values(CHANGE_WORDS);
  assert.equal(new Set(all.map((w) => w.icon)).size, all.length);
  assert.equal(new Set(all.map((w) => w.words)).size, all.length);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SHOW_IN_MAP_COMMAND } from '../../../src/protocol/commands';
import { hoverAt } from '../../../src/server/hover';
import { shopMap } from './fixtures';

const base = { folder: 'file:///ws', map: shopMap(), extras: { sites: [] } };

function linkArgs(markdown: string): unknown {
  const m = new RegExp(`\\(command:${SHOW_IN_MAP_COMMAND.replace('.', '\\.')}\\?([^)]+)\\)`).exec(markdown);
  assert.ok(m, 'a Show in State Map link');
  return JSON.parse(decodeURIComponent(m[1]));
}

test('hover on redis.hset names the store, the access, the library, the service, its verdict and the others', () => {
  const h = hoverAt({ ...base, file: 'services/cart-api/src/routes.ts', line: 15, column: 20 });
  assert.ok(h);
  assert.match(h.markdown, /^\*\*Redis\*\* · write · `hset` · cart:\\\* · via ioredis/);
  assert.match(h.markdown, /Service \*\*@shop\/cart-api\*\* claims stateless · verdict: keeps state in process — ✗ the claim is broken/);
  assert.match(h.markdown, /Redis is touched at 2 other places \(in 2 services\)\./);
  assert.deepEqual(h.span, { line: 15, column: 9, endLine: 15, endColumn: 81 });
  assert.deepEqual(linkArgs(h.markdown), [{ folder: 'file:///ws', target: { kind: 'edge', service: 'services/cart-api', store: 'redis' } }]);
});

test('hover outside any location, or before its start column, is empty', () => {
  assert.equal(hoverAt({ ...base, file: 'services/cart-api/src/routes.ts', line: 12, column: 1 }), undefined);
  assert.equal(hoverAt({ ...base, file: 'services/cart-api/src/routes.ts', line: 15, column: 3 }), undefined);
  assert.equal(hoverAt({ ...base, file: 'other.ts', line: 15, column: 20 }), undefined);
});

test('a module-level Map: the declaration line shows the store and the hazard; a mutation site names the binding', () => {
  const decl = hoverAt({ ...base, file: 'services/cart-api/src/routes.ts', line: 5, column: 1 });
  assert.ok(decl);
  assert.match(decl.markdown, /\*\*Process memory\*\* · read\/write/);
  assert.match(decl.markdown, /⚠ \*\*module-mutable-state\*\*: `recentlyViewed` \(a Map at module level\)/);
  const site = hoverAt({
    ...base, extras: { sites: [{ hazard: 0, file: 'services/cart-api/src/routes.ts', line: 17, column: 3, binding: 'recentlyViewed' }] },
    file: 'services/cart-api/src/routes.ts', line: 17, column: 10,
  });
  assert.ok(site);
  assert.match(site.markdown, /^\*\*Process memory\*\* · write · `recentlyViewed`\n/);
  assert.match(site.markdown, /This changes `recentlyViewed`, module-level state declared at line 5 \(\*\*module-mutable-state\*\*\)/);
  assert.match(site.markdown, /Service \*\*@shop\/cart-api\*\*/);
  // the link opens the edge to process memory that starts at the declaration
  assert.deepEqual(linkArgs(site.markdown), [{ folder: 'file:///ws', target: { kind: 'edge', service: 'services/cart-api', store: 'memory' } }]);
});

test('a mutation site in a file that imports the Map names the file it is declared in', () => {
  const site = hoverAt({
    ...base, extras: { sites: [{ hazard: 0, file: 'services/cart-api/src/server.ts', line: 30, column: 3, binding: 'recentlyViewed' }] },
    file: 'services/cart-api/src/server.ts', line: 30, column: 5,
  });
  assert.ok(site);
  assert.match(site.markdown, /^\*\*Process memory\*\* · write · `recentlyViewed`\n/);
  assert.match(site.markdown, /module-level state declared at services\/cart-api\/src\/routes\.ts:5 \(\*\*module-mutable-state\*\*\)/);
});

test('where two locations overlap the tighter one wins', () => {
  const h = hoverAt({ ...base, file: 'services/cart-api/src/server.ts', line: 8, column: 20 });
  assert.ok(h);
  assert.match(h.markdown, /`new express-session`/);
  assert.match(h.markdown, /⚠ \*\*memory-session-store\*\*/);
});

test('environment reads are hovered only when the environment is shown', () => {
  const at = { ...base, file: 'services/cart-api/src/redis.ts', line: 3, column: 40 };
  assert.equal(hoverAt(at), undefined);
  assert.match(hoverAt({ ...at, showEnvironment: true })!.markdown, /\*\*Environment\*\* · read · `REDIS_URL`/);
});

test('names and targets from user code are escaped', () => {
  const map = shopMap();
  map.services[0].name = '<img src=x onerror=alert(1)>[x](http://evil)';
  map.edges[0].locations[1].target = '*`|<script>';
  const h = hoverAt({ ...base, map, file: 'services/cart-api/src/routes.ts', line: 15, column: 20 })!;
  // escaped with backslashes: Markdown shows them as text
  assert.doesNotMatch(h.markdown, /(^|[^\\])<(img|script)/, 'no raw HTML');
  assert.doesNotMatch(h.markdown, /[^\\]\]\(http:\/\/evil\)/, 'no raw link');
  assert.match(h.markdown, /\\<img/);
});

test('while compared with a branch, a hover on a store access the branch added says "new in this branch"; others do not', () => {
  const q = { ...base, file: 'services/cart-api/src/routes.ts', line: 15, column: 20 };
  const fresh = hoverAt({ ...q, newInBranch: { base: 'main (merge base 1a2b3c4)', findings: [{ rule: 'store-access', operation: 'hset', column: 9 }] } });
  assert.match(fresh?.markdown ?? '', /^🆕 \*\*New in this branch\*\* \(not on main \(merge base 1a2b3c4\)\)\n\n\*\*Redis\*\* · write/);
  // another operation on the line, or no comparison: nothing new
  assert.doesNotMatch(hoverAt({ ...q, newInBranch: { base: 'main', findings: [{ rule: 'store-access', operation: 'get', column: 9 }] } })?.markdown ?? '', /New in this branch/);
  assert.doesNotMatch(hoverAt(q)?.markdown ?? '', /New in this branch/);
});

// `diff` against the working tree builds the base from the head's analysis when the change only modifies
// source files (the base text from git, an incremental relink): its output must be byte for byte what a
// checkout of the base analysed in full gives (STATE_MAP_DIFF=full), and any change that reaches what
// discovery reads (a file added, deleted, untracked or ignored, a package.json or README) must take the
// full path. STATE_MAP_DEBUG makes the CLI say which one it took.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI } from '../run-cli';
import { CART_ROUTES, CART_SERVER, ORDERS, scenario, type Repo } from './shop-repo';

const FAST = /the base built from the head's analysis/;
const FULL = /the base checked out and analysed in full \(([^)]*)\)/;

function diff(r: Repo, args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const out = spawnSync(process.execPath, [CLI, 'diff', ...args, r.shop], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', STATE_MAP_DEBUG: '1', STATE_MAP_CACHE_DIR: '', ...env },
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

/** The fast path's output in these formats equals the full path's; returns the fast JSON. */
function assertSameAsFull(r: Repo, args: string[], formats = ['json']): { findings: { added: Array<{ rule: string; file: string }>; removed: unknown[] } } {
  let json = '';
  for (const format of formats) {
    const fast = diff(r, [...args, '-f', format]);
    assert.match(fast.stderr, FAST, `${format}: the fast path was taken`);
    const full = diff(r, [...args, '-f', format], { STATE_MAP_DIFF: 'full' });
    assert.match(full.stderr, FULL);
    assert.equal(fast.code, full.code, `${format}: the same exit code`);
    assert.equal(fast.stdout, full.stdout, `${format}: the same output`);
    assert.equal(fast.stderr.replace(FAST, ''), full.stderr.replace(FULL, ''), `${format}: the same gate messages`);
    if (format === 'json') json = fast.stdout;
  }
  return JSON.parse(json);
}

describe('diff: a base built from the head analysis prints what a full analysis of the base prints', () => {
  let r: Repo;
  before(() => {
    r = scenario();
  });
  after(() => r?.cleanup());

  test('the issue scenario (a Redis write, a module-level Map and an S3 upload added, a Postgres read removed)', () => {
    const json = assertSameAsFull(r, ['main'], ['json', 'markdown', 'sarif', 'mermaid']);
    // not a comparison of two empty diffs
    assert.ok(json.findings.added.some((f) => f.rule === 'module-mutable-state'));
    assert.equal(json.findings.removed.length, 1);
    assert.deepEqual(JSON.parse(diff(r, ['main', '-f', 'json', '--base-exact']).stdout), JSON.parse(diff(r, ['main', '-f', 'json', '--base-exact'], { STATE_MAP_DIFF: 'full' }).stdout));
  });

  test('uncommitted edits on top of the branch, and the analysis options on both sides', () => {
    const routes = path.join(r.shop, CART_ROUTES);
    const text = fs.readFileSync(routes, 'utf8');
    r.edit(CART_ROUTES, "import { redis } from './redis';", "import { redis } from './redis';\n\nsetInterval(() => { void redis.set('cart:swept', String(Date.now())); }, 1000);");
    try {
      const json = assertSameAsFull(r, ['main']);
      assert.ok(json.findings.added.some((f) => f.file === `services/cart-api/src/routes.ts` && f.rule === 'per-replica-timer'), 'the uncommitted timer is new');
      assertSameAsFull(r, ['main', '--ignore', 'services/orders-api/**']);
      assertSameAsFull(r, ['main', '--include-tests']);
      // a changed file over the size limit on the base: read from a checkout, as before
      const small = diff(r, ['main', '-f', 'json', '--max-file-size', '1000']);
      assert.match(small.stderr, FULL);
      assert.equal(small.stdout, diff(r, ['main', '-f', 'json', '--max-file-size', '1000'], { STATE_MAP_DIFF: 'full' }).stdout);
      assertSameAsFull(r, ['HEAD']);
    } finally {
      fs.writeFileSync(routes, text);
    }
  });

  test('a changed file the analysis skips (a test) does not stop the fast path', () => {
    const spec = path.join(r.shop, 'services/cart-api/src/routes.test.ts');
    fs.writeFileSync(spec, "import { redis } from './redis';\nexport const t = () => redis.set('x', 1);\n");
    r.git('add', '-A');
    r.git('commit', '-q', '-m', 'a test');
    try {
      fs.appendFileSync(spec, "export const u = () => redis.del('x');\n");
      assertSameAsFull(r, ['HEAD']);
    } finally {
      r.git('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  const fallbacks: Array<[string, (r: Repo) => void, RegExp]> = [
    ['an added source file', (x) => {
      fs.writeFileSync(path.join(x.shop, 'services/orders-api/src/extra.ts'), "import Redis from 'ioredis';\nexport const cache = new Redis();\nexport const put = () => cache.set('k', 1);\n");
      x.git('add', '-A');
    }, /extra\.ts: added/],
    ['an untracked source file', (x) => fs.writeFileSync(path.join(x.shop, 'services/orders-api/src/scratch.ts'), 'export const memo = new Map<string, number>();\nexport const keep = (k: string) => memo.set(k, 1);\n'), /scratch\.ts is not in the base commit/],
    ['an ignored source file', (x) => {
      fs.writeFileSync(path.join(x.top, '.gitignore'), 'gen/\n');
      fs.mkdirSync(path.join(x.shop, 'services/orders-api/src/gen'));
      fs.writeFileSync(path.join(x.shop, 'services/orders-api/src/gen/state.ts'), 'export const memo = new Map<string, number>();\nexport const keep = (k: string) => memo.set(k, 1);\n');
    }, /gen\/state\.ts is not in the base commit/],
    ['a deleted source file', (x) => fs.rmSync(path.join(x.shop, CART_SERVER)), /server\.ts: deleted/],
    ['a changed README (claims)', (x) => fs.appendFileSync(path.join(x.shop, 'services/cart-api/README.md'), '\nThis service is stateless.\n'), /README\.md changed, which discovery reads/],
    ['a changed package.json', (x) => x.edit('services/orders-api/package.json', '"name"', '"description": "stateless",\n  "name"'), /package\.json changed, which discovery reads/],
  ];
  for (const [what, change, reason] of fallbacks) {
    test(`${what}: the base is checked out and analysed in full`, () => {
      try {
        change(r);
        const fast = diff(r, ['main', '-f', 'json']);
        assert.match(fast.stderr, FULL);
        assert.match(fast.stderr, reason);
        assert.equal(fast.stdout, diff(r, ['main', '-f', 'json'], { STATE_MAP_DIFF: 'full' }).stdout);
      } finally {
        r.git('reset', '-q', '--hard');
        r.git('clean', '-q', '-fdx');
      }
    });
  }

  test('a head ref: both sides checked out, as before', () => {
    assert.match(diff(r, ['main', '--head', 'HEAD', '-f', 'json']).stderr, /analysed in full \(a head ref\)/);
    assert.ok(fs.readFileSync(path.join(r.shop, ORDERS), 'utf8').includes('recent'));
  });
});

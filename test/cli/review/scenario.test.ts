// The issue's "done when": on a git copy of examples/shop, a branch adds a Redis write, a module-level
// Map in a service that claims statelessness and an S3 upload, and removes a Postgres read. The diff
// names each change with its location, keeps a claim broken by the change apart from one already broken,
// and says nothing about findings that only moved or were re-worded, nor about commits on main.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../run-cli';
import { assertGitHubAccepts } from './sarif-check';
import { scenario, type Repo } from './shop-repo';

interface F { rule: string; service: string; store?: string; operation?: string; target?: string; file: string; line: number; symbol: string; id: string }
const show = (f: F) => `${f.rule} ${f.service}${f.store ? ` ${f.store} ${f.operation}${f.target ? ` ${f.target}` : ''}` : ''} ${f.file}:${f.line}`;

describe('diff: the issue scenario on examples/shop', () => {
  let r: Repo;
  let json: { base: string; findings: { added: F[]; removed: F[]; unchanged: number }; claims: Array<{ service: string; status: string }> };
  let code: number | null;
  let stderr: string;

  before(() => {
    r = scenario();
    const out = runCli(['diff', 'main', r.shop, '-f', 'json']);
    ({ code, stderr } = out);
    json = JSON.parse(out.stdout);
  });
  after(() => r?.cleanup());

  test('each change, with its location: the Redis write on a known store, the Map, the S3 upload, and the removed read from the base', () => {
    const O = 'services/orders-api';
    assert.deepEqual(json.findings.added.map(show).sort(), [
      `broken-claim ${O} ${O}/src/server.ts:12`,
      `module-mutable-state ${O} ${O}/src/server.ts:12`,
      `store-access ${O} memory module-mutable-state ${O}/src/server.ts:12`,
      `store-access ${O} redis incr orders:count ${O}/src/server.ts:22`,
      `store-access ${O} s3 PutObject order-receipts ${O}/src/server.ts:24`,
    ]);
    // the removed read is located where it was, on the base
    assert.deepEqual(json.findings.removed.map(show), [`store-access ${O} postgres order.findUnique order ${O}/src/server.ts:22`]);
    assert.equal(json.findings.added.find((f) => f.operation === 'incr')?.symbol, 'app.post("/orders")');
  });

  test('a claim broken by the change is told apart from one already broken on the base', () => {
    assert.deepEqual(json.claims.map((c) => `${c.service} ${c.status}`), ['services/auth-api holds', 'services/cart-api already-broken', 'services/orders-api broken-by-change']);
    assert.equal(code, 1);
    assert.match(stderr, /this change breaks a claim: @shop\/orders-api claims to be stateless \(k8s\/orders-api\.yaml:21\)/);
    assert.doesNotMatch(stderr, /cart-api/);
  });

  test('quiet about moved and re-worded findings: the timer whose interval changed, the hazards below inserted lines', () => {
    const touched = [...json.findings.added, ...json.findings.removed].filter((f) => f.service === 'services/cart-api');
    assert.deepEqual(touched.map(show), []);
    assert.ok(json.findings.unchanged > 20);
    // the timer is there (check fails on it) but the change does not add it: --fail-on does not fire
    assert.equal(runCli(['check', r.shop, '--fail-on', 'per-replica-timer']).code, 1);
    const gate = runCli(['diff', 'main', r.shop, '--fail-on', 'per-replica-timer', '-f', 'json']);
    assert.equal(gate.code, 0, gate.stderr);
  });

  test('the merge base by default: a commit made on main after the branch left it is not "removed"; --base-exact compares with the tip', () => {
    assert.match(json.base, /^main \(merge base [0-9a-f]{7}\)$/);
    assert.ok(!json.findings.removed.some((f) => f.operation === 'del'));
    const exact = JSON.parse(runCli(['diff', 'main', r.shop, '-f', 'json', '--base-exact']).stdout);
    assert.equal(exact.base, 'main');
    assert.deepEqual(exact.findings.removed.map(show).filter((s: string) => s.includes('cart-api')), ['store-access services/cart-api redis del cart:stale:* services/cart-api/src/routes.ts:19']);
  });

  test('the PR comment: hidden marker, the new Redis operation and the removed read with their places', () => {
    const md = runCli(['diff', 'main', r.shop]).stdout;
    assert.match(md, /^<!-- state-map -->\n/);
    assert.match(md, /\| ➕ new operation \| @shop\/orders-api \| Redis \| write \| incr \| orders:count \| `services\/orders-api\/src\/server\.ts:22` \|/);
    assert.match(md, /\| ➕ new store \| @shop\/orders-api \| S3 object storage \| write \| PutObject \| order-receipts \| `services\/orders-api\/src\/server\.ts:24` \|/);
    assert.match(md, /\| ➖ removed \| @shop\/orders-api \| PostgreSQL \| read \| order\.findUnique \| order \| `services\/orders-api\/src\/server\.ts:22` \(base\) \|/);
    assert.match(md, /\| @shop\/cart-api \| .* \| ⚠️ already broken on the base \|/);
    assert.match(md, /\| @shop\/orders-api \| .* \| ❌ broken by this change \|/);
  });

  test('-f sarif: the new findings only, repository-relative, schema-valid and as GitHub code scanning takes it', () => {
    const out = runCli(['diff', 'main', r.shop, '-f', 'sarif']);
    const log = assertGitHubAccepts(out.stdout);
    const results = log.runs[0].results!;
    const where = (x: (typeof results)[number]) => `${x.ruleId} ${x.locations![0].physicalLocation!.artifactLocation!.uri}:${x.locations![0].physicalLocation!.region!.startLine}`;
    assert.deepEqual(results.map(where).sort(), [
      'broken-claim shop/services/orders-api/src/server.ts:12',
      'module-mutable-state shop/services/orders-api/src/server.ts:12',
      'store-access shop/services/orders-api/src/server.ts:12',
      'store-access shop/services/orders-api/src/server.ts:22',
      'store-access shop/services/orders-api/src/server.ts:24',
    ]);
    const claim = results.find((x) => x.ruleId === 'broken-claim')!;
    assert.deepEqual(claim.relatedLocations!.map((l) => `${l.physicalLocation!.artifactLocation!.uri}:${l.physicalLocation!.region!.startLine}`), ['shop/k8s/orders-api.yaml:21']);
    const ids = new Set(json.findings.added.map((f) => f.id));
    for (const x of results) assert.ok(ids.has(x.partialFingerprints!['stateMapFinding/v1']), 'fingerprint from the finding identity');
    assert.match(log.runs[0].originalUriBaseIds!['%SRCROOT%'].uri!, /^file:\/\/\/.*state-map-review-[^/]+\/$/);
  });

  test('-f mermaid draws the change, not the whole map', () => {
    const text = runCli(['diff', 'main', r.shop, '-f', 'mermaid']).stdout;
    assert.match(text, /^flowchart LR\n/);
    assert.match(text, /orders-api/);
    assert.doesNotMatch(text, /#64;shop\/web|localStorage/);
    assert.match(text, /linkStyle [\d,]+ stroke:#2a2/);
  });

  test('analysis options apply to both sides: --ignore leaves the ignored service out of base and head alike', () => {
    const ignored = JSON.parse(runCli(['diff', 'main', r.shop, '-f', 'json', '--ignore', 'services/orders-api/**']).stdout);
    assert.deepEqual([...ignored.findings.added, ...ignored.findings.removed].map(show), []);
  });
});

describe('diff: arguments are checked before any analysis', () => {
  for (const [args, message] of [
    [['--fail-on', 'bogus'], /unknown --fail-on "bogus"/],
    [['--fail-on', ','], /--fail-on takes a comma-separated list of gates with no empty item/],
    [['-f', 'nope'], /diff writes markdown, json, sarif, mermaid, not "nope"/],
  ] as const) {
    test(`${args.join(' ')}: exit 2, one line, though the folder does not even exist`, () => {
      const r = runCli(['diff', 'main', '/no/such/folder', ...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1);
    });
  }
});

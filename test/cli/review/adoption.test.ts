// Adopting the gate on a repository that already breaks a claim: a baseline, inline suppressions with a
// reason, and state contracts in statemap.config.json. Each flow is shown failing without its feature.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { copyFixture, runCli } from '../run-cli';

const CARTS = 'services/cart-api/src/carts.ts';
const DECL = 'const guestCarts = new Map<string, Cart>();';

function withCart(t: { after(fn: () => void): void }) {
  const ws = copyFixture('cart-three-places');
  t.after(() => ws.cleanup());
  const file = (rel: string) => path.join(ws.dir, rel);
  const edit = (rel: string, from: string, to: string) => {
    const text = fs.readFileSync(file(rel), 'utf8');
    assert.ok(text.includes(from), `the fixture changed: ${rel} has no ${from}`);
    fs.writeFileSync(file(rel), text.replace(from, to));
  };
  return { dir: ws.dir, file, edit };
}

describe('baseline', () => {
  test('check fails on the broken claim; after `state-map baseline` it passes; a fixed finding leaves a stale entry listed', (t) => {
    const ws = withCart(t);
    assert.equal(runCli(['check', ws.dir]).code, 1, 'fails without a baseline');
    const b = runCli(['baseline', ws.dir]);
    assert.equal(b.code, 0, b.stderr);
    assert.match(b.stdout, /state-map baseline: 2 findings accepted in /);
    const baseline = JSON.parse(fs.readFileSync(ws.file('.statemap-baseline.json'), 'utf8'));
    assert.deepEqual(baseline.entries.map((e: { rule: string; file: string }) => `${e.rule} ${e.file}`).sort(), [`broken-claim ${CARTS}`, `module-mutable-state ${CARTS}`]);
    assert.ok(baseline.entries.every((e: { id: string; description: string }) => /^[0-9a-f]{16}$/.test(e.id) && e.description.length > 10));
    const ok = runCli(['check', ws.dir, '--fail-on', 'hazard,broken-claim']);
    assert.equal(ok.code, 0, ok.stdout);
    assert.match(ok.stdout, /accepted by the baseline: 2 findings/);
    // lines moved above the Map: still the same findings
    ws.edit(CARTS, DECL, `// a comment\n// and another\n${DECL}`);
    assert.equal(runCli(['check', ws.dir, '--fail-on', 'hazard']).code, 0);
    // the claim is corrected: its entry matches nothing now
    fs.writeFileSync(ws.file('statemap.config.json'), JSON.stringify({ claims: { 'services/cart-api': 'stateful' } }));
    const stale = runCli(['check', ws.dir]);
    assert.equal(stale.code, 0, stale.stdout);
    assert.match(stale.stdout, /stale baseline entry [0-9a-f]{16} \(broken-claim, services\/cart-api\)/);
  });
});

describe('inline suppressions', () => {
  test('next-line with a reason accepts the hazard and the claim it breaks; the report lists it', (t) => {
    const ws = withCart(t);
    assert.equal(runCli(['check', ws.dir, '--fail-on', 'hazard']).code, 1);
    ws.edit(CARTS, DECL, `// state-map-ignore-next-line *: guest carts are per replica by design, sticky sessions route guests\n${DECL}`);
    const r = runCli(['check', ws.dir, '--fail-on', 'hazard,broken-claim']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /suppressed by services\/cart-api\/src\/carts\.ts:19 \(next line\) \*: guest carts are per replica by design, sticky sessions route guests — 2 findings/);
  });

  test('a suppression without a reason accepts nothing and is a problem', (t) => {
    const ws = withCart(t);
    ws.edit(CARTS, DECL, `// state-map-ignore-next-line module-mutable-state\n${DECL}`);
    const r = runCli(['check', ws.dir, '--fail-on', 'hazard']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /✗ module-mutable-state services\/cart-api\/src\/carts\.ts:20/);
    assert.match(r.stdout, /✗ services\/cart-api\/src\/carts\.ts: line 19: state-map-ignore-next-line module-mutable-state has no reason/);
  });

  test('ignore-file covers the whole file, for its rule only', (t) => {
    const ws = withCart(t);
    ws.edit(CARTS, DECL, `${DECL}\n// state-map-ignore-file module-mutable-state: a cache of guests, rebuilt on restart`);
    const r = runCli(['check', ws.dir, '--fail-on', 'hazard']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /\(whole file\) module-mutable-state: a cache of guests, rebuilt on restart — 1 finding/);
    // the claim is another rule: still broken
    assert.equal(runCli(['check', ws.dir]).code, 1);
  });
});

describe('state contracts', () => {
  const config = (contract: Record<string, unknown>) => JSON.stringify({ services: [{ root: 'services/cart-api', claim: 'stateful', ...contract }] }, null, 2) + '\n';

  test('an access to a store allowedStores does not list fails check, naming the contract line', (t) => {
    const ws = withCart(t);
    fs.writeFileSync(ws.file('statemap.config.json'), config({ allowedStores: ['memory'] }));
    const allowedAll = runCli(['check', ws.dir]);
    fs.writeFileSync(ws.file('statemap.config.json'), config({ allowedStores: ['memory', { store: 'redis', access: 'read' }] }));
    const r = runCli(['check', ws.dir]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /✗ contract services\/cart-api\/src\/carts\.ts:\d+: .*writes Redis: .*its contract does not allow this \(statemap\.config\.json:6, allowedStores\)/);
    assert.doesNotMatch(r.stdout, /reads Redis/, 'reads are allowed');
    assert.equal(allowedAll.code, 1, 'redis is not listed at all: fails too');
    fs.writeFileSync(ws.file('statemap.config.json'), config({ allowedStores: ['memory', 'redis'] }));
    assert.equal(runCli(['check', ws.dir]).code, 0, 'no contract broken: the claim is stateful and every store allowed');
  });

  test('forbidHazards fails on the forbidden kind', (t) => {
    const ws = withCart(t);
    fs.writeFileSync(ws.file('statemap.config.json'), config({ forbidHazards: ['module-mutable-state'] }));
    const r = runCli(['check', ws.dir]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /✗ contract services\/cart-api\/src\/carts\.ts:19: module-mutable-state, which its contract forbids \(statemap\.config\.json:7, forbidHazards\)/);
  });

  test('an unknown config key, at the top or in a service, is a problem in the map', (t) => {
    const ws = withCart(t);
    fs.writeFileSync(ws.file('statemap.config.json'), JSON.stringify({ allowedStores: ['redis'], services: [{ root: 'services/cart-api', allowedStore: ['redis'] }] }));
    const map = JSON.parse(runCli(['analyze', ws.dir, '-f', 'json']).stdout);
    const messages = map.problems.filter((p: { file: string }) => p.file === 'statemap.config.json').map((p: { message: string }) => p.message);
    assert.deepEqual(messages.sort(), ['unknown property "allowedStore" in services[0] ignored', 'unknown property "allowedStores" ignored']);
  });
});

// `state-map analyze` for people: on a terminal with no --format, a short summary (ESLint "stylish"
// style) instead of Markdown; coloured when the terminal can, never with NO_COLOR; Markdown when piped,
// written to a file, or asked for with -f markdown.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CLI, fixture, tempDir } from './run-cli';

const ESC = '\x1b';

function run(args: string[], env: Record<string, string | undefined> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, STATE_MAP_DEBUG: '', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI with its standard output on a pseudo-terminal (util-linux `script`), as a person does. */
function onTerminal(args: string[], env: Record<string, string | undefined> = {}): string | undefined {
  if (spawnSync('script', ['--version'], { encoding: 'utf8' }).status !== 0) return undefined;
  const cmd = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  // --quiet: no progress on the terminal's stderr, which `script` mixes into what it records
  const r = spawnSync('script', ['-qec', `${cmd} --quiet`, '/dev/null'], {
    encoding: 'utf8', env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color', ...env },
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\r\n/g, '\n');
}

describe('stylish: the summary for a terminal', () => {
  test('per service: name, root, kind, claim with its source and verdict, stores, hazards at file:line:column, then a total and what is not shown', () => {
    const r = run(['analyze', fixture('cart-three-places'), '--format', 'stylish'], { NO_COLOR: '1' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, [
      '',
      '@acme/storefront  apps/storefront  frontend',
      '  no claim · state lives elsewhere',
      '  stores  localStorage rw',
      '',
      '@acme/cart-api  services/cart-api  http-server',
      '  ✗ claims stateless (k8s/cart-api.yaml:8), but keeps state in process',
      '  stores  Process memory rw, Redis rw',
      '  ⚠ services/cart-api/src/carts.ts:19:7  module-mutable-state  `guestCarts` (a Map at module level) is changed by `addGuestItem` (line 28): each replica keeps its own copy, so replicas disagree and a restart loses it.',
      '',
      '✗ 1 broken claim (@acme/cart-api) · 2 services · 1 hazard  in cart-three-places',
      '1 ConfigMap or Secret found is not shown: not yet precise enough on real repositories; --experimental-hazards (or the experimentalHazards setting) shows them',
      '',
    ].join('\n'));
  });

  test('notes of an edge (a JWT without revocation) are listed under the stores', () => {
    const r = run(['analyze', fixture('jwt-no-revocation'), '-f', 'stylish', '--experimental-hazards'], { NO_COLOR: '1' });
    assert.match(r.stdout, /\n {2}✓ claims stateless \(README.md:5\) · state lives elsewhere\n {2}stores {2}JWT rw, PostgreSQL r\n {2}note {4}JWT · 7 days · no revocation found: a banned user keeps access until expiry\n/);
    assert.match(r.stdout, /✓ 1 service · 0 hazards/);
  });

  test('colour with FORCE_COLOR, none with NO_COLOR (which wins), none by default off a terminal', () => {
    const args = ['analyze', fixture('cart-three-places'), '-f', 'stylish'];
    const forced = run(args, { FORCE_COLOR: '1' }).stdout;
    assert.ok(forced.includes(`${ESC}[31m✗ claims stateless`) || forced.includes(`${ESC}[1m${ESC}[31m✗ claims stateless`), forced);
    assert.ok(!run(args, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout.includes(ESC));
    assert.ok(!run(args).stdout.includes(ESC));
    assert.ok(!run(args, { FORCE_COLOR: '0' }).stdout.includes(ESC));
  });

  test('a name with escape sequences cannot drive the terminal', () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir.dir, 'package.json'), JSON.stringify({ name: `evil${ESC}[2J${ESC}]0;title\u0007`, scripts: { start: 'node a.js' } }));
      fs.writeFileSync(path.join(dir.dir, 'a.js'), "require('http').createServer(() => {}).listen(3000);\n");
      const r = run(['analyze', dir.dir, '-f', 'stylish'], { FORCE_COLOR: '1' });
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stdout, /\x1b\[2J|\x1b\]0;|\u0007/);
      assert.match(r.stdout, /evil \[2J \]0;title /);
    } finally {
      dir.cleanup();
    }
  });
});

describe('the default format: stylish on a terminal, Markdown otherwise', () => {
  test('on a terminal, with no --format: the summary, coloured', (t) => {
    const out = onTerminal(['analyze', fixture('cart-three-places')]);
    if (out === undefined) return t.skip('util-linux `script` is not installed: no pseudo-terminal to run on');
    assert.match(out, /\x1b\[4m\x1b\[1m@acme\/cart-api\x1b\[22m\x1b\[24m/);
    assert.doesNotMatch(out, /```mermaid/);
  });

  test('on a terminal with NO_COLOR: the summary without colour', (t) => {
    const out = onTerminal(['analyze', fixture('cart-three-places')], { NO_COLOR: '1' });
    if (out === undefined) return t.skip('util-linux `script` is not installed');
    assert.ok(!out.includes(ESC), JSON.stringify(out));
    assert.match(out, /\n@acme\/cart-api {2}services\/cart-api {2}http-server\n/);
  });

  test('on a terminal with -f markdown, piped, or with --out: Markdown', (t) => {
    const piped = run(['analyze', fixture('cart-three-places')]);
    assert.match(piped.stdout, /^# State map of cart-three-places\n/);
    const dir = tempDir();
    try {
      const file = path.join(dir.dir, 'map.md');
      const out = onTerminal(['analyze', fixture('cart-three-places'), '--out', file]);
      if (out === undefined) return t.skip('util-linux `script` is not installed');
      assert.match(fs.readFileSync(file, 'utf8'), /^# State map of cart-three-places\n/);
      assert.match(onTerminal(['analyze', fixture('cart-three-places'), '-f', 'markdown'])!, /^# State map of cart-three-places\n/);
    } finally {
      dir.cleanup();
    }
  });
});

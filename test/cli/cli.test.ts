// The command line as users see it: exit codes, standard output and error, formats, --out, check and diff.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { StateMap } from '../../src/core/model/types';
import { copyFixture, fixture, runCli, tempDir, type CliResult } from './run-cli';

const VERSION = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version as string;

/** A usage error: exit 2, nothing on stdout, one line on stderr, no stack trace. */
function assertUsageError(r: CliResult, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^state-map: [^\n]+\n$/, 'one line on stderr');
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:|\.js:\d+/, 'no stack trace');
}

describe('help and version', () => {
  for (const flag of ['--help', '-h']) {
    test(`${flag} prints the usage and exits 0`, () => {
      const r = runCli([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^state-map — where is the state\?\n/);
      for (const word of ['analyze', 'check', 'diff', '--format', '--out', 'Exit codes']) assert.ok(r.stdout.includes(word), word);
    });
  }

  test('no arguments prints the usage too', () => {
    const r = runCli([]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Usage:/);
  });

  for (const flag of ['--version', '-v']) {
    test(`${flag} prints the package version and exits 0`, () => {
      const r = runCli([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${VERSION}\n`);
      assert.equal(r.stderr, '');
    });
  }
});

describe('usage errors: exit 2 with one clear line', () => {
  test('an unknown flag', () => {
    assertUsageError(runCli(['analyze', fixture('stateless-health'), '--frobnicate']), /unknown option '--frobnicate'/);
  });

  test('a missing folder', () => {
    const missing = path.join(fixture('stateless-health'), 'no-such-folder');
    assertUsageError(runCli(['analyze', missing]), /no such folder: .*no-such-folder/);
  });

  test('a file instead of a folder', () => {
    assertUsageError(runCli(['analyze', path.join(fixture('stateless-health'), 'package.json')]), /not a folder/);
  });

  test('an unknown format', () => {
    assertUsageError(runCli(['analyze', fixture('stateless-health'), '--format', 'xml']), /unknown format "xml"/);
  });

  test('an unknown command', () => {
    assertUsageError(runCli(['analyse', fixture('stateless-health')]), /unknown command "analyse"/);
  });

  test('an unknown --fail-on gate', () => {
    assertUsageError(runCli(['check', fixture('stateless-health'), '--fail-on', 'vibes']), /unknown --fail-on "vibes"/);
  });
});

describe('analyze --format', () => {
  const cart = fixture('cart-three-places');

  test('markdown (the default): title, Mermaid block, service table', () => {
    const r = runCli(['analyze', cart]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^# State map of cart-three-places\n\n2 services, 3 stores, 1 hazard, \*\*1 broken claim\*\* \(@acme\/cart-api\)\.\n/);
    assert.match(r.stdout, /\n```mermaid\nflowchart LR\n[\s\S]*?\n```\n/);
    assert.match(r.stdout, /\n\| @acme\/cart-api \| http-server \| ✗ claims stateless, but keeps state in process \| in-process-state \| Process memory rw, Redis rw \|\n/);
    assert.equal(runCli(['analyze', cart, '--format', 'markdown']).stdout, r.stdout);
  });

  test('json: the StateMap, schemaVersion 1, with the absolute root', () => {
    const r = runCli(['analyze', cart, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const map = JSON.parse(r.stdout) as StateMap;
    assert.equal(map.schemaVersion, 1);
    assert.equal(map.root, cart);
    assert.deepEqual(Object.keys(map), ['schemaVersion', 'root', 'services', 'stores', 'edges', 'hazards', 'problems', 'notShown']);
    assert.deepEqual(map.services.map((s) => s.id), ['apps/storefront', 'services/cart-api']);
    assert.ok(r.stdout.endsWith('}\n'));
  });

  test('mermaid: the flowchart alone', () => {
    const r = runCli(['analyze', cart, '--format', 'mermaid']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^flowchart LR\n/);
    assert.doesNotMatch(r.stdout, /```|^#/m);
    assert.match(r.stdout, /\n {2}class svc1 broken\n/);
  });

  test('-f mermaid --show-env adds the environment store', () => {
    const plain = runCli(['analyze', cart, '-f', 'mermaid']).stdout;
    const withEnv = runCli(['analyze', cart, '-f', 'mermaid', '--show-env']).stdout;
    assert.doesNotMatch(plain, /Environment/);
    assert.match(withEnv, /"Environment"/);
  });

  test('sarif: SARIF 2.1.0 with the broken claim and the hazard, at their file and line (relative to the repository)', () => {
    const r = runCli(['analyze', cart, '--format', 'sarif']);
    assert.equal(r.code, 0, r.stderr);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    assert.equal(sarif.runs[0].tool.driver.name, 'state-map');
    assert.equal(sarif.runs[0].tool.driver.version, VERSION);
    const results = sarif.runs[0].results.map((x: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) =>
      `${x.ruleId} ${x.level} ${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}`);
    assert.deepEqual(results.sort(), ['broken-claim error test/fixtures/cart-three-places/services/cart-api/src/carts.ts:19', 'module-mutable-state warning test/fixtures/cart-three-places/services/cart-api/src/carts.ts:19']);
    const ruleIds = new Set(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id));
    for (const x of sarif.runs[0].results) assert.ok(ruleIds.has(x.ruleId), `rule ${x.ruleId} is declared`);
  });
});

describe('--out', () => {
  test('writes the output to a file (creating its folder) and nothing to stdout', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    const out = path.join(tmp.dir, 'reports', 'nested', 'state.json');
    const r = runCli(['analyze', fixture('orders-idempotency-kafka'), '--format', 'json', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(fs.readFileSync(out, 'utf8'), runCli(['analyze', fixture('orders-idempotency-kafka'), '--format', 'json']).stdout);
  });

  test('-o with mermaid', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    const out = path.join(tmp.dir, 'state.mmd');
    const r = runCli(['analyze', fixture('spa-browser-storage'), '-f', 'mermaid', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(fs.readFileSync(out, 'utf8'), /^flowchart LR\n/);
  });
});

describe('check', () => {
  test('exits 1 on a broken claim and names the service and the claim', () => {
    const r = runCli(['check', fixture('cart-three-places')]);
    assert.equal(r.code, 1, r.stderr);
    // named where the claim is made and where the code breaks it
    assert.match(r.stdout, /✗ @acme\/cart-api claims to be stateless \(k8s\/cart-api\.yaml:8\) but in-process-state \(module-mutable-state at services\/cart-api\/src\/carts\.ts:19\)\n/);
    assert.match(r.stdout, /state-map check: 1 problem \(--fail-on broken-claim\)\n$/);
  });

  test('exits 1 on the broken implicit claim of a lambda', () => {
    assert.equal(runCli(['check', fixture('lambda-warm-state')]).code, 1);
  });

  for (const name of ['stateless-health', 'jwt-auth-revocation', 'orders-idempotency-kafka', 'monorepo-shared-db', 'spa-browser-storage']) {
    test(`exits 0 when no claim is broken: ${name}`, () => {
      const r = runCli(['check', fixture(name)]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /^state-map check: ok — \d+ services?, no broken-claim found\n$/);
    });
  }

  test('--fail-on hazard fails on a hazard that breaks no claim', () => {
    const r = runCli(['check', fixture('orders-idempotency-kafka'), '--fail-on', 'hazard']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /✗ check-then-act src\/routes\/orders\.ts:19: /);
  });

  test('--fail-on a hazard kind fails only on that kind', () => {
    assert.equal(runCli(['check', fixture('flight-seat-prisma'), '--fail-on', 'check-then-act']).code, 1);
    assert.equal(runCli(['check', fixture('flight-seat-prisma'), '--fail-on', 'module-mutable-state']).code, 0);
  });

  test('--out writes the report while the summary goes to stdout', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    const out = path.join(tmp.dir, 'state.sarif');
    const r = runCli(['check', fixture('cart-three-places'), '--format', 'sarif', '--out', out]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /state-map check: 1 problem/);
    assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).version, '2.1.0');
  });
});

describe('diff on a temporary git repository', () => {
  let repo: ReturnType<typeof copyFixture>;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=State Map Tests', '-c', 'user.email=tests@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: repo.dir, stdio: 'pipe' });
  const health = () => path.join(repo.dir, 'src', 'health.ts');

  before(() => {
    repo = copyFixture('stateless-health');
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    // the change under review: the health check now records each probe in Redis
    const text = fs.readFileSync(health(), 'utf8')
      .replace("import { Router, type Request, type Response } from 'express';", "import { Router, type Request, type Response } from 'express';\nimport Redis from 'ioredis';")
      .replace("const version = process.env.APP_VERSION ?? 'dev';", "const version = process.env.APP_VERSION ?? 'dev';\nconst redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');")
      .replace('function health(_req: Request, res: Response): void {', "async function health(_req: Request, res: Response): Promise<void> {\n  await redis.set('health:last-probe', new Date().toISOString());");
    assert.match(text, /await redis\.set\('health:last-probe'/, 'the fixture changed: update this edit');
    fs.writeFileSync(health(), text);
  });
  after(() => repo?.cleanup());

  test('the Markdown report names the new edge, with its evidence', () => {
    const r = runCli(['diff', 'HEAD', repo.dir]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<!-- state-map -->\n# State map: working tree vs HEAD\n/);
    assert.match(r.stdout, /\| ➕ new store \| status-api \| Redis \| write \| set \| health:last-probe \| `src\/health\.ts:11` \|/);
    assert.match(r.stdout, /\| status-api \| stateless \(`README\.md:3`\) \| stateless \| state-elsewhere \| holds \|/);
  });

  test('the JSON diff lists exactly the new edge', () => {
    const r = runCli(['diff', 'HEAD', repo.dir, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const diff = JSON.parse(r.stdout);
    assert.deepEqual(diff.edges.added.map((e: { service: string; store: string; access: string }) => `${e.service} -> ${e.store} ${e.access}`), ['. -> redis write']);
    assert.deepEqual(diff.edges.removed, []);
    assert.deepEqual(diff.findings.added.map((f: { rule: string; operation: string; file: string; line: number }) => `${f.rule} ${f.operation} ${f.file}:${f.line}`), ['store-access REDIS_URL src/health.ts:6', 'store-access set src/health.ts:11']);
    assert.deepEqual(diff.findings.removed, []);
  });

  test('run from inside the repository with the default folder', () => {
    const r = runCli(['diff', 'HEAD', '--format', 'json'], { cwd: repo.dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).edges.added.length, 1);
  });

  test('--fail-on new-store exits 1 and says which store', () => {
    const r = runCli(['diff', 'HEAD', repo.dir, '--fail-on', 'new-store']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /✗ \. now touches redis \(src\/health\.ts:11\)\n/);
  });

  test('--head HEAD against HEAD: no change', () => {
    const r = runCli(['diff', 'HEAD', repo.dir, '--head', 'HEAD']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /No change to where state lives\./);
  });

  test('an unknown ref is a usage error (exit 2, one line)', () => {
    assertUsageError(runCli(['diff', 'no-such-ref', repo.dir]), /unknown git ref "no-such-ref"/);
  });

  test('a folder outside any git repository is a usage error', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    assertUsageError(runCli(['diff', 'HEAD', tmp.dir]), /not inside a git repository/);
  });
});

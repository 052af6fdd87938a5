// The command line under hostile use: bad options, empty or unreadable workspaces, readers that go
// away, signals during `diff`. Each mistake is one line on stderr with the documented exit code.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, fixture, tempDir, type CliResult } from './run-cli';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** Like runCli, with a time limit (a hang fails instead of blocking the suite) and extra spawn options. */
function cli(args: string[], opts: SpawnSyncOptions = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: path.join(__dirname, '..', '..'),
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    ...opts,
    env: { ...process.env, STATE_MAP_DEBUG: '', NO_COLOR: '1', ...opts.env },
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Runs as an unprivileged user when the tests run as root, who reads every folder whatever its mode. */
const asUnprivileged = (): SpawnSyncOptions => (isRoot ? { uid: NOBODY, gid: NOBODY } : {});

/** Exit `code`, nothing on stdout, exactly one line on stderr matching `pattern`, no stack trace. */
function assertOneLine(r: CliResult, code: number, pattern: RegExp): void {
  assert.equal(r.code, code, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.split('\n').length, 2, `one line on stderr: ${JSON.stringify(r.stderr)}`);
  assert.match(r.stderr, /^state-map: [^\n]+\n$/);
  assert.doesNotMatch(r.stderr, /\n {4}at /, 'no stack trace');
  assert.match(r.stderr, pattern);
}

const cart = fixture('cart-three-places');

describe('--fail-on is checked before any analysis', () => {
  for (const value of [',', '', 'broken-claim,', ' , hazard']) {
    test(`check --fail-on "${value}" (an empty item) is a usage error, not "no  found"`, () => {
      assertOneLine(cli(['check', cart, '--fail-on', value]), 2, /--fail-on .*empty item/);
    });
  }

  test('diff checks --fail-on before it looks for git: an unknown gate outside a repository', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    fs.writeFileSync(path.join(tmp.dir, 'a.ts'), 'export const a = 1;\n');
    assertOneLine(cli(['diff', 'HEAD', tmp.dir, '--fail-on', 'bogus']), 2, /unknown --fail-on "bogus"/);
  });
});

describe('numeric options and globs are checked before any analysis', () => {
  for (const value of ['-5', '0', 'NaN', '1.5', '0x10', '1e3', ' 12 ', '99999999999999999999', '']) {
    test(`--max-file-size "${value}"`, () => {
      assertOneLine(cli(['analyze', cart, '--max-file-size', value]), 2, /--max-file-size takes a positive whole number of bytes/);
    });
  }

  test('--max-file-size=-5 says the same', () => {
    assertOneLine(cli(['check', cart, '--max-file-size=-5']), 2, /--max-file-size takes a positive whole number of bytes, not "-5"/);
  });

  test('a valid size still applies', () => {
    const r = cli(['analyze', cart, '--format', 'json', '--max-file-size', '600']);
    assert.equal(r.code, 0, r.stderr);
    const problems = (JSON.parse(r.stdout) as { problems: Array<{ file: string; message: string }> }).problems;
    assert.ok(problems.some((p) => p.file === 'services/cart-api/src/carts.ts' && /over maxFileSize/.test(p.message)));
  });
});

describe('--out onto a file that is already there', () => {
  test('overwrites it, as the last run left it (analyze and check)', () => {
    const t = tempDir();
    try {
      const out = path.join(t.dir, 'map.json');
      fs.writeFileSync(out, 'an earlier run');
      for (const args of [['analyze', cart, '--format', 'json', '--out', out], ['check', cart, '--format', 'json', '--out', out]]) {
        const r = cli(args);
        assert.equal(r.stderr, '', `${args[0]}: nothing on stderr`);
        assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).schemaVersion, 1, `${args[0]} wrote the map over the old file`);
        fs.writeFileSync(out, 'an earlier run');
      }
    } finally {
      t.cleanup();
    }
  });
});

describe('unknown options and missing values: one line, exit 2', () => {
  const cases: Array<[string[], RegExp]> = [
    [['-z'], /unknown option '-z'/],
    [['--format'], /option '-f, --format <value>' argument missing/],
    [['--out'], /option '-o, --out <value>' argument missing/],
    [['--head'], /option '--head <value>' argument missing/],
    [['--show-env=yes'], /option '--show-env' does not take an argument/],
    [['-f', '-q'], /option '-f' is missing its value \(a value that starts with a dash is written --format=VALUE\)/],
    [['--out', '-q'], /option '--out' is missing its value/],
  ];
  for (const [extra, pattern] of cases) {
    test(extra.join(' '), () => {
      assertOneLine(cli(['analyze', cart, ...extra]), 2, pattern);
    });
  }
});

describe('--out', () => {
  test('a directory is a usage error', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    assertOneLine(cli(['analyze', cart, '--out', tmp.dir]), 2, new RegExp(`--out: ${tmp.dir} is a directory`));
  });

  test('a path through a file is a usage error, for check too', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    const file = path.join(tmp.dir, 'report.md');
    fs.writeFileSync(file, 'keep me\n');
    assertOneLine(cli(['check', cart, '--out', path.join(file, 'state.sarif'), '--format', 'sarif']), 2, /--out: cannot write .*state\.sarif: .*report\.md is not a folder/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'keep me\n');
  });

  test('a folder the user cannot write to is a usage error', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    const locked = path.join(tmp.dir, 'locked');
    fs.mkdirSync(locked, { mode: 0o555 });
    fs.chmodSync(tmp.dir, 0o755);
    assertOneLine(cli(['analyze', cart, '--out', path.join(locked, 'state.md')], asUnprivileged()), 2, /--out: cannot write .*state\.md: .*locked is not writable/);
  });

  test('a folder the system refuses to create: one line, exit 3, no hang', { skip: !isRoot || !fs.existsSync('/proc/self') ? 'needs root and /proc' : false }, () => {
    assertOneLine(cli(['analyze', cart, '--out', '/proc/state-map-test/state.md']), 3, /cannot write \/proc\/state-map-test\/state\.md: ENOENT/);
  });
});

describe('empty and unreadable workspaces are errors, not "ok — 1 service"', () => {
  let tmp: ReturnType<typeof tempDir>;
  before(() => {
    tmp = tempDir();
    fs.chmodSync(tmp.dir, 0o755);
  });
  after(() => tmp.cleanup());
  const folder = (name: string) => {
    const dir = path.join(tmp.dir, name);
    fs.mkdirSync(dir);
    return dir;
  };

  for (const cmd of ['check', 'analyze']) {
    test(`${cmd} on an empty folder: exit 2`, () => {
      const dir = folder(`empty-${cmd}`);
      assertOneLine(cli([cmd, dir]), 2, /no JavaScript or TypeScript files in .*empty-\w+: nothing to analyze/);
    });
  }

  test('check on a folder with a README and package.json but no code: exit 2', () => {
    const dir = folder('docs-only');
    fs.writeFileSync(path.join(dir, 'README.md'), 'Our service is stateless.\n');
    fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"docs-only"}\n');
    assertOneLine(cli(['check', dir]), 2, /no JavaScript or TypeScript files/);
  });

  test('check on a folder whose every entry fails (broken links): exit 3 with the first problem', () => {
    const dir = folder('broken-links');
    fs.symlinkSync(path.join(tmp.dir, 'missing.ts'), path.join(dir, 'server.ts'));
    fs.symlinkSync(path.join(tmp.dir, 'missing'), path.join(dir, 'src'));
    assertOneLine(cli(['check', dir]), 3, /nothing in .*broken-links could be analyzed: 2 problems, the first: server\.ts: skipped: broken symlink/);
  });

  test('check when no source file can be read: exit 3', () => {
    const dir = folder('too-large');
    fs.writeFileSync(path.join(dir, 'server.ts'), 'export const sessions = new Map();\n');
    assertOneLine(cli(['check', dir, '--max-file-size', '8']), 3, /nothing in .*too-large could be analyzed: 1 problem, the first: server\.ts: skipped: .* is over maxFileSize/);
  });

  for (const cmd of ['check', 'analyze']) {
    test(`${cmd} on a folder it may not read (mode 000): exit 3`, () => {
      const dir = folder(`locked-${cmd}`);
      fs.writeFileSync(path.join(dir, 'server.ts'), 'export const sessions = new Map();\n');
      fs.chmodSync(dir, 0o000);
      assertOneLine(cli([cmd, dir], asUnprivileged()), 3, /cannot read .*locked-\w+: EACCES/);
    });
  }
});

describe('a reader that goes away (`state-map analyze | head -1`)', () => {
  test('exits quietly with the command’s exit code', async () => {
    const child = spawn(process.execPath, [CLI, 'analyze', cart], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, STATE_MAP_DEBUG: '' } });
    // closed before the analysis ends: its first write finds no reader
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    assert.equal(stderr, '');
    assert.deepEqual([code, signal], [0, null]);
  });
});

describe('diff leaves no temporary folder behind', () => {
  let repo: ReturnType<typeof tempDir>;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=State Map Tests', '-c', 'user.email=tests@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: repo.dir, stdio: 'pipe' });

  before(() => {
    repo = tempDir();
    fs.writeFileSync(path.join(repo.dir, 'package.json'), JSON.stringify({ name: 'many-files', dependencies: { ioredis: '5' } }));
    // enough files that the analyses of both sides take a while: the signal lands while diff runs
    for (let i = 0; i < 1200; i++) {
      fs.writeFileSync(path.join(repo.dir, `f${i}.ts`), `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const get${i} = (k: string) => redis.get('k${i}:' + k);\n`);
    }
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    fs.appendFileSync(path.join(repo.dir, 'f0.ts'), 'export const seen = new Map<string, number>();\nexport function remember(k: string) {\n  seen.set(k, 1);\n}\nprocess.on(\'message\', (k: string) => remember(k));\n');
  });
  after(() => repo?.cleanup());

  /** An isolated temporary folder for one run, so the test sees only what this diff creates there. */
  function isolatedTmp(t: { after(fn: () => void): void }): string {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    return tmp.dir;
  }

  for (const [signal, exitCode] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    test(`${signal} while it runs: the checked-out base is removed, exit ${exitCode}`, async (t) => {
      const tmp = isolatedTmp(t);
      // STATE_MAP_DIFF=full: the base is checked out (a one-file change to the working tree needs no checkout)
      const child = spawn(process.execPath, [CLI, 'diff', 'HEAD', repo.dir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp, STATE_MAP_DEBUG: '', STATE_MAP_DIFF: 'full' } });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
      let exited = false;
      void closed.then(() => (exited = true));
      // diff checks the base ref out into TMPDIR/state-map-XXXXXX: signal once it is there
      while (!exited && fs.readdirSync(tmp).length === 0) await new Promise((r) => setTimeout(r, 10));
      assert.ok(!exited, `diff ended before the signal: ${stderr}`);
      assert.match(fs.readdirSync(tmp).join(), /^state-map-/);
      child.kill(signal);
      const [code, sig] = await closed;
      assert.deepEqual([code, sig], [exitCode, null]);
      assert.deepEqual(fs.readdirSync(tmp), [], 'the temporary folder is gone');
      assert.equal(stdout, '');
      assert.doesNotMatch(stderr, /\n {4}at /, 'no stack trace');
    });
  }

  test('SIGINT while the working tree is analysed (no checkout): it stops at once, leaving nothing behind', async (t) => {
    const tmp = isolatedTmp(t);
    const child = spawn(process.execPath, [CLI, 'diff', 'HEAD', repo.dir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp, STATE_MAP_DEBUG: '' } });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    let exited = false;
    void closed.then(() => (exited = true));
    // past start-up (the CLI loaded, its handlers set), into the analysis: where a caught signal waited for it to end
    await new Promise((r) => setTimeout(r, 700));
    assert.ok(!exited, 'diff ended before the signal');
    child.kill('SIGINT');
    const [code, sig] = await closed;
    // no handler runs on this path: the shell sees 130 either way
    assert.ok(sig === 'SIGINT' || code === 130, `ended by ${sig ?? code}`);
    assert.deepEqual(fs.readdirSync(tmp), []);
    assert.equal(stdout, '');
  });

  test('an error after the base is checked out (an unknown --head) removes it too', (t) => {
    const tmp = isolatedTmp(t);
    assertOneLine(cli(['diff', 'HEAD', repo.dir, '--head', 'no-such-ref'], { env: { TMPDIR: tmp } }), 2, /unknown git ref "no-such-ref"/);
    assert.deepEqual(fs.readdirSync(tmp), []);
  });

  test('an empty --fail-on is refused before anything is checked out', (t) => {
    const tmp = isolatedTmp(t);
    assertOneLine(cli(['diff', 'HEAD', repo.dir, '--fail-on', ','], { env: { TMPDIR: tmp } }), 2, /--fail-on .*empty item/);
    assert.deepEqual(fs.readdirSync(tmp), []);
  });

  test('a normal run still reports the change and removes its checkout', (t) => {
    const tmp = isolatedTmp(t);
    const r = cli(['diff', 'HEAD', repo.dir, '--format', 'json', '--fail-on', 'new-hazard'], { env: { TMPDIR: tmp } });
    assert.equal(r.code, 1, r.stderr);
    const diff = JSON.parse(r.stdout) as { findings: { added: Array<{ rule: string; file: string }> } };
    assert.deepEqual(diff.findings.added.filter((f) => f.rule !== 'store-access').map((f) => `${f.rule} ${f.file}`), ['module-mutable-state f0.ts']);
    assert.match(r.stderr, /^✗ new module-mutable-state f0\.ts:\d+: [^\n]+\n$/);
    assert.deepEqual(fs.readdirSync(tmp), []);
  });
});

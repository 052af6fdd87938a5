// The fact cache as users meet it: a second run reads facts instead of parsing, an edit parses one
// file, and none of it changes a byte of the output; a damaged or foreign cache is ignored.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { after, before, describe, test } from 'node:test';
import { CLI, copyFixture } from './run-cli';

interface Run {
  stdout: string;
  stats: { extracted: number; fromCache: number };
}

describe('the fact cache (--cache-dir, --no-cache)', () => {
  let repo: ReturnType<typeof copyFixture>;
  let cacheDir: string;
  const statsFile = () => path.join(path.dirname(repo.dir), 'stats.json');
  const cli = (...args: string[]): Run => {
    fs.rmSync(statsFile(), { force: true });
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, STATE_MAP_STATS: statsFile() }, maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr);
    const stats = fs.existsSync(statsFile()) ? JSON.parse(fs.readFileSync(statsFile(), 'utf8')) : { extracted: -1, fromCache: -1 };
    return { stdout: r.stdout, stats };
  };
  const analyze = (...extra: string[]) => cli('analyze', repo.dir, '--format', 'json', '-q', ...extra);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=State Map Tests', '-c', 'user.email=tests@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: repo.dir, stdio: 'pipe' });
  const cartFile = () => path.join(repo.dir, 'services', 'cart-api', 'src', 'carts.ts');

  before(() => {
    repo = copyFixture('cart-three-places');
    cacheDir = path.join(path.dirname(repo.dir), 'cache');
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
  });
  after(() => repo?.cleanup());

  test('cold, warm and incremental runs print byte-identical JSON to a run without the cache', () => {
    const none = analyze('--no-cache');
    assert.ok(none.stats.extracted > 3, 'the fixture has files to parse');
    assert.equal(none.stats.fromCache, 0);
    const cold = analyze('--cache-dir', cacheDir);
    assert.equal(cold.stdout, none.stdout);
    assert.equal(cold.stats.fromCache, 0);
    assert.ok(fs.readdirSync(path.join(cacheDir, 'facts-v1')).length > 0, 'the cold run wrote the cache');
    const warm = analyze('--cache-dir', cacheDir);
    assert.equal(warm.stdout, none.stdout);
    assert.deepEqual([warm.stats.extracted, warm.stats.fromCache], [0, none.stats.extracted], 'every file came from the cache');

    assert.ok(fs.existsSync(cartFile()), 'the fixture changed: update this test');
    fs.appendFileSync(cartFile(), `\nexport const sessions = new Map<string, number>();\nexport function touch(id: string): void {\n  sessions.set(id, (sessions.get(id) ?? 0) + 1);\n}\nprocess.on('message', (id: string) => touch(id));\n`);
    const edited = analyze('--cache-dir', cacheDir);
    const editedNone = analyze('--no-cache');
    assert.equal(edited.stdout, editedNone.stdout);
    assert.notEqual(edited.stdout, none.stdout, 'the edit shows in the map');
    assert.deepEqual([edited.stats.extracted, edited.stats.fromCache], [1, none.stats.extracted - 1], 'only the edited file was parsed');
  });

  test('diff against HEAD with the cache prints the same JSON as without it', () => {
    const cached = cli('diff', 'HEAD', repo.dir, '--format', 'json', '-q', '--cache-dir', cacheDir);
    const fresh = cli('diff', 'HEAD', repo.dir, '--format', 'json', '-q', '--no-cache');
    assert.equal(cached.stdout, fresh.stdout);
    // the findings' symbols were kept too: a second diff reads them instead of parsing, and prints the same
    assert.ok(fs.existsSync(path.join(cacheDir, 'symbols-v1.bin')), 'the diff kept the symbols of its findings');
    assert.equal(cli('diff', 'HEAD', repo.dir, '--format', 'json', '-q', '--cache-dir', cacheDir).stdout, fresh.stdout);
    // a damaged symbol cache is no cache
    fs.writeFileSync(path.join(cacheDir, 'symbols-v1.bin'), 'not a cache');
    assert.equal(cli('diff', 'HEAD', repo.dir, '--format', 'json', '-q', '--cache-dir', cacheDir).stdout, fresh.stdout);
    assert.ok(JSON.parse(cached.stdout).findings.added.some((f: { rule: string }) => f.rule !== 'store-access'), 'the diff shows the edit');
  });

  test('a corrupt or foreign cache is ignored and rewritten, never trusted', () => {
    const expected = analyze('--no-cache').stdout;
    const shards = path.join(cacheDir, 'facts-v1');
    const files = fs.readdirSync(shards);
    assert.ok(files.length > 0);
    // truncated, garbage, and a well-formed file of another program
    fs.writeFileSync(path.join(shards, files[0]), fs.readFileSync(path.join(shards, files[0])).subarray(0, 10));
    fs.writeFileSync(path.join(shards, files[1] ?? 'f.bin'), v8.serialize({ magic: 'state-map-facts', format: 1, identity: 'another analyzer', entries: new Map() }));
    for (const f of files.slice(2)) fs.writeFileSync(path.join(shards, f), 'not a cache');
    // and the kept maps (see the result cache's own test), so that the facts are what this run reads
    const results = path.join(cacheDir, 'results-v1');
    for (const f of fs.readdirSync(results)) fs.writeFileSync(path.join(results, f), 'not a cache');
    const damaged = analyze('--cache-dir', cacheDir);
    assert.equal(damaged.stdout, expected);
    assert.equal(damaged.stats.fromCache, 0, 'nothing was read from damaged shards');
    const again = analyze('--cache-dir', cacheDir);
    assert.equal(again.stdout, expected);
    assert.equal(again.stats.extracted, 0, 'the damaged shards were rewritten');
  });

  test('an unchanged workspace is answered with the map kept whole: nothing is extracted or linked', () => {
    const dir = path.join(path.dirname(repo.dir), 'cache-whole');
    const expected = analyze('--no-cache').stdout;
    assert.equal(analyze('--cache-dir', dir).stdout, expected);
    // without its facts, only the kept map can answer without parsing
    fs.rmSync(path.join(dir, 'facts-v1'), { recursive: true });
    const warm = analyze('--cache-dir', dir);
    assert.equal(warm.stdout, expected);
    assert.equal(warm.stats.extracted, 0, 'the kept map answered');
    // a damaged or foreign kept map is not trusted: the run parses again and prints the same
    const results = path.join(dir, 'results-v1');
    const [kept] = fs.readdirSync(results);
    fs.writeFileSync(path.join(results, kept), v8.serialize({ magic: 'state-map-result', format: 1, identity: 'another analyzer', key: kept.replace(/\.bin$/, ''), reads: [], files: [], map: {} }));
    const foreign = analyze('--cache-dir', dir);
    assert.equal(foreign.stdout, expected);
    assert.ok(foreign.stats.extracted > 0, 'the foreign map was not used');
    // and `check` reads the same kept maps
    const check = spawnSync(process.execPath, [CLI, 'check', repo.dir, '-q', '--cache-dir', dir], { encoding: 'utf8' });
    const checkNone = spawnSync(process.execPath, [CLI, 'check', repo.dir, '-q', '--no-cache'], { encoding: 'utf8' });
    assert.deepEqual([check.status, check.stdout], [checkNone.status, checkNone.stdout]);
  });

  test('a kept map is not used once an installed package it looked at changes', () => {
    const ws = copyFixture('unmodelled-installed-client');
    try {
      const dir = path.join(path.dirname(ws.dir), 'cache');
      const run = (...extra: string[]) => JSON.parse(cli('analyze', ws.dir, '--format', 'json', '-q', ...extra).stdout) as { problems: { message: string }[] };
      const says = (m: { problems: { message: string }[] }) => m.problems.some((p) => /uses tallybook .*not modelled/.test(p.message));
      assert.equal(says(run('--cache-dir', dir)), false, 'not installed: nothing says it is a store');
      // installing it (its package.json says it is a database client) changes no source file
      const pkg = path.join(ws.dir, 'node_modules', 'tallybook', 'package.json');
      fs.mkdirSync(path.dirname(pkg), { recursive: true });
      fs.writeFileSync(pkg, JSON.stringify({ name: 'tallybook', version: '2.1.0', keywords: ['ledger', 'database'] }));
      assert.equal(says(run('--no-cache')), true, 'installed: it is an unmodelled store client');
      assert.equal(says(run('--cache-dir', dir)), true, 'the kept map saw the install');
    } finally {
      ws.cleanup();
    }
  });

  test('a cache folder that cannot be written is no cache, not an error', () => {
    const blocked = path.join(path.dirname(repo.dir), 'a-file');
    fs.writeFileSync(blocked, 'x');
    const r = analyze('--cache-dir', blocked);
    assert.equal(r.stdout, analyze('--no-cache').stdout);
  });

  test('--cache-dir and --no-cache together are a usage error', () => {
    const r = spawnSync(process.execPath, [CLI, 'analyze', repo.dir, '--no-cache', '--cache-dir', cacheDir], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--cache-dir and --no-cache/);
  });
});

// dist/cli.js and dist/server.js load their bundle with V8's code cache: the second run uses what the
// first wrote, a damaged cache is rejected and rewritten, and nothing a user sees changes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI, fixture, tempDir } from './run-cli';

const SERVER = path.join(path.dirname(CLI), 'server.js');

describe('the launchers keep compiled code between runs', () => {
  const { dir, cleanup } = tempDir();
  after(cleanup);
  const run = (script: string, args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [script, ...args], {
      encoding: 'utf8',
      env: { ...process.env, STATE_MAP_DEBUG: '', NO_COLOR: '1', STATE_MAP_CODE_CACHE_DIR: dir, STATE_MAP_CODE_CACHE_DEBUG: '1', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(r.status, 0, r.stderr);
    return { stdout: r.stdout, cache: /code cache (used|not used|off)/.exec(r.stderr)?.[1] };
  };
  const files = (prefix: string) => fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.v8cache'));
  const args = ['analyze', fixture('cart-three-places'), '--format', 'json', '--no-cache'];

  test('the first run writes the cache, the second uses it, the output is the same', () => {
    const off = run(CLI, args, { STATE_MAP_CODE_CACHE: '0' });
    assert.equal(off.cache, 'off', 'STATE_MAP_CODE_CACHE=0 reads no cache');
    assert.deepEqual(files('cli-bundle@'), [], 'and writes none');
    const first = run(CLI, args);
    assert.equal(first.cache, 'not used');
    assert.equal(files('cli-bundle@').length, 1);
    const second = run(CLI, args);
    assert.equal(second.cache, 'used');
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stdout, off.stdout);
  });

  test('a damaged cache is not used, the run succeeds, and the cache is written again', () => {
    const [name] = files('cli-bundle@');
    assert.ok(name, 'the previous test wrote a cache');
    fs.writeFileSync(path.join(dir, name), Buffer.from('not a code cache'));
    const damaged = run(CLI, args);
    assert.equal(damaged.cache, 'not used');
    assert.ok(fs.statSync(path.join(dir, name)).size > 1000, 'rewritten');
    assert.equal(run(CLI, args).cache, 'used');
  });

  test('the language server keeps its own cache', () => {
    assert.match(run(SERVER, ['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
    assert.equal(files('server-bundle@').length, 1);
    assert.equal(run(SERVER, ['--version']).cache, 'used');
  });
});

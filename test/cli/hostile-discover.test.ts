// Hostile workspaces (the extension claims to support untrusted ones): links out of the workspace,
// special files, globs and configs that used to stop the whole analysis, and encodings. Each is built
// at test time; each must end in exit 0, a problem naming the file, and the rest of the map intact.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { StateMap } from '../../src/core/model/types';
import { CLI, tempDir } from './run-cli';

const REDIS_FILE = `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const get = (k: string) => redis.get(k);\n`;

/** A workspace with one service whose src/good.ts reads Redis, plus `files`. */
function workspace(files: Record<string, string | Buffer> = {}): { dir: string; cleanup(): void } {
  const t = tempDir();
  const dir = path.join(t.dir, 'ws');
  const all: Record<string, string | Buffer> = {
    'package.json': JSON.stringify({ name: 'app', dependencies: { ioredis: '5' } }),
    'src/good.ts': REDIS_FILE,
    ...files,
  };
  for (const [rel, text] of Object.entries(all)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return { dir, cleanup: t.cleanup };
}

/** `analyze --format json`, with a time limit so that a hang fails the test instead of stalling the run. */
function analyzeJson(dir: string, extra: string[] = []): { code: number | null; stderr: string; stdout: string; map?: StateMap } {
  const r = spawnSync(process.execPath, [CLI, 'analyze', dir, '--format', 'json', '-q', ...extra], {
    encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, STATE_MAP_DEBUG: '', NO_COLOR: '1' },
  });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout, map: r.status === 0 ? (JSON.parse(r.stdout) as StateMap) : undefined };
}

const problemsOf = (map: StateMap | undefined) => new Map((map?.problems ?? []).map((p) => [p.file, p.message]));
const files = (map: StateMap | undefined) => (map?.edges ?? []).flatMap((e) => e.locations.map((l) => l.file)).sort();

/** The map is complete: exit 0, nothing on stderr, and good.ts's Redis read is there. */
function assertComplete(r: ReturnType<typeof analyzeJson>): StateMap {
  assert.equal(r.code, 0, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stderr, '');
  assert.ok(r.map);
  assert.ok(files(r.map).includes('src/good.ts'), `src/good.ts's Redis call is in the map: ${files(r.map).join(', ')}`);
  return r.map;
}

const hasMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--help'], { stdio: 'ignore' }).error === undefined;

describe('symlinks out of the workspace are reported, never read', () => {
  let ws: ReturnType<typeof workspace>;
  let r: ReturnType<typeof analyzeJson>;
  const pagemap = fs.existsSync('/proc/self/pagemap');
  before(() => {
    ws = workspace({ 'src/inner/keep.ts': '' });
    const outside = path.join(path.dirname(ws.dir), 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'svc.ts'), REDIS_FILE.replace('redis.get', 'redis.set'));
    fs.writeFileSync(path.join(outside, 'secret.json'), 'TOP-SECRET-CONTENT not json');
    fs.symlinkSync(outside, path.join(ws.dir, 'src/root'), 'dir');
    fs.mkdirSync(path.join(ws.dir, 'pkg'));
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(ws.dir, 'pkg/package.json'));
    fs.symlinkSync(path.join(outside, 'secret.json'), path.join(ws.dir, 'statemap.config.json'));
    fs.symlinkSync('../good.ts', path.join(ws.dir, 'src/inner/link.ts'));
    fs.symlinkSync('..', path.join(ws.dir, 'src/inner/loop'), 'dir');
    if (pagemap) fs.symlinkSync('/proc/self/pagemap', path.join(ws.dir, 'src/pagemap.ts'));
    r = analyzeJson(ws.dir);
  });
  after(() => ws?.cleanup());

  test('each link out is one problem on the link, with no content of its target', () => {
    const map = assertComplete(r);
    const byFile = problemsOf(map);
    for (const f of ['src/root', 'pkg/package.json', 'statemap.config.json', ...(pagemap ? ['src/pagemap.ts'] : [])]) {
      assert.equal(byFile.get(f), 'skipped: symlink to a path outside the workspace', f);
    }
    assert.equal(r.stdout.includes('TOP-SECRET'), false, 'the target of a link out is never printed');
  });

  test('nothing behind a link out is analyzed; links inside still work and loops are still reported', () => {
    assert.equal(files(r.map).some((f) => f.startsWith('src/root/')), false, files(r.map).join(', '));
    assert.ok(files(r.map).includes('src/inner/link.ts'), 'a file linked from inside the workspace is analyzed');
    assert.match(problemsOf(r.map).get('src/inner/loop') ?? '', /symlink loop/);
  });
});

describe('special files are not read', { skip: !hasMkfifo && 'mkfifo is not available' }, () => {
  test('a FIFO as statemap.config.json does not hang the analysis: it is reported and the defaults apply', () => {
    const ws = workspace();
    try {
      spawnSync('mkfifo', [path.join(ws.dir, 'statemap.config.json')]);
      spawnSync('mkfifo', [path.join(ws.dir, 'src/pipe.ts')]);
      const map = assertComplete(analyzeJson(ws.dir));
      assert.equal(problemsOf(map).get('statemap.config.json'), 'skipped: not a regular file; defaults used');
    } finally {
      ws.cleanup();
    }
  });
});

describe('workspace globs that cannot name a package folder are reported, not fatal', () => {
  for (const glob of ['./', '.', '../x', '/']) {
    test(`"workspaces": ["${glob}", "services/*"]`, () => {
      const ws = workspace({
        'package.json': JSON.stringify({ name: 'root', private: true, workspaces: [glob, 'services/*'], dependencies: { ioredis: '5' } }),
        'services/api/package.json': JSON.stringify({ name: 'api', dependencies: { ioredis: '5' } }),
        'services/api/index.ts': REDIS_FILE,
      });
      try {
        const map = assertComplete(analyzeJson(ws.dir));
        const message = problemsOf(map).get('package.json') ?? '';
        assert.ok(message.startsWith(`"workspaces" entry ${JSON.stringify(glob)} `) && message.endsWith('; ignored'), message);
        assert.ok(files(map).includes('services/api/index.ts'));
        assert.ok(map.services.some((s) => s.id === 'services/api'), 'the other workspace glob still selects its package');
      } finally {
        ws.cleanup();
      }
    });
  }

  test('pnpm-workspace.yaml with "." among its packages', () => {
    const ws = workspace({ 'pnpm-workspace.yaml': 'packages:\n  - "."\n  - "services/*"\n', 'services/api/package.json': '{"name":"api"}', 'services/api/index.ts': REDIS_FILE });
    try {
      const map = assertComplete(analyzeJson(ws.dir));
      assert.equal(problemsOf(map).get('pnpm-workspace.yaml'), '"packages" entry "." names the workspace root itself; ignored');
      assert.ok(files(map).includes('services/api/index.ts'));
    } finally {
      ws.cleanup();
    }
  });
});

describe('ignore globs', () => {
  test('--ignore "" is reported and the analysis goes on', () => {
    const ws = workspace();
    try {
      const map = assertComplete(analyzeJson(ws.dir, ['--ignore', '']));
      assert.match(problemsOf(map).get('.') ?? '', /^the ignore option: an empty glob skipped\b/);
    } finally {
      ws.cleanup();
    }
  });

  test('"" in the config file\'s ignore is reported on the config file; its other globs still apply', () => {
    const ws = workspace({ 'statemap.config.json': JSON.stringify({ ignore: ['', 'src/legacy/**'] }), 'src/legacy/old.ts': REDIS_FILE });
    try {
      const map = assertComplete(analyzeJson(ws.dir));
      assert.match(problemsOf(map).get('statemap.config.json') ?? '', /^"ignore": an empty glob skipped\b/);
      assert.equal(files(map).includes('src/legacy/old.ts'), false);
    } finally {
      ws.cleanup();
    }
  });

  test('200,000 ignore globs: the first 1,000 apply, the drop is reported', () => {
    const ignore = ['src/legacy/**'];
    for (let i = 1; i < 200_000; i++) ignore.push(`generated/part${i}/**`);
    const ws = workspace({ 'statemap.config.json': JSON.stringify({ ignore }), 'src/legacy/old.ts': REDIS_FILE });
    try {
      const map = assertComplete(analyzeJson(ws.dir));
      assert.equal(problemsOf(map).get('statemap.config.json'), '"ignore" has 200,000 globs: only the first 1,000 are used');
      assert.equal(files(map).includes('src/legacy/old.ts'), false);
    } finally {
      ws.cleanup();
    }
  });
});

describe('tsconfig extends chains', () => {
  // the deepest config maps @lib/*: the client made there is what src/good2.ts calls
  const withLib = {
    'src/lib/redis.ts': `import Redis from 'ioredis';\nexport const redis = new Redis();\n`,
    'src/good2.ts': `import { redis } from '@lib/redis';\nexport const put = () => redis.set('k', 1);\n`,
  };

  test('a 700-deep chain is cut and reported once', () => {
    const chain: Record<string, string> = { 'tsconfig.json': JSON.stringify({ extends: './tsconfig.0.json', compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }) };
    for (let i = 0; i < 700; i++) chain[`tsconfig.${i}.json`] = JSON.stringify({ extends: `./tsconfig.${i + 1}.json` });
    chain['tsconfig.700.json'] = '{}';
    const ws = workspace({ ...chain, ...withLib });
    try {
      const map = assertComplete(analyzeJson(ws.dir));
      const deep = map.problems.filter((p) => /"extends" chain is over 64 configs deep; not followed further/.test(p.message));
      assert.equal(deep.length, 1, JSON.stringify(map.problems));
      assert.match(deep[0].file, /^tsconfig\.\d+\.json$/);
      assert.ok(files(map).includes('src/good2.ts'), 'the root config\'s own paths still apply');
    } finally {
      ws.cleanup();
    }
  });

  test('an extends cycle is reported on the config that closes it; the configs\' own paths still apply', () => {
    const ws = workspace({
      'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }),
      'tsconfig.base.json': JSON.stringify({ extends: './tsconfig.json' }),
      ...withLib,
    });
    try {
      const map = assertComplete(analyzeJson(ws.dir));
      // the cycle is reported once, on whichever of the two configs closes it
      assert.equal(map.problems.length, 1, JSON.stringify(map.problems));
      assert.match(map.problems[0].file, /^tsconfig(\.base)?\.json$/);
      assert.match(map.problems[0].message, /^"extends": "\.\/tsconfig(\.base)?\.json" makes a cycle \((tsconfig(\.base)?\.json) → tsconfig(\.base)?\.json → \2\); not followed$/);
      assert.ok(files(map).includes('src/good2.ts'));
    } finally {
      ws.cleanup();
    }
  });
});

describe('encodings', () => {
  const utf16 = (text: string, be: boolean) => {
    const body = Buffer.from(text, 'utf16le');
    return Buffer.concat([Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]), be ? body.swap16() : body]);
  };

  test('UTF-16 LE and BE source files (with a byte order mark) are decoded and analyzed', () => {
    const ws = workspace({ 'src/le.ts': utf16(REDIS_FILE, false), 'src/be.ts': utf16(REDIS_FILE, true) });
    try {
      const map = assertComplete(analyzeJson(ws.dir));
      assert.deepEqual(map.problems, []);
      assert.deepEqual(files(map), ['src/be.ts', 'src/good.ts', 'src/le.ts']);
      const at = (f: string) => map.edges.flatMap((e) => e.locations).filter((l) => l.file === f).map((l) => `${l.line}:${l.column} ${l.operation}`);
      assert.deepEqual(at('src/le.ts'), at('src/good.ts'), 'positions as in the UTF-8 file');
      assert.deepEqual(at('src/be.ts'), at('src/good.ts'), 'positions as in the UTF-8 file');
    } finally {
      ws.cleanup();
    }
  });

  test('a UTF-8 byte order mark on package.json, tsconfig.json and statemap.config.json is accepted', () => {
    const bom = '\ufeff';
    const ws = workspace({
      'package.json': bom + JSON.stringify({ name: 'bom-app', dependencies: { ioredis: '5' } }),
      'statemap.config.json': bom + JSON.stringify({ claims: { '.': 'stateless' } }),
      'tsconfig.json': bom + JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }),
      'src/lib/redis.ts': `import Redis from 'ioredis';\nexport const redis = new Redis();\n`,
      'src/good2.ts': `import { redis } from '@lib/redis';\nexport const put = () => redis.set('k', 1);\n`,
    });
    try {
      const map = assertComplete(analyzeJson(ws.dir));
      assert.deepEqual(map.problems, []);
      assert.equal(map.services[0].name, 'bom-app');
      assert.equal(map.services[0].claim.stateless, true);
      assert.ok(files(map).includes('src/good2.ts'));
    } finally {
      ws.cleanup();
    }
  });
});

describe('the vendored-file guess', () => {
  const call = `import Redis from 'ioredis';\nconst r = new Redis();\n`;
  const minified = Array.from({ length: 900 }, (_, i) => `function a${i}(t){return t.x=${i};}var b${i}=a${i}(c);`).join('');

  test('hand-written files with one long line (data URI, string, regex) are analyzed; a minified bundle is still skipped', () => {
    const ws = workspace({
      'src/logo.ts': `${call}export const logo = 'data:image/png;base64,${Buffer.from('x'.repeat(30000)).toString('base64')}';\nexport const save = () => r.set('logo', logo);\n`,
      'src/text.ts': `${call}export const text = '${'lorem ipsum dolor sit amet, '.repeat(1000)}';\nexport const save = () => r.set('text', text);\n`,
      'src/pattern.ts': `${call}export const re = /^(?:${Array.from({ length: 2500 }, (_, i) => `w${i}`).join('|')})$/;\nexport const save = () => r.set('re', String(re));\n`,
      'src/chart.js': `/*! chart v1 */\nvar c={};${minified}\n`,
    });
    try {
      const map = assertComplete(analyzeJson(ws.dir));
      for (const f of ['src/logo.ts', 'src/text.ts', 'src/pattern.ts']) assert.ok(files(map).includes(f), `${f} is analyzed`);
      assert.deepEqual([...problemsOf(map)], [['src/chart.js', 'skipped: looks like a bundled third-party library (minified or UMD build)']]);
    } finally {
      ws.cleanup();
    }
  });

  test('a UMD bundle re-formatted by Prettier (single quotes, short lines) is still skipped', () => {
    const body = Array.from({ length: 700 }, (_, i) => `    function n${i}(t) {\n      return (t.v = ${i}), t;\n    }`).join('\n');
    const umd = `!(function (t, e) {\n  'object' == typeof exports && 'object' == typeof module\n    ? (module.exports = e())\n    : 'function' == typeof define && define.amd\n      ? define([], e)\n      : (t.Preset = e());\n})(this, function () {\n${body}\n});\n`;
    const ws = workspace({ 'src/app.ts': `${call}export const save = () => r.set('k', 'v');\n`, 'static/js/preset.js': umd });
    try {
      const map = assertComplete(analyzeJson(ws.dir));
      assert.deepEqual([...problemsOf(map)], [['static/js/preset.js', 'skipped: looks like a bundled third-party library (minified or UMD build)']]);
    } finally {
      ws.cleanup();
    }
  });
});

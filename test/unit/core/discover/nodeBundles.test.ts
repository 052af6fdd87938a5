import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILD_SCRIPT, nodeBundleEntries } from '../../../../src/core/discover/entries';

test("a build script's esbuild entry points for Node, in the array and the object forms", () => {
  const script = [
    "const esbuild = require('esbuild');",
    'esbuild.build({',
    "  entryPoints: ['./src/a/index.ts', \"src/b/handlers/x.ts\"],",
    "  bundle: true, platform: 'node', outdir: 'build',",
    '});',
    "esbuild.build({ entryPoints: { worker: 'src/c/worker.ts' }, platform: 'node' });",
  ].join('\n');
  assert.deepEqual(nodeBundleEntries(script), ['src/a/index.ts', 'src/b/handlers/x.ts', 'src/c/worker.ts']);
});

test('look-alikes: a bundle for the browser (esbuild\'s default platform), globs, and a script that names no bundler', () => {
  assert.deepEqual(nodeBundleEntries("require('esbuild').build({ entryPoints: ['src/app.tsx'], bundle: true, outdir: 'public' });"), []);
  assert.deepEqual(nodeBundleEntries("require('esbuild').build({ entryPoints: ['src/**/*.ts'], platform: 'node' });"), []);
  assert.deepEqual(nodeBundleEntries("const entryPoints = ['src/a.ts']; const platform = 'node'; copy(entryPoints, { platform: 'node' });"), []);
});

test('the file names taken for build scripts', () => {
  for (const yes of ['build.js', 'build.mjs', 'esbuild.config.mjs', 'build-lambdas.ts', 'bundle.cjs']) assert.ok(BUILD_SCRIPT.test(yes), yes);
  for (const no of ['builder.js', 'rebuild.js', 'build.json', 'webpack.config.js']) assert.ok(!BUILD_SCRIPT.test(no), no);
});

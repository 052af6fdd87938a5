// One build script, several bundles (the VS Code samples' esbuild pattern): the CLI now; the language
// server, the extension and the webview join as they land. Type checking is `npm run typecheck`.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions} */
const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { STATE_MAP_VERSION: JSON.stringify(pkg.version) },
  // ts-morph's TypeScript is large: keep its license comments out of our bundles
  legalComments: 'none',
};

const builds = [
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

fs.mkdirSync('dist', { recursive: true });
fs.copyFileSync('src/core/config/statemap.config.schema.json', 'dist/statemap.config.schema.json');
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

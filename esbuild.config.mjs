// One build script, several bundles (the VS Code samples' esbuild pattern): the CLI, the language server
// (which is also its own analysis worker), the VS Code extension, and the webview (Mermaid bundled, so the
// panel works offline) with the ELK layout as a separate chunk it loads only for big maps.
// Type checking is `npm run typecheck`.
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

/** @type {esbuild.BuildOptions} */
const browser = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  // Mermaid is big: minified even in development, or the webview parses megabytes of whitespace
  minify: true,
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  // dist/cli.js and dist/server.js are small launchers that load their bundle with V8's code cache
  // (src/launch): a run does not compile the bundle's 11 MB again
  { ...node, entryPoints: ['src/launch/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-bundle.js' },
  { ...node, entryPoints: ['src/launch/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { ...node, entryPoints: ['src/server/main.ts'], outfile: 'dist/server-bundle.js' },
  // the extension host loads no analysis code: only the client, the panel and the commands
  { ...node, entryPoints: ['src/extension/main.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...browser, entryPoints: ['media/src/main.ts'], outfile: 'media/dist/webview.js' },
  { ...browser, entryPoints: ['media/src/elk.ts'], outfile: 'media/dist/elk.js' },
];

fs.mkdirSync('dist', { recursive: true });
fs.copyFileSync('src/core/config/statemap.config.schema.json', 'dist/statemap.config.schema.json');
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}

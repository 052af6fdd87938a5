// Bundles the extension-host suite into out/test/e2e/suite: `index.js` (what VS Code's
// extensionTestsPath points at) and one file per `*.test.ts`. `vscode` comes from the extension host,
// mocha from node_modules (one instance, so the test files' `describe` is the runner's).
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO, SUITE_OUT } from './paths';

export async function buildSuite(): Promise<string> {
  const src = path.join(REPO, 'test', 'e2e', 'suite');
  const entries = fs.readdirSync(src).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => path.join(src, f));
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(SUITE_OUT, 'index.js');
}

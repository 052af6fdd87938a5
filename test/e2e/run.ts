// The end-to-end runner (`npm run test:e2e`): State Map in a real VS Code and its webview in a real browser.
//   1. the extension-host suite (test/e2e/suite, mocha) inside the VS Code server that code-server ships,
//      opened in headless Chromium: the same `run()` entry @vscode/test-electron calls on a desktop;
//   2. UI tests (test/e2e/ui) that drive that VS Code's workbench with playwright-core;
//   3. the webview bundle on its own in Chromium (test/e2e/webview).
// It prints every test by name and exits non-zero when any fails. `-- suite|ui|webview` runs one part.
// Needs `npm run build` first (npm test does it) and what test/e2e/setup.sh installs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSuite } from './harness/buildSuite';
import { runExtensionHostSuite } from './harness/extensionHost';
import { ARTIFACTS, CODE_SERVER_VERSION, REPO, chromiumPath, codeServerDir } from './harness/paths';
import { runDir } from './harness/workspace';

type Part = 'suite' | 'ui' | 'webview';
const PARTS: Part[] = ['suite', 'ui', 'webview'];

function prerequisites(parts: Part[]): string[] {
  const missing: string[] = [];
  const need = (what: string, check: () => unknown) => {
    try {
      check();
    } catch (err) {
      missing.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  need('Chromium', chromiumPath);
  if (parts.includes('suite') || parts.includes('ui')) need('code-server', codeServerDir);
  for (const f of ['dist/extension.js', 'dist/server.js', 'media/dist/webview.js']) {
    if (!fs.existsSync(path.join(REPO, f))) missing.push(`${f} is not built: run \`npm run build\` first`);
  }
  return missing;
}

async function suite(): Promise<boolean> {
  const started = Date.now();
  const index = await buildSuite();
  const run = runDir();
  try {
    const r = await runExtensionHostSuite(run.dir, index);
    console.log(`\nextension-host suite in VS Code ${r.vscode ?? '(version unknown)'}:`);
    for (const t of r.results) {
      const mark = t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-';
      console.log(`  ${mark} ${t.title}${t.ms !== undefined ? ` (${t.ms} ms)` : ''}`);
      if (t.error) console.log(t.error.split('\n').slice(0, 6).map((l) => `      ${l}`).join('\n'));
    }
    const failed = r.results.filter((t) => t.state === 'failed').length;
    const ok = r.exitCode === 0 && failed === 0 && r.results.length > 0;
    if (!ok) {
      if (r.results.length === 0) console.log('  no test reported a result (the suite did not load or did not start)');
      console.log(`  VS Code exited with ${r.exitCode === -1 ? 'a timeout' : r.exitCode}; its log:`);
      for (const l of r.log.slice(-30)) console.log(`    ${l.split('\n').join('\n    ')}`);
      console.log(`  server log and screenshot: ${path.relative(REPO, ARTIFACTS)}/`);
    }
    console.log(`  ${r.results.length - failed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return ok;
  } finally {
    run.cleanup();
  }
}

/** The UI and webview tests are node:test files, run the way the unit tests are. */
function nodeTests(dir: string): boolean {
  const root = path.join(REPO, 'test', 'e2e', dir);
  const files = fs.existsSync(root) ? fs.readdirSync(root).filter((f) => f.endsWith('.test.ts')).sort().map((f) => path.join(root, f)) : [];
  console.log(`\n${dir} tests:`);
  if (files.length === 0) {
    console.log(`  no *.test.ts in ${path.relative(REPO, root)}`);
    return false;
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
    cwd: REPO,
    stdio: 'inherit',
  });
  return r.status === 0;
}

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((a) => !a.startsWith('-')) as Part[];
  const unknown = asked.filter((a) => !PARTS.includes(a));
  if (unknown.length) {
    console.error(`unknown part ${unknown.join(', ')}: choose from ${PARTS.join(', ')}`);
    return 2;
  }
  const parts = asked.length ? asked : PARTS;
  const missing = prerequisites(parts);
  if (missing.length) {
    console.error(`The end-to-end tests cannot run:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
    return 1;
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  // browsers change what they report (Chromium 156 began reporting handlers in inert documents to the CSP):
  // every run says which one it used
  const browser = spawnSync(chromiumPath(), ['--version'], { encoding: 'utf8' }).stdout?.trim();
  console.log(`end-to-end: ${browser || `the browser at ${chromiumPath()}`}, code-server ${CODE_SERVER_VERSION}`);
  const failed: string[] = [];
  for (const part of parts) {
    const ok = part === 'suite' ? await suite() : nodeTests(part);
    if (!ok) failed.push(part);
  }
  if (failed.length) {
    console.error(`\nend-to-end: FAILED in ${failed.join(', ')} (screenshots and logs in ${path.relative(REPO, ARTIFACTS)}/)`);
    return 1;
  }
  console.log(`\nend-to-end: all passed (${parts.join(', ')}); screenshots in ${path.relative(REPO, ARTIFACTS)}/`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`end-to-end runner failed: ${err instanceof Error ? err.stack : String(err)}`);
    process.exit(1);
  },
);

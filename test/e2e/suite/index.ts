// The extension-host test suite's entry: VS Code (desktop through @vscode/test-electron, or the VS Code
// server in a browser) loads this file and awaits `run()`. It runs every bundled `*.test.js` with mocha,
// writes the results where $STATE_MAP_E2E_RESULTS says (the runner reads them), and rejects naming the
// failed tests, which makes VS Code exit non-zero.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface SuiteResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  ms?: number;
  error?: string;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, color: false, reporter: 'spec' });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  const results: SuiteResult[] = [];
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
    runner.on('pending', (t) => results.push({ title: t.fullTitle(), state: 'pending' }));
    runner.on('fail', (t, err: Error) => results.push({ title: t.fullTitle(), state: 'failed', ms: t.duration, error: err?.stack ?? String(err) }));
  });
  const out = process.env.STATE_MAP_E2E_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify({ vscode: vscode.version, files, results }, null, 2));
  const failed = results.filter((r) => r.state === 'failed');
  if (files.length === 0) throw new Error(`no *.test.js next to ${__filename}`);
  if (failed.length > 0) {
    throw new Error(`${failed.length} of ${results.length} extension-host tests failed:\n${failed.map((f) => `  ✗ ${f.title}: ${f.error?.split('\n')[0]}`).join('\n')}`);
  }
}

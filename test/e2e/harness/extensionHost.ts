// Runs the extension-host suite in the VS Code server, the way vscode-in-browser.md verified: the
// workbench opens with `extensionTestsPath` in its payload, runs the suite's `run()` in the extension
// host, and reports through window.codeAutomationLog / codeAutomationExit.
import fs from 'node:fs';
import path from 'node:path';
import type { SuiteResult } from '../suite/index';
import { openWorkbench } from './workbench';

export interface ExtensionHostRun {
  exitCode: number;
  vscode?: string;
  results: SuiteResult[];
  /** What the workbench logged (the suite's error when it failed). */
  log: string[];
}

export async function runExtensionHostSuite(runDir: string, suiteIndex: string, timeoutMs = 300_000): Promise<ExtensionHostRun> {
  const resultsFile = path.join(runDir, 'suite-results.json');
  const log: string[] = [];
  let exit!: (code: number) => void;
  const exited = new Promise<number>((r) => (exit = r));
  const wb = await openWorkbench('monorepo', {
    extensionTestsPath: suiteIndex,
    env: { STATE_MAP_E2E_RESULTS: resultsFile },
    logName: 'suite',
    async beforeOpen(page) {
      await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => log.push(`${type}: ${(args ?? []).map(String).join(' ')}`));
      await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    },
  });
  try {
    const timeout = new Promise<number>((r) => setTimeout(() => r(-1), timeoutMs));
    const exitCode = await Promise.race([exited, timeout]);
    if (exitCode !== 0) await wb.screenshot('suite-end').catch(() => undefined);
    if (exitCode === -1) log.push(`the suite did not finish within ${timeoutMs / 1000} s`);
    const results = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { vscode: string; results: SuiteResult[] }) : undefined;
    return { exitCode, vscode: results?.vscode, results: results?.results ?? [], log };
  } finally {
    await wb.close();
  }
}

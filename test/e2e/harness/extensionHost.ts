// Runs the extension-host suite in the VS Code server, the way vscode-in-browser.md verified: the
// workbench opens with `extensionTestsPath` in its payload, runs the suite's `run()` in the extension
// host, and reports through window.codeAutomationLog / codeAutomationExit.
import fs from 'node:fs';
import path from 'node:path';
import type { SuiteResult } from '../suite/index';
import { launchBrowser } from './browser';
import { ARTIFACTS } from './paths';
import { startVsCodeServer } from './vscodeServer';
import { copyFixture } from './workspace';

export interface ExtensionHostRun {
  exitCode: number;
  vscode?: string;
  results: SuiteResult[];
  /** What the workbench logged (the suite's error when it failed). */
  log: string[];
}

export async function runExtensionHostSuite(runDir: string, suiteIndex: string, timeoutMs = 300_000): Promise<ExtensionHostRun> {
  const workspace = copyFixture('monorepo', path.join(runDir, 'suite'));
  const resultsFile = path.join(runDir, 'suite-results.json');
  const server = await startVsCodeServer(path.join(runDir, 'suite-data'), { STATE_MAP_E2E_RESULTS: resultsFile });
  const browser = await launchBrowser();
  const log: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let exit!: (code: number) => void;
    const exited = new Promise<number>((r) => (exit = r));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => log.push(`${type}: ${(args ?? []).map(String).join(' ')}`));
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    await page.goto(server.url(workspace, { extensionTestsPath: suiteIndex }));
    const timeout = new Promise<number>((r) => setTimeout(() => r(-1), timeoutMs));
    const exitCode = await Promise.race([exited, timeout]);
    if (exitCode !== 0) await page.screenshot({ path: path.join(ARTIFACTS, 'suite-end.png') }).catch(() => undefined);
    if (exitCode === -1) log.push(`the suite did not finish within ${timeoutMs / 1000} s`);
    const results = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { vscode: string; results: SuiteResult[] }) : undefined;
    return { exitCode, vscode: results?.vscode, results: results?.results ?? [], log };
  } finally {
    await browser.close();
    fs.writeFileSync(path.join(ARTIFACTS, 'suite-server.log'), server.log());
    await server.stop();
  }
}

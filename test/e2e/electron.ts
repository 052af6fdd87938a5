// `npm run test:electron`: the same extension-host suite (test/e2e/suite) in VS Code desktop through
// @vscode/test-electron, for machines that can download VS Code from its update server. Where that is not
// possible (no route to update.code.visualstudio.com) it says so and points at `npm run test:e2e`, which
// runs the suite in code-server's VS Code server instead.
// `VSCODE_VERSION` picks the desktop version (default: the oldest that engines.vscode allows, 1.100.0;
// `stable` for the newest). `VSCODE_EXECUTABLE` uses an installed VS Code instead of downloading.
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite } from './harness/buildSuite';
import { REPO } from './harness/paths';
import { copyFixture, runDir } from './harness/workspace';

async function main(): Promise<number> {
  const extensionTestsPath = await buildSuite();
  const run = runDir();
  const workspace = copyFixture('monorepo', path.join(run.dir, 'ws'));
  const resultsFile = path.join(run.dir, 'suite-results.json');
  try {
    const code = await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.0',
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
      extensionDevelopmentPath: REPO,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { STATE_MAP_E2E_RESULTS: resultsFile },
    });
    return code;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    // a failed suite makes runTests reject with "Test run failed with code 1": the suite's own output says which
    if (/Test run failed/i.test(msg)) {
      console.error(`\nthe extension-host suite failed in VS Code desktop: ${msg}`);
    } else {
      console.error(
        `\nVS Code desktop could not be started: ${msg}\n` +
          '  @vscode/test-electron downloads it from update.code.visualstudio.com; without that route set\n' +
          '  VSCODE_EXECUTABLE to an installed VS Code, or run the same suite in code-server: npm run test:e2e -- suite',
      );
    }
    return 1;
  } finally {
    run.cleanup();
  }
}

main().then((code) => process.exit(code));

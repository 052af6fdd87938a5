// Where the end-to-end tests find things: the repository, code-server's VS Code server, Chromium, and
// the folders they write (all gitignored).
import fs from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
/** The extension-host suite, bundled by `buildSuite` (VS Code loads `index.js` and calls its `run()`). */
export const SUITE_OUT = path.join(REPO, 'out', 'test', 'e2e', 'suite');
export const FIXTURES = path.join(REPO, 'test', 'e2e', 'fixtures');
/** Screenshots and logs of the last run (gitignored; CI can keep them). */
export const ARTIFACTS = path.join(REPO, '.test-artifacts', 'e2e');
export const CODE_SERVER_VERSION = '4.100.3';

/** code-server's package folder: $STATE_MAP_CODE_SERVER, else where test/e2e/setup.sh installs it. */
export function codeServerDir(): string {
  const dir = process.env.STATE_MAP_CODE_SERVER ?? path.join(REPO, '.cache', 'code-server', 'node_modules', 'code-server');
  const main = path.join(dir, 'lib', 'vscode', 'out', 'server-main.js');
  if (!fs.existsSync(main)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed (no ${path.relative(REPO, main)}): run \`bash test/e2e/setup.sh\` first`);
  }
  return dir;
}

/** Debian's Chromium, or $CHROMIUM. */
export function chromiumPath(): string {
  const exe = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(exe)) throw new Error(`Chromium is not installed at ${exe}: run \`bash test/e2e/setup.sh\` (or set CHROMIUM)`);
  return exe;
}

// The VS Code server inside code-server's package (VS Code 1.100.3), started on a free port with its own
// data folders, and the workbench URL that opens a folder with State Map loaded from this repository.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { codeServerDir, REPO } from './paths';

export interface VsCodeServer {
  port: number;
  /** The server's and its extension hosts' output so far. */
  log(): string;
  /** The workbench opening `folder`, with the extension under development (and tests to run) in `payload`. */
  url(folder: string, opts?: { extensionTestsPath?: string }): string;
  stop(): Promise<void>;
}

/** Settings every run starts with: no welcome page, no trust prompt, no update or telemetry traffic. */
const MACHINE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.hover.delay': 300,
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHttp(port: number, proc: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exitCode !== null) throw new Error(`the VS Code server exited with ${proc.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/version`);
      if (r.ok || r.status === 404) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the VS Code server did not answer on port ${port} within ${timeoutMs / 1000} s:\n${log()}`);
}

/**
 * Starts `server-main.js` (the VS Code server code-server wraps; code-server's own CLI rejects
 * `--extensionDevelopmentPath`). `env` reaches the extension host, e.g. where the suite writes its results.
 */
export async function startVsCodeServer(dataDir: string, env: Record<string, string> = {}): Promise<VsCodeServer> {
  const main = path.join(codeServerDir(), 'lib', 'vscode', 'out', 'server-main.js');
  const port = await freePort();
  const serverData = path.join(dataDir, 'server');
  fs.mkdirSync(path.join(serverData, 'data', 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(serverData, 'data', 'Machine', 'settings.json'), JSON.stringify(MACHINE_SETTINGS, null, 2));
  const args = [
    main, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
    '--disable-telemetry', '--disable-workspace-trust', '--server-data-dir', serverData,
    '--user-data-dir', path.join(dataDir, 'user'), '--extensions-dir', path.join(dataDir, 'extensions'),
  ];
  const chunks: string[] = [];
  // its own process group: stopping it also stops the extension hosts and State Map's language server
  const proc = spawn(process.execPath, args, { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  proc.stdout!.on('data', (d) => chunks.push(String(d)));
  proc.stderr!.on('data', (d) => chunks.push(String(d)));
  const log = () => chunks.join('');
  await waitForHttp(port, proc, log);
  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
  return {
    port,
    log,
    url(folder, opts = {}) {
      const payload: string[][] = [['extensionDevelopmentPath', remote(REPO)], ['skipWelcome', 'true']];
      if (opts.extensionTestsPath) payload.push(['extensionTestsPath', remote(opts.extensionTestsPath)]);
      return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(remote(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    async stop() {
      if (proc.exitCode !== null || proc.pid === undefined) return;
      const exited = new Promise((r) => proc.once('exit', r));
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-proc.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// A minimal LSP client over stdio for testing the built server (dist/server.js) as another editor would.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  createMessageConnection, InitializeRequest, InitializedNotification, StreamMessageReader, StreamMessageWriter,
  type MessageConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const SERVER = path.join(__dirname, '..', '..', '..', 'dist', 'server.js');

export interface TestClient {
  conn: MessageConnection;
  proc: ChildProcess;
  diagnostics: Map<string, PublishDiagnosticsParams['diagnostics']>;
  notifications: Array<{ method: string; params: unknown }>;
  /** Resolves when a notification with this method (and matching params) arrives. */
  waitFor<T>(method: string, match?: (params: T) => boolean, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

export async function startServer(folders: string[], capabilities: Record<string, unknown> = {}, initializationOptions?: unknown): Promise<TestClient> {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const diagnostics = new Map<string, PublishDiagnosticsParams['diagnostics']>();
  const notifications: Array<{ method: string; params: unknown }> = [];
  const waiters: Array<{ method: string; match?: (p: unknown) => boolean; resolve(p: unknown): void }> = [];
  const receive = (method: string, params: unknown): void => {
    notifications.push({ method, params });
    if (method === 'textDocument/publishDiagnostics') {
      const p = params as PublishDiagnosticsParams;
      diagnostics.set(p.uri, p.diagnostics);
    }
    for (const w of [...waiters]) {
      if (w.method === method && (!w.match || w.match(params))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  };
  conn.onNotification((method: string, params: unknown) => receive(method, params));
  // $/progress for tokens nobody registered (the server creates them) bypasses the notification handlers
  conn.onUnhandledProgress((p) => receive('$/progress', p));
  conn.onRequest((_method: string) => null);
  conn.listen();
  await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities,
    initializationOptions,
    workspaceFolders: folders.map((f) => ({ uri: URI.file(f).toString(), name: path.basename(f) })),
  });
  await conn.sendNotification(InitializedNotification.type, {});
  return {
    conn, proc, diagnostics, notifications,
    waitFor<T>(method: string, match?: (p: T) => boolean, timeoutMs = 30_000): Promise<T> {
      const seen = notifications.find((n) => n.method === method && (!match || match(n.params as T)));
      if (seen) return Promise.resolve(seen.params as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ method, match: match as (p: unknown) => boolean, resolve: (p) => { clearTimeout(timer); resolve(p as T); } });
      });
    },
    async stop() {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification('exit');
      } catch {
        // already gone
      }
      conn.dispose();
      proc.kill();
    },
  };
}

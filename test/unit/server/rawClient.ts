// The built server (dist/server.js) spoken to in raw bytes, for the cases a well-behaved client never sends.
import { spawn, type ChildProcess } from 'node:child_process';
import { StreamMessageReader } from 'vscode-languageserver-protocol/node';
import { SERVER } from './lspClient';

export interface Reply {
  id?: number | string | null;
  method?: string;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface RawServer {
  proc: ChildProcess;
  send(bytes: string | Buffer): void;
  /** One message framed correctly. */
  message(m: Record<string, unknown>): void;
  reply(id: number, timeoutMs?: number): Promise<Reply>;
  /** Resolves with the exit code and stderr when the process ends, or with code `undefined` after `timeoutMs`. */
  exit(timeoutMs: number): Promise<{ code: number | null | undefined; stderr: string }>;
  kill(): void;
}

export function frame(m: Record<string, unknown>): Buffer {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

export function spawnRaw(): RawServer {
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  proc.stdin!.on('error', () => undefined); // the server may be gone already
  const replies: Reply[] = [];
  const waiting: Array<{ id: number; resolve(r: Reply): void }> = [];
  new StreamMessageReader(proc.stdout!).listen((m) => {
    const r = m as Reply;
    replies.push(r);
    for (const w of waiting.filter((x) => x.id === r.id && !r.method)) w.resolve(r);
  });
  const ended = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return {
    proc,
    send: (bytes) => void proc.stdin!.write(bytes),
    message: (m) => void proc.stdin!.write(frame(m)),
    reply(id, timeoutMs = 30_000) {
      const seen = replies.find((r) => r.id === id && !r.method);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply to request ${id} within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({ id, resolve: (r) => { clearTimeout(timer); resolve(r); } });
      });
    },
    async exit(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([ended, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), timeoutMs)))]);
      clearTimeout(timer);
      return { code, stderr };
    },
    kill: () => void proc.kill(),
  };
}

export const INITIALIZE = { id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, workspaceFolders: [] } };

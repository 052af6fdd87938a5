// A client that breaks the byte stream or talks before `initialize`: the built server over raw stdio.
// A broken stream must end the server with a reason on stderr (the client restarts it), never leave it
// silently deaf; see src/server/transport.ts for why it exits rather than resynchronising.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import { SERVER } from './lspClient';
import { frame, INITIALIZE, spawnRaw } from './rawClient';

const skip = fs.existsSync(SERVER) ? false : 'dist/server.js is not built (npm run build)';
const SHUTDOWN = { id: 2, method: 'shutdown' };
const BODY = JSON.stringify({ jsonrpc: '2.0', method: '$/setTrace', params: { value: 'off' } });

describe('a broken byte stream ends the server with a reason', { skip }, () => {
  const cases: Array<[string, string | Buffer]> = [
    ['a Content-Length that is not a number', `Content-Length: abc\r\n\r\n${BODY}`],
    ['a negative Content-Length', `Content-Length: -5\r\n\r\n${BODY}`],
    ['a header without Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${BODY}`],
    ['a body shorter than announced, then another message', `Content-Length: ${BODY.length + 12}\r\n\r\n${BODY}`],
    ['garbage bytes between messages', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65])],
  ];
  for (const [name, bytes] of cases) {
    test(name, async () => {
      const s = spawnRaw();
      try {
        s.message(INITIALIZE);
        assert.ok((await s.reply(1)).result, 'initialize is answered');
        s.send(bytes);
        // a well-formed request after the damage: either it is answered (recovered) or the server exits
        s.message(SHUTDOWN);
        const { code, stderr } = await s.exit(20_000);
        assert.equal(code, 1, 'the server exits with a failure code instead of going deaf');
        assert.match(stderr, /state-map server: the client's message stream is broken \(.+\); exiting so that the client restarts it/);
      } finally {
        s.kill();
      }
    });
  }

  test('a Content-Length larger than what ever arrives', async () => {
    const s = spawnRaw();
    try {
      s.message(INITIALIZE);
      await s.reply(1);
      s.send(`Content-Length: 100000\r\n\r\n${BODY}`);
      s.message(SHUTDOWN); // swallowed into the announced body, which never completes
      // vscode-jsonrpc notices the stalled message after 10 s without data
      const { code, stderr } = await s.exit(40_000);
      assert.equal(code, 1);
      assert.match(stderr, /a message stopped arriving before its announced Content-Length \(no data for \d+ ms\)/);
    } finally {
      s.kill();
    }
  });

  test('a well-formed stream still ends normally: shutdown, exit, code 0', async () => {
    const s = spawnRaw();
    try {
      s.message(INITIALIZE);
      await s.reply(1);
      s.message(SHUTDOWN);
      assert.equal((await s.reply(2)).error, undefined);
      s.message({ method: 'exit' });
      assert.deepEqual(await s.exit(20_000), { code: 0, stderr: '' });
    } finally {
      s.kill();
    }
  });
});

describe('before initialize', { skip }, () => {
  test('requests get ServerNotInitialized (-32002), notifications are dropped, initialize then works', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-early-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'web' }));
    fs.writeFileSync(path.join(dir, 'src/a.ts'), 'export const a = 1;\n');
    const folder = URI.file(dir).toString();
    const s = spawnRaw();
    try {
      s.message({ id: 10, method: 'stateMap/folders' });
      s.message({ id: 11, method: 'textDocument/hover', params: { textDocument: { uri: `${folder}/src/a.ts` }, position: { line: 0, character: 0 } } });
      s.message({ id: 12, method: 'shutdown' });
      const early = `export const save = (v: string) => localStorage.setItem('k', v);\n`;
      s.message({ method: 'textDocument/didOpen', params: { textDocument: { uri: `${folder}/src/a.ts`, languageId: 'typescript', version: 1, text: early } } });
      for (const id of [10, 11, 12]) {
        const r = await s.reply(id);
        assert.equal(r.error?.code, -32002, `request ${id} is refused`);
        assert.match(r.error!.message, /not initialized/);
      }
      s.message({ ...INITIALIZE, params: { ...INITIALIZE.params, workspaceFolders: [{ uri: folder, name: 'web' }] } });
      assert.ok((await s.reply(1)).result);
      s.message({ method: 'initialized', params: {} });
      s.message({ id: 3, method: 'stateMap/refresh', params: {} });
      assert.equal((await s.reply(3)).error, undefined);
      // the didOpen sent before initialize was dropped: the map is the disk's, without localStorage
      s.message({ id: 4, method: 'stateMap/view', params: { folder } });
      const view = (await s.reply(4)).result as { mermaid?: string; status: { state: string } };
      assert.equal(view.status.state, 'ready');
      assert.doesNotMatch(view.mermaid ?? '', /localStorage/);
      s.message(SHUTDOWN);
      assert.equal((await s.reply(2)).error, undefined, 'shutdown after initialize is answered');
    } finally {
      s.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('exit before initialize is obeyed', async () => {
    const s = spawnRaw();
    try {
      s.send(frame({ method: 'exit' }));
      const { code } = await s.exit(20_000);
      assert.equal(code, 1, 'exit without shutdown: code 1, as the LSP says');
    } finally {
      s.kill();
    }
  });
});

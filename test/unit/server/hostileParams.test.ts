// Malformed parameters, bad edits, huge documents and odd folders, sent to the built server over stdio:
// each gets InvalidParams or a sensible empty answer, and the server keeps answering afterwards.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import type { FolderStatus, ViewResult } from '../../../src/protocol/messages';
import { SERVER, startServer, type TestClient } from './lspClient';

const skip = fs.existsSync(SERVER) ? false : 'dist/server.js is not built (npm run build)';

function writeWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-hostile-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const FILES = {
  'package.json': JSON.stringify({ name: 'cart', dependencies: { ioredis: '5' } }),
  'src/redis.ts': `import Redis from 'ioredis';\nexport const redis = new Redis();\n`,
  'src/app.ts': `import { redis } from './redis';\nexport const get = (k: string) => redis.get(k);\n`,
};
const LOCAL_STORAGE = `export const save = (v: string) => localStorage.setItem('k', v);\n`;

async function errorOf(c: TestClient, method: string, params: unknown): Promise<ResponseError<unknown> | undefined> {
  try {
    await c.conn.sendRequest(method, params);
    return undefined;
  } catch (err) {
    return err as ResponseError<unknown>;
  }
}

describe('malformed requests', { skip }, () => {
  let dir: string;
  let folder: string;
  let c: TestClient;
  const uri = (rel: string) => URI.file(path.join(dir, rel)).toString();
  before(async () => {
    dir = writeWorkspace(FILES);
    folder = URI.file(dir).toString();
    c = await startServer([dir]);
    await c.waitFor('stateMap/mapChanged');
  });
  after(async () => {
    await c?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const bad = (): Array<[string, unknown, RegExp]> => [
    ['stateMap/view', null, /params must be an object, got null/],
    ['stateMap/view', 42, /params must be an object, got number 42/],
    ['stateMap/view', {}, /params\.folder must be a string, got nothing/],
    ['stateMap/view', { folder, filter: 'redis' }, /params\.filter must be an object/],
    ['stateMap/view', { folder: 'file:///not/a/workspace/folder' }, /not a workspace folder of this server/],
    ['stateMap/locations', null, /must be an object/],
    ['stateMap/locations', { folder }, /params\.target must be an object, got nothing/],
    ['stateMap/locations', { folder, target: { kind: 'edge', service: '.' } }, /params\.target\.store must be a string/],
    ['stateMap/locations', { folder, target: { kind: 'planet' } }, /params\.target\.kind must be "service", "store" or "edge", got "planet"/],
    ['stateMap/markdown', null, /must be an object/],
    ['stateMap/markdown', { folder: 7 }, /params\.folder must be a string, got number 7/],
    ['stateMap/refresh', null, /must be an object/],
    ['stateMap/refresh', { folder: [] }, /params\.folder must be a string, got an array/],
    ['stateMap/cancel', 'all', /must be an object, got "all"/],
    ['stateMap/fileInfo', null, /must be an object/],
    ['stateMap/fileInfo', { uri: 'no scheme here' }, /params\.uri is not a URI/],
    ['textDocument/hover', null, /defines parameters by name|must be an object/], // vscode-jsonrpc answers this one itself
    ['textDocument/hover', { textDocument: { uri: 'file:///x.ts' } }, /params\.position must be an object, got nothing/],
    ['textDocument/hover', { textDocument: { uri: 'file:///x.ts' }, position: { line: -1, character: 0 } }, /params\.position\.line must be a whole number ≥ 0, got number -1/],
    ['textDocument/hover', { textDocument: { uri: 'file:///x.ts' }, position: { line: 0, character: '3' } }, /params\.position\.character must be a whole number/],
    ['textDocument/hover', { textDocument: null, position: { line: 0, character: 0 } }, /params\.textDocument must be an object, got null/],
    ['textDocument/codeLens', {}, /params\.textDocument must be an object, got nothing/],
    ['textDocument/codeLens', { textDocument: { uri: 5 } }, /params\.textDocument\.uri must be a string, got number 5/],
  ];

  test('each gets InvalidParams (-32602) saying what is wrong, and the server answers the next request', async () => {
    for (const [method, params, message] of bad()) {
      const err = await errorOf(c, method, params);
      assert.equal(err?.code, -32602, `${method} ${JSON.stringify(params)}: ${err?.code} ${err?.message}`);
      assert.match(err!.message, message);
      const [status] = await c.conn.sendRequest<FolderStatus[]>('stateMap/folders');
      assert.equal(status.state, 'ready', `still answering after ${method}`);
    }
  });

  test('questions about documents the server does not know get empty answers', async () => {
    const outside = URI.file(path.join(os.tmpdir(), 'elsewhere', 'x.ts')).toString();
    assert.equal(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: outside }, position: { line: 0, character: 0 } }), null);
    assert.equal(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' }, position: { line: 0, character: 0 } }), null);
    assert.equal(await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri('src/app.ts') }, position: { line: 1_000_000, character: 1_000_000 } }), null);
    assert.deepEqual(await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: 'untitled:Untitled-1' } }), []);
    assert.deepEqual(await c.conn.sendRequest('stateMap/fileInfo', { uri: outside }), {});
    assert.deepEqual(await c.conn.sendRequest('stateMap/fileInfo', { uri: 'https://example.com/x.ts' }), {});
  });

  test('a command the server does not offer is MethodNotFound, not an internal error', async () => {
    assert.equal((await errorOf(c, 'workspace/executeCommand', { command: 'stateMap.nothing' }))?.code, -32601);
    // the server executes one command now (stateMap.server.explain): no params at all are invalid params
    assert.equal((await errorOf(c, 'workspace/executeCommand', null))?.code, -32602);
  });
});

describe('bad text document notifications', { skip }, () => {
  test('a didOpen or didChange whose text is not a string is dropped; the map and the document stay right', async () => {
    const dir = writeWorkspace(FILES);
    const folder = URI.file(dir).toString();
    const c = await startServer([dir]);
    const uri = (rel: string) => URI.file(path.join(dir, rel)).toString();
    try {
      await c.waitFor('stateMap/mapChanged');
      const { version } = (await c.conn.sendRequest<FolderStatus[]>('stateMap/folders'))[0];
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri('src/redis.ts'), languageId: 'typescript', version: 1, text: 42 } });
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: null });
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri('src/redis.ts'), version: 2 }, contentChanges: 'everything' });
      // a change to a document that was never opened has nothing to apply to
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri('src/never-opened.ts'), version: 2 }, contentChanges: [{ text: LOCAL_STORAGE }] });
      const app = uri('src/app.ts');
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: app, languageId: 'typescript', version: 1, text: FILES['src/app.ts'] } });
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: app, version: 2 }, contentChanges: [{ text: 42 }] });
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: app, version: 3 }, contentChanges: [{ range: { start: { line: 'x' } }, text: 'broken' }] });
      // a valid edit after the bad ones: it is applied to the text the editor really has
      await c.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: app, version: 4 },
        contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: LOCAL_STORAGE }],
      });
      await c.waitFor('stateMap/mapChanged', (p: { version: number }) => p.version > version);
      assert.equal(c.notifications.filter((n) => n.method === 'stateMap/status' && (n.params as FolderStatus).state === 'error').length, 0, 'no failed analysis');
      const view = await c.conn.sendRequest<ViewResult>('stateMap/view', { folder });
      assert.match(view.mermaid!, /Redis/, 'redis.ts is still analyzed from disk');
      assert.match(view.mermaid!, /localStorage/);
      const hover = await c.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: app }, position: { line: 2, character: 50 } });
      assert.match(hover!.contents.value, /\*\*localStorage\*\* · write/);
      const logged = c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
      assert.ok(logged.some((m) => /^textDocument\/didChange ignored: params\.contentChanges\[0\] must be/.test(m)), logged.join('\n'));
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('editor text over maxFileSize', { skip }, () => {
  test('is skipped like an oversized file on disk, reported in the problems, and analyzed again once it fits', async () => {
    const dir = writeWorkspace(FILES);
    const folder = URI.file(dir).toString();
    const c = await startServer([dir], {}, { settings: { maxFileSize: 1000 } });
    const app = URI.file(path.join(dir, 'src/app.ts')).toString();
    const mapAfter = async (v: number) => c.waitFor('stateMap/mapChanged', (p: { version: number }) => p.version > v);
    const version = async () => (await c.conn.sendRequest<FolderStatus[]>('stateMap/folders'))[0].version;
    try {
      await c.waitFor('stateMap/mapChanged');
      let v = await version();
      const big = `${LOCAL_STORAGE}${'// padding to go over the limit\n'.repeat(40)}`;
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: app, languageId: 'typescript', version: 1, text: big } });
      await mapAfter(v);
      assert.doesNotMatch((await c.conn.sendRequest<ViewResult>('stateMap/view', { folder })).mermaid!, /localStorage/);
      const { markdown } = await c.conn.sendRequest<{ markdown: string }>('stateMap/markdown', { folder });
      assert.match(markdown, /`src\/app\.ts`: skipped: 1(\.\d)? KB is over maxFileSize \(1000 B\)/);
      v = await version();
      await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: app, version: 2 }, contentChanges: [{ text: LOCAL_STORAGE }] });
      await mapAfter(v);
      assert.match((await c.conn.sendRequest<ViewResult>('stateMap/view', { folder })).mermaid!, /localStorage/);
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a 50 MB document is not parsed, and the server keeps answering', async () => {
    const dir = writeWorkspace(FILES);
    const folder = URI.file(dir).toString();
    const c = await startServer([dir]);
    const app = URI.file(path.join(dir, 'src/app.ts')).toString();
    try {
      await c.waitFor('stateMap/mapChanged');
      const v = (await c.conn.sendRequest<FolderStatus[]>('stateMap/folders'))[0].version;
      const line = `export const f = (k: string) => localStorage.getItem(k); // ${'x'.repeat(40)}\n`;
      const huge = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: app, languageId: 'typescript', version: 1, text: huge } });
      await c.waitFor('stateMap/mapChanged', (p: { version: number }) => p.version > v, 120_000);
      const { markdown } = await c.conn.sendRequest<{ markdown: string }>('stateMap/markdown', { folder });
      assert.match(markdown, /`src\/app\.ts`: skipped: 50\.0 MB is over maxFileSize \(1\.0 MB\)/);
      const view = await c.conn.sendRequest<ViewResult>('stateMap/view', { folder });
      assert.equal(view.status.state, 'ready');
      assert.doesNotMatch(view.mermaid!, /localStorage/);
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('workspace folders that cannot be analyzed', { skip }, () => {
  test('a folder that does not exist and a virtual one are errors that say why; the others are analyzed', async () => {
    const dir = writeWorkspace(FILES);
    const missing = path.join(os.tmpdir(), `state-map-missing-${process.pid}`, 'app');
    const c = await startServer([dir], { workspace: { workspaceFolders: true } });
    try {
      await c.waitFor('stateMap/mapChanged');
      // added later, as a client adds folders, since the test client's initialize takes paths
      await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: URI.file(missing).toString(), name: 'app' }, { uri: 'vscode-vfs://github/owner/repo', name: 'repo' }], removed: [] } });
      const gone = await c.waitFor<FolderStatus>('stateMap/status', (s: FolderStatus) => s.folder === URI.file(missing).toString() && s.state !== 'indexing');
      assert.equal(gone.state, 'error');
      assert.equal(gone.message, `the workspace folder cannot be read (ENOENT): ${missing}`);
      const vfs = await c.waitFor<FolderStatus>('stateMap/status', (s: FolderStatus) => s.folder === 'vscode-vfs://github/owner/repo');
      assert.equal(vfs.state, 'error');
      assert.equal(vfs.message, 'only file: folders can be analyzed, not vscode-vfs://github/owner/repo');
      const statuses = await c.conn.sendRequest<FolderStatus[]>('stateMap/folders');
      assert.deepEqual(statuses.map((s) => s.state), ['ready', 'error', 'error']);
      const [again] = await c.conn.sendRequest<FolderStatus[]>('stateMap/refresh', { folder: 'vscode-vfs://github/owner/repo' });
      assert.equal(again.state, 'error', 'a refresh answers instead of waiting forever');
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

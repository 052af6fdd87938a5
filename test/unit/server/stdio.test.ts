// The built server (dist/server.js, `npm run build`) over stdio, as another LSP editor would use it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import type { FolderStatus, ViewResult } from '../../../src/protocol/messages';
import { SERVER, startServer, type TestClient } from './lspClient';

const built = fs.existsSync(SERVER);
const skip = built ? false : 'dist/server.js is not built (npm run build)';

function writeWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-lsp-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const CART = {
  'package.json': JSON.stringify({ name: 'cart', dependencies: { express: '4', 'express-session': '1', ioredis: '5' } }),
  'README.md': '# cart\n\nOur service is stateless.\n',
  'src/redis.ts': `import Redis from 'ioredis';\nexport const redis = new Redis();\n`,
  'src/app.ts': `import { redis } from './redis';\nexport const get = (k: string) => redis.get(k);\n`,
  'src/server.ts': `import express from 'express';\nimport session from 'express-session';\nconst app = express();\napp.use(session({ secret: 's' }));\napp.listen(3000);\n`,
};

test('--version and --help answer without a transport', { skip }, () => {
  assert.match(spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8' }).stdout, /^\d+\.\d+\.\d+\n$/);
  assert.match(spawnSync(process.execPath, [SERVER], { encoding: 'utf8' }).stdout, /--stdio/);
});

describe('one folder over stdio', { skip }, () => {
  let dir: string;
  let c: TestClient;
  let folder: string;
  const uri = (rel: string) => URI.file(path.join(dir, rel)).toString();
  before(async () => {
    dir = writeWorkspace(CART);
    folder = URI.file(dir).toString();
    c = await startServer([dir], { window: { workDoneProgress: true } });
    await c.waitFor('stateMap/mapChanged', (p: { folder: string }) => p.folder === folder);
  });
  after(async () => {
    await c?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('indexing reports work-done progress and a status with the folder\'s counts', async () => {
    await c.waitFor('$/progress', (p: { value: { kind: string } }) => p.value.kind === 'end');
    const progress = c.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string; message?: string } }).value);
    assert.equal(progress[0]?.kind, 'begin');
    assert.ok(progress.some((v) => v.kind === 'end'));
    const [status] = await c.conn.sendRequest<FolderStatus[]>('stateMap/folders');
    assert.equal(status.state, 'ready');
    assert.equal(status.sourceFiles, 3);
    assert.equal(status.brokenClaims, 1);
  });

  test('the view: Mermaid text and the id map', async () => {
    const view = await c.conn.sendRequest<ViewResult>('stateMap/view', { folder });
    assert.match(view.mermaid!, /Redis/);
    assert.deepEqual(Object.keys(view.ids!.services), ['.']);
    assert.deepEqual(view.services?.map((s) => s.honest), [false]);
  });

  test('diagnostics: the broken claim in the README, the hazard in the code', () => {
    const readme = c.diagnostics.get(uri('README.md'));
    assert.equal(readme?.[0].code, 'broken-claim');
    assert.equal(readme?.[0].range.start.line, 2);
    assert.equal(c.diagnostics.get(uri('src/server.ts'))?.[0].code, 'memory-session-store');
  });

  test('hover, CodeLens, evidence and file info', async () => {
    const hover = await c.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: uri('src/app.ts') }, position: { line: 1, character: 40 } });
    assert.match(hover!.contents.value, /\*\*Redis\*\* · read · `get`/);
    const lenses = await c.conn.sendRequest<Array<{ command: { title: string } }>>('textDocument/codeLens', { textDocument: { uri: uri('src/server.ts') } });
    // the session middleware keeps the session id in a cookie
    assert.match(lenses[0].command.title, /^State: Cookies rw · Redis r · 1 hazard/);
    const evidence = await c.conn.sendRequest<Array<{ uri: string; range: { start: { line: number } } }>>('stateMap/locations', { folder, target: { kind: 'edge', service: '.', store: 'redis' } });
    assert.deepEqual(evidence.map((e) => [e.uri, e.range.start.line]), [[uri('src/app.ts'), 1]]);
    const info = await c.conn.sendRequest<{ service?: { id: string; honest: boolean } }>('stateMap/fileInfo', { uri: uri('src/app.ts') });
    assert.deepEqual([info.service?.id, info.service?.honest], ['.', false]);
  });

  test('an edit in an open editor re-extracts that file and pushes the new map', async () => {
    const doc = uri('src/app.ts');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'typescript', version: 1, text: CART['src/app.ts'] } });
    const before = (await c.conn.sendRequest<FolderStatus[]>('stateMap/folders'))[0].version;
    await c.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: doc, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: `export const save = (v: string) => localStorage.setItem('k', v);\n` }],
    });
    await c.waitFor('stateMap/mapChanged', (p: { version: number }) => p.version > before);
    const view = await c.conn.sendRequest<ViewResult>('stateMap/view', { folder });
    assert.match(view.mermaid!, /localStorage/);
    const hover = await c.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: doc }, position: { line: 2, character: 50 } });
    assert.match(hover!.contents.value, /\*\*localStorage\*\* · write · `setItem`/);
    // closing the editor drops its text: the disk says there is no localStorage
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: doc } });
    await c.waitFor('stateMap/mapChanged', (p: { version: number }) => p.version > before + 1);
    assert.doesNotMatch((await c.conn.sendRequest<ViewResult>('stateMap/view', { folder })).mermaid!, /localStorage/);
  });

  test('a file created on disk is picked up from a watched-file event', async () => {
    const before = (await c.conn.sendRequest<FolderStatus[]>('stateMap/folders'))[0].version;
    fs.writeFileSync(path.join(dir, 'src/queue.ts'), `import { Kafka } from 'kafkajs';\nconst p = new Kafka({ brokers: [] }).producer();\nexport const emit = () => p.send({ topic: 't', messages: [] });\n`);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('src/queue.ts'), type: 1 }] });
    await c.waitFor('stateMap/mapChanged', (p: { version: number }) => p.version > before);
    assert.match((await c.conn.sendRequest<ViewResult>('stateMap/view', { folder })).mermaid!, /Kafka/);
  });

  test('the Markdown export is the CLI report', async () => {
    const { markdown } = await c.conn.sendRequest<{ markdown: string }>('stateMap/markdown', { folder });
    assert.match(markdown, /```mermaid/);
  });
});

describe('a multi-root workspace', { skip }, () => {
  test('one map per folder; files go to their folder', async () => {
    const a = writeWorkspace(CART);
    const b = writeWorkspace({ 'package.json': JSON.stringify({ name: 'web' }), 'src/x.ts': `export const f = () => sessionStorage.getItem('k');\n` });
    const c = await startServer([a, b]);
    try {
      await c.waitFor('stateMap/mapChanged', (p: { folder: string }) => p.folder === URI.file(b).toString());
      await c.waitFor('stateMap/mapChanged', (p: { folder: string }) => p.folder === URI.file(a).toString());
      const statuses = await c.conn.sendRequest<FolderStatus[]>('stateMap/folders');
      assert.equal(statuses.length, 2);
      const vb = await c.conn.sendRequest<ViewResult>('stateMap/view', { folder: URI.file(b).toString() });
      assert.match(vb.mermaid!, /sessionStorage/);
      assert.doesNotMatch(vb.mermaid!, /Redis/);
      const info = await c.conn.sendRequest<{ folder?: string }>('stateMap/fileInfo', { uri: URI.file(path.join(b, 'src/x.ts')).toString() });
      assert.equal(info.folder, URI.file(b).toString());
    } finally {
      await c.stop();
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });
});

describe('cancellation', { skip }, () => {
  const bigWorkspace = (): string => {
    const files: Record<string, string> = { 'package.json': JSON.stringify({ name: 'big', dependencies: { ioredis: '5' } }) };
    for (let i = 0; i < 1500; i++) files[`src/f${i}.ts`] = `import Redis from 'ioredis';\nconst r${i} = new Redis();\nexport const g${i} = (k: string) => r${i}.get(k + ${i});\n`;
    return writeWorkspace(files);
  };

  test('stateMap/cancel stops the indexing (VS Code shows server progress without a Cancel button)', async () => {
    const dir = bigWorkspace();
    const c = await startServer([dir]);
    try {
      await c.waitFor<FolderStatus>('stateMap/status', (s: FolderStatus) => s.state === 'indexing' && !!s.total);
      await c.conn.sendRequest('stateMap/cancel', {});
      const status = await c.waitFor<FolderStatus>('stateMap/status', (s: FolderStatus) => s.state !== 'indexing', 60_000);
      assert.equal(status.state, 'cancelled');
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('cancelling the indexing progress stops the analysis', async () => {
    const dir = bigWorkspace();
    const c = await startServer([dir], { window: { workDoneProgress: true } });
    try {
      const begin = await c.waitFor<{ token: string | number; value: { kind: string } }>('$/progress', (p) => p.value.kind === 'begin');
      await c.conn.sendNotification('window/workDoneProgress/cancel', { token: begin.token });
      const status = await c.waitFor<FolderStatus>('stateMap/status', (s: FolderStatus) => s.state !== 'indexing', 60_000);
      assert.equal(status.state, 'cancelled');
      assert.equal(status.version, 0, 'no map was published');
      // Refresh indexes again
      const [after] = await c.conn.sendRequest<FolderStatus[]>('stateMap/refresh', {});
      assert.equal(after.state, 'ready');
      assert.equal(after.sourceFiles, 1500);
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('settings for editors without workspace/configuration', { skip }, () => {
  test('initializationOptions.settings apply', async () => {
    const dir = writeWorkspace(CART);
    const c = await startServer([dir], {}, { settings: { diagnostics: { hazardSeverity: 'hint', claimSeverity: 'off' }, hover: { enabled: false } } });
    try {
      await c.waitFor('stateMap/mapChanged');
      assert.equal(c.diagnostics.get(URI.file(path.join(dir, 'src/server.ts')).toString())?.[0].severity, 4);
      assert.equal(c.diagnostics.get(URI.file(path.join(dir, 'README.md')).toString()), undefined);
      const hover = await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI.file(path.join(dir, 'src/app.ts')).toString() }, position: { line: 1, character: 40 } });
      assert.equal(hover, null);
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

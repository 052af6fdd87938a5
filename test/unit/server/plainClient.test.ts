// Issue 17: another editor (Neovim, Helix, Emacs) roots the server at one package of a monorepo and
// announces nothing VS Code-specific. The server must analyse the whole monorepo, and send no command
// only the VS Code extension implements. Drives the built server (dist/server.js) over stdio.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import type { FolderStatus } from '../../../src/protocol/messages';
import { SERVER, startServer, type TestClient } from './lspClient';

const skip = fs.existsSync(SERVER) ? false : 'dist/server.js is not built (npm run build)';
const SHOP = path.join(__dirname, '..', '..', '..', 'examples', 'shop');
/** What a plain LSP client announces: standard capabilities only, no `experimental.stateMap`. */
const PLAIN = { window: { workDoneProgress: true }, textDocument: { hover: { contentFormat: ['markdown'] }, codeLens: {} } };

type Lens = { range: { start: { line: number } }; command?: { title: string; command: string; arguments?: unknown[]; tooltip?: string } };

function copyShop(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-monorepo-'));
  fs.cpSync(SHOP, dir, { recursive: true });
  return dir;
}

describe('a plain LSP client rooted at a package of a monorepo', { skip }, () => {
  let dir: string;
  let c: TestClient;
  const uri = (rel: string) => URI.file(path.join(dir, rel)).toString();
  before(async () => {
    dir = copyShop();
    c = await startServer([path.join(dir, 'services/orders-api')], PLAIN);
    await c.waitFor('stateMap/mapChanged', undefined, 60_000);
  });
  after(async () => {
    await c?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the server says in its log that it analyzes from the workspace root', () => {
    const logs = c.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
    assert.ok(logs.some((m) => m.includes(`inside the workspace ${dir} (package.json workspaces); analyzing from ${dir}`)), logs.join('\n'));
  });

  test('progress: work-done progress begins and ends', async () => {
    await c.waitFor('$/progress', (p: { value: { kind: string } }) => p.value.kind === 'end');
    const kinds = c.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
  });

  test('every service of the monorepo, not only the one the client opened', async () => {
    const [status] = await c.conn.sendRequest<FolderStatus[]>('stateMap/folders');
    assert.equal(status.folder, uri('services/orders-api'));
    assert.equal(status.services, 5);
    assert.equal(status.brokenClaims, 1);
  });

  test('diagnostics for the whole monorepo: the broken claim in k8s/, the hazards of cart-api', () => {
    assert.equal(c.diagnostics.get(uri('k8s/cart-api.yaml'))?.[0]?.code, 'broken-claim');
    assert.ok(c.diagnostics.get(uri('services/cart-api/src/server.ts'))?.some((d) => d.code === 'memory-session-store'));
    assert.ok(c.diagnostics.get(uri('services/orders-api/src/server.ts'))?.some((d) => d.code === 'check-then-act'));
  });

  test('hover: the claim from k8s/ and PostgreSQL through the shared package, without command: links', async () => {
    const hover = await c.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri: uri('services/orders-api/src/server.ts') }, position: { line: 13, character: 26 },
    });
    assert.match(hover!.contents.value, /\*\*Redis\*\* · read/);
    assert.match(hover!.contents.value, /claims stateless/);
    assert.doesNotMatch(hover!.contents.value, /command:/);
  });

  test('CodeLens at the listen call names PostgreSQL and runs a command the server executes', async () => {
    const file = uri('services/orders-api/src/server.ts');
    const text = fs.readFileSync(path.join(dir, 'services/orders-api/src/server.ts'), 'utf8');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: file, languageId: 'typescript', version: 1, text } });
    const lenses = await c.conn.sendRequest<Lens[]>('textDocument/codeLens', { textDocument: { uri: file } });
    assert.equal(lenses.length, 1);
    const [lens] = lenses;
    assert.equal(lens.range.start.line, text.split('\n').findIndex((l) => l.includes('app.listen')));
    assert.match(lens.command!.title, /^State: .*PostgreSQL rw.* · 1 hazard$/);
    assert.notEqual(lens.command!.command, 'stateMap.showInMap');
    assert.match(lens.command!.tooltip!, /@shop\/orders-api claims stateless/);
    await c.conn.sendRequest('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    const shown = await c.waitFor<{ message: string }>('window/showMessage', (p) => p.message.includes('@shop/orders-api'));
    assert.match(shown.message, /Stores: .*PostgreSQL/);
    // the file that only touches state has none
    assert.deepEqual(await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: uri('packages/db/src/index.ts') } }), []);
  });
});

describe('initializationOptions.root overrides the workspace root; settings come with it', { skip }, () => {
  let dir: string;
  let c: TestClient;
  before(async () => {
    dir = copyShop();
    const pkg = path.join(dir, 'services/orders-api');
    // the client can be asked for settings but has no `stateMap` section (it answers null), as Neovim without `settings`
    c = await startServer([pkg], { ...PLAIN, workspace: { configuration: true } }, { root: pkg, settings: { codeLens: { enabled: false } } });
    await c.waitFor('stateMap/mapChanged', undefined, 60_000);
  });
  after(async () => {
    await c?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('only the package is analyzed, and no CodeLens is sent', async () => {
    const [status] = await c.conn.sendRequest<FolderStatus[]>('stateMap/folders');
    assert.equal(status.services, 1);
    const file = URI.file(path.join(dir, 'services/orders-api/src/server.ts')).toString();
    assert.deepEqual(await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: file } }), []);
  });
});

describe('the VS Code client announces its commands and its own status bar', { skip }, () => {
  let dir: string;
  let c: TestClient;
  before(async () => {
    dir = copyShop();
    c = await startServer([dir], { ...PLAIN, experimental: { stateMap: { commands: ['stateMap.showInMap'], statusBar: true } } });
    await c.waitFor('stateMap/mapChanged', undefined, 60_000);
  });
  after(async () => {
    await c?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('lenses run stateMap.showInMap, hovers link to it, and no $/progress duplicates its status bar item', async () => {
    const file = URI.file(path.join(dir, 'services/orders-api/src/server.ts')).toString();
    const [lens] = await c.conn.sendRequest<Lens[]>('textDocument/codeLens', { textDocument: { uri: file } });
    assert.equal(lens.command!.command, 'stateMap.showInMap');
    const hover = await c.conn.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: file }, position: { line: 13, character: 26 } });
    assert.match(hover.contents.value, /\(command:stateMap\.showInMap\?/);
    assert.equal(c.notifications.filter((n) => n.method === '$/progress').length, 0);
    assert.ok(c.notifications.some((n) => n.method === 'stateMap/status'));
  });
});

// "State Map: Compare with Branch…" in the real VS Code: the fixture folder becomes a git repository,
// an editor adds a Redis write, and the command (its quick pick of branches answered with the default,
// main) makes the panel show the change: the new write listed in words with its place, the edge marked
// in the drawn diagram, and a hover on the new line saying it is new in this branch.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { StateMapApi } from '../../../src/extension/main';
import { analyzed, fileUri, folder, hoverText, positionOf, showMap, stateMap, waitFor } from './helpers';

const CARTS = 'services/cart-api/src/carts.ts';
const NEW_LINE = "  await redis.set(`visits:${user}`, '1');\n";

function git(...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=State Map Tests', '-c', 'user.email=tests@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: folder().uri.fsPath, stdio: 'pipe' });
}

describe('Compare with Branch', () => {
  let api: StateMapApi;
  let doc: vscode.TextDocument;
  let ran: boolean | undefined;
  before(async function () {
    this.timeout(180_000);
    api = await stateMap();
    await analyzed(api);
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    doc = await vscode.workspace.openTextDocument(fileUri(CARTS));
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    await editor.edit((e) => e.insert(positionOf(doc, '  lastAdded.set(user, sku);'), NEW_LINE));
    await doc.save();
    await showMap(api);
    // from the palette: the quick pick of branches opens with the default (main) first; Enter takes it
    const running = Promise.resolve(vscode.commands.executeCommand<boolean>('stateMap.compareWithBranch', folder().uri));
    let settled = false;
    void running.finally(() => (settled = true));
    while (!settled) {
      await new Promise((r) => setTimeout(r, 500));
      if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    ran = await running;
  });
  after(async () => {
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    const at = doc.getText().indexOf(NEW_LINE);
    if (at >= 0) await editor.edit((e) => e.delete(new vscode.Range(doc.positionAt(at), doc.positionAt(at + NEW_LINE.length))));
    await doc.save();
    fs.rmSync(path.join(folder().uri.fsPath, '.git'), { recursive: true, force: true });
  });

  it('is in the command palette and the State Map view\'s title bar', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('stateMap.compareWithBranch'));
  });

  it('shows the change in the panel: the new Redis write in words, at its place; nothing for unchanged code', async () => {
    assert.equal(ran, true, 'the command did not finish a comparison');
    const panel = api.panel()!;
    const drawn = await waitFor('the panel to draw the comparison', () => panel.lastRendered?.changes);
    // cart-api is this test's: the other tests of the suite edit orders-api in editors (the working tree as the editor has it)
    const added = drawn.filter((l) => l.startsWith('+ New in this branch: @mono/cart-api'));
    assert.equal(added.length, 1, `the lines shown: ${drawn.join(' | ')}`);
    assert.match(added[0], /@mono\/cart-api — .*writes Redis: set visits:/);
    assert.match(added[0], /\(services\/cart-api\/src\/carts\.ts:13\)/);
    assert.deepEqual(drawn.filter((l) => /^− Removed/.test(l)), [], 'nothing removed');
    assert.deepEqual(drawn.filter((l) => /^\+ New in this branch: @mono\/(web|cache)/.test(l)), [], 'nothing new where nothing changed');
    assert.ok(drawn.some((l) => /^⚠ Already broken on the base: @mono\/cart-api/.test(l)), `the claim already broken on the base is kept apart: ${drawn.join(' | ')}`);

    // the diagram as the webview drew it: the edge to Redis says in words that an operation is new
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-svg-')), 'compare.svg'));
    await vscode.commands.executeCommand('stateMap.exportSvg', folder().uri, target);
    const svg = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    assert.match(svg, /✎ \+1 new operation/, 'the changed edge is not marked in words');
    assert.match(svg, /⚠ claim already broken on the base/);
  });

  it('a hover on the added line says it is new in this branch', async () => {
    const pos = positionOf(doc, 'redis.set(`visits', 'redis.s'.length);
    const text = await waitFor('a State Map hover on the new redis.set', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      return hovers.map(hoverText).find((t) => /verdict:/.test(t));
    }, 30_000);
    assert.match(text, /New in this branch\*\* \(not on main\)/);
    const old = positionOf(doc, 'redis.sadd', 'redis.s'.length);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, old);
    assert.doesNotMatch(hovers.map(hoverText).join('\n'), /New in this branch/);
  });
});

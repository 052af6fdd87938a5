// Hovers through VS Code's own hover command, on a Redis call whose client comes from another package
// of the monorepo (`@mono/cache`), imported by package name.
import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { analyzed, fileUri, hoverText, positionOf, stateMap, waitFor } from './helpers';

const CARTS = 'services/cart-api/src/carts.ts';

async function stateMapHovers(uri: vscode.Uri, pos: vscode.Position): Promise<string[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
  // TypeScript answers too; State Map's hover names the service's verdict
  return hovers.map(hoverText).filter((t) => /verdict:/.test(t));
}

describe('Hover', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    await analyzed(await stateMap());
    doc = await vscode.workspace.openTextDocument(fileUri(CARTS));
    // in the first editor group: the map's panel, beside it, stays visible
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
  });

  it('annotates a Redis call on a client made in another package', async () => {
    const pos = positionOf(doc, 'redis.smembers', 'redis.sm'.length);
    const text = await waitFor(`a State Map hover on redis.smembers in ${CARTS}:${pos.line + 1}`, async () => (await stateMapHovers(doc.uri, pos))[0], 30_000);
    assert.match(text, /\*\*Redis\*\*/, 'the store');
    assert.match(text, /reads?/i, 'read or write');
    assert.match(text, /ioredis/, 'the library');
    assert.match(text, /@mono\/cart-api/, 'the service');
    assert.match(text, /Show in State Map/, 'the link to the map');
  });

  it('calls a write a write', async () => {
    const pos = positionOf(doc, 'redis.sadd', 'redis.s'.length);
    const text = await waitFor(`a State Map hover on redis.sadd in ${CARTS}:${pos.line + 1}`, async () => (await stateMapHovers(doc.uri, pos))[0], 30_000);
    assert.match(text, /\*\*Redis\*\*.*writes?/i);
  });

  it('stays quiet on code that touches no state', async () => {
    const pos = positionOf(doc, 'export async function getCart', 'export async function get'.length);
    assert.deepEqual(await stateMapHovers(doc.uri, pos), []);
  });
});

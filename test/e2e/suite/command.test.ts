// "Show State Map" from the API, as the command palette runs it: the panel opens and draws every service
// and store of the fixture monorepo, the broken claim marked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { StateMapApi } from '../../../src/extension/main';
import { analyzed, folder, showMap, stateMap } from './helpers';

/** What the fixture's map holds (environment reads are hidden by default). */
const SERVICES = ['@mono/cart-api', '@mono/orders-api', '@mono/web', '@mono/cache'];
const STORES = ['Redis', 'PostgreSQL', 'localStorage', 'Process memory'];

describe('Show State Map', () => {
  let api: StateMapApi;
  before(async () => {
    api = await stateMap();
    await analyzed(api);
  });

  it('is registered as stateMap.show', async () => {
    const all = await vscode.commands.getCommands(true);
    const ours = all.filter((c) => c.startsWith('stateMap.'));
    assert.ok(ours.includes('stateMap.show'), `the command stateMap.show is not registered (State Map commands: ${ours.join(', ') || 'none'})`);
  });

  it('opens the panel and draws every service and store, the broken claim marked', async () => {
    const panel = await showMap(api);
    const drawn = panel.lastRendered!;
    assert.equal(drawn.folder, folder().uri.toString());
    assert.equal(drawn.nodes, SERVICES.length + STORES.length, 'clickable nodes in the drawn diagram');

    // the SVG as the webview drew it, through the real export command
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-svg-')), 'map.svg'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('stateMap.exportSvg', folder().uri, target);
    assert.ok(written, 'Export as SVG wrote nothing');
    const svg = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    assert.match(svg, /^<\?xml[^>]*>\s*<svg/);
    for (const name of [...SERVICES, ...STORES]) assert.ok(svg.includes(name), `the drawn map has no node "${name}"`);
    assert.match(svg, /claims stateless, but keeps state in process/, 'the broken claim is not spelled out');
    assert.match(svg, /class="node[^"]*\bbroken\b/, 'no node has the dashed red "broken" style');
  });
});

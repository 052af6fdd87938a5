// Editor surfaces of issue 15 in the real VS Code: the State Map tree view, "Show in State Map" from a
// hover (the map and the tree select the target), the CodeLens at a service's entry, and where the
// panel opens.
import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { StateMapApi } from '../../../src/extension/main';
import type { TreeNode } from '../../../src/extension/treeModel';
import { analyzed, fileUri, folder, hoverText, positionOf, showMap, stateMap, waitFor } from './helpers';

async function children(api: StateMapApi, n?: TreeNode): Promise<TreeNode[]> {
  return (await api.tree()!.getChildren(n)) ?? [];
}

function label(api: StateMapApi, n: TreeNode): string {
  const item = api.tree()!.getTreeItem(n) as vscode.TreeItem;
  return `${typeof item.label === 'string' ? item.label : item.label?.label ?? ''} — ${item.description ?? ''}`;
}

async function closeEverything(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('workbench.action.closeAllGroups');
}

describe('State Map tree view', () => {
  let api: StateMapApi;
  before(async () => {
    api = await stateMap();
    await analyzed(api);
    await vscode.commands.executeCommand('stateMap.tree.focus');
  });

  it('lists Services, Stores and Hazards with counts, verdicts and claims', async () => {
    const groups = await waitFor('the tree to have its groups', async () => {
      const g = await children(api);
      return g.length === 3 && g[0].type === 'group' && g[0].count > 0 ? g : undefined;
    });
    assert.deepEqual(groups.map((g) => label(api, g).split(' — ')[0]), ['Services (4)', 'Stores (4)', 'Hazards (1)']);
    const services = await children(api, groups[0]);
    const cart = services.find((s) => s.type === 'service' && s.service.name === '@mono/cart-api')!;
    assert.ok(cart, `no @mono/cart-api among ${services.map((s) => label(api, s)).join(' | ')}`);
    assert.equal(label(api, cart), '@mono/cart-api — claims stateless · state in process, claim broken');
    const item = api.tree()!.getTreeItem(cart) as vscode.TreeItem;
    assert.match(item.accessibilityInformation!.label, /^Service @mono\/cart-api, claims stateless, state in process, claim broken, 2 stores, 1 hazard$/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
  });

  it('opens a service into its stores and a store into its places in the code', async () => {
    const [servicesGroup, storesGroup] = await children(api);
    const cart = (await children(api, servicesGroup)).find((s) => s.type === 'service' && s.service.name === '@mono/cart-api')!;
    const stores = await children(api, cart);
    assert.deepEqual(stores.map((s) => label(api, s)).sort(), ['Process memory — read/write · 1 place', 'Redis — read/write · 2 places']);
    const redis = stores.find((s) => label(api, s).startsWith('Redis'))!;
    assert.equal(((api.tree()!.getTreeItem(redis) as vscode.TreeItem).iconPath as vscode.ThemeIcon).id, 'zap', 'a cache store has the cache icon');
    const places = await children(api, redis);
    assert.deepEqual(places.map((p) => (p.type === 'place' ? p.evidence.label : '')), ['carts.ts:7  smembers cart:*', 'carts.ts:12  sadd cart:*']);
    // Enter on a place opens its line
    const open = (api.tree()!.getTreeItem(places[1]) as vscode.TreeItem).command!;
    await vscode.commands.executeCommand(open.command, ...(open.arguments ?? []));
    const editor = await waitFor('carts.ts to open', () => (vscode.window.activeTextEditor?.document.uri.path.endsWith('carts.ts') ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.selection.active.line, 11);
    const stores2 = await children(api, storesGroup);
    const byStore = async (name: string) => {
      const store = stores2.find((s) => s.type === 'store' && s.store.label === name)!;
      return (await children(api, store)).map((s) => label(api, s));
    };
    assert.deepEqual(await byStore('Redis'), ['@mono/cart-api — read/write · 2 places']);
    assert.deepEqual(await byStore('PostgreSQL'), ['@mono/orders-api — read · 1 place']);
  });
});

describe('Show in State Map from a hover', () => {
  let api: StateMapApi;
  before(async () => {
    api = await stateMap();
    await analyzed(api);
    await closeEverything();
  });

  it('selects the hovered edge on the map and in the tree', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('services/cart-api/src/carts.ts'));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    const pos = positionOf(doc, 'redis.smembers', 'redis.sm'.length);
    const text = await waitFor('a State Map hover with a link', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      return hovers.map(hoverText).find((t) => t.includes('command:stateMap.showInMap'));
    }, 30_000);
    // what VS Code runs when the link is clicked
    const link = /\(command:(stateMap\.showInMap)\?([^)]+)\)/.exec(text)!;
    const args = JSON.parse(decodeURIComponent(link[2])) as unknown[];
    await vscode.commands.executeCommand('stateMap.tree.focus');
    await vscode.commands.executeCommand(link[1], ...args);
    const panel = await waitFor('the panel to open', () => api.panel());
    await waitFor('the map to be drawn', () => panel.lastRendered);
    assert.deepEqual(panel.lastSelected, { kind: 'edge', service: 'services/cart-api', store: 'redis' });
    assert.equal(panel.panel.viewColumn, vscode.ViewColumn.Two, 'the map opens beside the code');
    const selected = await waitFor('the tree to select the edge', () => api.tree()!.selection[0]);
    assert.equal(selected.type, 'edge');
    assert.equal(label(api, selected), 'Redis — read/write · 2 places');
  });
});

describe('CodeLens', () => {
  before(async () => {
    await analyzed(await stateMap());
  });

  async function ourLenses(rel: string): Promise<vscode.CodeLens[]> {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', fileUri(rel));
    return lenses.filter((l) => l.command?.title.startsWith('State:'));
  }

  it('sits at the listen call of a service\'s entry, short, with the whole line as tooltip', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('services/cart-api/src/server.ts'));
    const lenses = await waitFor('a State Map CodeLens on cart-api\'s server.ts', async () => {
      const l = await ourLenses('services/cart-api/src/server.ts');
      return l.length ? l : undefined;
    }, 30_000);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, positionOf(doc, 'app.listen').line);
    assert.equal(lenses[0].command!.title, 'State: Redis rw · 1 hazard · ✗ claim broken');
    assert.equal(lenses[0].command!.command, 'stateMap.showInMap');
    assert.match(lenses[0].command!.tooltip ?? '', /^@mono\/cart-api claims stateless; it keeps state in process .*Stores: Redis \(read\/write\)/);
  });

  it('is never on a file that only touches state', async () => {
    await vscode.workspace.openTextDocument(fileUri('services/cart-api/src/carts.ts'));
    await vscode.workspace.openTextDocument(fileUri('apps/web/src/cart.ts'));
    assert.deepEqual(await ourLenses('services/cart-api/src/carts.ts'), []);
    assert.deepEqual(await ourLenses('apps/web/src/cart.ts'), []);
  });
});

describe('Where the panel opens', () => {
  let api: StateMapApi;
  before(async () => {
    api = await stateMap();
    await analyzed(api);
  });

  it('Show State Map: in the active editor group; Show State Map to the Side: beside it', async () => {
    await closeEverything();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri('services/cart-api/src/server.ts')), { viewColumn: vscode.ViewColumn.One });
    const panel = await showMap(api);
    assert.equal(panel.panel.viewColumn, vscode.ViewColumn.One);
    panel.panel.dispose();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri('services/cart-api/src/server.ts')), { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('stateMap.showToSide', folder().uri);
    const side = await waitFor('the panel to open to the side', () => api.panel());
    // a panel opened "beside" learns its column when the workbench has placed it
    assert.equal(await waitFor('the panel\'s column', () => side.panel.viewColumn, 15_000), vscode.ViewColumn.Two);
    assert.equal(vscode.window.activeTextEditor?.document.uri.path.endsWith('server.ts'), true, 'the code keeps the focus');
  });
});

// An edit through a WorkspaceEdit (unsaved, as typing would leave it) that adds a Redis call to
// orders-api: the open map redraws with the new arrow, without a refresh.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { RequestType } from 'vscode-languageserver-protocol';
import type { StateMapApi } from '../../../src/extension/main';
import type { ViewParams, ViewResult } from '../../../src/protocol/messages';
import { analyzed, fileUri, folder, showMap, stateMap, waitFor } from './helpers';

const ORDERS = 'services/orders-api/src/orders.ts';

describe('Live map', () => {
  let api: StateMapApi;
  let doc: vscode.TextDocument;
  before(async () => {
    api = await stateMap();
    await analyzed(api);
    doc = await vscode.workspace.openTextDocument(fileUri(ORDERS));
  });
  after(async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  /** The Mermaid edge-id prefix of orders-api → Redis in the current view, if the view has both nodes. */
  async function ordersToRedis(): Promise<string | undefined> {
    // by method name: this bundle's copy of vscode-jsonrpc is not the extension's, whose request types it would not recognise
    const viewRequest = 'stateMap/view' as unknown as RequestType<ViewParams, ViewResult, void>;
    const view = await api.ctx.request(viewRequest, { folder: folder().uri.toString(), filter: {} });
    const svc = view.ids?.services['services/orders-api'];
    const st = view.ids?.stores.redis;
    return svc && st ? `L_${svc}_${st}_` : undefined;
  }

  /** Whether the view the panel draws has an arrow orders-api → Redis. */
  async function viewHasEdge(): Promise<boolean> {
    const viewRequest = 'stateMap/view' as unknown as RequestType<ViewParams, ViewResult, void>;
    const view = await api.ctx.request(viewRequest, { folder: folder().uri.toString(), filter: {} });
    const svc = view.ids?.services['services/orders-api'];
    const st = view.ids?.stores.redis;
    return !!svc && !!st && new RegExp(`\\b${svc}\\b[^\\n]*\\b${st}\\b`).test(view.mermaid ?? '');
  }

  it('redraws the open diagram when an edit adds a store call', async () => {
    const panel = await showMap(api);
    const first = panel.lastRendered!;
    const edgeBefore = await ordersToRedis();
    const svgBefore = (await panel.requestSvg()).svg ?? '';
    assert.ok(!edgeBefore || !svgBefore.includes(edgeBefore), 'orders-api already draws an arrow to Redis before the edit');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), "import { redis } from '@mono/cache';\n");
    edit.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, '\nexport const remember = (user: string) => redis.set(`last-order:${user}`, Date.now());\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code refused the edit');
    assert.ok(doc.isDirty, 'the edit is unsaved, as typing leaves it');

    // the map may be redrawn for other reasons first (VS Code opening the file): wait for the drawing with the arrow
    // in a narrow panel the first view may be the overview (groups with counts): the arrow is then drawn between
    // groups, so the drawing is checked to have changed, and the view it draws to hold the new edge
    const drawn = await waitFor('the open map to draw an arrow orders-api → Redis after the edit (no refresh was run)', async () => {
      const r = panel.lastRendered;
      const edge = r && r.version > first.version ? await ordersToRedis() : undefined;
      const svg = edge && (await panel.requestSvg()).svg;
      return svg && (svg.includes(edge!) || (svg !== svgBefore && (await viewHasEdge()))) ? r : undefined;
    }, 30_000);
    assert.equal(drawn.nodes, first.nodes, 'the same services and stores');
  });
});

// What the extension-host tests share: the activated extension's API, the fixture folder, and waiting
// with a message that says what never happened.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StateMapApi } from '../../../src/extension/main';
import type { MapPanel } from '../../../src/extension/panel';
import type { FolderStatus } from '../../../src/protocol/messages';

export const EXTENSION_ID = 'state-map.state-map';

export async function stateMap(): Promise<StateMapApi> {
  const ext = vscode.extensions.getExtension<StateMapApi>(EXTENSION_ID);
  assert.ok(ext, `the extension ${EXTENSION_ID} is not loaded in this VS Code`);
  const api = await ext.activate();
  assert.ok(api?.ctx, `activating ${EXTENSION_ID} returned no API`);
  return api;
}

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'VS Code opened no workspace folder (the fixture monorepo)');
  return f;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, ...rel.split('/'));
}

/** Polls `probe` until it returns something other than undefined; the error names `what` and the last value seen. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err instanceof Error ? err.message : err;
    }
    if (Date.now() > until) {
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last !== undefined ? ` (last: ${String(last)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The fixture folder's status once the server has a map of it. */
export function analyzed(api: StateMapApi): Promise<FolderStatus> {
  const uri = folder().uri.toString();
  return waitFor(`the State Map server to analyze ${uri}`, () => api.folderStatuses().find((s) => s.folder === uri && s.state === 'ready' && s.version > 0));
}

/** The text of a hover's contents, whatever form they come in. */
export function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** The position `offset` characters into the first occurrence of `needle` in a document. */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${vscode.workspace.asRelativePath(doc.uri)} does not contain ${JSON.stringify(needle)}`);
  return doc.positionAt(at + offset);
}

/**
 * Runs Show State Map and resolves with the panel once its webview has drawn the map. A hidden panel's
 * webview is rebuilt when shown again (no retainContextWhenHidden), so it is waited for to draw afresh.
 */
export async function showMap(api: StateMapApi): Promise<MapPanel> {
  const existing = api.panel();
  const fresh = existing && !existing.panel.visible ? existing.whenRendered() : undefined;
  await vscode.commands.executeCommand('stateMap.show', folder().uri);
  const panel = await waitFor('the State Map panel to open', () => api.panel());
  // a render error is no reason to stop waiting (a redraw may follow), but the timeout names it
  const drawnOrError = <T>(v: T | undefined): T | undefined => {
    if (v === undefined && panel.lastRenderError) throw new Error(`the webview could not draw: ${panel.lastRenderError}`);
    return v;
  };
  if (fresh) {
    await waitFor('the State Map webview to draw the diagram again', async () => drawnOrError(await Promise.race([fresh, new Promise<undefined>((r) => setTimeout(r, 250))])));
  } else await waitFor('the State Map webview to draw the diagram', () => drawnOrError(panel.lastRendered));
  return panel;
}

import * as vscode from 'vscode';
import type { FolderStatus } from '../protocol/messages';
import * as commands from './commands';
import { Ctx } from './ctx';
import { MapPanel } from './panel';
import { StateStatusBar } from './statusBar';
import { StateTree } from './treeView';

/** What `activate` returns: enough for an end-to-end test to wait for the analysis and the panel. */
export interface StateMapApi {
  readonly ctx: Ctx;
  folderStatuses(): FolderStatus[];
  panel(): MapPanel | undefined;
  tree(): StateTree | undefined;
}

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<StateMapApi> {
  ctx = new Ctx(context);
  const c = ctx;
  context.subscriptions.push(c);
  for (const [name, factory] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(`stateMap.${name}`, factory(c)));
  }
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(MapPanel.viewType, {
      deserializeWebviewPanel: async (panel, state) => MapPanel.revive(c, panel, state as { folder?: string } | undefined),
    }),
  );
  try {
    await c.start();
  } catch (err) {
    c.output.error(`The State Map server failed to start: ${String(err)}`);
    void c.offerOutput('State Map: the language server failed to start.');
  }
  context.subscriptions.push(new StateStatusBar(c), new StateTree(c));
  return { ctx: c, folderStatuses: () => c.folderStatuses, panel: () => MapPanel.instance, tree: () => StateTree.instance };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}

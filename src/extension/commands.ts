// Each command is a small factory `(ctx) => handler` (rust-analyzer's `commands.ts`); main.ts registers
// them as `stateMap.<name>`.
import * as vscode from 'vscode';
import { CancelRequest, FoldersRequest, LocationsRequest, MarkdownRequest, RefreshRequest, type Target } from '../protocol/messages';
import type { ShowInMapArgs } from '../protocol/commands';
import { compareWithBranch as compare } from './compare';
import type { Ctx } from './ctx';
import { openEvidence } from './evidence';
import { MapPanel } from './panel';
import { targetOf, type TreeNode } from './treeModel';
import { StateTree } from './treeView';

// VS Code passes each command the arguments its caller chose (a Uri from a menu, a target from a hover link)
type Cmd = (...args: any[]) => unknown;

/** The config file discovery reads (src/core/config); named here so the extension host loads no analysis code. */
const CONFIG_FILE = 'statemap.config.json';

/** The folder a command is about: the resource it was run on, else the active editor's, else the only or a picked one. */
async function chooseFolder(ctx: Ctx, resource?: vscode.Uri): Promise<string | undefined> {
  const fromResource = ctx.folderOf(resource instanceof vscode.Uri ? resource : undefined);
  if (fromResource) return fromResource;
  const active = MapPanel.instance?.currentFolder ?? ctx.activeFolder();
  if (active) return active;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri.toString();
  const pick = await vscode.window.showWorkspaceFolderPick({ placeHolder: 'State Map: which folder?' });
  return pick?.uri.toString();
}

async function saveAs(defaultUri: vscode.Uri, filters: Record<string, string[]>, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  return target instanceof vscode.Uri ? target : vscode.window.showSaveDialog({ defaultUri, filters });
}

async function written(uri: vscode.Uri): Promise<void> {
  const pick = await vscode.window.showInformationMessage(`State Map exported to ${vscode.workspace.asRelativePath(uri)}.`, 'Open');
  if (pick === 'Open') await vscode.commands.executeCommand('vscode.open', uri);
}

/** In the active editor group, as Markdown's "Open Preview" does. */
export function show(ctx: Ctx): Cmd {
  return async (resource?: vscode.Uri) => {
    MapPanel.show(ctx, { folder: await chooseFolder(ctx, resource), column: 'active' });
  };
}

/** Beside the active editor, as Markdown's "Open Preview to the Side" does. */
export function showToSide(ctx: Ctx): Cmd {
  return async (resource?: vscode.Uri) => {
    MapPanel.show(ctx, { folder: await chooseFolder(ctx, resource), column: 'beside' });
  };
}

function isTreeNode(x: unknown): x is TreeNode {
  return !!x && typeof x === 'object' && typeof (x as TreeNode).type === 'string' && typeof (x as TreeNode).id === 'string';
}

/**
 * From a hover link, a CodeLens, the status bar or the tree: the panel beside the code, the node or
 * edge selected there (the webview highlights it), and the tree view's node selected too.
 */
export function showInMap(ctx: Ctx): Cmd {
  return async (args?: ShowInMapArgs | TreeNode) => {
    const fromTree = isTreeNode(args);
    const folder = fromTree ? args.folder : args?.folder;
    const target: Target | undefined = fromTree ? targetOf(args) : args?.target;
    const panel = MapPanel.show(ctx, { folder, target, column: 'beside' });
    const shown = folder ?? panel.currentFolder;
    if (!fromTree && shown && target) await StateTree.instance?.reveal(shown, target);
  };
}

/** The tree's inline "Open": the code of a place, or a quick pick of a service's, store's, edge's or hazard's places. */
export function openInCode(ctx: Ctx): Cmd {
  return async (node?: TreeNode) => {
    const n = node ?? StateTree.instance?.selection[0];
    if (!n) return;
    if (n.type === 'place') return openEvidence([n.evidence], { kind: 'service', service: '' });
    const target = targetOf(n);
    if (n.type === 'hazard') return openEvidence(n.hazard.places, { kind: 'service', service: n.hazard.service });
    if (!target) return;
    await openEvidence(await ctx.request(LocationsRequest, { folder: n.folder, target }), target);
  };
}

export function refresh(ctx: Ctx): Cmd {
  return async (resource?: vscode.Uri) => {
    const folder = resource instanceof vscode.Uri ? ctx.folderOf(resource) : undefined;
    // the server reports the indexing itself ($/progress)
    await ctx.request(RefreshRequest, { folder });
  };
}

export function cancelIndexing(ctx: Ctx): Cmd {
  return async (resource?: vscode.Uri) => {
    await ctx.request(CancelRequest, { folder: resource instanceof vscode.Uri ? ctx.folderOf(resource) : undefined });
  };
}

export function exportMarkdown(ctx: Ctx): Cmd {
  return async (resource?: vscode.Uri, target?: vscode.Uri) => {
    const folder = await chooseFolder(ctx, resource);
    if (!folder) return;
    const { markdown } = await ctx.request(MarkdownRequest, { folder });
    const uri = await saveAs(vscode.Uri.joinPath(vscode.Uri.parse(folder), 'state-map.md'), { Markdown: ['md'] }, target);
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(markdown, 'utf8'));
    if (!target) await written(uri);
    return uri;
  };
}

export function exportSvg(ctx: Ctx): Cmd {
  return async (resource?: vscode.Uri, target?: vscode.Uri) => {
    const folder = await chooseFolder(ctx, resource);
    if (!folder) return;
    // the diagram exists only where it is drawn: in the panel, which must be visible to answer
    const before = MapPanel.instance;
    const drawn = before?.panel.visible && before.lastRendered?.folder === folder;
    const panel = MapPanel.show(ctx, { folder });
    if (!drawn) {
      const timeout = new Promise<undefined>((r) => setTimeout(() => r(undefined), 30_000));
      if (!(await Promise.race([panel.whenRendered(), timeout]))) {
        void vscode.window.showErrorMessage('State Map: the diagram is not drawn yet; try again when the panel shows it.');
        return;
      }
    }
    const { svg, error } = await panel.requestSvg();
    if (!svg) {
      void vscode.window.showErrorMessage(`State Map: could not export the diagram${error ? `: ${error}` : ''}.`);
      return;
    }
    const uri = await saveAs(vscode.Uri.joinPath(vscode.Uri.parse(folder), 'state-map.svg'), { SVG: ['svg'] }, target);
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(svg, 'utf8'));
    if (!target) await written(uri);
    return uri;
  };
}

export function openConfiguration(ctx: Ctx): Cmd {
  return async (resource?: vscode.Uri) => {
    const folder = await chooseFolder(ctx, resource);
    const settings = { label: '$(settings-gear) Open State Map settings', action: 'settings' as const };
    if (!folder) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'stateMap');
      return;
    }
    const file = vscode.Uri.joinPath(vscode.Uri.parse(folder), CONFIG_FILE);
    const exists = await vscode.workspace.fs.stat(file).then(() => true, () => false);
    const items = [
      { label: exists ? `$(json) Open ${CONFIG_FILE}` : `$(new-file) Create ${CONFIG_FILE}`, description: 'services, claims and ignores for this folder', action: 'file' as const },
      settings,
    ];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: 'State Map configuration' });
    if (!pick) return;
    if (pick.action === 'settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'stateMap');
      return;
    }
    if (!exists) {
      // no `services` key: an empty list would mean "no services"
      const starter = { claims: {}, ignore: [] };
      await vscode.workspace.fs.writeFile(file, Buffer.from(`${JSON.stringify(starter, null, 2)}\n`, 'utf8'));
    }
    await vscode.window.showTextDocument(file);
  };
}

export function showOutput(ctx: Ctx): Cmd {
  return () => ctx.output.show(true);
}

export function restartServer(ctx: Ctx): Cmd {
  return async () => {
    await ctx.restart();
    void vscode.window.setStatusBarMessage('State Map: server restarted', 3000);
  };
}

/** Compare with Branch…: the panel shows what the working tree changes against the merge base of a branch. */
export function compareWithBranch(ctx: Ctx): Cmd {
  return compare(ctx, (resource) => chooseFolder(ctx, resource));
}

/** Statuses of every folder (for tests and the e2e harness). */
export function status(ctx: Ctx): Cmd {
  return () => ctx.request(FoldersRequest);
}

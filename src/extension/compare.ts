// "State Map: Compare with Branch…": a quick pick of the folder's local branches (the upstream, main or
// master first), then the server compares the working tree with the merge base of the one picked, with
// progress and Cancel, and the panel shows the change until "Back to the map".
import * as vscode from 'vscode';
import { BranchesRequest, type BranchList } from '../protocol/messages';
import type { Ctx } from './ctx';
import { MapPanel } from './panel';

/** The quick pick's items: the default first, then the other branches, most recent first. */
export function branchItems(list: BranchList): Array<vscode.QuickPickItem & { ref: string }> {
  const order = [...new Set([...(list.default ? [list.default] : []), ...list.branches])];
  return order.map((ref) => ({
    ref, label: `$(git-branch) ${ref}`,
    description: [ref === list.default ? 'default' : '', ref === list.current ? 'checked out: uncommitted changes only' : ''].filter(Boolean).join(' · ') || undefined,
  }));
}

/** Asks for the ref: a local branch, or any ref typed in (a tag, a commit, `origin/main`). */
function pickRef(list: BranchList): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { ref: string }>();
  const items = branchItems(list);
  qp.title = 'State Map: Compare with Branch';
  qp.placeholder = 'Compare the working tree with the merge base of… (or type a tag or commit)';
  qp.items = items;
  qp.onDidChangeValue((v) => {
    const typed = v.trim();
    qp.items = typed && !items.some((i) => i.ref === typed) ? [{ ref: typed, label: typed, description: 'a ref typed in' }, ...items] : items;
  });
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.ref ?? (qp.value.trim() || undefined));
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `(folder?, ref?)`: from the palette both are asked for; a test or a keybinding may give them. */
export function compareWithBranch(ctx: Ctx, chooseFolder: (resource?: vscode.Uri) => Promise<string | undefined>) {
  return async (resource?: vscode.Uri, ref?: string): Promise<boolean> => {
    const folder = await chooseFolder(resource instanceof vscode.Uri ? resource : undefined);
    if (!folder) return false;
    let chosen = typeof ref === 'string' ? ref : undefined;
    if (!chosen) {
      let list: BranchList;
      try {
        list = await ctx.request(BranchesRequest, { folder });
      } catch (err) {
        void vscode.window.showErrorMessage(`State Map: ${messageOf(err)}`);
        return false;
      }
      chosen = await pickRef(list);
      if (!chosen) return false;
    }
    const title = `State Map: comparing with ${chosen}`;
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) =>
        ctx.compare({ folder, ref: chosen }, (message) => progress.report({ message }), token));
    } catch (err) {
      // Cancel is the user's own doing: nothing to report
      if (err instanceof vscode.CancellationError || /cancel/i.test(messageOf(err))) return false;
      void vscode.window.showErrorMessage(`State Map: ${messageOf(err)}`);
      return false;
    }
    MapPanel.show(ctx, { folder, column: 'active' }).update();
    return true;
  };
}

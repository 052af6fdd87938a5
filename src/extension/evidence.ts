import * as vscode from 'vscode';
import type { Evidence, Target } from '../protocol/messages';

function targetWord(t: Target): string {
  return t.kind === 'edge' ? 'this edge' : t.kind === 'store' ? 'this store' : 'this service';
}

async function reveal(e: Evidence, preview: boolean): Promise<void> {
  const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
  // a preview keeps the focus in the quick pick, or the pick would close
  await vscode.window.showTextDocument(vscode.Uri.parse(e.uri), { selection: range, preview, preserveFocus: preview, viewColumn: vscode.ViewColumn.One });
}

/** One location opens it; several open a quick pick (moving through it previews each place). */
export async function openEvidence(list: Evidence[], target: Target): Promise<void> {
  if (list.length === 0) {
    void vscode.window.showInformationMessage(`State Map: no code locations for ${targetWord(target)}.`);
    return;
  }
  if (list.length === 1) {
    await reveal(list[0], false);
    return;
  }
  type Item = vscode.QuickPickItem & { evidence: Evidence };
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = `State Map: ${list.length} places for ${targetWord(target)}`;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.items = list.map((evidence) => ({ label: evidence.label, description: evidence.description, detail: evidence.detail, evidence }));
  qp.onDidChangeActive((items) => items[0] && void reveal(items[0].evidence, true));
  const chosen = await new Promise<Item | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (chosen) await reveal(chosen.evidence, false);
}

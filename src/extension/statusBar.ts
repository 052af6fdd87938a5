import * as vscode from 'vscode';
import { FileInfoRequest, type FileInfo } from '../protocol/messages';
import { SHOW_IN_MAP_COMMAND, type ShowInMapArgs } from '../protocol/commands';
import type { Ctx } from './ctx';
import { statusBarView } from './statusText';

/** Indexing progress, then the verdict of the active editor's service; a click opens the map on it. */
export class StateStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stateMap.status', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [];
  private info: FileInfo | undefined;
  private asked = 0;

  constructor(private readonly ctx: Ctx) {
    this.item.name = 'State Map';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      ctx.onStatus(() => this.render()),
      ctx.onMapChanged(() => void this.refresh()),
      ctx.onServerRunning(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('stateMap.statusBar') && this.render()),
    );
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    const ticket = ++this.asked;
    let info: FileInfo | undefined;
    if (doc && doc.uri.scheme === 'file') {
      try {
        info = await this.ctx.request(FileInfoRequest, { uri: doc.uri.toString() });
      } catch {
        info = undefined;
      }
    }
    if (ticket !== this.asked) return; // a newer editor change already answered
    this.info = info;
    this.render();
  }

  private render(): void {
    if (!this.ctx.config.statusBarEnabled) {
      this.item.hide();
      return;
    }
    const v = statusBarView(this.ctx.folderStatuses, this.info, this.ctx.serverRunning);
    this.item.text = v.text;
    this.item.tooltip = v.tooltip;
    this.item.backgroundColor = v.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : v.kind === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    const args: ShowInMapArgs | undefined = v.folder ? { folder: v.folder, target: v.service ? { kind: 'service', service: v.service } : undefined } : undefined;
    this.item.command = v.command ?? (args ? { title: 'Show State Map', command: SHOW_IN_MAP_COMMAND, arguments: [args] } : 'stateMap.show');
    this.item.accessibilityInformation = { label: v.tooltip };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

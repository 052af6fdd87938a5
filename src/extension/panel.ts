import * as vscode from 'vscode';
import { CompareEndRequest, FoldersRequest, LocationsRequest, ViewRequest, type CompareItem, type FolderStatus, type Target, type ViewFilter, type ViewResult } from '../protocol/messages';
import type { FromWebview, PanelState, ToWebview } from '../protocol/webview';
import { ServerStopped, type Ctx } from './ctx';
import { openEvidence } from './evidence';
import { makeNonce, panelHtml } from './html';
import { emptyState, filterHides, pickFolder, validFilter } from './panelModel';
import { StateTree } from './treeView';

interface Rendered {
  folder: string;
  version: number;
  ms: number;
  nodes: number;
  layout: string;
  /** The comparison's lines as the webview shows them, when it shows one. */
  changes?: string[];
}

/**
 * The State Map webview panel (one per window). It asks the server for Mermaid text and posts it to the
 * webview, which draws it; clicks come back as targets and open their evidence. It redraws when the
 * server says the map changed, and the webview keeps the user's zoom and scroll.
 */
export class MapPanel implements vscode.Disposable {
  static readonly viewType = 'stateMap.panel';
  private static current: MapPanel | undefined;

  private folder: string | undefined;
  private filter: ViewFilter = {};
  private ready = false;
  private updating: Promise<void> | undefined;
  private again = false;
  private pendingFocus: Target | undefined;
  private readonly svgRequests = new Map<number, (r: { svg?: string; error?: string }) => void>();
  private nextRequest = 1;
  private readonly renderWaiters: Array<(r: Rendered) => void> = [];
  /** The last diagram the webview drew (for Export as SVG and tests). */
  lastRendered: Rendered | undefined;
  /** The target last sent to the webview to select (for tests). */
  lastSelected: Target | undefined;
  /** Why the webview could not draw the last diagram, until it draws one. */
  lastRenderError: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The comparison's lines last posted (a click on one sends its index). */
  private changes: CompareItem[] = [];

  /**
   * Opens the panel, or brings the open one forward where it is. `column`: `active` (Show State Map)
   * opens a new panel in the active editor group, `beside` (Show to the Side, Show in State Map) next to
   * it; an open panel moves only when it would cover the editor "to the side" was asked from.
   */
  static show(ctx: Ctx, opts: { folder?: string; target?: Target; column?: 'active' | 'beside' } = {}): MapPanel {
    const existing = MapPanel.current;
    const beside = opts.column === 'beside';
    if (existing) {
      if (!existing.panel.visible) existing.ready = false;
      const covers = beside && existing.panel.active && !!vscode.window.activeTextEditor && existing.panel.viewColumn === vscode.window.activeTextEditor.viewColumn;
      existing.panel.reveal(covers ? vscode.ViewColumn.Beside : existing.panel.viewColumn, beside);
      existing.open(opts.folder, opts.target);
      return existing;
    }
    const viewColumn = beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(MapPanel.viewType, 'State Map', { viewColumn, preserveFocus: beside }, MapPanel.options(ctx));
    MapPanel.current = new MapPanel(ctx, panel, opts.folder ?? ctx.activeFolder());
    if (opts.target) MapPanel.current.pendingFocus = opts.target;
    return MapPanel.current;
  }

  /** A panel VS Code restores after a reload. */
  static revive(ctx: Ctx, panel: vscode.WebviewPanel, state: { folder?: string; filter?: ViewFilter } | undefined): void {
    panel.webview.options = MapPanel.options(ctx);
    MapPanel.current = new MapPanel(ctx, panel, state?.folder);
    if (state?.filter) MapPanel.current.filter = state.filter;
  }

  static get instance(): MapPanel | undefined {
    return MapPanel.current;
  }

  private static options(ctx: Ctx): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(ctx.extension.extensionUri, 'media')] };
  }

  private constructor(private readonly ctx: Ctx, readonly panel: vscode.WebviewPanel, folder: string | undefined) {
    this.folder = folder;
    const media = (...p: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(ctx.extension.extensionUri, 'media', ...p)).toString();
    panel.iconPath = vscode.Uri.joinPath(ctx.extension.extensionUri, 'media', 'icon.png');
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource, nonce: makeNonce(),
      scriptUri: media('dist', 'webview.js'), styleUri: media('panel.css'), elkUri: media('dist', 'elk.js'),
    });
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      // a hidden webview is torn down (no retainContextWhenHidden): it says `ready` again when shown
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((m: FromWebview) => this.receive(m)),
      ctx.onMapChanged((m) => m.folder === this.folder && this.update()),
      ctx.onStatus((s) => this.status(s)),
      ctx.onServerRunning(() => this.update()),
    );
  }

  /** Resolves when the webview next finishes drawing a diagram. */
  whenRendered(): Promise<Rendered> {
    return new Promise((resolve) => this.renderWaiters.push(resolve));
  }

  requestSvg(): Promise<{ svg?: string; error?: string }> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.svgRequests.set(requestId, resolve);
      this.post({ type: 'exportSvg', requestId });
      setTimeout(() => {
        if (this.svgRequests.delete(requestId)) resolve({ error: 'the panel did not answer' });
      }, 10_000);
    });
  }

  get currentFolder(): string | undefined {
    return this.folder;
  }

  private open(folder: string | undefined, target: Target | undefined): void {
    const changed = !!folder && folder !== this.folder;
    if (folder) this.folder = folder;
    const unfilter = !!target && filterHides(this.filter, target);
    if (unfilter) this.filter = {};
    // the diagram on screen has the target: select it there, without a redraw that would lose the selection
    if (target && this.ready && !changed && !unfilter && this.lastRendered?.folder === this.folder && !this.updating) {
      this.select(target);
      return;
    }
    if (target) this.pendingFocus = target;
    if (changed || target) this.update();
  }

  /** Selects and highlights a node or edge in the webview, others faded, scrolled into view. */
  private select(target: Target): void {
    this.lastSelected = target;
    this.post({ type: 'select', target });
    // webviews built before `select` highlight on `focus`; both lead to the same highlighting
    this.post({ type: 'focus', target });
  }

  private status(s: FolderStatus): void {
    // the first status of a (re)started server tells the panel which folders there are
    if (!this.folder) return this.update();
    if (s.folder !== this.folder) return;
    this.post({ type: 'status', status: s });
    // the end of an indexing without a new map (cancelled, failed) changes the empty state
    if (s.state !== 'indexing') this.update();
  }

  /** Fetches the view and posts it; calls that come while one runs are folded into one more run. */
  update(): void {
    if (!this.ready) return;
    if (this.updating) {
      this.again = true;
      return;
    }
    this.updating = this.fetchAndPost()
      .catch((err) => this.ctx.output.error(`State Map panel: ${String(err)}`))
      .finally(() => {
        this.updating = undefined;
        if (this.again) {
          this.again = false;
          this.update();
        }
      });
  }

  private async fetchAndPost(): Promise<void> {
    let folders: FolderStatus[] = [];
    try {
      folders = await this.ctx.request(FoldersRequest);
    } catch (err) {
      const message = err instanceof ServerStopped
        ? 'It stopped after crashing several times, or could not start. The output has the details.'
        : `It did not answer: ${String(err)}`;
      this.post({ type: 'state', state: { folders: [], filter: this.filter, empty: { reason: 'stopped', message } } });
      return;
    }
    this.folder = pickFolder(folders, this.folder, this.ctx.activeFolder());
    let view: ViewResult | undefined;
    if (this.folder) {
      view = await this.ctx.request(ViewRequest, { folder: this.folder, filter: this.filter });
      const filter = validFilter(this.filter, view);
      if (JSON.stringify(filter) !== JSON.stringify(this.filter)) {
        this.filter = filter;
        view = await this.ctx.request(ViewRequest, { folder: this.folder, filter });
      }
    }
    const empty = emptyState(folders, this.folder, view, vscode.workspace.workspaceFolders?.length ?? 0);
    const name = folders.find((f) => f.folder === this.folder)?.name;
    this.panel.title = folders.length > 1 && name ? `State Map: ${name}` : 'State Map';
    this.changes = view?.compare?.items ?? [];
    const state: PanelState = { folders, folder: this.folder, filter: this.filter, view, empty };
    this.post({ type: 'state', state });
    if (this.pendingFocus && !state.empty) {
      this.select(this.pendingFocus);
      this.pendingFocus = undefined;
    }
  }

  private async receive(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.update();
        return;
      case 'filter':
        this.filter = m.filter;
        this.update();
        return;
      case 'folder':
        this.folder = m.folder;
        this.filter = {};
        this.update();
        return;
      case 'select':
        if (!this.folder) return;
        // the tree follows what the user picked on the map
        void StateTree.instance?.reveal(this.folder, m.target);
        await openEvidence(await this.ctx.request(LocationsRequest, { folder: this.folder, target: m.target }), m.target);
        return;
      case 'command':
        await vscode.commands.executeCommand(m.command === 'openLogs' ? 'stateMap.showOutput' : `stateMap.${m.command}`, this.folder && vscode.Uri.parse(this.folder));
        if (m.command === 'restartServer') this.update();
        return;
      case 'endCompare':
        await this.endCompare();
        this.update();
        return;
      case 'openChange': {
        const c = this.changes[m.index];
        if (c?.uri && c.range) await openEvidence([{ uri: c.uri, range: c.range, label: c.text, detail: c.service, description: c.where ?? '' }], { kind: 'service', service: '' });
        return;
      }
      case 'rendered':
        this.lastRendered = { folder: m.folder, version: m.version, ms: m.ms, nodes: m.nodes, layout: m.layout, ...(m.changes ? { changes: m.changes } : {}) };
        this.lastRenderError = undefined;
        this.ctx.output.info(`drew ${m.nodes} nodes with ${m.layout} in ${m.ms} ms`);
        for (const w of this.renderWaiters.splice(0)) w(this.lastRendered);
        return;
      case 'renderError':
        this.lastRenderError = m.message;
        this.ctx.output.error(`State Map panel could not draw the diagram: ${m.message}`);
        return;
      case 'svg':
        this.svgRequests.get(m.requestId)?.({ svg: m.svg, error: m.error });
        this.svgRequests.delete(m.requestId);
        return;
    }
  }

  /** "Back to the map" (and a closed panel): the server forgets the comparison. */
  private async endCompare(): Promise<void> {
    if (this.folder) await this.ctx.request(CompareEndRequest, { folder: this.folder }).catch(() => undefined);
  }

  private post(m: ToWebview): void {
    void this.panel.webview.postMessage(m);
  }

  dispose(): void {
    if (MapPanel.current === this) MapPanel.current = undefined;
    // a comparison is what the panel shows: with the panel gone, hovers stop saying what is new
    if (this.changes.length || this.lastRendered?.changes) void this.endCompare();
    for (const [, r] of this.svgRequests) r({ error: 'the panel was closed' });
    this.svgRequests.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

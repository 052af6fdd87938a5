import * as vscode from 'vscode';
import { FoldersRequest, LocationsRequest, OutlineRequest, type Outline, type Target } from '../protocol/messages';
import type { Ctx } from './ctx';
import { treeItem } from './treeItems';
import { TreeModel, type TreeNode } from './treeModel';

/**
 * The State Map tree view (its own view container): the map as a tree a keyboard and a screen reader
 * can walk at any size. It asks the server for each folder's outline, again whenever a map changes;
 * the places under an edge are asked for when it is expanded.
 */
export class StateTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  static readonly viewId = 'stateMap.tree';
  private static current: StateTree | undefined;

  readonly view: vscode.TreeView<TreeNode>;
  private model = new TreeModel([]);
  private readonly places = new Map<string, TreeNode[]>();
  private readonly placeParents = new Map<string, TreeNode>();
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private loading: Promise<void> | undefined;
  private again = false;
  /** A target to reveal when the view is next shown (it was hidden when "Show in State Map" ran). */
  private pendingReveal: { folder: string; target: Target } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx) {
    this.view = vscode.window.createTreeView(StateTree.viewId, { treeDataProvider: this, showCollapseAll: true });
    StateTree.current = this;
    this.view.message = 'Starting the State Map server…';
    this.disposables.push(
      this.view, this.changed,
      ctx.onMapChanged(() => this.reload()),
      ctx.onServerRunning(() => this.reload()),
      ctx.onStatus((s) => s.state !== 'indexing' && this.reload()),
      this.view.onDidChangeVisibility((e) => e.visible && this.pendingReveal && void this.reveal(this.pendingReveal.folder, this.pendingReveal.target)),
    );
    this.reload();
  }

  static get instance(): StateTree | undefined {
    return StateTree.current;
  }

  /** Loads every folder's outline; calls while one runs fold into one more. Resolves when the tree is current. */
  reload(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = this.load()
      .catch((err) => {
        this.view.message = `The State Map server did not answer: ${String(err)}`;
      })
      .finally(() => {
        this.loading = undefined;
        if (this.again) {
          this.again = false;
          void this.reload();
        }
      });
    return this.loading;
  }

  private async load(): Promise<void> {
    const folders = await this.ctx.request(FoldersRequest);
    const outlines: Array<{ folder: string; name: string; outline: Outline | undefined }> = [];
    for (const f of folders) outlines.push({ folder: f.folder, name: f.name, outline: await this.ctx.request(OutlineRequest, { folder: f.folder }) });
    this.model = new TreeModel(outlines.map((o) => ({ ...o, outline: o.outline?.status.version ? o.outline : undefined })));
    this.places.clear();
    this.placeParents.clear();
    const ready = outlines.filter((o) => o.outline?.status.version);
    this.view.message = folders.length === 0
      ? 'Open a folder with JavaScript or TypeScript code to see where its state lives.'
      : ready.length === 0 ? (folders[0].message ? `${folders[0].message}…` : 'Analyzing…') : undefined;
    const services = ready.reduce((n, o) => n + (o.outline?.services.length ?? 0), 0);
    this.view.description = ready.length ? `${services} service${services === 1 ? '' : 's'}` : undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(n: TreeNode): vscode.TreeItem {
    return treeItem(n);
  }

  async getChildren(n?: TreeNode): Promise<TreeNode[]> {
    if (n?.type !== 'edge') return this.model.childrenOf(n);
    const cached = this.places.get(n.id);
    if (cached) return cached;
    const list = await this.ctx.request(LocationsRequest, { folder: n.folder, target: { kind: 'edge', service: n.service.id, store: n.store.id } });
    const kids: TreeNode[] = list.map((evidence, i) => ({ type: 'place', id: `${n.id}|${i}`, folder: n.folder, evidence }));
    for (const k of kids) this.placeParents.set(k.id, n);
    this.places.set(n.id, kids);
    return kids;
  }

  getParent(n: TreeNode): TreeNode | undefined {
    return this.placeParents.get(n.id) ?? this.model.parentOf(n);
  }

  /** Selects the node of a map target; when the view is hidden, when it is next shown (never pulling it into view). */
  async reveal(folder: string, target: Target): Promise<TreeNode | undefined> {
    if (this.loading) await this.loading;
    if (!this.view.visible) {
      this.pendingReveal = { folder, target };
      return undefined;
    }
    this.pendingReveal = undefined;
    const node = this.model.find(folder, target);
    if (node) await this.view.reveal(node, { select: true, focus: false, expand: false });
    return node;
  }

  /** The selected nodes (for tests and commands run from the keyboard). */
  get selection(): readonly TreeNode[] {
    return this.view.selection;
  }

  dispose(): void {
    if (StateTree.current === this) StateTree.current = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

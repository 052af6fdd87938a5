// The State Map tree, decided without VS Code: Services → stores → places, Stores → services, Hazards →
// places, per folder. Ids are stable across redraws (made of folder, service and store ids), so the
// tree keeps what the user expanded when the map changes, and "Show in State Map" can reveal a node.
import type { Evidence, Outline, OutlineHazard, OutlineService, OutlineStore, Target } from '../protocol/messages';

export type Group = 'services' | 'stores' | 'hazards';

interface Base {
  id: string;
  folder: string;
}

export type TreeNode =
  | (Base & { type: 'folder'; name: string })
  | (Base & { type: 'group'; group: Group; count: number })
  | (Base & { type: 'service'; service: OutlineService; stores: number; hazards: number })
  | (Base & { type: 'store'; store: OutlineStore; services: number })
  /** A service's store (under Services) or a store's service (under Stores); its places come from the server. */
  | (Base & { type: 'edge'; service: OutlineService; store: OutlineStore; access: 'read' | 'write' | 'readwrite'; places: number; under: 'service' | 'store' })
  | (Base & { type: 'hazard'; hazard: OutlineHazard; service?: OutlineService })
  | (Base & { type: 'place'; evidence: Evidence });

const GROUP_TITLES: Record<Group, string> = { services: 'Services', stores: 'Stores', hazards: 'Hazards' };

export function groupTitle(g: Group, count: number): string {
  return `${GROUP_TITLES[g]} (${count})`;
}

export function accessShort(a: 'read' | 'write' | 'readwrite'): string {
  return a === 'readwrite' ? 'read/write' : a;
}

/** The target a node stands for on the map, if any. */
export function targetOf(n: TreeNode): Target | undefined {
  if (n.type === 'service') return { kind: 'service', service: n.service.id };
  if (n.type === 'store') return { kind: 'store', store: n.store.id };
  if (n.type === 'edge') return { kind: 'edge', service: n.service.id, store: n.store.id };
  if (n.type === 'hazard') return { kind: 'service', service: n.hazard.service };
  return undefined;
}

export class TreeModel {
  private readonly parents = new Map<string, TreeNode | undefined>();
  private readonly children = new Map<string, TreeNode[]>();
  private readonly byId = new Map<string, TreeNode>();
  private roots: TreeNode[] = [];

  /** `outlines`: one per workspace folder, in the order VS Code lists them. */
  constructor(outlines: ReadonlyArray<{ folder: string; name: string; outline: Outline | undefined }>) {
    const many = outlines.length > 1;
    for (const o of outlines) {
      const groups = o.outline ? this.groups(o.folder, o.outline) : [];
      if (many) {
        const folder: TreeNode = { type: 'folder', id: `${o.folder}`, folder: o.folder, name: o.name };
        this.add(undefined, folder);
        for (const g of groups) this.addTree(folder, g);
      } else {
        for (const g of groups) this.addTree(undefined, g);
      }
    }
  }

  childrenOf(n?: TreeNode): TreeNode[] {
    return n ? this.children.get(n.id) ?? [] : this.roots;
  }

  parentOf(n: TreeNode): TreeNode | undefined {
    return this.parents.get(n.id);
  }

  get(id: string): TreeNode | undefined {
    return this.byId.get(id);
  }

  /** The node to reveal for a map target: a service or an edge under Services, a store under Stores. */
  find(folder: string, t: Target): TreeNode | undefined {
    const base = `${folder}|`;
    if (t.kind === 'service') return this.get(`${base}services|${t.service}`);
    if (t.kind === 'store') return this.get(`${base}stores|${t.store}`);
    return this.get(`${base}services|${t.service}|${t.store}`) ?? this.get(`${base}services|${t.service}`);
  }

  private add(parent: TreeNode | undefined, n: TreeNode): void {
    this.parents.set(n.id, parent);
    this.byId.set(n.id, n);
    if (parent) {
      const list = this.children.get(parent.id) ?? [];
      list.push(n);
      this.children.set(parent.id, list);
    } else {
      this.roots.push(n);
    }
  }

  private addTree(parent: TreeNode | undefined, t: { node: TreeNode; kids: Array<{ node: TreeNode; kids: unknown[] }> }): void {
    this.add(parent, t.node);
    for (const k of t.kids) this.addTree(t.node, k as typeof t);
  }

  private groups(folder: string, o: Outline): Array<{ node: TreeNode; kids: Array<{ node: TreeNode; kids: unknown[] }> }> {
    const services = new Map(o.services.map((s) => [s.id, s]));
    const stores = new Map(o.stores.map((s) => [s.id, s]));
    const edges = o.edges.filter((e) => services.has(e.service) && stores.has(e.store));
    const base = `${folder}|`;
    const leaf = (node: TreeNode) => ({ node, kids: [] as unknown[] });
    const serviceKids = o.services.map((s) => {
      const mine = edges.filter((e) => e.service === s.id);
      const hazards = o.hazards.filter((h) => h.service === s.id).length;
      const node: TreeNode = { type: 'service', id: `${base}services|${s.id}`, folder, service: s, stores: mine.length, hazards };
      const kids = mine.map((e) => leaf({ type: 'edge', id: `${node.id}|${e.store}`, folder, service: s, store: stores.get(e.store)!, access: e.access, places: e.places, under: 'service' }));
      return { node, kids };
    });
    const storeKids = o.stores.map((st) => {
      const mine = edges.filter((e) => e.store === st.id);
      const node: TreeNode = { type: 'store', id: `${base}stores|${st.id}`, folder, store: st, services: mine.length };
      const kids = mine.map((e) => leaf({ type: 'edge', id: `${node.id}|${e.service}`, folder, service: services.get(e.service)!, store: st, access: e.access, places: e.places, under: 'store' }));
      return { node, kids };
    });
    const hazardKids = o.hazards.map((h, i) => {
      const node: TreeNode = { type: 'hazard', id: `${base}hazards|${i}|${h.kind}`, folder, hazard: h, service: services.get(h.service) };
      return { node, kids: h.places.map((p, j) => leaf({ type: 'place', id: `${node.id}|${j}`, folder, evidence: p })) };
    });
    const group = (g: Group, kids: Array<{ node: TreeNode; kids: unknown[] }>) => ({
      node: { type: 'group', id: `${base}${g}`, folder, group: g, count: kids.length } as TreeNode,
      kids,
    });
    return [group('services', serviceKids), group('stores', storeKids), group('hazards', hazardKids)];
  }
}

import { pushTo } from '../core/grouping';
import { STORE_KINDS, isStoreKind } from '../catalog/kinds';
import type { Access } from '../catalog/types';
import type { Edge, Service, StateMap, Store } from '../core/model/types';
import { mermaidWithIds, visible, type MermaidIds, type MermaidOptions } from '../render/mermaid';
import type { LayoutName, ServiceSummary, ViewFilter, ViewResult } from '../protocol/messages';
import { PANEL_MAX_EDGES, PANEL_MAX_TEXT_SIZE, SUMMARY_NODE_THRESHOLD } from '../protocol/webview';
import { KIND_NODE_PREFIX } from './evidence';
import type { LayoutSetting } from './settings';

/** The drawn part of a view: what `stateMap/view` answers besides the folder's status and filters. */
export type DrawnView = Pick<ViewResult, 'mermaid' | 'ids' | 'layout' | 'collapse' | 'nodes' | 'edges' | 'note'>;

export interface ViewOptions {
  layout: LayoutSetting;
  showEnvironment: boolean;
  /** Limits the panel's Mermaid is initialised with (tests use smaller ones). */
  maxTextSize?: number;
  maxEdges?: number;
}

function union(a: Access, b: Access): Access {
  return a === b ? a : 'readwrite';
}

/** One store node per kind ("PostgreSQL ×12"), edges merged per service and kind. */
export function collapseStoreKinds(map: StateMap): StateMap {
  const byKind = new Map<string, Store[]>();
  for (const s of map.stores) pushTo(byKind, s.kind, s);
  const stores: Store[] = [...byKind].map(([kind, list]) => {
    const label = isStoreKind(kind) ? STORE_KINDS[kind].label : list[0].label;
    return { id: `${KIND_NODE_PREFIX}${kind}`, kind: list[0].kind, label: list.length > 1 ? `${label} ×${list.length}` : label };
  });
  const kindOf = new Map(map.stores.map((s) => [s.id, s.kind]));
  const edges = new Map<string, Edge>();
  for (const e of map.edges) {
    const store = `${KIND_NODE_PREFIX}${kindOf.get(e.store)}`;
    const key = `${e.service}\0${store}`;
    const prev = edges.get(key);
    if (prev) edges.set(key, { ...prev, access: union(prev.access, e.access), locations: [...prev.locations, ...e.locations] });
    else edges.set(key, { ...e, store });
  }
  return { ...map, stores, edges: [...edges.values()] };
}

/** "2 stores: PostgreSQL w · Redis rw · in-process 1": a service's stores by kind, for the summary view. */
export function storesLine(map: StateMap, serviceId: string, opts: MermaidOptions): string {
  const vis = visible(map, { ...opts, services: [serviceId] });
  const byId = new Map(map.stores.map((st) => [st.id, st]));
  const kinds = new Map<string, Access>();
  let inProcess = 0;
  for (const e of vis.edges) {
    const store = byId.get(e.store);
    if (!store) continue;
    if (store.kind === 'memory' || store.kind === 'filesystem') {
      inProcess += e.locations.length;
      continue;
    }
    const label = isStoreKind(store.kind) ? STORE_KINDS[store.kind].label : store.label;
    const prev = kinds.get(label);
    kinds.set(label, prev ? union(prev, e.access) : e.access);
  }
  const n = vis.edges.length;
  if (n === 0) return 'no stores';
  const parts = [...kinds].map(([label, a]) => `${label} ${a === 'readwrite' ? 'rw' : a === 'read' ? 'r' : 'w'}`);
  if (inProcess) parts.push(`in-process ${inProcess}`);
  return `${n} store${n === 1 ? '' : 's'}: ${parts.join(' · ')}`;
}

/**
 * Services only, each listing the stores it touches, laid out as a grid (invisible links make the
 * rows): a map of hundreds of nodes where every edge would cross every other reads as a table instead.
 */
export function summaryView(map: StateMap, opts: MermaidOptions): { text: string; ids: MermaidIds; links: number } {
  const vis = visible(map, opts);
  // a store and its access stay on one line when the label wraps ("Redis w", not "Redis" and a lone "w")
  const keepTogether = (line: string) => line.replace(/ (rw|r|w|\d+)(?= ·|$)/g, '\u00a0$1');
  const services = vis.services.map((s) => ({ ...s, name: `${s.name}\n${keepTogether(storesLine(map, s.id, opts))}` }));
  const r = mermaidWithIds({ ...map, services, stores: [], edges: [] }, { direction: 'TB' });
  const byKind = new Map<string, string[]>();
  for (const s of services) pushTo(byKind, s.kind, r.ids.services[s.id]);
  const links: string[] = [];
  for (const ids of byKind.values()) {
    // in a TB flowchart each chain of `~~~` links comes out as one row of the grid: services in reading
    // order, `columns` to a row (only the last row shorter)
    const columns = Math.min(8, Math.max(1, Math.round(Math.sqrt(ids.length * 1.5))));
    for (let i = 1; i < ids.length; i++) if (i % columns !== 0) links.push(`  ${ids[i - 1]} ~~~ ${ids[i]}`);
  }
  const lines = r.text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('  classDef'));
  lines.splice(at < 0 ? lines.length : at, 0, ...links);
  return { text: lines.join('\n'), ids: r.ids, links: links.length };
}

/**
 * The Mermaid the panel draws for a map and a filter. Up to SUMMARY_NODE_THRESHOLD nodes: the whole map.
 * Above it, unless filtered or a layout is chosen: a summary, each service listing its stores (the user
 * filters to see edges). Mermaid refuses text over `maxTextSize` and more than
 * `maxEdges` edges: beyond them stores of one kind become one node, then the summary, then nothing
 * (the panel asks for a filter).
 */
export function drawView(map: StateMap, filter: ViewFilter, o: ViewOptions): DrawnView {
  const maxText = o.maxTextSize ?? PANEL_MAX_TEXT_SIZE;
  const maxEdges = o.maxEdges ?? PANEL_MAX_EDGES;
  const opts: MermaidOptions = {
    showEnv: o.showEnvironment || filter.storeKind === 'env',
    services: filter.service ? [filter.service] : undefined,
    storeKinds: filter.storeKind ? [filter.storeKind] : undefined,
  };
  const vis = visible(map, opts);
  const nodes = vis.services.length + vis.stores.length;
  const edges = vis.edges.length;
  const big = nodes > SUMMARY_NODE_THRESHOLD;
  // measured on a 70-service map: with the renderer's subgraphs, dagre reads better than ELK and draws in a
  // third of the time, so ELK (a separate chunk the panel loads on demand) is used only when chosen
  const layout: LayoutName = o.layout === 'auto' ? 'dagre' : o.layout;
  // Mermaid counts every link, the summary's invisible ones too
  const fits = (r: { text: string; ids: MermaidIds; links?: number }): boolean => r.text.length <= maxText && r.ids.edges.length + (r.links ?? 0) <= maxEdges;
  const filtered = !!(filter.service || filter.storeKind);
  const summaryNote = (why: string): string => `${why}: each service lists the stores it touches. Choose a service or a store kind above to see its edges.`;

  if (o.layout === 'auto' && big && !filtered) {
    const summary = summaryView(map, opts);
    if (fits(summary)) {
      const note = summaryNote(`${nodes} nodes and ${edges} edges are too many to read at once`);
      return { mermaid: summary.text, ids: summary.ids, layout: 'dagre', collapse: 'summary', nodes, edges, note };
    }
  }
  const full = mermaidWithIds(map, opts);
  if (fits(full)) return { mermaid: full.text, ids: full.ids, layout, collapse: 'none', nodes, edges };

  const kinds = mermaidWithIds(collapseStoreKinds(map), opts);
  if (fits(kinds)) {
    // each store is also listed under its kind's node, so a hover's "Show in State Map" finds it
    for (const s of map.stores) {
      const node = kinds.ids.stores[`${KIND_NODE_PREFIX}${s.kind}`];
      if (node) kinds.ids.stores[s.id] ??= node;
    }
    const note = `${nodes} nodes and ${edges} edges are more than the panel draws: stores of one kind are shown as one node. Choose a service or a store kind above to see each store.`;
    return { mermaid: kinds.text, ids: kinds.ids, layout, collapse: 'kinds', nodes, edges, note };
  }
  const summary = summaryView(map, opts);
  if (fits(summary)) {
    const note = summaryNote(`${nodes} nodes and ${edges} edges are more than the panel draws`);
    return { mermaid: summary.text, ids: summary.ids, layout: 'dagre', collapse: 'summary', nodes, edges, note };
  }
  const note = `${nodes} nodes and ${edges} edges are too many to draw. Choose a service or a store kind above.`;
  return { layout, collapse: 'too-large', nodes, edges, note };
}

export function serviceSummary(s: Service): ServiceSummary {
  return { id: s.id, name: s.name, verdict: s.verdict, honest: s.honest, claim: s.claim.stateless };
}

/** The store kinds a map touches, for the panel's filter (`env` only when it is shown). */
export function storeKinds(map: StateMap, showEnvironment: boolean): Array<{ kind: string; label: string }> {
  const kinds = new Map<string, string>();
  for (const s of map.stores) if (showEnvironment || s.kind !== 'env') kinds.set(s.kind, isStoreKind(s.kind) ? STORE_KINDS[s.kind].label : s.label);
  return [...kinds].map(([kind, label]) => ({ kind, label })).sort((a, b) => a.label.localeCompare(b.label));
}

import { pushTo } from '../core/grouping';
import { STORE_KINDS, isStoreKind } from '../catalog/kinds';
import type { Access } from '../catalog/types';
import type { Edge, StateMap, Store } from '../core/model/types';
import { mermaidWithIds, visible, type MermaidIds, type MermaidOptions } from './mermaid';

/** GitHub refuses a Mermaid diagram of more than 500 edges. */
export const MERMAID_MAX_EDGES = 500;
/** Mermaid refuses text over 50,000 characters by default; the margin leaves room for what a reader's renderer adds. */
export const MERMAID_MAX_TEXT = 40_000;

/** How a diagram was made to fit: `kinds`, stores of one kind as one node; `summary`, services listing their stores. */
export type Collapse = 'none' | 'kinds' | 'summary';

export interface FittedMermaid {
  text: string;
  ids: MermaidIds;
  collapse: Collapse;
  /** What was collapsed and why, a sentence for the reader; absent when nothing was. */
  note?: string;
}

function union(a: Access, b: Access): Access {
  return a === b ? a : 'readwrite';
}

function kindLabel(store: Store): string {
  return isStoreKind(store.kind) ? STORE_KINDS[store.kind].label : store.label;
}

/** One store node per kind ("PostgreSQL ×12"), each service's edges to that kind merged into one. */
function byStoreKind(map: StateMap): StateMap {
  const byKind = new Map<string, Store[]>();
  for (const s of map.stores) pushTo(byKind, s.kind, s);
  const stores: Store[] = [...byKind].map(([kind, list]) => ({
    id: `kind:${kind}`, kind: list[0].kind, label: list.length > 1 ? `${kindLabel(list[0])} ×${list.length}` : kindLabel(list[0]),
  }));
  const kindOf = new Map(map.stores.map((s) => [s.id, s.kind]));
  const edges = new Map<string, Edge>();
  for (const e of map.edges) {
    const store = `kind:${kindOf.get(e.store)}`;
    const key = `${e.service}\0${store}`;
    const prev = edges.get(key);
    edges.set(key, prev ? { ...prev, access: union(prev.access, e.access), locations: [...prev.locations, ...e.locations] } : { ...e, store });
  }
  return { ...map, stores, edges: [...edges.values()] };
}

/** "Redis rw · PostgreSQL w ×2": a service's stores by kind, for a diagram without edges. */
function storesLine(map: StateMap, serviceId: string): string {
  const byId = new Map(map.stores.map((s) => [s.id, s]));
  const kinds = new Map<string, { access: Access; n: number }>();
  for (const e of map.edges) {
    const store = byId.get(e.store);
    if (e.service !== serviceId || !store) continue;
    const label = kindLabel(store);
    const prev = kinds.get(label);
    kinds.set(label, prev ? { access: union(prev.access, e.access), n: prev.n + 1 } : { access: e.access, n: 1 });
  }
  if (kinds.size === 0) return 'no stores';
  return [...kinds].map(([label, k]) => `${label} ${k.access === 'readwrite' ? 'rw' : k.access === 'read' ? 'r' : 'w'}${k.n > 1 ? ` ×${k.n}` : ''}`).join(' · ');
}

const fits = (r: { text: string; ids: MermaidIds }): boolean => r.text.length <= MERMAID_MAX_TEXT && r.ids.edges.length <= MERMAID_MAX_EDGES;

/**
 * The diagram of a map as GitHub and Mermaid will draw it: the whole map when it fits; else stores of
 * one kind as one node; else the services alone, each listing its stores (as many as fit).
 */
export function fitMermaid(map: StateMap, opts: MermaidOptions = {}): FittedMermaid {
  const full = mermaidWithIds(map, opts);
  if (fits(full)) return { ...full, collapse: 'none' };
  // what the filter keeps, as a map of its own: the collapsed forms then count only what is shown
  const vis = { ...map, ...visible(map, opts) };
  const size = `${vis.services.length} services, ${vis.stores.length} stores and ${vis.edges.length} edges`;
  const kinds = mermaidWithIds(byStoreKind(vis), opts);
  if (fits(kinds)) {
    return noted(kinds, 'kinds', `${size} are more than GitHub draws (${MERMAID_MAX_EDGES} edges), so stores of one kind are shown as one node.`);
  }
  // the services are already filtered; a store-kind filter would now drop them all, having no edges
  const plain: MermaidOptions = { direction: opts.direction, showEnv: true, serviceMark: opts.serviceMark };
  const services = vis.services.map((s) => ({ ...s, name: `${s.name}\n${storesLine(vis, s.id)}` }));
  const summary = (n: number): FittedMermaid => {
    const which = n === services.length ? 'each service is shown with the stores it touches' : `only the first ${n} services are shown, each with the stores it touches`;
    const r = mermaidWithIds({ ...vis, services: services.slice(0, n), stores: [], edges: [] }, plain);
    return noted(r, 'summary', `${size} are more than GitHub draws (${MERMAID_MAX_EDGES} edges), so ${which}, without edges.`);
  };
  const all = summary(services.length);
  if (fits(all)) return all;
  // the largest count that fits: text grows with each service
  let lo = 0;
  let hi = services.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(summary(mid))) lo = mid;
    else hi = mid - 1;
  }
  return summary(lo);
}

/** The note also as a Mermaid comment under the first line, for whoever reads the `.mmd` alone. */
function noted(r: { text: string; ids: MermaidIds }, collapse: Collapse, note: string): FittedMermaid {
  const [head, ...rest] = r.text.split('\n');
  return { text: [head, `  %% Collapsed: ${note}`, ...rest].join('\n'), ids: r.ids, collapse, note };
}

/** Mermaid flowchart of services and the stores they touch, collapsed (and saying so) when too big to draw. */
export function renderMermaid(map: StateMap, opts: MermaidOptions = {}): string {
  return fitMermaid(map, opts).text;
}

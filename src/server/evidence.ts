import type { Edge, StateMap, Store } from '../core/model/types';
import type { Target } from '../protocol/messages';
import { accessWord, basename, indexes, operationText, storeName } from './describe';

/** Collapsed views draw one node per store kind; its id is the kind behind this prefix. */
export const KIND_NODE_PREFIX = '*';

export interface EvidenceItem {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  label: string;
  detail: string;
}

/** The stores a view's store id stands for: itself, or every store of a kind for a collapsed node. */
export function storesOf(map: StateMap, storeId: string): Store[] {
  if (storeId.startsWith(KIND_NODE_PREFIX)) {
    const kind = storeId.slice(KIND_NODE_PREFIX.length);
    return map.stores.filter((s) => s.kind === kind);
  }
  return map.stores.filter((s) => s.id === storeId);
}

/**
 * The evidence behind what the user clicked: for an edge its locations, for a store every location that
 * touches it, for a service its claim sources, hazards and every location. Sorted by file and line, no duplicates.
 */
export function evidenceFor(map: StateMap, target: Target, opts: { showEnvironment?: boolean } = {}): EvidenceItem[] {
  const idx = indexes(map);
  const items: EvidenceItem[] = [];
  const fromEdges = (edges: Edge[]): void => {
    for (const e of edges) {
      const store = idx.store.get(e.store);
      if (store?.kind === 'env' && !opts.showEnvironment && target.kind !== 'store') continue;
      const service = idx.service.get(e.service);
      for (const l of e.locations) {
        items.push({
          file: l.file, line: l.line, column: l.column, endLine: l.endLine, endColumn: l.endColumn,
          label: `${basename(l.file)}:${l.line}  ${operationText(l)}`,
          detail: `${accessWord(l.access)} · ${l.library} · ${service?.name ?? e.service} → ${storeName(store)}`,
        });
      }
    }
  };
  if (target.kind === 'edge') {
    const stores = new Set(storesOf(map, target.store).map((s) => s.id));
    fromEdges(map.edges.filter((e) => e.service === target.service && stores.has(e.store)));
  } else if (target.kind === 'store') {
    const stores = new Set(storesOf(map, target.store).map((s) => s.id));
    fromEdges(map.edges.filter((e) => stores.has(e.store)));
  } else {
    const service = idx.service.get(target.service);
    const claims: EvidenceItem[] = [];
    for (const src of service?.claim.sources ?? []) {
      if (!src.file || src.line < 1) continue;
      const says = src.stateless === false ? 'claims stateful' : 'claims stateless';
      claims.push({ file: src.file, line: src.line, column: 1, label: `${basename(src.file)}:${src.line}  ${says}`, detail: `${src.kind} · “${src.text}”` });
    }
    for (const h of map.hazards.filter((x) => x.service === target.service)) {
      claims.push({ file: h.file, line: h.line, column: h.column, label: `${basename(h.file)}:${h.line}  ⚠ ${h.kind}`, detail: h.message });
    }
    fromEdges(map.edges.filter((e) => e.service === target.service));
    // claims and hazards first: they are why a service is worth clicking
    return dedupe([...claims, ...sortItems(items)]);
  }
  return dedupe(sortItems(items));
}

function sortItems(items: EvidenceItem[]): EvidenceItem[] {
  return items.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

function dedupe(items: EvidenceItem[]): EvidenceItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = `${i.file}:${i.line}:${i.column}:${i.label}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

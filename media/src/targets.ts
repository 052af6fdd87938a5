// Which service, store or edge a rendered SVG element stands for. Mermaid names flowchart nodes
// `flowchart-<nodeId>-<n>` and edges `L_<from>_<to>_<n>`; the server's id map turns node ids back
// into services and stores. Clicks are wired from these, never through Mermaid `click` directives.
import type { MermaidIds, Target } from '../../src/protocol/messages';

export interface ReverseIds {
  /** Mermaid node id (`svc3`, `st0`) → what it stands for. */
  nodes: Map<string, Target>;
}

export function reverseIds(ids: MermaidIds): ReverseIds {
  const nodes = new Map<string, Target>();
  for (const [service, node] of Object.entries(ids.services)) nodes.set(node, { kind: 'service', service });
  for (const [store, node] of Object.entries(ids.stores)) {
    // a collapsed view lists each store under its kind's node too; the node stands for the kind (`*redis`)
    const had = nodes.get(node);
    if (had?.kind === 'store' && had.store.startsWith('*')) continue;
    nodes.set(node, { kind: 'store', store });
  }
  return { nodes };
}

/** `flowchart-svc3-3` → the service behind `svc3`. */
export function nodeTarget(elementId: string, rev: ReverseIds): Target | undefined {
  const m = /^(?:.*-)?flowchart-([A-Za-z]+\d+)-\d+$/.exec(elementId);
  return m ? rev.nodes.get(m[1]) : undefined;
}

/**
 * `L_svc3_st4_0` (dagre) or `L_svc3_st4_0_0` (ELK) → the edge from the service behind `svc3` to the store
 * behind `st4`.
 */
export function edgeTarget(edgeId: string, rev: ReverseIds): Target | undefined {
  const m = /^L_([A-Za-z]+\d+)_([A-Za-z]+\d+)_\d+(?:_\d+)?$/.exec(edgeId);
  if (!m) return undefined;
  const from = rev.nodes.get(m[1]);
  const to = rev.nodes.get(m[2]);
  if (from?.kind !== 'service' || to?.kind !== 'store') return undefined;
  return { kind: 'edge', service: from.service, store: to.store };
}

/** Mermaid node ids and edge-id prefixes to highlight for a target. */
export function highlightIds(target: Target, ids: MermaidIds): { nodes: string[]; edgePrefixes: string[] } {
  const svc = 'service' in target ? ids.services[target.service] : undefined;
  const st = 'store' in target ? ids.stores[target.store] : undefined;
  const nodes = [svc, st].filter((x): x is string => !!x);
  const edgePrefixes = target.kind === 'edge' && svc && st ? [`L_${svc}_${st}_`] : [];
  return { nodes, edgePrefixes };
}

/** Words for a target, for tooltips and screen readers. */
export function targetLabel(target: Target, names: { service(id: string): string; store(id: string): string }): string {
  if (target.kind === 'service') return `Service ${names.service(target.service)}: show its claim, hazards and code`;
  if (target.kind === 'store') return `Store ${names.store(target.store)}: show every place that touches it`;
  return `${names.service(target.service)} → ${names.store(target.store)}: show the code`;
}

// Pure over the StateMap and free of analysis code: the language server's LSP thread and the renderers load it.
import type { Edge, Hazard, StateMap } from './types';

/**
 * The map as it is drawn, checked and diagnosed by default: what runs in a service. Tooling hazards and
 * locations (build scripts, bundler configs, seeds) are left out; an edge with no runtime location goes.
 */
export function runtimeView(map: StateMap): StateMap {
  const edges: Edge[] = [];
  for (const e of map.edges) {
    if (e.scope === 'tooling') continue;
    const locations = e.locations.filter((l) => l.scope !== 'tooling');
    edges.push(locations.length === e.locations.length ? e : { ...e, locations });
  }
  const hazards: Hazard[] = map.hazards.filter((h) => h.scope !== 'tooling');
  const used = new Set(edges.map((e) => e.store));
  return { ...map, stores: map.stores.filter((s) => used.has(s.id)), edges, hazards };
}

import type { Access } from '../catalog/types';
import type { StateMap } from '../core/model/types';
import { accessShort, indexes, isInProcessHazard, isLocalStore, storeName } from './describe';
import type { MapExtras } from './workerProtocol';

function union(a: Access | undefined, b: Access): Access {
  return !a || a === b ? b : 'readwrite';
}

/**
 * One line about where a service keeps state: "State: Redis rw · PostgreSQL r · in-process 2". External
 * stores with their access, then how many in-process hazards (or places, when no hazard names them).
 */
export function stateSummary(map: StateMap, serviceId: string, opts: { showEnvironment?: boolean } = {}): string {
  const idx = indexes(map);
  const external = new Map<string, Access>();
  let inProcessPlaces = 0;
  for (const e of map.edges) {
    if (e.service !== serviceId) continue;
    const store = idx.store.get(e.store);
    if (!store || (store.kind === 'env' && !opts.showEnvironment)) continue;
    if (isLocalStore(store)) inProcessPlaces += e.locations.length;
    else external.set(storeName(store), union(external.get(storeName(store)), e.access));
  }
  const hazards = map.hazards.filter((h) => h.service === serviceId && isInProcessHazard(h.kind)).length;
  const parts = [...external].map(([name, access]) => `${name} ${accessShort(access)}`);
  const inProcess = hazards || inProcessPlaces;
  if (inProcess) parts.push(`in-process ${inProcess}`);
  return parts.length ? `State: ${parts.join(' · ')}` : 'State: none found';
}

export interface Lens {
  /** 1-based. */
  line: number;
  title: string;
  service: string;
}

/** The CodeLenses of one file: one above the entry point of each service that starts there. */
export function lensesFor(map: StateMap, extras: Pick<MapExtras, 'entries'>, file: string, opts: { showEnvironment?: boolean } = {}): Lens[] {
  const lenses: Lens[] = [];
  for (const s of map.services) {
    const entry = extras.entries[s.id];
    if (!entry || entry.file !== file) continue;
    const mark = s.honest === false ? ' · ✗ claim broken' : '';
    lenses.push({ line: entry.line, title: `${stateSummary(map, s.id, opts)}${mark}`, service: s.id });
  }
  return lenses;
}

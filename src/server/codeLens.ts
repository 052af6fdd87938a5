import type { Access } from '../catalog/types';
import type { Service, StateMap } from '../core/model/types';
import { accessShort, accessWord, claimPhrase, indexes, isLocalStore, storeName, verdictPhrase } from './describe';
import type { MapExtras } from './workerProtocol';

function union(a: Access | undefined, b: Access): Access {
  return !a || a === b ? b : 'readwrite';
}

/** External stores shown in a lens title before the rest become "+N". */
const TITLE_STORES = 3;

interface ServiceState {
  /** External stores by name, with their access. */
  external: Map<string, Access>;
  /** Places that keep state in the process (memory, local disk). */
  inProcessPlaces: number;
  /** Every hazard of the service, by kind. */
  hazards: string[];
}

function stateOf(map: StateMap, serviceId: string, opts: { showEnvironment?: boolean }): ServiceState {
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
  return { external, inProcessPlaces, hazards: map.hazards.filter((h) => h.service === serviceId).map((h) => h.kind) };
}

/**
 * One short line about where a service keeps state, short enough for a CodeLens:
 * "State: Redis rw · PostgreSQL r · 2 hazards". In-process places count when no hazard names them.
 */
export function stateSummary(map: StateMap, serviceId: string, opts: { showEnvironment?: boolean } = {}): string {
  const s = stateOf(map, serviceId, opts);
  const stores = [...s.external];
  const parts = stores.slice(0, TITLE_STORES).map(([name, access]) => `${name} ${accessShort(access)}`);
  if (stores.length > TITLE_STORES) parts.push(`+${stores.length - TITLE_STORES} stores`);
  if (s.hazards.length) parts.push(`${s.hazards.length} hazard${s.hazards.length === 1 ? '' : 's'}`);
  else if (s.inProcessPlaces) parts.push(`in-process ${s.inProcessPlaces}`);
  return parts.length ? `State: ${parts.join(' · ')}` : 'State: none found';
}

/** The whole line, for the lens's tooltip and for clients that show it as a message. */
export function stateLine(map: StateMap, service: Service, opts: { showEnvironment?: boolean } = {}): string {
  const s = stateOf(map, service.id, opts);
  const stores = [...s.external].map(([name, access]) => `${name} (${accessWord(access)})`);
  if (s.inProcessPlaces) stores.push(`process memory or local disk (${s.inProcessPlaces} place${s.inProcessPlaces === 1 ? '' : 's'})`);
  const kinds = [...new Set(s.hazards)].map((k) => `${k}${s.hazards.filter((h) => h === k).length > 1 ? ` ×${s.hazards.filter((h) => h === k).length}` : ''}`);
  return [
    `${service.name} ${claimPhrase(service)}; it ${verdictPhrase(service)}.`,
    `Stores: ${stores.length ? stores.join(', ') : 'none found'}.`,
    `Hazards: ${kinds.length ? kinds.join(', ') : 'none'}.`,
  ].join(' ');
}

export interface Lens {
  /** 1-based. */
  line: number;
  title: string;
  /** The whole line ({@link stateLine}). */
  tooltip: string;
  service: string;
}

/** Where a runtime starts in an entry file's text: `.listen(`, an exported handler, a `main()` call. 1-based; undefined: no such line. */
export function entryLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  const patterns = [
    /\.listen\s*\(/,
    /^\s*export\s+(?:const|let|var|async\s+function|function)\s+handler\b/,
    /^\s*(?:void\s+|await\s+)?main\s*\(\s*\)/,
    /^\s*(?:export\s+)?(?:async\s+)?function\s+main\s*\(/,
    /^\s*export\s+default\b/,
  ];
  for (const p of patterns) {
    const i = lines.findIndex((l) => p.test(l));
    if (i >= 0) return i + 1;
  }
  return undefined;
}

/** The runtime entry files of a service: the files its entries name (not a framework's glob), and the one the worker found. */
function entryFiles(s: Service, extras: Pick<MapExtras, 'entries'>): string[] {
  const files = (s.entries ?? []).map((e) => e.path).filter((p) => !/[*{}[\]?]/.test(p) && /\.(c|m)?(j|t)sx?$/.test(p));
  const found = extras.entries[s.id]?.file;
  if (found && !files.includes(found)) files.push(found);
  return files;
}

/**
 * The CodeLenses of one file: one at each runtime entry of each service that starts here (its `listen`,
 * handler export or `main`), never in a file that only touches state nor in a library. `text` is the file's text, to
 * find the line; without it, the line the analysis found.
 */
export function lensesFor(map: StateMap, extras: Pick<MapExtras, 'entries'>, file: string, opts: { showEnvironment?: boolean; text?: string } = {}): Lens[] {
  const lenses: Lens[] = [];
  for (const s of map.services) {
    // a library runs inside the services that import it: their lenses count its state
    if (s.kind === 'library' || !entryFiles(s, extras).includes(file)) continue;
    const found = extras.entries[s.id];
    const line = (opts.text !== undefined ? entryLine(opts.text) : undefined) ?? (found?.file === file ? found.line : 1);
    const mark = s.honest === false ? ' · ✗ claim broken' : '';
    lenses.push({ line, title: `${stateSummary(map, s.id, opts)}${mark}`, tooltip: stateLine(map, s, opts), service: s.id });
  }
  return lenses;
}

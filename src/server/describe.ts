// Words for the model, shared by hover, diagnostics, CodeLens and evidence lists.
import { IN_PROCESS_HAZARDS } from '../catalog/kinds';
import type { Access } from '../catalog/types';
import type { Edge, Location, Service, StateMap, Store } from '../core/model/types';
import { verdictText } from '../render/mermaid';
import { edgeNotes } from '../render/places';

/** What an edge says beyond read and write ("JWT · 7 days · revocation: deny list in Redis `revoked:*`"), as hover lines. */
export function edgeNoteLines(edge: Edge, stores: ReadonlyMap<string, Store>): string[] {
  return edgeNotes(edge, stores);
}

export function accessShort(a: Access): string {
  return a === 'readwrite' ? 'rw' : a === 'read' ? 'r' : 'w';
}

export function accessWord(a: Access): string {
  return a === 'readwrite' ? 'read/write' : a;
}

/** The store's label: it names the instance already when a map has several of one kind ("Redis · $CACHE_URL"). */
export function storeName(store: Store | undefined): string {
  return store ? store.label : 'unknown store';
}

export function claimPhrase(s: Service): string {
  return s.claim.stateless === null ? 'no claim' : s.claim.stateless ? 'claims stateless' : 'claims stateful';
}

/** "keeps state in process — ✗ the claim is broken" */
export function verdictPhrase(s: Service): string {
  const mark = s.honest === false ? ' — ✗ the claim is broken' : s.honest === true ? ' — ✓ the claim holds' : '';
  return `${verdictText(s.verdict)}${mark}`;
}

export function isLocalStore(store: Store | undefined): boolean {
  return store?.kind === 'memory' || store?.kind === 'filesystem';
}

export function isInProcessHazard(kind: string): boolean {
  return (IN_PROCESS_HAZARDS as ReadonlySet<string>).has(kind);
}

export function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** `hset cart:*` */
export function operationText(l: Location): string {
  return l.target ? `${l.operation} ${l.target}` : l.operation;
}

export function indexes(map: StateMap): { store: Map<string, Store>; service: Map<string, Service> } {
  return { store: new Map(map.stores.map((s) => [s.id, s])), service: new Map(map.services.map((s) => [s.id, s])) };
}

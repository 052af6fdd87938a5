// The map as lists for a tree view (`stateMap/outline`): services, stores, edges with their counts, and
// hazards with their places. Places of an edge are asked for when a user opens it (`stateMap/locations`).
import { isStoreKind, STORE_KINDS } from '../catalog/kinds';
import type { StateMap } from '../core/model/types';
import type { Evidence, FolderStatus, Outline } from '../protocol/messages';
import { basename, claimPhrase } from './describe';
import type { EvidenceItem } from './evidence';
import { serviceSummary } from './view';
import type { HazardSite } from './workerProtocol';

/** An evidence item with a URI and an LSP range (0-based). */
export function toEvidence(i: EvidenceItem, uriOf: (file: string) => string): Evidence {
  return {
    uri: uriOf(i.file),
    range: {
      start: { line: i.line - 1, character: Math.max(0, i.column - 1) },
      end: { line: (i.endLine ?? i.line) - 1, character: Math.max(0, (i.endColumn ?? i.column) - 1) },
    },
    label: i.label,
    detail: i.detail,
    description: i.file,
  };
}

export interface OutlineInput {
  status: FolderStatus;
  map: StateMap;
  sites: readonly HazardSite[];
  showEnvironment: boolean;
  uriOf(file: string): string;
}

export function outlineOf(q: OutlineInput): Outline {
  const { map } = q;
  const hidden = new Set(map.stores.filter((s) => s.kind === 'env' && !q.showEnvironment).map((s) => s.id));
  const services = map.services.map((s) => {
    const src = s.claim.sources.find((c) => c.stateless === s.claim.stateless) ?? s.claim.sources[0];
    return {
      ...serviceSummary(s),
      kind: s.kind,
      claimSource: src ? `${claimPhrase(s)} (${src.file ? `${src.file}:${src.line} ` : ''}“${src.text}”)` : undefined,
    };
  });
  const stores = map.stores.filter((s) => !hidden.has(s.id)).map((s) => ({
    id: s.id, kind: s.kind, label: s.label, family: isStoreKind(s.kind) ? STORE_KINDS[s.kind].family : 'remote',
  }));
  const edges = map.edges.filter((e) => !hidden.has(e.store)).map((e) => ({ service: e.service, store: e.store, access: e.access, places: e.locations.length }));
  const hazards = map.hazards.map((h, index) => {
    const places: EvidenceItem[] = [{ file: h.file, line: h.line, column: h.column, label: `${basename(h.file)}:${h.line}  ${h.kind}`, detail: h.message }];
    for (const s of q.sites) {
      if (s.hazard !== index) continue;
      places.push({ file: s.file, line: s.line, column: s.column, label: `${basename(s.file)}:${s.line}  changes ${s.binding}`, detail: `a write to ${s.binding}` });
    }
    return { service: h.service, kind: h.kind, message: h.message, places: places.map((p) => toEvidence(p, q.uriOf)) };
  });
  return { status: q.status, services, stores, edges, hazards };
}

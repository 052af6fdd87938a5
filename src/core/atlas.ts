// Many repositories, one map: the JSON maps of several repositories (each one's CI artifact) merged, with
// services of different repositories meeting at the store instances they share.
import type { Problem, Service, StateMap, Store } from './model/types';

export interface AtlasInput {
  /** A name for the repository (the file's base name by default), prefixed to its service ids. */
  name: string;
  map: StateMap;
}

/**
 * The key that makes two repositories' stores one: kind and instance (a connection variable, host,
 * bucket or topic). A store without an instance is shared only with stores of its kind without one in
 * the same repository: two repositories' "PostgreSQL" are not assumed to be one database.
 */
function storeKey(repo: string, s: Store): string {
  return s.instance ? `${s.kind}:${s.instance}` : `${repo}/${s.id}`;
}

/** Instances a store was told apart by, and the targets its accesses name (bucket, topic, table). */
function sharedNames(map: StateMap, s: Store): string[] {
  if (s.instance) return [s.instance];
  const targets = new Set<string>();
  for (const e of map.edges) if (e.store === s.id) for (const l of e.locations) if (l.target && /^(s3|kafka|sqs|sns|pubsub|rabbitmq|nats)/.test(s.kind)) targets.add(l.target);
  return [...targets];
}

/**
 * Merges maps: service ids become `repo/serviceId`; stores are merged when they are the same instance
 * (same kind and instance, or for buckets and topics the same kind and target). Deterministic.
 */
export function mergeAtlas(inputs: AtlasInput[]): StateMap {
  const services: Service[] = [];
  const stores = new Map<string, Store>();
  const edges: StateMap['edges'] = [];
  const hazards: StateMap['hazards'] = [];
  const problems: Problem[] = [];
  for (const { name, map } of inputs) {
    const sid = (id: string) => `${name}/${id}`;
    const storeIds = new Map<string, string>();
    for (const s of map.stores) {
      const names = sharedNames(map, s);
      const key = s.instance ? storeKey(name, s) : names.length === 1 ? `${s.kind}:${names[0]}` : storeKey(name, s);
      storeIds.set(s.id, key);
      if (!stores.has(key)) stores.set(key, { ...s, id: key, ...(key.startsWith(`${name}/`) ? { label: `${s.label} (${name})` } : { label: `${s.label} · ${names[0] ?? s.instance}`, instance: names[0] ?? s.instance }) });
    }
    const file = (f: string) => (f === '.' ? name : `${name}/${f}`);
    for (const s of map.services) services.push({ ...s, id: sid(s.id), name: `${name}: ${s.name}`, root: file(s.root), claim: { ...s.claim, sources: s.claim.sources.map((c) => ({ ...c, file: file(c.file) })) } });
    for (const e of map.edges) edges.push({ ...e, service: sid(e.service), store: storeIds.get(e.store) ?? e.store, locations: e.locations.map((l) => ({ ...l, file: file(l.file) })) });
    for (const h of map.hazards) hazards.push({ ...h, service: sid(h.service), file: file(h.file), ...(h.evidence ? { evidence: h.evidence.map((x) => ({ ...x, file: file(x.file) })) } : {}) });
    for (const p of map.problems) problems.push({ ...p, file: file(p.file) });
  }
  // two edges of one service to stores that merged become one
  const byKey = new Map<string, StateMap['edges'][number]>();
  for (const e of edges) {
    const k = `${e.service}\0${e.store}`;
    const prev = byKey.get(k);
    byKey.set(k, prev ? { ...prev, access: prev.access === e.access ? prev.access : 'readwrite', locations: [...prev.locations, ...e.locations] } : e);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    schemaVersion: 1, root: inputs.map((i) => i.name).join(' + '),
    services: services.sort((a, b) => cmp(a.id, b.id)),
    stores: [...stores.values()].sort((a, b) => cmp(a.id, b.id)),
    edges: [...byKey.values()].sort((a, b) => cmp(a.service, b.service) || cmp(a.store, b.store)),
    hazards, problems,
  };
}

/** Stores that more than one repository touches: where an organisation's services meet. */
export function sharedStores(atlas: StateMap): Array<{ store: Store; repos: string[] }> {
  const out: Array<{ store: Store; repos: string[] }> = [];
  for (const s of atlas.stores) {
    const repos = [...new Set(atlas.edges.filter((e) => e.store === s.id).map((e) => e.service.split('/')[0]))].sort();
    if (repos.length > 1) out.push({ store: s, repos });
  }
  return out;
}

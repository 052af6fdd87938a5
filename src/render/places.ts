// Words for what an edge says beyond read and write: a JWT's lifetime and revocation, idempotency and
// processed-message records, an event log and its projections. Shared by Markdown, the terminal summary
// and the server's hover, so each says it the same way. Plain text with `code` spans for names.
import type { DedupeRecord, Edge, EventLog, NotShown, Store } from '../core/model/types';

const UNITS: Array<[number, string]> = [[86400 * 7, 'week'], [86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];

/** `900` → "15 minutes", `604800` → "7 days" (a week only when whole weeks read better than days: never). */
export function durationText(seconds: number): string {
  for (const [size, unit] of UNITS.slice(1)) {
    if (seconds >= size && Number.isInteger(seconds / size)) {
      const n = seconds / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  const [size, unit] = UNITS.find(([s]) => seconds >= s)!;
  const n = Math.round((seconds / size) * 10) / 10;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

const MECHANISM: Record<string, string> = { 'deny-list': 'deny list', 'token-version': 'token version', session: 'session' };

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** "JWT · 7 days · revocation: deny list in Redis `revoked:*`", or "… · no revocation found: …"; undefined off a JWT edge. */
export function jwtNote(edge: Edge, stores: ReadonlyMap<string, Store>): string | undefined {
  const j = edge.jwt;
  if (!j) return undefined;
  const life = !j.lifetime ? 'lifetime not found' : j.lifetime.seconds === undefined ? 'lifetime from configuration' : durationText(j.lifetime.seconds);
  if (j.revocation === undefined) return `JWT · ${life}`;
  if (!j.revocation) return `JWT · ${life} · no revocation found: a banned user keeps access until expiry`;
  const r = j.revocation;
  const store = stores.get(r.store)?.label ?? r.store;
  return `JWT · ${life} · revocation: ${MECHANISM[r.mechanism] ?? r.mechanism} in ${store}${r.target ? ` ${code(r.target)}` : ''}`;
}

/** "records idempotency keys `idem:orders:*`, `idem:cancel:*`": a retry or a redelivery does nothing twice"; undefined when none. */
export function recordsNote(edge: Edge): string | undefined {
  if (!edge.records?.length) return undefined;
  const byKind = new Map<DedupeRecord['kind'], string[]>();
  for (const r of edge.records) {
    const list = byKind.get(r.kind) ?? [];
    if (r.target && !list.includes(code(r.target))) list.push(code(r.target));
    byKind.set(r.kind, list);
  }
  const texts = [...byKind].map(([kind, targets]) => `${kind === 'idempotency-key' ? 'idempotency keys' : 'processed messages'}${targets.length ? ` ${targets.join(', ')}` : ''}`);
  return `records ${texts.join('; ')}: a retry or a redelivery does nothing twice`;
}

/** "event log `payments.events`, replayed by …" or "projection of the event log `payments.events` (Kafka)"; undefined when neither. */
export function eventLogNote(edge: Edge, stores: ReadonlyMap<string, Store>): string | undefined {
  const e: EventLog | undefined = edge.eventLog;
  if (!e) return undefined;
  if (e.role === 'projection' && e.from) {
    return `projection rebuilt from the event log ${code(e.from.target)} (${stores.get(e.from.store)?.label ?? e.from.store})`;
  }
  return `event log ${code(e.target)}: appended to, the source of truth${e.replay ? `; replayed at ${e.replay.file}:${e.replay.line} (${e.replay.what})` : ''}`;
}

/** Every note of an edge, in a fixed order. */
export function edgeNotes(edge: Edge, stores: ReadonlyMap<string, Store>): string[] {
  return [jwtNote(edge, stores), recordsNote(edge), eventLogNote(edge, stores)].filter((n): n is string => n !== undefined);
}

/**
 * "1 volume, 2 ConfigMaps or Secrets and 1 JWT lifetime found are not shown: not yet precise enough on real
 * repositories; --experimental-hazards shows them", or undefined when nothing was held back.
 */
export function notShownText(n: NotShown | undefined): string | undefined {
  if (!n) return undefined;
  const count = (k: number | undefined, one: string, many: string) => (k ? `${k} ${k === 1 ? one : many}` : '');
  const parts = [count(n.volumes, 'volume', 'volumes'), count(n.config, 'ConfigMap or Secret', 'ConfigMaps or Secrets'), count(n.jwtLifetimes, 'JWT lifetime', 'JWT lifetimes')].filter(Boolean);
  if (parts.length === 0) return undefined;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `${list} found ${parts.length === 1 && /^1 /.test(list) ? 'is' : 'are'} not shown: not yet precise enough on real repositories; --experimental-hazards (or the experimentalHazards setting) shows them`;
}

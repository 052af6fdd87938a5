import { HAZARD_KINDS, STORE_KINDS, isStoreKind } from '../../catalog/kinds';
import type { Access } from '../../catalog';

/** One entry of `allowedStores`: a store kind (`redis`), a store id or instance (`redis:CACHE_URL`), and the access allowed. */
export interface AllowedStore {
  store: string;
  /** Absent: any access. `read` allows reads only; `write` writes only. */
  access?: Access;
  line: number;
}

/** What a service promises about its state, from `statemap.config.json`. */
export interface StateContract {
  /** When given, the service touches only these stores (the environment is always allowed). */
  allowedStores?: AllowedStore[];
  /** The line of `"allowedStores"` in the config file. */
  allowedStoresLine?: number;
  /** Hazard kinds the service must not have. */
  forbidHazards?: Array<{ kind: string; line: number }>;
}

export const SERVICE_KEYS = ['root', 'name', 'kind', 'claim', 'allowedStores', 'forbidHazards'];
const ACCESS = new Set(['read', 'write', 'readwrite']);

/** The line of the first `"needle"` at or after line `from` (1-based), else `from`. */
export function lineAfter(text: string, needle: string, from: number): number {
  const lines = text.split('\n');
  const quoted = JSON.stringify(needle);
  for (let i = Math.max(0, from - 1); i < lines.length; i++) if (lines[i].includes(quoted)) return i + 1;
  return from;
}

/**
 * The contract fields of `services[i]`; a malformed entry is reported with `bad` and left out (a contract
 * that cannot be read must not pass silently as "nothing allowed" or "everything allowed").
 */
export function readContract(svc: Record<string, unknown>, i: number, text: string, from: number, bad: (m: string) => void): StateContract | undefined {
  const out: StateContract = {};
  if (svc.allowedStores !== undefined) {
    if (!Array.isArray(svc.allowedStores)) bad(`services[${i}].allowedStores must be an array; ignored`);
    else {
      const at = lineAfter(text, 'allowedStores', from);
      out.allowedStores = [];
      out.allowedStoresLine = at;
      svc.allowedStores.forEach((e, j) => {
        const entry = typeof e === 'string' ? { store: e } : (e as { store?: unknown; access?: unknown } | null);
        if (!entry || typeof entry.store !== 'string' || entry.store === '') return bad(`services[${i}].allowedStores[${j}] must be a store kind or instance, or { "store": …, "access": "read" | "write" | "readwrite" }; ignored`);
        if (entry.access !== undefined && !ACCESS.has(entry.access as string)) return bad(`services[${i}].allowedStores[${j}].access must be read, write or readwrite; ignored`);
        if (typeof e === 'object') for (const k of Object.keys(e as object)) if (k !== 'store' && k !== 'access') bad(`unknown property "${k}" in services[${i}].allowedStores[${j}] ignored`);
        const kind = entry.store.split(':')[0];
        if (!isStoreKind(kind)) bad(`services[${i}].allowedStores[${j}]: "${kind}" is not a store kind (${Object.keys(STORE_KINDS).join(', ')})`);
        out.allowedStores!.push({ store: entry.store, ...(entry.access ? { access: entry.access as Access } : {}), line: lineAfter(text, entry.store, at) });
      });
    }
  }
  if (svc.forbidHazards !== undefined) {
    if (!Array.isArray(svc.forbidHazards) || !svc.forbidHazards.every((k) => typeof k === 'string')) bad(`services[${i}].forbidHazards must be an array of hazard kinds; ignored`);
    else {
      const at = lineAfter(text, 'forbidHazards', from);
      out.forbidHazards = [];
      for (const kind of svc.forbidHazards as string[]) {
        if (!(HAZARD_KINDS as readonly string[]).includes(kind)) bad(`services[${i}].forbidHazards: unknown hazard kind "${kind}" (${HAZARD_KINDS.join(', ')}); ignored`);
        else out.forbidHazards.push({ kind, line: lineAfter(text, kind, at) });
      }
    }
  }
  return out.allowedStores || out.forbidHazards ? out : undefined;
}

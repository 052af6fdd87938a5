import { isConfigKind } from '../../catalog/kinds';
import { CONFIG_FILE, type ConfiguredService } from '../config';
import type { AllowedStore } from '../config/contracts';
import type { StateMap, Store } from '../model/types';
import { withIds } from './index';
import type { Finding } from './types';

function allows(entry: AllowedStore, store: Store | undefined, storeId: string, access: string | undefined): boolean {
  const names = [storeId, store?.kind, store?.instance, store?.instance && `${store.kind}:${store.instance}`];
  if (!names.includes(entry.store)) return false;
  return !entry.access || entry.access === 'readwrite' || entry.access === access;
}

/**
 * Findings for every break of a service's state contract: an access to a store its `allowedStores`
 * does not list (or with an access it does not allow), a hazard its `forbidHazards` names. Each sits at
 * the code, with the contract's line in `statemap.config.json` as a related location.
 */
export function contractFindings(map: StateMap, findings: Finding[], services: readonly ConfiguredService[] | undefined): Finding[] {
  const stores = new Map(map.stores.map((s) => [s.id, s]));
  const raw: Parameters<typeof withIds>[0] = [];
  for (const svc of services ?? []) {
    const c = svc.contract;
    if (!c) continue;
    for (const f of findings.filter((x) => x.service === svc.root)) {
      if (f.rule === 'store-access' && c.allowedStores) {
        const store = stores.get(f.store!);
        // configuration (env, ConfigMaps, Secrets) is not state: a contract is about where state lives
        if (isConfigKind(store?.kind ?? '') || c.allowedStores.some((e) => allows(e, store, f.store!, f.access))) continue;
        const line = c.allowedStoresLine ?? c.allowedStores[0]?.line ?? 1;
        raw.push({
          anchor: '',
          f: {
            ...f, rule: 'contract', suppressed: undefined,
            message: `${f.message}: its contract does not allow this (${CONFIG_FILE}:${line}, allowedStores)`,
            related: [{ file: CONFIG_FILE, line, message: `the contract: allowedStores ${c.allowedStores.map((e) => e.access ? `${e.store} (${e.access})` : e.store).join(', ') || '(none)'}` }],
          },
        });
      }
      const forbidden = c.forbidHazards?.find((h) => h.kind === f.rule);
      if (forbidden) {
        raw.push({
          anchor: f.id,
          f: {
            ...f, rule: 'contract', suppressed: undefined,
            message: `${f.rule}, which its contract forbids (${CONFIG_FILE}:${forbidden.line}, forbidHazards): ${f.message}`,
            related: [{ file: CONFIG_FILE, line: forbidden.line, message: `the contract: forbidHazards ${forbidden.kind}` }],
          },
        });
      }
    }
  }
  return withIds(raw.map(({ f, anchor }) => {
    const { suppressed: _s, ...rest } = f as Finding;
    delete (rest as Partial<Finding>).id;
    return { f: rest, anchor };
  }));
}

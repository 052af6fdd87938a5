import { cloudflareModels } from './entries/cloudflare';
import type { StoreModel } from './types';
import { sqlModels } from './entries/sql';
import { documentModels } from './entries/documents';
import { cacheModels } from './entries/caches';
import { messagingModels } from './entries/messaging';
import { objectModels } from './entries/objects';
import { localModels } from './entries/local';
import { browserModels } from './entries/browser';
import { tokenModels } from './entries/tokens';
import { sessionModels } from './entries/sessions';
import { authSessionModels } from './entries/auth-sessions';
import { httpModels } from './entries/http';
import { schedulerModels } from './entries/schedulers';
import { frameworkModels } from './entries/frameworks';
import { ecosystemDataModels } from './entries/ecosystem-data';
import { ecosystemJobModels } from './entries/ecosystem-jobs';
import { ecosystemClientModels } from './entries/ecosystem-client';

export type { StoreModel, Access, OpTable, KindSource, HazardRule } from './types';
export * from './kinds';

/** Every store model, one entry per library or global. */
export const CATALOG: readonly StoreModel[] = [
  ...sqlModels, ...documentModels, ...cacheModels, ...messagingModels, ...objectModels, ...localModels,
  ...browserModels, ...tokenModels, ...sessionModels, ...authSessionModels, ...httpModels, ...schedulerModels, ...frameworkModels,
  ...ecosystemDataModels, ...ecosystemJobModels, ...ecosystemClientModels, ...cloudflareModels,
];

/** Lookups over the catalog, built once. */
export class Catalog {
  private readonly exact = new Map<string, StoreModel>();
  private readonly prefixes: Array<[string, StoreModel]> = [];
  /** Root names of global paths (`localStorage`, `document`, `fetch`). */
  readonly globalRoots = new Set<string>(['window', 'globalThis', 'self', 'global']);
  /** Root names of receiver paths (`res`, `ctx`). */
  readonly receiverRoots = new Set<string>();
  readonly globals: Array<[readonly string[], StoreModel]> = [];
  /** Ambient type names that denote a client (`KVNamespace`): a parameter typed so is one. */
  readonly globalTypes = new Set<string>();
  readonly receivers: Array<[readonly string[], StoreModel]> = [];
  /** Calls that configure a library from elsewhere (hazard rules' `unlessCalled`): the extraction records where they are made. */
  readonly configCalls = new Set<string>();

  constructor(readonly models: readonly StoreModel[] = CATALOG) {
    for (const m of models) {
      for (const spec of m.modules ?? []) {
        if (spec.endsWith('/*')) this.prefixes.push([spec.slice(0, -1), m]);
        else if (!this.exact.has(spec)) this.exact.set(spec, m);
      }
      for (const g of m.globals ?? []) {
        this.globals.push([g, m]);
        this.globalRoots.add(g[0]);
      }
      // found by `byPath` like a global, but no use of the name as a value is followed
      for (const t of m.globalTypes ?? []) {
        // (`FirebaseFirestore.Firestore`: a type of a namespace a library's typings declare globally)
        const path = t.split('.');
        this.globals.push([path, m]);
        this.globalTypes.add(path[0]);
      }
      for (const r of m.receivers ?? []) {
        this.receivers.push([r, m]);
        this.receiverRoots.add(r[0]);
      }
      for (const n of m.hazard?.unlessCalled ?? []) this.configCalls.add(n);
    }
    // longest path first, so `document.cookie` wins over `document`
    this.globals.sort((a, b) => b[0].length - a[0].length);
    this.receivers.sort((a, b) => b[0].length - a[0].length);
    this.prefixes.sort((a, b) => b[0].length - a[0].length);
  }

  /**
   * The model a module specifier loads (`node:fs` is `fs`, but `node:sqlite`, a built-in only the prefix names, is not
   * the npm package `sqlite`; `@mikro-orm/postgresql` matches `@mikro-orm/*`).
   */
  byModule(spec: string): StoreModel | undefined {
    const s = spec.startsWith('node:') ? spec.slice(5) : spec;
    const hit = this.exact.get(spec) ?? this.exact.get(s);
    if (hit) return hit;
    for (const [prefix, m] of this.prefixes) if (s.startsWith(prefix)) return m;
    // a file of the package's own source or build (`localforage/src/localforage`, `ioredis/built/index`), or any of its
    // files (`mqtt/*`, what an editor's auto-import writes for a package that exports `./*`): the package
    const deep = /^((?:@[^/]+\/)?[^/@.][^/]*)\/(?:(?:src|dist|lib|build|built|esm|cjs|es|umd)(?:\/|$)|\*$)/.exec(s);
    return deep ? this.exact.get(deep[1]) : undefined;
  }

  /** The model whose global (or receiver) path is exactly `path`. */
  byPath(path: readonly string[], receivers: boolean): StoreModel | undefined {
    for (const [p, m] of receivers ? this.receivers : this.globals) {
      if (p.length === path.length && p.every((x, i) => x === path[i])) return m;
    }
    return undefined;
  }

  /** Is `path` a strict prefix of some global (or receiver) path, so that following it may still reach one? */
  leadsSomewhere(path: readonly string[], receivers: boolean): boolean {
    for (const [p] of receivers ? this.receivers : this.globals) {
      if (p.length > path.length && path.every((x, i) => x === p[i])) return true;
    }
    return false;
  }

  byId(id: string): StoreModel | undefined {
    return this.models.find((m) => m.id === id);
  }
}
export { UNMODELLED_CLIENTS, STORE_KEYWORDS } from './unmodelled';

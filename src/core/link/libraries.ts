// Which client libraries a file, or its package, imports: how an untyped `client` parameter is matched
// to a library by the method called on it.
import type { StoreModel } from '../../catalog';
import type { FileFacts, Val } from '../facts';
import { classifyMethod } from './classify';
import type { ModuleResolver } from './resolve';

export class LibraryIndex {
  /** Libraries by file, or by `\0pkg:` and package for a whole package. */
  private readonly cache = new Map<string, StoreModel[]>();

  constructor(private readonly facts: ReadonlyMap<string, FileFacts>, private readonly resolver: ModuleResolver) {}

  /**
   * The one library, among those this file imports, whose client has an operation called `method`
   * (`client.query('SELECT …')` in a file that imports pg). None when several could.
   */
  guess(file: string, method: string, args: readonly Val[]): StoreModel | undefined {
    // only a library's own operation names count: a shared verb (`getJson`) says nothing about which library
    const own = (lib: StoreModel) => classifyMethod({ ...lib, ops: { ...lib.ops, fallback: 'ignore' } }, method, args).op;
    const hits = this.of(file).filter(own);
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return undefined;
    // a resolver or a tRPC procedure gets its client through a context object: any library its package uses, but
    // not one a browser cannot open when the file runs in one (a widget's `client.unlink(…)` is no Redis command)
    const browser = runsInBrowser(this.facts.get(file));
    const all = this.of(undefined, file).filter((lib) => own(lib) && !(browser && SERVER_ONLY.has(lib.kind)));
    return all.length === 1 ? all[0] : undefined;
  }

  /**
   * Client libraries a file imports, or (`file` undefined) those of the workspace package `near` is in:
   * in a monorepo an image proxy's `cache` parameter is not the web app's IndexedDB.
   */
  of(file: string | undefined, near?: string): StoreModel[] {
    const pkg = file === undefined ? this.resolver.packageOf(near ?? '') : undefined;
    const key = file ?? `\0pkg:${pkg}`;
    let libs = this.cache.get(key);
    if (!libs) {
      const set = new Set<StoreModel>();
      const files = file ? [[file, this.facts.get(file)] as const] : [...this.facts].filter(([f]) => this.resolver.packageOf(f) === pkg);
      for (const [f, facts] of files) {
        for (const imp of facts?.imports ?? []) {
          if (imp.typeOnly) continue;
          const r = this.resolver.resolve(imp.module, f);
          if (r && 'lib' in r && (!r.lib.direct || r.lib.factories?.length) && !r.lib.scheduler && !r.lib.hazard) set.add(r.lib);
        }
      }
      libs = [...set];
      this.cache.set(key, libs);
    }
    return libs;
  }
}

/** Stores reached over a database's own protocol (TCP): no browser opens one. */
const SERVER_ONLY = new Set<string>(['redis', 'memcached', 'postgres', 'mysql', 'mssql', 'oracle', 'sql', 'mongodb', 'cassandra', 'neo4j', 'clickhouse', 'kafka', 'rabbitmq']);

/** A file written for a browser: JSX, a client component, DOM globals, a component file. */
export function runsInBrowser(f: FileFacts | undefined): boolean {
  return !!f && (!!f.hints.jsx || !!f.hints.useClient || !!f.hints.dom || /\.(tsx|jsx|vue|svelte)$/.test(f.file));
}

import type { FileFacts, Val } from '../facts';
import type { ModuleResolver } from './resolve';

/** Option keys that name a store instance, in the order they identify it best. */
const CONNECTION_KEYS = ['connectionString', 'url', 'uri', 'dsn', 'databaseUrl', 'host', 'hostname', 'node', 'nodes', 'endpoint', 'brokers', 'bucket', 'Bucket', 'database', 'db', 'dbName', 'connection', 'redis'];

/**
 * How a client's store instance is told apart from others of its kind: the environment variable its
 * connection comes from (`ORDERS_DATABASE_URL`), or the host and database of a literal URL. Follows
 * constants and config objects across files, without running them.
 */
export class InstanceFinder {
  constructor(
    private readonly facts: ReadonlyMap<string, FileFacts>,
    private readonly resolver: ModuleResolver,
  ) {}

  of(args: readonly Val[], file: string): string | undefined {
    for (const a of args) {
      const found = this.describe(a, file, 0);
      if (found) return found;
    }
    return undefined;
  }

  private describe(v: Val, file: string, depth: number): string | undefined {
    if (depth > 8) return undefined;
    const r = this.resolve(v, file, depth);
    if (!r) return undefined;
    const { v: val, file: at } = r;
    const env = envName(val);
    if (env) return `$${env}`;
    if (val.k === 'str') return fromUrl(val.s);
    if (val.k === 'or') {
      for (const x of val.v) {
        const d = this.describe(x, at, depth + 1);
        if (d) return d;
      }
      return undefined;
    }
    if (val.k === 'obj') {
      for (const key of CONNECTION_KEYS) {
        const p = val.p[key];
        if (!p) continue;
        const d = this.describe(p, at, depth + 1);
        if (d) return d;
      }
    }
    if (val.k === 'call' || val.k === 'new') {
      // `new Redis(config.redisUrl)`, `createClient({ url })`: the arguments still say it
      for (const a of val.a) {
        const d = this.describe(a, at, depth + 1);
        if (d) return d;
      }
    }
    return undefined;
  }

  /** What a constant, local or imported binding holds, as written (`undefined` when it is not found). */
  valueOf(v: Val, file: string): Val | undefined {
    const r = this.resolve(v, file, 0);
    return r && r.v !== v ? r.v : undefined;
  }

  /** Follows a value to what it is written as: constants, object members, imports, locals. */
  private resolve(v: Val, file: string, depth: number): { v: Val; file: string } | undefined {
    if (depth > 8) return undefined;
    switch (v.k) {
      case 'bound':
        return this.resolve(v.v, file, depth + 1);
      case 'ref': {
        const b = this.facts.get(file)?.bindings[v.n];
        return b ? this.resolve(b, file, depth + 1) : undefined;
      }
      case 'imp': {
        const r = this.resolver.resolve(v.m, file);
        if (!r || !('file' in r)) return undefined;
        const f = this.facts.get(r.file);
        const e = f?.exports.find((x) => x.name === v.n && (x.v || x.from)) ?? (v.n === 'default' ? f?.exports.find((x) => x.name === '=') : undefined);
        if (e?.v) return this.resolve(e.v, r.file, depth + 1);
        if (e?.from) return this.resolve({ k: 'imp', m: e.from, n: e.imported ?? v.n }, r.file, depth + 1);
        return undefined;
      }
      case 'prop': {
        if (envName(v)) return { v, file };
        const base = this.resolve(v.o, file, depth + 1);
        if (base?.v.k === 'obj') {
          const p = base.v.p[v.n];
          return p ? this.resolve(p, base.file, depth + 1) : undefined;
        }
        return { v, file };
      }
      default:
        return { v, file };
    }
  }
}

/** `process.env.ORDERS_DATABASE_URL`, `import.meta.env.VITE_API`, `process.env['X']`. */
export function envName(v: Val): string | undefined {
  if (v.k !== 'prop' || v.o.k !== 'prop' || v.o.n !== 'env') return undefined;
  const root = v.o.o;
  if ((root.k === 'glob' && (root.n === 'process' || root.n === 'import.meta' || root.n === 'Deno' || root.n === 'Bun')) && v.n !== '*') return v.n;
  return undefined;
}

/** `postgres://user:pw@db.internal:5432/orders` → `db.internal/orders`. */
function fromUrl(s: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#\s]+)(?::\d+)?(?:\/([^?#\s]*))?/i.exec(s);
  if (!m) return undefined;
  return m[2] ? `${m[1]}/${m[2]}` : m[1];
}

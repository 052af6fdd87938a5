// Store clients a service uses that the catalog does not model: said once per service, so that a map
// that may miss a database says so instead of showing a service with no state.
import fs from 'node:fs';
import path from 'node:path';
import { DIALECTS, STORE_KEYWORDS, UNMODELLED_CLIENTS, type Catalog } from '../../catalog';
import type { FileFacts, Val } from '../facts';
import type { Problem } from '../model/types';
import type { PackageInfo } from './packages';

/** The services and packages the check needs (a `Workspace` has them). */
export interface UnmodelledInput {
  root: string;
  services: ReadonlyArray<{ id: string; root: string; pkg?: PackageInfo }>;
  packageNames: ReadonlyMap<string, string>;
}

/** Environment variables that name a store's address (`DATABASE_URL`, `REDIS_HOST`, `MONGO_URI`). */
const STORE_ENV = /(DATABASE|(^|_)DB|REDIS|MONGO|POSTGRES|(^|_)PG|MYSQL|SQL|CACHE|QUEUE|AMQP|RABBIT|KAFKA|NATS|BROKER|ELASTIC|SEARCH|BUCKET|STORAGE|COUCH|CASSANDRA|NEO4J)[A-Z_]*(URL|URI|DSN|HOST|CONNECTION)/i;

/** Calls that make a client. */
const CONNECTS = /^(connect|createClient|createConnection|createPool|open|init|client)/i;

/** `couchbase` for `couchbase/lib/x`, `@scope/pkg` for `@scope/pkg/sub`; none for relative or built-in specifiers. */
export function packageName(spec: string): string | undefined {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || spec.includes(':')) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? (parts.length > 1 ? `${parts[0]}/${parts[1]}` : undefined) : parts[0];
}

/**
 * One problem per service and unmodelled store client it imports: `uses X (N places), not modelled: the
 * map may miss its state`. A client counts when a curated list names it, when its npm keywords (if it is
 * installed) or the words of its name (`@mojaloop/database-lib`) say it is a store client, or when the code makes
 * one with a store's connection URL.
 */
export function unmodelledStores(ws: UnmodelledInput, facts: ReadonlyMap<string, FileFacts>, catalog: Catalog): Problem[] {
  const roots = [...ws.services].sort((a, b) => b.root.length - a.root.length);
  const ownerOf = (file: string) => roots.find((s) => s.root === '.' || file === s.root || file.startsWith(`${s.root}/`));
  const places = new Map<string, Map<string, number>>();
  const made = new Set<string>();
  for (const [file, f] of facts) {
    const s = ownerOf(file);
    if (!s) continue;
    const found = clientsOf(f, ws.packageNames, catalog);
    for (const name of found.imported) {
      const m = places.get(s.id) ?? new Map<string, number>();
      m.set(name, (m.get(name) ?? 0) + 1);
      places.set(s.id, m);
    }
    for (const name of found.made) made.add(`${s.id}\0${name}`);
  }
  const out: Problem[] = [];
  for (const s of ws.services) {
    for (const [name, n] of [...(places.get(s.id) ?? [])].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const isDep = !!s.pkg?.deps.has(name);
      const known = UNMODELLED_CLIENTS[name] !== undefined || (isDep && (storeKeywords(ws.root, s.root, name) || storeNamed(name))) || made.has(`${s.id}\0${name}`);
      if (!known) continue;
      const file = s.pkg?.manifest ?? (s.root === '.' ? 'package.json' : `${s.root}/package.json`);
      out.push({ file, message: `uses ${name} (${n} place${n === 1 ? '' : 's'}), not modelled: the map may miss its state` });
    }
  }
  return out;
}

/** Words a package's name is made of that say it reaches a store (`@mojaloop/database-lib`, `acme-redis-client`). */
const STORE_NAME_WORDS: ReadonlySet<string> = new Set([
  'database', 'db', 'redis', 'mongo', 'mongodb', 'postgres', 'postgresql', 'pg', 'mysql', 'sqlite', 'kafka', 'rabbitmq', 'amqp', 'nats',
  'cassandra', 'couchdb', 'elasticsearch', 'dynamodb',
]);

/** Words that, beside a store's, make a name a client of it rather than a tool around it (`pg-format`, `postgres-array`). */
const CLIENT_NAME_WORDS: ReadonlySet<string> = new Set(['client', 'lib', 'driver', 'sdk', 'adapter', 'connector', 'orm']);

/** A dependency whose name says it is a store's client (an organisation's wrapper of its database or broker client). */
function storeNamed(name: string): boolean {
  if (name.startsWith('@types/')) return false;
  const words = name.replace(/^@[^/]+\//, '').toLowerCase().split(/[-_./]+/);
  return words.some((w) => STORE_NAME_WORDS.has(w)) && words.some((w) => CLIENT_NAME_WORDS.has(w));
}

interface FileClients {
  /** Packages the file imports that the catalog does not model, once per import. */
  imported: string[];
  /** Those of them it makes a client of with a store's address. */
  made: string[];
}

/** Per facts (a session relinks with the same facts objects for files that did not change). */
const clientsByFacts = new WeakMap<FileFacts, { packageNames: ReadonlyMap<string, string>; catalog: Catalog; found: FileClients }>();

/** What one file imports and makes that the catalog does not model. */
function clientsOf(f: FileFacts, packageNames: ReadonlyMap<string, string>, catalog: Catalog): FileClients {
  const hit = clientsByFacts.get(f);
  if (hit && hit.packageNames === packageNames && hit.catalog === catalog) return hit.found;
  const found: FileClients = { imported: [], made: [] };
  const local = new Map<string, string>();
  for (const imp of f.imports) {
    const name = packageName(imp.module);
    if (!name || imp.typeOnly || packageNames.has(name) || catalog.byModule(imp.module) || catalog.byModule(name)) continue;
    local.set(imp.local, name);
    found.imported.push(name);
  }
  // clients kept at module level or on classes (uses of packages the analysis does not follow are not recorded)
  const kept = [...Object.values(f.bindings), ...Object.values(f.classes).flatMap((c) => [...Object.values(c.fields), ...Object.values(c.statics)]), ...f.uses.map((u) => u.v)];
  for (const v of kept) {
    const name = madeWithStoreAddress(v, f, local);
    if (name) found.made.push(name);
  }
  clientsByFacts.set(f, { packageNames, catalog, found });
  return found;
}

/** The package a client is made from (`new Couch(process.env.COUCH_URL)`, `connect('couchbase://db')`), when an argument is a store's address. */
function madeWithStoreAddress(v: Val, f: FileFacts, local: ReadonlyMap<string, string>): string | undefined {
  if (v.k !== 'new' && v.k !== 'call') return undefined;
  // a call counts when it is named like making a client (`connect(url)`, `createClient({ url })`), a `new` always
  const called = v.f.k === 'prop' ? v.f.n : v.f.k === 'imp' ? v.f.n : v.f.k === 'ref' ? v.f.n : '';
  if (v.k === 'call' && !CONNECTS.test(called)) return undefined;
  let callee = v.f;
  while (callee.k === 'prop') callee = callee.o;
  const name = callee.k === 'imp' ? packageName(callee.m) : callee.k === 'ref' ? local.get(callee.n) : undefined;
  if (!name) return undefined;
  return v.a.some((a) => isStoreAddress(a, f, 0)) ? name : undefined;
}

function isStoreAddress(a: Val, f: FileFacts, depth: number): boolean {
  if (depth > 3) return false;
  switch (a.k) {
    case 'str': {
      const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(a.s);
      return !!m && DIALECTS[m[1].toLowerCase()] !== undefined && m[1].toLowerCase() !== 'file';
    }
    case 'prop':
      return a.o.k === 'prop' && a.o.n === 'env' && STORE_ENV.test(a.n);
    case 'obj':
      return Object.values(a.p).some((x) => isStoreAddress(x, f, depth + 1));
    case 'or':
      return a.v.some((x) => isStoreAddress(x, f, depth + 1));
    case 'ref': {
      const b = f.bindings[a.n];
      return !!b && isStoreAddress(b, f, depth + 1);
    }
    default:
      return false;
  }
}

const keywordCache = new Map<string, boolean>();

/** While set, every installed package.json the check looks for (found or not), for a result cache's validity. */
let reads: Set<string> | undefined;

/** Runs `body`, noting the files outside the workspace's sources that `unmodelledStores` looks at meanwhile. */
export function recordingReads<T>(body: () => T): { value: T; reads: Set<string> } {
  const before = reads;
  const mine = new Set<string>();
  reads = mine;
  try {
    return { value: body(), reads: mine };
  } finally {
    reads = before;
  }
}

/** Does the installed package's package.json (nearest node_modules up from the service) carry a store keyword? */
function storeKeywords(root: string, serviceRoot: string, name: string): boolean {
  const parts = serviceRoot === '.' ? [] : serviceRoot.split('/');
  for (let i = parts.length; i >= 0; i--) {
    const file = path.join(root, ...parts.slice(0, i), 'node_modules', ...name.split('/'), 'package.json');
    reads?.add(file);
    const cached = keywordCache.get(file);
    if (cached !== undefined) return cached;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    let hit = false;
    try {
      const kw = (JSON.parse(text) as { keywords?: unknown }).keywords;
      hit = Array.isArray(kw) && kw.some((k) => typeof k === 'string' && STORE_KEYWORDS.has(k.toLowerCase()));
    } catch {
      hit = false;
    }
    keywordCache.set(file, hit);
    return hit;
  }
  return false;
}

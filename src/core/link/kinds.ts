// Which store kind a client reaches: named by its factory, its import path, schema.prisma, a dialect
// option, a connection URL, or another library's client it wraps.
import { DIALECTS, type StoreKind, type StoreModel } from '../../catalog';
import type { DiskFileRule } from '../../catalog/types';
import type { Val } from '../facts';
import { lookup, type EvalCtx, type Thing } from './thing';

/** The kind a module specifier names (`@prisma/adapter-pg`), the longest listed prefix winning. */
export function kindOfModule(lib: StoreModel, spec: string): StoreKind {
  const m = lib.kindFrom?.modules;
  if (m) {
    let best: string | undefined;
    for (const k of Object.keys(m)) if ((spec === k || spec.startsWith(k)) && (!best || k.length > best.length)) best = k;
    if (best) return m[best];
  }
  return lib.kind;
}

export class KindResolver {
  constructor(
    private readonly evaluate: (v: Val, cx: EvalCtx) => Thing | undefined,
    private readonly prismaKind: (file: string, spec: string) => StoreKind | undefined,
    /** The value a module binding of a file holds (`storage` in `multer({ storage })`). */
    private readonly binding: (file: string, name: string) => Val | undefined = () => undefined,
    /** The name of a class of the workspace (`SqliteWasmDialect`). */
    private readonly className: (file: string, id: string) => string | undefined = () => undefined,
    /** What a workspace function returns, as written (`useFactory: async () => ({ store })`). */
    private readonly returns: (file: string, id: string) => readonly Val[] = () => [],
    /** What the repository's example env files give a variable (`DB_FILE_NAME=file:.data/app.db`). */
    private readonly envDefaults: (name: string) => readonly string[] = () => [],
    /** The parameter a workspace function returns the environment variable of (`getOsEnv(key)`), if it does. */
    private readonly envParam: (file: string, id: string) => number | undefined = () => undefined,
  ) {}

  /**
   * The defaults a `process.env.X` read has in the repository's example env files, as strings (none: not such a read);
   * in `file`, also a call of a workspace function that returns the variable its argument names (`getOsEnv('DB_TYPE')`).
   */
  private envStrings(v: Val, file?: string, depth = 0): Val[] {
    const name = envRead(v) ?? (file !== undefined ? this.envCall(v, file, depth) : undefined);
    return name === undefined ? [] : this.envDefaults(name).map((s): Val => ({ k: 'str', s }));
  }

  /** `getOsEnv('TYPEORM_CONNECTION')`, where `getOsEnv(key)` returns `process.env[key]`: the variable's name. */
  private envCall(v: Val, file: string, depth: number): string | undefined {
    if (v.k !== 'call' || depth > 4) return undefined;
    const t = this.evaluate(v.f, lookup(file, depth + 1));
    const i = t?.t === 'fn' ? this.envParam(t.file, t.id) : undefined;
    const arg = i === undefined ? undefined : v.a[i];
    return arg?.k === 'str' && !arg.pre ? arg.s : undefined;
  }

  /** The store kind a new client reaches: factory, import path, schema.prisma, dialect options, URLs, wrapped clients. */
  resolve(lib: StoreModel, spec: string, factory: string, args: readonly Val[], file: string, depth = 0): { kind: StoreKind; how?: string; unsure?: string; fallback?: { kind: StoreKind; how: string } } {
    const fk = lib.factoryKinds?.[factory];
    if (fk) return { kind: fk };
    const from = lib.kindFrom;
    const needs = from?.scratchUnless?.[factory];
    if (needs && !(args[0]?.k === 'obj' && needs in args[0].p)) {
      return { kind: lib.kind, how: `${factory} without ${needs}`, unsure: `\`${factory}\` without \`${needs}\` writes to the OS temp folder: scratch that the handler moves or drops` };
    }
    if (from?.modules) {
      const k = kindOfModule(lib, spec);
      if (k !== lib.kind) return { kind: k, how: spec };
    }
    if (from?.prismaSchema) {
      const k = this.prismaKind(file, spec);
      if (k) return { kind: k, how: 'schema.prisma' };
    }
    if (from?.options) {
      const k = this.fromOptions(from.options, args, file, depth, lib);
      if (k) return k;
      // where the option is what puts the data somewhere at all (`multer({ storage })`), an unseen value leaves it unknown
      const guess = from.absent ? this.unseenOption(from.options, args, file, depth, lib) : undefined;
      if (guess) return guess;
    }
    // the module itself (`multer(…)`), not one of its engines (`multer.diskStorage({})`)
    if (from?.absent && (factory === '' || factory === 'default')) {
      const [first] = args;
      const named = first?.k === 'obj' && from.absent.keys.some((key) => key in first.p);
      if (!first || (first.k === 'obj' && !named)) return { kind: from.absent.kind, how: `no ${from.absent.keys.join(' or ')} option` };
    }
    if (from?.url) {
      for (const s of [...stringsIn(args), ...this.envArgStrings(args)]) {
        const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s);
        const k = m ? DIALECTS[m[1].toLowerCase()] : undefined;
        if (k) return { kind: k, how: `${m![1]}:// URL` };
      }
    }
    if (from?.argClient) {
      for (const a of flatArgs(args)) {
        const t = this.evaluate(a, lookup(file, depth + 1));
        // (or a client of the same library that another argument made another kind: catbox's policy over a Redis client)
        if (t?.t === 'client' && (t.c.lib !== lib || t.c.kind !== lib.kind)) return { kind: t.c.kind, how: `${t.c.lib.id} client` };
        if (t?.t === 'mod' && t.lib !== lib && t.lib.kind !== 'memory') return { kind: t.lib.factoryKinds?.[t.path.join('.')] ?? kindOfModule(t.lib, t.spec), how: `${t.lib.id}` };
      }
    }
    return { kind: lib.kind };
  }

  /**
   * An option that decides the kind is there, but what it holds is not known (`storage:
   * fileService.getStorage()`, a GridFS engine made elsewhere), or is this library's own engine writing to a
   * temporary folder (`diskStorage({})` without `destination`): the library's kind stays, as a guess.
   */
  private unseenOption(keys: readonly string[], args: readonly Val[], file: string, depth: number, lib: StoreModel): { kind: StoreKind; how: string; unsure: string } | undefined {
    for (const a of args) {
      if (a.k !== 'obj') continue;
      for (const key of keys) {
        const given = a.p[key];
        if (!given) continue;
        // `multer({ storage })` where `const storage = multer.diskStorage({ destination … })`, at module level or in
        // the function that makes the middleware (a local, known by the value it was given)
        let v = given;
        for (let i = 0; i < 4 && v.k === 'bound'; i++) v = v.v;
        if (v.k === 'ref') v = this.binding(file, v.n) ?? v;
        const made = v.k === 'call' || v.k === 'new' ? this.evaluate(v.f, lookup(file, depth + 1)) : undefined;
        const factory = made?.t === 'mod' && made.lib === lib ? made.path[made.path.length - 1] : undefined;
        const needs = factory ? lib.kindFrom?.scratchUnless?.[factory] : undefined;
        if (needs) {
          const opts = (v as { a: readonly Val[] }).a[0];
          if (opts?.k === 'obj' && needs in opts.p) return undefined;
          return { kind: lib.kind, how: `${key}: ${factory} without ${needs}`, unsure: `\`${factory}\` without \`${needs}\` writes to the OS temp folder: scratch that the handler moves or drops` };
        }
        if (factory) return undefined;
        return { kind: lib.kind, how: `${key}: ${describe(v)}`, unsure: `where \`${key}\` (${describe(v)}) keeps the data is not known to the analysis` };
      }
    }
    return undefined;
  }

  /** A dialect option (`{ dialect: 'postgres' }`, `{ client: 'pg' }`, `{ store: new RedisStore() }`). */
  private fromOptions(keys: readonly string[], args: readonly Val[], file: string, depth: number, lib: StoreModel): { kind: StoreKind; how: string; fallback?: { kind: StoreKind; how: string } } | undefined {
    for (const a of this.optionObjects(args, file, depth)) {
      for (const key of keys) {
        const v = a.p[key];
        if (!v) continue;
        const k = this.kindOfValue(v, a.file, depth, lib);
        if (!k) continue;
        // one branch of the configuration picks a store, another the library's in-process engine
        // (`driver: 'memory'` unless `REDIS_URI` is set): the store, with the engine as its fallback
        const inProcess = (x: Val) => (x.k === 'str' && /^memory$/i.test(x.s)) || this.kindOfValue(x, a.file, depth, lib) === 'memory';
        for (const other of k === 'memory' ? [] : keys) {
          const o = a.p[other];
          const alt = o?.k === 'or' ? o.v.find(inProcess) : undefined;
          if (alt) return { kind: k, how: `${key}: ${describe(v)}`, fallback: { kind: 'memory', how: `${other}: ${describe(alt)}` } };
        }
        return { kind: k, how: `${key}: ${describe(v)}` };
      }
    }
    return undefined;
  }

  /**
   * The path at which an embedded database keeps its data on this instance's disk (`new Database('app.db')`,
   * `{ type: 'sqlite', database: 'db.sqlite' }`), as written; nothing when no path is given, when every value the
   * path may take keeps the data in memory (`:memory:`), or when the database is opened read-only.
   */
  diskFile(lib: StoreModel, kind: StoreKind, args: readonly Val[], file: string, depth: number, spec = ''): string | undefined {
    const rule = lib.diskFile;
    if (!rule || (rule.kind && rule.kind !== kind)) return undefined;
    const driver = rule.modules ? Object.keys(rule.modules).find((m) => spec === m || spec.startsWith(`${m}/`)) : undefined;
    if (rule.modules && driver === undefined) return undefined;
    const scheme = driver !== undefined ? rule.modules![driver] : rule.scheme;
    const opts = this.optionObjects(args, file, depth);
    if (opts.some((o) => READ_ONLY.some((k) => k in o.p) || (rule.memoryOptions ?? []).some((k) => k in o.p))) return undefined;
    // `new sqlite3.Database(path, sqlite3.OPEN_READONLY)`
    if (args.some((a) => a.k === 'prop' && /READONLY$/.test(a.n))) return undefined;
    const path = this.pathOf(rule, args, opts);
    if (!path) return rule.implicit;
    // another client handed over (`drizzle(sqlite)`): its own file is reported where that client is opened
    const handed = path.k !== 'str' ? this.evaluate(path, lookup(file, depth + 1)) : undefined;
    if (handed?.t === 'client' && handed.c.kind !== 'env') return undefined;
    const alternatives = this.alternatives(path, file, 0);
    const onDisk = alternatives.filter((v) => !inMemory(v));
    if (onDisk.length === 0) return undefined;
    if (scheme && !onDisk.some((v) => v.k === 'str' && v.s.startsWith(scheme))) return undefined;
    // named as the code names it (`process.env.DB_FILE`), with the example env file's default where it gave the answer
    const asWritten = this.alternatives(path, file, 0, false).filter((v) => !inMemory(v));
    const named = [...new Set(asWritten.map(describe))].filter((d) => d !== '…');
    const kept = new Set(onDisk.map(describe));
    const byDefault = asWritten.flatMap((v) => this.envStrings(v)).map(describe).filter((d) => kept.has(d));
    const shown = named.length > 0 ? named.slice(0, 2).join(' or ') : 'a path the analysis cannot read';
    return byDefault.length > 0 ? `${shown}, ${byDefault[0]} in the example env file` : shown;
  }

  private pathOf(rule: DiskFileRule, args: readonly Val[], opts: ReadonlyArray<{ p: Readonly<Record<string, Val>> }>): Val | undefined {
    for (const key of rule.options ?? []) {
      for (const o of opts) {
        let v: Val | undefined = { k: 'obj', p: o.p };
        for (const part of key.split('.')) v = v?.k === 'obj' ? v.p[part] : undefined;
        if (v && v.k !== 'obj' && v.k !== 'fn') return v;
      }
    }
    const a = rule.arg !== undefined ? args[rule.arg] : undefined;
    return a && a.k !== 'obj' && a.k !== 'fn' ? a : undefined;
  }

  /** The values a path may take: each branch of `a || b` and `c ? a : b`, through module bindings that hold it. */
  private alternatives(v: Val, file: string, depth: number, env = true): Val[] {
    if (depth > 4) return [v];
    if (v.k === 'or') return v.v.flatMap((x) => this.alternatives(x, file, depth + 1, env));
    if (v.k === 'bound') return this.alternatives(v.v, file, depth + 1, env);
    // `process.env.DB_FILE` with `DB_FILE=file:.data/app.db` in `.env.example`: the default a deployment starts from
    const defaults = env ? this.envStrings(v) : [];
    if (defaults.length > 0) return defaults;
    if (v.k === 'ref') {
      const held = this.binding(file, v.n);
      if (held) return this.alternatives(held, file, depth + 1, env);
    }
    return [v];
  }

  /** The options objects among the arguments: literals, and objects held by a binding (`session(sessionSettings)`). */
  private optionObjects(args: readonly Val[], file: string, depth: number): Array<{ p: Readonly<Record<string, Val>>; file: string }> {
    const out: Array<{ p: Readonly<Record<string, Val>>; file: string }> = [];
    for (const a of args.flatMap((x) => (x.k === 'or' ? x.v : [x])).flatMap(assigned)) {
      if (a.k === 'obj') {
        out.push({ p: a.p, file });
        // a framework's async registration (`CacheModule.registerAsync({ useFactory: async () => ({ store }) })`): the
        // options are what the factory returns
        const factory = a.p.useFactory;
        if (factory?.k === 'fn') for (const r of this.returns(file, factory.id)) if (r.k === 'obj') out.push({ p: r.p, file });
      } else if (a.k === 'ref' || a.k === 'imp' || a.k === 'bound') {
        const t = this.evaluate(a, lookup(file, depth + 1));
        if (t?.t === 'obj') out.push({ p: t.p, file: t.file });
      }
    }
    return out;
  }

  /** The example env files' values of the arguments (and options) that read an environment variable. */
  private envArgStrings(args: readonly Val[]): string[] {
    const out: string[] = [];
    for (const a of args) {
      for (const x of a.k === 'obj' ? Object.values(a.p) : a.k === 'or' ? a.v : [a]) for (const s of this.envStrings(x)) if (s.k === 'str') out.push(s.s);
    }
    return out;
  }

  private kindOfValue(v: Val, file: string, depth: number, self: StoreModel): StoreKind | undefined {
    // `dialect: process.env.DB_DIALECT` with `DB_DIALECT=postgres` in `.env.example` (or through `getOsEnv('DB_DIALECT')`)
    for (const s of this.envStrings(v, file, depth)) {
      const k = this.kindOfValue(s, file, depth, self);
      if (k) return k;
    }
    // `type: env.db.type`: the member as the object another module builds writes it (`db: { type: getOsEnv('…') }`)
    if (v.k === 'prop' && v.n !== '*' && depth < 6) {
      const o = this.evaluate(v.o, lookup(file, depth + 1));
      const k = o?.t === 'obj' && o.p[v.n] ? this.kindOfValue(o.p[v.n], o.file, depth + 1, self) : undefined;
      if (k) return k;
    }
    if (v.k === 'str') {
      const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(v.s);
      return DIALECTS[(m ? m[1] : v.s).toLowerCase()];
    }
    if (v.k === 'or') {
      for (const x of v.v) {
        const k = this.kindOfValue(x, file, depth, self);
        if (k) return k;
      }
      return undefined;
    }
    const t = this.evaluate(v, lookup(file, depth + 1));
    // another library's client (`store: new RedisStore()`), or one of this library's own engines (`multer.memoryStorage()`)
    // (an environment variable read is configuration, not a store the option names)
    if (t?.t === 'client' && t.c.kind !== 'env' && (t.c.lib !== self || t.c.kind !== self.kind)) return t.c.kind;
    if (t?.t === 'mod') {
      if (t.lib !== self) return t.lib.factoryKinds?.[t.path.join('.')] ?? kindOfModule(t.lib, t.spec);
      return dialectNamed(t.path[t.path.length - 1] ?? '');
    }
    // a dialect the repository writes itself (`new SqliteWasmDialect(…)`, a driver or adapter class): its name says
    if (t?.t === 'inst') {
      const name = this.className(t.file, t.id) ?? '';
      if (/(Dialect|Driver|Adapter)$/.test(name)) return dialectNamed(name);
    }
    return undefined;
  }
}

/** The kind a class or export name spells (`PostgresDialect`, `SqliteExpoDialect`): a dialect key of four letters or more in it. */
function dialectNamed(name: string): StoreKind | undefined {
  const lower = name.toLowerCase();
  for (const [key, kind] of Object.entries(DIALECTS)) if (key.length >= 4 && lower.includes(key)) return kind;
  return undefined;
}

/** The variable `process.env.X` (or `process.env['X']`) reads, if `v` is such a read. */
function envRead(v: Val): string | undefined {
  return v.k === 'prop' && v.n !== '*' && v.o.k === 'prop' && v.o.n === 'env' && v.o.o.k === 'glob' && v.o.o.n === 'process' ? v.n : undefined;
}

/** Options that open a database read-only: it keeps nothing new on the disk. */
const READ_ONLY = ['readonly', 'readOnly'];
/** Paths that keep an embedded database in memory (SQLite's `:memory:` and its URI form, PGlite's `memory://`) or in a browser (`idb://`). */
const IN_MEMORY = /^(:memory:|memory:\/\/|idb:\/\/|file::memory:|sqlite::memory:)|mode=memory|^$/;

/** A path value that keeps the database in memory: a whole literal (not a template's prefix) of {@link IN_MEMORY}. */
const inMemory = (v: Val): boolean => v.k === 'str' && !v.pre && IN_MEMORY.test(v.s);

/**
 * The value as written, and the objects an `Object.assign(loaded, { type: … }, …)` merges into it (held by a local or
 * written in place): the options it ends with come from them.
 */
function assigned(v: Val): Val[] {
  let x = v;
  for (let i = 0; i < 4 && x.k === 'bound'; i++) x = x.v;
  if (x.k === 'call' && x.f.k === 'prop' && x.f.n === 'assign' && x.f.o.k === 'glob' && x.f.o.n === 'Object') return [v, ...x.a.filter((a) => a.k === 'obj')];
  // (the extractor keeps `Object.assign(a, b)` held by a local as either of them)
  if (x.k === 'or' && x !== v) return [v, ...x.v.filter((y) => y.k === 'obj')];
  return [v];
}

function stringsIn(args: readonly Val[]): string[] {
  const out: string[] = [];
  for (const a of args) {
    if (a.k === 'str') out.push(a.s);
    else if (a.k === 'obj') for (const v of Object.values(a.p)) if (v.k === 'str') out.push(v.s);
  }
  return out;
}

function flatArgs(args: readonly Val[]): Val[] {
  const out: Val[] = [];
  for (const a of args) {
    if (a.k === 'obj') out.push(...Object.values(a.p).filter((v) => v.k !== 'str'));
    else out.push(a);
  }
  return out;
}

function describe(v: Val): string {
  if (v.k === 'str') return `'${v.s}${v.pre ? '…' : ''}'`;
  if (v.k === 'new' || v.k === 'call') return `${describe(v.f)}(…)`;
  if (v.k === 'imp') return v.n === 'default' || v.n === '*' ? v.m : v.n;
  if (v.k === 'prop') return `${describe(v.o)}.${v.n}`;
  if (v.k === 'ref' || v.k === 'glob' || v.k === 'param') return v.n;
  return '…';
}

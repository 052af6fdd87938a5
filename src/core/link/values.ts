// Evaluation of values across files, calls aside (evaluate.ts): names (imports, exports, bindings,
// CommonJS), types, and members of clients, namespaces, objects, instances and classes.
import type { Catalog, StoreKind, StoreModel } from '../../catalog';
import type { ClassFact, FileFacts, FunctionFact, Val } from '../facts';
import { APP_FACTORY_MEMBERS, APP_FRAMEWORK_MODULES, CLIENTISH, HOLDERS } from '../../catalog/names';
import { addTo, pushTo } from '../grouping';
import { importedFunction } from './calls';
import { KindResolver, kindOfModule } from './kinds';
import type { ModuleResolver } from './resolve';
import type { BindingType, WorkerBinding } from '../discover/wrangler';
import { anyOf, clientsAmong, dollar, lookup, part, type Client, type EvalCtx, type Thing } from './thing';

const ALIASES = new Set(['window', 'globalThis', 'self', 'global']);
/** The module a Worker imports its bindings from (`import { env } from 'cloudflare:workers'`). */
/** The catalog entry of each kind of Worker binding. */
const BINDING_ENTRIES: Record<BindingType, string> = {
  d1: 'cloudflare:d1', r2: 'cloudflare:r2', kv: 'cloudflare:kv', queue: 'cloudflare:queues', 'durable-object': 'cloudflare:durable-objects',
};
export const MAX_DEPTH = 40;
/** The package import a value names: itself, or the module binding it refers to (`cron` of `const cron = require('node-cron')`). */
function packageImport(f: FileFacts | undefined, v: Val): { m: string; n: string } | undefined {
  const x = v.k === 'ref' ? f?.bindings[v.n] : v;
  return x?.k === 'imp' && !x.m.startsWith('.') ? { m: x.m, n: x.n } : undefined;
}

/** Members every function has: reading one says nothing about what the function returns. */
const FUNCTION_MEMBERS = new Set(['call', 'apply', 'bind', 'name', 'length', 'prototype', 'toString', 'constructor']);

/**
 * Follows imports, re-exports, CommonJS, class fields and typed parameters to what a value is.
 * Results are memoised per binding; calls are the subclass's (evaluate.ts).
 */
export abstract class ValueEvaluator {
  private readonly memo = new Map<string, Thing | undefined>();
  private readonly fills = new WeakMap<readonly Val[], Thing | undefined>();
  /** The identity a client made now takes: the binding being evaluated (`file:name`), or none. */
  protected hint = '';
  protected readonly kinds: KindResolver;

  constructor(
    protected readonly catalog: Catalog,
    protected readonly facts: ReadonlyMap<string, FileFacts>,
    protected readonly resolver: ModuleResolver,
    prismaKind: (file: string, spec: string) => StoreKind | undefined,
    protected readonly prismaInstance: (file: string, spec: string) => string | undefined,
    /** The Cloudflare Workers binding named `name` for code in `file` (wrangler configuration), if any. */
    protected readonly bindingOf: (file: string, name: string) => WorkerBinding | undefined = () => undefined,
    /** What the repository's example env files give a variable (`DATABASE_URL=postgres://…`). */
    envDefaults: (name: string) => readonly string[] = () => [],
  ) {
    this.kinds = new KindResolver(
      (v, cx) => this.eval(v, cx), prismaKind, (file, name) => this.facts.get(file)?.bindings[name], (file, id) => this.facts.get(file)?.classes[id]?.name,
      (file, id) => this.facts.get(file)?.functions[id]?.ret ?? [], envDefaults, (file, id) => this.facts.get(file)?.functions[id]?.envParam,
    );
  }

  protected abstract callOf(v: Extract<Val, { k: 'call' }>, cx: EvalCtx): Thing | undefined;
  protected abstract newOf(f: Thing | undefined, args: readonly Val[], cx: EvalCtx): Thing | undefined;
  /** What a workspace function returns. */
  protected abstract returned(file: string, id: string, depth: number): Thing | undefined;

  /** What `v`, written in `file`, is: nothing is recorded. */
  valueOf(v: Val, file: string): Thing | undefined {
    return this.eval(v, lookup(file, 0));
  }

  // One case per kind of value the extractor records: a table, kept whole on purpose.
  protected eval(v: Val, cx: EvalCtx): Thing | undefined {
    if (cx.depth > MAX_DEPTH) return undefined;
    const { file } = cx;
    const d = cx.depth + 1;
    switch (v.k) {
      case 'imp':
        return this.importThing(v.m, v.n, lookup(file, d));
      case 'glob':
        return ALIASES.has(v.n) ? { t: 'root', path: [], recv: false } : this.rootThing([v.n], false, cx);
      case 'ref': {
        // `const fastify = Fastify()` from a framework the catalog does not model: its decorations still count (so
        // do those of an application a modelled framework makes, a holder: its name still leads to them)
        const bound = this.binding(file, v.n, d);
        if (bound && bound.t !== 'holder') return bound;
        return (this.catalog.receiverRoots.has(v.n) ? this.rootThing([v.n], true, cx) : undefined) ?? bound;
      }
      case 'this':
        return { t: 'inst', file, id: v.c };
      case 'param':
        return this.param(v, cx, d);
      case 'type': {
        const t = this.typeThing(v.t, lookup(file, d));
        const target = t?.t === 'client' && (t.c.lib.ops.entityArgs || v.m) ? this.entityName(v.a, file, d) : undefined;
        return target && t?.t === 'client' ? { t: 'client', c: { ...t.c, target } } : t;
      }
      case 'cb':
        return this.callbackParam(v.f, lookup(file, d));
      case 'bound':
        return v.n ? this.evalHinted(v.v, `${file}:${v.n}`, lookup(file, d)) : this.eval(v.v, lookup(file, d));
      case 'or':
        return this.either(v.v, part(cx, d));
      case 'prop':
        return this.propOf(this.eval(v.o, part(cx, d)), v.n, { ...cx, depth: d });
      case 'call':
        return this.callOf(v, { ...cx, depth: d });
      case 'new':
        return this.newOf(this.eval(v.f, part(cx, d)), v.a, { ...cx, depth: d }) ?? this.appMade(v.f, file);
      case 'obj':
        return { t: 'obj', file, p: v.p, ...(v.fill ? { fill: v.fill } : {}), ...(v.sp ? { sp: v.sp } : {}) };
      case 'fn':
        return { t: 'fn', file, id: v.id };
      case 'cls':
        return { t: 'cls', file, id: v.id };
      default:
        return undefined;
    }
  }

  private param(v: Extract<Val, { k: 'param' }>, cx: EvalCtx, d: number): Thing | undefined {
    // `res: Response` from 'express': a handler framework's own type confirms what the name says
    const confirmed = v.t && this.catalog.receiverRoots.has(v.n) ? this.confirmsReceiver(v.n, v.t, cx.file) : undefined;
    // a transaction's handle, by its type (`tx: Transaction`, `Prisma.TransactionClient`, `Knex.Transaction`): the caller began it
    const txType = !!v.t && TRANSACTION_TYPE.test(typeName(v.t));
    if (v.t && !confirmed) {
      const t = this.typeThing(v.t, lookup(cx.file, d));
      if (t?.t === 'client' && txType) return { t: 'client', c: { ...t.c, tx: true } };
      if (t) return t;
      // the binding says what it is (`client = new Map()`, `client: Stripe`, `res: Stripe.Response`): its name decides nothing
      if (confirmed === false || this.saysOtherwise(v.t, cx.file)) return undefined;
    }
    // what the workspace's calls hand it says more than its name (a type, even `string`, said what it is above)
    const given = v.t ? undefined : this.given(v.n, cx, d);
    if (given) return given;
    if (this.catalog.receiverRoots.has(v.n)) return this.rootThing([v.n], true, cx) ?? (HOLDERS.test(v.n) ? { t: 'holder', file: cx.file } : undefined);
    // (or by its name, `tx`, `trx`): what is done through it runs in its caller's transaction
    if (CLIENTISH.test(v.n)) return { t: 'guess', file: cx.file, chain: [], ...(txType || TRANSACTION_PARAM.test(v.n) ? { tx: true as const } : {}) };
    return HOLDERS.test(v.n) ? { t: 'holder', file: cx.file } : undefined;
  }

  /** Per parameter (`file`, function, position), the arguments the workspace's calls of the function give it, with the calling file. */
  private argumentsTo: Map<string, Array<{ file: string; v: Val }>> | undefined;

  /**
   * What the calls of a function hand its parameter, when every one hands the same package's store library or client: a worker
   * module written as `module.exports = (cron, fetch) => { cron.schedule(…) }` and loaded with
   * `require('./workers/openCheckins')(cron, fetch)`, `cron` being `node-cron`, schedules with node-cron. Only for a
   * parameter of the function (or one around it) that the use being linked is written in.
   */
  private given(name: string, cx: EvalCtx, d: number): Thing | undefined {
    const use = cx.sink?.use;
    if (!use || use.fn === undefined || cx.sink!.file !== cx.file) return undefined;
    const f = this.facts.get(cx.file);
    let id: string | undefined = use.fn;
    let index = -1;
    for (let hops = 0; id !== undefined && hops < 32; hops++) {
      const fn: FunctionFact | undefined = f?.functions[id];
      index = fn?.params?.indexOf(name) ?? -1;
      if (index >= 0) break;
      id = fn?.parent;
    }
    if (id === undefined || index < 0) return undefined;
    const args = (this.argumentsTo ??= this.argumentsIndex()).get(`${cx.file}\0${id}\0${index}`);
    if (!args || args.length > 8) return undefined;
    let out: Thing | undefined;
    for (const a of args) {
      this.readFrom?.add(a.file);
      // only a package's module, named in the call or by a module binding of the caller (`const cron =
      // require('node-cron')`): evaluating workspace values from here could meet a binding being evaluated
      const m = packageImport(this.facts.get(a.file), a.v);
      const t = m ? this.importThing(m.m, m.n, lookup(a.file, d)) : undefined;
      const same = t?.t === 'mod' ? out?.t === 'mod' && out.lib === t.lib : t?.t === 'client' ? out?.t === 'client' && out.c.lib === t.c.lib && out.c.kind === t.c.kind : false;
      if (!t || (t.t !== 'mod' && t.t !== 'client') || (out && !same)) return undefined;
      out ??= t;
    }
    return out;
  }

  /** The arguments of every call of a workspace function whose callee is named directly: an import of a workspace module, or a function of the same file. */
  private argumentsIndex(): Map<string, Array<{ file: string; v: Val }>> {
    const out = new Map<string, Array<{ file: string; v: Val }>>();
    for (const [file, f] of this.facts) {
      for (const use of f.uses) {
        const call = use.v.k === 'call' ? use.v : undefined;
        if (!call || call.a.length === 0) continue;
        const callee = this.calleeOf(call.f, file, f);
        if (callee) call.a.forEach((v, i) => pushTo(out, `${callee.file}\0${callee.id}\0${i}`, { file, v }));
      }
    }
    return out;
  }

  private calleeOf(fv: Val, file: string, f: FileFacts): { file: string; id: string } | undefined {
    if (fv.k === 'ref') {
      const b = f.bindings[fv.n];
      return b?.k === 'fn' ? { file, id: b.id } : undefined;
    }
    if (fv.k !== 'imp' || !fv.m.startsWith('.')) return undefined;
    // (`require('./worker')(…)` calls the function the module exports whole)
    for (const name of fv.n === '*' ? ['=', 'default'] : [fv.n]) {
      const fn = importedFunction(this.facts, this.resolver, file, fv.m, name);
      if (fn) return { file: fn.file, id: fn.id };
    }
    return undefined;
  }

  /** A type (or default value) that is untracked, or from a package the catalog does not know. */
  private saysOtherwise(t: Val, file: string): boolean {
    const root = typeRoot(t);
    return root.k === 'x' || (root.k === 'imp' && !root.m.startsWith('.') && this.resolver.resolve(root.m, file) === undefined);
  }

  private confirming: Map<string, Set<string>> | undefined;

  /**
   * For a parameter named as the root of receivers whose entries name the modules that confirm them
   * (`receiverModules`): true when its type comes from one of those modules, false when it comes from
   * another package, undefined when it names no package (the workspace's own type) or no entry says.
   */
  private confirmsReceiver(name: string, t: Val, file: string): boolean | undefined {
    if (!this.confirming) {
      this.confirming = new Map();
      for (const [path, m] of this.catalog.receivers) for (const spec of m.receiverModules ?? []) addTo(this.confirming, path[0], spec);
    }
    const modules = this.confirming.get(name);
    const root = typeRoot(t);
    if (!modules || root.k !== 'imp' || root.m.startsWith('.')) return undefined;
    const r = this.resolver.resolve(root.m, file);
    if (r && 'file' in r) return undefined;
    return modules.has(root.m.startsWith('node:') ? root.m.slice(5) : root.m);
  }

  /** The callee is a client method (`prisma.$transaction`): its callback's parameter is that client. */
  private callbackParam(f: Val, cx: EvalCtx): Thing | undefined {
    const base = f.k === 'prop' ? this.eval(f.o, cx) : this.eval(f, cx);
    // a workspace helper (`useTransaction(async (tx) => …)`) hands its callback what it calls it with (`callback(db)`)
    if (f.k !== 'prop' && base?.t === 'fn') return this.handedToCallback(base.file, base.id, cx);
    if (base?.t !== 'client') return undefined;
    const name = f.k === 'prop' ? f.n : undefined;
    return { t: 'client', c: { ...base.c, chain: name ? [...base.c.chain, { name, call: [] }] : base.c.chain.map((s, i, all) => (i === all.length - 1 ? { ...s, call: [] } : s)) } };
  }

  /** The client a workspace function calls one of its parameters with, if any (`callback(tx)` … `callback(db)`). */
  private handedToCallback(file: string, id: string, cx: EvalCtx): Thing | undefined {
    const calls = this.facts.get(file)?.functions[id]?.pcalls;
    if (!calls || cx.depth > MAX_DEPTH) return undefined;
    const values = calls.flatMap((c) => c.a);
    const t = this.either(values, lookup(file, cx.depth + 1));
    return t?.t === 'client' || t?.t === 'any' ? t : undefined;
  }

  /** One of several values (`a ?? b`, `x ? a : b`): every client among them, else the first. */
  private either(values: readonly Val[], cx: EvalCtx): Thing | undefined {
    const things = values.map((x) => this.eval(x, cx));
    return clientsAmong(things) ?? things.find((t) => t !== undefined);
  }

  // ---- names ---------------------------------------------------------------------------------

  protected importThing(spec: string, name: string, cx: EvalCtx): Thing | undefined {
    const r = this.resolver.resolve(spec, cx.file);
    if (!r) return undefined;
    if ('lib' in r) return this.modThing(r.lib, r.spec, name === 'default' || name === '*' ? [] : [name]);
    return name === '*' ? this.nsThing(r.file, cx.depth) : this.exportThing(r.file, name, cx.depth);
  }

  private modThing(lib: StoreModel, spec: string, path: string[]): Thing {
    if (lib.direct && !(path.length > 0 && lib.factories?.includes(path.join('.')))) {
      return { t: 'client', c: { lib, kind: kindOfModule(lib, spec), origin: `lib:${lib.id}`, chain: path.map((name) => ({ name })), spec } };
    }
    return { t: 'mod', lib, spec, path };
  }

  private nsThing(file: string, depth: number): Thing | undefined {
    const f = this.facts.get(file);
    if (!f) return undefined;
    const cjs = f.exports.find((e) => e.name === '=' && e.v);
    if (cjs?.v) return this.memoized(`=\0${file}`, () => this.eval(cjs.v!, lookup(file, depth)));
    return { t: 'ns', file };
  }

  private exportThing(file: string, name: string, depth: number): Thing | undefined {
    return this.memoized(`e\0${file}\0${name}`, () => {
      const f = this.facts.get(file);
      if (!f) return undefined;
      const cx = lookup(file, depth);
      const e = f.exports.find((x) => x.name === name && (x.v || x.from));
      if (e?.v) return this.eval(e.v, cx);
      if (e?.from) return this.importThing(e.from, e.imported ?? name, cx);
      const cjs = f.exports.find((x) => x.name === '=' && x.v);
      if (cjs?.v) {
        const whole = this.eval(cjs.v, cx);
        return name === 'default' ? whole : this.propOf(whole, name, cx);
      }
      for (const star of f.exports) {
        if (star.name !== '*') continue;
        // `Object.assign(module.exports, models)`: a member of what was copied onto the exports
        const t = star.from ? this.importThing(star.from, name, cx) : star.v ? this.propOf(this.eval(star.v, cx), name, cx) : undefined;
        if (t) return t;
      }
      // `export default` missing: a bundler's interop gives the namespace
      return name === 'default' ? { t: 'ns', file } : undefined;
    });
  }

  private binding(file: string, name: string, depth: number): Thing | undefined {
    return this.memoized(`b\0${file}\0${name}`, () => {
      const f = this.facts.get(file);
      const v = f?.bindings[name];
      const t = v ? this.evalHinted(v, `${file}:${name}`, lookup(file, depth)) : undefined;
      // an object filled in a loop (`db[model.name] = sequelize.import(file)` over a folder of models): any member it
      // does not name may be one of what was stored
      if (t?.t !== 'obj') return t;
      const fill = f!.mutations.filter((m) => m.target === name && m.how === 'property' && m.value).map((m) => m.value!);
      return fill.length > 0 ? { ...t, fill: [...(t.fill ?? []), ...fill] } : t;
    });
  }

  /** Evaluates a binding's value; clients made in it take the binding as their identity. */
  protected evalHinted(v: Val, hint: string, cx: EvalCtx): Thing | undefined {
    const saved = this.hint;
    this.hint = hint;
    try {
      return this.eval(v, cx);
    } finally {
      this.hint = saved;
    }
  }

  /**
   * What an object filled under computed keys holds, once per fill: each member read of it evaluates every stored
   * value, and a stored value that reads members of filled objects again would branch at every level (trilium's
   * event registry, `listeners[type] = listeners[type] || []`: hours on one repository). A fill met again while it is
   * evaluated holds nothing.
   */
  private filledOf(fill: readonly Val[], file: string, depth: number): Thing | undefined {
    if (this.fills.has(fill)) return this.fills.get(fill);
    this.fills.set(fill, undefined);
    const stored = fill.map((x) => this.eval(x, lookup(file, depth + 1)));
    // made by an untyped parameter named like a client (`sequelize.import(file)` in `initSequelize(sequelize)`)
    const filled = clientsAmong(stored) ?? (stored.length === 1 && stored[0]?.t === 'guess' ? stored[0] : undefined);
    this.fills.set(fill, filled);
    return filled;
  }

  protected memoized(key: string, compute: () => Thing | undefined): Thing | undefined {
    if (this.memo.has(key)) return this.memo.get(key);
    this.memo.set(key, undefined); // cycles resolve to nothing
    const t = compute();
    this.memo.set(key, t);
    return t;
  }

  private rootThing(path: string[], recv: boolean, cx: EvalCtx): Thing | undefined {
    const m = this.catalog.byPath(path, recv);
    if (m) {
      if (m.factories?.includes('')) return { t: 'mod', lib: m, spec: 'global', path: [] };
      const c: Client = { lib: m, kind: m.kind, origin: `global:${path.join('.')}`, chain: [] };
      const { sink } = cx;
      if (sink && m.ops.self) {
        const assign = cx.outer && (sink.use.ctx === 'assign' || sink.use.ctx === 'delete');
        sink.ops.push({ client: c, access: assign ? 'write' : 'read', operation: path.join('.') });
      }
      return { t: 'client', c };
    }
    return this.catalog.leadsSomewhere(path, recv) ? { t: 'root', path, recv } : undefined;
  }

  protected typeThing(tv: Val, cx: EvalCtx): Thing | undefined {
    const t = this.eval(tv, cx);
    if (!t) return undefined;
    if (t.t === 'mod') {
      const name = t.path.join('.');
      const lib = t.lib;
      if (lib.types?.includes(name) || lib.factories?.includes(name) || (t.path.length === 0 && lib.factories?.includes(''))) {
        // `db: PrismaClient`: the schema that governs the file says the database, as for `new PrismaClient()`
        const schema = lib.kindFrom?.prismaSchema;
        const kind = lib.factoryKinds?.[name] ?? (schema ? this.kinds.resolve(lib, t.spec, name, [], cx.file).kind : kindOfModule(lib, t.spec));
        const instance = schema ? dollar(this.prismaInstance(cx.file, t.spec)) : undefined;
        return { t: 'client', c: { lib, kind, origin: `type:${lib.id}:${name}`, chain: [], spec: t.spec, ...(instance ? { instance } : {}) } };
      }
      return undefined;
    }
    if (t.t === 'cls') {
      const base = this.clientBase(t.file, t.id, cx.depth);
      return base ? { t: 'client', c: { ...base, origin: `type:${t.file}:${t.id}` } } : { t: 'inst', file: t.file, id: t.id };
    }
    return t.t === 'client' || t.t === 'inst' ? t : undefined;
  }

  /** The name of an entity class (`User` in `getRepository(User)` or `Repository<User>`), when `v` is one. */
  protected entityName(v: Val | undefined, file: string, depth: number): string | undefined {
    if (!v || depth > MAX_DEPTH) return undefined;
    switch (v.k) {
      case 'bound':
        return this.entityName(v.v, file, depth + 1);
      case 'ref':
        return /^[A-Z]/.test(v.n) ? v.n : undefined;
      // `@InjectModel(User.name)`: the class's name
      case 'prop':
        return v.n === 'name' ? this.entityName(v.o, file, depth + 1) : undefined;
      // `getRepository('User')`: the entity by its name
      case 'str':
        return !v.pre && /^[A-Z]\w*$/.test(v.s) ? v.s : undefined;
      case 'imp':
      case 'cls': {
        if (v.k === 'imp' && v.n !== 'default' && v.n !== '*') return /^[A-Z]/.test(v.n) ? v.n : undefined;
        const t = this.eval(v, lookup(file, depth + 1));
        return t?.t === 'cls' ? this.facts.get(t.file)?.classes[t.id]?.name || undefined : undefined;
      }
      default:
        return undefined;
    }
  }

  /** The client a class is (or extends): `class PrismaService extends PrismaClient`, `class User extends Model`. */
  protected clientBase(file: string, id: string, depth: number): Client | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const cls = this.facts.get(file)?.classes[id];
    if (!cls?.ext) return undefined;
    const base = this.eval(cls.ext, lookup(file, depth + 1));
    if (!base) return undefined;
    if (base.t === 'cls') return this.clientBase(base.file, base.id, depth + 1);
    if (base.t === 'client') return { ...base.c, chain: [] };
    if (base.t === 'mod') {
      const name = base.path.join('.');
      const lib = base.lib;
      if (lib.types?.includes(name) || lib.factories?.includes(name) || (base.path.length === 0 && lib.factories?.includes(''))) {
        const instance = lib.kindFrom?.prismaSchema ? dollar(this.prismaInstance(file, base.spec)) : undefined;
        return { lib, kind: lib.factoryKinds?.[name] ?? this.kinds.resolve(lib, base.spec, name, [], file).kind, origin: `class:${file}:${cls.name}`, chain: [], spec: base.spec, ...(instance ? { instance } : {}) };
      }
    }
    return undefined;
  }

  // ---- members ---------------------------------------------------------------------------------

  /** Member `n` of `o`; `cx` is where the member is read (its sink records reads of storage members). */
  protected propOf(o: Thing | undefined, n: string, cx: EvalCtx): Thing | undefined {
    if (!o) return undefined;
    switch (o.t) {
      case 'any':
        return anyOf(o.of.map((x) => this.propOf(x, n, cx)));
      case 'mod':
        if (o.lib.bindings?.includes(o.path.join('.'))) return this.bindingThing(n, cx.file);
        return { t: 'mod', lib: o.lib, spec: o.spec, path: [...o.path, n] };
      case 'root':
        // `env.FEED_DB` (a Worker's `fetch(request, env)`), `c.env.KV` (Hono), `locals.runtime.env.DB` (Astro)
        if (o.path[o.path.length - 1] === 'env') {
          const b = this.bindingThing(n, cx.file);
          if (b) return b;
        }
        return this.rootThing([...o.path, n], o.recv, cx) ?? (!o.recv || o.path.length !== 1 ? undefined
          // `req.app`, `request.server`, `ctx.db`: a request that carries the application's clients
          : HOLDERS.test(o.path[0]) ? this.propOf({ t: 'holder', file: cx.file }, n, cx)
          : CLIENTISH.test(n) ? { t: 'guess', file: cx.file, chain: [] } : undefined);
      case 'holder': {
        // what the code hangs on the application under this name (`app.db = client`) decides; only without it, the name
        const hung = this.slot(n, o.file, cx.depth);
        if (hung && hung.t !== 'data') return hung;
        if (hung && !HOLDERS.test(n)) return undefined;
        return CLIENTISH.test(n) ? { t: 'guess', file: o.file, chain: [] } : HOLDERS.test(n) ? o : undefined;
      }
      case 'client':
        return this.clientMember(o.c, n, cx);
      case 'ns':
        return this.exportThing(o.file, n, cx.depth);
      case 'obj': {
        const v = o.p[n];
        if (v) return this.eval(v, lookup(o.file, cx.depth));
        if (cx.depth > MAX_DEPTH) return undefined;
        // a member of a module spread into it (`export default { ...devices }`): the last spread that has it
        for (const s of [...(o.sp ?? [])].reverse()) {
          const t = this.propOf(this.eval(s, lookup(o.file, cx.depth + 1)), n, { ...cx, depth: cx.depth + 1 });
          if (t) return t;
        }
        if (!o.fill) return undefined;
        const filled = this.filledOf(o.fill, o.file, cx.depth);
        // kept under its model's name (`db.User`): the member names the table the model reads
        if (!/^[A-Z]\w*$/.test(n)) return filled;
        if (filled?.t === 'client' && !filled.c.target) return { t: 'client', c: { ...filled.c, target: n } };
        return filled?.t === 'guess' ? { ...filled, target: n } : filled;
      }
      case 'inst':
        return this.instProp(o.file, o.id, n, cx.depth);
      case 'cls':
        return this.staticProp(o.file, o.id, n, cx.depth);
      case 'guess':
        return { ...o, chain: [...o.chain, { name: n }] };
      case 'fn':
        // a member functions do not have: the function was a getter (`static get defaultClient()`)
        if (FUNCTION_MEMBERS.has(n) || cx.depth > MAX_DEPTH) return undefined;
        return this.propOf(this.returned(o.file, o.id, cx.depth + 1), n, { ...cx, depth: cx.depth + 1 });
      default:
        return undefined;
    }
  }

  /** What a server framework's factory or class makes (`express()`, `new Koa()`, `Hapi.server()`): an application that carries clients. */
  protected appMade(f: Val, file: string): Thing | undefined {
    const imp = f.k === 'prop' && f.o.k === 'imp' && (f.o.n === '*' || f.o.n === 'default') && APP_FACTORY_MEMBERS.has(f.n) ? f.o
      : f.k === 'imp' && (f.n === '*' || APP_FACTORY_MEMBERS.has(f.n)) ? f : undefined;
    return imp && APP_FRAMEWORK_MODULES.has(imp.m) ? { t: 'holder', file } : undefined;
  }

  private slotIndex: Map<string, Map<string, Array<{ file: string; v: Val }>>> | undefined;
  /** While set, the files whose hung values a lookup consulted: a file linked through them depends on them. */
  consulted: Set<string> | undefined;
  /**
   * While set, the files whose calls a parameter's value was read from (see `given`): a file linked through them is
   * linked again when they change, but does not import them.
   */
  readFrom: Set<string> | undefined;

  /**
   * What the code of `file`'s package hangs on an application or request holder under `name` (`app.db = client`,
   * `app.set('pg', pool)`, `req.db = db` in a middleware): its clients; `data` when every value is known and none is a
   * client; undefined when nothing is hung there or a value cannot be followed.
   */
  protected slot(name: string, file: string, depth: number): Thing | undefined {
    if (!this.slotIndex) {
      const index = new Map<string, Map<string, Array<{ file: string; v: Val }>>>();
      this.slotIndex = index; // a lookup made while the index is being made finds nothing
      for (const [f, facts] of this.facts) {
        for (const s of facts.slots ?? []) {
          const root = this.eval(s.o, lookup(f, 1));
          const holds = root?.t === 'holder' || (root?.t === 'root' && root.recv && root.path.length === 1 && HOLDERS.test(root.path[0]));
          if (!holds) continue;
          const pkg = this.resolver.packageOf(f);
          const byName = index.get(pkg) ?? new Map<string, Array<{ file: string; v: Val }>>();
          index.set(pkg, byName);
          pushTo(byName, s.n, { file: f, v: s.v });
        }
      }
    }
    const pkg = this.resolver.packageOf(file);
    const hung = this.slotIndex.get(pkg)?.get(name);
    if (!hung || depth > MAX_DEPTH) return undefined;
    for (const h of hung) this.consulted?.add(h.file);
    return this.memoized(`s\0${pkg}\0${name}`, () => {
      const things = hung.map((h) => this.eval(h.v, lookup(h.file, depth + 1)));
      const unknown = things.some((t, i) => t?.t === 'guess' || t?.t === 'holder' || (!t && !madeHere(hung[i].v)));
      // one module or object of clients hung whole (`app.set('db_model', require('./lib/model/db'))`): its members are
      const [only] = things;
      const carrier = things.length === 1 && (only?.t === 'obj' || only?.t === 'ns' || only?.t === 'inst') ? only : undefined;
      return clientsAmong(things) ?? carrier ?? (unknown ? undefined : { t: 'data' });
    });
  }

  /** The store a Worker's binding named `n` is, as the Wrangler configuration over `file` declares it. */
  private bindingThing(n: string, file: string): Thing | undefined {
    const b = this.bindingOf(file, n);
    const lib = b && this.catalog.byId(BINDING_ENTRIES[b.type]);
    if (!b || !lib) return undefined;
    return { t: 'client', c: { lib, kind: lib.kind, origin: `binding:${b.file}:${b.name}`, chain: [], instance: b.name, how: `binding \`${b.name}\` in ${b.file}` } };
  }

  private clientMember(c: Client, n: string, cx: EvalCtx): Thing {
    const { sink } = cx;
    if (sink && c.chain.length === 0 && c.lib.ops.members) {
      const writes = cx.outer && (sink.use.ctx === 'assign' || sink.use.ctx === 'delete') && c.lib.ops.members === 'storage';
      sink.ops.push({ client: c, access: writes ? 'write' : 'read', operation: n, target: n });
    }
    return { t: 'client', c: { ...c, chain: [...c.chain, { name: n }] } };
  }

  private instProp(file: string, id: string, n: string, depth: number): Thing | undefined {
    const cls = this.facts.get(file)?.classes[id];
    if (!cls) return undefined;
    return this.memoized(`i\0${file}\0${id}\0${n}`, () => {
      const field = cls.fields[n];
      if (field) {
        const got = this.evalHinted(field, `${file}:${cls.name}.${n}`, lookup(file, depth));
        if (field.k !== 'param' || got?.t === 'client' || got?.t === 'any') return got;
        return this.fromSubclasses(file, id, field.n, depth) ?? got;
      }
      const method = cls.methods[n];
      if (method) return { t: 'fn', file, id: method };
      if (!cls.ext) return undefined;
      const base = this.eval(cls.ext, lookup(file, depth));
      if (base?.t === 'cls') return this.instProp(base.file, base.id, n, depth + 1);
      const client = this.clientBase(file, id, depth);
      return client ? this.propOf({ t: 'client', c: client }, n, lookup(file, depth)) : undefined;
    });
  }

  /**
   * What subclasses pass to constructor parameter `param` of class `id` through `super(…)`: a base
   * repository given its model (`super(UserModel)`, then `this.model.find()`). Every client passed.
   */
  private fromSubclasses(file: string, id: string, param: string, depth: number): Thing | undefined {
    const i = this.facts.get(file)?.classes[id]?.ctor?.indexOf(param) ?? -1;
    if (i < 0 || depth > MAX_DEPTH) return undefined;
    const found: Array<Thing | undefined> = [];
    for (const sub of this.subclassesOf(file, id)) {
      const a = sub.cls.sup?.[i];
      if (!a) continue;
      let t = this.eval(a, lookup(sub.file, depth + 1));
      if (!t && a.k === 'x') continue;
      if (t?.t !== 'client' && t?.t !== 'any' && a.k === 'param') t = this.fromSubclasses(sub.file, sub.id, a.n, depth + 1);
      found.push(t);
    }
    return clientsAmong(found);
  }

  private subclassIndex: Map<string, Array<{ file: string; id: string; cls: ClassFact }>> | undefined;

  /** Classes whose `extends` names class `id` of `file`, found once for the whole workspace. */
  private subclassesOf(file: string, id: string): Array<{ file: string; id: string; cls: ClassFact }> {
    if (!this.subclassIndex) {
      const index = new Map<string, Array<{ file: string; id: string; cls: ClassFact }>>();
      for (const [f, facts] of this.facts) {
        for (const [cid, cls] of Object.entries(facts.classes)) {
          if (!cls.ext || !cls.sup) continue;
          const base = this.eval(cls.ext, lookup(f, 1));
          if (base?.t !== 'cls') continue;
          const key = `${base.file}\0${base.id}`;
          pushTo(index, key, { file: f, id: cid, cls });
        }
      }
      this.subclassIndex = index;
    }
    return this.subclassIndex.get(`${file}\0${id}`) ?? [];
  }

  private staticProp(file: string, id: string, n: string, depth: number): Thing | undefined {
    const cls = this.facts.get(file)?.classes[id];
    if (!cls) return undefined;
    const s = cls.statics[n];
    if (s) return this.evalHinted(s, `${file}:${cls.name}.${n}`, lookup(file, depth));
    const method = cls.methods[n];
    if (method) return { t: 'fn', file, id: method };
    // an Active Record model class: `User.findAll()` on `class User extends Model`
    const client = this.clientBase(file, id, depth);
    return client ? this.propOf({ t: 'client', c: client }, n, lookup(file, depth)) : undefined;
  }
}

/** A value made on the spot from the language's own classes or literals (`new Map()`, `{}`, `'pug'`): data, whatever it is named. */
function madeHere(v: Val): boolean {
  return (v.k === 'new' && v.f.k === 'glob') || v.k === 'obj' || v.k === 'str' || v.k === 'fn' || v.k === 'cls';
}

/** What a type annotation (or default value) is rooted in: `Response` of `express.Response`. */
function typeRoot(t: Val): Val {
  let root = t.k === 'type' ? t.t : t;
  while (root.k === 'prop') root = root.o;
  return root;
}

/** Type names of a transaction's handle: `Transaction`, `TransactionClient`, `PgTransaction`, `Knex.Transaction`. */
const TRANSACTION_TYPE = /Transaction(Client)?$/;
/** Parameters named as a transaction's handle. */
const TRANSACTION_PARAM = /^(tx|trx|transaction)$/;

/** The last name a type annotation's value gives (`Knex.Transaction` → `Transaction`), or ''. */
function typeName(t: Val): string {
  if (t.k === 'type') return typeName(t.t);
  return t.k === 'imp' || t.k === 'prop' || t.k === 'ref' || t.k === 'glob' ? t.n : '';
}

import { DIALECTS, HOST_KINDS, type Access, type Catalog, type StoreKind, type StoreModel } from '../../catalog';
import type { FileFacts, UseFact, Val } from '../facts';
import { classifyMethod, hostOf, isStaticAsset, keyedMethod, targetOf, textOf, type Classified } from './classify';
import { COMMON_IGNORED, accessFromSql, tablesFromSql } from '../../catalog/verbs';
import type { ModuleResolver } from './resolve';
import { CLIENTISH, HOLDERS } from '../extract/scope';
import { InstanceFinder } from './instances';

/** A found operation (the linker's FoundOp), built here for classes that are an access by extending. */
export interface FoundOpLike {
  file: string; line: number; column: number; endLine: number; endColumn: number; pos: number;
  kind: StoreKind; library: string; access: Access; operation: string; client: string; use: UseFact;
}

/** One step taken from a client: a member (`prisma.seat`) or a call (`collection('orders')`). */
export interface Step {
  name: string;
  call?: readonly Val[];
}

/** A store client: which library, which store kind, and the identity of the instance. */
export interface Client {
  lib: StoreModel;
  kind: StoreKind;
  /** Identity of the instance: where it was made (`file:binding`), or the type or global it stands for. */
  origin: string;
  chain: Step[];
  /** The module specifier it came from (for kinds chosen by import path). */
  spec?: string;
  /** How the kind was told (`client: 'pg'`, a URL scheme, schema.prisma), when not by default. */
  how?: string;
  /** Which instance of its kind: the env var or URL host its connection comes from. */
  instance?: string;
}

/** What a value turns out to be once every file is known. */
export type Thing =
  | { t: 'mod'; lib: StoreModel; spec: string; path: string[] }
  | { t: 'root'; path: string[]; recv: boolean }
  | { t: 'client'; c: Client }
  | { t: 'ns'; file: string }
  | { t: 'fn'; file: string; id: string }
  | { t: 'cls'; file: string; id: string }
  | { t: 'inst'; file: string; id: string }
  | { t: 'obj'; file: string; p: Record<string, Val> }
  /** An untyped parameter named like a client (`client`, `db`): matched to a library by the method called. */
  | { t: 'guess'; file: string; chain: Step[] }
  /** An untyped context object (`ctx`, `context`, `deps`): its members named like clients are guessed. */
  | { t: 'holder'; file: string }
  /** One of several clients (`type === 'session' ? sessionStorage : localStorage`): each is touched. */
  | { t: 'any'; of: Thing[] }
  | { t: 'data' };

export interface OpEvent {
  client: Client;
  access: Access;
  operation: string;
  target?: string;
  conditional?: boolean;
  /** Runs in a transaction or under a row lock (`{ transaction }`, `{ lock: … }`, `{ session }` options). */
  tx?: boolean;
}

const TX_OPTIONS = ['transaction', 'lock', 'session', 'tx', 'trx'];

function inTransaction(args: readonly Val[]): boolean {
  return args.some((a) => a.k === 'obj' && TX_OPTIONS.some((k) => k in a.p));
}

/** Collects what one use does: operations, clients made, callbacks scheduled, methods called. */
export class Sink {
  readonly ops: OpEvent[] = [];
  readonly makes: Array<{ client: Client; factory: string; args: readonly Val[] }> = [];
  readonly schedules: Array<{ lib: StoreModel; callback?: { file: string; id: string } }> = [];
  readonly methods: Array<{ client: Client; name: string }> = [];
  /** Workspace functions this use calls (their store operations may belong to the caller's service too). */
  readonly calls: Array<{ file: string; id: string }> = [];
  /** What the whole use evaluated to. */
  result: Thing | undefined;
  constructor(readonly use: UseFact, readonly file: string, readonly hint: string) {}
}

const ALIASES = new Set(['window', 'globalThis', 'self', 'global']);
/** Calls that hand out an instance of the class they are given (DI containers). */
const DI_CALLS = new Set(['inject', 'get', 'resolve', 'getInstance', 'useInject']);
const MAX_DEPTH = 40;

/**
 * Evaluates symbolic values across files: follows imports, re-exports, CommonJS, class fields, factory
 * functions and typed parameters to the store client they hold. Results are memoised per binding.
 */
export class Evaluator {
  private readonly memo = new Map<string, Thing | undefined>();

  private readonly instances: InstanceFinder;

  constructor(
    private readonly catalog: Catalog,
    private readonly facts: ReadonlyMap<string, FileFacts>,
    private readonly resolver: ModuleResolver,
    private readonly prismaKind: (file: string, spec: string) => StoreKind | undefined,
    private readonly prismaInstance: (file: string, spec: string) => string | undefined = () => undefined,
  ) {
    this.instances = new InstanceFinder(facts, resolver);
  }

  /** Classes of a file that extend a catalog base which is itself an access (`extends WorkerHost`). */
  baseAccess(f: FileFacts, file: string): FoundOpLike[] {
    const out: FoundOpLike[] = [];
    for (const cls of Object.values(f.classes)) {
      if (!cls.ext) continue;
      const base = this.eval(cls.ext, file, undefined, false, 0);
      if (base?.t !== 'mod') continue;
      const name = base.path.join('.');
      const access = base.lib.bases?.[name];
      if (!access) continue;
      const use: UseFact = { v: cls.ext, ctx: 'value', line: cls.line, col: 1, endLine: cls.line, endCol: 1, pos: 0, top: 1 };
      out.push({ file, line: cls.line, column: 1, endLine: cls.line, endColumn: 1, pos: 0, kind: base.lib.kind, library: base.lib.id, access, operation: `extends ${name}`, client: `class:${file}:${cls.name}`, use });
    }
    return out;
  }

  /** Evaluates a use: what it touches is recorded in `sink`. */
  evaluateUse(use: UseFact, file: string): Sink {
    const hint = use.keep && use.res ? `${file}:${use.res}` : use.res ? `${file}:${use.fn ?? 'top'}:${use.res}` : `${file}:${use.line}:${use.col}`;
    const sink = new Sink(use, file, hint);
    const thing = this.eval(use.v, file, sink, true, 0);
    sink.result = thing;
    if (thing?.t === 'client' && sink.ops.length === 0) {
      const c = thing.c;
      const def = c.lib.ops.chainDefault;
      const navigated = c.chain.some((s) => s.call);
      const ignored = c.chain.some((s) => c.lib.ops.ignore?.includes(s.name));
      if (def && navigated && !ignored) sink.ops.push({ client: c, access: def, operation: c.chain.map((s) => s.name).join('.'), ...(this.chainTarget(c) ? { target: this.chainTarget(c) } : {}) });
    }
    return sink;
  }

  /** The target named along the way: the first navigation step the entry says names one (`collection('users').doc(id)` → users). */
  private chainTarget(c: Client): string | undefined {
    for (const s of c.chain) {
      if (!s.call || !keyedMethod(c.lib, s.name)) continue;
      const t = targetOf(s.call, true);
      if (t) return t;
    }
    return undefined;
  }

  eval(v: Val, file: string, sink: Sink | undefined, outer: boolean, depth: number): Thing | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const d = depth + 1;
    switch (v.k) {
      case 'imp':
        return this.importThing(v.m, v.n, file, d);
      case 'glob':
        return ALIASES.has(v.n) ? { t: 'root', path: [], recv: false } : this.rootThing([v.n], false, sink, outer);
      case 'ref':
        // `const fastify = Fastify()` from a framework the catalog does not model: its decorations still count
        return this.binding(file, v.n, d) ?? (this.catalog.receiverRoots.has(v.n) ? this.rootThing([v.n], true, sink, outer) : undefined);
      case 'this':
        return { t: 'inst', file, id: v.c };
      case 'param': {
        if (v.t) {
          const t = this.typeThing(v.t, file, d);
          if (t) return t;
        }
        if (this.catalog.receiverRoots.has(v.n)) return this.rootThing([v.n], true, sink, outer) ?? (HOLDERS.test(v.n) ? { t: 'holder', file } : undefined);
        if (CLIENTISH.test(v.n)) return { t: 'guess', file, chain: [] };
        return HOLDERS.test(v.n) ? { t: 'holder', file } : undefined;
      }
      case 'type':
        return this.typeThing(v.t, file, d);
      case 'cb': {
        // the callee is a client method (`prisma.$transaction`): its callback's parameter is that client
        const f = v.f;
        const base = f.k === 'prop' ? this.eval(f.o, file, undefined, false, d) : this.eval(f, file, undefined, false, d);
        if (base?.t !== 'client') return undefined;
        const name = f.k === 'prop' ? f.n : undefined;
        return { t: 'client', c: { ...base.c, chain: name ? [...base.c.chain, { name, call: [] }] : base.c.chain.map((s, i, all) => (i === all.length - 1 ? { ...s, call: [] } : s)) } };
      }
      case 'bound':
        return v.n ? this.evalHinted(v.v, file, `${file}:${v.n}`, d) : this.eval(v.v, file, undefined, false, d);
      case 'or': {
        let first: Thing | undefined;
        const clients: Thing[] = [];
        for (const x of v.v) {
          const t = this.eval(x, file, sink, false, d);
          if (t?.t === 'client' || t?.t === 'any') {
            if (!clients.some((c) => sameClient(c, t))) clients.push(t);
          }
          first ??= t;
        }
        if (clients.length === 1) return clients[0];
        if (clients.length > 1) return { t: 'any', of: clients };
        return first;
      }
      case 'prop':
        return this.propOf(this.eval(v.o, file, sink, false, d), v.n, file, sink, outer, d);
      case 'call':
        return this.callOf(v, file, sink, outer, d);
      case 'new':
        return this.newOf(this.eval(v.f, file, sink, false, d), v.a, file, sink, d);
      case 'obj':
        return { t: 'obj', file, p: v.p };
      case 'fn':
        return { t: 'fn', file, id: v.id };
      case 'cls':
        return { t: 'cls', file, id: v.id };
      default:
        return undefined;
    }
  }

  // ---- names ---------------------------------------------------------------------------------

  private importThing(spec: string, name: string, file: string, depth: number): Thing | undefined {
    const r = this.resolver.resolve(spec, file);
    if (!r) return undefined;
    if ('lib' in r) return this.modThing(r.lib, r.spec, name === 'default' || name === '*' ? [] : [name]);
    return name === '*' ? this.nsThing(r.file, depth) : this.exportThing(r.file, name, depth);
  }

  private modThing(lib: StoreModel, spec: string, path: string[]): Thing {
    if (lib.direct && !(path.length > 0 && lib.factories?.includes(path.join('.')))) {
      return { t: 'client', c: { lib, kind: this.kindOfModule(lib, spec), origin: `lib:${lib.id}`, chain: path.map((name) => ({ name })), spec } };
    }
    return { t: 'mod', lib, spec, path };
  }

  private kindOfModule(lib: StoreModel, spec: string): StoreKind {
    const m = lib.kindFrom?.modules;
    if (m) {
      let best: string | undefined;
      for (const k of Object.keys(m)) if ((spec === k || spec.startsWith(k)) && (!best || k.length > best.length)) best = k;
      if (best) return m[best];
    }
    return lib.kind;
  }

  private nsThing(file: string, depth: number): Thing | undefined {
    const f = this.facts.get(file);
    if (!f) return undefined;
    const cjs = f.exports.find((e) => e.name === '=' && e.v);
    if (cjs?.v) return this.memoized(`=\0${file}`, () => this.eval(cjs.v!, file, undefined, false, depth));
    return { t: 'ns', file };
  }

  private exportThing(file: string, name: string, depth: number): Thing | undefined {
    return this.memoized(`e\0${file}\0${name}`, () => {
      const f = this.facts.get(file);
      if (!f) return undefined;
      const e = f.exports.find((x) => x.name === name && (x.v || x.from));
      if (e?.v) return this.eval(e.v, file, undefined, false, depth);
      if (e?.from) return this.importThing(e.from, e.imported ?? name, file, depth);
      const cjs = f.exports.find((x) => x.name === '=' && x.v);
      if (cjs?.v) {
        const whole = this.eval(cjs.v, file, undefined, false, depth);
        return name === 'default' ? whole : this.propOf(whole, name, file, undefined, false, depth);
      }
      for (const star of f.exports) {
        if (star.name !== '*' || !star.from) continue;
        const t = this.importThing(star.from, name, file, depth);
        if (t) return t;
      }
      // `export default` missing: a bundler's interop gives the namespace
      return name === 'default' ? { t: 'ns', file } : undefined;
    });
  }

  private binding(file: string, name: string, depth: number): Thing | undefined {
    return this.memoized(`b\0${file}\0${name}`, () => {
      const v = this.facts.get(file)?.bindings[name];
      return v ? this.evalHinted(v, file, `${file}:${name}`, depth) : undefined;
    });
  }

  /** Evaluates a binding's value; clients made in it take the binding as their identity. */
  private evalHinted(v: Val, file: string, hint: string, depth: number): Thing | undefined {
    const saved = this.hint;
    this.hint = hint;
    try {
      return this.eval(v, file, undefined, false, depth);
    } finally {
      this.hint = saved;
    }
  }

  private hint = '';

  private memoized(key: string, compute: () => Thing | undefined): Thing | undefined {
    if (this.memo.has(key)) return this.memo.get(key);
    this.memo.set(key, undefined); // cycles resolve to nothing
    const t = compute();
    this.memo.set(key, t);
    return t;
  }

  private rootThing(path: string[], recv: boolean, sink: Sink | undefined, outer: boolean): Thing | undefined {
    const m = this.catalog.byPath(path, recv);
    if (m) {
      if (m.factories?.includes('')) return { t: 'mod', lib: m, spec: 'global', path: [] };
      const c: Client = { lib: m, kind: m.kind, origin: `global:${path.join('.')}`, chain: [] };
      if (sink && m.ops.self) {
        const assign = outer && (sink.use.ctx === 'assign' || sink.use.ctx === 'delete');
        sink.ops.push({ client: c, access: assign ? 'write' : 'read', operation: path.join('.') });
      }
      return { t: 'client', c };
    }
    return this.catalog.leadsSomewhere(path, recv) ? { t: 'root', path, recv } : undefined;
  }

  private typeThing(tv: Val, file: string, depth: number): Thing | undefined {
    const t = this.eval(tv, file, undefined, false, depth);
    if (!t) return undefined;
    if (t.t === 'mod') {
      const name = t.path.join('.');
      const lib = t.lib;
      if (lib.types?.includes(name) || lib.factories?.includes(name) || (t.path.length === 0 && lib.factories?.includes(''))) {
        return { t: 'client', c: { lib, kind: lib.factoryKinds?.[name] ?? this.kindOfModule(lib, t.spec), origin: `type:${lib.id}:${name}`, chain: [], spec: t.spec } };
      }
      return undefined;
    }
    if (t.t === 'cls') {
      const base = this.clientBase(t.file, t.id, depth);
      return base ? { t: 'client', c: { ...base, origin: `type:${t.file}:${t.id}` } } : { t: 'inst', file: t.file, id: t.id };
    }
    return t.t === 'client' || t.t === 'inst' ? t : undefined;
  }

  /** The client a class is (or extends): `class PrismaService extends PrismaClient`, `class User extends Model`. */
  private clientBase(file: string, id: string, depth: number): Client | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const cls = this.facts.get(file)?.classes[id];
    if (!cls?.ext) return undefined;
    const base = this.eval(cls.ext, file, undefined, false, depth + 1);
    if (!base) return undefined;
    if (base.t === 'cls') return this.clientBase(base.file, base.id, depth + 1);
    if (base.t === 'client') return { ...base.c, chain: [] };
    if (base.t === 'mod') {
      const name = base.path.join('.');
      const lib = base.lib;
      if (lib.types?.includes(name) || lib.factories?.includes(name) || (base.path.length === 0 && lib.factories?.includes(''))) {
        const instance = lib.kindFrom?.prismaSchema ? dollar(this.prismaInstance(file, base.spec)) : undefined;
        return { lib, kind: lib.factoryKinds?.[name] ?? this.resolveKind(lib, base.spec, name, [], file).kind, origin: `class:${file}:${cls.name}`, chain: [], spec: base.spec, ...(instance ? { instance } : {}) };
      }
    }
    return undefined;
  }

  // ---- members ---------------------------------------------------------------------------------

  private propOf(o: Thing | undefined, n: string, file: string, sink: Sink | undefined, outer: boolean, depth: number): Thing | undefined {
    if (!o) return undefined;
    switch (o.t) {
      case 'any':
        return anyOf(o.of.map((x) => this.propOf(x, n, file, sink, outer, depth)));
      case 'mod':
        return { t: 'mod', lib: o.lib, spec: o.spec, path: [...o.path, n] };
      case 'root':
        return this.rootThing([...o.path, n], o.recv, sink, outer) ?? (o.recv && o.path.length === 1 && CLIENTISH.test(n) ? { t: 'guess', file, chain: [] } : undefined);
      case 'holder':
        return CLIENTISH.test(n) ? { t: 'guess', file: o.file, chain: [] } : HOLDERS.test(n) ? o : undefined;
      case 'client': {
        const c = o.c;
        if (sink && c.chain.length === 0 && c.lib.ops.members) {
          const writes = outer && (sink.use.ctx === 'assign' || sink.use.ctx === 'delete') && c.lib.ops.members === 'storage';
          sink.ops.push({ client: c, access: writes ? 'write' : 'read', operation: n, target: n });
        }
        return { t: 'client', c: { ...c, chain: [...c.chain, { name: n }] } };
      }
      case 'ns':
        return this.exportThing(o.file, n, depth);
      case 'obj': {
        const v = o.p[n];
        return v ? this.eval(v, o.file, undefined, false, depth) : undefined;
      }
      case 'inst':
        return this.instProp(o.file, o.id, n, depth);
      case 'cls':
        return this.staticProp(o.file, o.id, n, depth);
      case 'guess':
        return { ...o, chain: [...o.chain, { name: n }] };
      default:
        return undefined;
    }
  }

  private instProp(file: string, id: string, n: string, depth: number): Thing | undefined {
    const cls = this.facts.get(file)?.classes[id];
    if (!cls) return undefined;
    return this.memoized(`i\0${file}\0${id}\0${n}`, () => {
      const field = cls.fields[n];
      if (field) return this.evalHinted(field, file, `${file}:${cls.name}.${n}`, depth);
      const method = cls.methods[n];
      if (method) return { t: 'fn', file, id: method };
      if (!cls.ext) return undefined;
      const base = this.eval(cls.ext, file, undefined, false, depth);
      if (base?.t === 'cls') return this.instProp(base.file, base.id, n, depth + 1);
      const client = this.clientBase(file, id, depth);
      return client ? this.propOf({ t: 'client', c: client }, n, file, undefined, false, depth) : undefined;
    });
  }

  private staticProp(file: string, id: string, n: string, depth: number): Thing | undefined {
    const cls = this.facts.get(file)?.classes[id];
    if (!cls) return undefined;
    const s = cls.statics[n];
    if (s) return this.evalHinted(s, file, `${file}:${cls.name}.${n}`, depth);
    const method = cls.methods[n];
    if (method) return { t: 'fn', file, id: method };
    // an Active Record model class: `User.findAll()` on `class User extends Model`
    const client = this.clientBase(file, id, depth);
    return client ? this.propOf({ t: 'client', c: client }, n, file, undefined, false, depth) : undefined;
  }

  // ---- calls ---------------------------------------------------------------------------------

  private callOf(v: Extract<Val, { k: 'call' }>, file: string, sink: Sink | undefined, outer: boolean, depth: number): Thing | undefined {
    const f = v.f;
    // dependency injection by class: `inject(HttpClient)`, `app.get(UsersService)`, `container.resolve(Repo)`
    if ((f.k === 'imp' || f.k === 'ref') && DI_CALLS.has(f.n) && v.a.length > 0) {
      const t = this.typeThing(v.a[0], file, depth);
      if (t) return t;
    }
    if (f.k === 'prop') {
      const base = this.eval(f.o, file, sink, false, depth);
      if (DI_CALLS.has(f.n) && v.a.length > 0 && base?.t !== 'client' && base?.t !== 'guess') {
        const t = this.typeThing(v.a[0], file, depth);
        if (t) return t;
      }
      if ((f.n === 'register' || f.n === 'use') && v.a.length > 0) {
        const plugin = this.eval(v.a[0], file, undefined, false, depth);
        if (plugin?.t === 'mod' && plugin.path.length === 0 && plugin.lib.factories?.includes('')) {
          return this.makeClient(plugin.lib, plugin.spec, '', v.a.slice(1), file, sink, depth);
        }
      }
      if (base?.t === 'client') return this.methodCall(base.c, f.n, v.a, file, sink, depth);
      if (base?.t === 'any') {
        return anyOf(base.of.map((b) => (b.t === 'client' ? this.methodCall(b.c, f.n, v.a, file, sink, depth) : this.callThing(this.propOf(b, f.n, file, sink, false, depth), v.a, !!v.tag, file, sink, depth))));
      }
      if (base?.t === 'guess') {
        const lib = this.guessLibrary(base.file, f.n, v.a);
        if (!lib) return { t: 'guess', file: base.file, chain: [...base.chain, { name: f.n, call: v.a }] };
        const c: Client = { lib, kind: this.resolveKind(lib, '', '', [], base.file, depth).kind, origin: `guess:${base.file}:${lib.id}`, chain: base.chain, how: 'a parameter named like a client' };
        return this.methodCall(c, f.n, v.a, file, sink, depth);
      }
      if (base?.t === 'mod') return this.callMod(base.lib, base.spec, [...base.path, f.n], v.a, file, sink, depth);
      return this.callThing(this.propOf(base, f.n, file, sink, false, depth), v.a, !!v.tag, file, sink, depth);
    }
    return this.callThing(this.eval(f, file, sink, false, depth), v.a, !!v.tag, file, sink, depth);
  }

  private callThing(t: Thing | undefined, args: readonly Val[], tag: boolean, file: string, sink: Sink | undefined, depth: number): Thing | undefined {
    if (!t) return undefined;
    switch (t.t) {
      case 'any':
        return anyOf(t.of.map((x) => this.callThing(x, args, tag, file, sink, depth)));
      case 'guess': {
        if (t.chain.length > 0) return undefined;
        // `this.db('products')`: the one library the workspace uses whose client is called directly
        const libs = this.librariesOf(t.file).concat(this.librariesOf(undefined, t.file)).filter((l) => (tag ? l.ops.tag : l.ops.call));
        const unique = [...new Set(libs)];
        if (unique.length !== 1) return undefined;
        const lib = unique[0];
        const c: Client = { lib, kind: this.resolveKind(lib, '', '', [], t.file, depth).kind, origin: `guess:${t.file}:${lib.id}`, chain: [], how: 'a parameter named like a client' };
        return this.directCall(c, args, tag, sink);
      }
      case 'client': {
        const c = t.c;
        const last = c.chain[c.chain.length - 1];
        if (last && !last.call) return this.methodCall({ ...c, chain: c.chain.slice(0, -1) }, last.name, args, file, sink, depth);
        return this.directCall(c, args, tag, sink);
      }
      case 'mod':
        return this.callMod(t.lib, t.spec, t.path, args, file, sink, depth);
      case 'fn':
        sink?.calls.push({ file: t.file, id: t.id });
        return this.memoized(`r\0${t.file}\0${t.id}`, () => {
          const fn = this.facts.get(t.file)?.functions[t.id];
          let first: Thing | undefined;
          for (const r of fn?.ret ?? []) {
            const x = this.evalHinted(r, t.file, `${t.file}:${fn?.name || t.id}()`, depth);
            if (x?.t === 'client') return x;
            first ??= x;
          }
          return first;
        });
      default:
        return undefined;
    }
  }

  /** Classifies `method(args)` on a client of `lib` with the arguments as written in `file` (constants and locals looked through). */
  classifyAt(lib: StoreModel, method: string, args: readonly Val[], file: string): Classified {
    return classifyMethod(lib, method, args.map((a) => (a.k === 'ref' || a.k === 'bound' || a.k === 'imp' ? this.instances.valueOf(a, file) ?? a : a)));
  }

  private methodCall(c: Client, method: string, args: readonly Val[], file: string, sink: Sink | undefined, depth: number): Thing | undefined {
    sink?.methods.push({ client: c, name: method });
    // `client.send(command)`, `client.request(QUERY)`: what a constant or local holds decides, not its name
    const seen = sink ? args.map((a) => (a.k === 'ref' || a.k === 'bound' || a.k === 'imp' ? this.instances.valueOf(a, file) ?? a : a)) : args;
    const sched = c.lib.scheduler;
    if (sched && sink && sched.methods?.includes(method)) sink.schedules.push({ lib: c.lib, callback: this.callbackOf(args, sched.callbackArg, file, depth) });
    const cls = classifyMethod(c.lib, method, seen);
    if (cls.op) {
      if (sink) {
        const member = c.lib.ops.memberTarget ? c.chain.find((s) => !s.call && !c.lib.ops.ignore?.includes(s.name) && !c.lib.ops.navigate?.includes(s.name)) : undefined;
        const target = member?.name ?? cls.target ?? this.chainTarget(c);
        sink.ops.push({
          client: byHost(c, target), access: cls.access, operation: [...c.chain.filter((s) => shownStep(c.lib, s)).map((s) => s.name), cls.operation].join('.'),
          ...(target ? { target } : {}), ...(cls.conditional ? { conditional: true } : {}), ...(inTransaction(seen) ? { tx: true } : {}),
        });
      }
      if (c.lib.ops.returnsClient?.includes(method)) return { t: 'client', c: { ...c, chain: [...c.chain, { name: method, call: args }] } };
      return c.lib.activeRecord && cls.access !== 'write' ? { t: 'client', c: { ...c, chain: [] } } : { t: 'data' };
    }
    if (cls.factory) return this.makeClient(c.lib, c.spec ?? '', method, args, file, sink, depth, c.kind);
    return { t: 'client', c: { ...c, chain: [...c.chain, { name: method, call: args }] } };
  }

  private directCall(c: Client, args: readonly Val[], tag: boolean, sink: Sink | undefined): Thing | undefined {
    const sched = c.lib.scheduler;
    if (sched && !sched.methods && sink) sink.schedules.push({ lib: c.lib, callback: this.callbackOf(args, sched.callbackArg, sink.file, 0) });
    const mode = tag ? c.lib.ops.tag : c.lib.ops.call;
    if (!mode) return undefined;
    if (mode === 'navigate') return { t: 'client', c: { ...c, chain: [...c.chain, { name: '()', call: args }] } };
    if (sink) {
      if (mode === 'sql') {
        const text = textOf(args[0]);
        const table = text ? tablesFromSql(text)[0] : undefined;
        sink.ops.push({ client: c, access: (text && accessFromSql(text)) || 'readwrite', operation: tag ? 'sql``' : 'query', ...(table ? { target: table } : {}) });
      } else if (mode === 'http') {
        if (isStaticAsset(args)) return { t: 'data' };
        const cls = classifyMethod({ ...c.lib, ops: { http: ['request'] } }, 'request', args);
        const host = hostOf(args);
        if (cls.op) sink.ops.push({ client: byHost(c, host), access: cls.access, operation: c.lib.id, ...(host ? { target: host } : {}) });
      } else {
        sink.ops.push({ client: c, access: mode, operation: c.lib.id });
      }
    }
    return { t: 'data' };
  }

  private callMod(lib: StoreModel, spec: string, path: string[], args: readonly Val[], file: string, sink: Sink | undefined, depth: number): Thing | undefined {
    const joined = path.join('.');
    const last = path[path.length - 1] ?? '';
    const f = lib.factories ?? [];
    if (f.includes(joined) || (path.length === 0 && f.includes('')) || (last && f.includes(last))) {
      if (path.length === 0 && args.length === 1 && this.eval(args[0], file, undefined, false, depth + 1)?.t === 'mod') {
        return this.makeClient(lib, spec, '', [], file, undefined, depth);
      }
      return this.makeClient(lib, spec, f.includes(joined) ? joined : path.length === 0 ? '' : last, args, file, sink, depth);
    }
    if (lib.scheduler?.methods && sink && (lib.scheduler.methods.includes(joined) || lib.scheduler.methods.includes(last))) {
      sink.schedules.push({ lib, callback: this.callbackOf(args, lib.scheduler.callbackArg, file, depth) });
    }
    return { t: 'mod', lib, spec, path };
  }

  private newOf(f: Thing | undefined, args: readonly Val[], file: string, sink: Sink | undefined, depth: number): Thing | undefined {
    if (!f) return undefined;
    if (f.t === 'mod') {
      const joined = f.path.join('.');
      const last = f.path[f.path.length - 1] ?? '';
      if (f.lib.scheduler?.methods && sink && (f.lib.scheduler.methods.includes(joined) || f.lib.scheduler.methods.includes(last))) {
        sink.schedules.push({ lib: f.lib, callback: this.callbackOf(args, f.lib.scheduler.callbackArg, file, depth) });
        return undefined;
      }
      return this.callMod(f.lib, f.spec, f.path, args, file, sink, depth);
    }
    if (f.t === 'client') {
      // `new RedisStore(…)` where RedisStore = connectRedis(session): the class is the client
      return this.makeClient(f.c.lib, f.c.spec ?? '', '', args, file, sink, depth, f.c.kind);
    }
    if (f.t === 'cls') {
      const base = this.clientBase(f.file, f.id, depth);
      if (base) {
        const c: Client = { ...base, origin: sink?.hint ?? (this.hint || base.origin) };
        if (sink) sink.makes.push({ client: c, factory: this.facts.get(f.file)?.classes[f.id]?.name ?? '', args });
        return { t: 'client', c };
      }
      return { t: 'inst', file: f.file, id: f.id };
    }
    return undefined;
  }

  private makeClient(lib: StoreModel, spec: string, factory: string, args: readonly Val[], file: string, sink: Sink | undefined, depth: number, inherited?: StoreKind): Thing {
    const { kind, how } = inherited && !lib.factoryKinds?.[factory] ? { kind: inherited, how: undefined } : this.resolveKind(lib, spec, factory, args, file, depth);
    const instance = this.instances.of(args, file) ?? (lib.kindFrom?.prismaSchema ? dollar(this.prismaInstance(file, spec)) : undefined);
    const c: Client = { lib, kind, origin: sink?.hint ?? (this.hint || `${file}:${lib.id}`), chain: [], spec, ...(how ? { how } : {}), ...(instance ? { instance } : {}) };
    if (sink) {
      sink.makes.push({ client: c, factory, args });
      const con = lib.ops.construct;
      const access = typeof con === 'string' ? con : con?.[factory];
      if (access) sink.ops.push({ client: c, access, operation: `new ${factory || lib.id}` });
    }
    return { t: 'client', c };
  }

  /** The store kind a new client reaches: factory, import path, schema.prisma, dialect options, URLs, wrapped clients. */
  resolveKind(lib: StoreModel, spec: string, factory: string, args: readonly Val[], file: string, depth = 0): { kind: StoreKind; how?: string } {
    const fk = lib.factoryKinds?.[factory];
    if (fk) return { kind: fk };
    const from = lib.kindFrom;
    if (from?.modules) {
      const k = this.kindOfModule(lib, spec);
      if (k !== lib.kind) return { kind: k, how: spec };
    }
    if (from?.prismaSchema) {
      const k = this.prismaKind(file, spec);
      if (k) return { kind: k, how: 'schema.prisma' };
    }
    if (from?.options) {
      for (const a of args.flatMap((x) => (x.k === 'or' ? x.v : [x]))) {
        if (a.k !== 'obj') continue;
        for (const key of from.options) {
          const v = a.p[key];
          if (!v) continue;
          const k = this.kindOfValue(v, file, depth, lib);
          if (k) return { kind: k, how: `${key}: ${describe(v)}` };
        }
      }
    }
    if (from?.url) {
      for (const s of stringsIn(args)) {
        const m = /^([a-z][a-z0-9+.-]*):\/\//i.exec(s);
        const k = m ? DIALECTS[m[1].toLowerCase()] : undefined;
        if (k) return { kind: k, how: `${m![1]}:// URL` };
      }
    }
    if (from?.argClient) {
      for (const a of flatArgs(args)) {
        const t = this.eval(a, file, undefined, false, depth + 1);
        if (t?.t === 'client' && t.c.lib !== lib) return { kind: t.c.kind, how: `${t.c.lib.id} client` };
        if (t?.t === 'mod' && t.lib !== lib && t.lib.kind !== 'memory') return { kind: t.lib.factoryKinds?.[t.path.join('.')] ?? this.kindOfModule(t.lib, t.spec), how: `${t.lib.id}` };
      }
    }
    return { kind: lib.kind };
  }

  private kindOfValue(v: Val, file: string, depth: number, self: StoreModel): StoreKind | undefined {
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
    const t = this.eval(v, file, undefined, false, depth + 1);
    // another library's client (`store: new RedisStore()`), or one of this library's own engines (`multer.memoryStorage()`)
    if (t?.t === 'client' && (t.c.lib !== self || t.c.kind !== self.kind)) return t.c.kind;
    if (t?.t === 'mod') {
      if (t.lib !== self) return t.lib.factoryKinds?.[t.path.join('.')] ?? this.kindOfModule(t.lib, t.spec);
      const name = (t.path[t.path.length - 1] ?? '').toLowerCase();
      for (const [key, kind] of Object.entries(DIALECTS)) if (key.length >= 4 && name.includes(key)) return kind;
    }
    return undefined;
  }

  private readonly fileLibs = new Map<string, StoreModel[]>();

  /**
   * The one library, among those this file imports, whose client has an operation called `method`
   * (`client.query('SELECT …')` in a file that imports pg). None when several could.
   */
  private guessLibrary(file: string, method: string, args: readonly Val[]): StoreModel | undefined {
    // only a library's own operation names count: a shared verb (`getJson`) says nothing about which library
    const own = (lib: StoreModel) => classifyMethod({ ...lib, ops: { ...lib.ops, fallback: 'ignore' } }, method, args).op;
    const hits = this.librariesOf(file).filter(own);
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return undefined;
    // a resolver or a tRPC procedure gets its client through a context object: any library its package uses
    const all = this.librariesOf(undefined, file).filter(own);
    return all.length === 1 ? all[0] : undefined;
  }

  /**
   * Client libraries a file imports, or (`file` undefined) those of the workspace package `near` is in:
   * in a monorepo an image proxy's `cache` parameter is not the web app's IndexedDB.
   */
  private librariesOf(file: string | undefined, near?: string): StoreModel[] {
    const pkg = file === undefined ? this.resolver.packageOf(near ?? '') : undefined;
    const key = file ?? `\0pkg:${pkg}`;
    let libs = this.fileLibs.get(key);
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
      this.fileLibs.set(key, libs);
    }
    return libs;
  }

  private callbackOf(args: readonly Val[], index: number, file: string, depth: number): { file: string; id: string } | undefined {
    const candidates: Val[] = [];
    const a = args[index];
    if (a) candidates.push(a);
    for (const x of args) if (x.k === 'obj') for (const key of ['onTick', 'task', 'handler', 'callback', 'fn']) if (x.p[key]) candidates.push(x.p[key]);
    for (const c of candidates) {
      const t = c.k === 'fn' ? { t: 'fn' as const, file, id: c.id } : this.eval(c, file, undefined, false, depth + 1);
      if (t?.t === 'fn') return { file: t.file, id: t.id };
    }
    return undefined;
  }
}

/** Steps worth naming in an operation: `prisma.seat.update` → `seat.update`, not `$transaction.seat.update`. */
function shownStep(lib: StoreModel, s: Step): boolean {
  return s.name !== '()' && !lib.ops.ignore?.includes(s.name) && !COMMON_IGNORED.has(s.name);
}

/** A request to a host that is really a store (Firebase Storage is object storage) counts as that store. */
function byHost(c: Client, host: string | undefined): Client {
  if (c.kind !== 'http-api' || !host) return c;
  for (const [re, kind] of HOST_KINDS) if (re.test(host)) return { ...c, kind, how: host };
  return c;
}

function dollar(env: string | undefined): string | undefined {
  return env ? `$${env}` : undefined;
}

function sameClient(a: Thing, b: Thing): boolean {
  return a.t === 'client' && b.t === 'client' && a.c.origin === b.c.origin && a.c.chain.length === b.c.chain.length;
}

function anyOf(things: Array<Thing | undefined>): Thing | undefined {
  const kept = things.filter((t): t is Thing => t !== undefined && t.t !== 'data');
  if (kept.length === 0) return things.some((t) => t?.t === 'data') ? { t: 'data' } : undefined;
  return kept.length === 1 ? kept[0] : { t: 'any', of: kept };
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
  if (v.k === 'str') return `'${v.s}'`;
  if (v.k === 'new' || v.k === 'call') return `${describe(v.f)}(…)`;
  if (v.k === 'imp') return v.n === 'default' || v.n === '*' ? v.m : v.n;
  if (v.k === 'prop') return `${describe(v.o)}.${v.n}`;
  if (v.k === 'ref' || v.k === 'glob') return v.n;
  return '…';
}

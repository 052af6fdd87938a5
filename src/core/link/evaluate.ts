// Calls and clients made: the half of evaluation that records what a use does (values.ts follows names
// and members). A call on a client is classified by its catalog entry; a factory makes a client.
import type { WorkerBinding } from '../discover/wrangler';
import type { Access, Catalog, StoreKind, StoreModel } from '../../catalog';
import { accessFromSql, tablesFromSql } from '../../catalog/verbs';
import type { FileFacts, UseFact, Val } from '../facts';
import { classifyMethod, hostOf, isStaticAsset, keyedMethod, targetOf, textOf, type Classified } from './classify';
import { InstanceFinder } from './instances';
import { LibraryIndex } from './libraries';
import { calledParams } from './passThrough';
import type { ModuleResolver } from './resolve';
import { anyOf, byHost, byMember, dollar, inTransaction, lookup, part, shownStep, Sink, type Client, type EvalCtx, type Thing } from './thing';
import type { FoundOp } from './types';
import { ValueEvaluator } from './values';

export { Sink, type Client, type EvalCtx, type OpEvent, type Step, type Thing } from './thing';

/** Calls that hand out an instance of the class they are given (DI containers). */
const DI_CALLS = new Set(['inject', 'get', 'resolve', 'getInstance', 'useInject']);
/** Option keys of a scheduler that name its callback (`{ onTick }`, `{ task }`). */
const CALLBACK_KEYS = ['onTick', 'task', 'handler', 'callback', 'fn'];

/**
 * Evaluates symbolic values across files: follows imports, re-exports, CommonJS, class fields, factory
 * functions and typed parameters to the store client they hold. Results are memoised per binding.
 */
export class Evaluator extends ValueEvaluator {
  private readonly instances: InstanceFinder;
  private readonly libraries: LibraryIndex;

  constructor(
    catalog: Catalog,
    facts: ReadonlyMap<string, FileFacts>,
    resolver: ModuleResolver,
    prismaKind: (file: string, spec: string) => StoreKind | undefined,
    prismaInstance: (file: string, spec: string) => string | undefined = () => undefined,
    bindingOf: (file: string, name: string) => WorkerBinding | undefined = () => undefined,
    envDefaults: (name: string) => readonly string[] = () => [],
  ) {
    super(catalog, facts, resolver, prismaKind, prismaInstance, bindingOf, envDefaults);
    this.instances = new InstanceFinder(facts, resolver);
    this.libraries = new LibraryIndex(facts, resolver);
  }

  /**
   * Classes of a file that extend a catalog base which is itself an access (`extends WorkerHost`), also through a
   * mixin a framework makes of it (`extends PassportStrategy(Strategy)` of `@nestjs/passport`: its `super(…)` makes a
   * passport-jwt Strategy).
   */
  baseAccess(f: FileFacts, file: string): FoundOp[] {
    const out: FoundOp[] = [];
    for (const cls of Object.values(f.classes)) {
      if (!cls.ext) continue;
      const ext = cls.ext;
      const based = (v: Val) => {
        const t = this.valueOf(v, file);
        return t?.t === 'mod' && t.lib.bases?.[t.path.join('.')] ? t : undefined;
      };
      const base = based(ext) ?? (ext.k === 'call' && ext.a.length === 1 ? based(ext.a[0]) : undefined);
      if (!base) continue;
      const name = base.path.join('.');
      const access = base.lib.bases![name];
      const use: UseFact = { v: cls.ext, ctx: 'value', line: cls.line, col: 1, endLine: cls.line, endCol: 1, pos: 0, top: 1 };
      out.push({ file, line: cls.line, column: 1, endLine: cls.line, endColumn: 1, pos: 0, kind: base.lib.kind, library: base.lib.id, access, operation: `extends ${name}`, client: `class:${file}:${cls.name}`, use });
    }
    return out;
  }

  /** Evaluates a use: what it touches is recorded in the returned sink. */
  evaluateUse(use: UseFact, file: string): Sink {
    const hint = use.keep && use.res ? `${file}:${use.res}` : use.res ? `${file}:${use.fn ?? 'top'}:${use.res}` : `${file}:${use.line}:${use.col}`;
    const sink = new Sink(use, file, hint);
    const thing = this.eval(use.v, { file, sink, outer: true, depth: 0 });
    sink.result = thing;
    if (thing?.t === 'client' && sink.ops.length === 0) {
      const c = thing.c;
      const def = c.lib.ops.chainDefault;
      const navigated = c.chain.some((s) => s.call);
      const ignored = c.chain.some((s) => c.lib.ops.ignore?.includes(s.name));
      if (def && navigated && !ignored) sink.ops.push({ client: c, access: def, operation: c.chain.map((s) => s.name).join('.'), ...(chainTarget(c) ? { target: chainTarget(c) } : {}) });
    }
    return sink;
  }

  /** Classifies `method(args)` on a client of `lib` with the arguments as written in `file` (constants and locals looked through). */
  classifyAt(lib: StoreModel, method: string, args: readonly Val[], file: string): Classified {
    return classifyMethod(lib, method, this.seen(args, file));
  }

  /** The store kind a new client of `lib` reaches (see kinds.ts). */
  resolveKind(lib: StoreModel, spec: string, factory: string, args: readonly Val[], file: string, depth = 0): { kind: StoreKind; how?: string } {
    return this.kinds.resolve(lib, spec, factory, args, file, depth);
  }

  /** Arguments as written: what a constant, a local or an import holds (`client.send(command)`). */
  private seen(args: readonly Val[], file: string): readonly Val[] {
    return args.map((a) => (a.k === 'ref' || a.k === 'bound' || a.k === 'imp' ? this.instances.valueOf(a, file) ?? a : a));
  }

  protected callOf(v: Extract<Val, { k: 'call' }>, cx: EvalCtx): Thing | undefined {
    const f = v.f;
    const bare = lookup(cx.file, cx.depth);
    // dependency injection by class: `inject(HttpClient)`, `app.get(UsersService)`, `container.resolve(Repo)`
    if ((f.k === 'imp' || f.k === 'ref') && DI_CALLS.has(f.n) && v.a.length > 0) {
      const t = this.typeThing(v.a[0], bare);
      if (t) return t;
    }
    if (f.k !== 'prop') {
      const callee = this.eval(f, part(cx));
      // a helper from a package the catalog does not know (`remember('db', () => new PrismaClient())`):
      // what its callback makes is what it hands back, as far as stores go
      if (!callee && f.k === 'imp') return this.appMade(f, cx.file) ?? this.fromCallbacks(v.a, v.a.map((_, i) => i), cx);
      return this.callThing(callee, v.a, !!v.tag, cx);
    }
    const base = this.eval(f.o, part(cx));
    if (DI_CALLS.has(f.n) && v.a.length > 0 && base?.t !== 'client' && base?.t !== 'guess') {
      const t = this.typeThing(v.a[0], bare);
      if (t) return t;
    }
    if ((f.n === 'register' || f.n === 'use') && v.a.length > 0) {
      // (hapi's object form: `server.register({ plugin: hapiAuthJwt2, options })`, `{ register: … }` before hapi 17)
      const first = v.a[0];
      const named = first.k === 'obj' ? first.p.plugin ?? first.p.register : undefined;
      const plugin = this.eval(named ?? first, bare);
      if (plugin?.t === 'mod' && plugin.path.length === 0 && plugin.lib.factories?.includes('')) {
        const options = named && first.k === 'obj' && first.p.options ? [first.p.options] : named ? [] : v.a.slice(1);
        return this.makeClient(plugin.lib, plugin.spec, '', options, cx);
      }
    }
    return this.memberCall(base, f.n, v, cx) ?? (base ? undefined : this.appMade(f, cx.file));
  }

  /** `base.name(…)`, on whatever `base` turned out to be. */
  private memberCall(base: Thing | undefined, name: string, v: Extract<Val, { k: 'call' }>, cx: EvalCtx): Thing | undefined {
    switch (base?.t) {
      case 'client':
        return this.methodCall(base.c, name, v.a, cx);
      case 'any':
        return anyOf(base.of.map((b) => (b.t === 'client' ? this.methodCall(b.c, name, v.a, cx) : this.callThing(this.propOf(b, name, part(cx)), v.a, !!v.tag, cx))));
      case 'guess': {
        const lib = this.libraries.guess(base.file, name, v.a);
        if (!lib) return { ...base, chain: [...base.chain, { name, call: v.a }] };
        return this.methodCall(this.guessed(lib, base, cx.depth), name, v.a, cx);
      }
      case 'mod':
        return this.callMod(base.lib, base.spec, [...base.path, name], v.a, cx);
      case 'holder': {
        // Express `req.app.get('pg')`: what `app.set('pg', pool)` hung there
        const key = v.a.length === 1 && v.a[0].k === 'str' && !v.a[0].pre ? v.a[0].s : undefined;
        const hung = name === 'get' && key !== undefined ? this.slot(key, base.file, cx.depth) : undefined;
        return hung && hung.t !== 'data' ? hung : this.callThing(this.propOf(base, name, part(cx)), v.a, !!v.tag, cx);
      }
      default:
        return this.callThing(this.propOf(base, name, part(cx)), v.a, !!v.tag, cx);
    }
  }

  private callThing(t: Thing | undefined, args: readonly Val[], tag: boolean, cx: EvalCtx): Thing | undefined {
    if (!t) return undefined;
    switch (t.t) {
      case 'any':
        return anyOf(t.of.map((x) => this.callThing(x, args, tag, cx)));
      case 'guess': {
        if (t.chain.length > 0) return undefined;
        // `this.db('products')`: the one library the workspace uses whose client is called directly
        const libs = this.libraries.of(t.file).concat(this.libraries.of(undefined, t.file)).filter((l) => (tag ? l.ops.tag : l.ops.call));
        const unique = [...new Set(libs)];
        if (unique.length !== 1) return undefined;
        const lib = unique[0];
        return this.directCall(this.guessed(lib, { file: t.file, chain: [], ...(t.tx ? { tx: t.tx } : {}) }, cx.depth), args, tag, cx.sink);
      }
      case 'client': {
        const c = t.c;
        const last = c.chain[c.chain.length - 1];
        if (last && !last.call) return this.methodCall({ ...c, chain: c.chain.slice(0, -1) }, last.name, args, cx);
        // a client that cannot be called was a function that returns it (`const getRedis = lazy(() => new Redis())`)
        if (c.chain.length === 0 && !(tag ? c.lib.ops.tag : c.lib.ops.call) && !c.lib.scheduler) return t;
        return this.directCall(c, args, tag, cx.sink);
      }
      case 'mod':
        return this.callMod(t.lib, t.spec, t.path, args, cx);
      case 'fn': {
        cx.sink?.calls.push({ file: t.file, id: t.id });
        const r = this.returned(t.file, t.id, cx.depth);
        if (r?.t === 'client' || r?.t === 'any') return r;
        return this.fromCallbacks(args, calledParams(this.facts.get(t.file), t.id), cx) ?? r;
      }
      default:
        return undefined;
    }
  }

  /** The client of `lib` an untyped parameter named like a client (`g`) turned out to be. */
  private guessed(lib: StoreModel, g: Pick<Extract<Thing, { t: 'guess' }>, 'file' | 'chain' | 'target' | 'tx'>, depth: number): Client {
    return {
      lib, kind: this.kinds.resolve(lib, '', '', [], g.file, depth).kind, origin: `guess:${g.file}:${lib.id}`, chain: g.chain, how: 'a parameter named like a client',
      ...(g.target ? { target: g.target } : {}), ...(g.tx ? { tx: true as const } : {}),
    };
  }

  /** The client one of the callbacks at `positions` makes (`() => new PrismaClient()`), if any. */
  private fromCallbacks(args: readonly Val[], positions: readonly number[], cx: EvalCtx): Thing | undefined {
    for (const i of positions) {
      const a = args[i];
      const t = a && (a.k === 'fn' ? { t: 'fn' as const, file: cx.file, id: a.id } : this.eval(a, lookup(cx.file, cx.depth + 1)));
      if (t?.t !== 'fn') continue;
      const r = this.returned(t.file, t.id, cx.depth + 1);
      if (r?.t === 'client' || r?.t === 'any') return r;
    }
    return undefined;
  }

  /** What a workspace function returns: a client among its returns, else the first. */
  protected returned(file: string, id: string, depth: number): Thing | undefined {
    return this.memoized(`r\0${file}\0${id}`, () => {
      const fn = this.facts.get(file)?.functions[id];
      let first: Thing | undefined;
      for (const r of fn?.ret ?? []) {
        const x = this.evalHinted(r, `${file}:${fn?.name || id}()`, lookup(file, depth));
        if (x?.t === 'client') return x;
        first ??= x;
      }
      return first;
    });
  }

  private methodCall(c: Client, method: string, args: readonly Val[], cx: EvalCtx): Thing | undefined {
    const { sink } = cx;
    sink?.methods.push({ client: c, name: method });
    // `client.send(command)`, `client.request(QUERY)`: what a constant or local holds decides, not its name
    const seen = sink ? this.seen(args, cx.file) : args;
    const sched = c.lib.scheduler;
    if (sched && sink && sched.methods?.includes(method)) sink.schedules.push({ lib: c.lib, callback: this.callbackOf(args, sched.callbackArg, cx) });
    const cls = classifyMethod(c.lib, method, seen);
    // `Model.findOne(q).populate('owner')`: the query's own steps are the read it belongs to, not another one
    if (cls.op && cls.access === 'read' && c.read) return { t: 'client', c };
    if (cls.op) {
      if (sink) {
        const member = c.lib.ops.memberTarget ? c.chain.find((s) => !s.call && !c.lib.ops.ignore?.includes(s.name) && !c.lib.ops.navigate?.includes(s.name)) : undefined;
        const target = member?.name ?? cls.target ?? (c.lib.ops.entityArgs ? this.entityName(args[0], cx.file, cx.depth) : undefined) ?? (c.lib.ops.tableArgs?.includes(method) ? tableName(args[0]) : undefined) ?? chainTarget(c) ?? c.target ?? modelClassOf(c);
        // `repo.save(repo.create({ … }))`, or the record made first (`const row = repo.create(…); repo.save(row)`): saving a
        // record the repository just made inserts it
        const made = cls.access === 'write' && c.lib.ops.makesNew && !c.fresh && args[0] ? madeRecord(this.eval(args[0], lookup(cx.file, cx.depth + 1)), c) : false;
        const client = byHost(byMember(c, method), target);
        sink.ops.push({
          client: made ? { ...client, fresh: true } : client, access: cls.access, operation: [...c.chain.filter((s) => shownStep(c.lib, s)).map((s) => s.name), cls.operation].join('.'),
          ...(target ? { target } : {}), ...(cls.conditional ? { conditional: true } : {}), ...(inTransaction(seen) || c.tx ? { tx: true } : {}),
          ...(cls.unread ? { unread: true } : {}),
        });
      }
      if (c.lib.ops.returnsClient?.includes(method)) return { t: 'client', c: { ...c, chain: [...c.chain, { name: method, call: args }] } };
      return c.lib.activeRecord && cls.access !== 'write' ? { t: 'client', c: { ...c, chain: [], ...(cls.access === 'read' ? { read: true as const } : {}) } } : { t: 'data' };
    }
    // `getRepository(User)`: the client that comes back is bound to the entity's table
    const entity = c.lib.ops.entityArgs ? this.entityName(args[0], cx.file, cx.depth) : undefined;
    if (cls.factory) {
      const made = this.makeClient(c.lib, c.spec ?? '', method, args, cx, c.kind);
      return entity && made?.t === 'client' ? { t: 'client', c: { ...made.c, target: entity } } : made;
    }
    // `User.create({ … })` of TypeORM, `Model.build(…)`: a new record, not yet stored; saving it inserts
    const fresh = c.lib.ops.makesNew?.includes(method) ? { fresh: true as const } : {};
    return { t: 'client', c: { ...c, chain: [...c.chain, { name: method, call: args }], ...(entity ? { target: entity } : {}), ...fresh } };
  }

  private directCall(c: Client, args: readonly Val[], tag: boolean, sink: Sink | undefined): Thing | undefined {
    const sched = c.lib.scheduler;
    if (sched && !sched.methods && sink) sink.schedules.push({ lib: c.lib, callback: this.callbackOf(args, sched.callbackArg, lookup(sink.file, 0)) });
    const mode = tag ? c.lib.ops.tag : c.lib.ops.call;
    if (!mode) return undefined;
    if (mode === 'navigate') return { t: 'client', c: { ...c, chain: [...c.chain, { name: '()', call: args }] } };
    if (!sink) return { t: 'data' };
    if (mode === 'sql') {
      const text = textOf(args[0]);
      const table = text ? tablesFromSql(text)[0] : undefined;
      sink.ops.push({ client: c, access: (text && accessFromSql(text)) || 'readwrite', operation: tag ? 'sql``' : 'query', ...(table ? { target: table } : {}), ...(c.tx ? { tx: true } : {}) });
    } else if (mode === 'http') {
      if (isStaticAsset(args)) return { t: 'data' };
      const cls = classifyMethod({ ...c.lib, ops: { http: ['request'] } }, 'request', args);
      const host = hostOf(args);
      if (cls.op) sink.ops.push({ client: byHost(c, host), access: cls.access, operation: c.lib.id, ...(host ? { target: host } : {}) });
    } else {
      sink.ops.push({ client: c, access: mode, operation: c.lib.id });
    }
    return { t: 'data' };
  }

  private callMod(lib: StoreModel, spec: string, path: string[], args: readonly Val[], cx: EvalCtx): Thing | undefined {
    const joined = path.join('.');
    const last = path[path.length - 1] ?? '';
    const f = lib.factories ?? [];
    if (f.includes(joined) || (path.length === 0 && f.includes('')) || (last && f.includes(last))) {
      // a store made for another library's module (`connectRedis(session)`): the class it returns is the client, made
      // where it is constructed (`new ExpressBrute(new ExpressBrute.MemoryStore())` is not one: the same library)
      const only = path.length === 0 && args.length === 1 ? this.eval(args[0], lookup(cx.file, cx.depth + 1)) : undefined;
      if (only?.t === 'mod' && only.lib !== lib) return this.makeClient(lib, spec, '', [], lookup(cx.file, cx.depth));
      return this.makeClient(lib, spec, f.includes(joined) ? joined : path.length === 0 ? '' : last, args, cx);
    }
    if (lib.scheduler?.methods && cx.sink && (lib.scheduler.methods.includes(joined) || lib.scheduler.methods.includes(last))) {
      cx.sink.schedules.push({ lib, callback: this.callbackOf(args, lib.scheduler.callbackArg, cx) });
    }
    if (lib.scheduler?.decorators?.includes(last) && cx.sink) {
      const id = decoratedMethod(this.facts.get(cx.file), cx.sink.use.pos);
      if (id) cx.sink.schedules.push({ lib, callback: { file: cx.file, id } });
    }
    return { t: 'mod', lib, spec, path };
  }

  protected newOf(f: Thing | undefined, args: readonly Val[], cx: EvalCtx): Thing | undefined {
    if (!f) return undefined;
    const { sink } = cx;
    if (f.t === 'mod') {
      const joined = f.path.join('.');
      const last = f.path[f.path.length - 1] ?? '';
      if (f.lib.scheduler?.methods && sink && (f.lib.scheduler.methods.includes(joined) || f.lib.scheduler.methods.includes(last))) {
        sink.schedules.push({ lib: f.lib, callback: this.callbackOf(args, f.lib.scheduler.callbackArg, cx) });
        return undefined;
      }
      return this.callMod(f.lib, f.spec, f.path, args, cx);
    }
    if (f.t === 'client') {
      // `new RedisStore(…)` where RedisStore = connectRedis(session): the class is the client. `new User(doc)` of a
      // model bound to its collection is a document of it, with the model's identity (a lookup and its `doc.save()`
      // are one table's), and saving it inserts
      const made = this.makeClient(f.c.lib, f.c.spec ?? '', '', args, cx, f.c.kind);
      return f.c.target && f.c.lib.activeRecord && made.t === 'client' && !made.c.target
        ? { t: 'client', c: { ...made.c, target: f.c.target, origin: f.c.origin, fresh: true } } : made;
    }
    if (f.t === 'cls') {
      const base = this.clientBase(f.file, f.id, cx.depth);
      if (!base) return { t: 'inst', file: f.file, id: f.id };
      // `const bk = new Book(); bk.title = …; await bk.save()` of an active-record model class (`class Book extends
      // Model`): a new record of that model's table, which saving inserts
      const name = this.facts.get(f.file)?.classes[f.id]?.name;
      if (base.lib.activeRecord && name && !base.target) return { t: 'client', c: { ...base, target: name, fresh: true } };
      const c: Client = { ...base, origin: sink?.hint ?? (this.hint || base.origin) };
      if (sink) sink.makes.push({ client: c, factory: name ?? '', args });
      return { t: 'client', c };
    }
    return undefined;
  }

  private makeClient(lib: StoreModel, spec: string, factory: string, args: readonly Val[], cx: EvalCtx, inherited?: StoreKind): Thing {
    const { file, sink } = cx;
    // a client made from another keeps its kind, unless it is given another library's client that decides it
    // (`apicache.options({ redisClient })`)
    const keeps = inherited !== undefined && !lib.factoryKinds?.[factory];
    const resolved = !keeps || (lib.kindFrom?.argClient && args.length > 0) ? this.kinds.resolve(lib, spec, factory, args, file, cx.depth) : undefined;
    const { kind, how, unsure, fallback } = resolved && (!keeps || resolved.kind !== lib.kind) ? resolved : { kind: inherited!, how: undefined, unsure: undefined, fallback: undefined };
    const instance = this.instances.of(args, file) ?? (lib.kindFrom?.prismaSchema ? dollar(this.prismaInstance(file, spec)) : undefined);
    // `mongoose.model('Project', schema)`: a factory the entry says is keyed names the collection its client is bound to
    const target = factory && keyedMethod(lib, factory) ? targetOf(args, true) : undefined;
    const c: Client = {
      lib, kind, origin: sink?.hint ?? (this.hint || `${file}:${lib.id}`), chain: [], spec,
      ...(how ? { how } : {}), ...(instance ? { instance } : {}), ...(unsure ? { unsure } : {}), ...(fallback ? { fallback } : {}), ...(target ? { target } : {}),
    };
    if (sink) {
      const disk = this.kinds.diskFile(lib, kind, args, file, cx.depth, spec);
      sink.makes.push({ client: c, factory, args, ...(disk ? { disk } : {}) });
      const con = lib.ops.construct;
      const access: Access | undefined = typeof con === 'string' ? con : con?.[factory];
      if (access) sink.ops.push({ client: c, access, operation: `new ${factory || lib.id}` });
      // a session middleware keeps the session's id in a cookie, whatever store holds the session
      const cookie: Access | undefined = typeof lib.cookie === 'string' ? lib.cookie : lib.cookie?.[factory];
      if (cookie) sink.ops.push({ client: { ...c, kind: 'cookie' }, access: cookie, operation: `${factory || lib.id} cookie` });
    }
    return { t: 'client', c };
  }

  /** The workspace function a scheduler is given: the argument at `index` (or a later one), or a callback option. */
  private callbackOf(args: readonly Val[], index: number, cx: EvalCtx): { file: string; id: string } | undefined {
    // (or a later one, when an optional options object comes first: croner's `new Cron(pattern, { protect: true }, fn)`)
    const candidates: Val[] = args.slice(index);
    for (const x of args) if (x.k === 'obj') for (const key of CALLBACK_KEYS) if (x.p[key]) candidates.push(x.p[key]);
    for (const c of candidates) {
      const t = c.k === 'fn' ? { t: 'fn' as const, file: cx.file, id: c.id } : this.eval(c, lookup(cx.file, cx.depth + 1));
      if (t?.t === 'fn') return { file: t.file, id: t.id };
    }
    return undefined;
  }
}

/** The method a decorator at `pos` decorates: the innermost function whose range (decorators included) holds it. */
function decoratedMethod(f: FileFacts | undefined, pos: number): string | undefined {
  let best: [string, number] | undefined;
  for (const [id, fn] of Object.entries(f?.functions ?? {})) {
    if (fn.start <= pos && pos < fn.end && (!best || fn.start > best[1])) best = [id, fn.start];
  }
  return best?.[0];
}

/** Is `t` a record the same library's client made and has not stored yet (`repo.create(…)`, `Model.build(…)`)? */
function madeRecord(t: Thing | undefined, by: Client): boolean {
  return t?.t === 'client' && !!t.c.fresh && t.c.lib === by.lib;
}

/** An Active Record model class names its table (`WalletModel.findOne(…)`, then `wallet.update(…)` on what it found). */
function modelClassOf(c: Client): string | undefined {
  return c.lib.activeRecord && c.origin.startsWith('class:') ? c.origin.slice(c.origin.lastIndexOf(':') + 1) : undefined;
}

/** The name a table object is known by where it is used (`products`, `schema.products`). */
function tableName(v: Val | undefined): string | undefined {
  switch (v?.k) {
    case 'bound':
      return tableName(v.v);
    case 'ref':
    case 'prop':
      return v.n;
    case 'imp':
      return v.n === 'default' || v.n === '*' ? undefined : v.n;
    default:
      return undefined;
  }
}

/** The target named along the way: the first navigation step the entry says names one (`collection('users').doc(id)` → users). */
function chainTarget(c: Client): string | undefined {
  for (const s of c.chain) {
    if (!s.call || !keyedMethod(c.lib, s.name)) continue;
    const t = targetOf(s.call, true);
    if (t) return t;
  }
  return undefined;
}

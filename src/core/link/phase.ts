// When a function runs: at start-up (module top level, what it calls, lifecycle hooks) or at request time
// (handlers, timers, what they call, and exported functions called from elsewhere). The phase of a
// change of module state is the phase of the code that reaches it: a table filled while modules load is
// the same on every replica, a table filled by requests is not.
import { IIFE, type ClassFact, type FileFacts, type FunctionFact, type Val } from '../facts';
import { calleeName, callersNamed, chainCalls, classNamed, exportedFunction, exportedFunctions, exportedValue, functionsOf, injectedMember, moduleMember } from './calls';
import { pushTo } from '../grouping';
import { inVercelApi } from '../../catalog/layout';
import type { ModuleResolver } from './resolve';
import type { Confidence, EvidenceStep, Work } from './types';
import { HANDLER, HANDLER_DECORATOR, HANDLER_DECORATOR_PACKAGE, HANDLER_NAME, HTTP_VERB, LIFECYCLE_EVENT, ROUTE_EXPORTS, RUNS_NOW, STARTUP_FN, TEST_ONLY_FN } from '../../catalog/names';


export type Phase =
  | { at: 'startup' }
  | { at: 'test' }
  | {
    at: 'request'; confidence: Confidence; path: EvidenceStep[];
    /** Every request-time path found starts at a clock (a timer or schedule callback), none at a handler. */
    clock?: true;
    /** Every path found starts at a function with no caller the analysis can see: it may never run. */
    uncalled?: true;
    /**
     * Every path found starts at a method no caller of which is found (called through something the analysis does not
     * follow, or not at all): that it runs per request is a guess, enough for some state (a file written, a cache
     * filled) and not for others (a registry, a race), which judge by it.
     */
    guessed?: true;
  };

/** Callees that run their callback once, soon after the code that gives it. */
// (`server.listen(port, () => …)` calls back once, when the server is listening: start-up wherever it is called)
const ONE_SHOT = /^(setImmediate|setTimeout|nextTick|queueMicrotask|listen)$/;

/** Callees that run their callback on a clock, not per request. */
const CLOCK = /^(setInterval|setTimeout|setImmediate|schedule|scheduleJob|cron|every)$/;

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/**
 * What one file tells `Phases`, in the order it tells it: the names it calls at its top level, calls of
 * other files' exports (`file\0export` ← `file\0fnId` or `top`), handlers and lifecycle callbacks it
 * registers (`file\0fnId`, possibly another file's). It depends on the file, the files it imports and
 * how their imports resolve: a relink keeps it for every file it does not link again.
 */
export interface PhaseRecord {
  top: Set<string>;
  cross: Array<[string, string]>;
  handlers: Array<[string, string]>;
  lifecycle: Array<[string, string]>;
  /** A callback (`file\0fnId`) given to a workspace function that calls it, and the function it is called in. */
  given: Array<[string, string]>;
  /**
   * A function a workspace factory returns (`file\0fnId`), and where the value a call of that factory made is called
   * (`const check = createRateLimiter(5)` at module level, `check(req.ip)` in a handler): `file\0fnId`, or `top`.
   */
  made: Array<[string, string]>;
}

/** The functions a walk is working out, each with how deep in the walk it is. */
type Walk = Map<string, number>;

/** How many callers deep one walk goes. */
const MAX_WALK_DEPTH = 250;

/** What a caller the walk leaves out says: nothing found through it. */
const LEFT_OUT: Phase = { at: 'request', confidence: 'low', uncalled: true, path: [] };

/** Phases of functions across the workspace: who calls each, who registers it as a handler. */
export class Phases {
  /** `file\0fnId` → the registration call it is given to (`get`, `on`, `setInterval`). */
  private readonly handlerRefs = new Map<string, string>();
  /** `file\0exportName` → callers in other files (`file\0fnId`), or `top` for a call while a module loads. */
  private readonly crossCallers = new Map<string, string[]>();
  /** Per file: the names of this file's functions called at its top level. */
  private readonly topCalls = new Map<string, Set<string>>();
  /** The names called at the top level of any file. */
  private readonly anyTopCall = new Set<string>();
  private readonly memo = new Map<string, Phase>();
  /** `file\0fnId` → the lifecycle event it is given to (`exit`, `SIGTERM`, a stream's `finish`). */
  private readonly lifecycle = new Map<string, string>();
  /** A callback (`file\0fnId`) → where the workspace functions it is given to call it (`file\0fnId`). */
  private readonly givenTo = new Map<string, string[]>();
  /** A function a workspace factory returns (`file\0fnId`) → where what a call of the factory made is called. */
  private readonly calledAs = new Map<string, string[]>();

  /**
   * `kept`: what an earlier link recorded for a file none of whose imports changed (a session's relink),
   * taken over instead of looked at again; `found`: told what each file looked at anew recorded.
   */
  constructor(
    private readonly facts: ReadonlyMap<string, FileFacts>, private readonly resolver: ModuleResolver, private readonly work: Work = { n: 0 },
    reuse: { kept?(file: string): PhaseRecord | undefined; found?(file: string, r: PhaseRecord): void } = {},
    /** Folders of Vercel projects (a `vercel.json`): the function each file under their `api/` exports is a handler. */
    private readonly vercel: readonly string[] = [],
  ) {
    // each file's record is applied in the order of the files, whether it was made now or before
    for (const [file, f] of facts) {
      work.n += f.uses.length;
      let r = reuse.kept?.(file);
      if (!r) {
        r = this.record(file, f);
        reuse.found?.(file, r);
      }
      this.topCalls.set(file, r.top);
      // `app.get('/x', …)` registers a handler: it calls no function of that name
      for (const name of r.top) if (!HANDLER.test(name)) this.anyTopCall.add(name);
      for (const [target, caller] of r.cross) pushTo(this.crossCallers, target, caller);
      for (const [key, registration] of r.handlers) this.handlerRefs.set(key, withTable(this.handlerRefs.get(key), registration));
      for (const [key, event] of r.lifecycle) this.lifecycle.set(key, event);
      for (const [cb, at] of r.given ?? []) pushTo(this.givenTo, cb, at);
      for (const [fn, at] of r.made ?? []) pushTo(this.calledAs, fn, at);
    }
  }

  /** What one file says about who calls what and what is a handler. */
  private record(file: string, f: FileFacts): PhaseRecord {
    const r: PhaseRecord = { top: new Set(), cross: [], handlers: [], lifecycle: [], given: [], made: [] };
    for (const u of f.uses) {
      // `@Post() create(…)`, `@MessagePattern('x') handle(…)`, `@Mutation() vote(…)`: a method the framework calls per
      // request or message (the decorator's use is inside the method's range, so its function is the method)
      if (u.fn !== undefined && u.v.k === 'call' && isHandlerDecorator(u.v.f)) r.handlers.push([`${file}\0${u.fn}`, `@${u.v.f.n}`]);
      // where a call in this use runs: while the module loads, or in its function
      const at = u.top || u.fn === undefined ? 'top' : `${file}\0${u.fn}`;
      for (const call of chainCalls(u.v)) {
        this.noteGiven(r, file, call);
        const name = calleeName(call.f);
        if (!name) continue;
        // `file.save(…)` where `const file = require('./file')`: a call of that module's export
        const target = this.exportOf(file, viaBinding(f, call.f)) ?? ownExport(f, file, call.f);
        // each module of a folder required by the names its listing gives (`require(routesApi + file)(app)`), called whole
        if (!target && call.f.k === 'imp') {
          for (const each of this.resolver.folderFiles(call.f.m, file)) {
            if (exportedFunction(this.facts.get(each), '=') !== undefined) r.cross.push([`${each}\0=`, at]);
          }
        }
        if (u.top) {
          r.top.add(name);
          if (target) r.cross.push([target, 'top']);
          // `apiClient.on('error', …)` while the module loads: the method runs at start-up
          else this.noteInjected(r, file, f, call.f, 'top');
        } else if (u.fn !== undefined && target && (call.f.k === 'prop' || call.f.k === 'imp')) {
          // (a module called whole, `require('./routes/cron')(app)` in a loop or a function: the function it exports)
          r.cross.push([target, `${file}\0${u.fn}`]);
        } else if (u.fn !== undefined) this.noteInjected(r, file, f, call.f, `${file}\0${u.fn}`);
        if (call.f.k === 'ref' || call.f.k === 'imp') this.noteMadeCalled(r, file, call.f, at);
        // `imposters.add(req.body)` where `const imposters = repository.create()`: the member of the object the factory
        // returns runs here
        else if (call.f.k === 'prop' && call.f.o.k === 'ref') {
          for (const member of this.madeMember(file, call.f)) r.made.push([member, at]);
        }
        const event = lifecycleEvent(call);
        if (event) for (const a of call.a) this.noteLifecycle(r, file, a, event);
        else if (HANDLER.test(name) || isRouteRegistration(call) || isProcedure(call, file, this.facts, this.resolver)) for (const a of call.a) this.noteHandler(r, file, a, name);
      }
      // `new Worker('import', processImportJob)` (BullMQ): what it is given runs per job, as what `worker.on(…)` is given
      const made = u.v.k === 'bound' ? u.v.v : u.v;
      const maker = made.k === 'new' ? calleeName(made.f) : undefined;
      if (made.k === 'new' && maker && HANDLER.test(maker)) for (const a of made.a) this.noteHandler(r, file, a, maker);
    }
    for (const [id, fn] of Object.entries(f.functions)) {
      for (const name of fn.calls ?? []) {
        const imp = f.imports.find((i) => i.local === name);
        // `const { register } = require('./customers')`: the binding names the module's member
        const bound = f.bindings[name];
        const target = imp ? this.exportOf(file, { k: 'imp', m: imp.module, n: imp.name })
          : bound && (bound.k === 'imp' || bound.k === 'prop') ? this.exportOf(file, bound) : undefined;
        if (target) r.cross.push([target, `${file}\0${id}`]);
      }
    }
    return r;
  }

  /** The phase of the code in function `id` of `file`. */
  of(file: string, id: string): Phase {
    return this.phase(file, id, new Map());
  }

  /**
   * Who calls function `id` of `file` by name: functions of its file (`file\0fnId`), callers of its exports in other
   * files, and `top` for a module's top level.
   */
  callersOf(file: string, id: string): string[] {
    const f = this.facts.get(file);
    const fn = f?.functions[id];
    if (!f || !fn) return [];
    const short = fn.name.replace(/^.*\./, '');
    const out = new Set<string>();
    if (short) for (const [cid, c] of Object.entries(f.functions)) if (cid !== id && (c.calls ?? []).includes(short)) out.add(`${file}\0${cid}`);
    if (short && this.topCalls.get(file)?.has(short)) out.add('top');
    for (const e of this.exportNames(f, id)) for (const c of this.crossCallers.get(`${file}\0${e}`) ?? []) out.add(c);
    return [...out];
  }

  /** `file\0exportName` of the workspace function an imported callee names. */
  private exportOf(file: string, v: Val): string | undefined {
    // `controllers.uploads.upload`: a member of a module that another module's export names
    if (v.k === 'prop' && v.o.k !== 'imp') {
      const mod = this.moduleOf(file, v.o, 0);
      return mod ? `${mod}\0${v.n}` : undefined;
    }
    // `ns.save` of `import * as ns`, and `store.save` of `import store from './store'` where the default export is an object
    if (v.k !== 'imp' && !(v.k === 'prop' && v.o.k === 'imp' && (v.o.n === '*' || v.o.n === 'default'))) return undefined;
    const [m, n] = v.k === 'imp' ? [v.m, v.n] : [(v.o as { m: string }).m, v.n];
    const r = this.resolver.resolve(m, file);
    if (!r || !('file' in r) || !this.facts.has(r.file)) return undefined;
    // the module as a whole, called (`require('./cron')(app)`): the function it exports whole (`module.exports = function …`)
    const whole = v.k === 'imp' && n === '*' && exportedFunctions(this.facts.get(r.file), '=').length > 0;
    return `${r.file}\0${whole ? '=' : n}`;
  }

  /** The workspace file a value stands for as a whole module: `require('./x')`, a binding of it, or a module an export of another re-exports (`Controllers.uploads = require('./uploads')`). */
  private moduleOf(file: string, v: Val, depth: number): string | undefined {
    if (depth > 4) return undefined;
    const f = this.facts.get(file);
    if (v.k === 'ref') {
      const b = f?.bindings[v.n];
      return b && b.k !== 'ref' ? this.moduleOf(file, b, depth + 1) : undefined;
    }
    // a local holding it (`const cli = require(path.join(ROOT, 'server', 'cli'))` in a function)
    if (v.k === 'bound') return this.moduleOf(file, v.v, depth + 1);
    if (v.k === 'imp' && (v.n === '*' || v.n === 'default')) {
      const r = this.resolver.resolve(v.m, file);
      return r && 'file' in r && this.facts.has(r.file) ? r.file : undefined;
    }
    if (v.k === 'prop') {
      const mod = this.moduleOf(file, v.o, depth + 1);
      const e = mod ? this.facts.get(mod)?.exports.find((x) => x.name === v.n)?.v : undefined;
      return e && mod ? this.moduleOf(mod, e, depth + 1) : undefined;
    }
    return undefined;
  }

  /**
   * `this.orders.place()` through a constructor-injected service, or `Settings.get()` on an imported class:
   * a caller of `OrdersService.place` (`file\0Class.method`).
   */
  private noteInjected(rec: PhaseRecord, file: string, f: FileFacts, callee: Val, caller: string): void {
    // `Config.getInstance().set(…)`, `Settings.instance().toggle()`: a method of the one instance a class's static accessor hands out
    const single = singletonMember(callee);
    if (single) {
      this.noteClassMember(rec, file, f, single.cls, single.member, caller);
      return;
    }
    // `backchannel.wait(…)` of `const backchannel = new Backchannel(…)`, and `store.create(…)` of `const store =
    // Stores.from(config)` where `from` returns `new InMemoryStore()`: a method of the class the instance is made of
    if (callee.k === 'prop') {
      const made = madeInstance(f, callee.o);
      if (made?.k === 'new') {
        this.noteClassMember(rec, file, f, made.f, callee.n, caller);
        return;
      }
      const returned = made?.k === 'call' ? this.returnedInstances(file, f, made) : [];
      if (returned.length > 0) {
        for (const r of returned) this.noteClassMember(rec, r.file, this.facts.get(r.file)!, r.cls, callee.n, caller);
        return;
      }
    }
    const di = injectedMember(f, callee) ?? importedClassMember(f, callee);
    if (di) this.noteImportedMember(rec, file, di, caller);
  }

  /** A method `member` of the class `cls` names in `file` (a class of the file, or one it imports), called by `caller`. */
  private noteClassMember(rec: PhaseRecord, file: string, f: FileFacts, cls: Val, member: string, caller: string): void {
    if (cls.k === 'imp') {
      this.noteImportedMember(rec, file, { spec: cls.m, name: cls.n, member }, caller);
      return;
    }
    const own = classNamed(f, cls)?.name;
    if (own) {
      rec.cross.push([`${file}\0${own}.${member}`, caller]);
      return;
    }
    // `const Backchannel = require('./lib/backchannel')`: a binding that holds the import
    const held = cls.k === 'ref' ? f.bindings[cls.n] : undefined;
    if (held?.k === 'imp') this.noteImportedMember(rec, file, { spec: held.m, name: held.n, member }, caller);
  }

  /** The classes whose new instances the workspace function a call names returns (`return new InMemoryStore()`), with the file each is named in. */
  private returnedInstances(file: string, f: FileFacts, call: { f: Val }): Array<{ file: string; cls: Val }> {
    // an import's export (through the binding that holds it), or a function of this file
    const target = this.exportOf(file, viaBinding(f, call.f));
    const at = target ? target.slice(0, target.indexOf('\0')) : call.f.k === 'ref' ? file : undefined;
    const tf = at === undefined ? undefined : this.facts.get(at);
    const v = target ? exportedValue(tf, target.slice(target.indexOf('\0') + 1)) : call.f.k === 'ref' ? f.bindings[call.f.n] : undefined;
    const fn = v?.k === 'fn' ? tf?.functions[v.id] : undefined;
    if (at === undefined || !fn) return [];
    const out: Array<{ file: string; cls: Val }> = [];
    // `return new X()`, or the module binding it keeps one in (`if (!repo) repo = new X(); return repo`, typed `X | undefined`)
    const add = (v: Val, depth: number): void => {
      if (depth > 4) return;
      if (v.k === 'new') out.push({ file: at!, cls: v.f });
      else if (v.k === 'bound') add(v.v, depth + 1);
      else if (v.k === 'or') for (const x of v.v) add(x, depth + 1);
      else if (v.k === 'type' && (v.t.k === 'ref' || v.t.k === 'imp')) out.push({ file: at!, cls: v.t });
      else if (v.k === 'ref' && tf?.bindings[v.n]) add(tf.bindings[v.n], depth + 1);
    };
    for (const r of fn.ret) add(r, 0);
    return out;
  }

  /** A method of a class another module exports (or of the instance it exports), called by `caller`. */
  private noteImportedMember(rec: PhaseRecord, file: string, di: { spec: string; name: string; member: string }, caller: string): void {
    const r = this.resolver.resolve(di.spec, file);
    if (!r || !('file' in r) || !this.facts.has(r.file)) return;
    // a class its module exports whole (`module.exports = class SessionManager`) is known by its own name
    const name = di.name === '*' || di.name === 'default' ? wholeClassName(this.facts.get(r.file)!) : di.name;
    // a class imported through a barrel (`export * from './config'`) is declared where the re-exports lead
    const named = name && di.name !== '*' && di.name !== 'default';
    const declared = named ? this.declaring(r.file, name, 0) : undefined;
    const at = declared ?? r.file;
    // `apiClient.on(…)` of `export const apiClient = new ApiClient()`: no class of that name, a method of the instance's class
    const made = named && !declared ? exportedValue(this.facts.get(at), name) : undefined;
    const cls = made?.k === 'new' ? classNamed(this.facts.get(at), made.f)?.name : undefined;
    if (name) rec.cross.push([`${at}\0${cls ?? name}.${di.member}`, caller]);
  }

  /** The file that declares the class `name` that `file` exports, itself or through its re-exports (`export * from`, `export { X } from`). */
  private declaring(file: string, name: string, depth: number): string | undefined {
    return this.throughReexports(file, name, (f, n) => Object.values(f.classes).some((c) => c.name === n), depth)?.file;
  }

  /**
   * Where what `file` exports as `name` is written: `file` itself when `has` finds it there, else the module a
   * re-export leads to (`export * from`, `export { setup } from './setup'`, `import { a } from './a'; export { a }`),
   * under the name it has there.
   */
  private throughReexports(file: string, name: string, has: (f: FileFacts, name: string) => boolean, depth = 0): { file: string; name: string } | undefined {
    const f = this.facts.get(file);
    if (!f || depth > 6) return undefined;
    if (has(f, name)) return { file, name };
    for (const e of f.exports) {
      if (e.name !== '*' && e.name !== name) continue;
      const [from, imported] = e.from !== undefined ? [e.from, e.name === '*' ? name : e.imported ?? name] : e.v?.k === 'imp' && e.name === name ? [e.v.m, e.v.n] : [];
      if (from === undefined || imported === undefined) continue;
      const r = this.resolver.resolve(from, file);
      const hit = r && 'file' in r ? this.throughReexports(r.file, imported, has, depth + 1) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }

  private noteHandler(r: PhaseRecord, file: string, a: Val, registration: string, wrapped = 0): void {
    if (a.k === 'bound') return this.noteHandler(r, file, a.v, registration, wrapped);
    // `this.newJob.bind(this)`, `onUpdate.bind(null, emitter)`: the function bound is what runs
    if (a.k === 'call' && a.f.k === 'prop' && a.f.n === 'bind') return this.noteHandler(r, file, a.f.o, registration, wrapped);
    // an array of middleware and handlers (`[validate(schema), handler]`), kept as the values it may hold
    if (a.k === 'or') {
      for (const x of a.v) this.noteHandler(r, file, x, registration, wrapped);
      return;
    }
    // a strategy made for the registration (`passport.use(new LocalStrategy(options, verify))`): its callback runs per request
    if (a.k === 'new' && wrapped < 2) {
      for (const x of a.a) this.noteHandler(r, file, x, registration, wrapped + 1);
      return;
    }
    // a handler wrapped for errors or auth (`tryRoute(ctrl.upload)`, `asyncHandler(fn)`): what it wraps runs per request
    if (a.k === 'call' && wrapped < 2) {
      for (const x of a.a) this.noteHandler(r, file, x, registration, wrapped + 1);
      // a handler a factory makes (`placeOrder()` returns `(req, res) => …`): what the factory returns runs per request
      for (const h of this.madeBy(file, a.f)) r.handlers.push([h, registration]);
      return;
    }
    // a member of a route table registered in a loop (`for (const [verb, handler] of Object.entries(routes[path]))
    // app[verb](path, handler)`): every function the table holds runs per request
    if (a.k === 'prop' && a.n === '*') {
      const table = registration.endsWith('@table') ? registration : `${registration}@table`;
      for (const m of this.valuesOf(file, a, 0)) if (m.v !== a) this.noteHandler(r, m.file, m.v, table, wrapped);
      return;
    }
    const own = this.functionAt(file, a);
    const hs = own ? [own] : a.k === 'prop' && a.n !== '*' ? this.madeMember(file, a) : [];
    for (const h of hs) r.handlers.push([h, registration]);
    if (hs.length > 0) return;
    // a handler kept as what a wrapper made (`export const review = asyncHandler(async (req, res) => …)`, registered
    // elsewhere by name): what the wrapper was given runs per request, as when the wrapping is written in place
    if (wrapped < 2) {
      const made = this.madeValue(file, a);
      if (made) this.noteHandler(r, made.file, made.v, registration, wrapped);
    }
  }

  /**
   * The values a value may be, as far as the facts hold them (up to 200): through bindings, imports of another
   * module's exports, `Object.assign` and `?:` alternatives, and members of objects (`routes[path][verb]`, the entries
   * of an object filled in a loop). A value it cannot look into (a function, a member of an imported module) is itself.
   */
  private valuesOf(file: string, v: Val, depth: number): { file: string; v: Val }[] {
    if (depth > 6) return [];
    this.work.n++;
    switch (v.k) {
      case 'or':
        return v.v.flatMap((x) => this.valuesOf(file, x, depth + 1)).slice(0, 200);
      case 'bound':
        return this.valuesOf(file, v.v, depth + 1);
      case 'ref': {
        const b = this.facts.get(file)?.bindings[v.n];
        return b ? this.valuesOf(file, b, depth + 1) : [{ file, v }];
      }
      case 'imp':
        return this.exportedValues(file, v, depth) ?? [{ file, v }];
      case 'prop': {
        if (v.n !== '*') return this.exportedValues(file, v, depth) ?? [{ file, v }]; // `routes.api` of `import * as routes`
        // any member of what the object may be
        const out: { file: string; v: Val }[] = [];
        for (const o of this.valuesOf(file, v.o, depth + 1)) {
          if (o.v.k !== 'obj') continue;
          for (const m of [...Object.values(o.v.p), ...(o.v.fill ?? [])]) out.push(...this.valuesOf(o.file, m, depth + 1));
          if (out.length >= 200) break;
        }
        return out.slice(0, 200);
      }
      default:
        return [{ file, v }];
    }
  }

  /** The values of what another module exports under the name a value imports, when the facts hold it. */
  private exportedValues(file: string, v: Val, depth: number): { file: string; v: Val }[] | undefined {
    const target = this.exportOf(file, v);
    if (!target) return undefined;
    const [tf, name] = target.split('\0');
    const at = this.throughReexports(tf, name, (f, n) => exportedValue(f, n) !== undefined);
    const made = at && exportedValue(this.facts.get(at.file), at.name);
    // a function is named by the import as well as by itself: `functionAt` finds where it is written
    return at && made && made.k !== 'fn' ? this.valuesOf(at.file, made, depth + 1) : undefined;
  }

  /** The call a name stands for: a module binding made by one, or an import of another module's such export. */
  private madeValue(file: string, v: Val): { file: string; v: Val } | undefined {
    const f = this.facts.get(file);
    const b = v.k === 'ref' ? f?.bindings[v.n] : undefined;
    if (b?.k === 'call') return { file, v: b };
    const target = this.exportOf(file, b?.k === 'imp' || b?.k === 'prop' ? b : v);
    if (!target) return undefined;
    const [tf, name] = target.split('\0');
    const made = exportedValue(this.facts.get(tf), name);
    return made?.k === 'call' ? { file: tf, v: made } : undefined;
  }

  /** `file\0fnId` of the workspace function a value names: a function written here, a binding of one, or an import's export. */
  private functionAt(file: string, v: Val): string | undefined {
    if (v.k === 'fn') return `${file}\0${v.id}`;
    // `this.onUpdate` in a method: the class's own method
    if (v.k === 'prop' && v.o.k === 'this') {
      const id = this.facts.get(file)?.classes[v.o.c]?.methods[v.n];
      return id !== undefined ? `${file}\0${id}` : undefined;
    }
    const b = v.k === 'ref' ? this.facts.get(file)?.bindings[v.n] : undefined;
    if (b?.k === 'fn') return `${file}\0${b.id}`;
    // `const { join } = require('./routes/users')`: the binding names the other module's export
    const target = this.exportOf(file, b?.k === 'imp' || b?.k === 'prop' ? b : v);
    if (!target) return undefined;
    const [tf, name] = target.split('\0');
    // `auth.setup` of `import * as auth from './controllers/auth'`, whose index re-exports it: where it is written
    const at = this.throughReexports(tf, name, (f, n) => exportedFunction(f, n) !== undefined);
    const id = at && exportedFunction(this.facts.get(at.file), at.name);
    if (at && id !== undefined) return `${at.file}\0${id}`;
    // `project.create` of `module.exports = class ProjectController { static async create(ctx) {…} }`: a static method
    // of the class the module exports whole
    const method = wholeClass(this.facts.get(tf))?.methods[name];
    return method !== undefined ? `${tf}\0${method}` : undefined;
  }

  /**
   * `user.create` where `const user = require('./custom-api/user')(mongo)` and that module's function returns `{ create:
   * (req, res) => … }`: the member of the object a workspace factory returns, where it is written.
   */
  private madeMember(file: string, v: Extract<Val, { k: 'prop' }>): string[] {
    const b = v.o.k === 'ref' ? this.facts.get(file)?.bindings[v.o.n] : undefined;
    const call = b?.k === 'bound' ? b.v : b;
    if (call?.k !== 'call') return [];
    let makers: string[];
    const callee = viaBinding(this.facts.get(file)!, call.f);
    if (callee.k === 'imp' && callee.n === '*') {
      // `require('./user')(mongo)`: the function the module exports whole (either of those a choice at load exports:
      // `module.exports = redis ? redisCache : memoryCache`)
      const mod = this.moduleOf(file, callee, 0);
      const f = mod ? this.facts.get(mod) : undefined;
      const ids = exportedFunctions(f, '=');
      makers = (ids.length > 0 ? ids : exportedFunctions(f, 'default')).map((id) => `${mod}\0${id}`);
    } else {
      const at = call.f.k === 'fn' ? `${file}\0${call.f.id}` : this.functionAt(file, call.f);
      makers = at ? [at] : [];
    }
    const out: string[] = [];
    for (const at of makers) {
      const [tf, id] = at.split('\0');
      for (const r of this.facts.get(tf)?.functions[id]?.ret ?? []) {
        const obj = r.k === 'bound' ? r.v : r;
        const m = obj.k === 'obj' ? obj.p[v.n] : undefined;
        const h = m && (m.k === 'fn' || m.k === 'ref') ? this.functionAt(tf, m) : undefined;
        if (h) {
          out.push(h);
          break;
        }
      }
    }
    return out;
  }

  /** `file\0fnId` of the functions that a named workspace function (the callee of a call) returns. */
  private madeBy(file: string, callee: Val): string[] {
    const at = callee.k === 'fn' ? undefined : this.functionAt(file, callee);
    if (!at) return [];
    const [tf, id] = at.split('\0');
    const out: string[] = [];
    for (const v of this.facts.get(tf)?.functions[id]?.ret ?? []) {
      const h = v.k === 'fn' || v.k === 'ref' ? this.functionAt(tf, v) : undefined;
      if (h) out.push(h);
    }
    return out;
  }

  /** `check(req.ip)` where `check` holds what a workspace factory's call made: the functions the factory returns run here. */
  private noteMadeCalled(r: PhaseRecord, file: string, callee: Val, at: string): void {
    const made = this.madeValue(file, callee);
    if (!made || made.v.k !== 'call') return;
    for (const fn of this.madeBy(made.file, made.v.f)) r.made.push([fn, at]);
  }

  /**
   * `getConfigFile(path, function (config) { … })` where `getConfigFile` calls its `callback` (in the function
   * `fs.readFile` is given): the callback runs where it is called, not whenever a library may call it.
   */
  private noteGiven(r: PhaseRecord, file: string, call: { f: Val; a: readonly Val[] }): void {
    if (!call.a.some((a) => a.k === 'fn')) return;
    const target = call.f.k === 'fn' || call.f.k === 'ref' || call.f.k === 'imp' ? this.functionAt(file, call.f) : undefined;
    if (!target) return;
    const [tf, tid] = target.split('\0');
    const pcalls = this.facts.get(tf)?.functions[tid]?.pcalls;
    if (!pcalls) return;
    call.a.forEach((a, i) => {
      if (a.k !== 'fn') return;
      for (const at of new Set(pcalls.filter((c) => c.i === i).map((c) => c.at))) r.given.push([`${file}\0${a.id}`, `${tf}\0${at}`]);
    });
  }

  private noteLifecycle(r: PhaseRecord, file: string, a: Val, event: string): void {
    if (a.k === 'bound') return this.noteLifecycle(r, file, a.v, event);
    const b = a.k === 'ref' ? this.facts.get(file)!.bindings[a.n] : undefined;
    const id = a.k === 'fn' ? a.id : b?.k === 'fn' ? b.id : undefined;
    if (id !== undefined) r.lifecycle.push([`${file}\0${id}`, event]);
  }

  private exportNames(f: FileFacts, id: string): string[] {
    return f.exports.filter((e) => e.v && functionsOf(f, e.v.k === 'ref' ? f.bindings[e.v.n] : e.v).includes(id)).map((e) => e.name);
  }

  /** The shallowest function of the walk that the work since the last `phase` call left out because it was being worked out. */
  private shallowestCut = Infinity;

  /** Is `key` being worked out further up the walk (a cycle)? Then it is left out, and what depends on it is not final. */
  private onWalk(key: string, seen: Walk): boolean {
    const depth = seen.get(key);
    if (depth === undefined) return false;
    this.shallowestCut = Math.min(this.shallowestCut, depth);
    return true;
  }

  /**
   * Results that left out a caller being worked out further up the walk, kept for the rest of this walk only. Each
   * function is then worked out once per walk, however many paths lead to it in a dense web of cycles (minified code
   * calling one-letter names): a path such a result misses runs through a function of the walk, whose own result already
   * counts toward the function the walk began at, with a rank a longer path cannot raise.
   */
  private readonly walkMemo = new Map<string, { p: Phase; cut: number }>();

  private phase(file: string, id: string, seen: Walk): Phase {
    const key = `${file}\0${id}`;
    const known = this.memo.get(key);
    if (known) return known;
    const depth = seen.size;
    if (depth === 0) this.walkMemo.clear();
    // the function is being worked out further up (its maker, reached again through a function it makes): what it
    // would add, it adds there; here it is a caller left out, as a cycle's callers are
    if (this.onWalk(key, seen)) return LEFT_OUT;
    // a chain of callers this long is left unexplored past here (for this walk only): the walk recurses, and minified
    // code chains thousands of functions
    if (depth >= MAX_WALK_DEPTH) {
      this.shallowestCut = Math.min(this.shallowestCut, depth - 1);
      return LEFT_OUT;
    }
    const inWalk = this.walkMemo.get(key);
    if (inWalk) {
      // what it left out, the function asking it leaves out too
      this.shallowestCut = Math.min(this.shallowestCut, inWalk.cut);
      return inWalk.p;
    }
    this.work.n++;
    seen.set(key, depth);
    const outer = this.shallowestCut;
    this.shallowestCut = Infinity;
    const p = this.compute(file, id, seen);
    // a result that left out no caller worked out further up (only this function itself, or ones it reached) is the
    // same from wherever it is asked, and so is the result of the function the walk began at: kept for good
    if (depth === 0 || this.shallowestCut >= depth) this.memo.set(key, p);
    else this.walkMemo.set(key, { p, cut: this.shallowestCut });
    seen.delete(key);
    this.shallowestCut = Math.min(outer, this.shallowestCut);
    return p;
  }

  private compute(file: string, id: string, seen: Walk): Phase {
    const f = this.facts.get(file)!;
    const fn = f.functions[id];
    if (!fn) return { at: 'request', confidence: 'low', path: [] };
    const name = fn.name;
    const short = name.replace(/^.*\./, '');
    const step = (what: string): EvidenceStep => ({ file, line: fn.line, what });
    if (TEST_ONLY_FN.test(short)) return { at: 'test' };
    const cb = /^\((\w+)\)$/.exec(name)?.[1];
    const event = this.lifecycle.get(`${file}\0${id}`);
    if (event !== undefined) {
      // runs when its emitter starts, fails or ends: when the code that made the emitter runs
      return this.withMaker(file, fn, seen, step(`the callback given to \`on('${event}')\``));
    }
    // a function called where it is written (`(async () => { … })()`) runs when the code around it does
    if (name === IIFE) return this.withMaker(file, fn, seen, step('a function called where it is written'));
    // a callback deferred once (`setImmediate(() => …)`, `setTimeout(() => …, 0)`) runs when the code that defers it
    // does, soon after: at start-up when that code is a module's top level. One that calls the function it is
    // made in again is a loop on a clock
    if (cb && ONE_SHOT.test(cb) && !this.rearms(f, fn)) return this.withMaker(file, fn, seen, step(`the callback given to \`${cb}\``));
    if (cb && HANDLER.test(cb)) return { at: 'request', confidence: 'high', path: [step(`handler: the callback given to \`${cb}\``)], ...(CLOCK.test(cb) ? { clock: true as const } : {}) };
    const reg = this.handlerRefs.get(`${file}\0${id}`);
    if (reg?.startsWith('@')) return { at: 'request', confidence: 'high', path: [step(`handler: \`${name}\` is decorated with \`${reg}\`, which routes requests or messages to it`)] };
    if (reg) {
      // (`get@table`: a member of a table whose members a loop registers)
      const [call, table] = reg.split('@');
      const calls = call.split('|');
      const how = table ? `is in a table whose members are given to ${calls.map((c) => `\`${c}\``).join(' and ')}` : `is given to \`${call}\``;
      return { at: 'request', confidence: 'high', path: [step(`handler: ${name ? `\`${name}\`` : 'a function'} ${how}`)], ...(calls.some((c) => CLOCK.test(c)) ? { clock: true as const } : {}) };
    }
    const startupName = STARTUP_FN.test(short);
    if (resolverIds(f).has(id)) return { at: 'request', confidence: 'high', path: [step(`handler: \`${name}\`, a GraphQL resolver (a field of a resolver map with \`Query\`, \`Mutation\` or \`Subscription\`)`)] };
    // (a scheduler's `onTick` runs on its clock, as a timer's callback does)
    if (HANDLER_NAME.test(short)) return { at: 'request', confidence: 'high', path: [step(`handler: \`${name}\``)], ...(short === 'onTick' ? { clock: true as const } : {}) };
    if (cb) {
      if (fn.parent) return this.via(this.phase(file, fn.parent, seen), step(`the callback given to \`${cb}\``));
      // given to something at load: run now (`files.forEach`), or by a library whose timing is unknown
      if (RUNS_NOW.test(cb)) return { at: 'startup' };
      // a 'use server' module exports only server actions: what a wrapper makes of the callback is one
      // (`export const invite = validatedAction(schema, async (data) => …)`)
      if (f.hints.useServer) return { at: 'request', confidence: 'high', path: [step(`handler: the callback given to \`${cb}\` in a 'use server' module, a server action`)] };
      // given to a workspace function that calls it (`getConfigFile(path, (config) => …)`): it runs where that
      // function calls it, at start-up when the function is called while the module loads
      const runners = (this.givenTo.get(`${file}\0${id}`) ?? []).filter((k) => !this.onWalk(k, seen));
      if (runners.length > 0) {
        return best(runners.map((k) => {
          const [rf, rid] = k.split('\0');
          return this.via(this.phase(rf, rid, seen), step(`the callback given to \`${cb}\`, which calls it`));
        }));
      }
      return { at: 'request', confidence: 'low', path: [step(`the callback given to \`${cb}\` while the module loads`)] };
    }
    const exported = this.exportNames(f, id);
    const route = exported.find((e) => ROUTE_EXPORTS.some(([file_, n]) => file_.test(file) && n.test(e)));
    if (route) return { at: 'request', confidence: 'high', path: [step(`handler: \`${route}\`, which the framework calls per request in this file`)] };
    const combined = combinedInRoute(f, file, id);
    if (combined) return { at: 'request', confidence: 'high', path: [step(`handler: ${name ? `\`${name}\`` : 'a function'} is given to \`${combined.call}\`, whose result is \`${combined.route}\`, which the framework calls per request in this file`)] };
    if ((exported.includes('=') || exported.includes('default')) && this.vercel.some((root) => inVercelApi(file, root))) {
      return { at: 'request', confidence: 'high', path: [step('handler: the function a Vercel Function exports, which the platform calls per request')] };
    }
    // `export default { async fetch(request, env) { … } }`: what the runtime calls per request (Cloudflare Workers,
    // Bun, Deno), and per message batch or schedule for a Worker's `queue` and `scheduled`
    const platform = defaultExportMethod(f, id);
    if (platform) return { at: 'request', confidence: 'high', path: [step(`handler: \`${platform}\` of the default export, which the runtime calls per request`)] };
    // a 'use server' module: each export is a server action, called by the browser per request
    if (f.hints.useServer && exported.length > 0) return { at: 'request', confidence: 'high', path: [step(`handler: \`${exported[0]}\`, a server action ('use server')`)] };
    const found: Phase[] = [];
    const callers = callersNamed(f, short);
    this.work.n += callers.length;
    for (const cid of callers) {
      const c = f.functions[cid]!;
      if (cid !== id && !this.onWalk(`${file}\0${cid}`, seen)) {
        found.push(this.via(this.phase(file, cid, seen), step(`\`${name}\`, called by \`${c.name || 'a function'}\``)));
      }
    }
    if (this.topCalls.get(file)?.has(short)) found.push({ at: 'startup' });
    let crossFound = false;
    // callers of its exports, and, for a method, callers through an injected instance of its class
    const ownerEntry = Object.entries(f.classes).find(([, c]) => Object.values(c.methods).includes(id));
    const owner = ownerEntry?.[1];
    const member = owner && Object.keys(owner.methods).find((m) => owner.methods[m] === id);
    // a method of the instance the module exports (`module.exports = new Sockets()`): `Sockets.registerSocket(…)`
    // in an importer calls it as a member of the module
    // (or through the binding that holds it: `const settings = new Settings(); export default settings`)
    const ofExportedInstance = ownerEntry !== undefined && member !== undefined && f.exports.some((e) => {
      if (e.name !== '=' && e.name !== 'default') return false;
      const v = e.v?.k === 'ref' ? f.bindings[e.v.n] : e.v;
      return v?.k === 'new' && ((v.f.k === 'cls' && v.f.id === ownerEntry[0]) || (v.f.k === 'ref' && v.f.n === owner!.name));
    });
    // a method of the object a module exports by default (`export default { handle() {…} }`): `store.handle(…)` in an importer
    const objectMember = defaultObjectMember(f, id);
    // the function a module exports whole (`module.exports = async (…) => …`) is what a call of the module itself calls
    // (`const getLink = require('./get'); getLink(…)`, or its default import)
    const whole = exported.includes('=') ? ['*', 'default'] : [];
    // a static method of the class the module exports whole (`export default class TelegramBot { static disconnect() }`):
    // an importer calls it as a member of the module (`TelegramBot.disconnect(…)` of `import TelegramBot from './telegram'`)
    const ofExportedClass = ownerEntry !== undefined && member !== undefined && wholeClass(f) === owner;
    const keys = [...exported, ...whole, ...(owner && member ? [`${owner.name}.${member}`] : []), ...(ofExportedInstance || ofExportedClass ? [member!] : []), ...(objectMember ? [objectMember] : [])];
    const called = (callers: readonly string[], what: string) => {
      for (const caller of callers) {
        crossFound = true;
        if (caller === 'top') found.push({ at: 'startup' });
        else if (!this.onWalk(caller, seen)) {
          const [cf, cid] = caller.split('\0');
          const c = this.facts.get(cf)?.functions[cid];
          found.push(this.via(this.phase(cf, cid, seen), step(`${what} called by \`${c?.name || 'a function'}\` (${cf})`)));
        }
      }
    };
    for (const e of keys) called(this.crossCallers.get(`${file}\0${e}`) ?? [], `${name ? `\`${name}\`` : 'the function the module exports'},`);
    // returned by a factory, and called through the value a call of it made (`check(req.ip)`, `check` made by
    // `createRateLimiter(5)`): it runs where that value is called
    const maker = fn.parent !== undefined ? f.functions[fn.parent]?.name : undefined;
    called(this.calledAs.get(`${file}\0${id}`) ?? [], name && maker ? `\`${name}\`, which \`${maker}\` returns,` : maker ? `the function \`${maker}\` returns,` : name ? `\`${name}\`` : 'the function');
    const method = owner !== undefined;
    // named like start-up (`setup`, `init`, `connect`): start-up, unless every caller found surely runs per request
    // (`startDownload` called by a route handler); a caller at start-up means a request runs it again to re-initialise
    if (startupName && !(found.length > 0 && found.every((p) => p.at === 'request' && p.confidence === 'high'))) return { at: 'startup' };
    if (fn.parent) found.push(this.via(this.phase(file, fn.parent, seen), step(`\`${name || 'a function'}\`, made in \`${f.functions[fn.parent]?.name || 'a function'}\``)));
    // no caller resolved, but a function of that name is called while some module loads (`allow(User, …)` at
    // the top of policy files, `Plugins.add(…)`): registration, as calls through namespaces are not resolved
    else if (found.length === 0 && !crossFound && this.anyTopCall.has(short)) found.push({ at: 'startup' });
    // exported, but no caller the analysis can see: a request, a CLI, an upgrade step or start-up may run it
    else if (exported.length > 0 && !crossFound && found.length === 0) found.push({ at: 'request', confidence: 'low', uncalled: true, path: [step(`\`${name || 'a function'}\` is exported; no caller found`)] });
    else if (method && found.length === 0) found.push({ at: 'request', confidence: 'medium', guessed: true, path: [step(`\`${name}\`, a method called from elsewhere`)] });
    // nothing reaches it that the analysis can see: when it runs is not known, so what it changes is only a note
    else if (found.length === 0) found.push({ at: 'request', confidence: 'low', uncalled: true, path: [step(`\`${name || 'a function'}\`: no caller found`)] });
    return best(found);
  }

  /** The phase of a function that runs when the code it is written in runs: its enclosing function's, or start-up at a top level. */
  private withMaker(file: string, fn: FunctionFact, seen: Walk, s: EvidenceStep): Phase {
    return fn.parent ? this.via(this.phase(file, fn.parent, seen), s) : { at: 'startup' };
  }

  /** Does a callback call a function it is made in (directly or further out): `function poll() { …; setTimeout(() => poll(), ms) }`. */
  private rearms(f: FileFacts, fn: FunctionFact): boolean {
    const calls = fn.calls ?? [];
    if (calls.length === 0) return false;
    let up = fn.parent;
    for (let i = 0; up !== undefined && i < 8; i++) {
      const p = f.functions[up];
      if (!p) break;
      if (p.name && calls.includes(p.name.replace(/^.*\./, ''))) return true;
      up = p.parent;
    }
    return false;
  }

  private via(p: Phase, s: EvidenceStep): Phase {
    return p.at === 'request' ? { ...p, path: [...p.path, s].slice(-8) } : p;
  }
}

/**
 * A function given to the call whose result a file exports under a name its framework calls per request: the
 * handlers `sequence(…)` chains into SvelteKit's `handle`, the one a wrapper guards (`export const GET =
 * withAuth(async (req) => …)`). The framework calls the export per request, and the export calls what it was given.
 */
function combinedInRoute(f: FileFacts, file: string, id: string): { route: string; call: string } | undefined {
  // (a binding typed as the framework's handler, `const auth: Handle = async (…) => …`, holds the function and its type)
  const holds = (b: Val | undefined): boolean => b !== undefined && ((b.k === 'fn' && b.id === id) || (b.k === 'or' && b.v.some(holds)));
  const isFn = (v: Val | undefined) => v !== undefined && (holds(v) || (v.k === 'ref' && holds(f.bindings[v.n])));
  for (const e of f.exports) {
    if (!ROUTE_EXPORTS.some(([file_, n]) => file_.test(file) && n.test(e.name))) continue;
    const v = e.v?.k === 'ref' ? f.bindings[e.v.n] : e.v;
    if (v?.k !== 'call' || !v.a.some(isFn)) continue;
    const callee = v.f.k === 'ref' || v.f.k === 'prop' ? (v.f.n as string) : v.f.k === 'imp' ? v.f.n : 'a call';
    return { route: e.name, call: callee };
  }
  return undefined;
}

/** A framework's decorator that routes requests or messages to the method it decorates (`@Post()` of `@nestjs/common`). */
function isHandlerDecorator(f: Val): f is { k: 'imp'; m: string; n: string } {
  return f.k === 'imp' && HANDLER_DECORATOR.test(f.n) && HANDLER_DECORATOR_PACKAGE.test(f.m);
}

/** The class a module exports whole (`module.exports = class X`, `export default X`). */
function wholeClass(f: FileFacts | undefined): ClassFact | undefined {
  const whole = f?.exports.find((e) => e.name === '=' || e.name === 'default')?.v;
  return whole && classNamed(f, whole);
}

/** The name of the class a module exports whole. */
function wholeClassName(f: FileFacts): string | undefined {
  return wholeClass(f)?.name || undefined;
}

/**
 * A tRPC procedure's resolver: `authedProcedure.input(schema).mutation(async ({ ctx, input }) => …)`, `.query(…)`,
 * `.subscription(…)` on a chain that starts from a procedure (`t.procedure`, `publicProcedure`), or from a builder made
 * of one, in this file or imported (`export const protectedRouter = procedure.use(isProtected)`). A `query` elsewhere
 * (`db.query(sql, cb)`) is no route.
 */
function isProcedure(call: { f: Val }, file: string, facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver): boolean {
  if (call.f.k !== 'prop' || !/^(query|mutation|subscription)$/.test(call.f.n)) return false;
  let at = file;
  for (let v: Val = call.f.o, hops = 0; hops < 12; hops++) {
    const name = v.k === 'prop' || v.k === 'ref' || v.k === 'imp' ? v.n : undefined;
    if (name && /procedure$/i.test(name)) return true;
    if (v.k === 'call') v = v.f;
    else if (v.k === 'prop') v = v.o;
    else if (v.k === 'bound') v = v.v;
    else if (v.k === 'ref') {
      // the builder's value where it is bound (`const protectedRouter = procedure.use(isProtected)`)
      const b = facts.get(at)?.bindings[v.n];
      if (!b || b === v) return false;
      v = b;
    } else if (v.k === 'imp' && v.n !== '*' && v.n !== 'default') {
      const r = resolver.resolve(v.m, at);
      const to = r && 'file' in r ? r.file : undefined;
      const e = to ? exportedValue(facts.get(to), v.n) : undefined;
      if (!to || !e) return false;
      at = to;
      v = e;
    } else return false;
  }
  return false;
}

/** `router.register('/cron', ['get', 'post'], [validate, handler])` (koa-router): a route by the methods it names. */
function isRouteRegistration(call: { f: Val; a: readonly Val[] }): boolean {
  const verb = (a: Val): boolean => (a.k === 'str' && HTTP_VERB.test(a.s)) || (a.k === 'or' && a.v.some(verb));
  if (call.f.k !== 'prop') return false;
  // a router's own verb methods (`router.linPost('upload', '/', auth, async (ctx) => …)` of a Koa router subclass),
  // given a path: the callbacks run per request
  if (PREFIXED_VERB.test(call.f.n) && call.a.some((a) => a.k === 'str' && a.s.startsWith('/'))) return true;
  return call.f.n === 'register' && call.a.some(verb);
}

/** A method named for an HTTP verb after a prefix of its library's (`linGet`, `linPost`). */
const PREFIXED_VERB = /^[a-z]+(Get|Post|Put|Patch|Delete|Head|Options)$/;

/** The lifecycle event a registration names: `x.on('exit', …)`, `stream.once('finish', …)`, any `process.on(…)` but IPC `message`. */
function lifecycleEvent(call: { f: Val; a: readonly Val[] }): string | undefined {
  if (call.f.k !== 'prop' || !/^(on|once|addListener|prependListener)$/.test(call.f.n)) return undefined;
  const first = call.a[0];
  const event = first?.k === 'str' ? first.s : undefined;
  if (event !== undefined && LIFECYCLE_EVENT.test(event)) return event;
  const o = call.f.o;
  if (o.k === 'glob' && o.n === 'process' && event !== 'message') return event ?? 'a signal';
  return undefined;
}

/**
 * `Settings.get` where `Settings` is an imported class: a static method, as `moduleMember` names it, or a
 * class taken out of a namespace (`const { Settings } = require(…)`, `ns.Settings.get`).
 */
function importedClassMember(f: FileFacts, v: Val): { spec: string; name: string; member: string } | undefined {
  const m = moduleMember(f, v);
  if (m?.member !== undefined) return { spec: m.spec, name: m.name, member: m.member };
  if (v.k !== 'prop') return undefined;
  const o = v.o.k === 'ref' ? f.bindings[v.o.n] : v.o;
  return o?.k === 'prop' && o.o.k === 'imp' && o.o.n === '*' ? { spec: o.o.m, name: o.n, member: v.n } : undefined;
}

/** Static accessors that hand out a class's one instance. */
const INSTANCE_ACCESSOR = /^(get)?[iI]nstance$|^getSingleton$|^shared(Instance)?$/;

/** What an instance is made by, through the module binding or local that holds it: `new Backchannel(…)`, `Stores.from(config)`. */
function madeInstance(f: FileFacts, v: Val): Val | undefined {
  for (let i = 0; i < 4; i++) {
    if (v.k === 'bound') v = v.v;
    else if (v.k === 'ref' && f.bindings[v.n]) v = f.bindings[v.n];
    else break;
  }
  return v.k === 'new' || (v.k === 'call' && v.f.k !== 'prop') || (v.k === 'call' && v.f.k === 'prop' && v.f.o.k === 'imp') ? v : undefined;
}

/** `Config.getInstance().set` → the class (as the caller names it) and the member called on its instance. */
function singletonMember(v: Val): { cls: Val; member: string } | undefined {
  if (v.k !== 'prop' || v.o.k !== 'call' || v.o.a.length > 0 || v.o.f.k !== 'prop' || !INSTANCE_ACCESSOR.test(v.o.f.n)) return undefined;
  const cls = v.o.f.o;
  return cls.k === 'imp' || cls.k === 'ref' || cls.k === 'cls' ? { cls, member: v.n } : undefined;
}

/** `file.save` where `const file = module.exports`: this file's own export `save`. */
function ownExport(f: FileFacts, file: string, v: Val): string | undefined {
  return v.k === 'prop' && v.o.k === 'ref' && f.hints.exportAliases?.includes(v.o.n) ? `${file}\0${v.n}` : undefined;
}

/** A member of a module binding that holds an import (`file.save` with `const file = require('./file')`) as that import's member. */
function viaBinding(f: FileFacts, v: Val): Val {
  // `Cache('google')` where `const Cache = require('./cache')`: the module, called whole
  if (v.k === 'ref') {
    const b = f.bindings[v.n];
    return b?.k === 'imp' ? b : v;
  }
  if (v.k !== 'prop' || v.o.k !== 'ref') return v;
  const b = f.bindings[v.o.n];
  return b?.k === 'imp' ? { ...v, o: b } : v;
}

/** A handler's registrations: the last one, or for a table's member every call a loop gives the table to (`get|put@table`). */
function withTable(before: string | undefined, registration: string): string {
  if (!before?.endsWith('@table') || !registration.endsWith('@table')) return registration;
  const calls = new Set([...before.slice(0, -6).split('|'), ...registration.slice(0, -6).split('|')]);
  return `${[...calls].join('|')}@table`;
}

/** Request time wins over start-up (one request path is enough), the surest path over the others. */
function best(found: Phase[]): Phase {
  let out: Phase | undefined;
  let clock = true;
  for (const p of found) {
    if (p.at !== 'request') continue;
    if (!p.clock) clock = false;
    if (!out || out.at !== 'request' || RANK[p.confidence] > RANK[out.confidence]) out = p;
  }
  if (out?.at === 'request') {
    const { clock: _was, uncalled: _none, guessed: _guess, ...rest } = out;
    const uncalled = found.every((p) => p.at === 'request' && p.uncalled);
    const guessed = out.confidence !== 'high' && found.every((p) => p.at !== 'request' || p.guessed || RANK[p.confidence] < RANK[out!.confidence]);
    return { ...rest, ...(clock ? { clock: true as const } : {}), ...(uncalled ? { uncalled: true as const } : {}), ...(guessed && out.guessed ? { guessed: true as const } : {}) };
  }
  return found.some((p) => p.at === 'startup') ? { at: 'startup' } : found.some((p) => p.at === 'test') ? { at: 'test' } : { at: 'request', confidence: 'medium', path: [] };
}

/** A GraphQL resolver map's root types: an object with one of these keys holds resolvers, per type and field. */
const RESOLVER_ROOTS = /^(Query|Mutation|Subscription)$/;

const resolversOf = new WeakMap<FileFacts, Set<string>>();

/**
 * The functions of a file that are GraphQL resolvers: the fields of each type of a resolver map (an object written
 * in the file, exported or kept in a binding, with a `Query`, `Mutation` or `Subscription` key). The server calls each
 * per request (`export default { Query: { rewards: async (parent, args, ctx) => … }, Reward: { item: … } }`).
 */
function resolverIds(f: FileFacts): ReadonlySet<string> {
  const kept = resolversOf.get(f);
  if (kept) return kept;
  const out = new Set<string>();
  const maps = [...f.exports.map((e) => e.v), ...Object.values(f.bindings)];
  for (const m of maps) {
    if (m?.k !== 'obj' || !Object.keys(m.p).some((k) => RESOLVER_ROOTS.test(k))) continue;
    for (const type of Object.values(m.p)) {
      if (type.k !== 'obj') continue;
      for (const field of Object.values(type.p)) {
        // a field's resolver, or the `resolve` / `subscribe` of a field written as an object
        const fn = field.k === 'fn' ? field : field.k === 'obj' ? field.p.resolve ?? field.p.subscribe : undefined;
        if (fn?.k === 'fn') out.add(fn.id);
      }
    }
  }
  resolversOf.set(f, out);
  return out;
}

/** The name under which `id` is a method of the object the file exports by default, if it is one. */
function defaultObjectMember(f: FileFacts, id: string): string | undefined {
  let v = f.exports.find((e) => e.name === 'default')?.v;
  if (v?.k === 'ref') v = f.bindings[v.n];
  if (v?.k !== 'obj') return undefined;
  for (const [name, m] of Object.entries(v.p)) {
    const fn = m.k === 'ref' ? f.bindings[m.n] : m;
    if (fn?.k === 'fn' && fn.id === id) return name;
  }
  return undefined;
}

/** Methods of a module's default-exported object that a runtime calls per event (`fetch`, a Worker's `queue`, `scheduled`, `email`). */
const PLATFORM_HANDLERS = /^(fetch|queue|scheduled|email|tail|trace|websocket)$/;

/** The name under which `id` is a per-event method of the file's default-exported object, if it is one. */
function defaultExportMethod(f: FileFacts, id: string): string | undefined {
  const name = defaultObjectMember(f, id);
  return name !== undefined && PLATFORM_HANDLERS.test(name) ? name : undefined;
}

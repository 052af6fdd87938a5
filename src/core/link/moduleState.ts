// Module-level state that request-time code changes: each replica keeps its own copy. What start-up
// code fills (registration tables, lists read from a folder at load) is the same on every replica.
import type { HazardKind } from '../../catalog';
import { COLLECTION_CLASSES } from '../../catalog/names';
import { IIFE, isContainerInit, type ClassFact, type FileFacts, type FunctionFact, type ModuleBindingFact, type MutationFact, type MutationHow, type Val } from '../facts';
import { chainCalls, importedFunction, injectedMember, reach } from './calls';
import { pushTo } from '../grouping';
import type { Evaluator } from './evaluate';
import { Phases } from './phase';
import type { ModuleResolver } from './resolve';
import { moduleStateMessage, type Confidence, type EvidenceStep, type FoundHazard, type OpsByFile, type Work } from './types';

const INIT_DESC: Record<string, string> = { map: 'a Map', set: 'a Set', array: 'an array', object: 'an object', primitive: 'a variable', none: 'a variable', other: 'a variable' };
const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/** A binding declared in a file, and the changes made to it from functions anywhere. */
interface Target {
  file: string;
  decl: ModuleBindingFact;
  muts: Array<{ m: MutationFact; file: string }>;
}

/**
 * Module-level state that request-time code changes: Maps, Sets, arrays and objects mutated, `let`s
 * counted up or reassigned, by a handler or what it calls. Not hazards: constants never changed,
 * tables filled while modules load or in lifecycle hooks, handles made once (lazily, or once per key),
 * memoised computations, and bindings that hold a store client (those are store edges).
 */
export function moduleStateHazards(facts: ReadonlyMap<string, FileFacts>, evaluator: Evaluator, resolver: ModuleResolver, ops: OpsByFile, work: Work = { n: 0 }, phases = new Phases(facts, resolver, work)): FoundHazard[] {
  const targets = new Map<string, Target>();
  const add = (declFile: string, name: string, m: MutationFact, mutFile: string) => {
    const f = facts.get(declFile);
    const decl = f?.declared.find((d) => d.name === name);
    if (!decl) return;
    const key = `${declFile}\0${name}`;
    const t = targets.get(key) ?? { file: declFile, decl, muts: [] };
    t.muts.push({ m, file: mutFile });
    targets.set(key, t);
  };
  const clientOps = new Set<string>();
  let longLived: LongLived | undefined;
  const weak = new Set<string>();
  let readers: Readers | undefined;
  let madeAt: Map<string, FactorySite[]> | undefined;
  for (const [file, f] of facts) {
    work.n += f.mutations.length;
    for (const o of ops.of(file)) clientOps.add(`${o.file}:${o.line}:${o.column}`);
    for (const m of handedToHelpers(file, f, facts, resolver, work)) add(file, m.target, m, file);
    for (const m of f.mutations) {
      const imp = m.imp;
      if (imp) {
        const r = resolver.resolve(imp.m, file);
        if (!r || !('file' in r)) continue;
        const exp = facts.get(r.file)?.exports.find((e) => e.name === imp.n && e.v?.k === 'ref');
        if (exp?.v?.k === 'ref') add(r.file, exp.v.n, m, file);
        // `module.exports.userList = []`: the container the export made
        else if (facts.get(r.file)?.declared.some((d) => d.cjs && d.name === imp.n)) add(r.file, imp.n, m, file);
        continue;
      }
      // `this.gateway.streams[room] = s`: the member of the singleton the constructor was handed
      const injected = injectedState(file, f, m, facts, resolver);
      if (injected) add(injected.file, injected.name, { ...m, target: injected.name, how: injected.how }, file);
      else if (m.target.includes('#')) {
        const [clsId] = m.target.split('#');
        longLived ??= longLivedClasses(facts, evaluator, phases);
        const life = longLived.life.get(`${file}\0${clsId}`);
        if (isSingleton(f, clsId) || life === 'load') add(file, m.target, m, file);
        else if (life === 'phase') {
          // made by start-up code found through its callers: its collections, not its scalar settings (`setPort`)
          weak.add(`${file}\0${m.target}`);
          add(file, m.target, m, file);
        }
      } else {
        add(file, m.target, m, file);
      }
    }
  }
  const out: FoundHazard[] = [];
  // the report of each instance kept in a binding, by that binding: its other fields are more places of it
  const heldReported = new Map<string, FoundHazard>();
  // the reports on fields of one instance, by instance: one object is one place of state
  const byInstance = new Map<FoundHazard, Member>();
  const reportedDecls = new Map<string, FoundHazard>();
  const inContainer = new Map<FoundHazard, string>();
  for (const t of targets.values()) {
    // an instance of a class that extends a collection (`new Collection()`, `class Collection extends Map`) is that collection
    const coll = collectionInit(t, facts, evaluator);
    if (coll) t.decl = { ...t.decl, init: coll };
    const { decl } = t;
    const container = isContainerInit(decl.init);
    const variable = (decl.decl === 'let' || decl.decl === 'var' || decl.decl === 'static' || decl.decl === 'field') && (decl.init === 'primitive' || decl.init === 'none' || decl.init === 'other');
    if (!container && !variable) continue;
    if (!container && weak.has(`${t.file}\0${decl.name}`)) continue;
    // a local of a function, changed by functions made in it (`const hits = new Map(); return (req, res, next) => …`):
    // state of the process when that function runs once, at start-up (`const limiter = createRateLimiter(5)` at module
    // level); one that runs per request makes a new one each time
    const maker = makerOf(decl.name);
    if (maker !== undefined && (phases.of(t.file, maker).at !== 'startup' || !(changedByReturned(facts.get(t.file), maker, t.muts) || changedByHandlers(facts.get(t.file), maker, t.muts, phases)))) continue;
    // a memo bounded by evicting (`if (cache.size >= N) cache.delete(firstKey)`) in the function that fills it
    const memoFns = new Set(t.muts.filter(({ m }) => m.memo && m.fn !== undefined).map(({ m, file }) => `${file}\0${m.fn}`));
    // an object of functions (`const ApiKey = { delete: async (clause) => … }`): `ApiKey.delete(…)` calls its method
    const bound = decl.init === 'object' ? facts.get(t.file)?.bindings[decl.name] : undefined;
    const ownMethod = (name: string | undefined) => bound?.k === 'obj' && name !== undefined && Object.hasOwn(bound.p, name) && bound.p[name].k === 'fn';
    const changes = t.muts.filter(({ m, file }) => {
      const ff = facts.get(file);
      if (m.how === 'method' && ownMethod(m.method)) return false;
      const evicts = (m.how === 'delete' || REMOVALS.has(m.method ?? '')) && memoFns.has(`${file}\0${m.fn}`);
      // memoisation of what the process computes itself (no store read feeds it) is the same on every replica,
      // unless what it computes is drawn at random (an id made once per key: each replica makes another)
      if ((m.memo || evicts) && ff && !readsStore(ff, m.fn, ops, facts, resolver, work) && !(m.fn !== undefined && ff.functions[m.fn]?.random)) return false;
      // a registry of store clients (`limiters.set(path, new RateLimiterRedis(…))`) holds handles, not state
      if (m.value && evaluator.valueOf(m.value, file)?.t === 'client') return false;
      if (clientOps.has(`${file}:${m.line}:${m.col}`)) return false; // a store operation, not a Map
      if (m.how === 'property' && m.lazy) return false; // filled in while it is made once
      if (container) return m.how !== 'assign' || !(m.lazy || m.handle);
      return m.how === 'update' || (m.how === 'assign' && !m.lazy && !m.handle) || m.how === 'property';
    });
    // only what request-time code changes: the surest path to a change first
    const real: Array<{ m: MutationFact; file: string; confidence: Confidence; path: EvidenceStep[]; clock?: true; guessed?: true }> = [];
    for (const c of changes) {
      if (!c.m.fn) continue;
      const p = phases.of(c.file, c.m.fn);
      if (p.at === 'request') real.push({ ...c, confidence: p.confidence, path: p.path, ...(p.clock ? { clock: p.clock } : {}), ...(p.guessed ? { guessed: p.guessed } : {}) });
    }
    if (real.length === 0) continue;
    if (!decl.name.includes('#') && !decl.name.includes('.')) {
      const thing = evaluator.valueOf({ k: 'ref', n: decl.name } as Val, t.file);
      if (thing?.t === 'client') continue;
    }
    real.sort((a, b) => RANK[b.confidence] - RANK[a.confidence] || Number(!!a.m.via) - Number(!!b.m.via));
    const first = real[0];
    // what requests change but nothing reads back (a counter no one looks at, a list only ever appended) decides no answer
    readers ??= new Readers(facts, resolver, phases, work);
    const back = readers.readBack(t.file, decl);
    // a collection that only ever holds timers' handles (`timeouts.set(id, setTimeout(…))`, a debounce map): the
    // timers are what runs on every replica, and they are reported as such; the handles are how the process cancels them
    const timers = container && holdsOnlyTimers(t.muts);
    const inFlight = container && !timers && holdsOnlyInFlight(t.muts, facts);
    // only timers change it, from a store or another service (a copy of remote data reloaded every minute): each
    // replica refreshes its own copy of shared data on its own clock, and no request makes two replicas disagree
    // beyond that. A timer that derives it from the process's own state (a game loop's leaderboard) keeps state.
    const clockOnly = real.every((c) => c.clock && facts.has(c.file) && readsStore(facts.get(c.file)!, c.m.fn, ops, facts, resolver, work));
    const bookkeeping = (variable && isBookkeeping(real)) || back !== 'read' || timers || inFlight || clockOnly;
    const bareName = decl.name.includes('#') ? decl.name.slice(decl.name.indexOf('#') + 1) : maker !== undefined ? decl.name.slice(maker.length + 1) : decl.name;
    const fnName = describeFunction(facts.get(first.file)?.functions[first.m.fn!]?.name);

    const desc = INIT_DESC[decl.init] ?? 'a value';
    // a field of the one instance of a class (`export default new X()`, an `@Injectable()` service) lives as long as the process too
    const clsId = decl.name.includes('#') ? decl.name.slice(0, decl.name.indexOf('#')) : undefined;
    const keptIn = clsId !== undefined && !isSingleton(facts.get(t.file)!, clsId) ? longLived?.held.get(`${t.file}\0${clsId}`) : undefined;
    // one report per instance, at the binding that keeps it; each field that requests change is declared in one more
    // place of it (where a reader of the class finds the state)
    const heldBy = keptIn ? heldReported.get(`${keptIn.file}\0${keptIn.name}`) : undefined;
    if (heldBy) {
      if (!(heldBy.also ?? []).some((a) => a.file === t.file && a.line === decl.line)) (heldBy.also ??= []).push({ file: t.file, line: decl.line, column: decl.col });
      continue;
    }
    const className = clsId !== undefined ? facts.get(t.file)?.classes[clsId]?.name : undefined;
    const held = keptIn?.container !== undefined ? `one ${className || 'instance'} per key, kept by the process; its \`${bareName}\` is ${desc}`
      : keptIn ? `the one ${className || 'instance'} of the process, made at module level; its \`${bareName}\` is ${desc}`
      : decl.name.includes('#') ? `${desc} in the one instance of its class`
      : maker !== undefined ? `${desc} made in ${describeFunction(facts.get(t.file)?.functions[maker]?.name)}, which runs once at start-up, and kept by the functions made in it`
      : `${desc} at module level`;
    // the line of the change, in the file the report is in, else with its file
    const where = first.file === (keptIn?.file ?? t.file) ? `line ${first.m.line}` : `${first.file}:${first.m.line}`;
    const subject = `\`${keptIn?.name ?? bareName}\` (${held}) is changed by ${fnName} (${where})`;
    const at = keptIn ?? { file: t.file, line: decl.line, col: decl.col };
    const kind = kindOf(t, real, facts, `${keptIn ? `${keptIn.name} ` : ''}${bareName} ${t.file.replace(/^.*\//, '')}`);
    // changed only by methods whose callers are not found: whether a request or start-up, a job's run or an extension's
    // registration changes it is a guess. A cache is state whoever fills it; a registry or a variable is state only if
    // requests change it, which nothing shows
    const unsure = kind !== 'in-memory-cache' && real.every((c) => c.guessed);
    const report: FoundHazard = {
      file: at.file, line: at.line, column: at.col, kind,
      message: moduleStateMessage(subject, 'replica'), moduleState: { subject },
      confidence: bookkeeping || unsure ? 'low' : first.confidence,
      ...(keptIn ? { also: [{ file: t.file, line: decl.line, column: decl.col }] } : {}),
      evidence: [
        ...first.path,
        { file: first.file, line: first.m.line, what: `changes \`${bareName}\`` },
        { file: t.file, line: decl.line, what: keptIn ? `\`${bareName}\` is declared (a field of ${className || 'the class'})` : `\`${bareName}\` is declared (${held})` },
        ...(keptIn ? [{ file: keptIn.file, line: keptIn.line, what: keptIn.container !== undefined ? `one instance per key is made here and kept in \`${keptIn.name}\`` : `the one instance is made here and kept in \`${keptIn.name}\`` }] : []),
        ...(back === 'read' ? [] : [{ file: t.file, line: decl.line, what: `nothing that runs after start-up reads \`${bareName}\` back: no answer depends on it` }]),
        ...(timers ? [{ file: t.file, line: decl.line, what: `\`${bareName}\` only holds timers' handles: the timers are what each replica runs` }] : []),
        ...(inFlight ? [{ file: t.file, line: decl.line, what: `\`${bareName}\` holds work in flight: each entry is removed when its promise settles` }] : []),
        ...(clockOnly && !timers ? [{ file: t.file, line: decl.line, what: `only timers change \`${bareName}\`: each replica refreshes its own copy of shared data on its own clock` }] : []),
        ...(unsure ? [{ file: first.file, line: first.m.line, what: 'no caller of the code that changes it is found: whether requests change it is not known' }] : []),
      ],
    };
    // each module-level call of the factory makes one such state: one report where each is made
    // (`export const apiLimiter = createRateLimiter({ max: 60 })`), the factory's local as its evidence
    const made = maker !== undefined ? (madeAt ??= factoryCalls(facts, resolver)).get(`${t.file}\0${maker}`) ?? [] : [];
    if (made.length > 0) {
      const fnLabel = describeFunction(facts.get(t.file)?.functions[maker!]?.name);
      for (const site of made) {
        out.push({
          ...report, file: site.file, line: site.line, column: site.col,
          message: moduleStateMessage(`\`${site.name}\` keeps ${desc} that ${fnLabel} makes (\`${bareName}\`, line ${decl.line} of ${t.file}), changed by ${fnName}`, 'replica'),
          moduleState: { subject: `\`${site.name}\` keeps ${desc} that ${fnLabel} makes` },
          evidence: [...(report.evidence ?? []), { file: site.file, line: site.line, what: `made here, once, while the module loads: \`${site.name}\`` }],
        });
      }
      continue;
    }
    out.push(report);
    if (keptIn) heldReported.set(`${keptIn.file}\0${keptIn.name}`, report);
    if (report.confidence !== 'low') reportedDecls.set(`${t.file}\0${decl.name}`, report);
    if (clsId !== undefined && !keptIn) byInstance.set(report, { key: `${t.file}\0${clsId}`, field: bareName });
    // the containers a CommonJS module exports (`module.exports = { pids: {}, reboots: {} }`) are members of one object
    else if (decl.cjs && !keptIn) byInstance.set(report, { key: `${t.file}\0module.exports`, field: bareName, exported: true });
    // bindings of one module that one function changes together (`updateStores` refilling `stores`, `brands`, `models`)
    // are one place of state: one decision, one fix
    else if (!keptIn && !decl.name.includes('.')) byInstance.set(report, { key: `${t.file}\0changed by\0${first.file}\0${first.m.fn}`, field: bareName, together: true });
    if (keptIn?.container !== undefined) inContainer.set(report, `${keptIn.file}\0${keptIn.container}`);
  }
  // instances kept per key in a container that is reported itself are part of its state: the place they are kept is
  // one more place of the container's report, not a report of its own
  const kept = inContainer.size === 0 ? out : out.flatMap((h) => {
    const c = reportedDecls.get(inContainer.get(h) ?? '');
    if (!c) return [h];
    (c.also ??= []).push({ file: h.file, line: h.line, column: h.column });
    (c.evidence ??= []).push({ file: h.file, line: h.line, what: 'what it holds is made here, one per key, and changed by requests too' });
    return [];
  });
  return oneReportPerInstance(kept, byInstance);
}

/** The function whose local a target is (`f3` of `f3:hits`, a local kept by closures made in it), if it is one. */
function makerOf(name: string): string | undefined {
  const i = name.indexOf(':');
  return i > 0 ? name.slice(0, i) : undefined;
}

/** A module binding made by calling a workspace factory (`const apiLimiter = createRateLimiter(…)`). */
interface FactorySite {
  file: string;
  name: string;
  line: number;
  col: number;
}

/** What an import names when it names a module whole (`require('./x')`, `import * as x`, a default export). */
const WHOLE_MODULE = new Set(['*', '=', 'default']);

/** The module bindings made by a call of a workspace function, by `file\0fnId` of the function called. */
function factoryCalls(facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver): Map<string, FactorySite[]> {
  const out = new Map<string, FactorySite[]>();
  for (const [file, f] of facts) {
    for (const d of f.declared) {
      if (d.init !== 'call' || d.name.includes(':') || d.name.includes('#') || d.name.includes('.')) continue;
      const v = f.bindings[d.name];
      const call = v?.k === 'bound' ? v.v : v;
      if (call?.k !== 'call') continue;
      const callee = call.f.k === 'ref' ? f.bindings[call.f.n] ?? call.f : call.f;
      // (`repository.create()` of `const repository = require('./repository')`: the module's function of that name)
      const whole = callee.k === 'prop' && callee.o.k === 'ref' ? f.bindings[callee.o.n] : undefined;
      const at = callee.k === 'fn' ? { file, id: callee.id } : callee.k === 'imp' ? importedFunction(facts, resolver, file, callee.m, callee.n)
        : callee.k === 'prop' && whole?.k === 'imp' && WHOLE_MODULE.has(whole.n) ? importedFunction(facts, resolver, file, whole.m, callee.n) : undefined;
      if (at) pushTo(out, `${at.file}\0${at.id}`, { file, name: d.name, line: d.line, col: d.col });
    }
  }
  return out;
}

/**
 * Is a change of this state made in a function that `maker` returns (or one made inside it), itself or as a member of the
 * object it returns (`return function rateLimit(req, res, next) { … }`, `return { hit(key) { … } }`)? Only then does the
 * state outlive the call: a callback a function gives a stream it reads (`stream.on('data', (c) => chunks.push(c))`)
 * changes that call's.
 */
function changedByReturned(f: FileFacts | undefined, maker: string, muts: Target['muts']): boolean {
  const made = f?.functions[maker];
  if (!f || !made) return false;
  const returned = new Set<string>();
  for (const r of made.ret) {
    const v = r.k === 'bound' ? r.v : r;
    if (v.k === 'fn') returned.add(v.id);
    else if (v.k === 'obj') for (const p of Object.values(v.p)) if (p.k === 'fn') returned.add(p.id);
  }
  return muts.some(({ m, file }) => file === f.file && madeInOneOf(f, m.fn, maker, returned));
}

/** Is function `fn`, or one it is written in below `maker`, among `ids` (a function `maker` returns or registers)? */
function madeInOneOf(f: FileFacts, fn: string | undefined, maker: string, ids: ReadonlySet<string>): boolean {
  for (let at = fn, d = 0; at !== undefined && at !== maker && d < 20; at = f.functions[at]?.parent, d++) if (ids.has(at)) return true;
  return false;
}

/**
 * Is a change of this state made in a request handler written inside `maker` and registered on what `maker` returns
 * (`module.exports = function (io) { const driverLocations = {}; router.post('/location', (req, res) => {
 * driverLocations[id] = … }); return router; }`, called once while the server starts)? The router keeps the handler, and
 * the handler the local, for as long as the process runs. A callback given to a stream the function reads
 * (`process.stdin.on('data', …)`) is given to nothing it hands out.
 */
function changedByHandlers(f: FileFacts | undefined, maker: string, muts: Target['muts'], phases: Phases): boolean {
  const made = f?.functions[maker];
  if (!f || !made) return false;
  // (a local is `f0:router` where its value is kept, `router` where it is named)
  const nameOf = (v: Val): string | undefined => {
    const n = v.k === 'ref' || v.k === 'bound' ? v.n : undefined;
    return n === undefined ? undefined : n.slice(n.indexOf(':') + 1);
  };
  const returned = new Set(made.ret.map(nameOf).filter((n): n is string => n !== undefined));
  if (returned.size === 0) return false;
  // the functions of `maker` given to a call on what it returns (`router.post(path, handler)`)
  const registered = new Set<string>();
  for (const u of f.uses) {
    if (u.fn !== maker) continue;
    for (const call of chainCalls(u.v)) {
      let o: Val = call.f;
      for (let d = 0; d < 6 && (o.k === 'prop' || o.k === 'call'); d++) o = o.k === 'prop' ? o.o : o.f;
      const root = nameOf(o);
      if (root !== undefined && returned.has(root)) for (const a of call.a) if (a.k === 'fn') registered.add(a.id);
    }
  }
  return muts.some(({ m, file }) => {
    if (file !== f.file || m.fn === undefined || !madeInOneOf(f, m.fn, maker, registered)) return false;
    const p = phases.of(file, m.fn);
    return p.at === 'request' && p.confidence !== 'low';
  });
}

/** A field of one instance (or a member of the object a module exports), and which instance or object it is of. */
interface Member {
  key: string;
  field: string;
  exported?: true;
  /** A module binding grouped with the others of its module that the same function changes. */
  together?: true;
}

/**
 * The fields of one instance that request code changes (a status cache's `monitors`, `heartbeats` and
 * `certificates` Maps) are one place of state: one report, at the field the rule is surest of (a rate limit,
 * session or cache before plain state, then the first line), with the other fields as its `also` places.
 * Notes (low confidence) stay apart: they are hidden, and one must not hide or raise another.
 */
function oneReportPerInstance(out: FoundHazard[], byInstance: ReadonlyMap<FoundHazard, Member>): FoundHazard[] {
  const groups = new Map<string, FoundHazard[]>();
  for (const h of out) {
    const g = byInstance.get(h);
    if (g && h.confidence !== 'low') pushTo(groups, g.key, h);
  }
  const merged = new Map<FoundHazard, FoundHazard | undefined>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => RANK[b.confidence ?? 'high'] - RANK[a.confidence ?? 'high'] || Number(a.kind === 'module-mutable-state') - Number(b.kind === 'module-mutable-state') || a.line - b.line);
    const [first, ...rest] = list;
    const fields = rest.map((h) => `\`${byInstance.get(h)!.field}\` (line ${h.line})`);
    const { intro, each } = groupWords(byInstance.get(first)!, rest.length);
    merged.set(first, {
      ...first,
      message: `${first.message} ${intro}: ${fields.join(', ')}.`,
      evidence: [...(first.evidence ?? []), ...rest.map((h) => ({ file: h.file, line: h.line, what: `\`${byInstance.get(h)!.field}\`, ${each}, changes too` }))],
      also: [...(first.also ?? []), ...rest.flatMap((h) => [{ file: h.file, line: h.line, column: h.column }, ...(h.also ?? [])])],
    });
    for (const h of rest) merged.set(h, undefined);
  }
  return merged.size === 0 ? out : out.flatMap((h) => (merged.has(h) ? (merged.get(h) ? [merged.get(h)!] : []) : [h]));
}

/** How a grouped report names the others: of one instance, of the object a module exports, or changed by the same code. */
function groupWords(m: Member, others: number): { intro: string; each: string } {
  if (m.together) return { intro: `The same code changes ${others === 1 ? 'another value' : `${others} other values`} of this module`, each: 'changed by the same code' };
  const [whole, part] = m.exported ? ['object the module exports', 'member'] : ['instance', 'field'];
  return { intro: `The same ${whole} keeps ${others === 1 ? `another ${part}` : `${others} other ${part}s`} that requests change`, each: `another ${part} of the same ${whole}` };
}

/** The collection a binding or field made with `new` is, when its class extends one (or a library's class is one). */
function collectionInit(t: Target, facts: ReadonlyMap<string, FileFacts>, evaluator: Evaluator): 'map' | 'set' | 'array' | undefined {
  if (t.decl.init !== 'new') return undefined;
  const f = facts.get(t.file);
  const hash = t.decl.name.indexOf('#');
  const v = hash >= 0 ? f?.classes[t.decl.name.slice(0, hash)]?.fields[t.decl.name.slice(hash + 1)] : f?.bindings[t.decl.name];
  if (v?.k !== 'new') return undefined;
  const callee = v.f.k === 'ref' ? f?.bindings[v.f.n] ?? v.f : v.f;
  // `import { Collection } from 'discord.js'`, `const { Collection } = require('discord.js')`
  const named = callee.k === 'imp' ? callee : callee.k === 'prop' && callee.o.k === 'imp' && (callee.o.n === '*' || callee.o.n === 'default') ? { m: callee.o.m, n: callee.n } : undefined;
  const known = named && COLLECTION_CLASSES[named.m]?.[named.n];
  if (known) return known;
  let made = evaluator.valueOf(v.f, t.file);
  for (let depth = 0; made?.t === 'cls' && depth < 6; depth++) {
    const cls: ClassFact | undefined = facts.get(made.file)?.classes[made.id];
    if (cls?.coll) return cls.coll;
    made = cls?.ext ? evaluator.valueOf(cls.ext, made.file) : undefined;
  }
  return undefined;
}

/** Removals: what takes a handle out again (`clearTimeout(timeouts.get(k)); timeouts.delete(k)`). */
const REMOVALS = new Set(['delete', 'clear', 'pop', 'shift', 'splice']);

/** The changes that put a value into the state (`set`, `add`, `push`, `obj[k] = v`), not those that take one out. */
function putsOf<T extends { m: MutationFact }>(muts: readonly T[]): T[] {
  return muts.filter(({ m }) => (m.how === 'method' && !REMOVALS.has(m.method ?? '')) || m.how === 'property');
}

/**
 * A collection of work in flight: each function that puts an entry in (`inFlight.set(key, promise)`) takes it out again in
 * a callback it gives the promise's settlement (`promise.finally(() => inFlight.delete(key))`). An entry lives only while
 * its fetch runs, to share it with concurrent callers; another replica fetches for itself, and nothing is kept.
 */
function holdsOnlyInFlight(muts: ReadonlyArray<{ m: MutationFact; file: string }>, facts: ReadonlyMap<string, FileFacts>): boolean {
  const puts = putsOf(muts);
  const settled = new Set(muts.filter(({ m, file }) => m.how === 'method' && m.method === 'delete' && m.fn !== undefined &&
    /^\((finally|then)\)$/.test(facts.get(file)?.functions[m.fn]?.name ?? '')).map(({ m, file }) => `${file}\0${facts.get(file)?.functions[m.fn!]?.parent}`));
  return puts.length > 0 && puts.every(({ m, file }) => m.fn !== undefined && settled.has(`${file}\0${m.fn}`));
}

/** Every value put into the state is a timer's handle (and there is at least one). */
function holdsOnlyTimers(muts: ReadonlyArray<{ m: MutationFact }>): boolean {
  const puts = putsOf(muts);
  return puts.length > 0 && puts.every(({ m }) => m.timer);
}

/**
 * The kind from what the code does with the state, a name only confirming it: counters changed in code
 * that reads the clock are a rate limit (hits in a window); values kept with an expiry, or store reads
 * memoised, are a cache; session objects by name, since nothing else tells them apart.
 */
function kindOf(t: Target, real: ReadonlyArray<{ m: MutationFact; file: string }>, facts: ReadonlyMap<string, FileFacts>, name: string): HazardKind {
  const fnOf = (x: { m: MutationFact; file: string }) => (x.m.fn ? facts.get(x.file)?.functions[x.m.fn] : undefined);
  const clock = t.muts.some((x) => x.m.clock || fnOf(x)?.clock);
  // `hits[ip]++`, `n += 1`, or `m.set(k, m.get(k) + 1)`: a set of a value read in the same function, not a fill-if-absent
  const counter = real.some((x) => x.m.how === 'update' || x.m.count || (x.m.method === 'set' && !x.m.memo && (fnOf(x)?.reads ?? []).includes(t.decl.name)));
  const keyed = t.decl.init === 'map' || t.decl.init === 'object';
  if (/session/i.test(name) && keyed) return 'memory-session-store';
  if (counter && clock && keyed) return 'memory-rate-limit';
  // a value drawn at random and kept (`ids.set(board, uuidv4())`) is the only copy there is, not a cache of one
  if (real.some((x) => x.m.memo && !fnOf(x)?.random) || (clock && keyed && !counter)) return 'in-memory-cache';
  // `memo` but not the `memory` of a file named `in-memory.ts`
  if (/cache|memo(?!ry)/i.test(name) && keyed && !counter) return 'in-memory-cache';
  return 'module-mutable-state';
}

/**
 * Does this function read a store — itself, through functions of its file, or through a function it
 * imports (one hop)? Then a memo of it is a cache of store data.
 */
function readsStore(f: FileFacts, fn: string | undefined, ops: OpsByFile, facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver, work: Work): boolean {
  if (!fn) return false;
  const reads = (file: string, ids: ReadonlySet<string>) => {
    const list = ops.of(file);
    work.n += list.length;
    return list.some((o) => o.use.fn !== undefined && ids.has(o.use.fn) && o.access !== 'write' && o.kind !== 'env');
  };
  const inside = reach(f, [fn]);
  if (reads(f.file, inside)) return true;
  for (const id of inside) {
    for (const name of f.functions[id]?.calls ?? []) {
      const imp = f.imports.find((i) => i.local === name);
      const target = imp && importedFunction(facts, resolver, f.file, imp.module, imp.name);
      if (target && reads(target.file, reach(facts.get(target.file)!, [target.id]))) return true;
    }
  }
  return false;
}

function describeFunction(name: string | undefined): string {
  if (!name) return 'a function';
  const cb = /^\((\w+)\)$/.exec(name);
  return cb ? `the callback given to \`${cb[1]}\`` : `\`${name}\``;
}

/**
 * Module state a function changes through its parameter: `checkRateLimit(attempts, ip, 10)` where
 * `function checkRateLimit(map, key, max) { … map.set(key, …) }` (this file's, or one it imports) changes
 * `attempts`, at the call, in the caller.
 */
function handedToHelpers(file: string, f: FileFacts, facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver, work: Work): MutationFact[] {
  const out: MutationFact[] = [];
  // a call inside another's arguments (`res.json(remember(visits, name))`) is a use of its own
  const visit = (v: Val, fn: string, line: number, col: number): void => {
    if (v.k !== 'call') return;
    work.n++;
    if (!v.a.some((a) => a.k === 'ref')) return;
    const callee = helperFunction(file, f, v.f, facts, resolver);
    for (const pm of callee?.pmut ?? []) {
      const a = v.a[pm.i];
      if (a?.k !== 'ref' || !f.declared.some((d) => d.name === a.n)) continue;
      out.push({
        target: a.n, how: pm.how, ...(pm.method ? { method: pm.method } : {}), line, col, fn,
        ...(pm.count ? { count: 1 as const } : {}), ...(callee?.clock ? { clock: 1 as const } : {}),
      });
    }
  };
  for (const u of f.uses) if (u.fn !== undefined) visit(u.v, u.fn, u.line, u.col);
  return out;
}

/** The workspace function a callee names: a function of this file, or one an import names. */
function helperFunction(file: string, f: FileFacts, callee: Val, facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver): FunctionFact | undefined {
  if (callee.k === 'fn') return f.functions[callee.id];
  let imp: { m: string; n: string } | undefined = callee.k === 'imp' ? { m: callee.m, n: callee.n } : undefined;
  if (callee.k === 'ref') {
    const b = f.bindings[callee.n];
    if (b?.k === 'fn') return f.functions[b.id];
    const i = f.imports.find((x) => x.local === callee.n);
    if (i) imp = { m: i.module, n: i.name };
  }
  return imp && importedFunction(facts, resolver, file, imp.m, imp.n)?.fn;
}

/**
 * The member of another class's one instance that a mutation changes through a field the constructor receives typed by
 * that class (`constructor(private readonly gateway: EventsGateway)` … `this.gateway.streams[room] = s`): where it is
 * declared, when that class is a singleton (a provider of the framework) that declares the member.
 */
function injectedState(file: string, f: FileFacts, m: MutationFact, facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver): { file: string; name: string; how: MutationHow } | undefined {
  const [clsId, field] = m.target.split('#');
  const sub = m.sub;
  const inj = sub && field ? injectedMember(f, { k: 'prop', o: { k: 'prop', o: { k: 'this', c: clsId }, n: field }, n: sub.n }) : undefined;
  const r = inj ? resolver.resolve(inj.spec, file) : undefined;
  if (!inj || !r || !('file' in r)) return undefined;
  const tf = facts.get(r.file);
  const e = tf?.exports.find((x) => x.name === inj.name);
  const v = e?.v?.k === 'ref' ? tf?.bindings[e.v.n] : e?.v;
  const id = v?.k === 'cls' ? v.id : Object.entries(tf?.classes ?? {}).find(([, c]) => c.name === inj.name)?.[0];
  const name = id !== undefined ? `${id}#${inj.member}` : undefined;
  return sub && tf && id !== undefined && name && isSingleton(tf, id) && tf.declared.some((d) => d.name === name) ? { file: r.file, name, how: sub.how } : undefined;
}

/** A class instantiated once at module level (`export default new Registry()`): its fields live as long as the process. */
function isSingleton(f: FileFacts, clsId: string): boolean {
  const cls = f.classes[clsId];
  if (!cls) return false;
  if (cls.single) return true;
  const isIt = (v: Val | undefined): boolean =>
    !!v && v.k === 'new' && ((v.f.k === 'cls' && v.f.id === clsId) || (v.f.k === 'ref' && v.f.n === cls.name));
  return Object.values(f.bindings).some(isIt) || f.exports.some((e) => isIt(e.v));
}

/**
 * Classes (`file\0classId`) every instance of which is made while the process starts: at module level or in
 * the constructor of another such class (`this.sessions = new SessionManager()` in the
 * server made once by the entry) (`load`), or in functions whose callers all run at start-up (`phase`). One
 * instance per process, like a module binding: what requests change in its fields, each replica keeps for itself.
 */
function longLivedClasses(facts: ReadonlyMap<string, FileFacts>, evaluator: Evaluator, phases: Phases): LongLived {
  const sites = new Map<string, Array<{ file: string; fn?: string; kept?: string; line: number; col: number }>>();
  const ctorOf = new Map<string, string>();
  for (const [file, f] of facts) {
    for (const [id, c] of Object.entries(f.classes)) if (c.init) ctorOf.set(`${file}\0${c.init}`, `${file}\0${id}`);
    for (const u of f.uses) {
      let v: Val = u.v;
      for (let i = 0; i < 8 && (v.k === 'prop' || v.k === 'call'); i++) v = v.k === 'prop' ? v.o : v.f;
      if (v.k !== 'new') continue;
      const t = evaluator.valueOf(v.f, file);
      if (t?.t !== 'cls') continue;
      // made once and kept in module state (`if (!repo) repo = new MemoryRepo()`, `Cls.instance ??= new Cls()`, or once
      // per key, `if (!managers[ns]) managers[ns] = new Manager()`): one per process (per key)
      const kept = u.fn !== undefined ? f.mutations.find((m) => m.fn === u.fn && (m.lazy || m.memo) && m.line <= u.line && u.line <= m.line + 2) : undefined;
      pushTo(sites, `${t.file}\0${t.id}`, { file, fn: u.fn, line: u.line, col: u.col, ...(kept ? { kept: kept.target } : {}) });
    }
  }
  const life = new Map<string, 'load' | 'phase'>();
  // constructors of classes found long-lived make theirs long-lived too: a few rounds reach any real depth
  const settle = (accepts: (s: { file: string; fn?: string; kept?: string }) => boolean, mark: 'load' | 'phase') => {
    for (let round = 0; round < 6; round++) {
      const before = life.size;
      for (const [key, list] of sites) if (!life.has(key) && list.every(accepts)) life.set(key, mark);
      if (life.size === before) break;
    }
  };
  // made while a module loads (at its top level, or in a function called where it is written there), or by the
  // constructor of a class itself made so: surely once per process, scalar fields included
  const atStart = (s: { file: string; fn?: string; kept?: string }) => {
    if (s.fn === undefined || s.kept || atLoad(facts.get(s.file), s.fn)) return true;
    const cls = ctorOf.get(`${s.file}\0${s.fn}`);
    return cls !== undefined && life.has(cls);
  };
  settle(atStart, 'load');
  // made only by functions that run at start-up as their callers show (`main()` → `Stores.from(config)` →
  // `new InMemoryStore(config)`), or by the constructor of a class made so: one instance per process too, as far as
  // callers can be followed (a constructor's own phase is start-up by its name, whoever makes the object)
  settle((s) => atStart(s) || (s.fn !== undefined && !ctorOf.has(`${s.file}\0${s.fn}`) && phases.of(s.file, s.fn).at === 'startup'), 'phase');
  // the one instance a module of another file makes and keeps in a binding (`const failedLogins = new CircularQueue(5)`):
  // the state is that binding's, wherever the class is written
  const held = new Map<string, HeldAt>();
  for (const [key, list] of sites) {
    const only = list.length === 1 ? list[0] : undefined;
    if (!only || !life.has(key) || only.file === key.slice(0, key.indexOf('\0'))) continue;
    // one instance per key, kept in another's container (`this.sockets[uid] = new UserSocket(uid)`): the state is the
    // container's, reported where the instances are kept (and not at all when the container is reported itself)
    if (only.kept !== undefined) {
      const bare = only.kept.slice(only.kept.indexOf('#') + 1);
      held.set(key, { file: only.file, line: only.line, col: only.col, name: bare, container: only.kept });
      continue;
    }
    if (only.fn !== undefined) continue;
    const d = facts.get(only.file)?.declared.find((x) => x.line === only.line && !x.name.includes('#') && !x.name.includes('.') && makerOf(x.name) === undefined);
    if (d) held.set(key, { file: only.file, line: d.line, col: d.col, name: d.name });
  }
  return { life, held };
}

/** Where the one instance of a class is kept: the module binding that holds it, in another file than the class. */
interface HeldAt {
  file: string;
  line: number;
  col: number;
  name: string;
  /** Kept once per key in this container (a binding or `clsId#field` of `file`), not in a binding of its own. */
  container?: string;
}

interface LongLived {
  /** Classes (`file\0classId`) whose every instance is made while the process starts. */
  life: Map<string, 'load' | 'phase'>;
  held: Map<string, HeldAt>;
}

/** Does function `id` run while its module loads: a function called where it is written, at the top level or in another such? */
function atLoad(f: FileFacts | undefined, id: string): boolean {
  for (let at: string | undefined = id, i = 0; i < 8; i++) {
    const fn: FunctionFact | undefined = at === undefined ? undefined : f?.functions[at];
    if (!fn || fn.name !== IIFE) return false;
    if (fn.parent === undefined) return true;
    at = fn.parent;
  }
  return false;
}

/**
 * A variable requests set to literal flags (`busy = true` … `false`) or count up and down (`inFlight++`,
 * `--`) is the process's bookkeeping of its own work: replicas differ in it by design. A counter only
 * counted up (`++calls`) is not: it hands its value out.
 */
function isBookkeeping(changes: ReadonlyArray<{ m: MutationFact; file: string }>): boolean {
  return changes.every(({ m }) => m.how === 'update' || m.count || m.lit) &&
    (changes.some(({ m }) => m.lit) || new Set(changes.map(({ m, file }) => `${file}:${m.line}`)).size >= 2);
}

/**
 * Who reads module state back: functions whose `refs` or `reads` name it, in its own file or, for an exported
 * binding, through the imports of other files. `read` when some function that runs after start-up (a handler,
 * a timer, what they call) does, or when reads cannot all be seen (a public field, a static, a module required
 * whole and read through an unknown member); `none` when nothing does. A timer that reads counts: a game loop
 * that pushes the world to its players answers them as much as a handler does.
 */
class Readers {
  private byName?: Map<string, string[]>;
  private importers?: Map<string, Array<{ file: string; local: string; name: string }>>;

  constructor(private readonly facts: ReadonlyMap<string, FileFacts>, private readonly resolver: ModuleResolver, private readonly phases: Phases, private readonly work: Work) {}

  readBack(file: string, decl: ModuleBindingFact): 'read' | 'none' {
    const member = decl.name.includes('#') || decl.name.includes('.');
    // a member other classes' code may read (`server.sessions`, `Settings.cache`) is read somewhere the facts do not show
    if (member && !decl.priv) return 'read';
    const sites: Array<[string, string]> = [[file, decl.name]];
    const exported = member ? [] : decl.cjs ? [decl.name] : (this.facts.get(file)?.exports ?? []).filter((e) => e.v?.k === 'ref' && e.v.n === decl.name).map((e) => e.name);
    if (exported.length > 0) {
      const importers = this.importersOf(file);
      // exported, and imported nowhere in the workspace: read by code the analysis does not see (a package's users)
      if (importers.length === 0) return 'read';
      for (const i of importers) {
        if (exported.includes(i.name)) sites.push([i.file, i.local]);
        else if (i.name === '*' || i.name === 'default') {
          for (const e of exported) sites.push([i.file, `${i.local}.${e}`]);
          // `const state = require('./state'); state.buffer…`: which member is read is not recorded
          if (this.index().has(`${i.file}\0${i.local}`)) return 'read';
        }
      }
    }
    for (const [at, name] of sites) {
      for (const fn of this.index().get(`${at}\0${name}`) ?? []) if (this.phases.of(at, fn).at === 'request') return 'read';
    }
    return 'none';
  }

  /** `file\0name` → the functions of that file that read `name` (refs and lookups). */
  private index(): Map<string, string[]> {
    if (this.byName) return this.byName;
    const out = new Map<string, string[]>();
    for (const [file, f] of this.facts) {
      for (const [id, fn] of Object.entries(f.functions)) {
        this.work.n += (fn.refs?.length ?? 0) + (fn.reads?.length ?? 0);
        for (const n of new Set([...(fn.refs ?? []), ...(fn.reads ?? [])])) pushTo(out, `${file}\0${n}`, id);
      }
    }
    return (this.byName = out);
  }

  /** The imports of `file` across the workspace: which file imports which of its exports under which local name. */
  private importersOf(file: string): Array<{ file: string; local: string; name: string }> {
    if (!this.importers) {
      this.importers = new Map();
      for (const [g, f] of this.facts) {
        this.work.n += f.imports.length;
        for (const i of f.imports) {
          if (!i.local || i.typeOnly) continue;
          const r = this.resolver.resolve(i.module, g);
          if (r && 'file' in r) pushTo(this.importers, r.file, { file: g, local: i.local, name: i.name });
        }
        for (const [local, v] of Object.entries(f.bindings)) {
          // `const state = require('./state')`, and `const { userList } = require('./models')`
          const imp = v.k === 'imp' ? { m: v.m, n: v.n } : v.k === 'prop' && v.o.k === 'imp' && v.o.n === '*' ? { m: v.o.m, n: v.n } : undefined;
          if (!imp) continue;
          const r = this.resolver.resolve(imp.m, g);
          if (r && 'file' in r) pushTo(this.importers, r.file, { file: g, local, name: imp.n });
        }
      }
    }
    return this.importers.get(file) ?? [];
  }
}

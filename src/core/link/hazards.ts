import type { HazardKind } from '../../catalog';
import type { FileFacts, ModuleBindingFact, MutationFact, UseFact, Val } from '../facts';
import { reach } from './calls';
import type { Evaluator } from './evaluate';
import { moduleStateMessage, type FoundHazard, type FoundOp } from './types';
import type { ModuleResolver } from './resolve';

const LOCK_NAMES = /lock|leader|mutex|acquire|advisory|elect|singleflight|semaphore/i;
/** Helpers for tests by convention: `__setCache`, `resetForTests`, `mockClock`. */
const TEST_ONLY_FN = /^__|ForTests?$|^(reset|mock|stub|clear)(ForTest|Mock|Stub|$)|^_?test[A-Z_]/;
const STARTUP_FN = /^(init|initialize|setup|set[Uu]p|configure|bootstrap|start|connect|install|main|boot|populate|prepare|warm|constructor$|create\w*(App|Server|Client)$)/;

/**
 * A scheduled callback (setInterval, cron) that writes state runs once per replica. One that only
 * reads, or that takes a lock first, is not a hazard.
 */
export function timerHazards(f: FileFacts, schedules: Array<{ id: string; use: UseFact; message: string }>, ops: readonly FoundOp[]): FoundHazard[] {
  const out: FoundHazard[] = [];
  for (const s of schedules) {
    const inside = reach(f, [s.id]);
    const fileOps = ops.filter((o) => o.file === f.file && o.use.fn !== undefined && inside.has(o.use.fn));
    const writes = fileOps.some((o) => o.access !== 'read' && o.kind !== 'env') || f.mutations.some((m) => m.fn !== undefined && inside.has(m.fn));
    const guarded = fileOps.some((o) => o.use.tx) || [...inside].some((id) => (f.functions[id]?.calls ?? []).some((c) => LOCK_NAMES.test(c)));
    if (writes && !guarded) out.push({ file: f.file, line: s.use.line, column: s.use.col, kind: 'per-replica-timer', message: s.message });
  }
  return out;
}

/**
 * Does this function read a store — itself, through functions of its file, or through a function it
 * imports (one hop)? Then a memo of it is a cache of store data.
 */
function readsStore(f: FileFacts, fn: string | undefined, ops: readonly FoundOp[], facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver): boolean {
  if (!fn) return false;
  const reads = (file: string, ids: Set<string>) => ops.some((o) => o.file === file && o.use.fn !== undefined && ids.has(o.use.fn) && o.access !== 'write' && o.kind !== 'env');
  const inside = reach(f, [fn]);
  if (reads(f.file, inside)) return true;
  for (const id of inside) {
    for (const name of f.functions[id]?.calls ?? []) {
      const imp = f.imports.find((i) => i.local === name);
      if (!imp) continue;
      const r = resolver.resolve(imp.module, f.file);
      if (!r || !('file' in r)) continue;
      const other = facts.get(r.file);
      const exp = other?.exports.find((e) => e.name === imp.name);
      const target = exp?.v?.k === 'fn' ? exp.v.id : exp?.v?.k === 'ref' && other?.bindings[exp.v.n]?.k === 'fn' ? (other.bindings[exp.v.n] as { id: string }).id : undefined;
      if (other && target && reads(r.file, reach(other, [target]))) return true;
    }
  }
  return false;
}

function kindFor(name: string): HazardKind {
  if (/session/i.test(name)) return 'memory-session-store';
  if (/rate|limit|throttl|attempt/i.test(name)) return 'memory-rate-limit';
  if (/cache|memo/i.test(name)) return 'in-memory-cache';
  return 'module-mutable-state';
}

const INIT_DESC: Record<string, string> = { map: 'a Map', set: 'a Set', array: 'an array', object: 'an object', primitive: 'a variable', none: 'a variable', other: 'a variable' };

/** A binding declared in a file, and the changes made to it from functions anywhere. */
interface Target {
  file: string;
  decl: ModuleBindingFact;
  muts: Array<{ m: MutationFact; file: string }>;
}

/**
 * Module-level state that functions change: Maps, Sets, arrays and objects mutated, `let`s counted up or
 * reassigned. Not hazards: constants never changed, lookup tables filled at load, handles assigned once
 * (lazily or at start-up), and bindings that hold a store client (those are store edges).
 */
export function moduleStateHazards(facts: ReadonlyMap<string, FileFacts>, evaluator: Evaluator, resolver: ModuleResolver, ops: readonly FoundOp[]): FoundHazard[] {
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
  const clientOps = new Set(ops.map((o) => `${o.file}:${o.line}:${o.column}`));
  // functions called while modules load (`allow(User, 'read', …)` at the top of a file) register, they do not serve requests
  const atLoad = new Set<string>();
  for (const f of facts.values()) {
    for (const u of f.uses) {
      if (!u.top || u.v.k !== 'call') continue;
      const callee = u.v.f;
      const name = callee.k === 'ref' || callee.k === 'prop' || callee.k === 'imp' ? callee.n : undefined;
      if (name) atLoad.add(name);
    }
  }
  for (const [file, f] of facts) {
    for (const m of f.mutations) {
      const imp = m.imp;
      if (imp) {
        const r = resolver.resolve(imp.m, file);
        if (!r || !('file' in r)) continue;
        const exp = facts.get(r.file)?.exports.find((e) => e.name === imp.n && e.v?.k === 'ref');
        if (exp?.v?.k === 'ref') add(r.file, exp.v.n, m, file);
      } else if (m.target.includes('#')) {
        const [clsId] = m.target.split('#');
        if (isSingleton(f, clsId)) add(file, m.target, m, file);
      } else {
        add(file, m.target, m, file);
      }
    }
  }
  const out: FoundHazard[] = [];
  for (const t of targets.values()) {
    const { decl } = t;
    const container = decl.init === 'map' || decl.init === 'set' || decl.init === 'array' || decl.init === 'object';
    const variable = (decl.decl === 'let' || decl.decl === 'var' || decl.decl === 'static' || decl.decl === 'field') && (decl.init === 'primitive' || decl.init === 'none' || decl.init === 'other');
    if (!container && !variable) continue;
    const bareName = decl.name.includes('#') ? decl.name.slice(decl.name.indexOf('#') + 1) : decl.name;
    const real = t.muts.filter(({ m, file }) => {
      const ff = facts.get(file);
      // the mutating function and the functions around it: a callback inside `init()` runs at start-up too
      for (let id = m.fn; id; id = ff?.functions[id]?.parent) {
        const fnName = ff?.functions[id]?.name.replace(/^.*\./, '') ?? '';
        if (STARTUP_FN.test(fnName) || atLoad.has(fnName) || TEST_ONLY_FN.test(fnName)) return false;
      }
      // memoisation of what the process computes itself (no store read feeds it) is the same on every replica
      if (m.memo && ff && !readsStore(ff, m.fn, ops, facts, resolver)) return false;
      // a registry of store clients (`limiters.set(path, new RateLimiterRedis(…))`) holds handles, not state
      if (m.value && evaluator.valueOf(m.value, file)?.t === 'client') return false;
      if (clientOps.has(`${file}:${m.line}:${m.col}`)) return false; // a store operation, not a Map
      if (container) return m.how !== 'assign' || !(m.lazy || m.handle);
      return m.how === 'update' || (m.how === 'assign' && !m.lazy && !m.handle) || m.how === 'property';
    });
    if (real.length === 0) continue;
    if (!decl.name.includes('#') && !decl.name.includes('.')) {
      const thing = evaluator.valueOf({ k: 'ref', n: decl.name } as Val, t.file);
      if (thing?.t === 'client') continue;
    }
    const first = real.find((r) => !r.m.via) ?? real[0];
    const fnName = describeFunction(first.m.fn ? facts.get(first.file)?.functions[first.m.fn]?.name : undefined);
    const where = first.file === t.file ? `line ${first.m.line}` : `${first.file}:${first.m.line}`;
    const subject = `\`${bareName}\` (${INIT_DESC[decl.init] ?? 'a value'} at module level) is changed by ${fnName} (${where})`;
    out.push({
      file: t.file, line: decl.line, column: decl.col, kind: kindFor(`${bareName} ${t.file.replace(/^.*\//, '')}`),
      message: moduleStateMessage(subject, 'replica'), moduleState: { subject },
    });
  }
  return out;
}

function describeFunction(name: string | undefined): string {
  if (!name) return 'a function';
  const cb = /^\((\w+)\)$/.exec(name);
  return cb ? `the callback given to \`${cb[1]}\`` : `\`${name}\``;
}

/** A class instantiated once at module level (`export default new Registry()`): its fields live as long as the process. */
function isSingleton(f: FileFacts, clsId: string): boolean {
  const cls = f.classes[clsId];
  if (!cls) return false;
  const isIt = (v: Val | undefined): boolean =>
    !!v && v.k === 'new' && ((v.f.k === 'cls' && v.f.id === clsId) || (v.f.k === 'ref' && v.f.n === cls.name));
  return Object.values(f.bindings).some(isIt) || f.exports.some((e) => isIt(e.v));
}

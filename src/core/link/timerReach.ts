// A timer's callback often writes nothing itself: it calls a function of another module that does
// (`setInterval(() => getEmails(), 10_000)`, where `getEmails` stores what it fetched). Every replica runs
// that timer, so the writes it reaches through imports are as much per-replica work as its own.
import type { FileFacts } from '../facts';
import { isLockName } from '../../catalog/names';
import { chainCalls, classNamed, exportedFunction, exportedFunctionIn, exportSite, functionsNamed, injectedMember, moduleMember, reach } from './calls';
import { racingWrite, takesFromQueue, type QuietTimer } from './hazards';
import type { ModuleResolver } from './resolve';
import type { EvidenceStep, FoundHazard, FoundOp, OpsByFile, Work } from './types';

/** How many modules away from the timer a write still counts. */
const MAX_HOPS = 3;

interface Callee {
  file: string;
  id: string;
  name: string;
}

/** Per-replica-timer hazards for timers whose callbacks reach writes in other files (through imports). */
export function timersAcrossFiles(quiet: readonly QuietTimer[], facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver, ops: OpsByFile, work: Work = { n: 0 }): FoundHazard[] {
  const out: FoundHazard[] = [];
  for (const t of quiet) {
    const f = facts.get(t.file);
    if (!f) continue;
    const found = follow(f, t, facts, resolver, ops, work);
    if (found) out.push({ file: t.file, line: t.line, column: t.column, kind: 'per-replica-timer', message: t.message, evidence: found, ...(t.startedIn !== undefined ? { startedIn: t.startedIn } : {}) });
  }
  return out;
}

/** The path to the first write the timer's callback reaches in another module, or undefined (none, or guarded by a lock). */
function follow(f: FileFacts, t: QuietTimer, facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver, ops: OpsByFile, work: Work): EvidenceStep[] | undefined {
  // `read`: records were read on the way (a store's documents, handed on to be saved: `await user.save()` of a parameter)
  type At = { f: FileFacts; ids: ReadonlySet<string>; path: EvidenceStep[]; read: boolean };
  const seen = new Set<string>();
  /** A function of another module the timer reaches: the path to its first write, 'stop' (a lock or a transaction), or where to go on from. */
  const enter = (file: string, id: string, path: EvidenceStep[], what: string, read: boolean): EvidenceStep[] | 'stop' | At => {
    const tf = facts.get(file)!;
    const ids = reach(tf, [id]);
    work.n += ids.size;
    if ([...ids].some((x) => (tf.functions[x]?.calls ?? []).some(isLockName))) return 'stop';
    const to = [...path, { file, line: tf.functions[id]?.line ?? 1, what }];
    const inside = opsIn(ids, ops.of(file));
    const write = firstWrite(tf, ids, inside, read);
    if (write === 'tx') return 'stop';
    return write ? [...to, write] : { f: tf, ids, path: to, read: read || readsIn(inside) };
  };
  const timer: EvidenceStep = { file: t.file, line: t.line, what: 'the timer: every replica runs it' };
  let frontier: At[];
  if (t.callee) {
    // the callback is another module's function: its own writes first, then what it calls
    const { file, id } = t.callee;
    if (!facts.has(file)) return undefined;
    seen.add(`${file}\0${id}`);
    const r = enter(file, id, [timer], `runs \`${facts.get(file)!.functions[id]?.name || 'a function'}\` (${file})`, false);
    if (r === 'stop') return undefined;
    if (Array.isArray(r)) return r;
    frontier = [r];
  } else {
    seen.add(`${t.file}\0${t.id}`);
    const ids = reach(f, [t.id]);
    frontier = [{ f, ids, path: [timer], read: readsIn(opsIn(ids, ops.of(t.file))) }];
  }
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const next: At[] = [];
    for (const at of frontier) {
      for (const c of calleesOut(at.f, at.ids, facts, resolver)) {
        const key = `${c.file}\0${c.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const r = enter(c.file, c.id, at.path, `calls \`${c.name}\` (${c.file})`, at.read);
        if (r === 'stop') return undefined;
        if (Array.isArray(r)) return r;
        next.push(r);
      }
    }
    frontier = next;
  }
  return undefined;
}

/** The operations of a file made in the functions `ids`. */
function opsIn(ids: ReadonlySet<string>, fileOps: readonly FoundOp[]): FoundOp[] {
  return fileOps.filter((o) => o.use.fn !== undefined && ids.has(o.use.fn));
}

/**
 * The first write among `inside`, the operations of the functions `ids` of file `f`, that other replicas share (a store
 * operation), or, once records were read on the way (`recordsRead`), a record a function is given and saves (`await user.save()`).
 */
function firstWrite(f: FileFacts, ids: ReadonlySet<string>, inside: readonly FoundOp[], recordsRead = false): EvidenceStep | 'tx' | undefined {
  const op = inside.find(racingWrite);
  if (op && inside.some((o) => o.use.tx && !o.use.inProcessLock)) return 'tx';
  // items taken atomically from a shared queue (`LPOP`) before any write, here or further on: replicas split the work
  if (inside.some(takesFromQueue)) return 'tx';
  if (op) return { file: op.file, line: op.line, what: `writes ${op.kind} (\`${op.operation}\`)` };
  return recordsRead ? savedParameter(f, ids) : undefined;
}

/** Does one of these operations read a store? */
function readsIn(inside: readonly FoundOp[]): boolean {
  return inside.some((o) => o.access !== 'write');
}

/** Where one of the functions `ids` saves a record it is given as a parameter (`user.save()`), an active record's write. */
function savedParameter(f: FileFacts, ids: ReadonlySet<string>): EvidenceStep | undefined {
  for (const id of ids) {
    const fn = f.functions[id];
    const saved = fn?.psaved?.[0];
    if (fn && saved) return { file: f.file, line: saved.line, what: `saves the record it is given (\`${fn.params?.[saved.i] ?? 'a record'}.save()\`)` };
  }
  return undefined;
}

/** Functions of other workspace files that the functions `ids` of `f` call through imports. */
function calleesOut(f: FileFacts, ids: ReadonlySet<string>, facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver): Callee[] {
  const out: Callee[] = [];
  const add = (spec: string, name: string, member?: string) => {
    const r = resolver.resolve(spec, f.file);
    if (!r || !('file' in r)) return;
    // (a member of what a module exports whole is named alone: `saveContractDetails`, not `=.saveContractDetails`)
    const shown = member === undefined ? name : name === '=' || name === 'default' ? member : `${name}.${member}`;
    const tf = facts.get(r.file);
    // (`service.save()` of `import service from './service'`: a member of what the module exports, or of its default object)
    const id = member === undefined ? exportedFunction(tf, name) ?? instanceMethod(tf, name) ?? exportedMethod(tf, 'default', name) : exportedMethod(tf, name, member);
    if (id !== undefined) {
      out.push({ file: r.file, id, name: shown });
      return;
    }
    // through re-exports: `export { save } from './store'`, or a namespace (`export * as board from './board'`, called
    // as `board.save()`) whose member is the function
    const site = exportSite(facts, resolver, r.file, name);
    if (!site) return;
    const fn = 'ns' in site
      ? (member !== undefined ? exportedFunctionIn(facts, resolver, site.file, member) : undefined)
      : member === undefined ? exportedFunctionIn(facts, resolver, site.file, site.name) : undefined;
    if (fn) out.push({ file: fn.file, id: fn.id, name: shown });
  };
  for (const id of ids) {
    for (const name of f.functions[id]?.calls ?? []) {
      const imp = f.imports.find((i) => i.local === name && i.name !== '*');
      const bound = f.bindings[name];
      if (imp) add(imp.module, imp.name);
      // `const { getEmails } = require('./imap')`
      else if (bound?.k === 'prop' && bound.o.k === 'imp' && bound.o.n === '*') add(bound.o.m, bound.n);
    }
  }
  for (const u of f.uses) {
    if (u.fn === undefined || !ids.has(u.fn)) continue;
    for (const call of chainCalls(u.v)) {
      const mod = moduleMember(f, call.f) ?? injectedMember(f, call.f);
      if (mod) add(mod.spec, mod.name, mod.member);
    }
  }
  return out;
}

/** A method of the instance a module exports whole (`module.exports = new RequestService()`). */
function instanceMethod(f: FileFacts | undefined, member: string): string | undefined {
  const whole = f?.exports.find((e) => e.name === '=' || e.name === 'default')?.v;
  const made = whole?.k === 'ref' ? f?.bindings[whole.n] : whole;
  return made?.k === 'new' ? classNamed(f, made.f)?.methods[member] : undefined;
}

/** The function id of method `member` of the class a file exports under `name`, or of the instance it exports under it (`export const tenants = new TenantStore()`). */
function exportedMethod(f: FileFacts | undefined, name: string, member: string): string | undefined {
  const v = f?.exports.find((e) => e.name === name)?.v;
  const b = v?.k === 'ref' ? f?.bindings[v.n] : v;
  // an object of the module's functions (`export default { addPurchase, checkLevels }`)
  if (b?.k === 'obj') {
    const m = b.p[member];
    const fn = m?.k === 'ref' ? f?.bindings[m.n] : m;
    if (fn?.k === 'fn') return fn.id;
    // (a function declaration is no binding: `async function checkLevels() { … }`)
    return m?.k === 'ref' && f ? functionsNamed(f, m.n).find((id) => f.functions[id]?.parent === undefined) : undefined;
  }
  const cls = b?.k === 'new' ? classNamed(f, b.f) : b?.k === 'cls' ? f?.classes[b.id] : v ? classNamed(f, v) : undefined;
  return cls?.methods[member];
}

// Calls as the facts record them: the calls along one chained expression, and the functions of a file
// that one function reaches. Shared by forwarding, hazards and the model (calls into other services).
import type { ClassFact, FileFacts, FunctionFact, Val } from '../facts';
import type { ModuleResolver } from './resolve';
import { pushTo } from '../grouping';

/**
 * The calls of a chain, outermost first: `db.query(…).then(…)` gives `.then(…)`, then `db.query(…)`.
 * `throughLocals`: also into a local's value (`const q = db.query(…); q.then(…)`).
 */
export function* chainCalls(v: Val, throughLocals = false): Generator<Extract<Val, { k: 'call' }>> {
  for (let cur: Val | undefined = v; cur; ) {
    if (throughLocals && cur.k === 'bound') {
      cur = cur.v;
      continue;
    }
    if (cur.k !== 'call') return;
    yield cur;
    cur = cur.f.k === 'prop' ? cur.f.o : undefined;
  }
}

/** The function ids a callback runs: itself, functions nested in it, and this file's functions it calls by name. Shared: never change it. */
export function reach(f: FileFacts, roots: readonly string[]): ReadonlySet<string> {
  const idx = functionIndex(f);
  if (roots.length === 1) {
    const kept = idx.reached.get(roots[0]);
    if (kept) return kept;
  }
  const out = new Set<string>();
  const queue = [...roots];
  for (let i = 0; i < queue.length && out.size < 200; i++) {
    const id = queue[i];
    if (out.has(id)) continue;
    out.add(id);
    for (const child of idx.children.get(id) ?? []) if (!out.has(child)) queue.push(child);
    for (const name of f.functions[id]?.calls ?? []) for (const callee of idx.byName.get(name) ?? []) if (!out.has(callee)) queue.push(callee);
  }
  if (roots.length === 1) idx.reached.set(roots[0], out);
  return out;
}

interface FunctionIndex {
  /** Functions by their short name (`save` of `Repo.save`). */
  byName: Map<string, string[]>;
  /** Functions by the names of this file's functions they call (`FunctionFact.calls`), in the file's order. */
  callers: Map<string, string[]>;
  /** Functions by the function they are written in. */
  children: Map<string, string[]>;
  /** What each function reaches, once asked. */
  reached: Map<string, ReadonlySet<string>>;
}

/** Facts are never changed once made: each file's functions are indexed once, however many rules and relinks ask. */
const functionIndexes = new WeakMap<FileFacts, FunctionIndex>();

function functionIndex(f: FileFacts): FunctionIndex {
  let idx = functionIndexes.get(f);
  if (idx) return idx;
  idx = { byName: new Map(), callers: new Map(), children: new Map(), reached: new Map() };
  for (const [id, fn] of Object.entries(f.functions)) {
    pushTo(idx.byName, fn.name.replace(/^.*\./, ''), id);
    for (const name of fn.calls ?? []) pushTo(idx.callers, name, id);
    if (fn.parent !== undefined) pushTo(idx.children, fn.parent, id);
  }
  functionIndexes.set(f, idx);
  return idx;
}

/** The functions of a file that call one of its functions by this name (`save()`, `this.save()`), in the file's order. Shared: never change it. */
export function callersNamed(f: FileFacts, name: string): readonly string[] {
  return functionIndex(f).callers.get(name) ?? [];
}

/** The functions of a file whose name is exactly `name` (`Repo.save` or `save`). */
export function functionsNamed(f: FileFacts, name: string): string[] {
  return (functionIndex(f).byName.get(name.replace(/^.*\./, '')) ?? []).filter((id) => f.functions[id]?.name === name);
}

/** The value a file exports under `name`, through the module binding it names (`export const x = …`, `export { x }`). */
export function exportedValue(f: FileFacts | undefined, name: string): Val | undefined {
  const v = f?.exports.find((e) => e.name === name)?.v;
  return v?.k === 'ref' ? f?.bindings[v.n] : v;
}

/**
 * The function id a file exports under `name` (`export function`, `export const x = () =>`, `exports.x = function`, and
 * one written with its type, `export const x: RequestHandler = async (req, res) =>`); none when a choice made while the
 * module loads exports one of several.
 */
export function exportedFunction(f: FileFacts | undefined, name: string): string | undefined {
  const ids = exportedFunctions(f, name);
  return ids.length === 1 ? ids[0] : undefined;
}

/**
 * The functions a file exports under `name`: the one it exports, or each that a choice made while the module loads may
 * export (`module.exports = redis ? redisCache : memoryCache`): a caller of the export calls one of them.
 */
export function exportedFunctions(f: FileFacts | undefined, name: string): string[] {
  return functionsOf(f, exportedValue(f, name));
}

/** The functions an exported value (as `exportedValue` resolves it) is: itself, or each branch of a choice. */
export function functionsOf(f: FileFacts | undefined, v: Val | undefined): string[] {
  if (v?.k === 'fn') return [v.id];
  if (v?.k !== 'or') return [];
  const out: string[] = [];
  for (const x of v.v) {
    const b = x.k === 'ref' ? f?.bindings[x.n] : x;
    if (b?.k === 'fn') out.push(b.id);
  }
  return out;
}

/** The workspace function an import of `file` names (`import { save } from './store'`): where it is written, if it is one. */
export function importedFunction(
  facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver, file: string, spec: string, name: string,
): { file: string; id: string; fn: FunctionFact } | undefined {
  const r = resolver.resolve(spec, file);
  return r && 'file' in r ? exportedFunctionIn(facts, resolver, r.file, name) : undefined;
}

/** The workspace function `file` exports under `name`, where it is written (through re-exports: `export { save } from './store'`). */
export function exportedFunctionIn(
  facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver, file: string, name: string,
): { file: string; id: string; fn: FunctionFact } | undefined {
  let at: { file: string; name: string } = { file, name };
  let id = exportedFunction(facts.get(file), name);
  if (id === undefined) {
    const site = exportSite(facts, resolver, file, name);
    if (!site || 'ns' in site) return undefined;
    at = site;
    id = exportedFunction(facts.get(at.file), at.name);
  }
  const fn = id === undefined ? undefined : facts.get(at.file)?.functions[id];
  return fn && id !== undefined ? { file: at.file, id, fn } : undefined;
}

/**
 * Where a file's export `name` is written, through re-exports (`export { save } from './store'`, `export * from
 * './store'`): that file and the name there; for a namespace re-export (`export * as orders from './orders'`), the
 * module it names, whose members are the namespace's.
 */
export function exportSite(
  facts: ReadonlyMap<string, FileFacts>, resolver: ModuleResolver, file: string, name: string, depth = 0,
): { file: string; name: string } | { file: string; ns: true } | undefined {
  const f = facts.get(file);
  if (!f || depth > 8) return undefined;
  const e = f.exports.find((x) => x.name === name);
  if (e?.v) return { file, name };
  const into = (spec: string) => {
    const r = resolver.resolve(spec, file);
    return r && 'file' in r ? r.file : undefined;
  };
  if (e?.from) {
    const target = into(e.from);
    if (target === undefined) return undefined;
    return e.imported === '*' ? { file: target, ns: true } : exportSite(facts, resolver, target, e.imported ?? name, depth + 1);
  }
  for (const star of f.exports) {
    const target = star.name === '*' && star.from ? into(star.from) : undefined;
    const hit = target !== undefined ? exportSite(facts, resolver, target, name, depth + 1) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

/**
 * `this.orders.place()` where `orders` is a field the class's constructor receives typed by an imported class
 * (`constructor(private readonly orders: OrdersService)`, how NestJS, Angular, TypeDI and tsyringe inject),
 * or a field made with `new` of one: that class's method, as the import names it.
 */
export function injectedMember(f: FileFacts, v: Val): { spec: string; name: string; member: string } | undefined {
  if (v.k !== 'prop' || v.o.k !== 'prop' || v.o.o.k !== 'this') return undefined;
  const field = f.classes[v.o.o.c]?.fields[v.o.n];
  const cls = field && classImport(f, field, 0);
  return cls ? { spec: cls.m, name: cls.n, member: v.n } : undefined;
}

/**
 * The imported class a field's value or declared type names; `n` is `*` for a class a module exports whole
 * (`this.sessions = new SessionManager()` with `const SessionManager = require('./SessionManager')`).
 */
function classImport(f: FileFacts, v: Val, depth: number): { m: string; n: string } | undefined {
  if (depth > 3) return undefined;
  switch (v.k) {
    case 'imp':
      return v.n === '*' && depth === 0 ? undefined : v;
    case 'ref': {
      const b = f.bindings[v.n];
      return b && b.k !== 'ref' ? classImport(f, b, depth + 1) : undefined;
    }
    case 'param':
      return v.t ? classImport(f, v.t, depth + 1) : undefined;
    case 'type':
    case 'bound':
      return classImport(f, v.k === 'type' ? v.t : v.v, depth + 1);
    case 'new':
      return classImport(f, v.f, depth + 1);
    case 'or':
      for (const x of v.v) {
        const c = classImport(f, x, depth + 1);
        if (c) return c;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** `ns.fn` where `ns` is a namespace or CommonJS import (`import * as ns`, `const ns = require('./x')`). */
export function moduleMember(f: FileFacts, v: Val): { spec: string; name: string; member?: string } | undefined {
  if (v.k !== 'prop') return undefined;
  let o: Val | undefined = v.o.k === 'ref' ? f.bindings[v.o.n] : v.o.k === 'bound' ? v.o.v : v.o;
  // `new Tasks().handleTasks()`: a method of a fresh instance of an imported class, or of one a module-level binding
  // holds (`const contractService = new ContractService()`), the class a module exports whole (`module.exports =
  // ContractService`, required as `require('./contract.service')`) among them
  if (o?.k === 'new') {
    const c = o.f.k === 'ref' ? f.bindings[o.f.n] : o.f;
    return c?.k === 'imp' ? { spec: c.m, name: c.n === '*' ? '=' : c.n, member: v.n } : undefined;
  }
  // `cache.leaderboard.save()` of `import * as cache`: member `save` of what the module exports as `leaderboard` (a
  // namespace it re-exports, an object, a class)
  if (o?.k === 'prop' && !o.el) {
    const whole = o.o.k === 'ref' ? f.bindings[o.o.n] : o.o;
    return whole?.k === 'imp' && whole.n === '*' ? { spec: whole.m, name: o.n, member: v.n } : undefined;
  }
  if (o?.k !== 'imp') return undefined;
  // `ImapService.fetchEmails()`: a static method of an imported class
  return o.n === '*' || o.n === 'default' ? { spec: o.m, name: v.n } : { spec: o.m, name: o.n, member: v.n };
}

/** The name a callee is called by: `save` of `save(…)`, `repo.save(…)` or an imported `save`. */
export function calleeName(f: Val): string | undefined {
  return f.k === 'ref' || f.k === 'prop' || f.k === 'imp' || f.k === 'glob' ? f.n : undefined;
}

/** The class of this file a value names (`TenantStore`, or the class itself). */
export function classNamed(f: FileFacts | undefined, v: Val): ClassFact | undefined {
  return v.k === 'cls' ? f?.classes[v.id] : v.k === 'ref' ? Object.values(f?.classes ?? {}).find((c) => c.name === v.n) : undefined;
}


import { MAX_REFS, valNodes, type FileFacts, type Val } from '../facts';
import { exportedFunction, exportedValue, reach } from '../link/calls';

/** What of a loaded file may run: every function (`'all'`), or the functions reached from the names imported. */
export type Reached = 'all' | Set<string>;

/**
 * The files a process started from `roots` loads, and what of each may run. A loaded file's top level
 * runs; of its functions, those reached from the names other files import (a function, what it nests and
 * what it calls in its file), and the imports those functions refer to are followed with the names they
 * take. An import that no function of the file refers to (used at the top level, or re-exported) is
 * followed as soon as the file loads. An instance exported (`export default new Sink()`) runs its methods
 * only when called, and calls are followed by the model on their own. A file that exports something else
 * under a name imported (an object, a class), or that is imported whole (`import * as`, `require`, a side-effect import),
 * may run all of it. A barrel, a file that only re-exports, is followed only to the files that give the
 * names imported from it. Type-only imports load nothing.
 *
 * So `createPublicMcpApp` of a module that also holds `createAuthenticatedMcpApp` does not take in the
 * OAuth handler only the second one mounts.
 */
export function loadedFiles(
  roots: Iterable<string>, facts: ReadonlyMap<string, FileFacts>, specs: ReadonlyMap<string, ReadonlyMap<string, string>>,
): ReadonlyMap<string, Reached> {
  const start = [...roots];
  const key = start.join('\0');
  const kept = closures.get(key);
  // what the walk read is what it read before: every file it looked at has the same facts and resolved imports
  if (kept && kept.read.every(([file, f, s]) => facts.get(file) === f && specs.get(file) === s)) return kept.out;
  const read = new Map<string, [FileFacts | undefined, ReadonlyMap<string, string> | undefined]>();
  const out = walkLoaded(start, (file) => {
    const f = facts.get(file);
    if (!read.has(file)) read.set(file, [f, specs.get(file)]);
    return f;
  }, specs);
  closures.delete(key);
  closures.set(key, { read: [...read].map(([file, [f, s]]) => [file, f, s]), out });
  // a session's services, and a diff's two sides of them: the oldest walk goes first
  if (closures.size > MAX_CLOSURES) closures.delete(closures.keys().next().value!);
  return out;
}

/** Earlier walks by their roots, with what each read: a relink after an edit walks again only what the edit reached. */
const closures = new Map<string, { read: Array<[string, FileFacts | undefined, ReadonlyMap<string, string> | undefined]>; out: Map<string, Reached> }>();
const MAX_CLOSURES = 256;

function walkLoaded(roots: readonly string[], factsOf: (file: string) => FileFacts | undefined, specs: ReadonlyMap<string, ReadonlyMap<string, string>>): Map<string, Reached> {
  const out = new Map<string, Reached>();
  // names already followed through each barrel
  const through = new Map<string, Set<string>>();
  const queue: Array<[string, string]> = [];
  for (const r of roots) queue.push([r, '*']);
  const follow = (file: string, f: FileFacts, only?: ReadonlySet<string>) => {
    const resolved = specs.get(file);
    if (!resolved) return;
    const dropped = TYPESCRIPT.test(file);
    const exported = dropped ? reexported(f) : undefined;
    const reexports = f.exports.some((e) => e.from !== undefined) ? new Set(f.exports.map((e) => e.from)) : undefined;
    for (const imp of f.imports) {
      if (imp.typeOnly || (only && !only.has(imp.local))) continue;
      // TypeScript drops a named import no value refers to (one used only as a type)
      if (dropped && imp.local !== '' && !f.valueImports?.any.includes(imp.local) && !exported?.has(imp.module)) continue;
      const to = resolved.get(imp.module);
      // `export * from './x'`: the module loads, and only what its top level does runs (a name imported through
      // the re-export is followed there on its own); a `require` or a side-effect import may use all of it
      if (to !== undefined) queue.push([to, imp.local === '' && !imp.dynamic && reexports?.has(imp.module) ? LOAD : imp.name]);
    }
  };
  while (queue.length > 0) {
    const [file, name] = queue.pop()!;
    const f = factsOf(file);
    const was = out.get(file);
    if (!f || was === 'all') continue;
    // a name the file does not define itself is one it re-exports (`export * from`, `export { a } from`), or none of
    // its own: the file loads (its top level runs, unless it is only a barrel) and the name is followed on
    if (name !== '*' && name !== LOAD && f.exports.length > 0 && !definesExport(f, name)) {
      const seen = through.get(file) ?? new Set<string>();
      if (seen.has(name)) continue;
      seen.add(name);
      through.set(file, seen);
      if (!was) {
        out.set(file, new Set());
        if (!isBarrel(f)) follow(file, f, topLevelImports(f, file));
      }
      for (const e of f.exports) {
        // `export … from`, or `import { a } from './a'; export { a }`
        const [from, imported] = e.from !== undefined ? [e.from, e.imported] : e.v?.k === 'imp' ? [e.v.m, e.v.n] : [];
        const to = from === undefined ? undefined : specs.get(file)?.get(from);
        if (to === undefined) continue;
        // `export * from`: the name may be any of its files'; `export * as ns from`: the whole module
        if (e.name === '*') queue.push([to, name]);
        else if (e.name === name) queue.push([to, imported ?? name]);
      }
      continue;
    }
    const id = name === '*' || name === LOAD ? undefined : exportedFunction(f, name);
    // an instance (`export default new Sink()`): its methods run when called, and calls are followed on their own
    const reached = name === LOAD ? reach(f, topLevelFunctions(f)) : id !== undefined ? reach(f, [id]) : name !== '*' && exportedValue(f, name)?.k === 'new' ? new Set<string>() : undefined;
    const refs = reached && refsOf(f, reached);
    if (!reached || !refs) {
      out.set(file, 'all');
      follow(file, f);
      continue;
    }
    const fns = was ?? new Set<string>();
    if (!was) {
      out.set(file, fns);
      follow(file, f, topLevelImports(f, file));
    }
    let grew = false;
    for (const x of reached) {
      if (fns.has(x)) continue;
      fns.add(x);
      grew = true;
    }
    if (grew) follow(file, f, refs);
  }
  return out;
}

/** What a module loaded for its own sake is followed with: its top level, and the functions that gives or calls. */
const LOAD = '';

/**
 * The functions a file's top level hands on or calls (`app.get('/', handler)`, `main()`): what may run because
 * the module loaded, when nothing imports a name of it. A bounded look at its top-level uses.
 */
function topLevelFunctions(f: FileFacts): string[] {
  const kept = topFunctions.get(f);
  if (kept) return kept;
  const out = new Set<string>();
  for (const x of valNodes(f.uses.filter((u) => u.fn === undefined).map((u) => u.v), 2000)) {
    const fn = x.k === 'ref' ? f.bindings[x.n] : x;
    if (fn?.k === 'fn') out.add(fn.id);
  }
  const list = [...out];
  topFunctions.set(f, list);
  return list;
}

// Facts are never changed once made: every service's closure, on every relink, reads these once per extraction
const topFunctions = new WeakMap<FileFacts, string[]>();
const topImports = new WeakMap<FileFacts, ReadonlySet<string>>();

/** The names functions `ids` refer to (imports by their local name); undefined when one kept too many to list. */
function refsOf(f: FileFacts, ids: ReadonlySet<string>): Set<string> | undefined {
  const out = new Set<string>();
  for (const id of ids) {
    const refs = f.functions[id]?.refs ?? [];
    if (refs.length >= MAX_REFS) return undefined; // it kept no more: some may be missing
    for (const r of refs) out.add(r.replace(/\..*$/, ''));
  }
  return out;
}

/**
 * Imports the file's top level runs or hands on: side-effect imports, imports its top level refers to or
 * its top-level uses and module bindings are made of, and in JavaScript, imports nothing refers to (they
 * still load).
 */
function topLevelImports(f: FileFacts, file: string): ReadonlySet<string> {
  const kept = topImports.get(f);
  if (kept) return kept;
  const atTop = new Set<string>();
  for (const u of f.uses) if (u.fn === undefined) importsIn(u.v, atTop);
  for (const b of Object.values(f.bindings)) importsIn(b, atTop);
  const js = !TYPESCRIPT.test(file);
  const v = f.valueImports;
  const out = new Set(f.imports.filter((i) => i.local === '' || atTop.has(i.module) || v?.top.includes(i.local) || (js && !v?.any.includes(i.local))).map((i) => i.local));
  topImports.set(f, out);
  return out;
}

/** Files TypeScript compiles (and so drops imports only types use from). */
const TYPESCRIPT = /\.(ts|tsx|mts|cts)$/;

/** The modules of the imports a value is made of (a bounded look). */
function importsIn(v: Val, out: Set<string>): void {
  for (const x of valNodes([v], 200)) if (x.k === 'imp') out.add(x.m);
}

/**
 * The file exports `name` from its own code (not a re-export of another module's), or may: a whole-module
 * export (`module.exports = x`, `export =`) has whatever members its value has.
 */
function definesExport(f: FileFacts, name: string): boolean {
  return f.exports.some((e) => e.name === '=' || (e.name === '*' && e.v) || (e.name === name && e.from === undefined && e.v?.k !== 'imp'));
}

/** A file whose every export is a re-export (`export … from`, or an import exported again) and that has no code of its own. */
function isBarrel(f: FileFacts): boolean {
  return f.exports.length > 0 && f.exports.every((e) => e.from !== undefined || e.v?.k === 'imp') && f.uses.length === 0 &&
    Object.keys(f.functions).length === 0 && Object.keys(f.classes).length === 0;
}

/** Modules whose imports the file exports again (`import { a } from './a'; export { a }`): a value use. */
function reexported(f: FileFacts): Set<string> {
  const out = new Set<string>();
  for (const e of f.exports) if (e.v?.k === 'imp') out.add(e.v.m);
  return out;
}

import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import type { Val } from '../facts';
import { keptByClosure, type Binding } from './scope';
import { unwrap } from './syntax';
import type { WalkState } from './walkState';

/**
 * State targets: which module state an expression reaches. Module state is a module binding (`cache`),
 * a static field (`Cls.static`), an instance field (`c0#field`), or an imported binding; a local that
 * holds part of one (`const b = buckets.get(ip)`) reaches it too.
 */

export interface StateTarget {
  /** `cache`, `Cls.static`, `c0#field`. */
  name: string;
  /** The members between the state and the expression (`get()` for a map lookup, `[]` for an element). */
  path: string[];
  /** For an imported binding: the module and export it comes from. */
  imp?: { m: string; n: string };
  /** Reached through a local that holds part of it. */
  via?: boolean;
}

/** The root of an expression that reaches into state (`a` of `a.b[c].get(k)`), and the members between. */
export function chainRoot(target: ts.Expression): { root: ts.Expression; path: string[] } {
  let e = unwrap(target);
  const path: string[] = [];
  for (;;) {
    if (tsv.isPropertyAccessExpression(e)) { path.unshift(e.name.text); e = unwrap(e.expression); }
    else if (tsv.isElementAccessExpression(e)) { path.unshift('[]'); e = unwrap(e.expression); }
    else if (tsv.isCallExpression(e) && tsv.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'get') { path.unshift('get()'); e = unwrap(e.expression.expression); }
    else break;
  }
  return { root: e, path };
}

/** Does this module-level name hold a class (also one walked before its binding is recorded, from its own methods)? */
export function namesClass(w: WalkState, name: string): boolean {
  return w.facts.bindings[name]?.k === 'cls' || Object.values(w.facts.classes).some((c) => c.name === name);
}

/** The module state an expression reaches: `cache`, `Cls.static`, `c0#field`, or an imported binding. */
export function stateTarget(w: WalkState, target: ts.Expression): StateTarget | undefined {
  const { root: e, path } = chainRoot(target);
  if (tsv.isIdentifier(e)) {
    const b = w.scope.lookup(e.text);
    if (!b) {
      // `module.exports.userList.push(…)`, `exports.games[id] = …` in the module that exports them
      if (e.text === 'module' && path[0] === 'exports' && path.length >= 2 && path[1] !== '[]') return { name: path[1], path: path.slice(2) };
      if (e.text === 'exports' && path.length >= 1 && path[0] !== '[]') return { name: path[0], path: path.slice(1) };
      return undefined;
    }
    if (b.kind === 'local') {
      // a local of an enclosing function that this closure changes: the closure keeps it (see `Binding.state`)
      const kept = capturedState(w, b);
      if (kept) return { name: kept, path };
      // `const bucket = buckets.get(ip); bucket.count += 1` changes what `buckets` holds
      const through = valTarget(w, b.v);
      return through ? { ...through, path: [...through.path, ...path], via: true } : undefined;
    }
    if (b.kind === 'module') {
      // `const { userList } = require('./models')`, `const models = require('./models')`: the other module's state
      const bound = w.facts.bindings[e.text];
      if (bound?.k === 'prop' && bound.o.k === 'imp' && bound.o.n === '*' && !bound.o.m.startsWith('node:')) return { name: e.text, path, imp: { m: bound.o.m, n: bound.n } };
      if (bound?.k === 'imp' && bound.n === '*' && path.length > 0 && path[0] !== '[]' && !bound.m.startsWith('node:')) return { name: e.text, path, imp: { m: bound.m, n: path[0] } };
      // a class's static (`Settings.cacheList[k] = v`), also inside the class's own methods
      const cls = namesClass(w, e.text);
      return { name: cls && path.length > 0 && path[0] !== '[]' ? `${e.text}.${path[0]}` : e.text, path };
    }
    if (b.kind === 'import' && b.v.k === 'imp' && !b.v.m.startsWith('node:')) {
      return { name: e.text, path, imp: b.v.n === '*' && path.length > 0 ? { m: b.v.m, n: path[0] } : { m: b.v.m, n: b.v.n } };
    }
    return undefined;
  }
  if (e.kind === tsv.SyntaxKind.ThisKeyword && w.thisCls && path.length > 0 && path[0] !== '[]') {
    const cls = w.facts.classes[w.thisCls.id];
    return { name: w.thisCls.isStatic ? `${cls?.name ?? ''}.${path[0]}` : `${w.thisCls.id}#${path[0]}`, path };
  }
  return undefined;
}

/** The module state a local's value is a part of (`buckets.get(ip)`, `this.cache[key]`), if any. */
export function valTarget(w: WalkState, v: Val): Omit<StateTarget, 'via'> | undefined {
  if (v.k === 'or') {
    for (const x of v.v) {
      const t = valTarget(w, x);
      if (t) return t;
    }
    return undefined;
  }
  let cur: Val = v;
  const path: string[] = [];
  for (let i = 0; i < 8; i++) {
    // a part of what a closure keeps in its factory's local (`const f = failures[key]`, see `Binding.state`)
    const kept = cur.k === 'bound' ? cur.n : undefined;
    if (kept !== undefined && path.length > 0 && w.facts.declared.some((d) => d.name === kept)) return { name: kept, path };
    if (cur.k === 'bound') cur = cur.v;
    else if (cur.k === 'prop') { path.unshift(cur.n); cur = cur.o; }
    else if (cur.k === 'call' && cur.f.k === 'prop' && cur.f.n === 'get') { path.unshift('get()'); cur = cur.f.o; }
    else break;
  }
  if (path.length === 0) return undefined;
  if (cur.k === 'ref' && w.facts.bindings[cur.n]?.k === 'cls' && path[0] !== 'get()') return { name: `${cur.n}.${path[0]}`, path };
  if (cur.k === 'ref' && w.facts.declared.some((d) => d.name === cur.n)) return { name: cur.n, path };
  if (cur.k === 'this' && path[0] !== 'get()') return { name: `${cur.c}#${path[0]}`, path };
  return undefined;
}

/**
 * The name (`fnId:name`) of the state a closure reaches in a local of the function it is made in; its declaration is
 * recorded on first use. Undefined for the function's own locals and for locals that hold no state.
 */
export function capturedState(w: WalkState, b: Binding): string | undefined {
  if (!keptByClosure(b, w.fn)) return undefined;
  const { decl } = b.state;
  if (!w.facts.declared.some((d) => d.name === decl.name)) w.facts.declared.push(decl);
  return decl.name;
}

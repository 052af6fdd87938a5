import { mapChildren, type FunctionFact, type ModuleBindingFact, type Val } from '../facts';
import { CLIENTISH, HOLDERS } from '../../catalog/names';

export type BindingKind = 'module' | 'import' | 'local' | 'param';

export interface Binding {
  kind: BindingKind;
  /** For locals: `fnId:name`, the identity of what the local holds. */
  id?: string;
  /** What the name holds. For module bindings this is `{k:'ref'}`; the file's `bindings` holds the value. */
  v: Val;
  /** A local made from a timer (`const timeout = setTimeout(…)`): it holds the timer's handle. */
  timer?: true;
  /**
   * A function's local that holds state (a container, or a `let` of a primitive): when a function made inside it changes
   * it (`const hits = new Map(); return (req, res, next) => { hits.set(…) }`), the closure keeps it as long as the closure
   * lives. `fn` is the function that declares it; `decl` its fact, named `fnId:name`, recorded when a closure changes it.
   */
  state?: { fn: string; decl: ModuleBindingFact };
}

/** Is `b` a local of an enclosing function that holds state, seen from function `fn` (a closure made in it)? */
export function keptByClosure(b: Binding, fn: string | undefined): b is Binding & { state: NonNullable<Binding['state']> } {
  return b.kind === 'local' && b.state !== undefined && b.state.fn !== fn;
}

/**
 * A lexical scope: a light binder of our own, so that `redis` in a handler means the module's client
 * and not a parameter that shadows it, without asking TypeScript's checker.
 */
export class Scope {
  /** Made on the first declaration: most blocks declare nothing, and a Map per block is garbage. */
  private names: Map<string, Binding> | undefined;
  constructor(
    readonly parent: Scope | undefined,
    readonly isFunction: boolean,
  ) {}

  declare(name: string, binding: Binding): void {
    (this.names ??= new Map()).set(name, binding);
  }

  /**
   * Re-binds an existing name in the scope that declares it (a local `let` reassigned). Flow-blind on
   * purpose: the local may hold either value afterwards (`let b = map.get(k); if (!b) b = {…}`).
   */
  assign(name: string, v: Val): void {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.names?.get(name);
      if (b) {
        if (b.kind === 'local' && v.k !== 'x') b.v = b.v.k === 'x' ? v : { k: 'or', v: [...(b.v.k === 'or' ? b.v.v : [b.v]), v].slice(-4) };
        return;
      }
    }
  }

  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.names?.get(name);
      if (b) return b;
    }
    return undefined;
  }

  /** True when `name` resolves to the module scope (not shadowed by a local or parameter). */
  isModuleLevel(name: string): boolean {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      if (s.names?.has(name)) return s.parent === undefined;
    }
    return false;
  }
}

/** Values worth following: they may turn out to be a store client once files are linked. */
export function interesting(v: Val, receivers: ReadonlySet<string>, functions?: Readonly<Record<string, FunctionFact>>): boolean {
  switch (v.k) {
    case 'imp':
    case 'glob':
    case 'ref':
    case 'this':
    case 'type':
      return true;
    case 'param':
      return v.t !== undefined || receivers.has(v.n) || CLIENTISH.test(v.n) || HOLDERS.test(v.n);
    case 'prop':
      return interesting(v.o, receivers, functions);
    case 'call':
      // a local helper's result (`const link = await findLink(q)`) is what it returns (`Link.findOne(q)`)
      if (v.f.k === 'fn' && functions) return !!functions[v.f.id]?.ret.some((r) => interesting(r, receivers));
      return interesting(v.f, receivers, functions);
    case 'new':
      return interesting(v.f, receivers);
    case 'bound':
      return interesting(v.v, receivers, functions);
    case 'cb':
      return true;
    case 'or':
      return v.v.some((x) => interesting(x, receivers, functions));
    default:
      return false;
  }
}

/** Is the value deeper than `limit`? (Walks without allocating: most values are shallow.) */
function deeper(v: Val, limit: number): boolean {
  if (limit < 0) return true;
  switch (v.k) {
    case 'prop':
      return deeper(v.o, limit - 1);
    case 'call':
    case 'new':
      return deeper(v.f, limit - 1) || v.a.some((a) => deeper(a, limit - 1));
    case 'bound':
      return deeper(v.v, limit - 1);
    case 'or':
      return v.v.length > 4 || v.v.some((x) => deeper(x, limit - 1));
    case 'obj':
      for (const key in v.p) if (deeper(v.p[key], limit - 1)) return true;
      return !!v.fill?.some((x) => deeper(x, limit - 1)) || !!v.sp?.some((x) => deeper(x, limit - 1));
    default:
      return false;
  }
}

/** Caps the size of a recorded value: deep chains of arguments say nothing the linker uses. */
export function capDepth(v: Val, depth = 0): Val {
  if (depth === 0 && !deeper(v, 18)) return v;
  if (depth > 18) return { k: 'x' };
  // many alternatives keep their first four and the last
  const kept: Val = v.k === 'or' && v.v.length > 5 ? { k: 'or', v: [...v.v.slice(0, 4), v.v[v.v.length - 1]] } : v;
  return mapChildren(kept, (x) => capDepth(x, depth + 1));
}

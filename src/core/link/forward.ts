import type { Catalog } from '../../catalog';
import type { FileFacts, FunctionFact, Val } from '../facts';
import { chainCalls } from './calls';
import type { Evaluator } from './evaluate';
import { pushIn } from '../grouping';
import type { CrossFileCall, FoundOp } from './types';

/** The call of `method` in a chain (`db.query(…).then(…)` → `db.query(…)`). */
function callOf(v: Val, method: string): Extract<Val, { k: 'call' }> | undefined {
  for (const call of chainCalls(v, true)) {
    const f = call.f;
    const name = f.k === 'prop' || f.k === 'imp' || f.k === 'ref' || f.k === 'glob' || f.k === 'param' ? f.n : undefined;
    if (name === method) return call;
  }
  return undefined;
}

export interface Forwarded {
  /** One operation per call of a wrapper, classified with the caller's arguments. */
  ops: FoundOp[];
  /** `file:line:col` of each call that got its own operation (no second location through the callee). */
  sites: Set<string>;
  /** The wrappers' own operations that every caller now stands for. */
  superseded: Set<FoundOp>;
}

/**
 * A wrapper's operation as its callers see it: the library method it ends in and that method's arguments, written
 * in the wrapper's own parameters. A wrapper's own operation holds the library call; a relay stands for a wrapper
 * that only hands its parameters on to another (`query(sql, params)` calling `baseQuery(sql, params)`, which calls
 * `connection.query(sql, params)`), so that the repository's `query('SELECT …')` is classified two wrappers away.
 */
interface Held {
  /** The operation at the end of the chain (its library, kind and client). */
  op: FoundOp;
  method: string;
  args: readonly Val[];
}

/** What a call of a wrapper makes: operations at the call, and relays when the caller only hands its own parameters on. */
interface Made {
  ops: Array<[FoundOp, FoundOp]>;
  relays: Held[];
}

/** What each call was forwarded as, with the wrapper's operations it was made from: facts, calls and operations are never changed once made. */
const madeAt = new WeakMap<CrossFileCall, { catalog: Catalog; held: readonly Held[]; made: Made }>();

/** How many wrappers that only hand their parameters on a call is followed through. */
const MAX_RELAYS = 3;

/** A wrapper's own operation as held by it, when its library call takes one of the wrapper's parameters. */
function heldOf(op: FoundOp, fn: FunctionFact): Held | undefined {
  const method = op.operation.replace(/^.*\./, '');
  const inner = callOf(op.use.v, method);
  if (!inner || !inner.a.some((a) => a.k === 'param' && fn.params!.includes(a.n))) return undefined;
  return { op, method, args: inner.a };
}

/** One call of a wrapper: per operation the wrapper holds that the call tells more about, the operation made at the call. */
function forwardCall(c: CrossFileCall, held: readonly Held[], facts: ReadonlyMap<string, FileFacts>, catalog: Catalog, evaluator: Evaluator): Made {
  const out: Made = { ops: [], relays: [] };
  const callee = facts.get(c.callee.file);
  const fn = callee?.functions[c.callee.id];
  if (!callee || !fn?.params) return out;
  const caller = callOf(c.use.v, fn.name.replace(/^.*\./, ''));
  if (!caller) return out;
  const outer = c.use.fn !== undefined ? facts.get(c.file)?.functions[c.use.fn] : undefined;
  for (const h of held) {
    const { op, method } = h;
    const lib = catalog.byId(op.library);
    if (!lib) continue;
    const args = h.args.map((a) => {
      const i = a.k === 'param' ? fn.params!.indexOf(a.n) : -1;
      return i >= 0 ? caller.a[i] ?? ({ k: 'x' } as Val) : a;
    });
    const cls = evaluator.classifyAt(lib, method, args, c.file);
    // only where the caller tells more: read or write where the wrapper could not, or the table, key or topic
    if (!cls.op || !((op.access === 'readwrite' && cls.access !== 'readwrite') || (!op.target && cls.target))) {
      // the caller tells nothing more but hands its own parameters on: a wrapper of the wrapper, whose callers may tell
      if (outer?.params && args.some((a) => a.k === 'param' && outer.params!.includes(a.n))) out.relays.push({ op, method, args });
      continue;
    }
    const { target: _t, conditional: _c, tx: _x, ...rest } = op;
    const called = op.operation.includes('.') ? `${op.operation.slice(0, op.operation.lastIndexOf('.') + 1)}${cls.operation}` : cls.operation;
    const operation = `${fn.name || 'a function'}() → ${called}`;
    // a wrapper that calls the library twice the same way (a retry) is still one operation at each call
    if (out.ops.some(([o, x]) => o.library === op.library && o.client === op.client && x.access === cls.access && x.operation === operation && x.target === (cls.target ?? op.target))) continue;
    out.ops.push([op, {
      ...rest, file: c.file, line: c.use.line, column: c.use.col, endLine: c.use.endLine, endColumn: c.use.endCol, pos: c.use.pos, use: c.use,
      access: cls.access, operation,
      ...(cls.target ?? op.target ? { target: cls.target ?? op.target } : {}), ...(cls.conditional ? { conditional: true } : {}), ...(c.use.tx || op.tx ? { tx: true } : {}),
    }]);
  }
  return out;
}

/**
 * Calls of a pass-through wrapper in another file (`export const query = (text, params) =>
 * pool.query(text, params)`, the node-postgres guide's own pattern): the wrapper's operation cannot
 * tell a read from a write or name the table, since its text is a parameter; each call can. Every
 * call becomes an operation of its own, at the call, classified with the caller's arguments — so the
 * repository's `db.query('SELECT … FROM customers')` shows on hover, reads as a read and joins
 * check-then-act. Only where the call tells more than the wrapper (read or write, a target); the
 * wrapper's own undetermined operation is dropped when only other files call it.
 */
export function forwardedOps(calls: readonly CrossFileCall[], ops: readonly FoundOp[], facts: ReadonlyMap<string, FileFacts>, catalog: Catalog, evaluator: Evaluator, localCalls: readonly CrossFileCall[] = []): Forwarded {
  const out: Forwarded = { ops: [], sites: new Set(), superseded: new Set() };
  // by file, then function, what each wrapper holds: a lookup per call that makes no key
  const byFn = new Map<string, Map<string, Held[]>>();
  for (const op of ops) {
    if (op.use.fn === undefined || op.kind === 'env') continue;
    const fn = facts.get(op.file)?.functions[op.use.fn];
    const h = fn?.params ? heldOf(op, fn) : undefined;
    if (h) pushIn(byFn, op.file, op.use.fn, h);
  }
  // the wrappers' operations that at least one call was forwarded through
  const forwarding = new Set<FoundOp>();
  // wrappers called in their own file (`this.query({ text: 'SELECT …' })` in a repository class) too
  const all = localCalls.length > 0 ? [...calls, ...localCalls] : calls;
  const take = (c: CrossFileCall, made: Made, relays: Map<string, Map<string, Held[]>>) => {
    for (const [op, forwarded] of made.ops) {
      out.sites.add(`${c.file}:${c.use.line}:${c.use.col}`);
      forwarding.add(op);
      out.ops.push(forwarded);
    }
    for (const r of made.relays) pushIn(relays, c.file, c.use.fn!, r);
  };
  // a relink keeps the call (its file was not linked again) and the wrapper's operations (nor was the callee's)
  const keptOrMade = (c: CrossFileCall, held: readonly Held[]): Made => {
    const kept = madeAt.get(c);
    if (kept && kept.catalog === catalog && kept.held.length === held.length && kept.held.every((h, i) => h.op === held[i].op)) return kept.made;
    const made = forwardCall(c, held, facts, catalog, evaluator);
    madeAt.set(c, { catalog, held, made });
    return made;
  };
  // the wrappers' own operations first, then the calls of wrappers that only hand their parameters on, a few deep
  let holding = byFn;
  for (let round = 0; round <= MAX_RELAYS && holding.size > 0; round++) {
    const relays = new Map<string, Map<string, Held[]>>();
    for (const c of all) {
      // most callees hold no operation: nothing to forward, and nothing to look at in the call
      const held = holding.get(c.callee.file)?.get(c.callee.id);
      if (held) take(c, round === 0 ? keptOrMade(c, held) : forwardCall(c, held, facts, catalog, evaluator), relays);
    }
    holding = relays;
  }
  for (const op of forwarding) {
    // a wrapper that knows what it does (`setItem` is a write) keeps its own location
    if (op.access !== 'readwrite') continue;
    const f = facts.get(op.file)!;
    const name = f.functions[op.use.fn!]?.name;
    // called in its own file too: those calls still go through the wrapper's own operation, unless each of
    // them was forwarded as well
    const here = localCalls.filter((c) => c.callee.file === op.file && c.callee.id === op.use.fn);
    const allForwarded = here.length > 0 && here.every((c) => out.sites.has(`${c.file}:${c.use.line}:${c.use.col}`));
    const calledHere = !!name && (Object.values(f.functions).some((g) => g.calls?.includes(name)) || f.uses.some((u) => u.top && callOf(u.v, name)));
    if (!calledHere || allForwarded) out.superseded.add(op);
  }
  return out;
}

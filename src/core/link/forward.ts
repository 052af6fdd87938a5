import type { Catalog } from '../../catalog';
import type { FileFacts, Val } from '../facts';
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

/** What each call was forwarded as, with the wrapper's operations it was made from: facts, calls and operations are never changed once made. */
const madeAt = new WeakMap<CrossFileCall, { catalog: Catalog; held: readonly FoundOp[]; made: ReadonlyArray<[FoundOp, FoundOp]> }>();

/** One call of a wrapper: per wrapper operation the call tells more about, the operation made at the call. */
function forwardCall(c: CrossFileCall, held: readonly FoundOp[], facts: ReadonlyMap<string, FileFacts>, catalog: Catalog, evaluator: Evaluator): Array<[FoundOp, FoundOp]> {
  const out: Array<[FoundOp, FoundOp]> = [];
  const callee = facts.get(c.callee.file);
  const fn = callee?.functions[c.callee.id];
  if (!callee || !fn?.params) return out;
  const caller = callOf(c.use.v, fn.name.replace(/^.*\./, ''));
  if (!caller) return out;
  for (const op of held) {
    const method = op.operation.replace(/^.*\./, '');
    const inner = callOf(op.use.v, method);
    if (!inner || !inner.a.some((a) => a.k === 'param' && fn.params!.includes(a.n))) continue;
    const lib = catalog.byId(op.library);
    if (!lib) continue;
    const args = inner.a.map((a) => {
      const i = a.k === 'param' ? fn.params!.indexOf(a.n) : -1;
      return i >= 0 ? caller.a[i] ?? ({ k: 'x' } as Val) : a;
    });
    const cls = evaluator.classifyAt(lib, method, args, c.file);
    // only where the caller tells more: read or write where the wrapper could not, or the table, key or topic
    if (!cls.op || !((op.access === 'readwrite' && cls.access !== 'readwrite') || (!op.target && cls.target))) continue;
    const { target: _t, conditional: _c, tx: _x, ...rest } = op;
    const operation = op.operation.includes('.') ? `${op.operation.slice(0, op.operation.lastIndexOf('.') + 1)}${cls.operation}` : cls.operation;
    out.push([op, {
      ...rest, file: c.file, line: c.use.line, column: c.use.col, endLine: c.use.endLine, endColumn: c.use.endCol, pos: c.use.pos, use: c.use,
      access: cls.access, operation: `${fn.name || 'a function'}() → ${operation}`,
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
  // by file, then function: a lookup per call that makes no key
  const byFn = new Map<string, Map<string, FoundOp[]>>();
  for (const op of ops) {
    if (op.use.fn === undefined || op.kind === 'env') continue;
    pushIn(byFn, op.file, op.use.fn, op);
  }
  // the wrappers' operations that at least one call was forwarded through
  const forwarding = new Set<FoundOp>();
  // wrappers called in their own file (`this.query({ text: 'SELECT …' })` in a repository class) too
  for (const list of [calls, localCalls]) for (const c of list) {
    // most callees hold no operation: nothing to forward, and nothing to look at in the call
    const held = byFn.get(c.callee.file)?.get(c.callee.id);
    if (!held) continue;
    // a relink keeps the call (its file was not linked again) and the wrapper's operations (nor was the callee's)
    const kept = madeAt.get(c);
    const made = kept && kept.catalog === catalog && kept.held.length === held.length && kept.held.every((op, i) => op === held[i])
      ? kept.made : forwardCall(c, held, facts, catalog, evaluator);
    if (made !== kept?.made) madeAt.set(c, { catalog, held, made });
    for (const [op, forwarded] of made) {
      out.sites.add(`${c.file}:${c.use.line}:${c.use.col}`);
      forwarding.add(op);
      out.ops.push(forwarded);
    }
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

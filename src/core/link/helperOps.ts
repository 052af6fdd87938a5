// A data-access helper in another file (`export async function getUser(email) { return db.select()…
// .where(eq(user.email, email)) }`, `createUser(…)` beside it) stands for its one store operation at each
// place it is called. Check-then-act then sees `const [user] = await getUser(email); if (user) return;
// await createUser(email, pw)` as a read, a test and a write of the same table in one request, as it sees
// the same code written with the client inline. Only for check-then-act, and only for an insert-if-absent
// (a lookup, then a create): a helper hides which fields it writes, so a test of a record's state
// followed by a helper's update is left alone. The map keeps each operation where the code performs it.
import { mapChildren, type FileFacts, type Val } from '../facts';
import { chainCalls, reach } from './calls';
import { pushTo } from '../grouping';
import type { CrossFileCall, FoundOp } from './types';

/** Kinds whose operations are not the service's own records: a helper around them stands for nothing here. */
const NOT_RECORDS = new Set(['env', 'http-api', 'memory']);

/** Per calling file, one operation at each call of a helper whose code performs exactly one store operation. */
export function helperOps(calls: readonly CrossFileCall[], ops: readonly FoundOp[], facts: ReadonlyMap<string, FileFacts>, forwarded: ReadonlySet<string>): Map<string, FoundOp[]> {
  const byFile = new Map<string, FoundOp[]>();
  for (const op of ops) if (op.use.fn !== undefined && !NOT_RECORDS.has(op.kind)) pushTo(byFile, op.file, op);
  const only = new Map<string, FoundOp | null>();
  const out = new Map<string, FoundOp[]>();
  for (const c of calls) {
    // most calls go to files without a store operation: no helper there, nothing to look at in the call
    const fileOps = byFile.get(c.callee.file);
    if (!fileOps || c.use.fn === undefined || forwarded.has(`${c.file}:${c.use.line}:${c.use.col}`)) continue;
    const key = `${c.callee.file}\0${c.callee.id}`;
    let op = only.get(key);
    if (op === undefined) {
      const callee = facts.get(c.callee.file);
      const inside = callee ? reach(callee, [c.callee.id]) : new Set<string>();
      const found = fileOps.filter((o) => inside.has(o.use.fn!));
      op = found.length === 1 && !found[0].tx && !found[0].use.tx ? found[0] : null;
      only.set(key, op);
    }
    if (!op) continue;
    pushTo(out, c.file, standIn(op, c, facts));
  }
  return out;
}

/** Stand-ins made before, by the helper's operation and the call's use: a relink that kept both keeps the same object. */
const made = new WeakMap<FoundOp, WeakMap<object, FoundOp>>();

function standIn(op: FoundOp, c: CrossFileCall, facts: ReadonlyMap<string, FileFacts>): FoundOp {
  let byUse = made.get(op);
  const known = byUse?.get(c.use);
  if (known && known.file === c.file) return known;
  const fn = facts.get(c.callee.file)?.functions[c.callee.id];
  const name = fn?.name || 'a function';
  const s: FoundOp = {
    ...op, file: c.file, line: c.use.line, column: c.use.col, endLine: c.use.endLine, endColumn: c.use.endCol, pos: c.use.pos,
    // the caller's place, function and result; the helper's own call, which names the record and its fields, with
    // the helper's parameters as this call gives them (`searchUser({ email })` → `find(params)` finds by email)
    operation: `${name}() → ${op.operation}`, use: { ...c.use, v: withArguments(op.use.v, fn?.params, argumentsOf(c.use.v, name)) }, viaHelper: true,
  };
  if (!byUse) made.set(op, (byUse = new WeakMap()));
  byUse.set(c.use, s);
  return s;
}

/** The arguments of the call of `name` in a use (`this.users.searchUser({ email })`), the outermost call when none is named so. */
function argumentsOf(v: Val, name: string): readonly Val[] | undefined {
  const short = name.replace(/^.*\./, '');
  let first: readonly Val[] | undefined;
  for (const call of chainCalls(v)) {
    first ??= call.a;
    const f = call.f;
    if ((f.k === 'prop' || f.k === 'ref' || f.k === 'imp') && f.n === short) return call.a;
  }
  return first;
}

/** `v` with the function's parameters replaced by the arguments a call gives them (a bounded walk). */
function withArguments(v: Val, params: readonly string[] | undefined, args: readonly Val[] | undefined): Val {
  if (!params?.length || !args?.length) return v;
  const given = new Map<string, Val>();
  params.forEach((p, i) => {
    if (args[i]) given.set(p, args[i]);
  });
  const sub = (x: Val, depth: number): Val => {
    if (depth > 12) return x;
    return x.k === 'param' ? given.get(x.n) ?? x : mapChildren(x, (y) => sub(y, depth + 1));
  };
  return sub(v, 0);
}

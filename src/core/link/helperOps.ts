// A data-access helper in another file (`export async function getUser(email) { return db.select()…
// .where(eq(user.email, email)) }`, `createUser(…)` beside it) stands for its store operation at each
// place it is called. Check-then-act then sees `const [user] = await getUser(email); if (user) return;
// await createUser(email, pw)` as a read, a test and a write of the same table in one request, as it sees
// the same code written with the client inline. Only for check-then-act, and only for an insert-if-absent
// (a lookup, then a create): a helper hides which fields it writes, so a test of a record's state
// followed by a helper's update is left alone. The map keeps each operation where the code performs it.
//
// A helper may reach its operations through other files (a controller's service calls a repository), and
// may do more than one thing: a lookup that asks a cache before the database stands for the database's
// read; a helper that makes a record and fills a cache or raises a counter beside it stands for the record
// it makes. One that answers "not found" (`return link === null`) stands for a read whose truth means absent.
import { mapChildren, type FileFacts, type Val } from '../facts';
import { chainCalls, reach } from './calls';
import { pushIn, pushTo } from '../grouping';
import { makesRecord } from './races';
import type { CrossFileCall, FoundOp } from './types';

/** Kinds whose operations are not the service's own records: a helper around them stands for nothing here. */
const NOT_RECORDS = new Set(['env', 'http-api', 'memory']);

/** Kinds a lookup may ask before the database (cache-aside): the record is the database's. */
const CACHES = new Set(['redis', 'memcached']);

/** How many files beyond the callee's own a helper's operations are followed into (controller → service → repository). */
const MAX_HOPS = 2;

/** Past this many operations a function is no helper of one record: it stands for nothing. */
const MAX_OPS = 12;

/** Per calling file, one operation at each call of a helper that stands for one store operation. */
export function helperOps(calls: readonly CrossFileCall[], ops: readonly FoundOp[], facts: ReadonlyMap<string, FileFacts>, forwarded: ReadonlySet<string>): Map<string, FoundOp[]> {
  const byFile = new Map<string, FoundOp[]>();
  for (const op of ops) if (op.use.fn !== undefined && !NOT_RECORDS.has(op.kind)) pushTo(byFile, op.file, op);
  // the calls each function makes into other files, by file and function
  const callsFrom = new Map<string, Map<string, CrossFileCall[]>>();
  for (const c of calls) if (c.use.fn !== undefined) pushIn(callsFrom, c.file, c.use.fn, c);
  /** The operations a function reaches: in its file, and through its calls into others (a few hops); undefined past MAX_OPS. */
  const reached = (file: string, id: string, hops: number, seen: Set<string>, limit = MAX_HOPS): FoundOp[] | undefined => {
    const f = facts.get(file);
    const key = `${file}\0${id}`;
    if (!f || seen.has(key)) return [];
    seen.add(key);
    const fileOps = byFile.get(file);
    const out: FoundOp[] = [];
    const from = callsFrom.get(file);
    // most calls go to files without a store operation and call nowhere further: nothing to see in them
    if (!fileOps && (!from || hops >= limit)) return out;
    const inside = reach(f, [id]);
    if (fileOps) for (const o of fileOps) if (inside.has(o.use.fn!)) out.push(o);
    if (from && hops < limit) {
      for (const fn of inside) {
        for (const c of from.get(fn) ?? []) {
          const more = reached(c.callee.file, c.callee.id, hops + 1, seen, limit);
          if (!more) return undefined;
          out.push(...more);
        }
      }
    }
    return out.length > MAX_OPS ? undefined : out;
  };
  const only = new Map<string, FoundOp | null>();
  const out = new Map<string, FoundOp[]>();
  for (const c of calls) {
    if (c.use.fn === undefined || forwarded.has(`${c.file}:${c.use.line}:${c.use.col}`)) continue;
    const key = `${c.callee.file}\0${c.callee.id}`;
    let op = only.get(key);
    if (op === undefined) {
      // what the helper's own file does decides; what it calls in other files only when its file does nothing
      const own = reached(c.callee.file, c.callee.id, 0, new Set(), 0) ?? [];
      op = own.length > 0 ? standsFor(own) ?? returnedOf(own, c, facts) : standsFor(reached(c.callee.file, c.callee.id, 0, new Set()) ?? []);
      only.set(key, op);
    }
    if (!op) continue;
    pushTo(out, c.file, standIn(op, c, facts));
  }
  return out;
}

/**
 * The one operation a helper's operations stand for: the only one; of a lookup, the record it reads past any
 * cache in front of it; of a helper that writes, the one record it makes. None when the choice is not one. A
 * transaction inside the helper does not hold the caller's check: the stand-in is in one only where the call is.
 */
function standsFor(found: readonly FoundOp[]): FoundOp | null {
  if (found.length === 0) return null;
  if (found.length === 1) return found[0];
  const writes = found.filter((o) => o.access !== 'read');
  const picked = distinct(writes.length === 0 ? found.filter((o) => !CACHES.has(o.kind)) : writes.filter(makesRecord));
  return picked.length === 1 ? picked[0] : null;
}

/**
 * A helper that does more than one thing but returns what one of its operations answers (`await query('UPDATE …');
 * return query('SELECT …')`): its caller's result is that operation's result, so the call stands for it.
 */
function returnedOf(found: readonly FoundOp[], c: CrossFileCall, facts: ReadonlyMap<string, FileFacts>): FoundOp | null {
  const ret = facts.get(c.callee.file)?.functions[c.callee.id]?.ret;
  if (!ret?.length) return null;
  const returned = new Set(ret.map((v) => JSON.stringify(v)));
  const picked = found.filter((o) => o.use.fn === c.callee.id && o.file === c.callee.file && returned.has(JSON.stringify(o.use.v)));
  return picked.length === 1 ? picked[0] : null;
}

/** One operation per record (client and table) among these. */
function distinct(list: readonly FoundOp[]): FoundOp[] {
  const seen = new Map<string, FoundOp>();
  for (const o of list) {
    const k = `${o.client}\0${(o.target ?? '').toLowerCase()}`;
    if (!seen.has(k)) seen.set(k, o);
  }
  return [...seen.values()];
}

/** Stand-ins made before, by the helper's operation and the call's use: a relink that kept both keeps the same object. */
const made = new WeakMap<FoundOp, WeakMap<object, FoundOp>>();

function standIn(op: FoundOp, c: CrossFileCall, facts: ReadonlyMap<string, FileFacts>): FoundOp {
  let byUse = made.get(op);
  const known = byUse?.get(c.use);
  if (known && known.file === c.file) return known;
  const fn = facts.get(c.callee.file)?.functions[c.callee.id];
  const name = fn?.name || 'a function';
  const { tx: _tx, ...rest } = op;
  const s: FoundOp = {
    ...rest, ...(c.use.tx ? { tx: true } : {}), file: c.file, line: c.use.line, column: c.use.col, endLine: c.use.endLine, endColumn: c.use.endCol, pos: c.use.pos,
    // the caller's place, function and result; the helper's own call, which names the record and its fields, with
    // the helper's parameters as this call gives them (`searchUser({ email })` → `find(params)` finds by email)
    operation: `${name}() → ${op.operation}`, use: { ...c.use, v: withArguments(op.use.v, fn?.params, argumentsOf(c.use.v, name)) }, viaHelper: true,
  };
  // a helper that answers "not found" (`isKeyAvailable`): its truth is the record's absence
  if (fn?.absent) {
    if (s.use.resNot) delete s.use.resNot;
    else s.use.resNot = 1;
  }
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

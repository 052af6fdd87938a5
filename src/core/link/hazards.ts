import { verbOf } from '../../catalog/verbs';
import type { FileFacts, UseFact, Val } from '../facts';
import { chainCalls, reach } from './calls';
import { pushTo } from './maps';
import type { FoundHazard, FoundOp } from './types';

const LOCK_NAMES = /lock|leader|mutex|acquire|advisory|elect|singleflight|semaphore/i;

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
 * Read, test, then write the same record in one function, outside a transaction and without a
 * conditional write: two concurrent requests both pass the test (a double booking, a double charge).
 */
export function checkThenAct(f: FileFacts, ops: readonly FoundOp[]): FoundHazard[] {
  const out: FoundHazard[] = [];
  const byFn = new Map<string, FoundOp[]>();
  for (const o of ops) {
    if (o.file !== f.file || o.use.fn === undefined || o.tx) continue;
    pushTo(byFn, o.use.fn, o);
  }
  for (const [fnId, list] of byFn) {
    const tests = f.functions[fnId]?.tests ?? [];
    if (tests.length === 0) continue;
    list.sort((a, b) => a.pos - b.pos);
    const flagged = new Set<FoundOp>();
    for (const r of list) {
      if (r.access !== 'read' || !r.use.res || selfKeyed(r.use.v)) continue;
      for (const w of list) {
        if (w.pos <= r.pos || w.access === 'read' || w.conditional || flagged.has(w)) continue;
        if (w.client !== r.client || (w.target ?? '') !== (r.target ?? '')) continue;
        const verb = verbOf(w.operation.replace(/^.*\./, ''));
        if (DELETES.has(verb)) continue;
        const kv = KV_KINDS.has(w.kind);
        const checks = tests.filter(([name, off, member]) => name === r.use.res && off > r.pos && off < w.pos && !(member && OWNERSHIP.test(member)));
        if (checks.length === 0) continue;
        // `updateMany({ where: { id, status: 'CONFIRMED' } })` after testing `booking.status`: the write carries the
        // test itself, and claims the record for the writes after it
        const guarded = conditionKeys(w.use.v);
        if (checks.some(([, , member]) => member && guarded.has(member.replace(/^.*\./, '')))) break;
        // an existence check before an insert is what unique constraints are for; key-value stores have none
        if (CREATES.has(verb) && !kv) continue;
        if (!kv && !checks.some(([, , member]) => member)) continue;
        // a key-value check guards a race only when something happens in between that must happen once
        // (an order placed, a message sent): a cache filled after a miss writes the same value twice, harmlessly
        if (kv && !list.some((x) => x !== w && x.pos > r.pos && x.pos < w.pos && x.access !== 'read' && x.kind !== 'env')) continue;
        flagged.add(w);
        out.push({
          file: f.file, line: w.line, column: w.column, kind: 'check-then-act',
          message: `\`${r.use.res}\` is read at line ${r.line}, checked, then written here: two concurrent requests can both pass the check. Use a conditional write, a unique constraint or a transaction.`,
        });
        break; // one race per read: the first write after the check
      }
    }
  }
  return out;
}

/**
 * The fields a write matches on, where the code spells them: an ORM's `where`, a document filter (before
 * a `$set`), or the columns of a SQL `WHERE`. A test of one of them before the write is
 * repeated by the store at the write (compare-and-set), so there is no window between them.
 */
function conditionKeys(v: Val): Set<string> {
  const keys = new Set<string>();
  const fromObj = (o: Val | undefined) => {
    if (o?.k !== 'obj') return;
    for (const [k, x] of Object.entries(o.p)) {
      if (k === 'AND' || k === '$and') for (const y of x.k === 'obj' ? Object.values(x.p) : []) fromObj(y);
      else keys.add(k);
    }
  };
  for (const call of chainCalls(v)) {
    const args = call.a;
    // a document filter: the first argument of `updateOne(filter, { $set: … })`
    const mongoUpdate = args[1]?.k === 'obj' && Object.keys(args[1].p).some((k) => k.startsWith('$'));
    args.forEach((a, i) => {
      if (a.k === 'obj' && a.p.where) fromObj(a.p.where);
      else if (a.k === 'obj' && i === 0 && mongoUpdate) fromObj(a);
      else if (a.k === 'str') {
        const where = /\bwhere\b([\s\S]*)/i.exec(a.s)?.[1] ?? '';
        for (const m of where.matchAll(/([A-Za-z_][\w]*)"?\s*(?:=|<>|!=|\bis\b|\bin\b)/gi)) keys.add(m[1]);
      }
    });
  }
  return keys;
}

/** The requester's own identity: `req.user.id`, `req.session.userId`, `ctx.state.user._id`, `res.locals.user`. */
const SELF = /^(?:req|request|ctx|context|c)\.(?:user|session|auth|state\.(?:user|auth))(?:\.|$)|^res\.locals\.user(?:\.|$)/;

function pathOf(v: Val): string | undefined {
  switch (v.k) {
    case 'param':
    case 'glob':
    case 'ref':
      return v.n;
    case 'prop': {
      const o = pathOf(v.o);
      return o === undefined ? undefined : `${o}.${v.n}`;
    }
    case 'bound':
      return pathOf(v.v);
    default:
      return undefined;
  }
}

/**
 * A read keyed by the requester's own identity (`User.findById(req.user.id)`, `findOne({ _id: req.user._id })`):
 * only that user's own concurrent requests could race on the record, not two customers — a profile
 * update, not a double booking.
 */
function selfKeyed(v: Val): boolean {
  for (const call of chainCalls(v)) {
    for (const a of call.a) {
      const vals = a.k === 'obj' ? Object.values(a.p) : [a];
      if (vals.some((x) => SELF.test(pathOf(x) ?? ''))) return true;
    }
  }
  return false;
}

const DELETES = new Set(['delete', 'del', 'remove', 'destroy', 'unlink', 'drop', 'erase', 'purge', 'clear']);
const CREATES = new Set(['create', 'insert', 'add', 'new']);
const KV_KINDS = new Set(['redis', 'memcached', 'dynamodb', 'firestore', 's3', 'memory']);
/** Tests of who owns a record (authorization), not of the state being written. */
const OWNERSHIP = /(^|\.)(id|_id|author|owner|user|userId|ownerId|authorId|creator|createdBy|role|roles|permissions?|tenantId|teamId|orgId)(\.|$)/i;

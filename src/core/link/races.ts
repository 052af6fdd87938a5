// Check-then-act: a record read, tested, then written by the same request, with nothing between the
// test and the write that stops a second request from passing the same test. The rule follows the
// values (which read, which local, which record the write names) and the control flow the extractor
// records (which code a condition decides), never names of variables or files.
import { LIST_READS, UPSERTS, tablesFromSql, verbOf } from '../../catalog/verbs';
import { escapeRe } from '../text';
import type { FileFacts, FunctionFact, Val } from '../facts';
import { chainCalls } from './calls';
import { textOf } from './classify';
import { pushTo } from '../grouping';
import type { FoundHazard, FoundOp, Confidence, Work } from './types';
import { OWNERSHIP, SELF } from '../../catalog/names';

/** The field sets a database keeps unique for a model (`@unique`), when its schema says; undefined when unknown. */
export type UniqueLookup = (file: string, library: string, model: string) => readonly (readonly string[])[] | undefined;

/** Stores whose state is not the service's own: a check against them and a later call are not one record. */
const NOT_OWN_STATE = new Set(['http-api', 'env']);
const DELETES = new Set(['delete', 'del', 'remove', 'destroy', 'unlink', 'drop', 'erase', 'purge', 'clear']);
const CREATES = new Set(['create', 'insert', 'add', 'new']);
const KV_KINDS = new Set(['redis', 'memcached', 'dynamodb', 'firestore', 's3', 'gcs', 'azure-blob', 'memory']);
/** Keys that name the record rather than its state: a write setting one copies or moves it, it claims nothing. */
const IDS = /^(_?id|uuid|slug|code|key|token|email|name|sessionId)$/i;
/** SQL that settles a duplicate itself. */
const SQL_NO_DUPLICATE = /\bon\s+conflict\b|\bon\s+duplicate\s+key\b|\binsert\s+(or\s+)?ignore\b|\bmerge\s+into\b/i;

type Test = [string, number, string?, number?, number?];

/**
 * Read, test, then write the same record in one function, outside a transaction and without a
 * conditional write: two concurrent requests both pass the test (a double booking, a double charge, two
 * accounts with one name).
 */
export function checkThenAct(f: FileFacts, ops: readonly FoundOp[], unique: UniqueLookup = () => undefined, work: Work = { n: 0 }): FoundHazard[] {
  const out: FoundHazard[] = [];
  const byFn = new Map<string, FoundOp[]>();
  // what each function does besides its reads, external calls included (a payment, a message sent)
  const effects = new Map<string, FoundOp[]>();
  work.n += ops.length;
  for (const o of ops) {
    if (o.file === f.file && o.use.fn !== undefined && o.access !== 'read' && o.kind !== 'env') pushTo(effects, o.use.fn, o);
    if (o.file !== f.file || o.use.fn === undefined || o.tx || NOT_OWN_STATE.has(o.kind)) continue;
    pushTo(byFn, o.use.fn, o);
    // a read whose result a callback receives (`db.get(sql, (err, row) => { if (!row) db.run(insert) })`): the
    // callback tests it and writes, as code after an `await` would
    const cb = o.access === 'read' && !o.use.res ? resultCallback(f, o) : undefined;
    if (cb) pushTo(byFn, cb.id, { ...o, use: { ...o.use, fn: cb.id, res: cb.res, resAt: cb.at } });
  }
  for (const [fnId, list] of byFn) {
    const fn = f.functions[fnId];
    // no test: only a lost update (a value read, then written back computed from it) can race
    if (!fn || (!fn.tests?.length && !list.some((o) => o.use.calc) && !fn.sets?.some((x) => x[2]))) continue;
    list.sort((a, b) => a.pos - b.pos);
    const results = new Set(list.map((o) => o.use.res).filter((r): r is string => !!r));
    // (what a write hands back, `const tagOut = await TagOut.create(…)`, is a record made here, not another one read)
    const readResults = new Set(list.filter((o) => o.access !== 'write').map((o) => o.use.res).filter((r): r is string => !!r));
    const flagged = new Set<FoundOp>();
    for (const r of list) {
      // an update that hands back what it found (`findOneAndUpdate` without `upsert`) is a lookup too: null means none
      // matched, and an insert in that case emulates an upsert that two requests can both take
      // so is an update whose count of matched rows is tested (`if (result.modifiedCount === 0) insertOne(…)`)
      const counted = r.access === 'write' && !r.conditional && !!r.use.res && (fn.tests ?? []).some(([name, , member]) => name === r.use.res && !!member && MATCH_COUNT.test(member));
      const updateOrInsert = counted || (r.access === 'readwrite' && !r.conditional && FIND_AND_MODIFY.test(r.operation.replace(/^.*\./, '')));
      if ((r.access !== 'read' && !updateOrInsert) || !r.use.res || selfKeyed(r.use.v)) continue;
      // a list read is a lookup only where its emptiness is what is tested (`if (existing.length > 0) throw …`, then a
      // create): the list of what matched, as `findFirst` hands back the first
      if (LIST_READS.has(r.operation.replace(/^.*\./, '')) && !(fn.tests ?? []).some(([name, off, member]) => name === r.use.res && off > r.pos && member === 'length')) continue;
      // a read that locks the rows it finds holds them until its transaction ends: no other request changes them between
      if (locksRows(r)) continue;
      // tests of the local itself, and of locals computed from one of its fields (`new Date(doc.lastClaimed)`), as tests of that field
      const from = fieldsFrom(fn, r.use.res);
      const tests = (fn.tests ?? [])
        .map((t): Test => (from.has(t[0]) ? [r.use.res!, t[1], from.get(t[0]), t[3], t[4]] : t))
        // the count of rows an update matched says whether the record was there, as a lookup's result does
        .map((t): Test => (counted && t[0] === r.use.res && t[2] && MATCH_COUNT.test(t[2]) ? [t[0], t[1], '', t[3], t[4]] : t))
        .filter(([name, off, member]) => name === r.use.res && off > r.pos && inRange(off, r.use.resAt) && !(member && OWNERSHIP.test(member)));
      for (const w of list) {
        if (w.pos <= r.pos || w.access === 'read' || w.conditional || flagged.has(w) || w.client !== r.client) continue;
        if (updateOrInsert && !makesRecord(w)) continue;
        if (r.target && w.target && r.target.toLowerCase() !== w.target.toLowerCase()) continue;
        // the write stores a value computed from what was read, in the same record: two requests read the same value,
        // and the second write undoes the first (an upsert too: it settles a duplicate, not a lost update)
        const lost = (madeFrom(w, r, from) || buildsOnRecord(w, r, fn)) && sameRecord(w, r);
        if (settlesItself(w) && !lost) continue;
        // the checks that decide whether this write runs: a test that the write happens after either way guards nothing
        const checks = tests.filter((t) => t[1] < w.pos && decides(fn, t, w.pos));
        // (a test that the record was found at all, `if (!post) return`, decides nothing about the value written back)
        if (checks.length === 0 || (lost && (KV_KINDS.has(w.kind) || checks.every(([, , member]) => !member)))) {
          if (!lost) continue;
          flagged.add(w);
          out.push({
            file: f.file, line: w.line, column: w.column, kind: 'check-then-act', confidence: 'high',
            message: `${capital(readName(r))} is read at line ${r.line}, then written back here computed from what was read: two concurrent requests read the same value and one update is lost. Use an atomic update (INCR, \`$inc\`, \`increment\`) or a transaction.`,
          });
          break;
        }
        // the write names another record read in this function (`update({ where: { id: child.id } })`, `other.save()`);
        // a record made with another's fields (`create({ device: device._id, … })`) only refers to it
        const names = makesRecord(w) ? recordOf(w.use.v) : localsIn(w.use.v);
        if (!names.has(r.use.res) && [...names].some((n) => readResults.has(n))) continue;
        // a record saved through itself (`seat.save()`) writes the fields the function set on it
        // (or handed to a repository's save: `repository.save(channel)`)
        const written = writtenFields(w.use.v) ?? setOn(fn, r.use.res, savesLocal(w.use.v, r.use.res) ? new Set([r.use.res]) : recordOf(w.use.v));
        // `updateMany({ where: { id, status: 'CONFIRMED' } })` after testing `booking.status`: the write carries the
        // test itself, and claims the record for the writes after it (a tested field the write only finds the record
        // by, `where(eq(carts.paymentIntentId, cart.paymentIntentId))` after testing `cart.paymentIntentId`, is no
        // compare-and-set when the write changes another tested field)
        const guarded = conditionKeys(w.use.v);
        const repeats = (m: string) => guarded.has(m) && (written === undefined || written.has(m) || !checks.some(([, , x]) => x && written.has(x.replace(/^.*\./, ''))));
        // (a value computed from several fields, `total - credit`, is a test of each of them)
        if (checks.some(([, , member]) => member && member.replace(/^.*\./, '').split('|').some(repeats))) break;
        const fields = checks.map(([, , member]) => fieldOf(member)).filter((x): x is string => !!x);
        const stateTest = fields.length > 0;
        const all = [...conditionKeys(r.use.v, true)];
        const keys = all.filter((k) => !OWNERSHIP.test(k));
        const creates = makesRecord(w);
        const makes = creates || (written !== undefined && keys.some((k) => written.has(k)));
        // a claim: the read only finds records in a state (`{ code, used: false }`, `expireAt: { $ne: null }`) and the
        // update changes that field (`used: true`), so finding one is the test, and two requests can both find it.
        // It matters when something else is done once for it (an account made, a count raised): setting the field
        // twice alone (a soft delete) is harmless. A write whose own condition repeats the field
        // (`updateMany({ where: { code, used: false } })`) is a compare-and-set
        const claimed = written === undefined || creates || !writesBesides(list, r, w) ? [] : keys.filter((k) => written.has(k) && !IDS.test(k));
        if (claimed.some((k) => guarded.has(k))) continue;
        // the write switches each tested field it writes to a flag's literal (`enabled: 1` after `if (row.enabled) throw
        // …`) or to the very value the test compared it with (`status: 'deleted'` after `if (project.status === 'deleted')
        // throw …`), and passing the check does nothing else: two requests that both pass write the same value, and the
        // record ends as one of them would leave it. A payment, a message or a record made on the way is done twice: that
        // still races, and so does a status moved to another value than the one tested (a claim)
        if (stateTest && !creates && written !== undefined && !lost && idempotent(fields, written, settledFields(w.use.v, fn, r.use.res, writtenFields(w.use.v) === undefined)) &&
          !(effects.get(fnId) ?? []).some((x) => x !== w && x.pos > r.pos && !endsAlike(x))) continue;
        // through data-access helpers only an insert-if-absent: a lookup, then a create
        if ((r.viaHelper || w.viaHelper) && (stateTest || !creates)) continue;
        // the write makes the key the read looked up (a name, an email) and the database keeps it unique:
        // the second request's write is refused
        const sets = r.target ? unique(f.file, r.library, r.target) : undefined;
        // (a claim updates the record it found: a unique key does not stop two requests claiming it; a key the read
        // only excludes, `not(eq(t.id, id))`, is not one it looked up)
        // (schema code names columns in lower case: `statusUrl` is `statusurl` there)
        // (and `userId` in a query is the column `user_id` of a schema in snake case)
        const bare = (k: string) => k.toLowerCase().replace(/_/g, '');
        const looked = sets ? [...conditionKeys(r.use.v, true, true)].map(bare) : [];
        if (makes && claimed.length === 0 && sets?.some((set) => set.every((k) => looked.includes(bare(k))) || looked.includes(bare(set.join('_'))))) continue;
        // looked up by the record's own id (`findOne({ _id: body.customerId })`, `findById(id)`), then a record made:
        // without that id it gets another, so the lookup could never find it and one request after the other makes
        // two as well (`create({ isAnonymous: true })`); with it, the primary key refuses the second
        if (creates && written !== undefined && !recordOf(w.use.v).has(r.use.res!) && (all.some((k) => /^_?id$/i.test(k)) || /ById$/.test(r.operation))) continue;
        const kv = KV_KINDS.has(w.kind);
        // the same record: both name one table or model, or the write goes through the record read (`seat.save()`)
        const same = (r.target && w.target) || recordOf(w.use.v).has(r.use.res);
        let confidence: Confidence = same ? 'high' : r.target || w.target ? 'medium' : 'low';
        // an existence check races only for a write that runs when the record was not found: one that runs only
        // when it was (`if (!doc) return 404;` then a copy, a child, a soft delete, a refreshed session) is guarded
        if (!stateTest && claimed.length === 0 && checks.every((t) => foundWhen(fn, t, w.pos) === !r.use.resNot)) continue;
        if (kv) {
          // a key-value check guards a race only when something happens in between that must happen once
          // (an order placed, a message sent): a cache filled after a miss writes the same value twice, harmlessly
          if (!writesBesides(list, r, w, w.pos)) continue;
        } else if (!stateTest) {
          // an existence check: a race when the write makes what was looked for (a duplicate name, a second
          // first user)
          if (!makes) continue;
          // an ORM's schema we cannot read may well declare the index: keep it, but not as sure
          if (!sets && confidence === 'high' && !/^(postgres|mysql|sqlite|mssql|sql)$/.test(w.kind)) confidence = 'medium';
          // alternatives the code builds (`OR: [...]`) hide which fields were looked up: they may all be unique
          if (all.some((k) => k === 'OR' || k === '$or')) confidence = sets?.length ? 'low' : confidence === 'high' ? 'medium' : confidence;
        } else if (written !== undefined && !fields.some((x) => x.split('|').some((y) => written.has(y)))) {
          // the write changes none of the fields tested: a second request passing the same test writes the same
          confidence = 'low';
        }
        // a count held against a limit (`if (goals >= MAX) throw …`, then a create): two requests can each take the
        // last place, so the limit is overshot by the requests in flight; bounded, and rarely what the limit is for
        if (countsRecords(r) && checks.every((t) => t[3] === undefined)) confidence = 'low';
        flagged.add(w);
        out.push({
          file: f.file, line: w.line, column: w.column, kind: 'check-then-act', confidence,
          message: counted
            ? `The update at line ${r.line} is checked for matching nothing (${readName(r)}), then a record is inserted here: two concurrent requests both find nothing and both insert. Use an upsert (\`upsert: true\`, \`ON CONFLICT\`) or a unique index.`
            : `${capital(readName(r))} is read at line ${r.line}, checked, then written here: two concurrent requests can both pass the check. Use a conditional write, a unique constraint or a transaction.`,
        });
        break; // one race per read: the first write after the check
      }
    }
    // a record this function did not read itself (a local helper found it, a caller passed it in) raised from its old
    // value and saved through itself: the read is wherever it was, the lost update here
    for (const w of list) {
      if (w.access === 'read' || w.conditional || flagged.has(w) || w.fresh || w.viaHelper) continue;
      const raised = (fn.sets ?? []).find(([name, , builds]) => builds && !results.has(name) && savesRaised(w, fn, name));
      if (!raised) continue;
      flagged.add(w);
      out.push({
        file: f.file, line: w.line, column: w.column, kind: 'check-then-act', confidence: 'high',
        message: `\`${raised[0]}.${raised[1]}\` is raised from the value read, then saved here: two concurrent requests read the same value and one update is lost. Use an atomic update (\`$inc\`, \`increment\`, \`SET n = n + 1\`) or a transaction.`,
      });
    }
  }
  return out;
}

/** How a report names what was read: its local (`` `user` ``), or for a read tested where it is made, the call (`the result of \`findOne\``). */
function readName(r: FoundOp): string {
  return r.use.res?.startsWith('@') ? `the result of \`${r.operation.replace(/^.*[.→]\s*/, '')}\`` : `\`${r.use.res}\``;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The locals of `fn` computed from fields of the record `res` (`const last = new Date(doc.lastClaimed)`, `const { total,
 * credit } = invoice`), and from such locals in turn (`const left = sub(total, credit)`), each with the record's fields it
 * comes from (`total|credit` for several). A local computed from the record as a whole (`check(user)`) names no field
 * and is left out.
 */
function fieldsFrom(fn: FunctionFact, res: string): Map<string, string> {
  const out = new Map<string, Set<string>>();
  const derived = fn.derived ?? [];
  for (let round = 0; round < 4; round++) {
    let grew = false;
    for (const [local, root, field] of derived) {
      if (local === res) continue;
      const fields = root === res ? (field ? [field] : []) : [...(out.get(root) ?? [])];
      if (fields.length === 0) continue;
      const set = out.get(local) ?? new Set<string>();
      for (const x of fields) if (!set.has(x)) {
        set.add(x);
        grew = true;
      }
      out.set(local, set);
    }
    if (!grew) break;
  }
  return new Map([...out].map(([local, set]) => [local, [...set].join('|')]));
}

/** A read that counts records (`count`, `countDocuments`, SQL `SELECT COUNT(…)`), not one that finds a record. */
function countsRecords(r: FoundOp): boolean {
  // a helper's stand-in is named `GoalService.count() → count`: the operation is what follows the arrow
  return /^(count|countDocuments|estimatedDocumentCount|countBy)$/.test(r.operation.replace(/^.*→\s*/, '').replace(/^.*\./, '')) ||
    [...chainCalls(r.use.v)].some((c) => /^\s*select\s+count\s*\(/i.test(textOf(c.a[0]) ?? '') || selectsCount(c));
}

/** A query builder's `select({ n: count() })` (Drizzle, `count` imported from the ORM): it counts, as `SELECT COUNT(…)` does. */
function selectsCount(c: Extract<Val, { k: 'call' }>): boolean {
  const fields = c.f.k === 'prop' && c.f.n === 'select' ? c.a[0] : undefined;
  return fields?.k === 'obj' && Object.values(fields.p).some((x) => x.k === 'call' && (x.f.k === 'imp' || x.f.k === 'ref' || x.f.k === 'prop') && x.f.n === 'count');
}

/** Updates that return the record they matched, or null when none did (Mongoose, the MongoDB driver). */
const FIND_AND_MODIFY = /^(findOneAndUpdate|findByIdAndUpdate|findOneAndReplace|findAndModify)$/;
/** What an update answers with about the records it matched (MongoDB, Mongoose, pg, mysql, SQLite, Sequelize). */
const MATCH_COUNT = /^(modifiedCount|matchedCount|nModified|nMatched|n|rowCount|affectedRows|changedRows|changes)$/;

/** The first argument of the operation's own call (the outermost of its chain): a key, SQL text, a document. */
function firstArgument(o: FoundOp): Val | undefined {
  return chainCalls(o.use.v).next().value?.a[0];
}

/**
 * Does a read lock the rows it finds: `SELECT … FOR UPDATE` (or `FOR SHARE`, `FOR NO KEY UPDATE`), Drizzle's
 * `.for('update', { skipLocked: true })`, knex's and Kysely's `.forUpdate()`, TypeORM's `.setLock('pessimistic_write')`,
 * a `lock` option (Sequelize's `lock: t.LOCK.UPDATE`, TypeORM's `lock: { mode: 'pessimistic_write' }`)? A lock is only
 * taken inside a transaction, which the code that asks for one has, wherever it was begun.
 */
function locksRows(r: FoundOp): boolean {
  if (/\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE)\b/i.test(textOf(firstArgument(r)) ?? '')) return true;
  for (const c of chainCalls(r.use.v, true)) {
    if (c.f.k !== 'prop') continue;
    const n = c.f.n;
    if (/^(forUpdate|forShare|forNoKeyUpdate|forKeyShare)$/.test(n)) return true;
    const [first] = c.a;
    if ((n === 'for' || n === 'setLock' || n === 'lock') && first?.k === 'str' && /update|share|pessimistic/i.test(first.s)) return true;
    if (c.a.some((a) => a.k === 'obj' && 'lock' in a.p)) return true;
  }
  return false;
}

/** Does the write make a record (`create`, `insert`, `save` of a new one, SQL `INSERT`), rather than change one? */
export function makesRecord(w: FoundOp): boolean {
  const verb = verbOf(w.operation.replace(/^.*\./, ''));
  return CREATES.has(verb) || (verb === 'save' && !!w.fresh) || /^\s*insert\b/i.test(textOf(firstArgument(w)) ?? '');
}

/**
 * The callback a read hands its result to, Node style (`(err, row) => …`, written in the function that reads):
 * its id, the parameter that holds the result, and its range.
 */
function resultCallback(f: FileFacts, o: FoundOp): { id: string; res: string; at: [number, number] } | undefined {
  const call = chainCalls(o.use.v).next().value;
  for (const a of call?.a ?? []) {
    const fn = a.k === 'fn' ? f.functions[a.id] : undefined;
    const res = fn?.params?.[1];
    if (a.k === 'fn' && fn && res && fn.parent === o.use.fn) return { id: a.id, res, at: [fn.start, fn.end] };
  }
  return undefined;
}

/**
 * Does the write store a value computed from what `r` read (`set(key, count + 1)`, `data: { votes: user.votes + 1 }`)?
 * `from`: the locals computed from its fields (`fieldsFrom`), found once per read.
 */
function madeFrom(w: FoundOp, r: FoundOp, from: ReadonlyMap<string, string>): boolean {
  const res = r.use.res;
  if (!res || !w.use.calc || r.use.resNot) return false;
  return w.use.calc.some((n) => n === res || from.has(n));
}

/** Is the write the record `r` read, saved through itself after a field of it was changed from its old value (`topic.replies += 1; topic.save()`)? */
function buildsOnRecord(w: FoundOp, r: FoundOp, fn: FunctionFact): boolean {
  return !!r.use.res && !r.use.resNot && savesRaised(w, fn, r.use.res);
}

/** Does `fn` raise a field of the local `name` from its old value, and the write save `name` (`name.save()`, `repo.save(name)`)? */
function savesRaised(w: FoundOp, fn: FunctionFact, name: string): boolean {
  return !!fn.sets?.some(([local, , builds]) => builds && local === name) && (recordOf(w.use.v).has(name) || savesLocal(w.use.v, name));
}

/** Is the local `res` what a call of the write saves (`repository.save(post)`, `em.persist(post)`)? */
function savesLocal(v: Val, res: string): boolean {
  return [...chainCalls(v)].some((call) => {
    const a = call.a[0];
    return a?.k === 'bound' && !!a.n && a.n.replace(/^.*:/, '') === res;
  });
}

/**
 * Do the read and the write name one record: a key-value store's key (the same first argument), or one table with
 * the record read named in the write (`update({ where: { id: user.id }, … })`)?
 */
function sameRecord(w: FoundOp, r: FoundOp): boolean {
  if (KV_KINDS.has(w.kind)) {
    const a = firstArgument(r);
    const b = firstArgument(w);
    return !!a && !!b && a.k !== 'x' && JSON.stringify(a) === JSON.stringify(b);
  }
  if (!r.target || !w.target || r.target.toLowerCase() !== w.target.toLowerCase()) return false;
  // the record read named in the write, or the same filter in both (`findUnique({ where: { id: item.id } })`, then
  // `update({ where: { id: item.id }, data })`)
  if (localsIn(w.use.v).has(r.use.res!)) return true;
  const a = filterOf(r);
  return a !== undefined && a.k !== 'x' && JSON.stringify(a) === JSON.stringify(filterOf(w));
}

/** The `where` of a call's options object (Prisma, Sequelize, TypeORM's `findOne({ where })`), when it is one. */
function filterOf(o: FoundOp): Val | undefined {
  const a = firstArgument(o);
  const where = a?.k === 'obj' ? a.p.where : undefined;
  // only a filter that names its values (`{ id: item.id }`), not one made elsewhere
  return where?.k === 'obj' && Object.keys(where.p).length > 0 && Object.values(where.p).every((v) => v.k !== 'x') ? where : undefined;
}

/** Does the function write something else after the read `r` (and before `until`): something done once for it? */
function writesBesides(list: readonly FoundOp[], r: FoundOp, w: FoundOp, until = Infinity): boolean {
  return list.some((x) => x !== w && x.pos > r.pos && x.pos < until && x.access !== 'read' && x.kind !== 'env');
}

/**
 * Upserts that settle a duplicate themselves. `findOneAndUpdate` is one only with `upsert: true` (then the write is
 * `conditional`); without it, it updates what it matches, as `updateOne` does, and a check before it still races.
 */
const SETTLES: ReadonlySet<string> = new Set([...UPSERTS].filter((m) => m !== 'findOneAndUpdate'));

/** A delete, also Mongoose's `findByIdAndDelete`/`findOneAndRemove` (a delete that hands back what it deleted). */
function isDelete(w: FoundOp): boolean {
  const method = w.operation.replace(/^.*\./, '');
  return DELETES.has(verbOf(method)) || /^find\w*And(Delete|Remove)$/.test(method);
}

/** A delete, an upsert or SQL that settles a duplicate itself: no race whatever was checked before. */
function settlesItself(w: FoundOp): boolean {
  const method = w.operation.replace(/^.*\./, '');
  return isDelete(w) || [...chainCalls(w.use.v)].some((c) => c.f.k === 'prop' && SETTLES.has(c.f.n)) || SETTLES.has(method) ||
    SQL_NO_DUPLICATE.test(textOf(firstArgument(w)) ?? '');
}

/**
 * A write done on the way that ends the same however often it runs: a delete, or an update that only switches fields to a
 * flag's literal, stamps the clock or removes (`update({ latestTagOutId: null })`, `$pull`): done twice, as once.
 */
function endsAlike(x: FoundOp): boolean {
  if (x.kind === 'http-api' || makesRecord(x)) return false;
  if (isDelete(x)) return true;
  const values = fieldValues(x.use.v);
  return !!values && values.size > 0 && [...values.values()].every((v) => v?.k === 'x' && v.c !== undefined);
}

/** Wrappers around the rows a read returns (`rows[0]`, `data`, `Items`): not fields of the record. */
const WRAPPERS = /^(rows|data|Item|Items|result|results|docs|records|body|\d+)$/;
/** Members that tell whether anything was found: an existence test, not a test of a field. */
const PRESENCE = /^(length|rowCount|count|exists|empty|isEmpty|affectedRows)$/;

/** The field of the record a tested member path names (`found.rows[0].taken_by` → `taken_by`), if any. */
function fieldOf(member: string | undefined): string | undefined {
  const parts = (member ?? '').split('.').filter((p) => p !== '');
  while (parts.length > 0 && WRAPPERS.test(parts[0])) parts.shift();
  return parts.length === 0 || PRESENCE.test(parts[0]) ? undefined : parts[0];
}

function inRange(off: number, range: readonly [number, number] | undefined): boolean {
  return !range || (off >= range[0] && off < range[1]);
}

/** Does a condition holding this test decide whether the code at `pos` runs? */
function decides(fn: FunctionFact, test: Test, pos: number): boolean {
  const off = test[1];
  // facts cached before conditions were recorded: every test counts, as it used to
  if (!fn.conds) return true;
  return fn.conds.some(([start, end, from, to]) => off >= start && off < end && pos >= from && pos < to);
}

/**
 * Is the tested local true (present, non-empty) for the code at `pos` to run, as far as the condition holding
 * test `t` says (undefined: the condition does not tell)? For a local that holds the read itself, true means found.
 */
function foundWhen(fn: FunctionFact, t: Test, pos: number): boolean | undefined {
  const [, , , pol, at] = t;
  const c = pol === undefined || at === undefined ? undefined : fn.conds?.[at];
  if (!c || pol === undefined || c[4] === undefined || pos < c[2] || pos >= c[3]) return undefined;
  const holds = pos < c[4];
  const known = Math.abs(pol);
  if (holds ? known === 2 : known === 1) return undefined;
  return holds === pol > 0;
}

/** Locals that name the record a write changes: its receiver (`seat.save()`) or the values of its `where`. */
function recordOf(v: Val): Set<string> {
  const out = new Set<string>();
  for (const call of chainCalls(v)) {
    for (const a of call.a) if (a.k === 'obj' && a.p.where) localsIn(a.p.where, out);
    let o: Val = call.f;
    while (o.k === 'prop') o = o.o;
    if (o.k === 'bound' && o.n) out.add(o.n.replace(/^.*:/, ''));
  }
  return out;
}

/** Locals the write refers to, by name (`fnId:name` as bound values carry it). */
function localsIn(v: Val, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 12) return out;
  const next = (x: Val) => localsIn(x, out, depth + 1);
  switch (v.k) {
    case 'bound':
      if (v.n) out.add(v.n.replace(/^.*:/, ''));
      return out;
    case 'prop':
      return next(v.o);
    case 'call':
    case 'new':
      next(v.f);
      v.a.forEach(next);
      return out;
    case 'obj':
      Object.values(v.p).forEach(next);
      return out;
    case 'or':
      v.v.forEach(next);
      return out;
    default:
      return out;
  }
}

/**
 * The fields a write matches on, where the code spells them: an ORM's `where`, a document filter (before
 * a `$set`), or the columns of a SQL `WHERE`. A test of one of them before the write is
 * repeated by the store at the write (compare-and-set), so there is no window between them. `equalOnly`: only
 * the fields the condition looks a value up in, not those it excludes (`{ id: { not: id } }`, `.where('id', '!=', id)`).
 */
function conditionKeys(v: Val, read = false, equalOnly = false): Set<string> {
  const keys = new Set<string>();
  const fromObj = (o: Val | undefined, depth = 0): void => {
    if (depth > 6) return;
    // a filter held by a local (`const query = { user, $or: [...] }; findOne(query)`)
    if (o?.k === 'bound') return fromObj(o.v, depth + 1);
    if (o?.k === 'call') fromOperators(o, keys, equalOnly);
    if (o?.k !== 'obj') return;
    for (const [k, x] of Object.entries(o.p)) {
      // `$or: [{ name }, { url }]` (an array is any of its items), or `OR: { … }`
      if ((k === 'AND' || k === '$and' || k === 'OR' || k === '$or') && (x.k === 'obj' || x.k === 'or')) for (const y of x.k === 'obj' ? Object.values(x.p) : x.v) fromObj(y, depth + 1);
      else if (!(equalOnly && x.k === 'obj' && Object.keys(x.p).length > 0 && Object.keys(x.p).every((op) => NEGATIONS.has(op)))) keys.add(k);
    }
  };
  for (const call of chainCalls(v)) {
    const args = call.a;
    // Drizzle: `.where(and(eq(invitations.email, email), eq(invitations.status, 'pending')))`
    if (call.f.k === 'prop' && call.f.n === 'where' && args[0]?.k === 'call') fromOperators(args[0], keys, equalOnly);
    // Kysely and knex: `.where('email', '=', email)`, `.where('accounts.email', email)`, `.whereIn('id', ids)`
    if (call.f.k === 'prop' && /^(where|andWhere|orWhere|whereIn|whereNull|whereNot|whereNotIn)$/.test(call.f.n) && args[0]?.k === 'str' && /^[\w.]+$/.test(args[0].s)) {
      const op = args[1]?.k === 'str' && SQL_OPS.test(args[1].s.trim()) ? args[1].s.trim().toLowerCase() : '=';
      if (!equalOnly || (!/not/i.test(call.f.n) && /^(=|==|in|is)$/.test(op))) keys.add(args[0].s.replace(/^.*\./, ''));
    }
    // a document filter: the first argument of `updateOne(filter, { $set: … })`
    const mongoUpdate = args[1]?.k === 'obj' && Object.keys(args[1].p).some((k) => k.startsWith('$'));
    args.forEach((a, i) => {
      if (a.k === 'obj' && a.p.where) fromObj(a.p.where);
      else if (a.k === 'obj' && i === 0 && mongoUpdate) fromObj(a);
      // a read's first object is its filter when it has no `where` (`findOneBy({ email })`, `findOne(User, { email })`)
      else if (read && a.k === 'obj' && args.findIndex((x) => x.k === 'obj') === i) fromObj(a);
      else if (a.k === 'str') {
        const where = /\bwhere\b([\s\S]*)/i.exec(a.s)?.[1] ?? '';
        const own = sqlOwnNames(a.s);
        // (a column of another table the query joins, `poll_result.id`, is no key of the record it reads)
        for (const m of where.matchAll(/(?:"?([A-Za-z_]\w*)"?\.)?"?([A-Za-z_][\w]*)"?\s*(=|<>|!=|\bis\b|\bin\b)/gi)) {
          if (m[1] && own.size > 0 && !own.has(m[1].toLowerCase())) continue;
          if (!equalOnly || (m[3] !== '<>' && m[3] !== '!=')) keys.add(m[2]);
        }
      }
    });
  }
  return keys;
}

/**
 * The names the first table of a SQL statement goes by in it (`FROM poll_user pu` → `poll_user`, `pu`), the table read as
 * the operation's target is (`tablesFromSql`); empty when no table is found.
 */
function sqlOwnNames(sql: string): Set<string> {
  const table = tablesFromSql(sql)[0]?.replace(/^.*\./, '');
  if (!table) return new Set();
  const names = new Set([table.toLowerCase()]);
  // its alias: the word after it (`FROM poll_user AS pu`)
  const alias = new RegExp(`\\b${escapeRe(table)}[\`"\\]]?\\s+(?:as\\s+)?[\`"]?(\\w+)`, 'i').exec(sql)?.[1];
  if (alias && !SQL_WORDS.test(alias)) names.add(alias.toLowerCase());
  return names;
}

/** Words that follow a table's name in SQL and are no alias of it. */
const SQL_WORDS = /^(where|set|inner|left|right|full|cross|join|on|values|select|order|group|limit|having|union|natural|using|returning|default|for)$/i;

/** The comparison operators a query builder takes as a string (`.where('id', '!=', id)`). */
const SQL_OPS = /^(=|==|!=|<>|<|>|<=|>=|like|ilike|not like|in|not in|is|is not)$/i;

/** Comparisons a query builder's operators make of a column (`eq(users.email, x)`). */
const COMPARES = /^(eq|ne|gt|gte|lt|lte|like|ilike|notLike|notIlike|inArray|notInArray|isNull|isNotNull|between|notBetween)$/;
/** The comparisons that look a value up (a record equal to it, or among them), not that exclude or bound it. */
const EQUALS = /^(eq|inArray|isNull)$/;
/** Filter operators that exclude a value (`{ id: { not: id } }`, `{ _id: { $ne: id } }`): no lookup of it. */
const NEGATIONS = new Set(['not', 'notIn', '$ne', '$nin', '$not']);

/**
 * The columns a Drizzle condition compares, imported from `drizzle-orm`: `and(eq(t.email, e), isNull(t.deletedAt))`
 * gives email and deletedAt. `equalOnly`: only the columns it looks a value up in (`not(eq(t.id, id))` is "another
 * record than this one": no lookup of the id).
 */
function fromOperators(v: Extract<Val, { k: 'call' }>, keys: Set<string>, equalOnly: boolean): void {
  const f = v.f.k === 'bound' ? v.f.v : v.f;
  if (f.k !== 'imp' || !/^drizzle-orm(\/|$)/.test(f.m)) return;
  if (f.n === 'and' || f.n === 'or' || (f.n === 'not' && !equalOnly)) {
    for (const a of v.a) if (a.k === 'call') fromOperators(a, keys, equalOnly);
  } else if ((equalOnly ? EQUALS : COMPARES).test(f.n) && v.a[0]?.k === 'prop') {
    keys.add(v.a[0].n);
  }
}

/**
 * The fields a write sets, where the code spells them (`data: {…}`, `$set`, the values object of
 * `update(values, options)`, SQL `SET`/`INSERT` columns); undefined when it does not (`record.save()`).
 */
/** The fields `fn` sets on the record `res` (`seat.takenBy = …`) when the write goes through it; undefined when none is seen. */
function setOn(fn: FunctionFact, res: string, records: ReadonlySet<string>): Set<string> | undefined {
  if (!records.has(res)) return undefined;
  const fields = (fn.sets ?? []).filter(([name]) => name === res).map(([, field]) => field);
  return fields.length > 0 ? new Set(fields) : undefined;
}

/** The fields a write sets (see `fieldValuesSetBy`), or undefined when it cannot be told. */
function writtenFields(v: Val): Set<string> | undefined {
  const m = fieldValues(v);
  return m && new Set(m.keys());
}

/**
 * The fields a write switches on or off: set to a flag's literal (`enabled: 1`, `firstLoad: false`, `secret: null`), the
 * same value whichever request sets it. A status moved to another of its values
 * (`status: 'running'`) is not one: that claims a piece of work for the request that moves it.
 */
function flagFields(v: Val): Set<string> {
  const out = new Set<string>();
  for (const [field, x] of fieldValues(v) ?? []) if (x?.k === 'x' && x.c === 1) out.add(field);
  return out;
}

function fieldValues(v: Val): Map<string, Val | undefined> | undefined {
  // the write itself, not a `.then(…)`/`.catch(…)` chained after it, nor the filter of a query builder chained
  // after the data (knex's `update({ isOwner: true }).from('users').where({ userId })` sets `isOwner`, not `userId`)
  for (const call of chainCalls(v)) {
    if (call.f.k === 'prop' && BUILDER_FILTERS.test(call.f.n)) continue;
    const fields = fieldValuesSetBy(call);
    if (fields) return fields;
  }
  return undefined;
}

/** MongoDB update operators whose effect is the same however often it is applied. */
const SETTLING_OPERATORS = new Set(['$unset', '$pull', '$pullAll', '$addToSet']);

/** Query-builder steps that find rows or shape the query: their objects are conditions, never the data written. */
const BUILDER_FILTERS = /^(where|andWhere|orWhere|whereNot|whereIn|whereNotIn|whereNull|whereNotNull|having|on|from|into|table|returning|first|limit|offset|orderBy)$/;

/**
 * The fields a write settles whichever request writes them: those it switches to a flag's literal, and those it sets to
 * the string the function compared the record's field with (`status: 'deleted'` after `project.status === 'deleted'`).
 */
function settledFields(v: Val, fn: FunctionFact, res: string | undefined, throughRecord: boolean): Set<string> {
  const out = flagFields(v);
  const compared = new Set((fn.eqs ?? []).filter(([name]) => name === res).map(([, member, lit]) => `${fieldOf(member)}\0${lit}`));
  // the clock on a field tested only for being there (`if (!n.readAt) … { readAt: new Date() }`): a second request
  // writes the same moment, give or take
  const present = new Set((fn.tests ?? []).filter(([name]) => name === res).map(([, , m]) => fieldOf(m)));
  const comparedFields = new Set((fn.eqs ?? []).filter(([name]) => name === res).map(([, m]) => fieldOf(m)));
  const stamped = (field: string) => present.has(field) && !comparedFields.has(field);
  for (const [field, x] of fieldValues(v) ?? []) {
    if (x?.k === 'str' && !x.pre && compared.has(`${field}\0${x.s}`)) out.add(field);
    if (x?.k === 'x' && x.c === 2 && stamped(field)) out.add(field);
  }
  if (!throughRecord || res === undefined) return out;
  // a record saved through itself (`participant.status = Status.ACCEPTED; participant.save()`): the values the function
  // set on it. A field is settled when every value set is a flag's literal, the value the test compared it with (the
  // test only refuses a write that changes nothing), or the clock on a field tested only for being there
  const values = new Map<string, string[]>();
  for (const [name, field, builds, value] of fn.sets ?? []) if (name === res) pushTo(values, field, builds ? '' : value ?? '');
  // (a field also tested for being there, `if (seat.takenBy) throw …`, is claimed by whoever sets it: compared with a
  // value as well, `if (seat.takenBy === userId) …`, it is not settled by being set to that value)
  const presence = new Set((fn.tests ?? []).filter((t) => t[0] === res && t[3] !== undefined).map(([, , m]) => fieldOf(m)));
  for (const [field, set] of values) {
    if (set.every((x) => x === '#flag' || (compared.has(`${field}\0${x}`) && !presence.has(field)) || (x === '#now' && stamped(field)))) out.add(field);
  }
  return out;
}

/** Are the tested fields the write sets all settled (see `settledFields`), and is at least one of them set? */
function idempotent(tested: readonly string[], written: ReadonlySet<string>, constant: ReadonlySet<string>): boolean {
  const set = tested.flatMap((x) => x.split('|')).filter((x) => written.has(x));
  return set.length > 0 && set.every((x) => constant.has(x));
}

/** The fields one call of a write sets, each with the value it is given (undefined when the text does not say). */
function fieldValuesSetBy(call: Extract<Val, { k: 'call' }>): Map<string, Val | undefined> | undefined {
  let out: Map<string, Val | undefined> | undefined;
  const add = (p: Record<string, Val>) => {
    out ??= new Map();
    for (const [k, x] of Object.entries(p)) if (!k.startsWith('$')) out.set(k, x);
  };
  for (const a of call.a) {
    if (a.k === 'obj') {
      const data = a.p.data;
      const operators = Object.keys(a.p).filter((k) => k.startsWith('$'));
      if (data?.k === 'obj') add(data.p);
      else if (operators.length > 0) {
        // MongoDB's update operators each name the fields they change (`$set`, `$inc`, `$push`, `$unset`, …);
        // only `$set` gives them a value
        for (const op of operators) {
          const fields = a.p[op];
          // (removing a field or an element, or adding one a set holds once, ends the same however often it runs: as a
          // flag's literal does)
          if (fields?.k === 'obj') add(op === '$set' ? fields.p : Object.fromEntries(Object.keys(fields.p).map((k) => [k, (SETTLING_OPERATORS.has(op) ? { k: 'x', c: 1 } : { k: 'x' }) as Val])));
        }
      } else if (!a.p.where) add(a.p);
    } else if (a.k === 'str') {
      const set = /\bset\b([\s\S]*?)(\bwhere\b|$)/i.exec(a.s)?.[1];
      const cols = /\binsert\s+into\s+[\w."]+\s*\(([^)]*)\)/i.exec(a.s)?.[1];
      out ??= set || cols ? new Map() : undefined;
      // (a string's `?` stands for each substitution: `SET enabled = ?` is set from a value, not a literal)
      if (set) for (const m of set.matchAll(/([A-Za-z_]\w*)"?\s*=/g)) out!.set(m[1], undefined);
      if (cols) for (const c of cols.split(',')) out!.set(c.trim().replace(/"/g, ''), undefined);
    }
  }
  return out;
}

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

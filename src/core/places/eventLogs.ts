// Event logs kept in SQL: a table the code only ever inserts into (raw SQL, knex, Prisma, TypeORM, Kysely:
// any operation with a target table) and reads back in order to rebuild state. Conservative on purpose:
// one UPDATE, DELETE, upsert, `save` or a write whose statement is unknown anywhere in the workspace
// and the table is not a log; the read must go in ascending order of a sequence or time column, and
// either the table's name says events (a journal, a ledger, a stream) or the reading function says replay.
import { STORE_KINDS, isStoreKind } from '../../catalog';
import { accessFromSql, verbOf } from '../../catalog/verbs';
import type { FileFacts, Val } from '../facts';
import { chainCalls } from '../link/calls';
import { textOf } from '../link/classify';
import type { FoundOp } from '../link/types';
import type { RecordsFound } from './records';

/** An append-only table replayed in order. */
export interface SqlLog {
  target: string;
  /** The read that replays it, and what it is (`` `loadStream` reads it in order of `sequence` ``). */
  replay: FoundOp;
  what: string;
  appends: FoundOp[];
}

/** Columns a log is replayed in the order of: a sequence, a stream position or version, an insertion time. */
const ORDER_COLUMN = /^(seq|seq_?(no|num|nr)|sequence(_?(no|num|number|nr|id))?|(global_?|stream_?)?position|(stream_?|event_?|aggregate_?)?version|event_?(no|num|number)|offset|(created|occurred|recorded|inserted|appended|emitted)_?at|timestamp)$/i;
/** Table names of logs: events, a journal, a ledger, a stream, an outbox. */
const LOG_TABLE = /event|journal|ledger|stream|outbox|(^|_)log(s)?$/i;
/** Functions that replay: `replay`, `rebuild`, `rehydrate`, `project`, `loadStream`, `fold`. */
const REPLAY_FN = /^(replay|rebuild|rehydrate|hydrate|project|fold|load\w*(stream|events|history))/i;
const INSERT_VERBS = new Set(['insert', 'create', 'add', 'append']);
/** Verbs that change or remove rows, or may (`save` updates a row it finds). */
const MUTATE_VERBS = new Set(['update', 'upsert', 'delete', 'del', 'remove', 'destroy', 'truncate', 'merge', 'replace', 'save', 'increment', 'decrement', 'restore', 'drop', 'clear', 'set', 'soft', 'on', 'or']);
const SQL_MUTATING_INSERT = /\bon\s+conflict\b[\s\S]*\bdo\s+update\b|\bon\s+duplicate\s+key\s+update\b|^\s*replace\b/i;

const familyOf = (kind: string) => (isStoreKind(kind) ? STORE_KINDS[kind].family : 'remote');

/** Method names of a call chain, outermost first (`execute`, `values`, `insertInto`). */
function methodsOf(v: Val): string[] {
  return [...chainCalls(v, true)].map((c) => (c.f.k === 'prop' ? c.f.n : '')).filter((n) => n !== '');
}

/** The SQL text an operation runs, when it is raw SQL. */
function sqlOf(op: FoundOp): string | undefined {
  for (const c of chainCalls(op.use.v, true)) {
    const t = textOf(c.a[0]);
    if (t !== undefined && accessFromSql(t) !== undefined) return t;
  }
  return undefined;
}

/** What a write does to its table: adds rows only, changes or removes some, or cannot be told. */
export function statementOf(op: FoundOp): 'insert' | 'mutate' | 'unknown' {
  const sql = sqlOf(op);
  if (sql !== undefined) {
    const first = /^\s*(?:\(\s*)*([a-z]+)/i.exec(sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' '))?.[1]?.toLowerCase();
    if (first === 'insert') return SQL_MUTATING_INSERT.test(sql) ? 'mutate' : 'insert';
    return first === 'with' ? 'unknown' : 'mutate';
  }
  const verbs = methodsOf(op.use.v).map(verbOf);
  if (verbs.some((v) => MUTATE_VERBS.has(v))) return 'mutate';
  return verbs.some((v) => INSERT_VERBS.has(v)) ? 'insert' : 'unknown';
}

/** The first column a read orders by, and whether descending; undefined when it orders by nothing known. */
export function orderOf(op: FoundOp): { column: string; desc: boolean } | undefined {
  const sql = sqlOf(op);
  if (sql !== undefined) {
    const m = /\border\s+by\s+([^,;]+?)(?:,|;|\blimit\b|\boffset\b|\bfor\b|\bfetch\b|$)/i.exec(sql);
    if (!m) return undefined;
    const term = m[1].trim();
    const col = /^(?:[\w"`]+\.)?["`]?(\w+)["`]?/.exec(term)?.[1];
    return col ? { column: col, desc: /\bdesc\b/i.test(term) } : undefined;
  }
  for (const c of chainCalls(op.use.v, true)) {
    const name = c.f.k === 'prop' ? c.f.n : '';
    if (/^(orderBy|order|addOrderBy|sort)$/.test(name) && c.a[0]) {
      const col = columnOf(c.a[0]);
      const dir = c.a[1]?.k === 'str' ? c.a[1].s : '';
      if (col) return { column: col.column, desc: col.desc || /^desc/i.test(dir) };
    }
    for (const a of c.a) {
      if (a.k !== 'obj') continue;
      const order = a.p.orderBy ?? a.p.order ?? a.p.sort;
      if (order?.k === 'obj') {
        const [column, dir] = Object.entries(order.p)[0] ?? [];
        if (column) return { column, desc: dir?.k === 'str' && /^desc/i.test(dir.s) };
      }
    }
  }
  return undefined;
}

/** `'sequence'`, `'e.sequence desc'`, `events.sequence`, `asc(events.sequence)`, `desc(…)`. */
function columnOf(v: Val): { column: string; desc: boolean } | undefined {
  if (v.k === 'str') {
    const m = /^(?:\w+\.)?(\w+)(\s+desc)?/i.exec(v.s.trim());
    return m ? { column: m[1], desc: !!m[2] } : undefined;
  }
  if (v.k === 'prop') return { column: v.n, desc: false };
  if (v.k === 'call' && v.a[0]) {
    const f = v.f.k === 'prop' ? v.f.n : v.f.k === 'imp' ? v.f.n : v.f.k === 'glob' || v.f.k === 'ref' ? v.f.n : '';
    const inner = columnOf(v.a[0]);
    return inner && { column: inner.column, desc: /^desc$/i.test(f) };
  }
  return undefined;
}

/**
 * The append-only tables of the workspace that a read replays in order. `ops`: every operation of the
 * workspace (a write in any service disqualifies a table).
 */
export function sqlEventLogs(ops: readonly FoundOp[], kindOf: (op: FoundOp) => string, facts: ReadonlyMap<string, FileFacts>): SqlLog[] {
  const byTable = new Map<string, FoundOp[]>();
  for (const op of ops) {
    if (!op.target || familyOf(kindOf(op)) !== 'sql') continue;
    const key = `${kindOf(op)}\0${op.target.toLowerCase()}`;
    byTable.set(key, [...(byTable.get(key) ?? []), op]);
  }
  const out: SqlLog[] = [];
  for (const list of byTable.values()) {
    const writes = list.filter((o) => o.access !== 'read');
    if (writes.length === 0 || writes.some((w) => statementOf(w) !== 'insert')) continue;
    const reads = list.filter((o) => o.access === 'read').sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    for (const r of reads) {
      const order = orderOf(r);
      if (!order || order.desc || !ORDER_COLUMN.test(order.column)) continue;
      const fn = r.use.fn !== undefined ? facts.get(r.file)?.functions[r.use.fn]?.name.replace(/^.*\./, '') : undefined;
      const replayFn = fn !== undefined && REPLAY_FN.test(fn);
      if (!replayFn && !LOG_TABLE.test(r.target!)) continue;
      out.push({ target: r.target!, replay: r, what: `${fn ? `\`${fn}\` reads` : 'a read of'} it in order of \`${order.column}\``, appends: writes });
      break;
    }
  }
  return out.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/** A service's operations on the logs (the replay and the appends), each pointing at the replay: they mark its edges. */
export function logEntries(logs: readonly SqlLog[], ops: readonly FoundOp[]): RecordsFound['logs'] {
  const mine = new Set(ops);
  const out: RecordsFound['logs'] = [];
  for (const log of logs) {
    const replay = { file: log.replay.file, line: log.replay.line };
    for (const op of [log.replay, ...log.appends]) if (mine.has(op)) out.push({ op, what: log.what, target: log.target, replay });
  }
  return out;
}

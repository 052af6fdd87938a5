// Records kept so that a retry or a redelivery does nothing twice (idempotency keys from a request
// header, processed-message ids), event logs (a topic a consumer replays from the beginning; SQL tables
// are found in eventLogs.ts) and the projections rebuilt from them. Words in targets and the code next to an operation decide; a consumer
// that writes with no such record is a low-confidence note.
import { CATALOG, STORE_KINDS, isStoreKind } from '../../catalog';
import type { FileFacts } from '../facts';
import type { FoundHazard, FoundOp } from '../link/types';
import type { DedupeRecord, Hazard, Location } from '../model/types';

export interface RecordsFound {
  records: Array<{ op: FoundOp; record: DedupeRecord }>;
  /**
   * Operations on event logs: consumes that replay their topic from the beginning, and a SQL log's
   * replaying read and appends (`target`: the table as the replay names it; `replay`: where it is replayed, when not at `op`).
   */
  logs: Array<{ op: FoundOp; what: string; target?: string; replay?: { file: string; line: number } }>;
  /** Operations and hazards whose state is rebuilt from a log (`file:line` of each). */
  projections: Set<string>;
  low: Hazard[];
}

const IDEMPOTENCY_TARGET = /idempoten|(^|[:_.-])idem([:_.-]|$)/i;
const PROCESSED_TARGET = /processed|dedup|inbox|handled[-_]?(events|messages)|consumed[-_]?(events|messages)/i;
const PROJECTION_NAME = /projection|projector|read-?model/i;
const PROJECTION_FN = /^(apply|project|rebuild|replay|fold|reduce)/i;
/** Families of stores a consumer's writes may need a dedupe record for. */
const STATEFUL = new Set(['sql', 'document', 'cache', 'object', 'local']);

const familyOf = (kind: string) => (isStoreKind(kind) ? STORE_KINDS[kind].family : 'remote');

/** Per job-queue library, the operations that deliver jobs to the service (see StoreModel.consumes). */
const CONSUMES = new Map(CATALOG.filter((m) => m.consumes).map((m) => [m.id, new Set(m.consumes)]));
/** A message or job delivered to the service: a broker's read, or a job queue's delivering operation. */
const delivers = (op: Pick<FoundOp, 'access' | 'library' | 'operation'>, family: string) =>
  (family === 'messaging' && op.access !== 'write') || !!CONSUMES.get(op.library)?.has(op.operation.replace(/^.*\./, ''));

/** Where the service is delivered messages by code of another package it loads or calls (a shared consumer base class). */
export interface ConsumedVia {
  kind: string;
  loc: Pick<Location, 'file' | 'line' | 'column' | 'access' | 'library' | 'operation' | 'target'>;
}

/** The name of the operation's function, and the words the extractor found in the function and in the operation's lines. */
function wordsOf(op: FoundOp, facts: ReadonlyMap<string, FileFacts>): { fnName: string; inFn: (w: string) => boolean; inLines: (w: string) => boolean } {
  const fn = op.use.fn !== undefined ? facts.get(op.file)?.functions[op.use.fn] : undefined;
  return { fnName: fn?.name ?? '', inFn: (w) => !!fn?.sig?.includes(w), inLines: (w) => !!op.use.sig?.includes(w) };
}

/** Records, logs and projections of one service's operations and hazards. */
export function recordsFound(
  ops: readonly FoundOp[], kindOf: (op: FoundOp) => string, hazards: readonly FoundHazard[], service: string, facts: ReadonlyMap<string, FileFacts>,
  via: Iterable<ConsumedVia> = [],
): RecordsFound {
  const out: RecordsFound = { records: [], logs: [], projections: new Set(), low: [] };
  const consumes: FoundOp[] = [];
  for (const op of ops) {
    const family = familyOf(kindOf(op));
    const { fnName, inFn, inLines } = wordsOf(op, facts);
    if (delivers(op, family)) {
      consumes.push(op);
      if (inLines('from-beginning') && op.target) out.logs.push({ op, what: 'a consumer that reads it from the beginning' });
      continue;
    }
    if (!STATEFUL.has(family)) continue;
    const at = { file: op.file, line: op.line, ...(op.target ? { target: op.target } : {}) };
    if (op.target && IDEMPOTENCY_TARGET.test(op.target)) out.records.push({ op, record: { kind: 'idempotency-key', ...at } });
    else if (family !== 'local' && inFn('idempotency-header') && op.access !== 'read' && inLines('nx-or-unique')) out.records.push({ op, record: { kind: 'idempotency-key', ...at } });
    else if ((op.target && PROCESSED_TARGET.test(op.target)) || inLines('unique-message-id')) out.records.push({ op, record: { kind: 'processed-message', ...at } });
    if (op.access !== 'read' && (PROJECTION_NAME.test(op.file) || PROJECTION_FN.test(fnName))) out.projections.add(`${op.file}:${op.line}`);
  }
  // module state a consumer's handler changes, in a projection's file or function: rebuilt from the log
  for (const h of hazards) {
    const entry = h.evidence?.[0];
    const fromConsumer = entry && consumes.some((c) => c.file === entry.file && entry.line >= c.line && entry.line <= c.endLine);
    if (h.moduleState && (PROJECTION_NAME.test(h.file) || (fromConsumer && h.evidence?.some((s) => PROJECTION_FN.test(s.what.replace(/^`/, '')))))) {
      out.projections.add(`${h.file}:${h.line}`);
    }
  }
  // a job queue's own traffic (adding, retrying jobs) is not state the consumer writes
  const writes = ops.filter((o) => o.access !== 'read' && STATEFUL.has(familyOf(kindOf(o))) && familyOf(kindOf(o)) !== 'local' && !CONSUMES.has(o.library));
  // a consumer whose delivery runs in a shared package (`class VisitsConsumer extends ConsumerService`, the base class
  // calling `consumer.run(…)`): the messages are this service's all the same
  const delivered = consumes.length > 0 ? consumes.map((c) => ({ c, family: familyOf(kindOf(c)) })) :
    [...via].filter((v) => delivers(v.loc, familyOf(v.kind))).map((v) => ({ c: v.loc, family: familyOf(v.kind) }));
  if (delivered.length > 0 && writes.length > 0 && out.records.length === 0) {
    const { c, family } = delivered[0];
    const jobs = family !== 'messaging';
    out.low.push({
      service, kind: 'consumer-no-dedupe', file: c.file, line: c.line, column: c.column, confidence: 'low', scope: 'runtime',
      message: `Consumes ${c.target ? `\`${c.target}\`` : jobs ? 'queued jobs' : 'messages'} (delivered at least once) and writes with no idempotency or processed-message record: a ${jobs ? 'retried job' : 'redelivered message'} is applied twice.`,
    });
  }
  return out;
}

// Records kept so that a retry or a redelivery does nothing twice (idempotency keys from a request
// header, processed-message ids), event logs (a topic a consumer replays from the beginning) and the
// projections rebuilt from them. Words in targets and the code next to an operation decide; a consumer
// that writes with no such record is a low-confidence note.
import { STORE_KINDS, isStoreKind } from '../../catalog';
import type { FileFacts } from '../facts';
import type { FoundHazard, FoundOp } from '../link/types';
import type { DedupeRecord, Hazard } from '../model/types';
import { linesOf, type TextOf } from './text';

export interface RecordsFound {
  records: Array<{ op: FoundOp; record: DedupeRecord }>;
  /** The consume operations that replay their topic from the beginning. */
  logs: Array<{ op: FoundOp; what: string }>;
  /** Operations and hazards whose state is rebuilt from a log (`file:line` of each). */
  projections: Set<string>;
  low: Hazard[];
}

const IDEMPOTENCY_TARGET = /idempoten|(^|[:_.-])idem([:_.-]|$)/i;
const IDEMPOTENCY_HEADER = /idempotency[-_ ]?key/i;
const PROCESSED_TARGET = /processed|dedup|inbox|handled[-_]?(events|messages)|consumed[-_]?(events|messages)/i;
const UNIQUE_MESSAGE_ID = /ON\s+CONFLICT\s*\(\s*"?\w*(event|message|msg|delivery)_?id"?\s*\)\s*DO\s+NOTHING/i;
const FROM_BEGINNING = /fromBeginning\s*:\s*true|TRIM_HORIZON|DeliverPolicy\.All|deliver_policy\s*:\s*['"]all/i;
const PROJECTION_NAME = /projection|projector|read-?model/i;
const PROJECTION_FN = /^(apply|project|rebuild|replay|fold|reduce)/i;
/** Families of stores a consumer's writes may need a dedupe record for. */
const STATEFUL = new Set(['sql', 'document', 'cache', 'object', 'local']);

const familyOf = (kind: string) => (isStoreKind(kind) ? STORE_KINDS[kind].family : 'remote');

function bodyOf(op: FoundOp, facts: ReadonlyMap<string, FileFacts>, textOf: TextOf): { fnName: string; body: string; region: string } {
  const text = textOf(op.file) ?? '';
  const fn = op.use.fn !== undefined ? facts.get(op.file)?.functions[op.use.fn] : undefined;
  return { fnName: fn?.name ?? '', body: fn ? text.slice(fn.start, fn.end) : '', region: linesOf(text, op.line, op.endLine) };
}

/** Records, logs and projections of one service's operations and hazards. */
export function recordsFound(ops: readonly FoundOp[], kindOf: (op: FoundOp) => string, hazards: readonly FoundHazard[], service: string, facts: ReadonlyMap<string, FileFacts>, textOf: TextOf): RecordsFound {
  const out: RecordsFound = { records: [], logs: [], projections: new Set(), low: [] };
  const consumes: FoundOp[] = [];
  for (const op of ops) {
    const family = familyOf(kindOf(op));
    const { fnName, body, region } = bodyOf(op, facts, textOf);
    if (family === 'messaging' && op.access !== 'write') {
      consumes.push(op);
      if (FROM_BEGINNING.test(region) && op.target) out.logs.push({ op, what: 'a consumer that reads it from the beginning' });
      continue;
    }
    if (!STATEFUL.has(family)) continue;
    const at = { file: op.file, line: op.line, ...(op.target ? { target: op.target } : {}) };
    if (op.target && IDEMPOTENCY_TARGET.test(op.target)) out.records.push({ op, record: { kind: 'idempotency-key', ...at } });
    else if (family !== 'local' && IDEMPOTENCY_HEADER.test(body) && op.access !== 'read' && /\bNX\b|nx\s*:\s*true|unique|ON\s+CONFLICT/i.test(region)) out.records.push({ op, record: { kind: 'idempotency-key', ...at } });
    else if ((op.target && PROCESSED_TARGET.test(op.target)) || UNIQUE_MESSAGE_ID.test(region)) out.records.push({ op, record: { kind: 'processed-message', ...at } });
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
  const writes = ops.filter((o) => o.access !== 'read' && STATEFUL.has(familyOf(kindOf(o))) && familyOf(kindOf(o)) !== 'local');
  if (consumes.length > 0 && writes.length > 0 && out.records.length === 0) {
    const c = consumes[0];
    out.low.push({
      service, kind: 'consumer-no-dedupe', file: c.file, line: c.line, column: c.column, confidence: 'low', scope: 'runtime',
      message: `Consumes ${c.target ? `\`${c.target}\`` : 'messages'} (delivered at least once) and writes with no idempotency or processed-message record: a redelivered message is applied twice.`,
    });
  }
  return out;
}

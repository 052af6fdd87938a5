import { byPlace, pushTo } from '../grouping';
import type { FileFacts } from '../facts';
import { chainCalls, reach } from './calls';
import { textOf } from './classify';
import type { EvidenceStep, FoundHazard, FoundOp, Work } from './types';
import type { Phases } from './phase';
import { isLockName } from '../../catalog/names';

/** A timer whose callback writes nothing in its own file: what it calls in other files decides (see timerReach.ts). */
export interface QuietTimer {
  file: string;
  /** The callback's function id. */
  id: string;
  line: number;
  column: number;
  message: string;
  /** The function that starts the timer; absent at the module's top level. */
  startedIn?: string;
  /** The callback, when it is a function of another module (`cron.schedule('* * * * *', checkAlerts)` of an imported `checkAlerts`). */
  callee?: { file: string; id: string };
}

/** Something that runs a function of the file on a clock: a timer registration, or a loop that sleeps between rounds. */
export interface Schedule {
  /** The function it runs. */
  id: string;
  line: number;
  column: number;
  message: string;
  /** The function that registers it (`setInterval(…)` inside `startWorker()`); absent at the module's top level. */
  startedIn?: string;
}

/**
 * An atomic take from a shared queue (`LPOP`, `ZPOPMIN`, node-redis's `lPop`, an SQS receive, a Redis stream's
 * consumer-group read `XREADGROUP`): replicas that each run the job split the items between them, as consumers of one queue do, so the job running N times is not a race.
 */
const TAKE = /^(b?[lr]pop|[bl]?mpop|spop|b?zpop(min|max)|b?zmpop|b?rpoplpush|b?lmove|getdel|receiveMessage|receive|xreadgroup|xautoclaim|xclaim)$/i;
export function takesFromQueue(o: FoundOp): boolean {
  return TAKE.test(o.operation);
}

/** A write whose effect other replicas share: not configuration, not the process's own memory. */
export function sharedWrite(o: FoundOp): boolean {
  return o.access !== 'read' && o.kind !== 'env' && o.kind !== 'memory';
}

const DELETE_STEP = /^(delete|deleteMany|deleteOne|deleteObject|deleteObjects|deleteMessage|destroy|remove|removeMany|del|unlink|expire|zremrangebyscore|zremrangebyrank|zremrangebylex|xtrim|ltrim|truncate)$/i;

/**
 * A delete (`DELETE FROM sessions WHERE expires_at < now()`, `deleteMany`, `del`, a stream trimmed to its newest
 * entries with `XTRIM`): replicas that each run it remove the same rows and agree afterwards, so a clean-up job every
 * replica runs is not a race.
 */
export function deletes(o: FoundOp): boolean {
  if (o.operation.split('.').some((step) => DELETE_STEP.test(step))) return true;
  for (const call of chainCalls(o.use.v)) {
    const text = textOf(call.a[0]);
    if (text !== undefined && /^\s*delete\s+from\b/i.test(text)) return true;
  }
  return false;
}

/**
 * The writes other replicas share, apart from deletes (and trims of a stream or list to its newest entries): what a
 * timer every replica runs does twice. A query whose text the analysis cannot read (configured SQL a poller runs) is
 * no proven write.
 */
export function racingWrite(o: FoundOp): boolean {
  return sharedWrite(o) && !deletes(o) && !(o.unread && o.access === 'readwrite');
}

/**
 * A scheduled callback (setInterval, cron) that writes shared state runs once per replica. One that only
 * reads, or that takes a lock first, is not a hazard. Timers whose callback writes nothing in this file
 * go to `quiet`, for the workspace-wide pass that follows their calls into other files.
 */
export function timerHazards(f: FileFacts, schedules: readonly Schedule[], ops: readonly FoundOp[], work: Work = { n: 0 }, quiet: QuietTimer[] = []): FoundHazard[] {
  const out: FoundHazard[] = [];
  for (const s of schedules) {
    work.n += ops.length;
    const inside = reach(f, [s.id]);
    const fileOps = ops.filter((o) => o.file === f.file && o.use.fn !== undefined && inside.has(o.use.fn));
    // what every replica doing it once is a problem for: a write to a shared store or another service. A change of
    // the process's own memory (a cache refilled, a copy of remote config reloaded) is each replica's own by design
    // deletes alone (a clean-up of expired rows) leave every replica's run agreeing: not a race
    const writes = fileOps.some(racingWrite);
    const guarded = fileOps.some((o) => (o.use.tx && !o.use.inProcessLock) || takesFromQueue(o)) || [...inside].some((id) => (f.functions[id]?.calls ?? []).some(isLockName));
    const startedIn = s.startedIn !== undefined ? { startedIn: s.startedIn } : {};
    if (writes && !guarded) out.push({ file: f.file, line: s.line, column: s.column, kind: 'per-replica-timer', message: s.message, ...startedIn });
    else if (!writes && !guarded) quiet.push({ file: f.file, id: s.id, line: s.line, column: s.column, message: s.message, ...startedIn });
  }
  return out;
}

/**
 * A timer that request-time code starts (a handler, a job's processor renewing its lock) runs on the one
 * replica that handles that request, not on every replica: kept as a low-confidence note. Only where a
 * handler surely reaches the start; a timer started in code of unknown phase stays a hazard.
 */
export function refineTimers(hazards: readonly FoundHazard[], phases: Phases, facts: ReadonlyMap<string, FileFacts> = new Map()): FoundHazard[] {
  return groupByStarter(hazards.map((h) => {
    if (h.kind !== 'per-replica-timer' || h.startedIn === undefined) return h;
    // a schedule a request starts once per process (`if (!started) { started = true; cron.schedule(…) }` in a page
    // render): the first request each replica serves starts it there, so every replica runs it
    if (startsOncePerProcess(facts.get(h.file), h.startedIn)) return h;
    const p = phases.of(h.file, h.startedIn);
    // started by a function that one other function calls (`initializeCronJobs()` calling each `runXJob()`): that
    // caller decides that every replica starts them all, and the model makes them one hazard
    const callers = phases.callersOf(h.file, h.startedIn);
    // (else the function that starts them: `setupCronJobs()` scheduling four jobs is one decision too)
    h = { ...h, starter: callers.length === 1 && callers[0] !== 'top' ? callers[0] : `${h.file}\0${h.startedIn}` };
    // started only by code nothing calls (`export const runSyncJob = () => schedule(…)`, its one call commented out)
    if (p.at === 'request' && p.uncalled) {
      const never: EvidenceStep = { file: h.file, line: h.line, what: 'the timer is started here, by code that nothing the analysis can see calls: it may never run' };
      return { ...h, confidence: 'low', evidence: [...p.path, never, ...(h.evidence ?? []).slice(1)] };
    }
    if (p.at !== 'request' || p.confidence !== 'high') return h;
    const started: EvidenceStep = { file: h.file, line: h.line, what: 'the timer is started here, by the request or job that reaches it: one replica runs it for that request, not every replica' };
    return { ...h, confidence: 'low', evidence: [...p.path, started, ...(h.evidence ?? []).slice(1)] };
  }));
}

/** Does function `id` guard what it starts with a module-level flag it tests and then sets (`if (!initialized) { initialized = true; … }`)? */
function startsOncePerProcess(f: FileFacts | undefined, id: string): boolean {
  const tests = f?.functions[id]?.tests;
  if (!f || !tests?.length) return false;
  return f.mutations.some((m) => m.fn === id && m.how === 'assign' && m.lit === 1 && tests.some((t) => t[0] === m.target) && f.declared.some((d) => d.name === m.target));
}

/**
 * Timers that one function starts, each through a function of its own (`initializeCronJobs()` calling twenty
 * `runXJob()`s), are one decision, with one fix (start the schedules on one instance, or take a lock in each): one
 * hazard at the first timer, the others as its places. Notes (low confidence) stay apart.
 */
function groupByStarter(hazards: FoundHazard[]): FoundHazard[] {
  const groups = new Map<string, FoundHazard[]>();
  for (const h of hazards) if (h.kind === 'per-replica-timer' && h.starter !== undefined && h.confidence !== 'low') pushTo(groups, h.starter, h);
  const merged = new Map<FoundHazard, FoundHazard | null>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const sorted = [...list].sort(byPlace);
    const [first, ...rest] = sorted;
    const files = new Set(list.map((h) => h.file)).size;
    merged.set(first, {
      ...first,
      message: `${first.message} One function starts ${list.length} such timers (${files} file${files === 1 ? '' : 's'}): start the schedules on one instance, or take a lock in each.`,
      evidence: [...(first.evidence ?? []), ...rest.map((h) => ({ file: h.file, line: h.line, what: 'also a timer it starts' }))],
      also: rest.map((h) => ({ file: h.file, line: h.line, column: h.column })),
    });
    for (const h of rest) merged.set(h, null);
  }
  if (merged.size === 0) return hazards;
  const out: FoundHazard[] = [];
  for (const h of hazards) {
    const m = merged.get(h);
    if (m !== null) out.push(m ?? h);
  }
  return out;
}

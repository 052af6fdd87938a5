import type { FileFacts } from '../facts';
import { reach } from './calls';
import type { FoundHazard, FoundOp, Work } from './types';
import { isLockName } from '../../catalog/names';

/** A timer whose callback writes nothing in its own file: what it calls in other files decides (see timerReach.ts). */
export interface QuietTimer {
  file: string;
  /** The callback's function id. */
  id: string;
  line: number;
  column: number;
  message: string;
}

/** Something that runs a function of the file on a clock: a timer registration, or a loop that sleeps between rounds. */
export interface Schedule {
  /** The function it runs. */
  id: string;
  line: number;
  column: number;
  message: string;
}

/** A write whose effect other replicas share: not configuration, not the process's own memory. */
export function sharedWrite(o: FoundOp): boolean {
  return o.access !== 'read' && o.kind !== 'env' && o.kind !== 'memory';
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
    const writes = fileOps.some(sharedWrite);
    const guarded = fileOps.some((o) => o.use.tx) || [...inside].some((id) => (f.functions[id]?.calls ?? []).some(isLockName));
    if (writes && !guarded) out.push({ file: f.file, line: s.line, column: s.column, kind: 'per-replica-timer', message: s.message });
    else if (!writes && !guarded) quiet.push({ file: f.file, id: s.id, line: s.line, column: s.column, message: s.message });
  }
  return out;
}

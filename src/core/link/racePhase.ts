// A check-then-act race needs two requests running the same code at once. A check and write that run at
// start-up (a schema upgrade before `listen`, a seed), in a test, or in code no visible request reaches
// are not that: they stay in the JSON as low-confidence notes, and the rest carry the request path.
import type { Phases } from './phase';
import type { FileFacts } from '../facts';
import { placeOf, type FoundHazard, type FoundOp } from './types';

/** `check-then-act` hazards judged by the phase of the function that writes; other hazards pass through. */
export function refineRaces(
  hazards: readonly FoundHazard[], opAt: ReadonlyMap<string, FoundOp>, phases: Phases, facts: ReadonlyMap<string, FileFacts>,
): FoundHazard[] {
  return hazards.map((h) => {
    if (h.kind !== 'check-then-act' || h.confidence === 'low') return h;
    // the write, or a call of a helper in another file that writes (`User.create(…)` saving through its repository):
    // the call's own place says which function runs it
    const use = opAt.get(placeOf(h))?.use ?? facts.get(h.file)?.uses.find((u) => u.line === h.line && u.col === h.column);
    if (!use) return h;
    const fn = use.fn;
    if (fn === undefined) return use.top ? { ...h, confidence: 'low', evidence: [{ file: h.file, line: h.line, what: 'checked and written while the module loads (start-up)' }] } : h;
    const phase = phases.of(h.file, fn);
    if (phase.at !== 'request') {
      const what = phase.at === 'startup' ? 'checked and written at start-up, before requests run' : 'checked and written only by test code';
      return { ...h, confidence: 'low', evidence: [{ file: h.file, line: h.line, what }] };
    }
    if (phase.confidence === 'low') return { ...h, confidence: 'low', evidence: [...phase.path, { file: h.file, line: h.line, what: 'the write' }] };
    // a race needs the code to run twice at once: in a method no caller of which is found (a job step, a migration, a
    // method reached through something not followed) that is not shown
    if (phase.guessed) return { ...h, confidence: 'low', evidence: [...phase.path, { file: h.file, line: h.line, what: 'the write, in code no request is seen to reach: a note' }] };
    return { ...h, evidence: [...phase.path, { file: h.file, line: h.line, what: 'the write' }] };
  });
}

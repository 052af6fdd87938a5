// A client made inside a factory function (`export default (config) => rateLimit({ ...config })`) is made
// anew at every call of the factory: each call is a limiter, a cache or a session store of its own, kept
// where the caller keeps it. The hazard a made client carries belongs at those calls, in the files that
// call the factory, not once at the line inside the factory that every call shares.
import type { FileFacts, UseFact, Val } from '../facts';
import { chainCalls } from './calls';
import { pushTo } from '../grouping';
import type { CrossFileCall, FoundHazard } from './types';

/** A hazard found where a client is made, with the use that made it (set by the linker, never in the map). */
export type MadeHazard = FoundHazard & { madeBy?: UseFact; madeClient?: string };

/**
 * Moves each made-client hazard whose function returns what it made, and which only other files call,
 * to those calls: one hazard per call, with the factory's line as evidence. A factory no file calls, or
 * one its own file calls too, keeps its hazard where it is.
 */
export function factoryHazards(hazards: readonly MadeHazard[], calls: readonly CrossFileCall[], facts: ReadonlyMap<string, FileFacts>): FoundHazard[] {
  const callers = new Map<string, CrossFileCall[]>();
  for (const c of calls) pushTo(callers, `${c.callee.file}\0${c.callee.id}`, c);
  const out: FoundHazard[] = [];
  for (const h of hazards) {
    const use = h.madeBy;
    // any other hazard passes as it is (the same object a kept file's link holds)
    if (!use) {
      out.push(h);
      continue;
    }
    const { madeBy: _, ...plain } = h;
    const f = use.fn !== undefined ? facts.get(h.file) : undefined;
    const fn = f && use.fn !== undefined ? f.functions[use.fn] : undefined;
    const at = fn && returnsMade(fn.ret, use) && !calledInFile(f!, fn.name) ? callers.get(`${h.file}\0${use.fn}`) : undefined;
    if (!at || at.length === 0) {
      out.push(plain);
      continue;
    }
    const seen = new Set<string>();
    for (const c of at) {
      const key = `${c.file}:${c.use.line}:${c.use.col}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        ...plain, file: c.file, line: c.use.line, column: c.use.col,
        evidence: [{ file: c.file, line: c.use.line, what: `a new one made by calling \`${fn!.name || 'a factory'}\`` }, { file: h.file, line: h.line, what: 'made here, once per call' }, ...(plain.evidence ?? [])],
        // where it is made is a place of the same state too: what a reader of the factory finds
        also: [{ file: h.file, line: h.line, column: h.column }, ...(plain.also ?? [])],
      });
    }
  }
  return out;
}

/** Does the function return what the use made (the value itself, or the local it was put in)? */
function returnsMade(ret: readonly Val[], use: UseFact): boolean {
  const made = JSON.stringify(use.v);
  return ret.some((r) => JSON.stringify(r) === made || (use.res !== undefined && r.k === 'ref' && r.n === use.res));
}

/** Does the factory's own file call it (by name, in a function or while it loads)? */
function calledInFile(f: FileFacts, name: string): boolean {
  const short = name.replace(/^.*\./, '');
  if (!short) return false;
  if (Object.values(f.functions).some((g) => g.calls?.includes(short))) return true;
  return f.uses.some((u) => [...chainCalls(u.v)].some((c) => (c.f.k === 'ref' || c.f.k === 'prop') && c.f.n === short));
}

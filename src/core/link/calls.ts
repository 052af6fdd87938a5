// Calls as the facts record them: the calls along one chained expression, and the functions of a file
// that one function reaches. Shared by forwarding, hazards and the model (calls into other services).
import type { FileFacts, Val } from '../facts';
import { pushTo } from '../grouping';

/**
 * The calls of a chain, outermost first: `db.query(…).then(…)` gives `.then(…)`, then `db.query(…)`.
 * `throughLocals`: also into a local's value (`const q = db.query(…); q.then(…)`).
 */
export function* chainCalls(v: Val, throughLocals = false): Generator<Extract<Val, { k: 'call' }>> {
  for (let cur: Val | undefined = v; cur; ) {
    if (throughLocals && cur.k === 'bound') {
      cur = cur.v;
      continue;
    }
    if (cur.k !== 'call') return;
    yield cur;
    cur = cur.f.k === 'prop' ? cur.f.o : undefined;
  }
}

/** The function ids a callback runs: itself, functions nested in it, and this file's functions it calls by name. */
export function reach(f: FileFacts, roots: string[]): Set<string> {
  const out = new Set<string>();
  const byName = new Map<string, string[]>();
  for (const [id, fn] of Object.entries(f.functions)) pushTo(byName, fn.name.replace(/^.*\./, ''), id);
  const queue = [...roots];
  while (queue.length > 0 && out.size < 200) {
    const id = queue.shift()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const [child, fn] of Object.entries(f.functions)) if (fn.parent === id && !out.has(child)) queue.push(child);
    for (const name of f.functions[id]?.calls ?? []) for (const callee of byName.get(name) ?? []) if (!out.has(callee)) queue.push(callee);
  }
  return out;
}

/** The function id a file exports under `name` (`export function`, `export const x = () =>`, `exports.x = function`). */
export function exportedFunction(f: FileFacts | undefined, name: string): string | undefined {
  const v = f?.exports.find((e) => e.name === name)?.v;
  if (v?.k === 'fn') return v.id;
  const b = v?.k === 'ref' ? f?.bindings[v.n] : undefined;
  return b?.k === 'fn' ? b.id : undefined;
}

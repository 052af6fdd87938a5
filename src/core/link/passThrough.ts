// Functions that hand back what their callback makes: `remember('prisma', () => new PrismaClient())`,
// `once(make)`, `lazy(make)`, a memo helper written in the repository. Told by shape, never by name.
import type { FileFacts } from '../facts';

/**
 * Positions of the parameters of function `id` that it (or a function nested in it) calls: the
 * function returns their result, now or later, or keeps it and returns it (`made.set(k, make())`).
 * The caller only uses this when the function's own returns say nothing better.
 */
export function calledParams(f: FileFacts | undefined, id: string): number[] {
  const fn = f?.functions[id];
  if (!f || !fn?.params?.some((p) => p)) return [];
  const called = new Set<string>();
  for (const [gid, g] of Object.entries(f.functions)) {
    if (g.calls && within(f, gid, id)) for (const c of g.calls) called.add(c);
  }
  return fn.params.flatMap((p, i) => (p && called.has(p) ? [i] : []));
}

/** Is function `gid` the function `id` or nested in it? */
function within(f: FileFacts, gid: string, id: string): boolean {
  let cur: string | undefined = gid;
  for (let hops = 0; cur && hops < 64; hops++) {
    if (cur === id) return true;
    cur = f.functions[cur]?.parent;
  }
  return false;
}

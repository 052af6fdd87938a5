import type { FileFacts } from '../core/facts';
import type { Service, StateMap } from '../core/model/types';
import type { EntryPoint, HazardSite } from './workerProtocol';

const SOURCE_EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const COMMON_ENTRIES = [
  'src/server', 'src/index', 'src/main', 'src/app', 'src/handler', 'src/worker', 'src/lambda', 'server', 'index', 'main', 'app', 'handler', 'worker',
  'src/App', 'src/pages/_app', 'app/layout', 'src/app/layout', 'pages/_app',
];

function join(root: string, rel: string): string {
  const clean = rel.replace(/^\.\//, '');
  return root === '.' || root === '' ? clean : `${root}/${clean}`;
}

/** `dist/server.js` → the sources that build it: `src/server`, `server`. */
function sourceStems(target: string): string[] {
  const noExt = target.replace(/^\.\//, '').replace(/\.(c|m)?(j|t)sx?$/, '');
  const stems = [noExt];
  const m = /^(dist|lib|build|out|esm|cjs)\/(.*)$/.exec(noExt);
  if (m) stems.push(`src/${m[2]}`, m[2]);
  return stems;
}

/** Paths a package.json names as what runs: main, module, bin, exports["."]. */
function manifestTargets(pkg: unknown): string[] {
  if (!pkg || typeof pkg !== 'object') return [];
  const p = pkg as Record<string, unknown>;
  const out: string[] = [];
  const add = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') for (const x of Object.values(v as Record<string, unknown>)) add(x);
  };
  add(p.main);
  add(p.module);
  add(p.bin);
  if (typeof p.exports === 'string') add(p.exports);
  else if (p.exports && typeof p.exports === 'object') add((p.exports as Record<string, unknown>)['.']);
  const start = p.scripts && typeof p.scripts === 'object' ? (p.scripts as Record<string, unknown>).start : undefined;
  if (typeof start === 'string') for (const m of start.matchAll(/([\w./-]+\.(?:c|m)?(?:j|t)sx?)\b/g)) out.push(m[1]);
  return out;
}

/**
 * Where each service starts, for its CodeLens: a file that listens or exports a handler wins, then what
 * package.json names, then the usual names; a service with none of these has no entry. Reads facts, not code.
 */
export function findEntryPoints(
  map: StateMap,
  factsOf: (file: string) => Pick<FileFacts, 'hints'> | undefined,
  readPackage: (serviceRoot: string) => unknown,
): Record<string, EntryPoint> {
  const out: Record<string, EntryPoint> = {};
  for (const s of map.services) {
    const candidates: string[] = [];
    for (const target of manifestTargets(readPackage(s.root))) for (const stem of sourceStems(target)) candidates.push(join(s.root, stem));
    for (const c of COMMON_ENTRIES) candidates.push(join(s.root, c));
    const files: string[] = [];
    const seen = new Set<string>();
    const push = (f: string): void => {
      if (!seen.has(f) && factsOf(f)) files.push(f);
      seen.add(f);
    };
    for (const c of candidates) {
      if (/\.(c|m)?(j|t)sx?$/.test(c)) push(c);
      for (const ext of SOURCE_EXTS) push(c + ext);
    }
    // a file that only touches state (a React hook, a repository module) is no entry: it may win only by listening
    const named = files.length;
    for (const f of filesOfService(map, s)) push(f);
    const strong = files.find((f) => factsOf(f)?.hints.listen || factsOf(f)?.hints.handler);
    const file = strong ?? (named > 0 ? files[0] : undefined);
    if (file) out[s.id] = { file, line: factsOf(file)?.hints.handler ?? 1 };
  }
  return out;
}

function filesOfService(map: StateMap, s: Service): string[] {
  const files = new Set<string>();
  for (const e of map.edges) if (e.service === s.id) for (const l of e.locations) files.add(l.file);
  for (const h of map.hazards) if (h.service === s.id) files.add(h.file);
  return [...files].sort();
}

/**
 * The places that change the module-level state a hazard is about: in the hazard's own file, and in the
 * files that import the binding (`import { sessions } from './store'; sessions.set(…)`), when `files`
 * and `resolveImport` say where imports lead. The declaration is where the hazard points, its mutations
 * are where a developer edits.
 */
export function findHazardSites(
  map: StateMap,
  factsOf: (file: string) => (Pick<FileFacts, 'declared' | 'mutations'> & Partial<Pick<FileFacts, 'exports'>>) | undefined,
  others?: { files: readonly string[]; resolveImport(spec: string, from: string): string | undefined },
): HazardSite[] {
  const sites: HazardSite[] = [];
  // imported mutations, by the file and exported name they reach
  const imported = new Map<string, Array<{ file: string; line: number; col: number }>>();
  for (const file of others?.files ?? []) {
    for (const m of factsOf(file)?.mutations ?? []) {
      if (!m.imp) continue;
      const to = others!.resolveImport(m.imp.m, file);
      if (!to) continue;
      const key = `${to}\0${m.imp.n}`;
      const site = { file, line: m.line, col: m.col };
      const list = imported.get(key);
      if (list) list.push(site);
      else imported.set(key, [site]);
    }
  }
  map.hazards.forEach((h, i) => {
    const facts = factsOf(h.file);
    if (!facts) return;
    const decl = facts.declared.find((d) => d.line === h.line && d.col === h.column) ?? facts.declared.find((d) => d.line === h.line);
    if (!decl) return;
    for (const m of facts.mutations) {
      if (m.imp || (m.target !== decl.name && !m.target.startsWith(`${decl.name}.`))) continue;
      if (m.line === h.line) continue;
      sites.push({ hazard: i, file: h.file, line: m.line, column: m.col, binding: decl.name });
    }
    for (const e of facts.exports ?? []) {
      if (e.v?.k !== 'ref' || e.v.n !== decl.name) continue;
      for (const m of imported.get(`${h.file}\0${e.name}`) ?? []) sites.push({ hazard: i, file: m.file, line: m.line, column: m.col, binding: decl.name });
    }
  });
  return sites;
}

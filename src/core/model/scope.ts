import picomatch from 'picomatch';
import { holdsWorkspacePackages, type DiscoveredService } from '../discover';
import { commandEntries, lifecycleScripts, type EntrySpec } from '../discover/entries';
import type { ServiceEntry } from './types';
import { CONFIG_FILE, SAMPLE_DIR, TOOL_SCRIPT } from '../../catalog/layout';
import { SOURCE_EXTENSIONS, startSource, type BuildFolder } from '../sourceFiles';
import { pushTo } from '../grouping';

export interface RuntimeScope {
  /** Files some service runs: the import closure of every entry (and every file of a service without one). */
  runtime: Set<string>;
  /** Entries found, by the id of the service whose folder holds them. */
  entries: Map<string, ServiceEntry[]>;
  /** Services no entry was found for: all their files count, as before entries were known. */
  fallback: Set<string>;
  /** What starts each service: its entry files, or every file of a service in `fallback`. */
  starts: Map<string, string[]>;
}


/**
 * Which files run in a service. A service's runtime code is the import closure of what starts it;
 * a file outside every closure is tooling (a build script, a bundler config, a seed). `owner` maps each
 * file to its service; `extraEntries` are folders or files deployed as functions (CDK assets).
 */
export function runtimeScope(
  services: readonly DiscoveredService[], files: ReadonlySet<string>, owner: ReadonlyMap<string, string>,
  imports: ReadonlyMap<string, ReadonlySet<string>>, extraEntries: readonly string[], builds: readonly BuildFolder[] = [],
): RuntimeScope {
  const entries = new Map<string, ServiceEntry[]>();
  const roots = new Set<string>();
  const starts = new Map<string, string[]>();
  const note = (file: string, entry: ServiceEntry) => {
    roots.add(file);
    const o = owner.get(file);
    if (o === undefined) return;
    pushTo(starts, o, file);
    const list = entries.get(o) ?? [];
    if (!list.some((e) => e.path === entry.path)) list.push(entry);
    entries.set(o, list);
  };
  const sorted = [...files].sort();
  // a sample's package (`examples/next`) runs nothing of the project's: all its code is tooling
  // so is a side-by-side copy of a package (a chapter snapshot)
  const sample = (s: DiscoveredService) => (s.root !== '.' && SAMPLE_DIR.test(s.root)) || s.copyOf !== undefined;
  for (const s of services) {
    if (sample(s)) continue;
    for (const spec of s.entries) {
      for (const file of resolveSpec(spec, sorted, files, builds)) note(file, { path: spec.glob ? spec.path : file, from: spec.from });
    }
  }
  for (const p of new Set(extraEntries)) {
    for (const file of sorted) {
      if (file.startsWith(p + '/') || stripExt(file) === p || file === p) note(file, { path: p, from: 'AWS CDK function' });
    }
  }
  const fallback = new Set<string>();
  // the root of npm/yarn/pnpm workspaces with no entry of its own runs nothing: its packages do, and what
  // it keeps beside them (release and build scripts, configs) is tooling
  // so does a package whose scripts, Procfile or containers start units of its own and that starts nothing else
  const startsUnits = (s: DiscoveredService) => services.some((x) => x !== s && x.program && x.name.startsWith(`${s.name}/`) && (s.root === '.' || x.root.startsWith(`${s.root}/`)));
  for (const s of services) {
    if (entries.has(s.id) || holdsWorkspacePackages(s, services) || sample(s) || startsUnits(s)) continue;
    fallback.add(s.id);
    for (const [file, o] of owner) {
      if (o !== s.id) continue;
      roots.add(file);
      pushTo(starts, o, file);
    }
  }
  const runtime = new Set<string>();
  const close = (from: Iterable<string>) => {
    const queue = [...from];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (runtime.has(file)) continue;
      runtime.add(file);
      for (const d of imports.get(file) ?? []) if (!runtime.has(d)) queue.push(d);
    }
  };
  close(roots);
  close(besideRuntime(services, owner, runtime, fallback, sample));
  for (const list of entries.values()) list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { runtime, entries, fallback, starts };
}


/**
 * Files the import graph cannot see being loaded but that sit beside runtime code: a module loaded by a
 * computed path (`require(path.join(dir, name))` over a plugin folder) or a worker forked by file name.
 * A file counts when the top folder it is in (below its service's root) holds runtime code too, or when
 * it sits at the service's root and is not a config file by name. What stays tooling is in folders that
 * no runtime code shares (`scripts/`, `tools/`, `docs/`, `dev/`) or is a config (`vite.config.ts`).
 */
function besideRuntime(
  services: readonly DiscoveredService[], owner: ReadonlyMap<string, string>, runtime: ReadonlySet<string>, fallback: ReadonlySet<string>,
  sample: (s: DiscoveredService) => boolean,
): string[] {
  const rootOf = new Map(services.map((s) => [s.id, s.root]));
  const samples = new Set(services.filter(sample).map((s) => s.id));
  const inner = (file: string, root: string) => (root === '.' ? file : file.slice(root.length + 1));
  const tops = new Map<string, Set<string>>();
  for (const file of runtime) {
    const o = owner.get(file);
    const root = o === undefined ? undefined : rootOf.get(o);
    if (o === undefined || root === undefined) continue;
    const rel = inner(file, root);
    if (!rel.includes('/')) continue;
    const set = tops.get(o) ?? new Set<string>();
    set.add(rel.slice(0, rel.indexOf('/')));
    tops.set(o, set);
  }
  const out: string[] = [];
  const tooling = toolScripts(services, owner);
  for (const [file, o] of owner) {
    const root = rootOf.get(o);
    if (runtime.has(file) || fallback.has(o) || root === undefined || samples.has(o) || tooling.has(file)) continue;
    const rel = inner(file, root);
    const slash = rel.indexOf('/');
    if (slash < 0 ? !CONFIG_FILE.test(rel) : tops.get(o)?.has(rel.slice(0, slash))) out.push(file);
  }
  return out;
}


/**
 * The files a package's tool scripts run (`"generate": "tsx ./src/scripts/generate-openapi.ts"`): run by hand or by a
 * build, never by what starts the service, however close they sit to its code.
 */
function toolScripts(services: readonly DiscoveredService[], owner: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  for (const s of services) {
    // (and what the package's lifecycle runs: `postinstall: npm run updateRanks` is an install step)
    const lifecycle = s.pkg ? lifecycleScripts(s.pkg) : new Set<string>();
    for (const [name, cmd] of Object.entries(s.pkg?.scripts ?? {})) {
      if (!TOOL_SCRIPT.test(name) && !lifecycle.has(name)) continue;
      for (const e of commandEntries(cmd, s.pkg, 0)) {
        if (e.glob) continue;
        const file = s.root === '.' ? e.path : `${s.root}/${e.path}`;
        for (const candidate of [file, ...SOURCE_EXTENSIONS.map((x) => stripExt(file) + x)]) if (owner.has(candidate)) out.add(candidate);
      }
    }
  }
  return out;
}

function resolveSpec(spec: EntrySpec, sorted: readonly string[], files: ReadonlySet<string>, builds: readonly BuildFolder[]): string[] {
  if (spec.glob) {
    const match = picomatch(spec.path, { dot: false });
    return sorted.filter((f) => match(f));
  }
  const hit = startSource(spec.path, files, builds);
  return hit ? [hit] : [];
}

function stripExt(file: string): string {
  return file.replace(/\.[cm]?[jt]sx?$/, '');
}

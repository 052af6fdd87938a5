import { IN_PROCESS_HAZARDS, storeFamily, storeLabel, type Access, type HazardKind, type StoreKind } from '../../catalog';
import { combineAccess } from '../../catalog/verbs';
import { sortClaims, strongestClaim } from '../discover/claims';
import { ownerOf, type DiscoveredService, type Workspace } from '../discover';
import { buildFolders } from '../discover/schemas';
import type { FileFacts } from '../facts';
import { addTo, moduleStateMessage, pushTo, reach, type FoundHazard, type FoundOp, type LinkResult } from '../link';
import { SERVER_MODULES, browserFiles, cdkFunctionPaths, CONSUMER_KINDS, isBrowserFile, serverFiles, serviceKind, sqlDialectFromDeps } from './services';
import { runtimeScope, type RuntimeScope } from './scope';
import { loadedFiles, type Reached } from './loaded';
import type { ClaimSource, Edge, Hazard, Location, NotShown, Problem, Scope, Service, ServiceKind, StateMap, Store, Verdict } from './types';
import { CONFIG_FILE, TOOL_CONFIG_FILE, TOOLING } from '../../catalog/layout';
import { isConfigKind } from '../../catalog/kinds';
import { deploymentPlaces, repositoryCode } from '../places/deployment';
import { applyToHazards, placeWrites, rwoHazards } from '../places/volumes';
import { annotateJwt, applyRecords } from '../places/annotate';
import { recordsFound } from '../places/records';
import { logEntries, sqlEventLogs, type SqlLog } from '../places/eventLogs';
import { groupDiskWrites } from './diskWrites';
import { ModelMemo, noneHidden, type HiddenPlaces, type ServiceInputs, type ServiceModel } from './reuse';

export { runtimeView } from './view';
export { ModelMemo } from './reuse';

/** Hazards that also show as state kept in process memory: the in-process ones but a file on disk (that is the filesystem store). */
const MEMORY_HAZARDS: ReadonlySet<HazardKind> = new Set([...IN_PROCESS_HAZARDS].filter((k) => k !== 'local-file-write'));
/** Kinds of service where in-process state matters: several replicas of them may run. */
const SCALED = new Set(['http-server', 'worker', 'lambda', 'unknown', 'library']);

/** Which service owns each file, and what the link found grouped once by owning service. */
interface Grouped {
  owner: Map<string, string>;
  filesOf: Map<string, FileFacts[]>;
  opsBy: Map<string, FoundOp[]>;
  hazardsBy: Map<string, FoundHazard[]>;
  /** Services whose files another service's files import (a shared package is a library). */
  importedBy: Map<string, Set<string>>;
}

/** The final kind of every operation, and the instances of each kind: two connections of one kind are two stores. */
interface Kinds {
  kindOf: Map<FoundOp, StoreKind>;
  instancesOf: Map<StoreKind, Set<string>>;
  /** Append-only SQL tables replayed in order (a write anywhere in the workspace counts, so found once, with the final kinds). */
  sqlLogs: SqlLog[];
  /** Per service, the one kind its own code makes each SQL library's clients with (see ownSqlKinds). */
  ownSql: Map<string, Map<string, StoreKind>>;
}

/**
 * The StateMap: services with their claims and verdicts, stores, edges with their evidence, hazards.
 * Deterministic: the same facts give byte-identical JSON. `memo`: a session's record of the last map, whose
 * services made from the same inputs are taken over instead of modelled again.
 */
export function buildStateMap(ws: Workspace, facts: ReadonlyMap<string, FileFacts>, link: LinkResult, problems: Problem[], memo?: ModelMemo): StateMap {
  const grouped = groupByService(ws, facts, link);
  const kinds = finalKinds(ws, facts, link, grouped);
  const cdk = cdkFunctionPaths(facts.values());
  const scope = runtimeScope(ws.services, new Set(facts.keys()), grouped.owner, link.imports, cdk, buildFolders(ws.pathMappings));
  retargetTimers(ws.services, grouped, link, facts, scope);
  retargetToUnits(ws.services, grouped, link, facts, scope);
  const out = { services: [] as Service[], edges: new Map<string, Edge>(), stores: new Map<string, Store>(), hazards: [] as Hazard[], low: [] as Hazard[], hidden: noneHidden() };
  // each service's kind from its own code; what it reaches through calls may still make it a worker (buildService)
  const ownKinds = new Map(ws.services.map((ds) => [ds.id, serviceKind({ service: ds, files: grouped.filesOf.get(ds.id) ?? [] }, grouped.opsBy.get(ds.id) ?? [], grouped.importedBy.has(ds.id), ws, cdk)]));
  const browserOnly = browserOnlyLibraries(grouped, ownKinds, scope.runtime);
  memo?.begin({ ws, imports: link.imports, instances: kinds.instancesOf, sqlLogs: kinds.sqlLogs, cdk });
  for (const ds of ws.services) {
    const called = new Set<FoundOp>();
    // a shared package's SQL that names no database runs on the one this service's own code opens with that library
    const own = kinds.ownSql.get(ds.id) ?? new Map<string, StoreKind>();
    const kindFor = (op: FoundOp): StoreKind => {
      const k = kinds.kindOf.get(op) ?? op.kind;
      return k === 'sql' ? own.get(op.library) ?? k : k;
    };
    const through = throughCalls(ds.id, grouped.owner, link, facts, kindFor, called);
    for (const [key, via] of loadedFromOthers(ds.id, scope, grouped.owner, link, facts, kindFor, called)) through.set(key, via);
    const inputs = memo && serviceInputs(ds.id, grouped, kinds, through, browserOnly.has(ds.id));
    // a JWT's revocation is looked for through calls from anywhere: such a service is always modelled again
    const kept = inputs && !inputs.kinds.includes('jwt') ? memo.take(ds.id, inputs) : undefined;
    const model = kept ?? modelService(out.stores, (part) => buildService(ds, ws, facts, link, grouped, kinds, cdk, scope, through, part, ownKinds.get(ds.id)!, browserOnly.has(ds.id)));
    if (inputs && !kept) memo.keep(ds.id, inputs, model);
    out.services.push(model.service);
    for (const st of model.stores) if (!out.stores.has(st.id)) out.stores.set(st.id, st);
    for (const e of model.edges) out.edges.set(`${e.service}\0${e.store}`, e);
    out.hazards.push(...model.hazards);
    out.low.push(...model.low);
    for (const k of Object.keys(out.hidden) as Array<keyof HiddenPlaces>) out.hidden[k] += model.hidden[k];
  }
  for (const s of out.services) {
    // said where something names what runs (scripts, a Dockerfile) but none of it was found among the sources;
    // not for a library (it runs in what imports it) nor a frontend (browser code is never tooling)
    const ds = ws.services.find((d) => d.id === s.id);
    const looked = Object.keys(ds?.pkg?.scripts ?? {}).length > 0 || (ds?.entries.length ?? 0) > 0;
    if (scope.fallback.has(s.id) && looked && s.kind !== 'library' && s.kind !== 'frontend' && (grouped.filesOf.get(s.id)?.length ?? 0) > 0) {
      problems.push({ file: s.root, message: `no runtime entry found for service ${s.name}: all its files count` });
    }
  }
  for (const [file, f] of facts) for (const p of f.problems ?? []) problems.push({ file, message: p });
  const notShown = notShownOf(out.hidden);
  return {
    schemaVersion: 1,
    root: ws.root,
    services: out.services.sort((a, b) => cmp(a.id, b.id)),
    stores: [...out.stores.values()].sort((a, b) => cmp(a.id, b.id)),
    edges: [...out.edges.values()].map(sortEdge).sort((a, b) => cmp(a.service, b.service) || cmp(a.store, b.store)),
    hazards: out.hazards.sort(byPlace),
    ...(out.low.length > 0 ? { lowConfidenceHazards: out.low.sort(byPlace) } : {}),
    problems: dedupeProblems(problems),
    ...(notShown ? { notShown } : {}),
  };
}

/**
 * A timer runs in the process that calls the function starting it: `initialize()` of `Server/cron/index.ts`, called by
 * the cron runner's entry, is the cron runner's timer, not the API's whose folder holds the file. Each timer a service
 * starts through a call into another service's code is that service's too; the file's owner keeps it only when what
 * the owner itself runs reaches the function that starts it (or no entry of the owner is known).
 */
function retargetTimers(services: readonly DiscoveredService[], g: Grouped, link: LinkResult, facts: ReadonlyMap<string, FileFacts>, scope: RuntimeScope): void {
  const reachedBy = new Map<FoundHazard, string[]>();
  const { callsBy } = linkIndex(link, g.owner);
  for (const s of services) {
    for (const c of callsBy.get(s.id) ?? []) {
      const calleeOwner = g.owner.get(c.callee.file);
      const callee = facts.get(c.callee.file);
      if (!calleeOwner || calleeOwner === s.id || !callee) continue;
      const inside = reach(callee, [c.callee.id]);
      for (const h of g.hazardsBy.get(calleeOwner) ?? []) {
        if (h.kind !== 'per-replica-timer' || h.file !== c.callee.file || h.startedIn === undefined || !inside.has(h.startedIn)) continue;
        const users = reachedBy.get(h) ?? [];
        if (!users.includes(s.id)) users.push(s.id);
        reachedBy.set(h, users);
      }
    }
  }
  for (const [h, users] of reachedBy) {
    const o = g.owner.get(h.file)!;
    const reached = link.specs ? loadedFiles(scope.starts.get(o) ?? [], facts, link.specs).get(h.file) : 'all';
    const ownRuns = scope.fallback.has(o) || reached === 'all' || (reached !== undefined && reached.has(h.startedIn!));
    if (!ownRuns) g.hazardsBy.set(o, (g.hazardsBy.get(o) ?? []).filter((x) => x !== h));
    for (const u of users) pushTo(g.hazardsBy, u, h);
  }
}

/**
 * A package whose own start is not found (its `main` names no file; its scripts run `node ./built/web/index.js` and
 * `node ./built/jobs/index.js`, each a unit of its own folder) runs its shared code only in those units: a hazard in a file
 * of the package that one of its units loads is that unit's (and each other unit's that loads it), not the package's.
 */
function retargetToUnits(services: readonly DiscoveredService[], g: Grouped, link: LinkResult, facts: ReadonlyMap<string, FileFacts>, scope: RuntimeScope): void {
  if (!link.specs) return;
  for (const pkg of services) {
    const hazards = g.hazardsBy.get(pkg.id);
    if (!hazards?.length || scope.entries.has(pkg.id)) continue;
    const units = services.filter((u) => u.program && u.kind !== 'frontend' && u.id !== pkg.id && (pkg.root === '.' || u.root.startsWith(pkg.root + '/')) && scope.starts.has(u.id));
    if (units.length === 0) continue;
    const loaded = units.map((u) => [u.id, loadedFiles(scope.starts.get(u.id)!, facts, link.specs!)] as const);
    const keep: FoundHazard[] = [];
    for (const h of hazards) {
      // the unit that loads where the hazard's path begins (the handler, the exported function) and may run it
      const from = h.evidence?.[0] ?? h;
      const fns = Object.entries(facts.get(from.file)?.functions ?? {}).filter(([, fn]) => fn.line === from.line).map(([id]) => id);
      const runs = (files: ReadonlyMap<string, Reached>) => {
        const r = files.get(from.file);
        return r !== undefined && (r === 'all' || fns.length === 0 || fns.some((id) => r.has(id)));
      };
      const users = loaded.filter(([, files]) => runs(files)).map(([id]) => id);
      if (users.length === 0) keep.push(h);
      for (const u of users) pushTo(g.hazardsBy, u, h);
    }
    g.hazardsBy.set(pkg.id, keep);
  }
}

function serviceInputs(id: string, g: Grouped, k: Kinds, through: ReturnType<typeof throughCalls>, browserOnly: boolean): ServiceInputs {
  const ops = g.opsBy.get(id) ?? [];
  return { files: g.filesOf.get(id) ?? [], ops, kinds: ops.map((op) => k.kindOf.get(op) ?? op.kind), hazards: g.hazardsBy.get(id) ?? [], through: JSON.stringify([...through]), browserOnly };
}

/**
 * Libraries that only browser apps load (`packages/element` of an editor whose every importer is its web app, or
 * another such library): their code runs in each user's browser, so what it keeps in memory is that user's, as a
 * browser app's is. Kinds here are the services' own, before what they reach through calls is known (that decides
 * a worker, never a browser app).
 */
function browserOnlyLibraries(g: Grouped, kind: ReadonlyMap<string, ServiceKind>, runtime: ReadonlySet<string>): Set<string> {
  const importers = (id: string) => [...(g.importedBy.get(id) ?? [])];
  // code that loads a server framework (`express`, `hono`, `ws`) runs on a server, whoever imports it (a library may
  // also ship a Node entry, `index-node.ts` reading fonts with `node:fs`, and still be the browser's)
  const serverCode = (id: string) => (g.filesOf.get(id) ?? []).some((f) => runtime.has(f.file) &&
    f.imports.some((i) => !i.typeOnly && SERVER_MODULES.has(i.module.replace(/^node:/, ''))));
  // libraries import each other (`common` ↔ `element`): the largest set of libraries that only browser apps and
  // libraries of the set import…
  const set = new Set([...kind].filter(([id, k]) => k === 'library' && importers(id).length > 0 && !serverCode(id)).map(([id]) => id));
  for (let changed = true; changed;) {
    changed = false;
    for (const id of set) {
      if (importers(id).every((i) => kind.get(i) === 'frontend' || set.has(i))) continue;
      set.delete(id);
      changed = true;
    }
  }
  // …of which those a browser app loads, directly or through others of the set
  const out = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const id of set) {
      if (out.has(id) || !importers(id).some((i) => kind.get(i) === 'frontend' || out.has(i))) continue;
      out.add(id);
      changed = true;
    }
  }
  return out;
}

/** One service modelled on its own: its edges, hazards, and the stores (shared by every service) its edges lead to. */
function modelService(stores: Map<string, Store>, build: (part: Building) => Service): ServiceModel {
  const part: Building = { edges: new Map(), stores, hazards: [], low: [], hidden: noneHidden() };
  const service = build(part);
  const edges = [...part.edges.values()];
  return { service, edges, stores: edges.map((e) => stores.get(e.store)!), hazards: part.hazards, low: part.low, hidden: part.hidden };
}

/** What was found and is drawn only with experimental hazards (see `StateMap.notShown`), or undefined when nothing was. */
function notShownOf(h: HiddenPlaces): NotShown | undefined {
  const out = Object.fromEntries(Object.entries(h).filter(([, n]) => n > 0)) as NotShown;
  return Object.keys(out).length > 0 ? out : undefined;
}

function byPlace(a: Hazard, b: Hazard): number {
  return cmp(a.service, b.service) || cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.kind, b.kind);
}

function groupByService(ws: Workspace, facts: ReadonlyMap<string, FileFacts>, link: LinkResult): Grouped {
  const roots = ws.services.map((s) => s.root);
  const filesOf = new Map<string, FileFacts[]>(ws.services.map((s) => [s.id, []]));
  const owner = new Map<string, string>();
  for (const [file, f] of facts) {
    const o = ownerOf(file, roots);
    if (o === undefined) continue;
    owner.set(file, o);
    filesOf.get(o)?.push(f);
  }
  // who loads a service's code: value imports only (`import type { AppRouter } from '../server/…'` loads nothing, so a
  // browser app that types its API calls with the server's router does not make the server its library)
  const importedBy = new Map<string, Set<string>>();
  for (const [file, f] of facts) {
    const from = owner.get(file);
    const specs = link.specs?.get(file);
    if (!from || !specs) continue;
    for (const imp of f.imports) {
      const d = imp.typeOnly ? undefined : specs.get(imp.module);
      const to = d === undefined ? undefined : owner.get(d);
      if (to && to !== from) addTo(importedBy, to, from);
    }
  }
  const opsBy = new Map<string, FoundOp[]>();
  for (const op of link.ops) {
    const o = owner.get(op.file);
    if (o) pushTo(opsBy, o, op);
  }
  const hazardsBy = new Map<string, FoundHazard[]>();
  for (const h of link.hazards) {
    const o = owner.get(h.file);
    if (o) pushTo(hazardsBy, o, h);
  }
  return { owner, filesOf, opsBy, hazardsBy, importedBy };
}

/**
 * A service's installed driver names an ORM's dialect; a NestJS module configures another library's kind; SQL that
 * names no database runs on the one the service's own code opens with that library.
 */
function finalKinds(ws: Workspace, facts: ReadonlyMap<string, FileFacts>, link: LinkResult, { owner, opsBy, filesOf }: Grouped): Kinds {
  const unifiedKind = unifySqlKinds(link.ops, link.madeKinds);
  const kindOf = new Map<FoundOp, StoreKind>();
  const instancesOf = new Map<StoreKind, Set<string>>();
  const ownSql = new Map<string, Map<string, StoreKind>>();
  for (const ds of ws.services) {
    const dialect = sqlDialectFromDeps(ds.pkg?.deps, ws.packages.get('.')?.deps);
    const configured = new Map<string, StoreKind>();
    for (const c of link.configs) if (owner.get(c.file) === ds.id) for (const lib of c.libraries) configured.set(lib, c.kind);
    const own = ownSqlKinds((filesOf.get(ds.id) ?? []).map((f) => f.file), link.madeIn);
    ownSql.set(ds.id, own);
    // a file read while the process starts configures it, the same on every replica, unless the service also
    // writes to its disk: then what it reads at start may be its own state (an index rebuilt from its uploads)
    const writesDisk = (opsBy.get(ds.id) ?? []).some((op) => op.kind === 'filesystem' && op.access !== 'read');
    for (const op of opsBy.get(ds.id) ?? []) {
      const fromConfig = !op.how ? configured.get(op.library) : undefined;
      const startupConfig = op.atStartup && !writesDisk ? 'config' : undefined;
      const k = fromConfig ?? startupConfig ?? (op.kind === 'sql' ? own.get(op.library) ?? unifiedKind.get(op.library) ?? dialect ?? 'sql' : op.kind);
      kindOf.set(op, k);
      if (op.instance) addTo(instancesOf, k, op.instance);
    }
  }
  return { kindOf, instancesOf, sqlLogs: sqlEventLogs(link.ops, (op) => kindOf.get(op) ?? op.kind, facts), ownSql };
}

type Building = { edges: Map<string, Edge>; stores: Map<string, Store>; hazards: Hazard[]; low: Hazard[]; hidden: HiddenPlaces };

/** One service: its kind, claims, edges (added to `out`), hazards and verdict. */
function buildService(
  ds: DiscoveredService, ws: Workspace, facts: ReadonlyMap<string, FileFacts>, link: LinkResult, g: Grouped, k: Kinds, cdk: readonly string[], rs: RuntimeScope,
  through: ReturnType<typeof throughCalls>, out: Building, ownKind: ServiceKind, browserOnly = false,
): Service {

  const files = g.filesOf.get(ds.id) ?? [];
  const ops = g.opsBy.get(ds.id) ?? [];
  const consumesVia = [...through.values()].some((v) => v.loc.access !== 'write' && CONSUMER_KINDS.has(v.kind));
  const kind = consumesVia ? serviceKind({ service: ds, files }, ops, g.importedBy.has(ds.id), ws, cdk, true) : ownKind;
  const nextjs = !!ds.pkg?.deps.has('next') && kind !== 'frontend';
  const browser = browserFiles(ds.root, files, kind === 'frontend' || (kind === 'library' && browserOnly), nextjs, link.imports);
  const server = serverFiles(files, link.imports);
  // browser code runs in users' browsers, entered through pages the import graph does not read (a server's
  // templates, `static/` scripts): tooling is build-time code, never what a service ships to a browser
  const scopeOf = (file: string): Scope => {
    if (rs.fallback.has(ds.id) && TOOL_CONFIG_FILE.test(file.slice(file.lastIndexOf('/') + 1))) return 'tooling';
    if (rs.runtime.has(file)) return 'runtime';
    // a bundler's or task runner's config (`vite.config.ts`, `gulpfile.js`) runs in Node at build time, whatever it imports
    if (CONFIG_FILE.test(file.slice(file.lastIndexOf('/') + 1))) return 'tooling';
    const f = facts.get(file);
    return browser.has(file) || (f !== undefined && isBrowserFile(f)) ? 'runtime' : 'tooling';
  };
  const claims = claimsOf(ds, files, kind);
  const own = new Map<string, Edge>();
  // `fixed`: a store the manifests name (a volume, a ConfigMap, a Secret), with its own id
  const addLocation = (storeKind: StoreKind, loc: Location, instance?: string, fixed?: Store) => {
    const split = instance !== undefined && (k.instancesOf.get(storeKind)?.size ?? 0) > 1;
    const storeId = fixed?.id ?? (split ? `${storeKind}:${instance}` : storeKind);
    if (fixed && !out.stores.has(storeId)) out.stores.set(storeId, fixed);
    if (!out.stores.has(storeId)) {
      out.stores.set(storeId, { id: storeId, kind: storeKind, family: storeFamily(storeKind), label: split ? `${storeLabel(storeKind)} · ${instance}` : storeLabel(storeKind), ...(split ? { instance } : {}) });
    }
    const e = own.get(storeId) ?? { service: ds.id, store: storeId, access: loc.access, locations: [], scope: loc.scope };
    e.access = combineAccess(e.access, loc.access)!;
    e.locations.push(loc);
    own.set(storeId, e);
    out.edges.set(`${ds.id}\0${storeId}`, e);
  };
  // volumes, config and secrets from the manifests that run it; file operations under a mount are that volume's
  // they are drawn only when asked for (short of 0.9 per finding on fresh real repositories, docs/accuracy.md);
  // what a shared volume tells of a file write still words or drops the write's hazard
  const experimental = !!ws.config.experimentalHazards;
  const deployed = deploymentPlaces(ds, ws.manifests, codeOf(ws));
  const writes = placeWrites(ops, facts, deployed);
  if (experimental) {
    for (const m of deployed.mounts) addLocation('volume', m.loc, undefined, m.store);
    for (const r of deployed.refs) addLocation(r.store.kind, r.loc, undefined, r.store);
  } else {
    out.hidden.volumes += new Set(deployed.mounts.map((m) => m.store.id)).size;
    out.hidden.config += new Set(deployed.refs.map((r) => r.store.id)).size;
  }
  for (const op of ops) {
    if (op.kind === 'memory' && browser.has(op.file)) continue; // a tab's memory is one user's
    const mount = experimental ? writes.placed.get(op) : undefined;
    addLocation(mount ? 'volume' : k.kindOf.get(op) ?? op.kind, { ...opLocation(op), scope: scopeOf(op.file) }, op.instance, mount?.store);
  }
  // what this service touches through other packages' functions it calls (`sink.insertPageViews(rows)`)
  for (const via of through.values()) addLocation(via.kind, { ...via.loc, scope: scopeOf(via.loc.file) }, via.instance);
  for (const t of ds.triggers) {
    addLocation(t.kind, { file: t.file, line: t.line, column: 1, operation: t.text, access: 'read', library: 'serverless', scope: 'runtime' });
  }
  // is the database a hazard opens written? (see FoundHazard.ifWrites)
  const written = (h: FoundHazard, w: NonNullable<FoundHazard['ifWrites']>) => {
    const mine = link.ops.filter((op) => op.client === w.client);
    if (mine.length > 0) return mine.some((op) => op.access !== 'read');
    // (the file that opens it is this service's: its operations are among the service's own)
    const here = ops.filter((op) => op.file === h.file && op.library === w.library);
    if (here.length > 0 && here.every((op) => op.access === 'read')) return false;
    return [...own.values()].some((e) => e.access !== 'read' && out.stores.get(e.store)?.kind === w.kind);
  };
  const svcHazards = SCALED.has(kind) ? serviceHazards(ds.id, kind, oneReportPerLibrary(receivedCaches(applyToHazards(g.hazardsBy.get(ds.id) ?? [], writes), files, ops, link, k)), browser, server, scopeOf, written) : [];
  if (experimental) svcHazards.push(...rwoHazards(ds, ws.manifests, deployed));
  const site = { id: ds.id, root: ds.root, ops, kindOf: (op: FoundOp) => k.kindOf.get(op) ?? op.kind, files, edges: own, stores: out.stores, ...(ds.revocationClaim !== undefined ? { revocationClaim: ds.revocationClaim } : {}) };
  const jwt = annotateJwt(site, facts, link.calls, experimental);
  svcHazards.push(...jwt.hazards);
  out.hidden.jwtLifetimes += jwt.hiddenLifetimes;
  const records = recordsFound(ops, site.kindOf, g.hazardsBy.get(ds.id) ?? [], ds.id, facts, through.values());
  records.logs.push(...logEntries(k.sqlLogs, ops));
  if (SCALED.has(kind)) svcHazards.push(...records.low);
  // one hazard of a kind per line: `multer({ storage: multer.diskStorage() })` is one upload store
  // a low-confidence report is kept for review but counts for nothing
  for (const h of svcHazards) if (h.confidence === 'low') out.low.push(h);
  const dedup = new Map(groupDiskWrites(svcHazards.filter((h) => h.confidence !== 'low')).map((h) => [`${h.kind}\0${h.file}\0${h.line}`, h]));
  for (const h of dedup.values()) {
    out.hazards.push(h);
    // a low-confidence hazard stays in the JSON, out of the map and the verdict
    if (MEMORY_HAZARDS.has(h.kind) && h.confidence !== 'low') addLocation('memory', { file: h.file, line: h.line, column: h.column, operation: h.kind, access: 'readwrite', library: 'in-process', scope: h.scope });
  }
  applyRecords(site, records);
  // the verdict is about what runs: tooling's hazards and store uses do not make a service stateful
  const runtimeEdges = [...own.values()].map(sortEdge).filter((e) => e.scope === 'runtime');
  const verdict = verdictOf([...dedup.values()].filter((h) => h.scope === 'runtime' && h.confidence !== 'low').map((h) => h.kind), runtimeEdges, out.stores, SCALED.has(kind), kind === 'frontend');
  const stateless = strongestClaim(claims);
  return {
    id: ds.id, name: ds.name, root: ds.root, kind,
    claim: { stateless, sources: sortClaims(claims) },
    verdict, honest: stateless === null ? null : stateless ? verdict !== 'in-process-state' : verdict !== 'stateless',
    entries: rs.entries.get(ds.id) ?? [],
  };
}

/** What a service says of itself: README lines, manifests, `@stateless` comments; a serverless function says it implicitly. */
function claimsOf(ds: DiscoveredService, files: readonly FileFacts[], kind: ServiceKind): ClaimSource[] {
  const claims: ClaimSource[] = [...ds.claims];
  for (const f of files) for (const c of f.claims) claims.push({ kind: 'comment', file: f.file, line: c.line, text: c.text, stateless: c.stateless });
  if (kind === 'lambda' && claims.length === 0) {
    const h = files.find((f) => f.hints.handler);
    claims.push({ kind: 'implicit', file: h?.file ?? ds.root, line: h?.hints.handler ?? 1, text: 'a serverless function is expected to keep no state between invocations', stateless: true });
  }
  return claims;
}

/**
 * Caches the service only receives by type (`@Inject(CACHE_MANAGER) cache: Cache`), kept in its process: one hazard per
 * library at its first write, the other writes its places. None where the service makes such a client itself (that
 * client's hazard says it) or a registration gives the writes another store.
 */
function receivedCaches(found: readonly FoundHazard[], files: readonly { file: string }[], ops: readonly FoundOp[], link: LinkResult, k: Kinds): FoundHazard[] {
  if (!found.some((h) => h.received)) return [...found];
  const made = new Set<string>();
  for (const f of files) for (const [lib] of link.madeIn?.get(f.file) ?? []) made.add(lib);
  return firstOfEach(found, (h) => {
    const lib = h.received?.library;
    if (lib === undefined) return undefined;
    return made.has(lib) || !ops.some((op) => op.file === h.file && op.line === h.line && op.library === lib && (k.kindOf.get(op) ?? op.kind) === 'memory') ? null : lib;
  });
}

/**
 * The writes one library's rule marks in a service (every `routeCache.cacheSeconds(…)` of its routers) keep one state,
 * the library's: one hazard at the first, the others its places.
 */
function oneReportPerLibrary(found: readonly FoundHazard[]): FoundHazard[] {
  if (!found.some((h) => h.atWrite)) return [...found];
  return firstOfEach(found, (h) => (h.atWrite ? `${h.atWrite.library}\0${h.kind}` : undefined));
}

/**
 * In the order of their places, one hazard per key (a copy of the first), the others of that key its `also` places; a
 * hazard without a key (`undefined`) passes as it is, one whose key is `null` is dropped.
 */
function firstOfEach(found: readonly FoundHazard[], keyOf: (h: FoundHazard) => string | null | undefined): FoundHazard[] {
  const first = new Map<string, FoundHazard>();
  const out: FoundHazard[] = [];
  for (const h of [...found].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column)) {
    const key = keyOf(h);
    if (key === undefined) {
      out.push(h);
      continue;
    }
    if (key === null) continue;
    const at = first.get(key);
    if (at) (at.also ??= []).push({ file: h.file, line: h.line, column: h.column });
    else {
      const copy = { ...h };
      first.set(key, copy);
      out.push(copy);
    }
  }
  return out;
}

/** The hazards that apply to a service of this kind: not in browser code, not in one-off tooling. */
function serviceHazards(
  service: string, kind: ServiceKind, found: readonly FoundHazard[], browser: ReadonlySet<string>, server: ReadonlySet<string> | undefined, scopeOf: (file: string) => Scope,
  written: (h: FoundHazard, w: NonNullable<FoundHazard['ifWrites']>) => boolean,
): Hazard[] {
  const out: Hazard[] = [];
  for (const h of found) {
    if (browser.has(h.file)) continue;
    if (h.ifWrites && !written(h, h.ifWrites)) continue;
    // a script, a migration or a seed that no server imports runs once, by hand: its module state is not shared state
    // (in a service of no known kind, such as a monorepo's root, every script is tooling)
    const oneOff = TOOLING.test(h.file) && (server ? !server.has(h.file) : kind === 'unknown');
    const scope: Scope = oneOff ? 'tooling' : scopeOf(h.file);
    // module state in a serverless function lives as long as a warm instance
    const warm = kind === 'lambda' && h.moduleState;
    const hk: HazardKind = warm ? 'warm-instance-state' : h.kind;
    const message = warm && h.kind !== hk ? moduleStateMessage(warm.subject, 'warm-instance') : h.message;
    out.push({ service, kind: hk, file: h.file, line: h.line, column: h.column, message, scope, ...(h.confidence ? { confidence: h.confidence } : {}), ...(h.evidence ? { evidence: h.evidence } : {}), ...(h.also ? { also: h.also } : {}) });
  }
  return out;
}

/**
 * Store operations a service reaches by calling functions of another service's files (a shared
 * library's `insertPageViews`, a `db` package's `findUser`): one location per call site and store,
 * at the call, named after the function called.
 */
function throughCalls(
  service: string, owner: ReadonlyMap<string, string>, link: LinkResult, facts: ReadonlyMap<string, FileFacts>, kindFor: (op: FoundOp) => StoreKind,
  called: Set<FoundOp>,
): Map<string, { kind: StoreKind; loc: Location; instance?: string }> {
  const out = new Map<string, { kind: StoreKind; loc: Location; instance?: string }>();
  const { opsByFile, callsBy } = linkIndex(link, owner);
  for (const c of callsBy.get(service) ?? []) {
    if (link.forwarded.has(`${c.file}:${c.use.line}:${c.use.col}`)) continue;
    const calleeOwner = owner.get(c.callee.file);
    if (!calleeOwner || calleeOwner === service) continue;
    const callee = facts.get(c.callee.file);
    if (!callee) continue;
    const inside = reach(callee, [c.callee.id]);
    const name = callee.functions[c.callee.id]?.name || 'a function';
    for (const op of opsByFile.get(c.callee.file) ?? []) {
      if (op.use.fn === undefined || !inside.has(op.use.fn) || op.kind === 'env') continue;
      called.add(op);
      const kind = kindFor(op);
      const key = `${c.file}:${c.use.line}:${c.use.col}\0${kind}\0${op.instance ?? ''}`;
      const prev = out.get(key);
      const access = combineAccess(prev?.loc.access, op.access)!;
      out.set(key, {
        kind, ...(op.instance ? { instance: op.instance } : {}),
        loc: { file: c.file, line: c.use.line, column: c.use.col, endLine: c.use.endLine, endColumn: c.use.endCol, operation: `${name}() → ${op.operation}`, access, library: op.library, ...(op.target ? { target: op.target } : {}) },
      });
    }
  }
  return out;
}

/**
 * Store operations in other packages' files that a service loads (see loaded.ts): a shared package's
 * OAuth handler that keeps state in KV and sets cookies runs in every Worker that mounts it, whether or
 * not the Worker calls the function that holds the operation. One location per operation, where it is;
 * none for an operation the service's calls already reach (`called`: located at the call).
 */
function loadedFromOthers(
  service: string, scope: RuntimeScope, owner: ReadonlyMap<string, string>, link: LinkResult, facts: ReadonlyMap<string, FileFacts>,
  kindFor: (op: FoundOp) => StoreKind, called: ReadonlySet<FoundOp>,
): Map<string, { kind: StoreKind; loc: Location; instance?: string }> {
  const out = new Map<string, { kind: StoreKind; loc: Location; instance?: string }>();
  const starts = scope.starts.get(service);
  if (!starts || !link.specs) return out;
  const { opsByFile } = linkIndex(link, owner);
  for (const [file, reached] of loadedFiles(starts, facts, link.specs)) {
    const o = owner.get(file);
    if (o === undefined || o === service) continue;
    for (const op of opsByFile.get(file) ?? []) {
      if (op.kind === 'env' || called.has(op) || (reached !== 'all' && op.use.fn !== undefined && !reached.has(op.use.fn))) continue;
      const kind = kindFor(op);
      out.set(`${op.file}:${op.line}:${op.column}\0${kind}\0${op.instance ?? ''}`, {
        kind, ...(op.instance ? { instance: op.instance } : {}),
        loc: opLocation(op),
      });
    }
  }
  return out;
}

/** Where an operation is, as an edge's location (the scope is the service's to say). */
function opLocation(op: FoundOp): Location {
  return {
    file: op.file, line: op.line, column: op.column, endLine: op.endLine, endColumn: op.endColumn,
    operation: op.operation, access: op.access, library: op.library, ...(op.target ? { target: op.target } : {}),
  };
}

const linkIndexes = new WeakMap<LinkResult, { opsByFile: Map<string, FoundOp[]>; callsBy: Map<string, LinkResult['calls']> }>();

/** The link's operations by file and its calls by calling service, built once per map (not once per service). */
function linkIndex(link: LinkResult, owner: ReadonlyMap<string, string>): { opsByFile: Map<string, FoundOp[]>; callsBy: Map<string, LinkResult['calls']> } {
  let m = linkIndexes.get(link);
  if (!m) {
    m = { opsByFile: new Map(), callsBy: new Map() };
    for (const op of link.ops) pushTo(m.opsByFile, op.file, op);
    for (const c of link.calls) {
      const o = owner.get(c.file);
      if (o !== undefined) pushTo(m.callsBy, o, c);
    }
    linkIndexes.set(link, m);
  }
  return m;
}

function verdictOf(hazardKinds: HazardKind[], edges: Edge[], stores: ReadonlyMap<string, Store>, scaled: boolean, frontend: boolean): Verdict {
  // in a service that scales, files requests write to its own disk are a local-file-write hazard, so in process;
  // a CLI or an app on one machine has no such hazards: whatever it writes to its own disk is state kept there
  if (hazardKinds.some((k) => IN_PROCESS_HAZARDS.has(k))) return 'in-process-state';
  if (!scaled && edges.some((e) => e.store === 'filesystem' && e.access !== 'read')) return 'in-process-state';
  const stateful = edges.some((e) => {
    const st = stores.get(e.store);
    // configuration is not state; a volume is when it keeps what is written to it
    if (isConfigKind(st?.kind ?? e.store)) return false;
    if (st?.kind === 'volume') return st.volume?.persistence === 'persistent' && e.access !== 'read';
    // a browser app that only calls APIs keeps nothing itself: what it shows lives in the services it calls, which
    // are on the map with their own stores (a server's or a function's API calls are where its state lives)
    if (frontend && (st?.kind ?? e.store) === 'http-api') return false;
    return !(e.store === 'filesystem' && e.access === 'read');
  });
  return stateful ? 'state-elsewhere' : 'stateless';
}

/** The one kind each library's clients have where these files make them (`new Kysely({ dialect: new SqliteDialect(…) })`), when it is one. */
function ownSqlKinds(files: readonly string[], madeIn: LinkResult['madeIn']): Map<string, StoreKind> {
  const seen = new Map<string, Set<StoreKind>>();
  for (const file of files) for (const [lib, kind] of madeIn?.get(file) ?? []) if (kind !== 'sql') addTo(seen, lib, kind);
  return oneKindEach(seen);
}

/** Per list of a discovery's source files (a new discovery makes a new list), whether a host path holds the repository's code (see `repositoryCode`). */
const codeOfFiles = new WeakMap<object, (hostPath: string) => boolean>();

function codeOf(ws: { sourceFiles: ReadonlyArray<{ rel: string }> }): (hostPath: string) => boolean {
  let f = codeOfFiles.get(ws.sourceFiles);
  if (!f) codeOfFiles.set(ws.sourceFiles, (f = repositoryCode(ws.sourceFiles.map((x) => x.rel))));
  return f;
}

/**
 * An ORM whose dialect one client names (`new Sequelize({ dialect: 'postgres' })`) reaches the same
 * database from its models (`class User extends Model`), whose own kind is only `sql`.
 */
function unifySqlKinds(ops: readonly FoundOp[], made: ReadonlyMap<string, ReadonlySet<StoreKind>>): Map<string, StoreKind> {
  const seen = new Map<string, Set<StoreKind>>();
  for (const [lib, kinds] of made) for (const k of kinds) if (k !== 'sql') addTo(seen, lib, k);
  for (const op of ops) {
    if (op.kind === 'sql') continue;
    addTo(seen, op.library, op.kind);
  }
  return oneKindEach(seen);
}

/** The libraries seen with exactly one kind, and that kind. */
function oneKindEach(seen: ReadonlyMap<string, ReadonlySet<StoreKind>>): Map<string, StoreKind> {
  const out = new Map<string, StoreKind>();
  for (const [lib, kinds] of seen) if (kinds.size === 1) out.set(lib, [...kinds][0]);
  return out;
}

/** Edges sorted before: a service modelled again only when its inputs change keeps its edges, so a relink sorts only new ones. */
const sortedEdges = new WeakMap<Edge, Edge>();

function sortEdge(e: Edge): Edge {
  const kept = sortedEdges.get(e);
  if (kept) return kept;
  const sorted = sortLocations(e);
  sortedEdges.set(e, sorted);
  return sorted;
}

function sortLocations(e: Edge): Edge {
  const seen = new Set<string>();
  const locations = e.locations
    .sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.operation, b.operation))
    .filter((l) => {
      const k = `${l.file}:${l.line}:${l.column}:${l.operation}:${l.access}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  const runtime = locations.filter((l) => l.scope === 'runtime');
  const counted = runtime.length > 0 ? runtime : locations;
  const access = counted.reduce<Access | undefined>((a, l) => combineAccess(a, l.access), undefined) ?? e.access;
  return { ...e, access, locations, scope: runtime.length > 0 ? 'runtime' : 'tooling' };
}

function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const k = `${p.file}\0${p.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => cmp(a.file, b.file) || cmp(a.message, b.message));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

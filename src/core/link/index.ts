import type { Catalog, HazardRule, StoreKind } from '../../catalog';
import type { FileFacts, UseFact } from '../facts';
import type { PrismaSchema } from '../discover/schemas';
import { bindingFor, type WorkerBinding } from '../discover/wrangler';
import { Evaluator } from './evaluate';
import { helperOps } from './helperOps';
import { forwardedOps } from './forward';
import { refineTimers, timerHazards, type QuietTimer, type Schedule } from './hazards';
import { timersAcrossFiles } from './timerReach';
import { refineRaces } from './racePhase';
import { refineFileWrites } from './fileWrites';
import { Phases, type PhaseRecord } from './phase';
import { moduleStateHazards } from './moduleState';
import { checkThenAct, type UniqueLookup } from './races';
import { drizzleKeys, mongooseKeys, nestMongooseKeys } from './schemaKeys';
import { factoryHazards, type MadeHazard } from './factoryHazards';
import { addTo, pushTo } from '../grouping';
import type { ModuleResolver } from './resolve';
import type { Client, OpEvent, Sink } from './thing';
import { OpsByFile, opsByPlace, type CrossFileCall, type FoundHazard, type FoundOp, type LinkResult, type Work } from './types';

/** What a never-ending loop that sleeps between rounds is told: it is a timer every process runs. */
const LOOP_MESSAGE = 'Every replica runs this loop (it never ends and sleeps between rounds): the job runs N times, and its writes race each other.';

export type { CrossFileCall, FoundHazard, FoundOp, Confidence, LinkResult } from './types';
export { moduleStateMessage } from './types';
export { reach } from './calls';
export { addTo, pushTo } from '../grouping';
export { ModuleResolver } from './resolve';

export interface LinkInput {
  catalog: Catalog;
  facts: ReadonlyMap<string, FileFacts>;
  resolver: ModuleResolver;
  prisma: readonly PrismaSchema[];
  /** Unique column sets the workspace's `.sql` files declare, `[table, columns]` (lower case). */
  sqlKeys?: ReadonlyArray<readonly [string, readonly string[]]>;
  /** Cloudflare Workers bindings from Wrangler configurations. */
  bindings?: readonly WorkerBinding[];
  /** Folders of Vercel projects (a `vercel.json`). */
  vercel?: readonly string[];
  /** Values the repository's example env files give variables: what `process.env.X` holds by default. */
  env?: Readonly<Record<string, readonly string[]>>;
}

/** A hazard that a later finding may lift: a method called on the client, or the client handed to a property. */
interface Pending {
  hazard: FoundHazard;
  client: Client;
  methods?: readonly string[];
  within?: readonly string[];
  called?: readonly string[];
}

/**
 * What linking one file found: kept by a long-lived session, so that an edit relinks only the files
 * whose values can change (see `LinkReuse`) and takes every other file's record as it was.
 */
export interface FileLink {
  ops: FoundOp[];
  hazards: FoundHazard[];
  deps: Set<string>;
  /** Files whose calls this file's link read a parameter's value from (they call its functions): not imports. */
  reads?: Set<string>;
  /** Module specifier → the workspace file it resolves to. */
  specs?: Map<string, string>;
  made: Array<[string, StoreKind]>;
  configs: LinkResult['configs'];
  calls: CrossFileCall[];
  /** Calls of functions of the same file (`this.query({ text: 'SELECT …' })`): only pass-through wrappers use them (forward.ts). */
  localCalls: CrossFileCall[];
  methods: Array<[string, string]>;
  within: Array<[string, string]>;
  pending: Pending[];
  /** Timers whose callbacks write nothing in this file (followed into other files once all are linked). */
  quiet: QuietTimer[];
  work: number;
  /** What the file told the phases of functions (set once they are worked out). */
  phases?: PhaseRecord;
  /** The check-then-act races found in these facts with these operations. */
  races?: { facts: FileFacts; ops: readonly FoundOp[]; hazards: FoundHazard[]; keysSeen: string };
}

/** Records of an earlier link to take over, for every file not in `relink`. */
export interface LinkReuse {
  previous: ReadonlyMap<string, FileLink>;
  relink: ReadonlySet<string>;
}

/**
 * Follows client identity across files and turns uses into operations and hazards. Pure over the
 * per-file facts: a one-file edit re-extracts that file and links again; with `reuse`, only the files
 * it names are linked anew (the rules across files below always run over the whole workspace).
 */
export function linkFacts(input: LinkInput, reuse?: LinkReuse): LinkResult & { files: Map<string, FileLink> } {
  const { catalog, facts, resolver } = input;
  const evaluator = new Evaluator(catalog, facts, resolver, (file, spec) => prismaSchemaFor(input.prisma, file, spec)?.kind,
    (file, spec) => prismaSchemaFor(input.prisma, file, spec)?.urlEnv, (file, name) => bindingFor(input.bindings ?? [], file, name), (name) => input.env?.[name] ?? []);
  const linking = new Linking();
  const files = new Map<string, FileLink>();
  for (const [file, f] of facts) {
    const kept = reuse && !reuse.relink.has(file) ? reuse.previous.get(file) : undefined;
    const fl = kept ?? linkFile(file, f, evaluator, resolver);
    files.set(file, fl);
    linking.add(file, fl);
  }
  const { ops, hazards, calls } = linking;
  const fwd = forwardedOps(calls, ops, facts, catalog, evaluator, linking.localCalls);
  if (fwd.ops.length > 0) ops.splice(0, ops.length, ...ops.filter((o) => !fwd.superseded.has(o)), ...fwd.ops);
  // a Prisma model's unique fields, from the schema that governs the file; other ORMs' from the entity
  // class of that name whose decorators declare keys (unknown when there is none)
  const entities = entityKeys(facts, input.sqlKeys ?? []);
  // races found earlier are kept only while every entity's keys are what they were
  const keysSeen = JSON.stringify([...entities]);
  // (a schema.prisma describes the database whichever library queries it: Kysely or raw SQL over tables Prisma migrates)
  const prismaKeys = (file: string, model: string) => {
    const schema = prismaSchemaFor(input.prisma, file, '');
    // (`publicShare` through Kysely's camel-case plugin is the model `public_share`)
    const name = model.toLowerCase();
    const bare = name.replace(/_/g, '');
    return schema ? schemaFolder(input.prisma, schema).flatMap((s) => s.unique?.[name] ?? Object.entries(s.unique ?? {}).find(([m]) => m.replace(/_/g, '') === bare)?.[1] ?? []) : undefined;
  };
  const unique = (file: string, library: string, model: string) => {
    if (library !== '@prisma/client') {
      const keys = entities.get(model.toLowerCase()) ?? prismaKeys(file, model);
      return keys?.length ? keys : undefined;
    }
    return prismaKeys(file, model);
  };
  // every rule below looks up a file's operations in this index, never scans the workspace's list
  const opsOf = new OpsByFile(ops);
  // a data-access helper's one operation, at each call of it: a race written through helpers is still a race
  const viaHelpers = helperOps(linking.localCalls.length > 0 ? [...calls, ...linking.localCalls] : calls, ops, facts, fwd.sites);
  for (const [file, f] of facts) {
    const own = opsOf.of(file);
    const helped = viaHelpers.get(file);
    hazards.push(...racesOf(files.get(file)!, f, helped ? [...own, ...helped] : own, { unique, keysSeen }, linking.work));
  }
  hazards.push(...linking.unlifted(facts));
  // a client a factory makes is made at each call of it, in the caller's file
  hazards.splice(0, hazards.length, ...factoryHazards(hazards, calls, facts));
  hazards.push(...timersAcrossFiles(linking.quiet, facts, resolver, opsOf, linking.work));
  const phases = new Phases(facts, resolver, linking.work, {
    kept: (file) => (reuse && !reuse.relink.has(file) ? reuse.previous.get(file)?.phases : undefined),
    found: (file, r) => void (files.get(file)!.phases = r),
  }, input.vercel);
  hazards.push(...moduleStateHazards(facts, evaluator, resolver, opsOf, linking.work, phases));
  markStartupReads(ops, phases);
  const opAt = opsByPlace(ops);
  const used = usedOnlyAtStartup(hazards, ops, phases);
  return { ops, hazards: refineTimers(refineRaces(refineFileWrites(used, opAt, facts, phases), opAt, phases, facts), phases, facts), imports: linking.imports, linkDeps: linking.linkDeps, specs: linking.specs, madeKinds: linking.madeKinds, madeIn: linking.madeIn, configs: linking.configs, calls, forwarded: fwd.sites, work: linking.work.n, files };
}

/**
 * A file's check-then-act races: what an earlier link of the same facts found when the file's operations
 * are the same ones (a relink keeps both for files it does not link again), else looked for anew.
 */
function racesOf(fl: FileLink, f: FileFacts, ops: readonly FoundOp[], keys: { unique: UniqueLookup; keysSeen: string }, work: Work): FoundHazard[] {
  const kept = fl.races;
  if (kept && kept.facts === f && kept.keysSeen === keys.keysSeen && kept.ops.length === ops.length && kept.ops.every((o, i) => o === ops[i])) {
    work.n += ops.length;
    return kept.hazards;
  }
  const hazards = checkThenAct(f, ops, keys.unique, work);
  fl.races = { facts: f, ops, hazards, keysSeen: keys.keysSeen };
  return hazards;
}

/** Links one file's uses: its operations, the hazards found at them, and what the rules across files need. */
function linkFile(file: string, f: FileFacts, evaluator: Evaluator, resolver: ModuleResolver): FileLink {
  const fl: FileLink = { ops: [], hazards: [], deps: new Set(), specs: new Map(), made: [], configs: [], calls: [], localCalls: [], methods: [], within: [], pending: [], quiet: [], work: f.uses.length };
  for (const imp of f.imports) {
    const r = resolver.resolve(imp.module, file);
    if (r && 'file' in r) {
      fl.deps.add(r.file);
      fl.specs!.set(imp.module, r.file);
    }
    // a folder's every module (`require(routesApi + file)` over its listing): each is loaded
    for (const each of resolver.folderFiles(imp.module, file)) if (each !== file) fl.deps.add(each);
  }
  const schedules: Schedule[] = [];
  // what the file reads off the application (`req.app.db`) depends on the files that hang it there
  evaluator.consulted = new Set();
  evaluator.readFrom = new Set();
  for (const use of f.uses) {
    const sink = evaluator.evaluateUse(use, file);
    linkUse(fl, file, use, sink);
    for (const s of sink.schedules) {
      const message = s.lib.hazard?.message ?? 'Every replica runs this timer.';
      if (s.callback && s.callback.file === file) schedules.push({ id: s.callback.id, line: use.line, column: use.col, message, ...(use.fn !== undefined ? { startedIn: use.fn } : {}) });
      // a callback imported from another module: the workspace-wide pass follows it there
      else if (s.callback) fl.quiet.push({ file, id: s.callback.id, callee: s.callback, line: use.line, column: use.col, message, ...(use.fn !== undefined ? { startedIn: use.fn } : {}) });
    }
  }
  for (const d of evaluator.consulted) if (d !== file) fl.deps.add(d);
  evaluator.consulted = undefined;
  evaluator.readFrom.delete(file);
  if (evaluator.readFrom.size > 0) fl.reads = evaluator.readFrom;
  evaluator.readFrom = undefined;
  // a loop that never ends and sleeps between rounds is a timer too: every process that starts it runs it
  for (const [id, fn] of Object.entries(f.functions)) {
    if (fn.loop) schedules.push({ id, line: fn.loop[0], column: fn.loop[1], message: LOOP_MESSAGE });
  }
  for (const op of evaluator.baseAccess(f, file)) fl.ops.push(op);
  const work = { n: 0 };
  fl.hazards.push(...timerHazards(f, schedules, fl.ops, work, fl.quiet));
  fl.work += work.n;
  return fl;
}

function linkUse(fl: FileLink, file: string, use: UseFact, sink: Sink): void {
  if (use.within && sink.result?.t === 'client') fl.within.push([sink.result.c.origin, use.within]);
  for (const c of sink.calls) (c.file !== file ? fl.calls : fl.localCalls).push({ file, use, callee: c });
  for (const m of sink.methods) fl.methods.push([m.client.origin, m.name]);
  for (const op of sink.ops) {
    fl.ops.push(foundOp(file, use, op));
    const rule = op.client.lib.hazard;
    if (rule?.on === 'write' && op.access !== 'read' && !isSetup(rule, op.operation) && (!rule.at || rule.at.includes(op.operation.replace(/^.*\./, ''))) && (!rule.when || rule.when === 'always' || op.client.kind === rule.when)) {
      const hazard: FoundHazard = { file, line: use.line, column: use.col, kind: rule.kind, message: rule.message, ...(rule.oneStore ? { atWrite: { library: op.client.lib.id } } : {}) };
      // (unless the client is configured elsewhere in the service: `routeCache.config({ cacheStore })`)
      if (rule.unlessMethod || rule.unlessCalled) fl.pending.push({ hazard, client: op.client, methods: rule.unlessMethod, called: rule.unlessCalled });
      else fl.hazards.push(hazard);
    } else if (rule?.kind === 'in-memory-cache' && op.access !== 'read' && op.client.kind === 'memory' && op.client.origin.startsWith('type:')) {
      // a cache received by type, made by no code the analysis sees (a framework's registration, `CacheModule.register()`)
      fl.hazards.push({ file, line: use.line, column: use.col, kind: rule.kind, message: RECEIVED_CACHE, received: { library: op.client.lib.id } });
    }
  }
  for (const { client, factory, disk } of sink.makes) {
    made(fl, file, use, client, factory);
    if (disk) fl.hazards.push(diskFileHazard(file, use, client, disk));
  }
}

/** A client made: its kind, what it configures, and the hazard its library is where a client is made. */
function made(fl: FileLink, file: string, use: UseFact, client: Client, factory = ''): void {
  const lib = client.lib;
  fl.made.push([lib.id, client.kind]);
  if (lib.configures) fl.configs.push({ file, libraries: lib.configures, kind: client.kind });
  const rule = lib.hazard;
  if (!rule || rule.on === 'write' || lib.scheduler) return;
  // an engine (`multer.diskStorage(…)`) is judged where the library is given it, not where it is made
  if (lib.kindFrom?.scratchUnless?.[factory]) return;
  // the configuration's other branch picks the in-process engine (`driver: 'memory'` when `REDIS_URI` is unset)
  const otherKind = rule.when !== undefined && rule.when !== 'always' && client.kind !== rule.when;
  const onFallback = otherKind && client.fallback?.kind === rule.when;
  if (otherKind && !onFallback) return;
  if (rule.unlessWithin && use.within && rule.unlessWithin.includes(use.within)) return;
  if (rule.longLived && !use.keep && !use.top) return;
  const hazard: MadeHazard = { file, line: use.line, column: use.col, kind: rule.kind, message: rule.message, madeBy: use, ...(rule.longLived ? { madeClient: client.origin } : {}) };
  // the kind is a guess (an engine the analysis cannot see, a temp folder): kept, out of the map
  if (client.unsure) Object.assign(hazard, { confidence: 'low', evidence: [{ file, line: use.line, what: client.unsure }] });
  // only when the configuration takes the other branch: a note, out of the map
  if (onFallback) Object.assign(hazard, { confidence: 'low', evidence: [{ file, line: use.line, what: `${client.kind} as configured, else the in-process engine (${client.fallback!.how})` }] });
  if (rule.unlessMethod || rule.unlessWithin || rule.unlessCalled) fl.pending.push({ hazard, client, methods: rule.unlessMethod, within: rule.unlessWithin, called: rule.unlessCalled });
  else fl.hazards.push(hazard);
}

/**
 * An embedded database opened on a file of this instance's disk (`new Database('data/app.db')`): whatever requests
 * write there, every replica keeps in a database of its own, and a container without a volume loses on restart.
 * Made once, written by requests: the hazard is where it is opened (or, for a factory, where each caller opens it).
 */
function diskFileHazard(file: string, use: UseFact, client: Client, disk: string): MadeHazard {
  const what = client.lib.diskFile!.what;
  return {
    file, line: use.line, column: use.col, kind: 'local-file-write', madeBy: use, ifWrites: { kind: client.kind, client: client.origin, library: client.lib.id },
    message: `${what} on this instance's disk (${disk}): every replica keeps a database of its own, and one without a volume loses it on restart.`,
  };
}

/** A cache received by type whose entries stay in the process: no store was configured for it. */
const RECEIVED_CACHE = 'This cache lives in one process (no store is configured for it, so the library keeps entries in memory): each replica caches (and invalidates) on its own, so replicas serve different data.';

/** What linking has found, file by file, in the order of the files. */
class Linking {
  readonly ops: FoundOp[] = [];
  readonly hazards: FoundHazard[] = [];
  readonly imports = new Map<string, Set<string>>();
  readonly specs = new Map<string, Map<string, string>>();
  readonly madeKinds = new Map<string, Set<StoreKind>>();
  readonly madeIn = new Map<string, Array<[string, StoreKind]>>();
  readonly configs: LinkResult['configs'] = [];
  readonly calls: CrossFileCall[] = [];
  readonly localCalls: CrossFileCall[] = [];
  /** The methods called on each client (by origin), anywhere. */
  private readonly methods = new Map<string, Set<string>>();
  /** Where each client is handed over as a property value (`insuranceLimiter: limiter`). */
  private readonly withinBy = new Map<string, Set<string>>();
  private readonly pending: Pending[] = [];
  readonly quiet: QuietTimer[] = [];
  /** file → the files its link read: its imports, and the files whose calls gave its parameters their values. */
  readonly linkDeps = new Map<string, Set<string>>();
  /** Unit steps taken (uses linked, operations looked at): grows with the workspace, not with its square. */
  readonly work: Work = { n: 0 };

  add(file: string, fl: FileLink): void {
    this.imports.set(file, fl.deps);
    this.linkDeps.set(file, fl.reads ? new Set([...fl.deps, ...fl.reads]) : fl.deps);
    if (fl.specs) this.specs.set(file, fl.specs);
    for (const op of fl.ops) this.ops.push(op);
    for (const h of fl.hazards) this.hazards.push(h);
    for (const [lib, kind] of fl.made) addTo(this.madeKinds, lib, kind);
    if (fl.made.length > 0) this.madeIn.set(file, fl.made);
    for (const c of fl.configs) this.configs.push(c);
    for (const c of fl.calls) this.calls.push(c);
    for (const c of fl.localCalls ?? []) this.localCalls.push(c);
    for (const [origin, name] of fl.methods) addTo(this.methods, origin, name);
    for (const [origin, w] of fl.within) addTo(this.withinBy, origin, w);
    for (const p of fl.pending) this.pending.push(p);
    for (const q of fl.quiet ?? []) this.quiet.push(q);
    this.work.n += fl.work;
  }

  /** The pending hazards no method call, property hand-over or call elsewhere lifted, once every file is linked. */
  unlifted(facts: ReadonlyMap<string, FileFacts>): FoundHazard[] {
    let names: Set<string> | undefined;
    return this.pending.filter((p) => {
      const called = this.methods.get(p.client.origin);
      const handed = this.withinBy.get(p.client.origin);
      if (p.methods && called && p.methods.some((m) => called.has(m))) return false;
      if (p.called) {
        names ??= calledNames(facts, this.work);
        if (p.called.some((n) => names!.has(n))) return false;
      }
      return !(p.within && handed && p.within.some((w) => handed.has(w)));
    }).map((p) => p.hazard);
  }
}

/**
 * A client held for the process whose every use runs while the process starts (a Bottleneck that paces the
 * repository listing a scheduler does once): what it keeps in memory no request depends on, so its hazard is a
 * low-confidence note. One used by no operation the analysis sees (a middleware) keeps its hazard.
 */
function usedOnlyAtStartup(hazards: readonly FoundHazard[], ops: readonly FoundOp[], phases: Phases): readonly FoundHazard[] {
  if (!hazards.some((h) => (h as MadeHazard).madeClient)) return hazards;
  const byClient = new Map<string, FoundOp[]>();
  for (const op of ops) pushTo(byClient, op.client, op);
  return hazards.map((h) => {
    const { madeClient, ...rest } = h as MadeHazard;
    if (!madeClient) return h;
    const uses = (byClient.get(madeClient) ?? []).filter((o) => !o.operation.startsWith('new '));
    const startup = uses.length > 0 && uses.every((o) => o.use.fn === undefined || o.use.top || phases.of(o.file, o.use.fn).at === 'startup');
    return startup ? { ...rest, confidence: 'low', evidence: [{ file: h.file, line: h.line, what: 'used only while the process starts: no request depends on what it keeps' }] } : rest;
  });
}

/** The catalog's configuring calls (`useWebSocketAdapter`) that some file of the workspace makes. */
function calledNames(facts: ReadonlyMap<string, FileFacts>, work: Work): Set<string> {
  const out = new Set<string>();
  for (const f of facts.values()) {
    work.n += 1;
    for (const n of f.hints.called ?? []) out.add(n);
  }
  return out;
}

function foundOp(file: string, use: UseFact, op: OpEvent): FoundOp {
  const c = op.client;
  return {
    file, line: use.line, column: use.col, endLine: use.endLine, endColumn: use.endCol, pos: use.pos,
    kind: c.kind, library: c.lib.id, access: op.access, operation: op.operation, client: c.origin, use,
    ...(op.target ? { target: op.target } : {}), ...(c.how ? { how: c.how } : {}), ...(c.instance ? { instance: c.instance } : {}),
    ...(op.conditional ? { conditional: true } : {}), ...(op.tx || use.tx ? { tx: true } : {}), ...(c.fresh ? { fresh: true as const } : {}),
    ...(op.unread ? { unread: true as const } : {}),
  };
}

/** Is this write set-up rather than state, as the library's catalog entry says (`mkdirSync` at start-up)? */
function isSetup(rule: HazardRule, operation: string): boolean {
  if (rule.setup === 'every') return true;
  const name = operation.replace(/^.*\./, '');
  return !!rule.setup?.some((prefix) => name.startsWith(prefix));
}

/** The schema.prisma that governs `file`: a generated client names its own schema. */
function prismaSchemaFor(schemas: readonly PrismaSchema[], file: string, spec: string): PrismaSchema | undefined {
  if (spec.startsWith('prisma:')) return schemas.find((s) => s.file === spec.slice(7));
  let best: PrismaSchema | undefined;
  let bestScore = -1;
  for (const s of schemas) {
    if (!s.kind) continue;
    const dir = s.file.includes('/') ? s.file.slice(0, s.file.lastIndexOf('/')) : '.';
    // the schema whose folder shares the longest prefix with the file
    const score = commonPrefix(dir, file);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/**
 * A schema and the model files beside and below it that name no datasource of their own: Prisma's schema
 * folder (`prisma/schema/*.prisma`) keeps the datasource in one file and the models in the others.
 */
function schemaFolder(schemas: readonly PrismaSchema[], schema: PrismaSchema): PrismaSchema[] {
  const dir = schema.file.includes('/') ? schema.file.slice(0, schema.file.lastIndexOf('/') + 1) : '';
  return schemas.filter((s) => s === schema || (!s.kind && !s.provider && s.file.startsWith(dir)));
}

function commonPrefix(a: string, b: string): number {
  const pa = a === '.' ? [] : a.split('/');
  const pb = b.split('/');
  let n = 0;
  while (n < pa.length && n < pb.length && pa[n] === pb[n]) n++;
  return n;
}

/**
 * Per entity class, Mongoose model, Drizzle table or table of the schema code (DDL, Kysely and knex migrations; lower case),
 * the field sets its decorators or schema keep unique:
 * models that declare none are not entities here.
 */
function entityKeys(facts: ReadonlyMap<string, FileFacts>, sqlKeys: ReadonlyArray<readonly [string, readonly string[]]>): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  const add = (model: string, keys: readonly (readonly string[])[]) => out.set(model, [...(out.get(model) ?? []), ...keys.map((k) => [...k])]);
  for (const f of facts.values()) for (const [model, keys] of fileEntityKeys(f)) add(model, keys);
  for (const [model, keys] of nestMongooseKeys(facts)) add(model, keys);
  for (const [table, cols] of sqlKeys) add(table, [cols]);
  // an entity class is its table: the keys a migration declares for the table are the class's too
  // (`@Entity('last_registration_model')` or TypeORM's default name, with `CREATE TABLE "last_registration_model" (… UNIQUE ("profId"))`)
  for (const f of facts.values()) {
    for (const c of Object.values(f.classes)) {
      const keys = c.table && c.name && c.table !== c.name.toLowerCase() ? out.get(c.table) : undefined;
      if (keys) add(c.name.toLowerCase(), keys.filter((k) => !c.unique?.some((u) => u.join() === k.join())));
    }
  }
  return out;
}

/** Facts are never changed once made: an edit's relink reads the keys of the files it extracted again, and only those. */
const entityKeysOf = new WeakMap<FileFacts, Array<[string, string[][]]>>();

/** The unique keys one file declares: entity classes, Mongoose and Drizzle schemas, schema code. */
function fileEntityKeys(f: FileFacts): Array<[string, string[][]]> {
  const kept = entityKeysOf.get(f);
  if (kept) return kept;
  const out: Array<[string, string[][]]> = [];
  for (const c of Object.values(f.classes)) {
    if (!c.unique || !c.name) continue;
    out.push([c.name.toLowerCase(), c.unique]);
    // raw SQL names the entity's table (`INSERT INTO podcasts …` of `@Entity('podcasts') class Podcast`)
    if (c.table && c.table !== c.name.toLowerCase()) out.push([c.table, c.unique]);
  }
  out.push(...mongooseKeys(f), ...drizzleKeys(f), ...(f.uniqueKeys ?? []).map(([t, cols]): [string, string[][]] => [t, [cols]]));
  entityKeysOf.set(f, out);
  return out;
}

/**
 * Marks each file read made while the process starts (at a module's top level, or in what only start-up reaches:
 * a config file, TLS keys, templates, the models of a folder). The model decides what it is: configuration of
 * the process, unless the service also writes to its disk (then it may be reading back its own state).
 */
function markStartupReads(ops: FoundOp[], phases: Phases): void {
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.kind !== 'filesystem' || op.access !== 'read') continue;
    if (op.use.fn !== undefined && phases.of(op.file, op.use.fn).at !== 'startup') continue;
    ops[i] = { ...op, atStartup: true };
  }
}

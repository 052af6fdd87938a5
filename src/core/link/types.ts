// What the linker hands to the model. A module of its own so that the linker's parts (forward.ts,
// hazards.ts, evaluate.ts) and the model share these shapes without importing link/index.ts, which
// imports them all.
import type { Access, HazardKind, StoreKind } from '../../catalog';
import type { UseFact } from '../facts';

/** One operation on a store, found at a place in the code. */
export interface FoundOp {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  pos: number;
  kind: StoreKind;
  library: string;
  access: Access;
  operation: string;
  target?: string;
  /** Identity of the client instance. */
  client: string;
  /** How the kind was told, when not by default. */
  how?: string;
  /** Which instance of its kind (env var or URL host), when the code says. */
  instance?: string;
  conditional?: boolean;
  /** Inside a transaction or under a lock. */
  tx?: boolean;
  use: UseFact;
  /** Stands for a data-access helper's one operation at a call of it (check-then-act only; see helperOps.ts). */
  viaHelper?: true;
  /** A file read made while the process starts (see markStartupReads in link/index.ts). */
  atStartup?: true;
  /** On a new document of a model (`new User(doc).save()`): a save that inserts. */
  fresh?: true;
  /** A query whose text the analysis cannot read (`client.query(sql)` of configured SQL): read or write, unknown. */
  unread?: true;
}

/** A hazard before services are known: the model decides which apply (not in a browser, not in a CLI). */
export interface FoundHazard {
  file: string;
  line: number;
  column: number;
  kind: HazardKind;
  message: string;
  /**
   * Module state (not a library's): does not apply to browser code, and in a serverless function it
   * lives as long as a warm instance. `subject` is the message's first half ("`cart` (a Map at module
   * level) is changed by `add` (line 3)"): the model words the consequence, never parsing `message`.
   */
  moduleState?: { subject: string };
  /** How sure the rule is that this happens in the running service: `low` stays in the JSON but out of the map, verdicts and gates. */
  confidence?: Confidence;
  /** Why: the handler or exported function, the calls that reach the change, the change, the declaration. */
  evidence?: EvidenceStep[];
  /** A timer's: the function that starts it (absent: the module's top level), whose phase says who runs it. */
  startedIn?: string;
  /** A timer's: the one function that calls the function starting it (`file\0fnId`): timers one caller starts are one hazard. */
  starter?: string;
  /** Other places of the same state (the other fields of one instance that requests change). */
  also?: Array<{ file: string; line: number; column: number }>;
  /**
   * Only a hazard where the database it opens is written: a file only read (shipped with the service, a backup opened to
   * import) keeps no state of its own. The client's own operations decide where the analysis sees any; else those of
   * its library in the file that opens it, when all read; else whether the service writes a store of that kind.
   */
  ifWrites?: { kind: StoreKind; client: string; library: string };
  /**
   * At a write of a cache the service only receives by type (`@Inject(CACHE_MANAGER) cache: Cache`): kept when the
   * service makes no client of that library itself (whose own hazard says it) and the write's kind stays `memory` (no
   * registration gives it a store).
   */
  received?: { library: string };
  /**
   * At a write a library's rule marks (`apicache.middleware(…)`, `routeCache.cacheSeconds(…)`): every such write of one
   * library in a service is the same state (one cache the library keeps), so one report per service, the others its places.
   */
  atWrite?: { library: string };
}

export type Confidence = 'high' | 'medium' | 'low';

/** One step of a hazard's evidence, entry first. */
export interface EvidenceStep {
  file: string;
  line: number;
  what: string;
}

/** A call of a workspace function in another file: the caller's service touches what the callee touches. */
export interface CrossFileCall {
  file: string;
  use: UseFact;
  callee: { file: string; id: string };
}

export interface LinkResult {
  ops: FoundOp[];
  /** Kinds of the clients each library made (a dialect named where a client is made, used or not). */
  madeKinds: Map<string, Set<StoreKind>>;
  /** Per file, the clients it makes: `[library, kind]`. */
  madeIn?: Map<string, Array<[string, StoreKind]>>;
  /** Calls of workspace functions: a service that calls a library's function touches what it touches. */
  calls: CrossFileCall[];
  /** `file:line:col` of calls of pass-through wrappers that have an operation of their own (see forward.ts). */
  forwarded: Set<string>;
  /** Registrations that configure other libraries' clients (NestJS modules), by file. */
  configs: Array<{ file: string; libraries: readonly string[]; kind: StoreKind }>;
  hazards: FoundHazard[];
  /** file → the workspace files it imports. */
  imports: Map<string, Set<string>>;
  /** file → the files its link read (its imports, and callers whose arguments gave its parameters values): what an edit relinks. */
  linkDeps?: Map<string, Set<string>>;
  /** file → each module specifier it imports or re-exports from, resolved to a workspace file. */
  specs?: Map<string, Map<string, string>>;
  /** Unit steps the link took (uses linked, operations looked at): for tests that it grows linearly. */
  work?: number;
}

/** A counter of unit steps, shared by the link's rules. */
export interface Work {
  n: number;
}

/** Operations by file, built once: a rule asks for one file's operations instead of scanning them all. */
export class OpsByFile {
  private readonly byFile = new Map<string, FoundOp[]>();
  constructor(ops: readonly FoundOp[]) {
    for (const op of ops) {
      const list = this.byFile.get(op.file);
      if (list) list.push(op);
      else this.byFile.set(op.file, [op]);
    }
  }

  of(file: string): readonly FoundOp[] {
    return this.byFile.get(file) ?? [];
  }
}

/** Operations by where they are (`file:line:column`), the key a hazard found at an operation shares with it. */
export function opsByPlace(ops: readonly FoundOp[]): ReadonlyMap<string, FoundOp> {
  return new Map(ops.map((o) => [placeOf(o), o]));
}

export function placeOf(at: { file: string; line: number; column: number }): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/** The consequence of module state, as a replica or as a warm serverless instance keeps it. */
export function moduleStateMessage(subject: string, lifetime: 'replica' | 'warm-instance'): string {
  return lifetime === 'replica'
    ? `${subject}: each replica keeps its own copy, so replicas disagree and a restart loses it.`
    : `${subject}: it survives between invocations of a warm instance, while concurrent instances each keep their own copy.`;
}

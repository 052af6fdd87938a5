// The linker's vocabulary: what a value turns out to be (`Thing`), the store client it may hold, and
// the context and the sink an evaluation works in. Small pure helpers over these live here too.
import { HOST_KINDS, type Access, type StoreKind, type StoreModel } from '../../catalog';
import { COMMON_IGNORED } from '../../catalog/verbs';
import type { UseFact, Val } from '../facts';

/** One step taken from a client: a member (`prisma.seat`) or a call (`collection('orders')`). */
export interface Step {
  name: string;
  call?: readonly Val[];
}

/** A store client: which library, which store kind, and the identity of the instance. */
export interface Client {
  lib: StoreModel;
  kind: StoreKind;
  /** Identity of the instance: where it was made (`file:binding`), or the type or global it stands for. */
  origin: string;
  chain: Step[];
  /** The module specifier it came from (for kinds chosen by import path). */
  spec?: string;
  /** How the kind was told (`client: 'pg'`, a URL scheme, schema.prisma), when not by default. */
  how?: string;
  /** Which instance of its kind: the env var or URL host its connection comes from. */
  instance?: string;
  /** Why its kind is a guess: the option that decides it holds something the analysis cannot see, or a temp folder. */
  unsure?: string;
  /**
   * The kind the configuration picks instead, on another branch (`driver: REDIS_URI ? 'redis' : 'memory'`): the
   * library's in-process engine when a setting is missing. Its hazard is then a low-confidence note.
   */
  fallback?: { kind: StoreKind; how: string };
  /** The table or collection the client is bound to: `getRepository(User)`, `repo: Repository<User>` (see OpTable.entityArgs), `model('Project', schema)`. */
  target?: string;
  /** What an Active Record read returns: a query (`Model.findOne(q).populate('owner')`) or its record, whose reads are the same read. */
  read?: true;
  /** A new document of a model (`new User(doc)`): saving it inserts. */
  fresh?: true;
  /**
   * A transaction's handle, given to a function as a parameter (`tx: Transaction`, `trx: Knex.Transaction`,
   * `tx: Prisma.TransactionClient`): what the function does through it runs in a transaction its caller began.
   */
  tx?: true;
}

/** What a value turns out to be once every file is known. */
export type Thing =
  | { t: 'mod'; lib: StoreModel; spec: string; path: string[] }
  | { t: 'root'; path: string[]; recv: boolean }
  | { t: 'client'; c: Client }
  | { t: 'ns'; file: string }
  | { t: 'fn'; file: string; id: string }
  | { t: 'cls'; file: string; id: string }
  | { t: 'inst'; file: string; id: string }
  /** `fill`: what code stores under keys it computes (`db[model.name] = model`): what any other member may be. */
  | { t: 'obj'; file: string; p: Record<string, Val>; fill?: Val[]; sp?: Val[] }
  /** An untyped parameter named like a client (`client`, `db`): matched to a library by the method called. */
  | { t: 'guess'; file: string; chain: Step[]; target?: string; tx?: true }
  /** An untyped context object (`ctx`, `context`, `deps`): its members named like clients are guessed. */
  | { t: 'holder'; file: string }
  /** One of several clients (`type === 'session' ? sessionStorage : localStorage`): each is touched. */
  | { t: 'any'; of: Thing[] }
  | { t: 'data' };

export interface OpEvent {
  client: Client;
  access: Access;
  operation: string;
  target?: string;
  conditional?: boolean;
  /** Runs in a transaction or under a row lock (`{ transaction }`, `{ lock: … }`, `{ session }` options). */
  tx?: boolean;
  /** A query whose text the analysis cannot read: read or write, unknown. */
  unread?: boolean;
}

/** Collects what one use does: operations, clients made, callbacks scheduled, methods called. */
export class Sink {
  readonly ops: OpEvent[] = [];
  /** Clients made; `disk`: the path at which an embedded database made here keeps its data on this instance's disk. */
  readonly makes: Array<{ client: Client; factory: string; args: readonly Val[]; disk?: string }> = [];
  readonly schedules: Array<{ lib: StoreModel; callback?: { file: string; id: string } }> = [];
  readonly methods: Array<{ client: Client; name: string }> = [];
  /** Workspace functions this use calls (their store operations may belong to the caller's service too). */
  readonly calls: Array<{ file: string; id: string }> = [];
  /** What the whole use evaluated to. */
  result: Thing | undefined;
  constructor(readonly use: UseFact, readonly file: string, readonly hint: string) {}
}

/** Where a value is evaluated, and whether what it does is recorded. */
export interface EvalCtx {
  /** The file the value is written in. */
  readonly file: string;
  /** Records the use's operations; absent when a value is only looked up (a binding, an export, an argument). */
  readonly sink?: Sink;
  /** The use's whole value (not a part of it): assigning to it or deleting it writes. */
  readonly outer: boolean;
  /** How many steps deep the evaluation is (it gives up past a limit: cycles and very long chains). */
  readonly depth: number;
}

/** A value looked up for what it is, at `depth`: nothing is recorded. */
export function lookup(file: string, depth: number): EvalCtx {
  return { file, outer: false, depth };
}

/** A part of the use's value (a callee, the object of a member): still recorded, but not the whole value. */
export function part(cx: EvalCtx, depth = cx.depth): EvalCtx {
  return { file: cx.file, sink: cx.sink, outer: false, depth };
}

/** The same evaluation at another depth. */
export function at(cx: EvalCtx, depth: number): EvalCtx {
  return { ...cx, depth };
}

const TX_OPTIONS = ['transaction', 'lock', 'session', 'tx', 'trx'];

export function inTransaction(args: readonly Val[]): boolean {
  return args.some((a) => a.k === 'obj' && TX_OPTIONS.some((k) => k in a.p));
}

/** Steps worth naming in an operation: `prisma.seat.update` → `seat.update`, not `$transaction.seat.update`. */
export function shownStep(lib: StoreModel, s: Step): boolean {
  return s.name !== '()' && !lib.ops.ignore?.includes(s.name) && !COMMON_IGNORED.has(s.name);
}

/** The part of the client an operation goes through (`supabase.storage…` is object storage), when the entry says. */
export function byMember(c: Client, method: string): Client {
  const kinds = c.lib.memberKinds;
  const first = c.chain[0]?.name ?? method;
  const kind = kinds && Object.hasOwn(kinds, first) ? kinds[first] : undefined;
  return kind && kind !== c.kind ? { ...c, kind } : c;
}

/** A request to a host that is really a store (Firebase Storage is object storage) counts as that store. */
export function byHost(c: Client, host: string | undefined): Client {
  if (c.kind !== 'http-api' || !host) return c;
  for (const [re, kind] of HOST_KINDS) if (re.test(host)) return { ...c, kind, how: host };
  return c;
}

export function dollar(env: string | undefined): string | undefined {
  return env ? `$${env}` : undefined;
}

export function sameClient(a: Thing, b: Thing): boolean {
  return a.t === 'client' && b.t === 'client' && a.c.origin === b.c.origin && a.c.chain.length === b.c.chain.length;
}

/** The distinct clients among `things` (an `any` counts as one) as one Thing: the client, several as `any`; undefined when none. */
export function clientsAmong(things: Iterable<Thing | undefined>): Thing | undefined {
  const clients: Thing[] = [];
  for (const t of things) if ((t?.t === 'client' || t?.t === 'any') && !clients.some((c) => sameClient(c, t))) clients.push(t);
  return clients.length === 0 ? undefined : clients.length === 1 ? clients[0] : { t: 'any', of: clients };
}

export function anyOf(things: Array<Thing | undefined>): Thing | undefined {
  const kept = things.filter((t): t is Thing => t !== undefined && t.t !== 'data');
  if (kept.length === 0) return things.some((t) => t?.t === 'data') ? { t: 'data' } : undefined;
  return kept.length === 1 ? kept[0] : { t: 'any', of: kept };
}

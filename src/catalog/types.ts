import type { HazardKind, StoreKind } from './kinds';

export type Access = 'read' | 'write' | 'readwrite';

/**
 * One library (or browser/Node global) as the analyzer sees it: how a client of it is made, which
 * store kind it reaches, and which of its operations read or write. The extractor and the linker know
 * no library by name: adding a library is adding one of these, with its test.
 */
export interface StoreModel {
  /** Unique id, usually the npm package name (`ioredis`); `global:…` for globals. */
  id: string;
  /** The library's documentation: the first thing to read when this entry is wrong. */
  docs: string;
  /** Module specifiers that load it. A trailing `/*` also matches subpaths (`@mikro-orm/*`). */
  modules?: readonly string[];
  /** Access paths that reach it without an import: `['localStorage']`, `['document', 'cookie']`. */
  globals?: readonly (readonly string[])[];
  /**
   * Untyped handler parameters that stand for it by name: `['res']` (`res.cookie(…)`),
   * `['ctx', 'cookies']`. Used only where the parameter's type says nothing better.
   */
  receivers?: readonly (readonly string[])[];
  /**
   * Paths in the module whose members are a Cloudflare Worker's bindings, which the Wrangler configuration says
   * the kind of: `env` of `cloudflare:workers`, `getRequestContext.env` (`getRequestContext().env.DB`).
   */
  bindings?: readonly string[];
  /**
   * Modules whose types confirm a receiver: a parameter named as a root of `receivers` and typed with a
   * type imported from one of them (`res: Response` from `express`, `reply: FastifyReply` from `fastify`)
   * stands for it. A type from any other package says otherwise (`res: Stripe.Response`); a type of the
   * workspace's own, or none, leaves the name to decide.
   */
  receiverModules?: readonly string[];
  /** The store kind its operations touch when nothing refines it. */
  kind: StoreKind;
  /**
   * Parts of one client that keep their data elsewhere, by the first member after the client (or the method
   * called on it): `supabase.storage.from(bucket).upload()` is object storage, `supabase.auth` an HTTP API,
   * while `supabase.from(table)` stays the entry's kind.
   */
  memberKinds?: Readonly<Record<string, StoreKind>>;
  /** How the kind is refined where the client is made. */
  kindFrom?: KindSource;
  /** Export paths that make a client when called or constructed; `''` is the module (or global) itself. */
  factories?: readonly string[];
  /** Factories that reach another kind than `kind` (`new AWS.S3()` is object storage, `new AWS.SQS()` a queue). */
  factoryKinds?: Record<string, StoreKind>;
  /** Export names that denote a client as a type annotation or a base class (DI, typed parameters, subclasses). */
  types?: readonly string[];
  /** Ambient type names that denote a client with no import (`KVNamespace` of @cloudflare/workers-types): `kv: KVNamespace`. */
  globalTypes?: readonly string[];
  /** The module (or global, or receiver) itself is the client: calling its functions is an operation. */
  direct?: boolean;
  /** What its operations read or write. */
  ops: OpTable;
  /** Results of its read operations are live records with operations of their own (`doc.save()`). */
  activeRecord?: boolean;
  /**
   * Making it also keeps something in a cookie in the browser: a session middleware keeps the session's id
   * there, whatever store holds the session. Recorded as a `cookie` access where the client is made; per
   * factory when a record (the middleware, not its `MemoryStore`).
   */
  cookie?: Access | Readonly<Record<string, Access>>;
  /** A hazard raised where a client is made. */
  hazard?: HazardRule;
  /**
   * An embedded database: the data is a file (or a folder) on this instance's disk that the library opens where the
   * client is made (`new Database('app.db')`, `{ type: 'sqlite', database: 'db.sqlite' }`). Where the path is given;
   * a client with no path, an in-memory one (`:memory:`) or one opened read-only keeps nothing there.
   */
  diskFile?: DiskFileRule;
  /** A scheduler: the callback it is given runs in every replica (`setInterval`, node-cron). */
  scheduler?: {
    callbackArg: number; methods?: string[];
    /** Decorators that schedule the method they decorate (`@Cron('…') sync() {…}`): the method is the callback. */
    decorators?: string[];
  };
  /** Base classes whose subclasses are themselves an access (`class Transcoder extends WorkerHost` consumes a queue). */
  bases?: Readonly<Record<string, Access>>;
  /**
   * A job queue's operations that hand delivered jobs to the service's code (`new Worker`, `process`,
   * `extends WorkerHost`): the service is a consumer, delivered at least once, whatever store keeps the
   * queue. The queue's own operations (adding, retrying jobs) are its traffic, not state the consumer writes.
   */
  consumes?: readonly string[];
  /** Module registrations (`CacheModule.register({ store: redisStore })`): the kind they resolve becomes the kind of these libraries' clients in the same service, where those clients do not say it themselves. */
  configures?: readonly string[];
  /** Why the entry is shaped as it is, where that is not obvious. */
  note?: string;
}

export interface KindSource {
  /** Option keys whose literal value names a dialect (`client: 'pg'`), a driver class or a client. */
  options?: readonly string[];
  /** Connection-string literals among the arguments (`'postgres://…'`). */
  url?: boolean;
  /** Module specifier (or its prefix) → kind, for drivers chosen by import path (`drizzle-orm/node-postgres`). */
  modules?: Record<string, StoreKind>;
  /** The datasource provider of the service's `schema.prisma`. */
  prismaSchema?: boolean;
  /** The kind of another library's client passed among the arguments (`drizzle(pool)`). */
  argClient?: boolean;
  /** The kind when an options object names none of `keys` (`multer()` and `multer({ limits })` keep uploads in memory). */
  absent?: { keys: readonly string[]; kind: StoreKind };
  /**
   * Engines this library makes that write only to a temporary folder unless given an option
   * (`multer.diskStorage({})` without `destination` → the OS temp dir): factory → option.
   */
  scratchUnless?: Record<string, string>;
}

export interface OpTable {
  read?: readonly string[];
  write?: readonly string[];
  readwrite?: readonly string[];
  /** Not data access: connection management, events, configuration. */
  ignore?: readonly string[];
  /** Not an operation but a step towards one: `db.collection('orders')`, `prisma.seat`, `repo.createQueryBuilder()`. */
  navigate?: readonly string[];
  /** A chain that navigated (`knex('users').where(…)`) but named no operation: what awaiting it does. */
  chainDefault?: Access;
  /** The first member after the client names the target: `prisma.seat.update` touches `seat`. */
  memberTarget?: boolean;
  /**
   * Methods (or navigation steps, `()` for calling the client) whose first string argument names the
   * target — a key, table, collection, bucket, queue or path; `all` for every method (Redis keys).
   * Option keys such as `TableName`, `Bucket` or `topic` name targets everywhere.
   */
  targetArgs?: 'all' | readonly string[];
  /**
   * Methods that make a new record of the model without storing it (TypeORM's and MikroORM's `create`, Sequelize's
   * `build`): saving what they return inserts, as `new Model(doc).save()` does.
   */
  makesNew?: readonly string[];
  /** Operations whose result is a client again (`kvm.create('bucket')` makes and returns a bucket). */
  returnsClient?: readonly string[];
  /** Methods whose first argument is SQL text: its verb decides (`SELECT` reads). */
  sql?: readonly string[];
  /** HTTP request methods: the method name, an options `method`, or a verb argument decides. */
  http?: readonly string[];
  /** Methods taking a command object (`send(new PutObjectCommand())`): the command's name decides. */
  command?: readonly string[];
  /** Calling the client itself: an access, SQL text, an HTTP request, or only navigation (`knex('users')`). */
  call?: Access | 'sql' | 'http' | 'navigate';
  /** The client used as a template tag: SQL text (`` sql`SELECT …` ``). */
  tag?: 'sql';
  /** Property reads on the client read the store and property writes write it (`localStorage.key = …`). */
  members?: 'storage' | 'read';
  /** Reading the client itself is a read, assigning to it a write (`document.cookie`). */
  self?: boolean;
  /** Making the client is itself an access (a session store, a JWT verification strategy); per factory when a record. */
  construct?: Access | Record<string, Access>;
  /**
   * An entity class names the target: as the first argument of a method or navigation step
   * (`getRepository(User)`, `manager.findOne(User, …)`) and as the first type argument of a typed
   * client (`repo: Repository<User>`).
   */
  entityArgs?: boolean;
  /**
   * Methods whose first argument is a table object the code made with the library (`db.insert(products)`,
   * `db.select().from(products)`, `db.update(stores)`): the binding's name is the target.
   */
  tableArgs?: readonly string[];
  /** Methods whose first argument is Cypher: `CREATE`/`MERGE`/`SET`/`DELETE` write, the rest reads. */
  cypher?: readonly string[];
  /** Methods whose first argument is a GraphQL document: a `mutation` writes. */
  graphql?: readonly string[];
  /**
   * Header methods that touch the store only for some header names (`res.setHeader('Set-Cookie', v)`,
   * `headers.get('cookie')`): the first string argument, or a key of an object argument
   * (`res.set({ 'Set-Cookie': v })`), must be one of `names` (case-insensitive). `get…` and `has…` read,
   * the others write; any other header, or one the code does not spell out, is no operation.
   */
  headers?: { methods: readonly string[]; names: readonly string[] };
  /** Methods not listed: classified by their verb (`getUser` reads), ignored, or given one access. */
  fallback?: 'verb' | 'ignore' | Access;
  /** Option keys or literal flags that make a write conditional and so not a check-then-act race (`NX`). */
  conditional?: readonly string[];
}

export interface DiskFileRule {
  /** What the file is, for the hazard's message (`An SQLite database file`). */
  what: string;
  /** Only when the client's resolved kind is this one (an ORM that may reach another database). */
  kind?: StoreKind;
  /** The argument that is the path (`new Database(path)`), when it is not an options object. */
  arg?: number;
  /** Options that hold the path, dotted for nested ones (`connection.filename`): the first given wins. */
  options?: readonly string[];
  /** Options that keep the data in memory whatever the path (`inMemoryOnly`). */
  memoryOptions?: readonly string[];
  /** A scheme the path must have to be a local file (`file:` of a libSQL URL; others are a remote server). */
  scheme?: string;
  /**
   * Only for clients of these module specifiers (prefixes), each with the scheme its path must have (`''`: none): the
   * drivers of an ORM that open a file themselves (`drizzle('app.db')` of `drizzle-orm/better-sqlite3`).
   */
  modules?: Readonly<Record<string, string>>;
  /** Where the path is when the client names none (Prisma's SQLite file is the `url` of its schema's datasource). */
  implicit?: string;
}

export interface HazardRule {
  kind: HazardKind;
  /** Raised where a client is made (default), or at each of its write operations (a module-level singleton store). */
  on?: 'make' | 'write';
  /**
   * With `on: 'write'`, only at these of its writes (`apicache.middleware(…)`, where responses are kept), not at the
   * others (`apicache.clear(…)`, which empties the same cache).
   */
  at?: readonly string[];
  /**
   * With `on: 'write'`: every write reaches the one store the library keeps in the process (a response cache its
   * middleware fills from any router), so a service's writes are one report, the first, with the others as its places.
   * Without it each write is a report of its own (a file written is a state of its own).
   */
  oneStore?: boolean;
  /** Only when the resolved kind is this one (`memory`: no external `store:` was given), or always. */
  when?: 'always' | StoreKind;
  /** Not when the client is the value of one of these properties (`insuranceLimiter: new RateLimiterMemory()`). */
  unlessWithin?: readonly string[];
  /** Not when one of these methods is called on the client anywhere in the service (`io.adapter(…)`). */
  unlessMethod?: readonly string[];
  /**
   * Not when a function or method of one of these names is called anywhere in the workspace: what configures
   * the client from elsewhere (`app.useWebSocketAdapter(…)` on the NestJS application that makes the gateway).
   */
  unlessCalled?: readonly string[];
  /** Only when the client lives as long as the process (module level, class field), not per call. */
  longLived?: boolean;
  /**
   * Writes that are set-up, not state (`mkdirSync(uploads, { recursive: true })` at start-up): the
   * operations whose name starts with one of these, or `'every'` for a library that does nothing else.
   */
  setup?: readonly string[] | 'every';
  /** One sentence: why two replicas would disagree. */
  message: string;
}

/**
 * Per-file facts: what one file says, independent of every other file. They are plain JSON, cached by
 * content hash, and re-linked cheaply when another file changes. Values are kept symbolic (`Val`): the
 * extractor records *how* a value is made (`new (import 'ioredis'.default)(…)`), the linker decides
 * *what* it is once every file's facts are known.
 */

/** How many names one function keeps in `refs`: past this, it reads enough that the rest changes no judgement. */
export const MAX_REFS = 40;

/** A symbolic value. Short keys keep the cached facts of a large workspace small. */
export type Val =
  /** An import binding: module specifier and imported name (`default`, `*`, or an export name). */
  | { k: 'imp'; m: string; n: string }
  /** A global identifier no scope declares (`localStorage`, `fetch`, `process`). */
  | { k: 'glob'; n: string }
  /** A module-level binding of this file. */
  | { k: 'ref'; n: string }
  /** `this` inside class `c` (a key of `FileFacts.classes`). */
  | { k: 'this'; c: string }
  /** A function parameter: its name and, where annotated, its type. */
  | { k: 'param'; n: string; t?: Val }
  /** A property (`el`: element access with a literal or unknown key). */
  | { k: 'prop'; o: Val; n: string; el?: 1 }
  /** A call; `tag`: a tagged template whose text is the first argument. */
  | { k: 'call'; f: Val; a: Val[]; tag?: 1 }
  | { k: 'new'; f: Val; a: Val[] }
  /** A parameter of a callback given to `f` (`$transaction(async (tx) => …)`): a scoped client when `f` is a client method. */
  | { k: 'cb'; f: Val }
  /** A value known only by its declared type (`t`), with the entity it is for (`a`: `Repository<User>`); `m`: the entity named by an injection decorator (`@InjectModel('User')`). */
  | { k: 'type'; t: Val; a?: Val; m?: 1 }
  /** Any of these. */
  | { k: 'or'; v: Val[] }
  /** A local binding's value, substituted where it is used: its operations were recorded where it was made. `n`: `fnId:name`. */
  | { k: 'bound'; v: Val; n?: string }
  /** A string; `pre`: only its leading text is known (a template with substitutions). */
  | { k: 'str'; s: string; pre?: 1 }
  /**
   * `fill`: what code stores in it under keys it computes (`models[name] = sequelize.import(file)`); `sp`: what is spread
   * into it that is not an object written here (`{ ...devices, ...events }` of `import * as devices`), whose members are its own.
   */
  | { k: 'obj'; p: Record<string, Val>; fill?: Val[]; sp?: Val[] }
  /** A function (a key of `FileFacts.functions`). */
  | { k: 'fn'; id: string }
  /** A class (a key of `FileFacts.classes`). */
  | { k: 'cls'; id: string }
  /** Something not tracked; `c`: a flag's literal (`true`, `false`, `null`, `0`, `1`). */
  | { k: 'x'; c?: 1 | 2 };

export type UseContext = 'call' | 'value' | 'assign' | 'destructure' | 'delete';

/** A place where code may touch a store: the outermost expression of a property/call chain. */
export interface UseFact {
  v: Val;
  ctx: UseContext;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** Character offset of the expression's start (for ranges: callbacks, functions). */
  pos: number;
  /** Innermost enclosing function (a key of `functions`), absent at module level. */
  fn?: string;
  /** Where the made value is kept: a module binding or a class field (it lives as long as the process). */
  keep?: 'module' | 'field';
  /** The code runs at module or class level (start-up), not inside a function. */
  top?: 1;
  /** The local variable the result is assigned to (for check-then-act). */
  res?: string;
  /** `res` holds whether the read found nothing (`const missing = !(await find(id))`): its tests mean the opposite. */
  resNot?: 1;
  /**
   * Names the call's arguments compute with (`set(key, count + 1)`, `update({ data: { votes: user.votes + 1 } })`):
   * a write of a value made from what was read before (a lost update when two requests read the same).
   */
  calc?: string[];
  /** The range of the block (or function) that declares `res`: a test of that name elsewhere is another variable. */
  resAt?: [number, number];
  /** Inside a callback given to a transaction or lock (`$transaction(async tx => …)`, `redlock.using`). */
  tx?: 1;
  /** The only lock it is under is a mutex or semaphore of the process (`withMutex(…)`): one replica's order, not the others'. */
  inProcessLock?: 1;
  /** The property name this expression is the value of (`insuranceLimiter: new RateLimiterMemory()`). */
  within?: string;
  /** Words found in the lines it spans (`from-beginning`, `nx-or-unique`, …; see extract/textSignals.ts). */
  sig?: string[];
}

export interface ImportFact {
  local: string;
  module: string;
  /** `default`, `*`, or the export name. */
  name: string;
  typeOnly?: boolean;
  line: number;
  /** A dynamic `import()` or `require` inside a function. */
  dynamic?: boolean;
}

export interface ExportFact {
  /** The exported name (`default` for default exports, `*` for `export * from`). */
  name: string;
  /** The value exported, when declared in this file. */
  v?: Val;
  /** Re-export: the module and the imported name. */
  from?: string;
  imported?: string;
}

/** The `name` of a function expression called where it is written (`(async () => { … })()`). */
export const IIFE = '(iife)';

export interface FunctionFact {
  name: string;
  /** Values returned (at most a few). */
  ret: Val[];
  /**
   * Every value it returns says whether something was not found (`return link === null`, `return count === 0`,
   * `return !user`): a lookup whose truth means absent, as `isKeyAvailable` or `isUnique` answer.
   */
  absent?: 1;
  /**
   * It returns the environment variable its parameter at this index names (`getOsEnv(key)` returning `process.env[key]`,
   * or with a fallback): a call of it with a literal reads that variable.
   */
  envParam?: number;
  start: number;
  end: number;
  line: number;
  /** Enclosing function. */
  parent?: string;
  /** Parameter names by position ('' for a destructured one), when any is a plain name. */
  params?: string[];
  /** Names of functions of this file it calls (for reaching timer callbacks' effects). */
  calls?: string[];
  /** Module state this function reads with `get`/`has` (for telling memoisation from state). */
  reads?: string[];
  /**
   * Changes it makes to what one of its parameters holds (`map.set(key, …)` of `function hit(map, key)`): module
   * state wherever a caller passes some in (`hit(attempts, ip)`). `i` is the parameter's position.
   */
  pmut?: Array<{ i: number; how: MutationHow; method?: string; line: number; col: number; count?: 1 }>;
  /**
   * Calls of one of its parameters, here or in a function written inside it (`callback(db)`,
   * `fs.readFile(p, (e, t) => cb(JSON.parse(t)))`): `i` the parameter's position, `at` the function the call is
   * in, `a` the arguments. What a callback given to this function receives, and when it runs.
   */
  pcalls?: Array<{ i: number; at: string; a: Val[] }>;
  /**
   * Parameters it saves as active records (`await user.save()` of `function expire(user)`): `i` the parameter's position,
   * `line` the save's. A caller that hands it records it read from a store has them written back.
   */
  psaved?: Array<{ i: number; line: number }>;
  /**
   * Module state this function reads in any other way than as the receiver of a change (`list.length`,
   * `for (const x of list)`, `return cache`, `this.tasks` passed on): bindings, `Cls.static`, `c0#field`, and
   * imported names (`local`, or `ns.member` through a namespace). What requests change but never read back is
   * bookkeeping, not state that answers depend on.
   */
  refs?: string[];
  /**
   * Identifiers tested in conditions (`if`, `?:`, `&&`), with their offsets and the member path tested (for
   * check-then-act); where it can be told, how a present value makes the condition go and which entry of
   * `conds` it is (see extract/conditions.ts `senseOf`).
   */
  tests?: Array<[string, number, string?, number?, number?]>;
  /**
   * Members compared with a string literal in a condition (`project.status === 'deleted'`): the local, the member
   * path and the literal; or with a name or a member chain (`p.status === Status.ACCEPTED`): `=` and its text. A write
   * that sets the member to that very value leaves it as a second request would.
   */
  eqs?: Array<[string, string, string]>;
  /**
   * Locals computed from one field of another local (`const last = new Date(doc.lastClaimed)`: last, doc,
   * lastClaimed): a test of such a local tests that field of the record (for check-then-act).
   */
  derived?: Array<[string, string, string]>;
  /**
   * Fields this function sets on its locals (`seat.takenBy = user`): what a later `seat.save()` writes; `1` when the
   * new value builds on the old one (`topic.replies += 1`, `n.count = n.count + 1`, `post.likes++`); else, where it can be
   * told, what the value is (extract/mutations.ts `settledValue`: a flag, the clock, a literal, a name).
   */
  sets?: Array<[string, string, 1?, string?]>;
  /**
   * Conditions: their range, the range of the code they decide whether it runs, and where in it the code that
   * runs when the condition fails begins, when that is one place (`[start, end, from, to, split?]`).
   */
  conds?: Array<[number, number, number, number, number?]>;
  /** Reads the clock (`Date.now()`, `new Date()`): a window or an expiry, for telling a rate limit or a cache from other state. */
  clock?: 1;
  /** Draws a random value (`uuidv4()`, `crypto.randomUUID()`, `Math.random()`): what it memoises differs per replica. */
  random?: 1;
  /** Where a loop in it never ends and sleeps between rounds (`while (true) { …; await sleep(ms); }`): a timer (line, column). */
  loop?: [number, number];
  /** Words found in its text (`deny-list`, `session`, `idempotency-header`, …; see extract/textSignals.ts). */
  sig?: string[];
}

export interface ClassFact {
  name: string;
  ext?: Val;
  /** It extends one of the language's collections (`class Collection extends Map`): its instances are one. */
  coll?: 'map' | 'set' | 'array';
  /** Instance fields: initialisers, `this.x = …` assignments, constructor parameter properties. */
  fields: Record<string, Val>;
  statics: Record<string, Val>;
  /** Methods: name → function id. */
  methods: Record<string, string>;
  line: number;
  /** Constructor parameter names by position ('' for a destructured one), when it declares any. */
  ctor?: string[];
  /** The function id of its constructor, when it declares one. */
  init?: string;
  /**
   * Field sets an ORM entity's decorators keep unique (`@PrimaryGeneratedColumn()`, `@Column({ unique: true })`,
   * `@Unique(['a', 'b'])`, `@Index(['a'], { unique: true })`): a check-then-insert on them is refused by the database.
   */
  unique?: string[][];
  /** The table an entity decorator names (`@Entity('podcasts')`, `@Table({ tableName: 'users' })`), lower case. */
  table?: string;
  /** Arguments of the constructor's `super(…)` call: what a base class's constructor parameters receive. */
  sup?: Val[];
  /** A dependency-injection container makes one instance for the process (`@Injectable()`): its fields are process state. */
  single?: 1;
}

export type MutationHow = 'method' | 'property' | 'assign' | 'update' | 'delete';

/** A module-level binding (or static field) changed inside a function. */
export interface MutationFact {
  /** The binding (`cache`), or `Class.static`. */
  target: string;
  how: MutationHow;
  method?: string;
  line: number;
  col: number;
  fn?: string;
  /** The assignment is a lazy initialisation (`if (!x) x = …`, `x ??= …`). */
  lazy?: 1;
  /** The assigned value is a handle (a `new`, a call) rather than data. */
  handle?: 1;
  /** The binding is imported: the module and export it comes from. */
  imp?: { m: string; n: string };
  /** Changed through a local that holds part of it (`const b = buckets.get(ip); b.count++`). */
  via?: 1;
  /** A `set`/`add` after a `get`/`has` of the same state in the same function, or `m[k] = …` under `if (!m[k])`: memoisation. */
  memo?: 1;
  /** `x += n`, `x -= n`, `x = (x + 1) % n` (on the binding or a part of it): counting. */
  count?: 1;
  /** Assigned a literal flag or number (`running = true`, `attempts = 0`). */
  lit?: 1;
  /** What was stored (`map.set(k, v)`, `list.push(v)`, `obj[k] = v`), when it may be a store client. */
  value?: Val;
  /** What was stored is a timer's handle (`timeouts.set(id, setTimeout(…))`, `debounced[k] = setTimeout(…)`). */
  timer?: 1;
  /** Made through a helper that reads the clock (`allow(attempts, ip)` comparing `Date.now()`): set by the linker. */
  clock?: 1;
  /**
   * A member of what a class field holds was changed (`this.gateway.streams[room] = s`): that member and how it was
   * changed. The linker follows a field the constructor receives typed by another class to that class's member.
   */
  sub?: { n: string; how: MutationHow };
}

export type InitKind = 'map' | 'set' | 'array' | 'object' | 'primitive' | 'frozen' | 'call' | 'new' | 'function' | 'class' | 'none' | 'other';

/** Made as a collection (`new Map()`, `[]`, `{}`): what requests can add to and take from. */
export function isContainerInit(init: InitKind): boolean {
  return init === 'map' || init === 'set' || init === 'array' || init === 'object';
}

export interface ModuleBindingFact {
  name: string;
  decl: 'const' | 'let' | 'var' | 'static' | 'field';
  init: InitKind;
  line: number;
  col: number;
  /** A `private`, `protected` or `#` member: only its class's own code reads it. */
  priv?: 1;
  /** Made by a CommonJS export (`module.exports.userList = []`): its name is the export's. */
  cjs?: 1;
}

export interface ClaimFact {
  stateless: boolean;
  line: number;
  text: string;
}

export interface FileFacts {
  file: string;
  /** Parse diagnostics and limits; the file's other facts are still as complete as the parser allowed. */
  problems?: string[];
  imports: ImportFact[];
  exports: ExportFact[];
  /** Module-level bindings → value. */
  bindings: Record<string, Val>;
  functions: Record<string, FunctionFact>;
  classes: Record<string, ClassFact>;
  uses: UseFact[];
  declared: ModuleBindingFact[];
  mutations: MutationFact[];
  claims: ClaimFact[];
  /** Token lifetimes written in the file: `[pattern index, line, seconds or null when unknown]` (see extract/textSignals.ts). */
  lifetimes?: Array<[number, number, number | null]>;
  /** Column sets the file's schema code keeps unique, per table (lower case): `[table, columns]` (see extract/uniqueKeys.ts). */
  uniqueKeys?: Array<[string, string[]]>;
  /** Hints for the kind of service and of file: a `'use client'` directive, DOM globals, an exported handler. */
  hints: FileHints;
  /**
   * Values hung on an object under a name (`app.db = client`, `app.locals.redis = …`, `app.set('pg', pool)`):
   * the object's root, the name, the value (see extract/slots.ts).
   */
  slots?: Array<{ o: Val; n: string; v: Val }>;
  /**
   * Imports (by local name) the code refers to as values: `top` outside every function, `any` anywhere.
   * TypeScript drops an import no value refers to, so the module it names is not loaded for it.
   */
  valueImports?: { top: string[]; any: string[] };
}

export interface FileHints {
  useClient?: 1;
  useServer?: 1;
  dom?: 1;
  jsx?: 1;
  /** Exports a function named `handler` (a serverless entry): the line of the export. */
  handler?: number;
  /** Module-level names that hold `module.exports` (`const file = module.exports`): `file.save(…)` calls this file's export. */
  exportAliases?: string[];
  /** Calls `.listen(` on something (a server entry). */
  listen?: 1;
  /** The catalog's configuring calls this file makes (`app.useWebSocketAdapter(…)`), whatever their receiver. */
  called?: string[];
}

/** `v` with each value it is directly made of (a member's object, a call's callee and arguments, alternatives, a local's value, an object's properties) replaced by `f` of it. */
export function mapChildren(v: Val, f: (x: Val) => Val): Val {
  switch (v.k) {
    case 'prop':
      return { ...v, o: f(v.o) };
    case 'call':
    case 'new':
      return { ...v, f: f(v.f), a: v.a.map(f) };
    case 'bound':
      return { ...v, v: f(v.v) };
    case 'or':
      return { k: 'or', v: v.v.map(f) };
    case 'obj': {
      const p: Record<string, Val> = {};
      for (const [key, val] of Object.entries(v.p)) p[key] = f(val);
      return { k: 'obj', p, ...(v.fill ? { fill: v.fill.map(f) } : {}), ...(v.sp ? { sp: v.sp.map(f) } : {}) };
    }
    default:
      return v;
  }
}

/**
 * The values a value is made of, itself first: through members, calls and their arguments, callbacks, alternatives,
 * locals and objects, at most `limit` of them (facts can nest deeply).
 */
export function* valNodes(roots: readonly Val[], limit: number): Generator<Val> {
  const stack: Val[] = [...roots];
  for (let n = 0; stack.length > 0 && n < limit; n++) {
    const x = stack.pop()!;
    yield x;
    switch (x.k) {
      case 'prop':
        stack.push(x.o);
        break;
      case 'call':
      case 'new':
        stack.push(x.f, ...x.a);
        break;
      case 'cb':
        stack.push(x.f);
        break;
      case 'or':
        stack.push(...x.v);
        break;
      case 'bound':
        stack.push(x.v);
        break;
      case 'obj':
        stack.push(...Object.values(x.p), ...(x.fill ?? []), ...(x.sp ?? []));
        break;
      default:
        break;
    }
  }
}

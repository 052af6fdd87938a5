import type { Prototypes } from './prototypes';
import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import type { FileFacts, UseContext, Val } from '../facts';
import { Scope } from './scope';
import { convertedFrom, derivedFrom, unwrap } from './syntax';

const FIRST_TYPE_NODE = tsv.SyntaxKind.FirstTypeNode;
const LAST_TYPE_NODE = tsv.SyntaxKind.LastTypeNode;

export interface ExtractOptions {
  /** Global names worth following (`localStorage`, `fetch`, `window`). */
  globals: ReadonlySet<string>;
  /** Ambient type names that denote a client (`KVNamespace`). */
  globalTypes: ReadonlySet<string>;
  /** Untyped parameter names that may stand for a catalog receiver (`res`, `ctx`). */
  receivers: ReadonlySet<string>;
  /**
   * Names of calls that configure a catalog library from elsewhere (`useWebSocketAdapter`, a hazard rule's
   * `unlessCalled`): recorded wherever they are made, on any receiver.
   */
  configCalls?: ReadonlySet<string>;
  /** Follow uses rooted in an import of this module? Bare npm modules outside the catalog are not followed. */
  followModule(spec: string): boolean;
  /** Globals a framework makes, as what they stand for (Sails.js: `sails` and each model, from the `sails` module). */
  frameworkGlobals?: ReadonlyMap<string, Val>;
}

/** The class `this` refers to, and whether the code is in a static member. */
export interface ThisClass {
  id: string;
  isStatic: boolean;
}

/** Where the value of an expression being visited ends up: kept by the module or a field, or bound to a local. */
export interface KeptValue {
  keep?: 'module' | 'field';
  /** The local the value is assigned to. */
  res?: string;
  /** `destructure`: the value is destructured (`const { a } = x`). */
  ctx?: UseContext;
  /** `res` holds whether the value was found, negated (`const missing = !(await find(id))`). */
  not?: boolean;
}

/**
 * The state of one walk over one file, shared by the modules that record facts (values, bindings, uses,
 * mutations, exports), and the walk's explicit stack.
 *
 * The walk keeps its own stack instead of recursing: a file's nesting (a 2,000-term `+` chain, JSX
 * hundreds deep) would otherwise exhaust the call stack and lose every fact of the file. Entries are
 * nodes still to visit, with the parent to give them, and steps to run once the subtrees pushed
 * after them are done (restoring a scope, a return value read after its expression was visited).
 * A function that visits therefore only schedules: whatever it does after a visit is a later step.
 */
export class WalkState {
  readonly facts: FileFacts;
  /** The innermost scope; replaced on entering a block or function, restored by a later step. */
  scope: Scope = new Scope(undefined, true);
  /** The class `this` refers to here, if any. */
  thisCls: ThisClass | undefined;
  /**
   * Outside a class, the module-level object `this` refers to here: the function is a property of it, called as its
   * method (`wrapper.search = function () { return this.esClient() }`, `const api = { get() { this.cache … } }`).
   */
  thisObj: string | undefined;
  /**
   * Members of module-level objects that their functions assign a client made on first use (`this.redis = new
   * Redis()`): added to the object's value once the walk ends, when every binding is known.
   */
  readonly madeMembers: Array<{ name: string; member: string; v: Val }> = [];
  /**
   * How many functions that run in a browser page the code being visited is in (`page.evaluate(() => …)`): their
   * uses and changes are the page's, not this process's.
   */
  inPage = 0;
  /** Constructor functions and their prototype's methods (see prototypes.ts), found before the walk. */
  protos: Prototypes | undefined;
  /** How many transaction or lock callbacks enclose the code being visited. */
  txDepth = 0;
  /** Functions with a `return` that answers something other than "not found" (see FunctionFact.absent). */
  readonly answersOther = new Set<string>();
  /** Of `txDepth`, the transactions and locks a store keeps (not a mutex of the process). */
  storeTxDepth = 0;
  /** Module-level names that hold `module.exports` (`const file = module.exports`): `file.save = …` exports `save`. */
  readonly exportAliases = new Set<string>();
  /** What code assigned to a member of the global object (`global.os = global.os || new Client()`), by member name. */
  readonly globalValues = new Map<string, Val>();
  /** Module constants that hold a path from the file's own folder (`const ROOT = path.join(__dirname, '..')`), relative to it. */
  readonly modulePaths = new Map<string, { rel: string }>();
  /** Roots of expressions recorded as changes of module state (`tasks` in `tasks.push(t)`): not reads of it. */
  readonly changedRoots = new Set<ts.Node>();
  /** The expression whose value is kept (see `keepValue`), while it is being visited. */
  pending: (KeptValue & { target: ts.Expression }) | undefined;
  private readonly fnIds = new Map<ts.Node, string>();
  private readonly clsIds = new Map<ts.Node, string>();
  private readonly fnStack: string[] = [];
  private readonly todo: Array<ts.Node | (() => void)> = [];
  private readonly todoParent: Array<ts.Node | undefined> = [];

  constructor(
    readonly sf: ts.SourceFile,
    file: string,
    readonly opts: ExtractOptions,
  ) {
    this.facts = {
      file, imports: [], exports: [], bindings: {}, functions: {}, classes: {}, uses: [], declared: [], mutations: [],
      claims: [], hints: {},
    };
  }

  /** 1-based line and column of a position. */
  /** `name` holds `module.exports` (see `exportAliases`); kept in the facts' hints too, for the link. */
  noteExportAlias(name: string): void {
    if (this.exportAliases.has(name)) return;
    this.exportAliases.add(name);
    (this.facts.hints.exportAliases ??= []).push(name);
  }

  lc(pos: number): { line: number; col: number } {
    const p = this.sf.getLineAndCharacterOfPosition(pos);
    return { line: p.line + 1, col: p.character + 1 };
  }

  /** The innermost function being visited (a key of `facts.functions`), undefined at module or class level. */
  get fn(): string | undefined {
    return this.fnStack[this.fnStack.length - 1];
  }

  /** Enters function `id` until everything scheduled after this call is done. */
  enterFunction(id: string): void {
    this.fnStack.push(id);
  }

  leaveFunction(): void {
    this.fnStack.pop();
  }

  fnIdOf(n: ts.Node): string {
    let id = this.fnIds.get(n);
    if (!id) {
      id = 'f' + this.fnIds.size;
      this.fnIds.set(n, id);
    }
    return id;
  }

  clsIdOf(n: ts.Node): string {
    let id = this.clsIds.get(n);
    if (!id) {
      id = 'c' + this.clsIds.size;
      this.clsIds.set(n, id);
    }
    return id;
  }

  // ---- the explicit stack ----------------------------------------------------------------------

  /** Runs the walk: visits whatever was scheduled, and whatever that schedules, until nothing is left. */
  drain(visit: (node: ts.Node) => void): void {
    while (this.todo.length > 0) {
      const next = this.todo.pop()!;
      const parent = this.todoParent.pop();
      if (typeof next === 'function') next();
      else {
        // parents are set here, on the way down, rather than by the parser (`setParentNodes`): the walk
        // visits every node anyway, and the parser's own pass is a sixth of the parse. Code that looks
        // up from a node only ever looks at nodes already visited.
        if (parent) (next as { parent: ts.Node }).parent = parent;
        // a type says nothing about state, and its names are not reads (`typeof store` is no use of `store`):
        // its subtree is not walked (its nodes get no parent). Readers of annotations look at them directly.
        if (next.kind >= FIRST_TYPE_NODE && next.kind <= LAST_TYPE_NODE) continue;
        visit(next);
      }
    }
  }

  /** Visits `node` (after whatever is scheduled later in the current step). */
  push(node: ts.Node, parent?: ts.Node): void {
    this.todo.push(node);
    this.todoParent.push(parent);
  }

  /** Runs `step` once everything scheduled after it in the current step is done. */
  later(step: () => void): void {
    this.todo.push(step);
    this.todoParent.push(undefined);
  }

  /** Runs the steps in order, each after the subtrees the one before it scheduled. */
  sequence(steps: Array<() => void>): void {
    for (let i = steps.length - 1; i >= 0; i--) this.later(steps[i]);
  }

  /** Visits the nodes in order. */
  pushAll(nodes: readonly ts.Node[], parent: ts.Node): void {
    for (let i = nodes.length - 1; i >= 0; i--) this.push(nodes[i], parent);
  }

  visitChildren(node: ts.Node): void {
    const from = this.todo.length;
    tsv.forEachChild(node, (c) => {
      this.push(c, node);
    });
    // forEachChild gives them first to last; the stack must hand out the first one first
    for (let i = from, j = this.todo.length - 1; i < j; i++, j--) {
      const t = this.todo[i];
      this.todo[i] = this.todo[j];
      this.todo[j] = t;
    }
    // every parent here is `node`: nothing to swap in todoParent
  }

  /** Runs `body` in a new scope, which stays until everything `body` schedules is done. */
  inScope(body: () => void, kind: 'block' | 'function' = 'block'): void {
    const saved = this.scope;
    this.scope = new Scope(saved, kind === 'function');
    this.later(() => {
      this.scope = saved;
    });
    body();
  }

  /** Visits an expression whose value is kept (module binding, field), or bound to a local. */
  keepValue(e: ts.Expression, kept: KeptValue, parent?: ts.Node): void {
    const saved = this.pending;
    // `const taken = !!(await find(id))`: the local tells whether the read found something, nothing more
    const derived = kept.res ? derivedFrom(e) : undefined;
    // `const hits = Number(await redis.get(key)) || 0`: the local holds the read's value in another form
    const converted = kept.res && !derived ? convertedFrom(e) : undefined;
    this.pending = derived ? { target: derived.e, res: kept.res, ...(derived.not ? { not: true } : {}) } : converted ? { target: converted, res: kept.res } : { target: unwrap(e), ...kept };
    this.later(() => {
      this.pending = saved;
    });
    this.push(e, parent);
  }
}

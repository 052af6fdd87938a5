import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import type { UseContext, UseFact, Val } from '../facts';
import { IN_PROCESS_LOCK_CALLEE, RANDOM_SOURCES, STORE_LOCK_CALLEE, TRANSACTION_CALLEE } from '../../catalog/names';
import { capDepth, interesting } from './scope';
import { computedSpec } from './modulePaths';
import { calcNames, continuesChain, isAssignment, isFunctionLike, namesOf, propName, unwrap } from './syntax';
import { isModuleExportsExpr, valOf, valOfName } from './values';
import { recordExportsAssign } from './exports';
import { conditionRead } from './conditions';
import { recordCallMutation } from './mutations';
import { recordSlotCall } from './slots';
import { recordRearm } from './loops';
import type { WalkState } from './walkState';

/**
 * Uses and calls: the places where code may touch a store (the outermost expression of a property or
 * call chain rooted in something worth following), the calls a function makes, dynamic imports, and
 * whether the code runs inside a transaction or lock callback.
 */

/** A property access or call: its use (when it ends a chain), the call's facts, the mutation it makes. */
export function visitChain(w: WalkState, node: ts.Expression): void {
  const fnNode = tsv.isCallExpression(node) || tsv.isNewExpression(node) ? node : undefined;
  if (fnNode && tsv.isCallExpression(fnNode)) recordCall(w, fnNode);
  if (fnNode && w.fn && readsClock(fnNode)) w.facts.functions[w.fn]!.clock = 1;
  if (fnNode && w.fn && tsv.isCallExpression(fnNode) && drawsRandom(w, fnNode)) w.facts.functions[w.fn]!.random = 1;
  if (!continuesChain(node)) recordUse(w, node);
  const tx = fnNode && tsv.isCallExpression(fnNode) ? transactionCall(w, fnNode) : undefined;
  if (tx) {
    // an in-process mutex orders the callbacks of one process only: counted apart from a store's transaction or lock
    const inProcess = tx === 'in-process';
    w.txDepth++;
    if (!inProcess) w.storeTxDepth++;
    w.later(() => {
      w.txDepth--;
      if (!inProcess) w.storeTxDepth--;
    });
    w.visitChildren(node);
    return;
  }
  if (tsv.isCallExpression(node)) {
    recordCallMutation(w, node);
    recordExportsAssign(w, node);
    recordSlotCall(w, node);
  }
  w.visitChildren(node);
}

/**
 * Names one function's calls are kept for, at most: a start-up function that starts some twenty cron jobs in a row
 * (impact-graph's `initializeCronJobs`) must keep them all, or the later jobs look as if nothing started them.
 */
const MAX_CALLS = 200;

/** What a call says besides its value: a server that listens, a dynamic import, a call of this file's functions. */
function recordCall(w: WalkState, call: ts.CallExpression): void {
  const callee = call.expression;
  recordRearm(w, call);
  if (tsv.isPropertyAccessExpression(callee) && callee.name.text === 'listen') w.facts.hints.listen = 1;
  const named = tsv.isPropertyAccessExpression(callee) ? callee.name.text : tsv.isIdentifier(callee) ? callee.text : undefined;
  if (named !== undefined && w.opts.configCalls?.has(named) && !w.facts.hints.called?.includes(named)) (w.facts.hints.called ??= []).push(named);
  const spec = call.arguments[0];
  if (spec && (callee.kind === tsv.SyntaxKind.ImportKeyword || (tsv.isIdentifier(callee) && callee.text === 'require' && !w.scope.lookup('require')))) {
    // a literal path, or one computed from the file's own folder (`require(path.join(ROOT, 'server'))`)
    const module = tsv.isStringLiteralLike(spec) ? spec.text : computedSpec(w, spec);
    if (module !== undefined) w.facts.imports.push({ local: '', module, name: '*', line: w.lc(call.getStart(w.sf)).line, ...(w.fn ? { dynamic: true } : {}) });
  }
  const f = w.fn && w.facts.functions[w.fn];
  if (f && tsv.isIdentifier(callee) && w.scope.lookup(callee.text)?.kind === 'param') recordParamCall(w, callee.text, call);
  if (f && tsv.isIdentifier(callee)) {
    const calls = (f.calls ??= []);
    if (calls.length < MAX_CALLS && !calls.includes(callee.text)) calls.push(callee.text);
  } else if (f && tsv.isPropertyAccessExpression(callee) && (callee.expression.kind === tsv.SyntaxKind.ThisKeyword || isModuleExportsExpr(w, callee.expression))) {
    // `this.save()`, and `exports.save()` / `module.exports.save()`: a function of this file
    const calls = (f.calls ??= []);
    if (calls.length < MAX_CALLS && !calls.includes(callee.name.text)) calls.push(callee.name.text);
  }
}

/** A call of a parameter of this function or of one it is written in (`callback(db)`): see `FunctionFact.pcalls`. */
function recordParamCall(w: WalkState, name: string, call: ts.CallExpression): void {
  for (let at: string | undefined = w.fn, depth = 0; at !== undefined && depth < 6; at = w.facts.functions[at]?.parent, depth++) {
    const owner = w.facts.functions[at];
    const i = owner?.params?.indexOf(name) ?? -1;
    if (i < 0) continue;
    const list = (owner!.pcalls ??= []);
    if (list.length < 4) list.push({ i, at: w.fn!, a: call.arguments.slice(0, 4).map((x) => capDepth(valOf(w, x))) });
    return;
  }
}

/**
 * Is this name a parameter of a function its module exports: `module.exports = (cron) => …`, `exports.init = function
 * (db) …`, `export default function (app) …`, `export function start(queue) …`, `export const run = (redis) => …`?
 */
function paramOfExported(w: WalkState, name: string, node: ts.Node): boolean {
  // (parents are set on the way down: the use's node has its ancestors, its own children not yet)
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (!tsv.isArrowFunction(n) && !tsv.isFunctionExpression(n) && !tsv.isFunctionDeclaration(n)) continue;
    if (!n.parameters.some((p) => tsv.isIdentifier(p.name) && p.name.text === name)) continue;
    const exported = (x: ts.Node) => tsv.canHaveModifiers(x) && !!tsv.getModifiers(x)?.some((m) => m.kind === tsv.SyntaxKind.ExportKeyword);
    if (tsv.isFunctionDeclaration(n)) return exported(n);
    const p = n.parent;
    if (tsv.isExportAssignment(p)) return true;
    if (tsv.isVariableDeclaration(p) && tsv.isVariableDeclarationList(p.parent)) return exported(p.parent.parent);
    if (tsv.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === tsv.SyntaxKind.EqualsToken) {
      const left = unwrap(p.left);
      return isModuleExportsExpr(w, left) || (tsv.isPropertyAccessExpression(left) && isModuleExportsExpr(w, left.expression));
    }
    return false;
  }
  return false;
}

function recordUse(w: WalkState, node: ts.Expression): void {
  if (w.inPage > 0) return; // the page's, not this process's
  // decide on the chain's root first: most chains (`arr.map(…)`, `console.log(…)`) end here, before
  // their arguments are turned into values
  let root: ts.Expression = node;
  for (;;) {
    root = unwrap(root);
    if (tsv.isPropertyAccessExpression(root) || tsv.isElementAccessExpression(root) || tsv.isCallExpression(root) || tsv.isNewExpression(root)) {
      if (tsv.isCallExpression(root) && (root.expression.kind === tsv.SyntaxKind.ImportKeyword || (tsv.isIdentifier(root.expression) && root.expression.text === 'require'))) break;
      root = root.expression;
    } else if (tsv.isTaggedTemplateExpression(root)) root = root.tag;
    else break;
  }
  const rv = valOf(w, root);
  const listener = registersBoundListener(node);
  // a call through a parameter of a function the module exports (`module.exports = (cron, fetch) => { cron.schedule(…) }`):
  // what its callers hand it is looked up when linking
  const given = rv.k === 'param' && !interesting(rv, w.opts.receivers) && tsv.isCallExpression(node) && root !== node && paramOfExported(w, rv.n, node);
  if ((!interesting(rv, w.opts.receivers, w.facts.functions) || !followed(w, rv)) && !given && !handsOverPlugin(w, node) && !registersRoute(node) && !listener) return;
  let v = root === node ? rv : valOf(w, node);
  if (!interesting(v, w.opts.receivers, w.facts.functions) && !listener && !given) return;
  // `(process.env.X ?? 'a').split(',')`: the operands of `??`/`?:` are recorded as uses of their own
  if (root !== node && (tsv.isBinaryExpression(root) || tsv.isConditionalExpression(root))) v = boundRoot(v);
  const parent = skipParens(node);
  let ctx: UseContext = tsv.isCallExpression(node) || tsv.isNewExpression(node) || tsv.isTaggedTemplateExpression(node) ? 'call' : 'value';
  const p = parent.parent;
  if (p && tsv.isBinaryExpression(p) && p.left === parent && isAssignment(p.operatorToken.kind)) ctx = 'assign';
  else if (p && tsv.isDeleteExpression(p)) ctx = 'delete';
  else if (p && (tsv.isPrefixUnaryExpression(p) || tsv.isPostfixUnaryExpression(p)) &&
    (p.operator === tsv.SyntaxKind.PlusPlusToken || p.operator === tsv.SyntaxKind.MinusMinusToken)) ctx = 'assign';
  const pend = w.pending && w.pending.target === node ? w.pending : undefined;
  if (pend?.ctx === 'destructure' && ctx === 'value') ctx = 'destructure';
  const start = node.getStart(w.sf);
  const a = w.lc(start);
  const b = w.lc(node.end);
  const use: UseFact = { v: capDepth(v), ctx, line: a.line, col: a.col, endLine: b.line, endCol: b.col, pos: start };
  if (w.fn) use.fn = w.fn;
  else use.top = 1;
  const keep = pend?.keep ?? assignedKeep(w, parent);
  if (keep) use.keep = keep;
  const res = pend?.res ?? assignedLocal(parent) ?? (w.fn && tsv.isCallExpression(node) && inCondition(parent) ? conditionRead(w, node) : undefined);
  if (res) {
    use.res = res;
    if (pend?.not) use.resNot = 1;
    const at = w.fn ? declaringBlock(node, res) : undefined;
    if (at) use.resAt = [at.getStart(w.sf), at.end];
  }
  if (tsv.isCallExpression(node) && node.arguments.length > 0) {
    const calc = calcNames(node.arguments, node);
    if (calc.length > 0) use.calc = calc;
  }
  if (w.txDepth > 0) use.tx = 1;
  if (w.txDepth > 0 && w.storeTxDepth === 0) use.inProcessLock = 1;
  if (p && tsv.isPropertyAssignment(p) && p.initializer === parent) {
    const within = propName(p.name);
    if (within) use.within = within;
  }
  w.facts.uses.push(use);
}

/**
 * `{ insuranceLimiter: fallback }`: a client handed over by name as a property value. Recorded so that
 * a hazard can know where its client ends up.
 */
export function recordHandover(w: WalkState, p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): void {
  const e = tsv.isPropertyAssignment(p) ? unwrap(p.initializer) : p.name;
  if (!tsv.isIdentifier(e)) return;
  const within = propName(p.name);
  const v = valOfName(w, e.text);
  if (!within || v.k === 'x' || !interesting(v, w.opts.receivers) || !followed(w, v)) return;
  const start = e.getStart(w.sf);
  const a = w.lc(start);
  const b = w.lc(e.end);
  w.facts.uses.push({ v: capDepth(v), ctx: 'value', line: a.line, col: a.col, endLine: b.line, endCol: b.col, pos: start, within, ...(w.fn ? { fn: w.fn } : { top: 1 as const }) });
}

/**
 * `app.register(fastifyRateLimit, {…})`, `app.use(session({…}))` on an app the linker cannot follow (a local
 * `const app = fastify()` inside a function): the plugin handed over is a library the linker knows.
 */
function handsOverPlugin(w: WalkState, node: ts.Expression): boolean {
  if (!tsv.isCallExpression(node) || !tsv.isPropertyAccessExpression(node.expression)) return false;
  const name = node.expression.name.text;
  const arg = node.arguments[0];
  if ((name !== 'register' && name !== 'use') || !arg) return false;
  let a = valOf(w, arg);
  // through locals and module bindings that hold it (`const { fastifySession } = plugins`)
  for (let i = 0; i < 4; i++) {
    const held = a.k === 'bound' ? a.v : a.k === 'ref' ? w.facts.bindings[a.n] : undefined;
    if (!held) break;
    a = held;
  }
  // (or a member of a module that gathers the plugins: `const { fastifySession } = plugins` of `import { plugins } from './_app_.js'`)
  if (a.k === 'prop' && a.o.k === 'imp') return w.opts.followModule(a.o.m);
  return a.k === 'imp' && w.opts.followModule(a.m);
}

const ROUTE_VERBS = /^(get|post|put|patch|delete|del|all|head|options|use|route)$/;

/**
 * `router.post('/import', rateLimit(…), handler)` on a router the linker cannot follow (a local
 * `express.Router()` made inside a function): the route registers its handlers, which decide what runs per
 * request. A path first, then a function, a call or a name; `use` with a function or a call.
 */
function registersRoute(node: ts.Expression): boolean {
  if (!tsv.isCallExpression(node) || !tsv.isPropertyAccessExpression(node.expression) || !ROUTE_VERBS.test(node.expression.name.text)) return false;
  const args = node.arguments;
  // a function written here, or one a call makes (`rateLimit(…)`), or an object made around one written here (a passport
  // strategy, `new LocalStrategy(options, async (email, password, done) => …)`); after a path also one named (`handler`, `ctrl.list`)
  const written = (a: ts.Expression) => tsv.isArrowFunction(a) || tsv.isFunctionExpression(a);
  const made = (a: ts.Expression) => written(a) || tsv.isCallExpression(a) || (tsv.isNewExpression(a) && !!a.arguments?.some(written));
  // the path written as a literal or a template (`/${reqpath}` of a route table registered in a loop)
  if (args.length >= 2 && (tsv.isStringLiteralLike(args[0]) || tsv.isTemplateExpression(args[0]))) return args.slice(1).some((a) => made(a) || tsv.isIdentifier(a) || tsv.isPropertyAccessExpression(a));
  return node.expression.name.text === 'use' && args.some(made);
}

const LISTENS = /^(on|once|addListener|prependListener|addEventListener|subscribe)$/;

/**
 * `emitter.on('job.new', this.newJob.bind(this))`, `socket.on('data', this.onData)` on any emitter, a parameter
 * included: a method given as a listener runs when the event comes, whoever emits it. A function written in place
 * is known by its own name (`(on)`); a method handed over is known only from this call.
 */
function registersBoundListener(node: ts.Expression): boolean {
  if (!tsv.isCallExpression(node) || !tsv.isPropertyAccessExpression(node.expression) || !LISTENS.test(node.expression.name.text)) return false;
  return node.arguments.some((a) => {
    a = unwrap(a);
    if (tsv.isCallExpression(a) && tsv.isPropertyAccessExpression(a.expression) && a.expression.name.text === 'bind') return true;
    return tsv.isPropertyAccessExpression(a) && a.expression.kind === tsv.SyntaxKind.ThisKeyword;
  });
}

/** Uses rooted in an import are kept only for modules the linker can follow. */
function followed(w: WalkState, v: Val): boolean {
  switch (v.k) {
    case 'imp':
      return w.opts.followModule(v.m);
    case 'prop':
      return followed(w, v.o);
    case 'call':
    case 'new':
      return followed(w, v.f);
    case 'bound':
      return followed(w, v.v);
    case 'or':
      return v.v.some((x) => followed(w, x));
    default:
      return true;
  }
}

/** `x = <node>` where x is a module binding or `this.x`: the value outlives the call. */
function assignedKeep(w: WalkState, node: ts.Node): 'module' | 'field' | undefined {
  const p = node.parent;
  if (!p || !tsv.isBinaryExpression(p) || p.right !== node || !isAssignment(p.operatorToken.kind)) return undefined;
  const left = p.left;
  if (tsv.isIdentifier(left)) return w.scope.isModuleLevel(left.text) ? 'module' : undefined;
  if (tsv.isPropertyAccessExpression(left) && left.expression.kind === tsv.SyntaxKind.ThisKeyword) return w.thisCls?.isStatic ? 'module' : 'field';
  return undefined;
}

/** `x = <node>`: the local the value is assigned to. */
/**
 * Is this value tested where it is read: part of an `if`'s, a `?:`'s or a loop's condition (`if (await User.findOne({
 * email }))`, `if ((await Item.count()) > 0)`, `(await find(id))?.status === 'open'`)? Its result is then a local of
 * its own that the condition tests (conditions.ts `conditionRead`).
 */
function inCondition(node: ts.Node): boolean {
  let n = node;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (tsv.isIfStatement(p) || tsv.isWhileStatement(p)) return p.expression === n;
    if (tsv.isConditionalExpression(p)) return p.condition === n;
    if (tsv.isParenthesizedExpression(p) || tsv.isAwaitExpression(p) || tsv.isNonNullExpression(p) || tsv.isAsExpression(p) || tsv.isPrefixUnaryExpression(p)) continue;
    if (tsv.isPropertyAccessExpression(p) && p.expression === n) continue;
    if (tsv.isBinaryExpression(p) && p.operatorToken !== n && !isAssignment(p.operatorToken.kind)) continue;
    return false;
  }
  return false;
}

function assignedLocal(node: ts.Node): string | undefined {
  const p = node.parent;
  if (p && tsv.isBinaryExpression(p) && p.right === node && p.operatorToken.kind === tsv.SyntaxKind.EqualsToken && tsv.isIdentifier(p.left)) return p.left.text;
  return undefined;
}

/** A call whose callbacks run inside a transaction or under a lock: `in-process` for a mutex or semaphore of the process. */
function transactionCall(w: WalkState, call: ts.CallExpression): 'store' | 'in-process' | undefined {
  const callee = call.expression;
  const text = tsv.isPropertyAccessExpression(callee)
    ? callee.name.text + ' ' + (tsv.isIdentifier(callee.expression) ? callee.expression.text : '')
    : tsv.isIdentifier(callee) ? callee.text : callee.getText(w.sf).slice(0, 80);
  if (!TRANSACTION_CALLEE.test(text)) return undefined;
  return IN_PROCESS_LOCK_CALLEE.test(text) && !STORE_LOCK_CALLEE.test(text) ? 'in-process' : 'store';
}

/** The same chain with its innermost value marked as already evaluated elsewhere. */
function boundRoot(v: Val): Val {
  switch (v.k) {
    case 'prop':
      return { ...v, o: boundRoot(v.o) };
    case 'call':
    case 'new':
      return { ...v, f: boundRoot(v.f) };
    default:
      return { k: 'bound', v };
  }
}

function skipParens(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && (tsv.isParenthesizedExpression(n.parent) || tsv.isAwaitExpression(n.parent) || tsv.isNonNullExpression(n.parent) ||
    tsv.isAsExpression(n.parent) || tsv.isSatisfiesExpression(n.parent))) n = n.parent;
  return n;
}

/**
 * The block whose `let`/`const`/`var` (or the function whose parameter) declares `name`, seen from `from`: a
 * test of the same name outside it is another variable.
 */
function declaringBlock(from: ts.Node, name: string): ts.Node | undefined {
  const declares = (st: ts.Statement) => tsv.isVariableStatement(st) && st.declarationList.declarations.some((d) => namesOf(d.name).includes(name));
  for (let n: ts.Node | undefined = from.parent; n; n = n.parent) {
    if ((tsv.isBlock(n) || tsv.isSourceFile(n) || tsv.isCaseClause(n) || tsv.isDefaultClause(n)) && n.statements.some(declares)) {
      return tsv.isBlock(n) && n.parent && isFunctionLike(n.parent) ? n.parent : n;
    }
    if ((tsv.isForStatement(n) || tsv.isForOfStatement(n) || tsv.isForInStatement(n)) && n.initializer && tsv.isVariableDeclarationList(n.initializer) &&
      n.initializer.declarations.some((d) => namesOf(d.name).includes(name))) return n;
    if (isFunctionLike(n) && n.parameters.some((p) => namesOf(p.name).includes(name))) return n;
  }
  return undefined;
}

/** `uuidv4()`, `crypto.randomUUID()`, `nanoid()`, `Math.random()`: a new random value on each call. */
function drawsRandom(w: WalkState, call: ts.CallExpression): boolean {
  const c = call.expression;
  const imported = (name: string, member?: string): boolean => {
    const b = w.scope.lookup(name);
    // an import (`import { v4 } from 'uuid'`, `import * as uuid from 'uuid'`, `import nanoid from 'nanoid'`), or the
    // global `crypto` of Web Crypto
    const from = b?.kind === 'import' && b.v.k === 'imp' ? b.v : !b && name === 'crypto' ? { m: 'crypto', n: '*' } : undefined;
    if (!from) return false;
    const n = from.n === '*' || from.n === 'default' ? member ?? '*' : from.n;
    return RANDOM_SOURCES.get(from.m.replace(/^node:/, ''))?.has(n) ?? false;
  };
  if (tsv.isIdentifier(c)) return imported(c.text);
  if (!tsv.isPropertyAccessExpression(c) || !tsv.isIdentifier(c.expression)) return false;
  if (c.expression.text === 'Math' && c.name.text === 'random' && !w.scope.lookup('Math')) return true;
  return imported(c.expression.text, c.name.text);
}

/** `Date.now()`, `new Date()`, `performance.now()`, `process.hrtime()`: the code measures time (a window, an expiry). */
function readsClock(e: ts.CallExpression | ts.NewExpression): boolean {
  const c = e.expression;
  if (tsv.isNewExpression(e)) return tsv.isIdentifier(c) && c.text === 'Date' && (e.arguments?.length ?? 0) === 0;
  if (!tsv.isPropertyAccessExpression(c) || !tsv.isIdentifier(c.expression)) return false;
  const o = c.expression.text;
  const n = c.name.text;
  return (o === 'Date' && n === 'now') || (o === 'performance' && n === 'now') || (o === 'process' && n === 'hrtime');
}

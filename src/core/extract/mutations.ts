import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import type { MutationFact, MutationHow, Val } from '../facts';
import { capDepth, interesting, keptByClosure } from './scope';
import { derivedFrom, initKind, isAssignment, isDateNow, isNameChain, isObjectAssign, unwrap } from './syntax';
import { GLOBAL_OBJECTS, valOf } from './values';
import { recordTests } from './conditions';
import { recordCommonJsExport } from './exports';
import { FILLS, LOOKUPS, MUTATORS, STORED_ARGUMENT } from './collectionMethods';
import { fillsIfAbsent, insideAbsenceGuard, isLazy } from './memo';
import { escapeRe } from '../text';
import { chainRoot, stateTarget } from './stateTargets';
import { markChanged } from './refs';
import { recordSlotAssignment } from './slots';
import type { WalkState } from './walkState';

/**
 * Assignments and mutations: a local re-bound, a module binding or class field given another value,
 * and every change of module state made inside a function (`cache.set()`, `count++`, `store[k] = v`),
 * with what tells memoisation and lazy initialisation from state.
 */

/** A change to record: how it is made, and the nodes that say more about it. */
interface Change {
  how: MutationHow;
  /** The assignment making it (`x = …`, `x += …`). */
  assign?: ts.BinaryExpression;
  /** The collection method called (`set`, `push`). */
  method?: string;
  /** The argument stored by that method. */
  stored?: ts.Expression;
  /** The change's own value is used (`const next = queue.shift()`, `if (++hits[ip] > 5)`): a read as well. */
  used?: boolean;
}

/** How an assignment operator combines: `+=` builds on the old value, `??=` assigns only when it is missing. */
interface AssignOperator {
  compound: boolean;
  logical: boolean;
}

export function visitBinary(w: WalkState, node: ts.BinaryExpression): void {
  const op = node.operatorToken.kind;
  if (!isAssignment(op)) {
    if (op === tsv.SyntaxKind.AmpersandAmpersandToken || op === tsv.SyntaxKind.BarBarToken) recordTests(w, node.left, [node.right.getStart(w.sf), node.right.end, op === tsv.SyntaxKind.AmpersandAmpersandToken ? node.right.end : node.right.getStart(w.sf)]);
    w.visitChildren(node);
    return;
  }
  const left = unwrap(node.left);
  const logical = op === tsv.SyntaxKind.QuestionQuestionEqualsToken || op === tsv.SyntaxKind.BarBarEqualsToken || op === tsv.SyntaxKind.AmpersandAmpersandEqualsToken;
  const compound = op !== tsv.SyntaxKind.EqualsToken && !logical;
  if (tsv.isIdentifier(left)) {
    (node.left as { parent: ts.Node }).parent = node;
    w.later(() => assignName(w, node, left, { compound, logical }));
    // `taken = !!(await find(id))`: as in a declaration, the local tells whether the read found something
    if (op === tsv.SyntaxKind.EqualsToken && w.fn && derivedFrom(node.right)) w.keepValue(node.right, { res: left.text }, node);
    else w.push(node.right, node);
    return;
  }
  visitAssignment(w, node, left, { compound, logical });
}

/** `name = value` once the value was visited: a local re-bound, a module binding's other value. */
function assignName(w: WalkState, node: ts.BinaryExpression, left: ts.Identifier, { compound }: AssignOperator): void {
  const name = left.text;
  const b = w.scope.lookup(name);
  const v = capDepth(valOf(w, node.right));
  if (b?.kind === 'local' && !compound) w.scope.assign(name, v);
  // `count++` in a closure, of a `let` of the function that made it: state the closure keeps
  if (b && keptByClosure(b, w.fn)) recordMutation(w, left, { how: compound ? 'update' : 'assign', assign: node });
  if (b?.kind === 'module') {
    if (v.k !== 'x') {
      w.facts.bindings[name] = orWith(w.facts.bindings[name], v);
    }
    if (w.fn) recordMutation(w, left, { how: compound ? 'update' : 'assign', assign: node });
  }
}

/** `a.b = value`, `a[k] = value`, `this.x = value`: a field's other value, an export, a mutation. */
function visitAssignment(w: WalkState, node: ts.BinaryExpression, left: ts.Expression, { compound, logical }: AssignOperator): void {
  if (tsv.isPropertyAccessExpression(left) && left.expression.kind === tsv.SyntaxKind.ThisKeyword && w.thisCls && !compound && !logical) {
    const cls = w.facts.classes[w.thisCls.id];
    const v = capDepth(valOf(w, node.right));
    if (cls && v.k !== 'x') {
      const bag = w.thisCls.isStatic ? cls.statics : cls.fields;
      bag[left.name.text] = orWith(bag[left.name.text], v);
    }
    // `this.sessions = []` in the constructor declares the field, as `sessions = []` in the class body does; a field the
    // body only types (`private readonly cooldowns: Map<string, Date>;`) is made here, and is what this makes
    const key = `${w.thisCls.id}#${left.name.text}`;
    if (cls && !w.thisCls.isStatic && w.fn === cls.init) {
      const typed = w.facts.declared.find((d) => d.name === key);
      if (!typed) w.facts.declared.push({ name: key, decl: 'field', init: initKind(node.right), ...w.lc(left.getStart(w.sf)) });
      else if (typed.decl === 'field' && typed.init === 'none') Object.assign(typed, { init: initKind(node.right), ...w.lc(left.getStart(w.sf)) });
    }
  }
  recordCommonJsExport(w, left, node.right);
  if (!compound) recordGlobalValue(w, left, node.right);
  if (!compound) recordSlotAssignment(w, left, node.right);
  if (!compound && !logical) recordLocalFill(w, left, node.right);
  if (!compound && !logical) recordModuleMember(w, left, node.right);
  // `topic.count += 1`, `topic.count = topic.count + 1`: the new value builds on the one read
  if (w.fn && (tsv.isPropertyAccessExpression(left) || tsv.isElementAccessExpression(left))) {
    const builds = compound || (!logical && new RegExp(`^\\(?\\s*${escapeRe(left.getText(w.sf))}\\s*[-+]`).test(node.right.getText(w.sf)));
    recordLocalSet(w, left, builds, builds || compound || logical ? undefined : settledValue(w, node.right));
  }
  if (w.fn && (tsv.isPropertyAccessExpression(left) || tsv.isElementAccessExpression(left))) recordMutation(w, left, { how: 'property', assign: node });
  w.visitChildren(node);
}

/**
 * `global.os = global.os || new os.Client(options)`, `globalThis.prisma ??= new PrismaClient()`: what the member of the
 * global object holds from here on, so that `export default global.os` is that client (a value kept on the global object
 * so that a development server's reloads share it).
 */
function recordGlobalValue(w: WalkState, left: ts.Expression, right: ts.Expression): void {
  if (!tsv.isPropertyAccessExpression(left) || !tsv.isIdentifier(left.expression) || !GLOBAL_OBJECTS.has(left.expression.text) || w.scope.lookup(left.expression.text)) return;
  const v = capDepth(valOf(w, right));
  if (v.k === 'x') return;
  w.globalValues.set(left.name.text, orWith(w.globalValues.get(left.name.text), v));
}

/** `v` as one more value a binding, field or global may hold beside `prev` (unknown or none: `v` alone), at most six. */
function orWith(prev: Val | undefined, v: Val): Val {
  return prev && prev.k !== 'x' ? { k: 'or', v: [prev, v].flatMap((x) => (x.k === 'or' ? x.v : [x])).slice(0, 6) } : v;
}

/**
 * `models[name] = model` on a local object made empty (`const models = {}`), under a key computed at run time: what
 * any member it does not name may hold, kept on the object's value so that returning it (`return models`) carries it.
 */
function recordLocalFill(w: WalkState, left: ts.Expression, right: ts.Expression): void {
  if (!tsv.isElementAccessExpression(left) || !tsv.isIdentifier(left.expression)) return;
  const key = unwrap(left.argumentExpression);
  if (tsv.isStringLiteralLike(key) || tsv.isNumericLiteral(key)) return;
  const b = w.scope.lookup(left.expression.text);
  // a local object, or one at module level (`exportedRoutes[`${namespace}/${key}`] = entry` in a loop at load)
  const o = b?.kind === 'local' ? b.v : b?.kind === 'module' && b.v.k === 'ref' ? w.facts.bindings[b.v.n] : undefined;
  if (o?.k !== 'obj') return;
  const v = capDepth(valOf(w, right));
  const fill = (o.fill ??= []);
  if (v.k !== 'x' && fill.length < 4) fill.push(v);
}

/**
 * `self.purge = async () => { … }` at a module's top level, on an object made there (`const self = { db }`), often the
 * one `module.exports` is: a member the object has from the time the module has loaded, as if written inside it, so
 * that `utils.purge()` in another file calls that function. A member the literal already has keeps its value.
 */
function recordModuleMember(w: WalkState, left: ts.Expression, right: ts.Expression): void {
  if (!tsv.isPropertyAccessExpression(left)) return;
  // (`this.client = …` in a method of a module-level object: a member of that object)
  const name = tsv.isIdentifier(left.expression) ? left.expression.text : left.expression.kind === tsv.SyntaxKind.ThisKeyword && !w.thisCls ? w.thisObj : undefined;
  if (name === undefined) return;
  const b = w.scope.lookup(name);
  if (b?.kind !== 'module' || b.v.k !== 'ref') return;
  const member = left.name.text;
  if (w.fn) {
    // in a function, only a value made there (`if (!this._esClient) this._esClient = new Client(…)`, over a `redis:
    // null` the object starts with): a client made on first use and kept on the object, not each value a request
    // leaves on it; added when the walk ends (a method's body is walked before its object's binding is set)
    if (!tsv.isNewExpression(unwrap(right)) && !tsv.isCallExpression(unwrap(right))) return;
    const v = capDepth(valOf(w, right));
    if (v.k !== 'x' && w.madeMembers.length < MAX_MEMBERS) w.madeMembers.push({ name: b.v.n, member, v });
    return;
  }
  const o = w.facts.bindings[b.v.n];
  if (o?.k !== 'obj' || Object.hasOwn(o.p, member) || Object.keys(o.p).length >= MAX_MEMBERS) return;
  const v = capDepth(valOf(w, right));
  if (v.k !== 'x') o.p[member] = v;
}

/** The members module-level objects' functions made (see `WalkState.madeMembers`), added to the objects' values. */
export function addMadeMembers(w: WalkState): void {
  for (const { name, member, v } of w.madeMembers) {
    const o = w.facts.bindings[name];
    if (o?.k === 'obj' && (Object.hasOwn(o.p, member) || Object.keys(o.p).length < MAX_MEMBERS)) o.p[member] = orWith(o.p[member], v);
  }
}

/** How many members an object's value keeps, counting those assigned after it was made. */
const MAX_MEMBERS = 200;

/** `x++`, `delete x.y`: a change of module state when `target` reaches some. */
export function recordUpdate(w: WalkState, target: ts.Expression, how: 'update' | 'delete', node: ts.Expression): void {
  // `article.favoriteCount++` on a local: a field a later `article.save()` writes
  const t = unwrap(target);
  if (w.fn && (tsv.isPropertyAccessExpression(t) || tsv.isElementAccessExpression(t))) recordLocalSet(w, t, how === 'update');
  recordMutation(w, target, { how, used: !valueUnused(node) });
}

/** Is the value of this expression thrown away (a statement of its own, a loop's step)? */
function valueUnused(node: ts.Node): boolean {
  let n = node;
  let p = n.parent;
  while (p && tsv.isParenthesizedExpression(p)) {
    n = p;
    p = p.parent;
  }
  return !!p && (tsv.isExpressionStatement(p) || tsv.isVoidExpression(p) || (tsv.isForStatement(p) && p.incrementor === n));
}

/** A call inside a function that reads (`cache.get`) or changes (`cache.set`, `Object.assign(state, …)`) module state. */
export function recordCallMutation(w: WalkState, call: ts.CallExpression): void {
  if (!w.fn) return;
  const callee = call.expression;
  if (tsv.isPropertyAccessExpression(callee) && LOOKUPS.has(callee.name.text)) {
    const t = stateTarget(w, callee.expression);
    const f = w.facts.functions[w.fn];
    if (t && f) (f.reads ??= []).includes(t.name) || f.reads!.push(t.name);
  }
  if (tsv.isPropertyAccessExpression(callee) && callee.name.text === 'save') recordParamSave(w, callee.expression);
  if (tsv.isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text)) {
    // the receiver's parents, for looking up from it (`if (!cache.has(k)) cache.set(k, …)`)
    (callee as { parent: ts.Node }).parent = call;
    (callee.expression as { parent: ts.Node }).parent = callee;
    // `product.reviews.push(review)` on a local: a field a later `product.save()` writes
    const changed = unwrap(callee.expression);
    if (tsv.isPropertyAccessExpression(changed)) recordLocalSet(w, changed);
    const at = STORED_ARGUMENT.get(callee.name.text);
    const stored = at === undefined ? undefined : call.arguments[at];
    recordMutation(w, callee.expression, { how: 'method', method: callee.name.text, stored, used: !valueUnused(call) });
  } else if (isObjectAssign(callee) && call.arguments[0]) {
    recordMutation(w, call.arguments[0], { how: 'property' });
  }
}

/** Records a change of module state made inside a function: `cache.set()`, `count++`, `store[k] = v`. */
function recordMutation(w: WalkState, target: ts.Expression, { how, assign, method, stored, used }: Change): void {
  if (!w.fn || w.inPage > 0) return;
  const t = stateTarget(w, target);
  if (!t) {
    recordParamChange(w, target, how, method, assign);
    return;
  }
  if (!used) markChanged(w, target);
  const { name, path, imp, via } = t;
  // `x.y = 1` on a module object is a property write; `x = 1` (or `this.x = 1`, `Cls.x = 1`) on the binding itself an assignment
  const onBinding = path.length === 0 || (path.length === 1 && (name.includes('#') || name.includes('.')) && !imp);
  const kind = how === 'property' && onBinding ? 'assign' : how;
  const pos = target.getStart(w.sf);
  const m: MutationFact = { target: name, how: kind, ...(method ? { method } : {}), ...w.lc(pos), fn: w.fn };
  if (imp) m.imp = imp;
  if (via) m.via = 1;
  // `this.gateway.streams[room] = s`: a member of what the field holds (the field's own class may be another's)
  if (name.includes('#') && !via && path.length >= 2 && path[1] !== '[]') m.sub = { n: path[1], how: how === 'property' && path.length === 2 ? 'assign' : how };
  // a fill-if-absent of a value that does not build on the old one is memoisation (`if (!c.has(k)) c.set(k, f(k))`);
  // `m.set(k, (m.get(k) ?? 0) + 1)` is a counter
  const bare = name.replace(/^.*[#.]/, '');
  // storing the time itself (`last.set(key, Date.now())`) records when something happened: never a memo
  const when = stored !== undefined && isClockRead(stored);
  if (method !== undefined && FILLS.has(method) && !when && w.facts.functions[w.fn]?.reads?.includes(name) && fillsIfAbsent(w, target, { name, bare })) m.memo = 1;
  const value = stored ?? (assign && kind !== 'assign' ? assign.right : undefined);
  if (value) {
    const v = valOf(w, value);
    if (interesting(v, w.opts.receivers)) m.value = capDepth(v);
    if (isTimerHandle(w, value)) m.timer = 1;
  }
  // `if (!clients[k]) clients[k] = new Client(k)`: a value made once per key, as `map.set` after `has`
  if (assign && kind === 'property' && path.at(-1) === '[]' && assign.operatorToken.kind === tsv.SyntaxKind.EqualsToken &&
    !new RegExp(`\\b${escapeRe(bare)}\\b`).test(assign.right.getText(w.sf)) && fillsIfAbsent(w, assign, { name, bare })) m.memo = 1;
  const op = assign?.operatorToken.kind;
  if (op === tsv.SyntaxKind.PlusEqualsToken || op === tsv.SyntaxKind.MinusEqualsToken) m.count = 1;
  // `if (!build) { build = {}; build.sha = … }`: filling in the value made once
  if (assign && kind === 'property' && path.length === 1 && insideAbsenceGuard(w, assign, bare)) m.lazy = 1;
  if (assign && (kind === 'assign')) {
    if (isLazy(w, assign, name)) m.lazy = 1;
    const r = unwrap(assign.right);
    if (tsv.isNewExpression(r) || tsv.isCallExpression(r)) m.handle = 1;
    // `db = database` in `MongoClient.connect(url, (err, database) => …)`: the client a connect call hands its callback
    else if (tsv.isIdentifier(r) && isScopedClient(valOf(w, r))) m.handle = 1;
    // `busy = true`, `attempts = 0`, `idx = (idx + 1) % n`: a flag or a count of the process's own work
    else if (isFlagLiteral(r)) m.lit = 1;
    else if (new RegExp(`^\\(?\\s*${escapeRe(bare)}\\s*[-+]\\s*1\\s*\\)?(\\s*%.*)?$`).test(r.getText(w.sf))) m.count = 1;
  }
  w.facts.mutations.push(m);
}

/**
 * The connection a client's connect call hands its callback (`MongoClient.connect(url, (err, client) => …)`,
 * `pool.getConnection((err, conn) => …)`), as a parameter holds it; not what any other callback is given (`.then((rows)
 * => …)` hands over data).
 */
function isScopedClient(v: Val): boolean {
  const cb = v.k === 'bound' ? v.v : v;
  return cb.k === 'cb' && cb.f.k === 'prop' && CONNECTS.test(cb.f.n);
}

const CONNECTS = /^(connect|getConnection|acquire)$/;

/**
 * A change to what a parameter of the enclosing function holds (`map.set(key, …)`, `counts[k] += 1`, not `map = …`):
 * the linker charges it to the module state a caller passes in.
 */
function recordParamChange(w: WalkState, target: ts.Expression, how: MutationHow, method: string | undefined, assign: ts.BinaryExpression | undefined): void {
  const { root, path } = chainRoot(target);
  if (!tsv.isIdentifier(root)) return;
  const b = w.scope.lookup(root.text);
  // `const entry = map.get(key); entry.count += 1`: a part of what the parameter holds
  let name = b?.kind === 'param' && (path.length > 0 || how === 'method') ? root.text : undefined;
  if (b?.kind === 'local') {
    let v: Val = b.v;
    for (let d = 0; d < 6 && (v.k === 'call' || v.k === 'prop' || v.k === 'bound'); d++) v = v.k === 'call' ? v.f : v.k === 'prop' ? v.o : v.v;
    if (v.k === 'param') name = v.n;
  }
  const fn = w.facts.functions[w.fn!];
  const i = name === undefined ? -1 : fn?.params?.indexOf(name) ?? -1;
  if (i < 0) return;
  const list = (fn.pmut ??= []);
  if (list.length >= 8) return;
  const op = assign?.operatorToken.kind;
  const count = op === tsv.SyntaxKind.PlusEqualsToken || op === tsv.SyntaxKind.MinusEqualsToken || how === 'update';
  list.push({ i, how: how === 'property' && path.length === 0 ? 'assign' : how, ...(method ? { method } : {}), ...w.lc(target.getStart(w.sf)), ...(count ? { count: 1 as const } : {}) });
}

/** `user.save()` where `user` is a parameter of the function it is called in: see `FunctionFact.psaved`. */
function recordParamSave(w: WalkState, receiver: ts.Expression): void {
  const root = unwrap(receiver);
  if (!tsv.isIdentifier(root) || w.scope.lookup(root.text)?.kind !== 'param') return;
  const fn = w.facts.functions[w.fn!];
  const i = fn?.params?.indexOf(root.text) ?? -1;
  if (i < 0) return;
  const list = (fn.psaved ??= []);
  if (list.length < 8 && !list.some((x) => x.i === i)) list.push({ i, line: w.lc(receiver.getStart(w.sf)).line });
}

/** `Date.now()`, `new Date()`, `+new Date()`, `performance.now()`: the current time. */
function isClockRead(e: ts.Expression): boolean {
  let r = unwrap(e);
  if (tsv.isPrefixUnaryExpression(r)) r = unwrap(r.operand);
  if (isDateNow(r)) return true;
  return tsv.isCallExpression(r) && tsv.isPropertyAccessExpression(r.expression) && tsv.isIdentifier(r.expression.expression) &&
    r.expression.expression.text === 'performance' && r.expression.name.text === 'now';
}

const TIMER_FNS = new Set(['setTimeout', 'setInterval', 'setImmediate']);

/** `setTimeout(…)` (the global, or Node's `timers`): what is stored is a timer's handle. */
export function isTimerHandle(w: WalkState, e: ts.Expression): boolean {
  const r = unwrap(e);
  // `const timeout = setTimeout(…); timeouts.set(slug, timeout)`: the local holds the handle
  if (tsv.isIdentifier(r)) return !!w.scope.lookup(r.text)?.timer;
  if (!tsv.isCallExpression(r) || !tsv.isIdentifier(r.expression) || !TIMER_FNS.has(r.expression.text)) return false;
  const name = r.expression.text;
  const b = w.scope.lookup(name);
  return !b || (b.kind === 'import' && w.facts.imports.some((i) => i.local === name && /^(node:)?timers$/.test(i.module)));
}

/** `true`, `false`, `null`, `undefined`, a number: what a flag or a counter is set to. */
function isFlagLiteral(e: ts.Expression): boolean {
  const k = e.kind;
  return k === tsv.SyntaxKind.TrueKeyword || k === tsv.SyntaxKind.FalseKeyword || k === tsv.SyntaxKind.NullKeyword || k === tsv.SyntaxKind.NumericLiteral ||
    (tsv.isIdentifier(e) && e.text === 'undefined') || (tsv.isPrefixUnaryExpression(e) && tsv.isNumericLiteral(e.operand));
}

/**
 * What a value set on a record says of itself, for telling whether two requests setting it leave the record alike (see
 * `FunctionFact.sets`): `#flag` for a flag's literal, `#now` for the clock (`new Date()`, `Date.now()`), the text of a
 * string literal, or `=` and the text of a name or a member chain (`=ParticipantStatus.ACCEPTED`, `=status`).
 */
function settledValue(w: WalkState, e: ts.Expression): string | undefined {
  const x = unwrap(e);
  if (isFlagLiteral(x)) return '#flag';
  if (tsv.isStringLiteralLike(x)) return x.text;
  if (isDateNow(x)) return '#now';
  return tsv.isIdentifier(x) || isNameChain(x) ? `=${x.getText(w.sf)}` : undefined;
}

/** `seat.takenBy = user` (or `row[field] += n`) on a local or parameter: the field a later `seat.save()` writes. */
function recordLocalSet(w: WalkState, left: ts.PropertyAccessExpression | ts.ElementAccessExpression, builds = false, value?: string): void {
  let e: ts.Expression = left;
  let member = '';
  if (tsv.isElementAccessExpression(left)) {
    // `row[field] += n` sets a field of the local chosen at run time: `[]` stands for it
    const key = unwrap(left.argumentExpression);
    member = tsv.isStringLiteralLike(key) ? key.text : '[]';
    e = unwrap(left.expression);
  }
  while (tsv.isPropertyAccessExpression(e)) {
    member = e.name.text;
    e = unwrap(e.expression);
  }
  if (!tsv.isIdentifier(e)) return;
  const kind = w.scope.lookup(e.text)?.kind;
  const f = w.facts.functions[w.fn!];
  if (f && (kind === 'local' || kind === 'param')) (f.sets ??= []).push(builds ? [e.text, member, 1] : value !== undefined ? [e.text, member, undefined, value] : [e.text, member]);
}

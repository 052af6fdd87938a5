import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import { isFunctionLike, isNameChain, returns } from './syntax';
import type { FunctionFact } from '../facts';
import type { WalkState } from './walkState';

/**
 * Conditions: the names and member paths a function tests (`if (!x)`, `a && b`, `seat.bookedBy ? …`),
 * with their offsets, in `FunctionFact.tests`. Lazy initialisation is told by them here, and
 * check-then-act by the linker.
 */

/**
 * The code a condition decides whether it runs: its branches, and, when a branch leaves (`if (x) return;`),
 * the rest of the block around it. The third number splits that range: code before it runs when the
 * condition holds, code from it on when it does not (undefined: not one split, `if (x) a; else return;`).
 */
export function guardedBy(w: WalkState, node: ts.IfStatement | ts.ConditionalExpression | ts.WhileStatement): Guard {
  if (tsv.isConditionalExpression(node)) return [node.whenTrue.getStart(w.sf), node.whenFalse.end, node.whenFalse.getStart(w.sf)];
  if (tsv.isWhileStatement(node)) return [node.statement.getStart(w.sf), node.statement.end, node.statement.end];
  const leaves = (st: ts.Statement | undefined) => !!st && (returns(st) || tsv.isContinueStatement(st) || tsv.isBreakStatement(st) ||
    (tsv.isBlock(st) && st.statements.some((x) => tsv.isContinueStatement(x) || tsv.isBreakStatement(x))));
  const from = node.thenStatement.getStart(w.sf);
  const otherwise = node.elseStatement?.getStart(w.sf) ?? node.thenStatement.end;
  // a branch that returns or throws leaves the function: the rest of it, also past the block the `if` is in
  // (`if (key) { const free = await isFree(key); if (!free) throw …; }` decides the insert after the block)
  const rest = (st: ts.Statement | undefined) => (st && returns(st) ? functionEnd(node) : node.parent.end);
  if (leaves(node.thenStatement)) return [from, rest(node.thenStatement), otherwise];
  if (leaves(node.elseStatement)) return [from, rest(node.elseStatement), undefined];
  return [from, (node.elseStatement ?? node.thenStatement).end, otherwise];
}

/** Where the function around a node ends (its module's end at the top level). */
function functionEnd(node: ts.Node): number {
  let n: ts.Node | undefined = node.parent;
  while (n && !isFunctionLike(n) && !tsv.isSourceFile(n)) n = n.parent;
  return (n ?? node.parent).end;
}

/** `[from, to, split]`: see guardedBy. */
export type Guard = [number, number, number | undefined];

/**
 * Records what `cond` tests, in the innermost function (nothing at module level), and the range of code the
 * condition decides (`guard`, in `FunctionFact.conds`): check-then-act needs the write inside it, and
 * which way a tested value went there (see senseOf).
 */
export function recordTests(w: WalkState, cond: ts.Expression, guard: Guard): void {
  const f = w.fn && w.facts.functions[w.fn];
  if (!f) return;
  const conds = (f.conds ??= []);
  const at = conds.length < 40 ? conds.push(guard[2] === undefined ? [cond.getStart(w.sf), cond.end, guard[0], guard[1]] : [cond.getStart(w.sf), cond.end, guard[0], guard[1], guard[2]]) - 1 : -1;
  const tests = (f.tests ??= []);
  const push = (name: string, node: ts.Node, how: Sense | undefined, member?: string, off = node.getStart(w.sf)) => {
    const pol = at >= 0 && how && (how.t || how.f) ? how.s * (how.t && how.f ? 3 : how.t ? 1 : 2) : undefined;
    tests.push(pol === undefined ? (member === undefined ? [name, off] : [name, off, member]) : [name, off, member ?? '', pol, at]);
  };
  // a read written in the condition itself (`if (await User.findOne({ email }))`): a test of its result, named after
  // where the call starts (see `conditionRead`), just after the call (the read comes first)
  // (a call of a method, or one awaited: what a store's client looks like; at most 20 in a function)
  let reads = tests.reduce((n, t) => n + (t[0].startsWith('@') ? 1 : 0), 0);
  const pushRead = (call: ts.CallExpression, how: Sense | undefined, member?: string) => {
    if (reads >= 20 || !(tsv.isPropertyAccessExpression(call.expression) || (call.parent && tsv.isAwaitExpression(call.parent)))) return;
    reads++;
    push(conditionRead(w, call), call, how, member, call.end - 1);
  };
  // an explicit stack, first child on top: a condition can be a chain thousands of operands long
  const todo: Array<[ts.Node, Sense | undefined]> = [[cond, { s: 1, t: true, f: true }]];
  while (todo.length > 0 && tests.length < 40) {
    const [n, how] = todo.pop()!;
    if (tsv.isBinaryExpression(n) && (EQ.has(n.operatorToken.kind) || NE.has(n.operatorToken.kind))) recordCompare(f, n, w.sf);
    if (tsv.isIdentifier(n)) push(n.text, n, how);
    else if (tsv.isPropertyAccessExpression(n)) {
      // `seat.bookedBy`, `found.rows[0].taken_by`: a test of the record's state, kept with its member path
      const path: string[] = [];
      let e: ts.Expression = n;
      for (;;) {
        if (tsv.isPropertyAccessExpression(e)) path.unshift(e.name.text);
        else if (tsv.isElementAccessExpression(e) && (tsv.isNumericLiteral(e.argumentExpression) || tsv.isStringLiteral(e.argumentExpression))) path.unshift(e.argumentExpression.text);
        else break;
        e = e.expression;
      }
      if (tsv.isIdentifier(e)) push(e.text, n, how, path.join('.'));
      else if (e.kind === tsv.SyntaxKind.ThisKeyword) push('this', n, how, path.join('.'));
      else {
        const call = awaitedCall(e);
        if (call) pushRead(call, how, path.join('.'));
        todo.push([e, undefined]);
      }
    } else if (tsv.isCallExpression(n)) {
      // (what a credential check is given is the caller's to prove, not a state of the record it reads it from)
      if (isCredentialCheck(w, n)) continue;
      pushRead(n, how);
      const from = todo.length;
      tsv.forEachChild(n, (c) => {
        todo.push([c, undefined]);
      });
      todo.splice(from, todo.length - from, ...todo.slice(from).reverse());
    } else {
      const from = todo.length;
      tsv.forEachChild(n, (c) => {
        todo.push([c, how && senseOf(n, c as ts.Expression, how)]);
      });
      todo.splice(from, todo.length - from, ...todo.slice(from).reverse());
    }
  }
}

/** `project.status === 'deleted'` (either side, `!==` too): the member and the literal it is compared with, kept in `eqs`. */
function recordCompare(f: FunctionFact, n: ts.BinaryExpression, sf: ts.SourceFile): void {
  // a member compared with a literal, or with a name or a member chain (`p.status === Status.ACCEPTED`, `c.status ===
  // status`): each side that is a member, with the other as the value (the record's side is the one a later write sets)
  for (const [other, value] of [[n.left, n.right], [n.right, n.left]] as const) {
    const compared = tsv.isStringLiteralLike(value) ? value.text : tsv.isIdentifier(value) || isNameChain(value) ? `=${value.getText(sf)}` : undefined;
    if (compared === undefined || !tsv.isPropertyAccessExpression(other) || (f.eqs?.length ?? 0) >= 20) continue;
    const path: string[] = [];
    let e: ts.Expression = other;
    while (tsv.isPropertyAccessExpression(e)) {
      path.unshift(e.name.text);
      e = e.expression;
    }
    if (tsv.isIdentifier(e)) (f.eqs ??= []).push([e.text, path.join('.'), compared]);
  }
}

/** Libraries that check a password or a token against the hash a record keeps. */
const VERIFIERS = new Set(['bcrypt', 'bcryptjs', 'bcrypt-nodejs', 'argon2', '@node-rs/bcrypt', '@node-rs/argon2']);
const VERIFY = new Set(['compare', 'compareSync', 'verify']);

/**
 * `bcrypt.compare(password, user.passwordHash)`, `argon2.verify(user.hash, password)`, `crypto.timingSafeEqual(a, b)`:
 * a check of what the caller presents against what a record keeps. It authenticates the caller; it decides nothing
 * about the record's state that another request could change in between.
 */
export function isCredentialCheck(w: WalkState, e: ts.Expression): boolean {
  let x = e;
  while (tsv.isAwaitExpression(x) || tsv.isParenthesizedExpression(x) || tsv.isPrefixUnaryExpression(x)) x = tsv.isPrefixUnaryExpression(x) ? x.operand : x.expression;
  if (!tsv.isCallExpression(x)) return false;
  const callee = x.expression;
  const imported = (name: string) => {
    const b = w.scope.lookup(name);
    return b?.kind === 'import' && b.v.k === 'imp' ? b.v : undefined;
  };
  if (tsv.isPropertyAccessExpression(callee) && tsv.isIdentifier(callee.expression)) {
    const mod = imported(callee.expression.text);
    if (!mod) return false;
    const spec = mod.m.replace(/^node:/, '');
    return (VERIFIERS.has(spec) && VERIFY.has(callee.name.text)) || (spec === 'crypto' && callee.name.text === 'timingSafeEqual');
  }
  if (!tsv.isIdentifier(callee)) return false;
  const mod = imported(callee.text);
  const spec = mod?.m.replace(/^node:/, '');
  return !!mod && ((VERIFIERS.has(spec!) && VERIFY.has(mod.n)) || (spec === 'crypto' && mod.n === 'timingSafeEqual'));
}

/** The name a condition's test gives the result of a call written in it: where the call starts (`@1234`). */
export function conditionRead(w: WalkState, call: ts.CallExpression): string {
  return `@${call.getStart(w.sf)}`;
}

/** `(await User.findOne(…))`, `User.findOne(…)!`: the call whose result an expression is. */
function awaitedCall(e: ts.Expression): ts.CallExpression | undefined {
  let x = e;
  while (tsv.isParenthesizedExpression(x) || tsv.isAwaitExpression(x) || tsv.isNonNullExpression(x) || tsv.isAsExpression(x)) x = x.expression;
  return tsv.isCallExpression(x) ? x : undefined;
}

/**
 * How the truth of a part of a condition follows from the condition's outcome: `s` +1 when a true
 * (present, non-empty) part goes with a condition that holds, −1 when it goes with one that fails; `t` and
 * `f` say whether that is known where the condition holds and where it fails.
 */
interface Sense {
  s: number;
  t: boolean;
  f: boolean;
}

const EQ = new Set<ts.SyntaxKind>([tsv.SyntaxKind.EqualsEqualsEqualsToken, tsv.SyntaxKind.EqualsEqualsToken]);
const NE = new Set<ts.SyntaxKind>([tsv.SyntaxKind.ExclamationEqualsEqualsToken, tsv.SyntaxKind.ExclamationEqualsToken]);

/** `null`, `undefined`, `void 0`: what a missing record compares equal to. */
function isNothing(e: ts.Expression): boolean {
  return isNullish(e) || tsv.isVoidExpression(e);
}

/** `null` or `undefined`, written as such. */
export function isNullish(e: ts.Expression): boolean {
  return e.kind === tsv.SyntaxKind.NullKeyword || (tsv.isIdentifier(e) && e.text === 'undefined');
}

/**
 * The sense of `child` inside `parent`, whose sense is `how`: `!x`, `x == null`, `x.length === 0` turn it;
 * `&&` and `||` keep it on one side only; any other use (a comparison with a value, a call) tells
 * nothing (undefined). Check-then-act reads it to tell a not-found guard from an insert-if-absent.
 */
function senseOf(parent: ts.Node, child: ts.Expression, how: Sense): Sense | undefined {
  const turned = { s: -how.s, t: how.t, f: how.f };
  if (tsv.isParenthesizedExpression(parent) || tsv.isNonNullExpression(parent) || tsv.isAsExpression(parent) || tsv.isAwaitExpression(parent)) return how;
  if (tsv.isPrefixUnaryExpression(parent)) return parent.operator === tsv.SyntaxKind.ExclamationToken ? turned : undefined;
  if (!tsv.isBinaryExpression(parent) || child === parent.operatorToken) return undefined;
  const op = parent.operatorToken.kind;
  if (op === tsv.SyntaxKind.AmpersandAmpersandToken) return { s: how.s, t: how.t && how.s > 0, f: how.f && how.s < 0 };
  if (op === tsv.SyntaxKind.BarBarToken) return { s: how.s, t: how.t && how.s < 0, f: how.f && how.s > 0 };
  const other = parent.left === child ? parent.right : parent.left;
  if ((EQ.has(op) || NE.has(op)) && isNothing(other)) return EQ.has(op) ? turned : how;
  if (parent.left === child && tsv.isNumericLiteral(other)) {
    const some = countTest(op, Number(other.text));
    if (some !== undefined) return some ? how : turned;
  }
  return undefined;
}

/** `n > 0`, `n >= 1`, `n !== 0` say "some" (true); `n === 0`, `n < 1`, `n <= 0` say "none" (false); others nothing. */
function countTest(op: ts.SyntaxKind, k: number): boolean | undefined {
  if ((op === tsv.SyntaxKind.GreaterThanToken && k === 0) || (op === tsv.SyntaxKind.GreaterThanEqualsToken && k === 1) || (NE.has(op) && k === 0)) return true;
  if ((EQ.has(op) && k === 0) || (op === tsv.SyntaxKind.LessThanToken && k === 1) || (op === tsv.SyntaxKind.LessThanEqualsToken && k === 0)) return false;
  return undefined;
}

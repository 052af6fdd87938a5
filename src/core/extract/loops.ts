import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import { unwrap } from './syntax';
import type { WalkState } from './walkState';

/**
 * Loops that never end and sleep between rounds (`while (true) { …; await sleep(60_000); }`): a timer
 * written as a loop. Started once per process, each replica runs it, as it would a `setInterval`. A loop that
 * leaves (`break`, `return`) is a retry or a pagination, and one that waits on something else (a queue's
 * next message) is a consumer: neither is a timer.
 */

/** Callees that wait a while: `sleep(ms)`, `delay(ms)`, `setTimeout` from `node:timers/promises`, `utils.sleep`. */
const SLEEP = /^(sleep|delay|wait|waitFor|pause|timeout|setTimeout)$/i;

/** Records the first never-ending, sleeping loop of the function being walked (its line and column). */
export function recordPerpetualLoop(w: WalkState, loop: ts.WhileStatement | ts.ForStatement | ts.DoStatement): void {
  if (!w.fn) return;
  const f = w.facts.functions[w.fn];
  if (!f || f.loop || !endless(w, loop) || !sleepsWithoutLeaving(loop.statement)) return;
  const { line, col } = w.lc(loop.getStart(w.sf));
  f.loop = [line, col];
}

/**
 * `while (true)`, `for (;;)`, `do … while (1)`, or a flag the process clears to stop it: a module-level one
 * (`while (!stopped)`) or the instance's (`while (this.running)`). A local flag (`while (!done)`) is set by the
 * loop itself when its work is done: a poll that ends, not a timer.
 */
function endless(w: WalkState, loop: ts.WhileStatement | ts.ForStatement | ts.DoStatement): boolean {
  const cond = tsv.isForStatement(loop) ? loop.condition : loop.expression;
  if (!cond) return true;
  let c = unwrap(cond);
  if (c.kind === tsv.SyntaxKind.TrueKeyword || (tsv.isNumericLiteral(c) && c.text !== '0')) return true;
  if (tsv.isPrefixUnaryExpression(c) && c.operator === tsv.SyntaxKind.ExclamationToken) c = unwrap(c.operand);
  if (tsv.isIdentifier(c)) return w.scope.lookup(c.text)?.kind === 'module';
  return tsv.isPropertyAccessExpression(c) && c.expression.kind === tsv.SyntaxKind.ThisKeyword;
}

/**
 * Does the body await a sleep, and never leave the loop (no `return`, no `break` of this loop)? Walked with a
 * stack of its own, not by recursion: a body nests as deep as the parser allows (a 2,000-link call chain).
 */
function sleepsWithoutLeaving(body: ts.Statement): boolean {
  let sleeps = false;
  const todo: Array<[ts.Node, boolean]> = [[body, false]];
  while (todo.length > 0) {
    const [n, inner] = todo.pop()!;
    if (tsv.isFunctionLike(n) || tsv.isClassLike(n)) continue;
    if (tsv.isReturnStatement(n)) return false;
    if (tsv.isBreakStatement(n) && (n.label || !inner)) return false;
    if (tsv.isAwaitExpression(n) && isSleep(unwrap(n.expression))) sleeps = true;
    const nested = inner || tsv.isIterationStatement(n, false) || tsv.isSwitchStatement(n);
    tsv.forEachChild(n, (c) => {
      todo.push([c, nested]);
    });
  }
  return sleeps;
}

/** `sleep(ms)`, `utils.sleep(ms)`, `new Promise((r) => setTimeout(r, ms))`. */
function isSleep(e: ts.Expression): boolean {
  if (tsv.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    const name = tsv.isIdentifier(callee) ? callee.text : tsv.isPropertyAccessExpression(callee) ? callee.name.text : '';
    return SLEEP.test(name);
  }
  if (tsv.isNewExpression(e) && tsv.isIdentifier(e.expression) && e.expression.text === 'Promise') {
    const todo: ts.Node[] = e.arguments?.[0] ? [e.arguments[0]] : [];
    while (todo.length > 0) {
      const n = todo.pop()!;
      if (tsv.isCallExpression(n) && tsv.isIdentifier(n.expression) && n.expression.text === 'setTimeout') return true;
      tsv.forEachChild(n, (c) => {
        todo.push(c);
      });
    }
    return false;
  }
  return false;
}

/**
 * `function check() { …; setTimeout(check, 60_000) }`, `setTimeout(() => this.poll(), ms)` in `poll`: a function
 * that schedules itself again is a timer written as a chain of timeouts, as a sleeping loop is. Recorded as the
 * loop of the function it schedules (the enclosing function of that name, up to four levels out), at the call.
 */
export function recordRearm(w: WalkState, call: ts.CallExpression): void {
  if (!w.fn || !tsv.isIdentifier(call.expression) || call.expression.text !== 'setTimeout' || w.scope.lookup('setTimeout')) return;
  const target = call.arguments[0] && rearmedName(unwrap(call.arguments[0]));
  if (!target || onFailure(call)) return;
  for (let id: string | undefined = w.fn, depth = 0; id !== undefined && depth < 5; id = w.facts.functions[id]?.parent, depth++) {
    const f = w.facts.functions[id];
    if (!f) return;
    const short = f.name.replace(/^.*\./, '');
    if (short === target.name && (target.self ? f.name.includes('.') : true)) {
      if (!f.loop) {
        const { line, col } = w.lc(call.getStart(w.sf));
        f.loop = [line, col];
      }
      return;
    }
  }
}

/** Is the call on a failure path (a `catch` block, a `.catch(…)` callback): a retry until something works, not a timer. */
function onFailure(call: ts.Node): boolean {
  for (let n: ts.Node | undefined = call.parent, fns = 0; n && fns < 5; n = n.parent) {
    if (n.kind === tsv.SyntaxKind.CatchClause) return true;
    if (tsv.isFunctionLike(n)) {
      fns++;
      const p = n.parent;
      if (p && tsv.isCallExpression(p) && tsv.isPropertyAccessExpression(p.expression) && p.expression.name.text === 'catch') return true;
      if (tsv.isFunctionDeclaration(n) || tsv.isMethodDeclaration(n)) return false;
    }
  }
  return false;
}

/** The function a timeout's callback runs: `check`, `this.poll`, `this.poll.bind(this)`, or the one call of an arrow's body. */
function rearmedName(e: ts.Expression): { name: string; self: boolean } | undefined {
  if (tsv.isIdentifier(e)) return { name: e.text, self: false };
  if (tsv.isPropertyAccessExpression(e) && e.expression.kind === tsv.SyntaxKind.ThisKeyword) return { name: e.name.text, self: true };
  if (tsv.isCallExpression(e) && tsv.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'bind') return rearmedName(unwrap(e.expression.expression));
  if ((tsv.isArrowFunction(e) || tsv.isFunctionExpression(e)) && e.parameters.length === 0) {
    let body: ts.Node = e.body;
    if (tsv.isBlock(body)) {
      if (body.statements.length !== 1 || !tsv.isExpressionStatement(body.statements[0])) return undefined;
      body = body.statements[0].expression;
    }
    const c = unwrap(body as ts.Expression);
    return tsv.isCallExpression(c) ? rearmedName(unwrap(c.expression)) : undefined;
  }
  return undefined;
}

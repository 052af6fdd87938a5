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

/** Does the body await a sleep, and never leave the loop (no `return`, no `break` of this loop)? */
function sleepsWithoutLeaving(body: ts.Statement): boolean {
  let sleeps = false;
  let leaves = false;
  const visit = (n: ts.Node, inner: boolean): void => {
    if (leaves) return;
    if (tsv.isFunctionLike(n) || tsv.isClassLike(n)) return;
    if (tsv.isReturnStatement(n)) { leaves = true; return; }
    if (tsv.isBreakStatement(n) && (n.label || !inner)) { leaves = true; return; }
    if (tsv.isAwaitExpression(n) && isSleep(unwrap(n.expression))) sleeps = true;
    const nested = inner || tsv.isIterationStatement(n, false) || tsv.isSwitchStatement(n);
    tsv.forEachChild(n, (c) => visit(c, nested));
  };
  visit(body, false);
  return sleeps && !leaves;
}

/** `sleep(ms)`, `utils.sleep(ms)`, `new Promise((r) => setTimeout(r, ms))`. */
function isSleep(e: ts.Expression): boolean {
  if (tsv.isCallExpression(e)) {
    const callee = unwrap(e.expression);
    const name = tsv.isIdentifier(callee) ? callee.text : tsv.isPropertyAccessExpression(callee) ? callee.name.text : '';
    return SLEEP.test(name);
  }
  if (tsv.isNewExpression(e) && tsv.isIdentifier(e.expression) && e.expression.text === 'Promise') {
    const cb = e.arguments?.[0];
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (tsv.isCallExpression(n) && tsv.isIdentifier(n.expression) && n.expression.text === 'setTimeout') found = true;
      else tsv.forEachChild(n, visit);
    };
    if (cb) visit(cb);
    return found;
  }
  return false;
}

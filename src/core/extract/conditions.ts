import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import { returns } from './syntax';
import type { WalkState } from './walkState';

/**
 * Conditions: the names and member paths a function tests (`if (!x)`, `a && b`, `seat.bookedBy ? …`),
 * with their offsets, in `FunctionFact.tests`. Lazy initialisation is told by them here, and
 * check-then-act by the linker.
 */

/**
 * The code a condition decides whether it runs: its branches, and, when a branch leaves (`if (x) return;`),
 * the rest of the block around it.
 */
export function guardedBy(w: WalkState, node: ts.IfStatement | ts.ConditionalExpression | ts.WhileStatement): [number, number] {
  if (tsv.isConditionalExpression(node)) return [node.whenTrue.getStart(w.sf), node.whenFalse.end];
  if (tsv.isWhileStatement(node)) return [node.statement.getStart(w.sf), node.statement.end];
  const leaves = (st: ts.Statement | undefined) => !!st && (returns(st) || tsv.isContinueStatement(st) || tsv.isBreakStatement(st) ||
    (tsv.isBlock(st) && st.statements.some((x) => tsv.isContinueStatement(x) || tsv.isBreakStatement(x))));
  const end = leaves(node.thenStatement) || leaves(node.elseStatement) ? node.parent.end : (node.elseStatement ?? node.thenStatement).end;
  return [node.thenStatement.getStart(w.sf), end];
}

/**
 * Records what `cond` tests, in the innermost function (nothing at module level), and the range of code the
 * condition decides (`guard`, in `FunctionFact.conds`): check-then-act needs the write inside it.
 */
export function recordTests(w: WalkState, cond: ts.Expression, guard: [number, number]): void {
  const f = w.fn && w.facts.functions[w.fn];
  if (!f) return;
  const conds = (f.conds ??= []);
  if (conds.length < 40) conds.push([cond.getStart(w.sf), cond.end, guard[0], guard[1]]);
  const tests = (f.tests ??= []);
  // an explicit stack, first child on top: a condition can be a chain thousands of operands long
  const todo: ts.Node[] = [cond];
  while (todo.length > 0 && tests.length < 40) {
    const n = todo.pop()!;
    if (tsv.isIdentifier(n)) tests.push([n.text, n.getStart(w.sf)]);
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
      if (tsv.isIdentifier(e)) tests.push([e.text, e.getStart(w.sf), path.join('.')]);
      else if (e.kind === tsv.SyntaxKind.ThisKeyword) tests.push(['this', e.getStart(w.sf), path.join('.')]);
      else todo.push(e);
    } else {
      const from = todo.length;
      tsv.forEachChild(n, (c) => {
        todo.push(c);
      });
      todo.splice(from, todo.length - from, ...todo.slice(from).reverse());
    }
  }
}

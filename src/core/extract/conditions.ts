import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import type { WalkState } from './walkState';

/**
 * Conditions: the names and member paths a function tests (`if (!x)`, `a && b`, `seat.bookedBy ? …`),
 * with their offsets, in `FunctionFact.tests`. Lazy initialisation is told by them here, and
 * check-then-act by the linker.
 */

/** Records what `cond` tests, in the innermost function (nothing at module level). */
export function recordTests(w: WalkState, cond: ts.Expression): void {
  const f = w.fn && w.facts.functions[w.fn];
  if (!f) return;
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

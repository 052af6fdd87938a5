import { ts } from 'ts-morph';
import type { Val } from '../facts';

/** Expressions that only wrap another (`await x`, `(x)`, `x!`, `x as T`, `x satisfies T`). */
export function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    if (ts.isAwaitExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    else if (ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
    else return e;
  }
}

/** The name of a property name node, when it is static. */
export function propName(name: ts.PropertyName | ts.MemberName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text.replace(/^#/, '');
  if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** A string when the expression is (or starts with) literal text: `'a'`, `` `cart:${id}` ``, `'cart:' + id`. */
export function literalText(e: ts.Expression): Val | undefined {
  e = unwrap(e);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return { k: 'str', s: e.text };
  if (ts.isTemplateExpression(e)) {
    // keep the literal parts: SQL verbs and tables live there, the substitutions are values
    const s = e.head.text + e.templateSpans.map((sp) => ' ? ' + sp.literal.text).join('');
    return { k: 'str', s, pre: 1 };
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalText(e.left);
    if (left && left.k === 'str') {
      const right = literalText(e.right);
      return right && right.k === 'str' && !left.pre
        ? { k: 'str', s: left.s + right.s, ...(right.pre ? { pre: 1 as const } : {}) }
        : { k: 'str', s: left.s, pre: 1 };
    }
  }
  return undefined;
}

/** Text of a tagged template: literal parts joined with `?` where values go. */
export function templateText(t: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(t)) return t.text;
  return t.head.text + t.templateSpans.map((sp) => ' ? ' + sp.literal.text).join('');
}

export function isFunctionLike(n: ts.Node): n is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n) ||
    ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)
  );
}

/** Is `node` the object of a longer chain (`node.x`, `node(…)`, `node[…]`, ``node`…` ``)? */
export function continuesChain(node: ts.Node): boolean {
  const p = node.parent;
  if (!p) return false;
  if ((ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) && p.expression === node) return true;
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.expression === node) return true;
  if (ts.isTaggedTemplateExpression(p) && p.tag === node) return true;
  if (ts.isNonNullExpression(p) || ts.isParenthesizedExpression(p)) return continuesChain(p);
  return false;
}

export const MUTATORS = new Set([
  'set', 'add', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin',
]);

const TX_CALLEE = /transaction|lock|mutex|atomic|serializ|withLock|advisory/i;

/** A call whose callbacks run inside a transaction or under a lock. */
export function isTransactionCall(call: ts.CallExpression, sf: ts.SourceFile): boolean {
  const callee = call.expression;
  const text = ts.isPropertyAccessExpression(callee)
    ? callee.name.text + ' ' + (ts.isIdentifier(callee.expression) ? callee.expression.text : '')
    : ts.isIdentifier(callee) ? callee.text : callee.getText(sf).slice(0, 80);
  return TX_CALLEE.test(text);
}

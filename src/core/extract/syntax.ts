import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import type { InitKind, Val } from '../facts';

/** Helpers over TypeScript's syntax tree: what an expression wraps, a name's text, literal text. */

/** `Object.assign` as a callee (`Object.assign(target, …)`). */
export function isObjectAssign(callee: ts.Expression): boolean {
  return tsv.isPropertyAccessExpression(callee) && tsv.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'assign';
}

/** Expressions that only wrap another (`await x`, `(x)`, `x!`, `x as T`, `x satisfies T`). */
export function unwrap(e: ts.Expression): ts.Expression {
  for (;;) {
    if (tsv.isAwaitExpression(e) || tsv.isParenthesizedExpression(e) || tsv.isNonNullExpression(e)) e = e.expression;
    else if (tsv.isAsExpression(e) || tsv.isTypeAssertionExpression(e) || tsv.isSatisfiesExpression(e)) e = e.expression;
    else return e;
  }
}

/**
 * What a local set to `e` says about a read: `!!(await find(id))`, `Boolean(await count())`, `!row` hold
 * whether it was found, not the record itself. The read's expression and whether the local holds its
 * negation (`not`); undefined when `e` is no such derivation (a plain value: see unwrap).
 */
export function derivedFrom(e: ts.Expression): { e: ts.Expression; not: boolean } | undefined {
  let not = false;
  let derived = false;
  for (;;) {
    e = unwrap(e);
    if (tsv.isPrefixUnaryExpression(e) && e.operator === tsv.SyntaxKind.ExclamationToken) {
      not = !not;
      e = e.operand;
    } else if (tsv.isCallExpression(e) && tsv.isIdentifier(e.expression) && e.expression.text === 'Boolean' && e.arguments.length === 1) {
      e = e.arguments[0];
    } else return derived ? { e, not } : undefined;
    derived = true;
  }
}

/**
 * A read converted on its way to a local (`Number(await redis.get(key)) || 0`, `parseInt(await get(k), 10)`,
 * `JSON.parse(await get(k))`, `toNumber(…)`): the read, whose value the local holds in another form.
 */
export function convertedFrom(e: ts.Expression): ts.Expression | undefined {
  let inner: ts.Expression | undefined;
  for (let i = 0; i < 4; i++) {
    e = unwrap(e);
    if (tsv.isBinaryExpression(e) && (e.operatorToken.kind === tsv.SyntaxKind.BarBarToken || e.operatorToken.kind === tsv.SyntaxKind.QuestionQuestionToken) && isLiteralish(e.right)) e = e.left;
    else if (tsv.isPrefixUnaryExpression(e) && e.operator === tsv.SyntaxKind.PlusToken) e = inner = e.operand;
    else if (tsv.isCallExpression(e) && e.arguments.length >= 1 && CONVERTERS.test(calleeText(e.expression))) e = inner = e.arguments[0];
    else break;
  }
  return inner === undefined ? undefined : unwrap(e);
}

const CONVERTERS = /^(Number|String|parseInt|parseFloat|BigInt|JSON\.parse|_?toNumber|_?toInteger|Number\.parseInt|Number\.parseFloat)$/;

function calleeText(e: ts.Expression): string {
  if (tsv.isIdentifier(e)) return e.text;
  if (tsv.isPropertyAccessExpression(e) && tsv.isIdentifier(e.expression)) return `${e.expression.text}.${e.name.text}`;
  return '';
}

function isLiteralish(e: ts.Expression): boolean {
  e = unwrap(e);
  return tsv.isNumericLiteral(e) || tsv.isStringLiteral(e) || tsv.isNoSubstitutionTemplateLiteral(e) || e.kind === tsv.SyntaxKind.NullKeyword ||
    tsv.isObjectLiteralExpression(e) || tsv.isArrayLiteralExpression(e);
}

/** Text, where `+` joins strings (`'cart:' + id`) rather than adding. */
function isText(e: ts.Expression): boolean {
  e = unwrap(e);
  return tsv.isStringLiteral(e) || tsv.isNoSubstitutionTemplateLiteral(e) || tsv.isTemplateExpression(e);
}

/** Arithmetic: `a + 1`, `a - b`, `n * 2`, `x % m`. */
const ARITHMETIC = new Set<ts.SyntaxKind>([tsv.SyntaxKind.PlusToken, tsv.SyntaxKind.MinusToken, tsv.SyntaxKind.AsteriskToken, tsv.SyntaxKind.SlashToken, tsv.SyntaxKind.PercentToken]);

/**
 * The names the arguments compute with: identifiers (and the roots of property chains) inside arithmetic, in the
 * arguments or the property values of object arguments (`{ votes: user.votes + 1 }`). A bounded look.
 */
export function calcNames(args: readonly ts.Expression[], at?: ts.Node): string[] {
  const out = new Set<string>();
  const todo: Array<[ts.Node, boolean]> = args.map((a) => [a, false]);
  let seen = 0;
  let computed: ReadonlySet<string> | undefined;
  while (todo.length > 0 && seen++ < 200 && out.size < 8) {
    const [n, inCalc] = todo.pop()!;
    if (tsv.isIdentifier(n)) {
      // a local the function computed with arithmetic (`const newStock = Math.max(0, stock - qty)`, then `{ stock: newStock }`)
      if (inCalc || (at && (computed ??= computedLocals(at)).has(n.text))) out.add(n.text);
      continue;
    }
    if (isFunctionLike(n)) continue;
    const calc = inCalc || isArithmetic(n);
    if (tsv.isPropertyAccessExpression(n)) {
      todo.push([n.expression, calc]);
      continue;
    }
    tsv.forEachChild(n, (c) => {
      todo.push([c, calc]);
    });
  }
  return [...out];
}

/** `a - b`, `n * 2`, `x + 1`, but not a string joined with `+`. */
function isArithmetic(n: ts.Node): boolean {
  return tsv.isBinaryExpression(n) && ARITHMETIC.has(n.operatorToken.kind) && !(n.operatorToken.kind === tsv.SyntaxKind.PlusToken && (isText(n.left) || isText(n.right)));
}

const computedByFunction = new WeakMap<ts.Node, Set<string>>();

/** The locals of the function around `at` whose initializer computes with arithmetic, once per function (none at a module's top). */
function computedLocals(at: ts.Node): ReadonlySet<string> {
  let fn: ts.Node | undefined = at.parent;
  while (fn && !isFunctionLike(fn) && !tsv.isSourceFile(fn)) fn = fn.parent;
  if (!fn || tsv.isSourceFile(fn)) return new Set();
  const known = computedByFunction.get(fn);
  if (known) return known;
  const out = new Set<string>();
  const todo: ts.Node[] = [];
  tsv.forEachChild(fn, (c) => {
    todo.push(c);
  });
  let seen = 0;
  while (todo.length > 0 && seen++ < 20_000) {
    const n = todo.pop()!;
    if (isFunctionLike(n)) continue;
    if (tsv.isVariableDeclaration(n) && tsv.isIdentifier(n.name) && n.initializer && hasArithmetic(n.initializer)) out.add(n.name.text);
    tsv.forEachChild(n, (c) => {
      todo.push(c);
    });
  }
  computedByFunction.set(fn, out);
  return out;
}

/** Does the expression compute with arithmetic (not a string joined with `+`), outside functions in it? A bounded look. */
function hasArithmetic(e: ts.Node): boolean {
  const todo: ts.Node[] = [e];
  let seen = 0;
  while (todo.length > 0 && seen++ < 100) {
    const n = todo.pop()!;
    if (isFunctionLike(n)) continue;
    if (isArithmetic(n)) return true;
    tsv.forEachChild(n, (c) => {
      todo.push(c);
    });
  }
  return false;
}

/** The name of a property name node, when it is static. */
export function propName(name: ts.PropertyName | ts.MemberName | ts.BindingName | undefined): string | undefined {
  if (!name) return undefined;
  if (tsv.isIdentifier(name) || tsv.isPrivateIdentifier(name)) return name.text.replace(/^#/, '');
  if (tsv.isStringLiteralLike(name) || tsv.isNumericLiteral(name)) return name.text;
  if (tsv.isComputedPropertyName(name) && tsv.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** A string when the expression is (or starts with) literal text: `'a'`, `` `cart:${id}` ``, `'cart:' + id`. */
export function literalText(e: ts.Expression): Val | undefined {
  e = unwrap(e);
  if (tsv.isStringLiteral(e) || tsv.isNoSubstitutionTemplateLiteral(e)) return { k: 'str', s: e.text };
  if (tsv.isTemplateExpression(e)) {
    // keep the literal parts: SQL verbs and tables live there, the substitutions are values
    const s = e.head.text + e.templateSpans.map((sp) => ' ? ' + sp.literal.text).join('');
    return { k: 'str', s, pre: 1 };
  }
  if (!tsv.isBinaryExpression(e) || e.operatorToken.kind !== tsv.SyntaxKind.PlusToken) return undefined;
  // `'a' + b + 'c' + …` nests to the left, as deep as the chain is long (the parser reads it in a loop):
  // walk down to its first operand, then add the right-hand operands back on the way out
  const rights: ts.Expression[] = [];
  let first: ts.Expression = e;
  while (tsv.isBinaryExpression(first) && first.operatorToken.kind === tsv.SyntaxKind.PlusToken) {
    rights.push(first.right);
    first = unwrap(first.left);
  }
  let acc = literalText(first);
  for (let i = rights.length - 1; i >= 0; i--) {
    if (!acc || acc.k !== 'str') return undefined;
    if (acc.pre) {
      acc = { k: 'str', s: acc.s, pre: 1 };
      continue;
    }
    const right = literalText(rights[i]);
    acc = right && right.k === 'str' ? { k: 'str', s: acc.s + right.s, ...(right.pre ? { pre: 1 as const } : {}) } : { k: 'str', s: acc.s, pre: 1 };
  }
  return acc;
}

/** Text of a tagged template: literal parts joined with `?` where values go. */
export function templateText(t: ts.TemplateLiteral): string {
  if (tsv.isNoSubstitutionTemplateLiteral(t)) return t.text;
  return t.head.text + t.templateSpans.map((sp) => ' ? ' + sp.literal.text).join('');
}

export function isFunctionLike(n: ts.Node): n is ts.FunctionLikeDeclaration {
  return (
    tsv.isFunctionDeclaration(n) || tsv.isFunctionExpression(n) || tsv.isArrowFunction(n) || tsv.isMethodDeclaration(n) ||
    tsv.isConstructorDeclaration(n) || tsv.isGetAccessorDeclaration(n) || tsv.isSetAccessorDeclaration(n)
  );
}

/** Is `node` the object of a longer chain (`node.x`, `node(…)`, `node[…]`, ``node`…` ``)? */
export function continuesChain(node: ts.Node): boolean {
  // up through `x!`, `(x)`, `await x` and `x as T` (what `unwrap` sees through, so that the chain's root is found
  // from the outermost use only), in a loop rather than by recursion: parentheses nest as deep as the parser allows
  for (let n = node; ;) {
    const p = n.parent;
    if (!p) return false;
    if ((tsv.isPropertyAccessExpression(p) || tsv.isElementAccessExpression(p)) && p.expression === n) return true;
    if ((tsv.isCallExpression(p) || tsv.isNewExpression(p)) && p.expression === n) return true;
    if (tsv.isTaggedTemplateExpression(p) && p.tag === n) return true;
    if (!tsv.isNonNullExpression(p) && !tsv.isParenthesizedExpression(p) && !tsv.isAwaitExpression(p) && !tsv.isAsExpression(p) &&
      !tsv.isSatisfiesExpression(p) && !tsv.isTypeAssertionExpression(p)) return false;
    n = p;
  }
}

export function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= tsv.SyntaxKind.FirstAssignment && kind <= tsv.SyntaxKind.LastAssignment;
}

/** The names a binding pattern declares, in order. */
export function namesOf(name: ts.BindingName): string[] {
  if (tsv.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!tsv.isOmittedExpression(el)) out.push(...namesOf(el.name));
  return out;
}

/** A statement that leaves the function: `return`, `throw`, or a block holding one. */
export function returns(st: ts.Statement): boolean {
  if (tsv.isReturnStatement(st) || tsv.isThrowStatement(st)) return true;
  return tsv.isBlock(st) && st.statements.some((x) => tsv.isReturnStatement(x) || tsv.isThrowStatement(x));
}

/** How a module binding or field starts: a Map, a primitive, a call… (module state is told by it). */
export function initKind(e: ts.Expression): InitKind {
  e = unwrap(e);
  if (tsv.isNewExpression(e) && tsv.isIdentifier(e.expression)) {
    const n = e.expression.text;
    if (n === 'Map') return 'map';
    if (n === 'Set') return 'set';
    if (n === 'WeakMap' || n === 'WeakSet' || n === 'WeakRef') return 'other';
    return 'new';
  }
  if (tsv.isArrayLiteralExpression(e)) return 'array';
  if (tsv.isObjectLiteralExpression(e)) return 'object';
  if (tsv.isStringLiteralLike(e) || tsv.isNumericLiteral(e) || e.kind === tsv.SyntaxKind.TrueKeyword || e.kind === tsv.SyntaxKind.FalseKeyword ||
    e.kind === tsv.SyntaxKind.NullKeyword || tsv.isTemplateExpression(e) || (tsv.isIdentifier(e) && e.text === 'undefined') ||
    (tsv.isPrefixUnaryExpression(e) && tsv.isNumericLiteral(e.operand))) return 'primitive';
  if (tsv.isCallExpression(e)) {
    const c = e.expression;
    if (tsv.isPropertyAccessExpression(c) && tsv.isIdentifier(c.expression) && c.expression.text === 'Object' && c.name.text === 'freeze') return 'frozen';
    // a dictionary with no prototype (`Object.create(null)`): an object its keys are added to, as `{}` is
    if (tsv.isPropertyAccessExpression(c) && tsv.isIdentifier(c.expression) && c.expression.text === 'Object' && c.name.text === 'create') return 'object';
    return 'call';
  }
  if (tsv.isArrowFunction(e) || tsv.isFunctionExpression(e)) return 'function';
  if (tsv.isClassExpression(e)) return 'class';
  if (tsv.isNewExpression(e)) return 'new';
  return 'other';
}

/** `ParticipantStatus.ACCEPTED`, `dto.status`: a member chain of a name, nothing called. */
export function isNameChain(e: ts.Expression): boolean {
  let x = e;
  while (tsv.isPropertyAccessExpression(x)) x = x.expression;
  return x !== e && tsv.isIdentifier(x);
}

/** `new Date()` or `Date.now()`: the time now, as a value. */
export function isDateNow(e: ts.Expression): boolean {
  if (tsv.isNewExpression(e)) return tsv.isIdentifier(e.expression) && e.expression.text === 'Date' && !e.arguments?.length;
  return tsv.isCallExpression(e) && e.arguments.length === 0 && tsv.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'now' &&
    tsv.isIdentifier(e.expression.expression) && e.expression.expression.text === 'Date';
}

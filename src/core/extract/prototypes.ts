// Classes written the way JavaScript wrote them before `class`: a constructor function whose methods are
// put on its prototype (`function Sockets() { this.rooms = {}; }`, `Sockets.prototype.join = function …`,
// `Sockets.prototype = { join: function … }`, `Object.assign(Sockets.prototype, { … })`), and
// `util.inherits(Sockets, EventEmitter)` for its base. Such a function is a class: `new Sockets()` makes an
// instance whose fields (`this.rooms`) the methods change, as a `class` body's methods would.
import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import { propName, unwrap } from './syntax';

/** A constructor function found at module level: its class id is the function node's. */
export interface ProtoClass {
  name: string;
  /** The base given to `util.inherits(Name, Base)`. */
  base?: ts.Expression;
}

/** What the module's prototype assignments make of its functions: constructors, and methods with their class. */
export interface Prototypes {
  ctors: Map<ts.Node, ProtoClass>;
  methods: Map<ts.Node, { ctor: ts.Node; name: string }>;
}

/** `Name.prototype` → Name. */
function prototypeOf(e: ts.Expression): string | undefined {
  e = unwrap(e);
  return tsv.isPropertyAccessExpression(e) && e.name.text === 'prototype' && tsv.isIdentifier(e.expression) ? e.expression.text : undefined;
}

const isFunction = (e: ts.Node): e is ts.FunctionExpression | ts.ArrowFunction => tsv.isFunctionExpression(e) || tsv.isArrowFunction(e);

/**
 * The module's constructor functions: a function declared at module level (`function A() {}`, `var A =
 * function () {}`) that gets a method on its prototype. Methods are what the prototype's properties hold when
 * they are functions written there (not `A.prototype.x = helper`: that function is another's too).
 */
export function findPrototypes(statements: readonly ts.Statement[]): Prototypes | undefined {
  const fns = new Map<string, ts.FunctionDeclaration | ts.FunctionExpression>();
  for (const s of statements) {
    if (tsv.isFunctionDeclaration(s) && s.name && s.body) fns.set(s.name.text, s);
    else if (tsv.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer && unwrap(d.initializer);
        if (tsv.isIdentifier(d.name) && init && tsv.isFunctionExpression(init)) fns.set(d.name.text, init);
      }
    }
  }
  if (fns.size === 0) return undefined;
  const out: Prototypes = { ctors: new Map(), methods: new Map() };
  const ctor = (name: string): ts.Node | undefined => {
    const f = fns.get(name);
    if (f && !out.ctors.has(f)) out.ctors.set(f, { name });
    return f;
  };
  const method = (ctorName: string, name: string | undefined, fn: ts.Node) => {
    const c = fns.has(ctorName) ? ctor(ctorName) : undefined;
    if (c && name !== undefined && fn !== c) out.methods.set(fn, { ctor: c, name });
  };
  const fromObject = (ctorName: string, o: ts.Expression) => {
    o = unwrap(o);
    if (!tsv.isObjectLiteralExpression(o)) return;
    for (const p of o.properties) {
      if (tsv.isMethodDeclaration(p) || tsv.isGetAccessorDeclaration(p) || tsv.isSetAccessorDeclaration(p)) method(ctorName, propName(p.name), p);
      else if (tsv.isPropertyAssignment(p) && isFunction(unwrap(p.initializer))) method(ctorName, propName(p.name), unwrap(p.initializer));
    }
  };
  for (const s of statements) {
    if (!tsv.isExpressionStatement(s)) continue;
    const e = unwrap(s.expression);
    if (tsv.isBinaryExpression(e) && e.operatorToken.kind === tsv.SyntaxKind.EqualsToken) {
      const left = unwrap(e.left);
      const right = unwrap(e.right);
      // `A.prototype.join = function (…) {…}`
      if (tsv.isPropertyAccessExpression(left) && isFunction(right)) {
        const owner = prototypeOf(left.expression);
        if (owner) method(owner, left.name.text, right);
      }
      // `A.prototype = { join: function (…) {…}, leave() {…} }`
      const whole = prototypeOf(left);
      if (whole) fromObject(whole, right);
    } else if (tsv.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const name = tsv.isPropertyAccessExpression(callee) ? callee.name.text : tsv.isIdentifier(callee) ? callee.text : '';
      const [a, b] = e.arguments;
      // `Object.assign(A.prototype, { … })`
      if (name === 'assign' && a && b) {
        const owner = prototypeOf(a);
        if (owner) fromObject(owner, b);
      }
      // `util.inherits(A, EventEmitter)`: A is a class with a base, whether or not it has methods of its own
      if (name === 'inherits' && a && b && tsv.isIdentifier(unwrap(a))) {
        const c = ctor((unwrap(a) as ts.Identifier).text);
        if (c) out.ctors.get(c)!.base = b;
      }
    }
  }
  return out.ctors.size > 0 ? out : undefined;
}

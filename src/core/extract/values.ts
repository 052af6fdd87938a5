import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import type { Val } from '../facts';
import { DOM_GLOBALS } from '../../catalog/names';
import { isDateNow, isObjectAssign, literalText, propName, templateText, unwrap } from './syntax';
import type { WalkState } from './walkState';
import { computedSpec, moduleMember } from './modulePaths';
import { keptByClosure } from './scope';

/**
 * Expressions as symbolic values (`Val`), in the scope the walk is in: what a name is bound to, how a
 * value is made (`new (import 'ioredis'.default)(…)`), what a type annotation names. The linker decides
 * later what each value is.
 */

/** Names of the global object: `global.os = …` keeps a value there (see WalkState.globalValues). */
export const GLOBAL_OBJECTS: ReadonlySet<string> = new Set(['global', 'globalThis']);

/** `module.exports` or a bare `exports` (not a local of that name). */
export function isModuleExportsExpr(w: WalkState, e: ts.Expression): boolean {
  if (tsv.isIdentifier(e)) return e.text === 'exports' && !w.scope.lookup('exports');
  return tsv.isPropertyAccessExpression(e) && tsv.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
}

/** A module-level name that holds `module.exports` (`const file = module.exports`, `module.exports = self`). */
export function isExportAlias(w: WalkState, e: ts.Expression): e is ts.Identifier {
  return tsv.isIdentifier(e) && w.exportAliases.has(e.text) && w.scope.lookup(e.text)?.kind === 'module';
}

/** The symbolic value of an expression in the current scope. */
export function valOf(w: WalkState, expr: ts.Expression, depth = 0): Val {
  if (depth > 20) return { k: 'x' };
  const e = unwrap(expr);
  if (tsv.isIdentifier(e)) return valOfName(w, e.text);
  if (tsv.isPropertyAccessExpression(e)) {
    // `module.exports.initSequelize(…)` in the module that exports it: what was exported under that name so far
    if (isModuleExportsExpr(w, unwrap(e.expression))) {
      let exported: Val | undefined;
      for (const x of w.facts.exports) if (x.name === e.name.text && x.v) exported = x.v;
      if (exported) return exported;
    }
    // `global.os` after `global.os = global.os || new Client()`: what was kept there
    if (tsv.isIdentifier(e.expression) && GLOBAL_OBJECTS.has(e.expression.text) && !w.scope.lookup(e.expression.text)) {
      const kept = w.globalValues.get(e.name.text);
      if (kept) return kept;
    }
    const o = valOf(w, e.expression, depth + 1);
    return o.k === 'x' ? o : { k: 'prop', o, n: e.name.text };
  }
  if (tsv.isElementAccessExpression(e)) {
    const o = valOf(w, e.expression, depth + 1);
    if (o.k === 'x') return o;
    const arg = unwrap(e.argumentExpression);
    const n = tsv.isStringLiteralLike(arg) || tsv.isNumericLiteral(arg) ? arg.text : '*';
    return { k: 'prop', o, n, el: 1 };
  }
  if (tsv.isCallExpression(e)) {
    if (e.expression.kind === tsv.SyntaxKind.ImportKeyword || (tsv.isIdentifier(e.expression) && e.expression.text === 'require' && !w.scope.lookup('require'))) {
      const spec = e.arguments[0];
      const module = !spec ? undefined : tsv.isStringLiteralLike(spec) ? spec.text : computedSpec(w, spec);
      return module !== undefined ? { k: 'imp', m: module, n: '*' } : { k: 'x' };
    }
    // `Reflect.get(env, 'BUCKET')` reads a member by name, as `env.BUCKET` does
    const [target, key] = e.arguments;
    if (target && key && tsv.isStringLiteralLike(key) && tsv.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'get' &&
      tsv.isIdentifier(e.expression.expression) && e.expression.expression.text === 'Reflect' && !w.scope.lookup('Reflect')) {
      const o = valOf(w, target, depth + 1);
      return o.k === 'x' ? o : { k: 'prop', o, n: key.text };
    }
    // `util.promisify(fs.writeFile)`: the same function, answering with a promise
    if (e.arguments.length === 1 && isPromisify(w, e.expression)) return valOf(w, e.arguments[0], depth + 1);
    // `client.evalsha.bind(client)`: the same method, its `this` fixed (a call of what it returns calls the method)
    const callee = unwrap(e.expression);
    // (and `function () { … }.bind(wrapper)`: the function itself, its `this` the object it is bound to)
    if (e.arguments.length >= 1 && tsv.isPropertyAccessExpression(callee) && callee.name.text === 'bind' && (tsv.isPropertyAccessExpression(unwrap(callee.expression)) || tsv.isFunctionExpression(unwrap(callee.expression)))) {
      return valOf(w, callee.expression, depth + 1);
    }
    // `Object.assign({}, manifestRoute, exportedRoutes)`: what it returns holds what each of them holds
    if (isObjectAssign(e.expression) && !w.scope.lookup('Object') && e.arguments.length >= 2) {
      return orOf(e.arguments.slice(0, 6).map((a) => {
        const x = unwrap(a);
        return tsv.isObjectLiteralExpression(x) && x.properties.length === 0 ? { k: 'x' } : valOf(w, a, depth + 1);
      }));
    }
    const f = valOf(w, e.expression, depth + 1);
    if (f.k === 'x') return f;
    // a route's handler is its last argument, after any number of middlewares (`app.post(path, upload, check, handler)`)
    return { k: 'call', f, a: e.arguments.slice(0, MAX_CALL_ARGS).map((a) => argumentVal(w, a, depth + 1)) };
  }
  if (tsv.isNewExpression(e)) {
    const f = valOf(w, e.expression, depth + 1);
    if (f.k === 'x') return f;
    return { k: 'new', f, a: (e.arguments ?? []).slice(0, 3).map((a) => argumentVal(w, a, depth + 1)) };
  }
  if (tsv.isTaggedTemplateExpression(e)) {
    const f = valOf(w, e.tag, depth + 1);
    if (f.k === 'x') return f;
    return { k: 'call', f, a: [{ k: 'str', s: templateText(e.template) }], tag: 1 };
  }
  if (tsv.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === tsv.SyntaxKind.BarBarToken || op === tsv.SyntaxKind.QuestionQuestionToken || op === tsv.SyntaxKind.AmpersandAmpersandToken) {
      return orOf([valOf(w, e.left, depth + 1), valOf(w, e.right, depth + 1)]);
    }
    if (op === tsv.SyntaxKind.EqualsToken || op === tsv.SyntaxKind.CommaToken) return valOf(w, e.right, depth + 1);
    return literalText(e) ?? { k: 'x' };
  }
  if (tsv.isConditionalExpression(e)) return orOf([valOf(w, e.whenTrue, depth + 1), valOf(w, e.whenFalse, depth + 1)]);
  if (tsv.isAsExpression(expr) && tsv.isTypeReferenceNode(expr.type)) {
    // `x as Redis`: the annotation says more than the expression
    const t = typeAnnotationVal(w, expr.type);
    if (t) return t;
  }
  // `var Sockets = function () { this.rooms = {}; }` with methods on its prototype: a class
  if (tsv.isFunctionExpression(e) && w.protos?.ctors.has(e)) return { k: 'cls', id: w.clsIdOf(e) };
  if (tsv.isArrowFunction(e) || tsv.isFunctionExpression(e)) return { k: 'fn', id: w.fnIdOf(e) };
  if (tsv.isClassExpression(e)) return { k: 'cls', id: w.clsIdOf(e) };
  if (e.kind === tsv.SyntaxKind.ThisKeyword) {
    if (!w.thisCls) return w.thisObj ? { k: 'ref', n: w.thisObj } : { k: 'x' };
    return w.thisCls.isStatic ? { k: 'ref', n: w.facts.classes[w.thisCls.id]?.name ?? '' } : { k: 'this', c: w.thisCls.id };
  }
  if (tsv.isMetaProperty(e) && e.keywordToken === tsv.SyntaxKind.ImportKeyword) return { k: 'glob', n: 'import.meta' };
  if (tsv.isObjectLiteralExpression(e)) return objectVal(w, e, depth);
  if (tsv.isTemplateExpression(e) && e.head.text === '' && tsv.isIdentifier(e.templateSpans[0].expression)) {
    // `${url}?alt=media` where url is a local string: keep its literal start (a URL's host)
    const first = valOfName(w, e.templateSpans[0].expression.text);
    if (first.k === 'str') return { k: 'str', s: first.s + (first.pre ? '' : e.templateSpans[0].literal.text), pre: 1 };
  }
  return literalText(e) ?? { k: 'x' };
}

const UTIL_MODULES = new Set(['util', 'node:util']);

/** `promisify` of Node's `util` module: `util.promisify`, or `promisify` imported or destructured from it. */
function isPromisify(w: WalkState, callee: ts.Expression): boolean {
  // (by its written name first: a one-argument call of anything else needs no lookup)
  const e = unwrap(callee);
  if ((tsv.isIdentifier(e) ? e.text : tsv.isPropertyAccessExpression(e) ? e.name.text : '') !== 'promisify') return false;
  const named = moduleMember(w, e);
  return named?.n === 'promisify' && UTIL_MODULES.has(named.m);
}

export function valOfName(w: WalkState, name: string): Val {
  const b = w.scope.lookup(name);
  if (!b) {
    if (DOM_GLOBALS.has(name) && w.inPage === 0) w.facts.hints.dom = 1;
    return w.opts.globals.has(name) ? { k: 'glob', n: name } : w.opts.frameworkGlobals?.get(name) ?? { k: 'x' };
  }
  if (b.kind !== 'local') return b.v;
  // (an object a closure keeps, `failures` of `const failures = {}` in the factory, keeps its identity: a part read from
  // it, `const f = failures[key]`, is a part of that state)
  const plain = b.v.k === 'x' || b.v.k === 'str' || b.v.k === 'fn' || b.v.k === 'cls' || (b.v.k === 'obj' && !keptByClosure(b, w.fn));
  return plain ? b.v : { k: 'bound', v: b.v, ...(b.id ? { n: b.id } : {}) };
}

function orOf(vals: Val[]): Val {
  const kept = vals.filter((v) => v.k !== 'x');
  if (kept.length === 0) return { k: 'x' };
  return kept.length === 1 ? kept[0] : { k: 'or', v: kept };
}

/** Arguments of a call kept as values, each at its position. */
const MAX_CALL_ARGS = 10;

export function argumentVal(w: WalkState, a: ts.Expression, depth: number): Val {
  const e = unwrap(a);
  if (tsv.isObjectLiteralExpression(e)) return objectVal(w, e, depth);
  if (tsv.isArrayLiteralExpression(e)) {
    // the first few and the last: a pipeline's last stage (`{ $out: … }`) says what it does with the result
    const kept = e.elements.length > 5 ? [...e.elements.slice(0, 4), e.elements[e.elements.length - 1]] : e.elements;
    const items = kept.map((x) => argumentVal(w, x, depth + 1));
    return orOf(items);
  }
  return valOf(w, e, depth);
}

function objectVal(w: WalkState, e: ts.ObjectLiteralExpression, depth: number): Val {
  const p: Record<string, Val> = {};
  const sp: Val[] = [];
  let n = 0;
  for (const prop of e.properties) {
    if (++n > 40) break;
    if (tsv.isPropertyAssignment(prop)) {
      const key = propName(prop.name);
      if (key !== undefined) p[key] = constantOf(prop.initializer) ?? argumentVal(w, prop.initializer, depth + 1);
    } else if (tsv.isShorthandPropertyAssignment(prop)) {
      p[prop.name.text] = valOfName(w, prop.name.text);
    } else if (tsv.isMethodDeclaration(prop) && prop.name) {
      const key = propName(prop.name);
      if (key !== undefined) p[key] = { k: 'fn', id: w.fnIdOf(prop) };
    } else if (tsv.isSpreadAssignment(prop)) {
      // `{ ...dbOptions, max: 10 }`: the spread object's properties, as far as they are known (any of them, for a
      // local assigned one object or another)
      const v = argumentVal(w, prop.expression, depth + 1);
      if (!spreadInto(p, v) && v.k !== 'x' && sp.length < 8) sp.push(v);
    }
  }
  return sp.length > 0 ? { k: 'obj', p, sp } : { k: 'obj', p };
}

/**
 * A flag's literal (`true`, `false`, `null`, `0`, `1`): a field set to one is switched on or off, the same by every
 * request that sets it (`c: 1`); or the clock (`c: 2`).
 */
function constantOf(e: ts.Expression): Val | undefined {
  const x = unwrap(e);
  const k = x.kind;
  if (k === tsv.SyntaxKind.TrueKeyword || k === tsv.SyntaxKind.FalseKeyword || k === tsv.SyntaxKind.NullKeyword) return { k: 'x', c: 1 };
  if (tsv.isNumericLiteral(x) && (x.text === '0' || x.text === '1')) return { k: 'x', c: 1 };
  // the clock (`new Date()`, `Date.now()`): a time stamped, the same moment, give or take, whichever request stamps it
  if (isDateNow(x)) return { k: 'x', c: 2 };
  return undefined;
}

/** Copies the members of an object spread into `p`; false when what is spread is not an object written here. */
function spreadInto(p: Record<string, Val>, v: Val): boolean {
  const objs = (v.k === 'bound' ? [v.v] : [v]).flatMap((x) => (x.k === 'or' ? x.v : [x])).flatMap((x) => (x.k === 'bound' ? [x.v] : [x]));
  if (objs.length === 0 || !objs.every((x) => x.k === 'obj')) return false;
  const keys = new Set(objs.flatMap((x) => Object.keys((x as { p: Record<string, Val> }).p)));
  for (const key of keys) {
    const vals = objs.map((x) => (x as { p: Record<string, Val> }).p[key]).filter((x): x is Val => x !== undefined);
    p[key] = vals.length === 1 ? vals[0] : { k: 'or', v: vals.slice(0, 6) };
  }
  return true;
}

/** A type annotation as a value: `Redis`, `pg.Pool`, `Repository<User>`, `Redis | null`. */
export function typeAnnotationVal(w: WalkState, t: ts.TypeNode | undefined): Val | undefined {
  if (!t) return undefined;
  if (tsv.isUnionTypeNode(t)) {
    for (const m of t.types) {
      const v = typeAnnotationVal(w, m);
      if (v) return v;
    }
    return undefined;
  }
  if (tsv.isTypeReferenceNode(t)) {
    const base = typeNameVal(w, t.typeName);
    if (!base || base.k === 'x') return undefined;
    // `Repository<User>`: the entity a typed repository is for
    const arg = t.typeArguments?.[0];
    const a = arg && tsv.isTypeReferenceNode(arg) ? typeNameVal(w, arg.typeName) : undefined;
    return a && a.k !== 'x' ? { k: 'type', t: base, a } : { k: 'type', t: base };
  }
  return undefined;
}

/**
 * What a parameter holds, as its declaration says: its type (bound to the model an `@InjectModel`/`@InjectRepository`
 * decorator names), else the token an `@Inject(…)` decorator names, else its default value.
 */
export function parameterVal(w: WalkState, p: ts.ParameterDeclaration): Val | undefined {
  return withInjectedModel(w, p, typeAnnotationVal(w, p.type)) ?? injectedToken(w, p) ?? defaultVal(w, p) ?? structuralType(p.type);
}

/**
 * `context: Options['sessionContext']`, `ctx: { cookies: Cookie[] }`: a part of a type, or a shape written here, says what
 * a parameter is as much as a name would: not a framework's request or context, whatever it is called.
 */
function structuralType(t: ts.TypeNode | undefined): Val | undefined {
  return t && (tsv.isIndexedAccessTypeNode(t) || tsv.isTypeLiteralNode(t)) ? { k: 'type', t: { k: 'x' } } : undefined;
}

/** The arguments of the parameter's decorator whose name matches (`@InjectModel('User')` → `['User']`). */
function decoratorArgs(p: ts.ParameterDeclaration, name: RegExp): readonly ts.Expression[] | undefined {
  for (const d of tsv.canHaveDecorators(p) ? tsv.getDecorators(p) ?? [] : []) {
    const e = d.expression;
    if (tsv.isCallExpression(e) && tsv.isIdentifier(e.expression) && name.test(e.expression.text)) return e.arguments;
  }
  return undefined;
}

/**
 * `@Inject(SESSION_STORAGE) storage: Storage`: what a dependency-injection token names is what the parameter
 * holds, when its type says nothing the analysis can follow (a DOM interface, no type at all).
 */
function injectedToken(w: WalkState, p: ts.ParameterDeclaration): Val | undefined {
  const args = decoratorArgs(p, /^Inject$/);
  const a = args?.length === 1 ? args[0] : undefined;
  if (!a || (!tsv.isIdentifier(a) && !tsv.isPropertyAccessExpression(a))) return undefined;
  const v = valOf(w, a);
  return v.k === 'imp' || v.k === 'prop' ? { k: 'type', t: v } : undefined;
}

/**
 * `@InjectModel('User') model: Model<UserDoc>`, `@InjectRepository(User) repo: Repository<User>`: the declared type,
 * bound to the model or entity the decorator names (the collection a Mongoose model reads, whatever its type says).
 */
function withInjectedModel(w: WalkState, p: ts.ParameterDeclaration, t: Val | undefined): Val | undefined {
  if (t?.k !== 'type') return t;
  const args = decoratorArgs(p, /^Inject(Model|Repository)$/);
  return args?.length ? { k: 'type', t: t.t, a: valOf(w, args[0]), m: 1 } : t;
}

/** An untyped parameter with a default value is what that value is (`client = new Map()` is no client), not what its name says. */
export function defaultVal(w: WalkState, p: ts.ParameterDeclaration): Val | undefined {
  if (p.type || !p.initializer) return undefined;
  const v = valOf(w, p.initializer);
  return v.k === 'new' ? { k: 'type', t: v.f } : v.k === 'x' ? v : undefined;
}

function typeNameVal(w: WalkState, n: ts.EntityName): Val | undefined {
  // `A.B.C…`: the parser reads qualified names in a loop, so their depth is unbounded; so is this walk
  const names: string[] = [];
  let e = n;
  while (!tsv.isIdentifier(e)) {
    names.push(e.right.text);
    e = e.left;
  }
  const b = w.scope.lookup(e.text);
  // `kv: KVNamespace`: an ambient type the catalog knows, declared nowhere in the file
  // (`db: FirebaseFirestore.Firestore`: a member of an ambient namespace the catalog knows)
  let v: Val | undefined = b ? b.v : w.opts.globalTypes.has(e.text) ? { k: 'glob', n: e.text } : undefined;
  for (let i = names.length - 1; v && i >= 0; i--) v = { k: 'prop', o: v, n: names[i] };
  return v;
}

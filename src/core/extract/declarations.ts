import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import { IIFE, isContainerInit, type ClassFact, type FunctionFact, type InitKind, type Val } from '../facts';
import { CALLBACK_CLIENT, DI_SINGLETON } from '../../catalog/names';
import { capDepth, interesting } from './scope';
import { initKind, isFunctionLike, propName, unwrap } from './syntax';
import { isCredentialCheck, isNullish } from './conditions';
import { argumentVal, isExportAlias, isModuleExportsExpr, parameterVal, typeAnnotationVal, valOf } from './values';
import { isTimerHandle } from './mutations';
import { noteModulePath } from './modulePaths';
import { declareNames, declareParameter, hoist, type DeclarationLevel } from './binding';
import { exportClass, exportFunction, exportVariable, isExported } from './exports';
import type { ThisClass, WalkState } from './walkState';

/**
 * Declarations: functions (with their parameters, body and return values), classes (fields, statics,
 * methods) and variables (module bindings with how they start, locals with their value). Each records
 * its fact, then schedules its parts: what follows a part is a later step (see `WalkState`).
 */

/** Return values kept per function: enough to follow a factory, few enough to keep facts small. */
const MAX_RETURNS = 4;

/** How a function is reached: its name when it is a class member, and the class `this` means there. */
export interface FunctionSite {
  name?: string;
  member?: ThisClass;
}

/** A class being visited: its node, its id (a key of `facts.classes`), its name and its fact. */
interface ClassInProgress {
  node: ts.ClassLikeDeclaration;
  id: string;
  name: string;
  fact: ClassFact;
}

/** How a variable is declared: exported or not, at module level or not, and with which keyword. */
interface VariableSite {
  exported: boolean;
  level: DeclarationLevel;
  keyword: 'const' | 'let' | 'var';
}

function addReturn(f: FunctionFact, v: Val): void {
  if (v.k === 'x' || f.ret.length >= MAX_RETURNS) return;
  f.ret.push(capDepth(v));
}

/** `return x`: its value is read after `x` was visited (a use inside it may bind locals first). */
export function visitReturn(w: WalkState, r: ts.ReturnStatement): void {
  w.later(() => {
    const f = w.fn && w.facts.functions[w.fn];
    if (r.expression && f && f.ret.length < MAX_RETURNS) addReturn(f, valOf(w, r.expression));
    const env = r.expression && f ? envParamOf(r.expression, f.params) : undefined;
    if (f && env !== undefined) f.envParam = env;
    // whether it answers "not found": every return must say so, one that says anything else undoes it for good
    if (r.expression && f && w.fn) {
      if (saysAbsent(r.expression) && !w.answersOther.has(w.fn)) f.absent = 1;
      else {
        w.answersOther.add(w.fn);
        delete f.absent;
      }
    }
  });
  w.visitChildren(r);
}

/**
 * `process.env[key]` (`as string`, `?? fallback`, `|| fallback` around it) with `key` a parameter: the parameter's
 * index, so that `getOsEnv('DB_TYPE')` is known to read `DB_TYPE`.
 */
function envParamOf(e: ts.Expression, params: readonly string[] | undefined): number | undefined {
  let x = unwrap(e);
  if (tsv.isBinaryExpression(x) && [tsv.SyntaxKind.QuestionQuestionToken, tsv.SyntaxKind.BarBarToken].includes(x.operatorToken.kind)) x = unwrap(x.left);
  if (!tsv.isElementAccessExpression(x) || !params?.length) return undefined;
  const o = unwrap(x.expression);
  const key = unwrap(x.argumentExpression);
  if (!tsv.isPropertyAccessExpression(o) || o.name.text !== 'env' || !tsv.isIdentifier(o.expression) || o.expression.text !== 'process' || !tsv.isIdentifier(key)) return undefined;
  const i = params.indexOf(key.text);
  return i >= 0 ? i : undefined;
}

/** `x === null`, `x == undefined`, `count === 0`, `rows.length === 0`, `!x`: a test that something was not found. */
function saysAbsent(e: ts.Expression): boolean {
  e = unwrap(e);
  if (tsv.isPrefixUnaryExpression(e) && e.operator === tsv.SyntaxKind.ExclamationToken) return !tsv.isPrefixUnaryExpression(unwrap(e.operand));
  if (!tsv.isBinaryExpression(e)) return false;
  const op = e.operatorToken.kind;
  if (op !== tsv.SyntaxKind.EqualsEqualsEqualsToken && op !== tsv.SyntaxKind.EqualsEqualsToken) return false;
  const nothing = (x: ts.Expression) => {
    x = unwrap(x);
    return isNullish(x) || (tsv.isNumericLiteral(x) && x.text === '0');
  };
  return nothing(e.left) !== nothing(e.right);
}

export function visitFunctionDeclaration(w: WalkState, f: ts.FunctionDeclaration): void {
  if (w.protos && visitPrototypeMember(w, f)) return;
  let id = '';
  // after the body, as before: the binding and export follow what the body recorded
  w.later(() => {
    if (!w.fn && w.scope.parent === undefined) {
      if (f.name) w.facts.bindings[f.name.text] = { k: 'fn', id };
      exportFunction(w, f, id);
    }
  });
  id = visitFunction(w, f);
}

/** The class fact of a constructor function (prototypes.ts), made when it or one of its methods is first visited. */
function prototypeClass(w: WalkState, ctor: ts.Node): { id: string; fact: ClassFact } {
  const id = w.clsIdOf(ctor);
  let fact = w.facts.classes[id];
  if (!fact) {
    const info = w.protos!.ctors.get(ctor)!;
    fact = { name: info.name, fields: {}, statics: {}, methods: {}, line: w.lc(ctor.getStart(w.sf)).line };
    if (info.base) {
      const v = valOf(w, info.base);
      if (v.k !== 'x') fact.ext = v;
    }
    w.facts.classes[id] = fact;
  }
  return { id, fact };
}

/**
 * A constructor function or a method its prototype holds (see prototypes.ts), visited as a class's constructor or
 * method: `this` is its instance. False when the function is neither.
 */
export function visitPrototypeMember(w: WalkState, node: ts.FunctionLikeDeclaration): boolean {
  const protos = w.protos!;
  const info = protos.ctors.get(node);
  if (info) {
    const { id, fact } = prototypeClass(w, node);
    if (tsv.isFunctionDeclaration(node)) {
      // after the body, as for a function: `new Sockets()` then makes an instance of the class
      w.later(() => {
        if (!w.fn && w.scope.parent === undefined) w.facts.bindings[info.name] = { k: 'cls', id };
      });
    }
    // named as a class's constructor is: its phase is start-up by that name, whoever makes the object
    fact.init = visitFunction(w, node, { name: 'constructor', member: { id, isStatic: false } });
    // its parameter names, as the function's fact has them: what `new Sockets(io, store)` hands its fields
    const params = w.facts.functions[fact.init]?.params;
    if (params) fact.ctor = params;
    return true;
  }
  const m = protos.methods.get(node);
  if (!m) return false;
  const { id, fact } = prototypeClass(w, m.ctor);
  fact.methods[m.name] = visitFunction(w, node, { name: `${fact.name}.${m.name}`, member: { id, isStatic: false } });
  return true;
}

/** Methods of Puppeteer's and Playwright's pages, frames and handles that run the function given to them in the page. */
const IN_PAGE = /^(evaluate|evaluateHandle|evaluateOnNewDocument|addInitScript|\$eval|\$\$eval|waitForFunction)$/;

/**
 * Is this function given to `page.evaluate(…)` (or another of IN_PAGE): serialised and run in the browser page, where
 * `localStorage` is the page's, not the server's.
 */
function runsInPage(node: ts.FunctionLikeDeclaration): boolean {
  if (!tsv.isArrowFunction(node) && !tsv.isFunctionExpression(node)) return false;
  const call = node.parent;
  return !!call && tsv.isCallExpression(call) && call.arguments.includes(node as ts.Expression) &&
    tsv.isPropertyAccessExpression(call.expression) && IN_PAGE.test(call.expression.name.text);
}

/**
 * The value a function's declared return type gives, when it names a type of a package (`Promise<Db>` of `mongodb`,
 * `RedisClientType`): a promise of it is it, as `await` makes it. A type of the workspace says nothing its body does not.
 */
function declaredReturn(w: WalkState, t: ts.TypeNode | undefined): Val | undefined {
  if (t && tsv.isTypeReferenceNode(t) && tsv.isIdentifier(t.typeName) && t.typeName.text === 'Promise' && t.typeArguments?.length === 1) t = t.typeArguments[0];
  const v = typeAnnotationVal(w, t);
  const base = v?.k === 'type' ? v.t : undefined;
  return base?.k === 'imp' && !base.m.startsWith('.') && !base.m.startsWith('node:') ? v : undefined;
}

/** Records the function's fact and schedules its parameters, then its body; returns its id. */
export function visitFunction(w: WalkState, node: ts.FunctionLikeDeclaration, site: FunctionSite = {}): string {
  const id = w.fnIdOf(node);
  const start = node.getStart(w.sf);
  const fact: FunctionFact = {
    name: site.name ?? (node.name ? propName(node.name) ?? '' : inferName(w, node)),
    ret: [], start, end: node.end, line: w.lc(start).line, ...(w.fn ? { parent: w.fn } : {}),
  };
  const params = node.parameters.map((p) => (tsv.isIdentifier(p.name) ? p.name.text : ''));
  if (params.some((n) => n)) fact.params = params;
  // `getDB(): Promise<Db>`: what a package's type says it returns, whatever the body builds it from
  const declared = declaredReturn(w, node.type);
  if (declared) addReturn(fact, declared);
  w.facts.functions[id] = fact;
  const savedThis = w.thisCls;
  const savedObj = w.thisObj;
  if (site.member) w.thisCls = site.member;
  else if (!tsv.isArrowFunction(node)) w.thisCls = undefined;
  if (site.member) w.thisObj = undefined;
  else if (!tsv.isArrowFunction(node)) w.thisObj = methodOfObject(w, node);
  const scopedClient = scopedClientOf(w, node);
  const page = runsInPage(node);
  if (page) w.inPage++;
  w.enterFunction(id);
  w.later(() => {
    w.leaveFunction();
    w.thisCls = savedThis;
    w.thisObj = savedObj;
    if (page) w.inPage--;
  });
  w.inScope(() => w.sequence([
    ...node.parameters.map((p, i) => () => declareParameter(w, node, p, scopedClient ?? (i === 1 ? resultOf(w, node) : undefined), !scopedClient)),
    () => visitBody(w, node, fact),
  ]), 'function');
  return id;
}

/**
 * The module-level object a function is a method of, when it is written as one: the value of `obj.name = function …`
 * (or `function … .bind(obj)`), or a method or function property of `const obj = { … }`. Called as `obj.name()`, its
 * `this` is that object.
 */
function methodOfObject(w: WalkState, node: ts.FunctionLikeDeclaration): string | undefined {
  let at: ts.Node = node;
  // `function () { … }.bind(obj)`
  const p = at.parent;
  if (p && tsv.isPropertyAccessExpression(p) && p.expression === at && p.name.text === 'bind' && p.parent && tsv.isCallExpression(p.parent)) {
    const bound = p.parent.arguments[0];
    return bound && tsv.isIdentifier(bound) && w.scope.lookup(bound.text)?.kind === 'module' ? bound.text : undefined;
  }
  while (at.parent && tsv.isParenthesizedExpression(at.parent)) at = at.parent;
  const up = at.parent;
  // `obj.name = function () { … }`
  if (up && tsv.isBinaryExpression(up) && up.right === at && up.operatorToken.kind === tsv.SyntaxKind.EqualsToken && tsv.isPropertyAccessExpression(up.left) && tsv.isIdentifier(up.left.expression)) {
    const obj = up.left.expression.text;
    return w.scope.lookup(obj)?.kind === 'module' ? obj : undefined;
  }
  // `const obj = { name() { … } }`, `{ name: function () { … } }`
  const member = tsv.isMethodDeclaration(node) ? node : up && tsv.isPropertyAssignment(up) && up.initializer === at ? up : undefined;
  const literal = member?.parent;
  if (literal && tsv.isObjectLiteralExpression(literal) && literal.parent && tsv.isVariableDeclaration(literal.parent) && tsv.isIdentifier(literal.parent.name)) {
    const obj = literal.parent.name.text;
    return w.scope.lookup(obj)?.kind === 'module' ? obj : undefined;
  }
  return undefined;
}

function visitBody(w: WalkState, node: ts.FunctionLikeDeclaration, fact: FunctionFact): void {
  const body = node.body;
  if (!body) return;
  (body as { parent: ts.Node }).parent = node;
  if (tsv.isBlock(body)) {
    hoist(w, body.statements, 'local');
    w.pushAll(body.statements, body);
  } else {
    // `(t) => [primaryKey({ columns: [t.a, t.b] })]`: a list's items are kept (a table's extras), as in arguments
    w.later(() => addReturn(fact, tsv.isArrayLiteralExpression(body) ? argumentVal(w, body, 0) : valOf(w, body)));
    w.push(body);
  }
}

/**
 * A function given to a method that hands it a scoped client (`$transaction(async (tx) => …)`,
 * `pool.connect((err, client) => …)`, `.then((conn) => …)`): its parameters are that client.
 */
function scopedClientOf(w: WalkState, node: ts.FunctionLikeDeclaration): Val | undefined {
  if (!tsv.isArrowFunction(node) && !tsv.isFunctionExpression(node)) return undefined;
  const call = node.parent;
  if (!call || !tsv.isCallExpression(call) || !call.arguments.includes(node as ts.Expression)) return undefined;
  const callee = call.expression;
  const name = tsv.isPropertyAccessExpression(callee) ? callee.name.text : tsv.isIdentifier(callee) ? callee.text : '';
  if (!CALLBACK_CLIENT.test(name)) return undefined;
  const f = valOf(w, callee);
  return interesting(f, w.opts.receivers) ? { k: 'cb', f: capDepth(f) } : undefined;
}

/** The first parameter of a Node-style callback: the error. */
const ERROR_PARAMETER = /^(err|error|e|er|ex)$/;

/**
 * What the second parameter of a Node-style callback given last to a call holds: the call's result
 * (`Topic.findOne(q, function (err, topic) { topic.count += 1; topic.save(cb) })`, as `const topic = await Topic.findOne(q)`).
 */
function resultOf(w: WalkState, node: ts.FunctionLikeDeclaration): Val | undefined {
  if (!tsv.isArrowFunction(node) && !tsv.isFunctionExpression(node)) return undefined;
  const [first, second] = node.parameters;
  if (!first || !second || !tsv.isIdentifier(first.name) || !ERROR_PARAMETER.test(first.name.text) || second.type) return undefined;
  const call = node.parent;
  if (!call || !tsv.isCallExpression(call) || call.arguments[call.arguments.length - 1] !== node) return undefined;
  const f = valOf(w, call.expression);
  if (f.k !== 'prop' || !interesting(f, w.opts.receivers)) return undefined;
  return capDepth({ k: 'call', f, a: call.arguments.slice(0, -1).map((a) => argumentVal(w, a, 1)) });
}

/** A name for an anonymous function: the variable or property it is given to, `(method)` for a callback, `(iife)` for one called in place. */
function inferName(w: WalkState, node: ts.Node): string {
  const p = node.parent;
  if (p && tsv.isVariableDeclaration(p) && tsv.isIdentifier(p.name)) return p.name.text;
  // `(async () => { … })()`: called where it is written
  let q: ts.Node = node;
  while (q.parent && tsv.isParenthesizedExpression(q.parent)) q = q.parent;
  if (q !== node && q.parent && tsv.isCallExpression(q.parent) && q.parent.expression === q) return IIFE;
  if (p && (tsv.isPropertyAssignment(p) || tsv.isPropertyDeclaration(p))) return propName(p.name) ?? '';
  // `exports.addToRoom = function (…) {…}` (CommonJS): the export's name, as other functions of the file call it
  if (p && tsv.isBinaryExpression(p) && p.right === node && p.operatorToken.kind === tsv.SyntaxKind.EqualsToken &&
    tsv.isPropertyAccessExpression(p.left) && (isModuleExportsExpr(w, p.left.expression) || isExportAlias(w, p.left.expression))) {
    return p.left.name.text;
  }
  if (p && tsv.isCallExpression(p)) {
    const callee = p.expression;
    return '(' + (tsv.isPropertyAccessExpression(callee) ? callee.name.text : tsv.isIdentifier(callee) ? callee.text : 'callback') + ')';
  }
  return '';
}

/** The language's collections a class may extend, and the kind of value its instances are. */
const COLLECTION_BASES: Readonly<Record<string, 'map' | 'set' | 'array'>> = { Map: 'map', WeakMap: 'map', Set: 'set', WeakSet: 'set', Array: 'array' };

export function visitClass(w: WalkState, node: ts.ClassLikeDeclaration): void {
  const id = w.clsIdOf(node);
  const name = node.name?.text ?? (node.parent && tsv.isVariableDeclaration(node.parent) && tsv.isIdentifier(node.parent.name) ? node.parent.name.text : '');
  // the line of the class itself, not of its decorators
  const fact: ClassFact = { name, fields: {}, statics: {}, methods: {}, line: w.lc((node.name ?? node).getStart(w.sf)).line };
  w.facts.classes[id] = fact;
  const ext = node.heritageClauses?.find((h) => h.token === tsv.SyntaxKind.ExtendsKeyword)?.types[0];
  if (ext) {
    const v = valOf(w, ext.expression);
    if (v.k !== 'x') fact.ext = v;
    // `class Collection extends Map`: what it makes is a collection, as `new Map()` is
    const base = tsv.isIdentifier(ext.expression) && !w.scope.lookup(ext.expression.text) ? COLLECTION_BASES[ext.expression.text] : undefined;
    if (base) fact.coll = base;
  }
  const decorators = tsv.canHaveDecorators(node) ? tsv.getDecorators(node) ?? [] : [];
  if (decorators.some((d) => isSingletonDecorator(w, d))) fact.single = 1;
  const unique = uniqueFieldSets(decorators, node);
  if (unique.length > 0) fact.unique = unique;
  const table = entityTable(decorators, name);
  if (table) fact.table = table;
  const moduleLevel = !w.fn;
  const cls: ClassInProgress = { node, id, name, fact };
  w.sequence([
    ...node.members.map((m) => () => visitMember(w, cls, m)),
    () => classDone(w, cls, moduleLevel),
  ]);
  w.pushAll(decorators, node);
  if (ext) w.push(ext.expression, ext);
}

/** A decorator's name and arguments: `@Column({ unique: true })` → Column, [{ unique: true }]. */
function decoratorCall(d: ts.Decorator): { name: string; args: readonly ts.Expression[] } {
  const e = d.expression;
  const callee = tsv.isCallExpression(e) ? e.expression : e;
  const name = tsv.isIdentifier(callee) ? callee.text : tsv.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return { name, args: tsv.isCallExpression(e) ? e.arguments : [] };
}

/**
 * The table an entity's decorator names: `@Entity('podcasts')`, `@Entity({ name: 'podcasts' })` (TypeORM), `@Entity({
 * tableName })` (MikroORM), `@Table({ tableName })` (sequelize-typescript); lower case, without a schema. An `@Entity()` that
 * names none is the class's name in snake case, as TypeORM's and MikroORM's default naming makes it (`LastRegistrationModel`
 * → `last_registration_model`).
 */
function entityTable(decorators: readonly ts.Decorator[], className: string): string | undefined {
  for (const d of decorators) {
    const { name, args } = decoratorCall(d);
    if (name !== 'Entity' && name !== 'Table') continue;
    const a = args[0];
    if (a && tsv.isStringLiteralLike(a)) return a.text.replace(/^.*\./, '').toLowerCase();
    if (a && tsv.isObjectLiteralExpression(a)) {
      for (const p of a.properties) {
        if (tsv.isPropertyAssignment(p) && /^(name|tableName)$/.test(propName(p.name) ?? '') && tsv.isStringLiteralLike(p.initializer)) return p.initializer.text.replace(/^.*\./, '').toLowerCase();
      }
    }
    if (name === 'Entity' && className && (!a || tsv.isObjectLiteralExpression(a))) return snakeCase(className);
  }
  return undefined;
}

/** `LastRegistrationModel` → `last_registration_model`, `HTTPLog` → `http_log`. */
function snakeCase(name: string): string {
  return name.replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** `{ unique: true }` or `{ primary: true }` among the arguments. */
function saysUnique(args: readonly ts.Expression[]): boolean {
  return args.some((a) => tsv.isObjectLiteralExpression(a) && a.properties.some((p) =>
    tsv.isPropertyAssignment(p) && /^(unique|primary|primaryKey)$/.test(propName(p.name) ?? '') && p.initializer.kind === tsv.SyntaxKind.TrueKeyword));
}

/** The string elements of the first array literal among the arguments (`@Unique('name', ['a', 'b'])` → a, b). */
function fieldList(args: readonly ts.Expression[]): string[] | undefined {
  const arr = args.find(tsv.isArrayLiteralExpression);
  const names = arr?.elements.filter(tsv.isStringLiteralLike).map((x) => x.text);
  return names && names.length > 0 ? names : undefined;
}

/**
 * The field sets an ORM entity's decorators keep unique, read from the syntax: primary keys and unique
 * columns on its properties (TypeORM, MikroORM, sequelize-typescript), and `@Unique([...])` or
 * `@Index([...], { unique: true })` on the class.
 */
function uniqueFieldSets(decorators: readonly ts.Decorator[], node: ts.ClassLikeDeclaration): string[][] {
  const out: string[][] = [];
  for (const d of decorators) {
    const { name, args } = decoratorCall(d);
    const fields = fieldList(args);
    if (fields && (name === 'Unique' || (name === 'Index' && saysUnique(args)))) out.push(fields);
  }
  for (const m of node.members) {
    const field = tsv.isPropertyDeclaration(m) && m.name ? propName(m.name) : undefined;
    if (!field || !tsv.canHaveDecorators(m)) continue;
    const unique = (tsv.getDecorators(m) ?? []).some((d) => {
      const { name, args } = decoratorCall(d);
      return /^Primary/.test(name) || name === 'Unique' || saysUnique(args);
    });
    if (unique) out.push([field]);
  }
  return out;
}

/**
 * `@Injectable()`, `@Service()`, `@Controller()`: a dependency-injection container makes one instance of the
 * class for the process, unless the decorator asks for one per request (`{ scope: Scope.REQUEST }`).
 */
function isSingletonDecorator(w: WalkState, d: ts.Decorator): boolean {
  const { name, args } = decoratorCall(d);
  return DI_SINGLETON.test(name) && !(args.some((a) => /\bscope\s*:\s*Scope\.(REQUEST|TRANSIENT)\b|\bscope\s*:\s*['"](request|transient)['"]/i.test(a.getText(w.sf))));
}

function visitMember(w: WalkState, cls: ClassInProgress, m: ts.ClassElement): void {
  const { node, id, name, fact } = cls;
  (m as { parent: ts.Node }).parent = node;
  if (tsv.isPropertyDeclaration(m) && m.initializer) (m.initializer as { parent: ts.Node }).parent = m;
  const isStatic = (tsv.getCombinedModifierFlags(m as ts.Declaration) & tsv.ModifierFlags.Static) !== 0;
  const mname = m.name ? propName(m.name) : undefined;
  if (tsv.isPropertyDeclaration(m) && mname !== undefined) {
    const savedThis = w.thisCls;
    w.thisCls = { id, isStatic };
    // `private static REPO: Repository<Access> | null = null`: a field made empty says what it will hold by its type
    const made = m.initializer ? valOf(w, m.initializer) : undefined;
    const v = made && made.k !== 'x' ? made : typeAnnotationVal(w, m.type) ?? made ?? { k: 'x' };
    w.later(() => {
      w.thisCls = savedThis;
      (isStatic ? fact.statics : fact.fields)[mname] = capDepth(v);
      const pos = m.getStart(w.sf);
      const priv = tsv.isPrivateIdentifier(m.name) || (tsv.getCombinedModifierFlags(m) & (tsv.ModifierFlags.Private | tsv.ModifierFlags.Protected)) !== 0;
      w.facts.declared.push({ name: isStatic ? `${name}.${mname}` : `${id}#${mname}`, decl: isStatic ? 'static' : 'field', init: m.initializer ? initKind(m.initializer) : 'none', ...w.lc(pos), ...(priv ? { priv: 1 as const } : {}) });
    });
    if (m.initializer) w.keepValue(m.initializer, { keep: isStatic ? 'module' : 'field', res: `${name}.${mname}` });
  } else if (tsv.isConstructorDeclaration(m)) {
    for (const p of m.parameters) {
      const flags = tsv.getCombinedModifierFlags(p);
      if (flags & (tsv.ModifierFlags.ParameterPropertyModifier) && tsv.isIdentifier(p.name)) {
        const t = parameterVal(w, p);
        fact.fields[p.name.text] = t ? { k: 'param', n: p.name.text, t } : { k: 'param', n: p.name.text };
      }
    }
    constructorFacts(w, m, fact);
    fact.init = visitFunction(w, m, { name: 'constructor', member: { id, isStatic: false } });
  } else if (isFunctionLike(m) && mname !== undefined) {
    fact.methods[mname] = visitFunction(w, m, { name: `${name}.${mname}`, member: { id, isStatic } });
    // a method's decorators may schedule it (`@Cron('…')`) or register it: they are uses too
    w.pushAll(tsv.canHaveDecorators(m) ? tsv.getDecorators(m) ?? [] : [], m);
  } else if (tsv.isClassStaticBlockDeclaration(m)) {
    const savedThis = w.thisCls;
    w.thisCls = { id, isStatic: true };
    w.later(() => {
      w.thisCls = savedThis;
    });
    w.push(m.body, m);
  }
}

/** The constructor's parameter names and its `super(…)` arguments: a base class's fields may be set from them. */
function constructorFacts(w: WalkState, m: ts.ConstructorDeclaration, fact: ClassFact): void {
  const names = m.parameters.map((p) => (tsv.isIdentifier(p.name) ? p.name.text : ''));
  if (names.some((n) => n)) fact.ctor = names;
  for (const st of m.body?.statements ?? []) {
    if (!tsv.isExpressionStatement(st) || !tsv.isCallExpression(st.expression) || st.expression.expression.kind !== tsv.SyntaxKind.SuperKeyword) continue;
    // the constructor's own parameters are not in scope here: they pass nothing known
    const own = new Set(names);
    fact.sup = st.expression.arguments.map((a) => (tsv.isIdentifier(a) && own.has(a.text) ? { k: 'x' } : capDepth(valOf(w, a))));
    break;
  }
}

function classDone(w: WalkState, cls: ClassInProgress, moduleLevel: boolean): void {
  if (moduleLevel && cls.name && cls.node.kind === tsv.SyntaxKind.ClassDeclaration) w.facts.bindings[cls.name] = { k: 'cls', id: cls.id };
  exportClass(w, cls.node, cls.id);
}

export function visitVariableStatement(w: WalkState, node: ts.VariableStatement): void {
  const exported = isExported(node);
  (node.declarationList as { parent: ts.Node }).parent = node;
  w.sequence(node.declarationList.declarations.map((d) => () => {
    (d as { parent: ts.Node }).parent = node.declarationList;
    visitVariableDeclaration(w, d, { exported });
  }));
}

export function visitVariableDeclaration(w: WalkState, d: ts.VariableDeclaration, { exported }: { exported: boolean }): void {
  const level: DeclarationLevel = !w.fn && w.scope.parent === undefined ? 'module' : 'local';
  const list = d.parent;
  const keyword = tsv.isVariableDeclarationList(list)
    ? list.flags & tsv.NodeFlags.Const ? 'const' : list.flags & tsv.NodeFlags.Let ? 'let' : 'var'
    : 'var';
  const site: VariableSite = { exported, level, keyword };
  const init = d.initializer;
  const loop = tsv.isVariableDeclarationList(list) ? list.parent : undefined;
  if (!init && loop && tsv.isForOfStatement(loop)) return declareLoopVariable(w, d, site, loop.expression);
  if (!init) return declareVariable(w, d, site, { k: 'x' });
  if (level === 'module' && tsv.isIdentifier(d.name) && isModuleExportsExpr(w, unwrap(init))) {
    w.noteExportAlias(d.name.text);
  }
  (init as { parent: ts.Node }).parent = d;
  if (level === 'module' && tsv.isIdentifier(d.name) && site.keyword === 'const') noteModulePath(w, d.name.text, init);
  // (`const ok = await bcrypt.compare(password, user.password)` authenticates the caller: computed from no state)
  if (level === 'local' && tsv.isIdentifier(d.name) && !isCredentialCheck(w, init)) recordDerived(w, d.name.text, init);
  else if (level === 'local' && tsv.isObjectBindingPattern(d.name)) recordDestructured(w, d.name, init);
  w.later(() => declareVariable(w, d, site, valOf(w, init)));
  w.keepValue(init, {
    keep: level === 'module' ? 'module' : undefined,
    // `const [user] = await getUser(email)`: the first row, tested as the record itself
    res: tsv.isIdentifier(d.name) ? d.name.text : firstElement(d.name),
    ctx: tsv.isObjectBindingPattern(d.name) ? 'destructure' : undefined,
  });
}

/** Objects of the language whose members are functions and constants, not fields of a record. */
const BUILT_INS = new Set(['Math', 'JSON', 'Date', 'Number', 'String', 'Object', 'Array', 'Promise', 'console', 'Boolean', 'BigInt', 'Symbol', 'Reflect']);

/**
 * `const last = new Date(doc.lastClaimed)`: a local computed from one field of another local (looked for in the
 * first 60 nodes of its initializer), recorded in `FunctionFact.derived`; one entry per local it reads one field
 * of (`const left = product.stock - item.quantity` is computed from `product.stock` and from `item.quantity`). A
 * local read for two fields (`a.x + a.y`) gives none.
 */
function recordDerived(w: WalkState, name: string, init: ts.Expression): void {
  const f = w.fn && w.facts.functions[w.fn];
  if (!f) return;
  // per local, the one field read (null: more than one; '': the local itself, as a whole)
  const found = new Map<string, string | null>();
  const todo: ts.Node[] = [init];
  for (let seen = 0; todo.length > 0 && seen < 60; seen++) {
    const n = todo.pop()!;
    if (tsv.isPropertyAccessExpression(n) && tsv.isIdentifier(n.expression)) {
      const root = n.expression.text;
      if (root === name || BUILT_INS.has(root)) continue;
      const field = found.get(root);
      found.set(root, field === undefined || field === n.name.text ? n.name.text : null);
      continue;
    }
    // `sub(sub(total, discount), credit)`: locals used whole, which may themselves come from a record's fields
    // (the callee of a call is a function, not a value the local is computed from)
    if (tsv.isIdentifier(n)) {
      const parent = n.parent as ts.Node | undefined;
      if (n.text === name || BUILT_INS.has(n.text) || (parent && tsv.isCallExpression(parent) && parent.expression === n)) continue;
      const field = found.get(n.text);
      found.set(n.text, field === undefined || field === '' ? '' : null);
      continue;
    }
    // a callback's body (`product.reviews.find((r) => r.user === id)`) compares elements: the value is still the field's
    if (isFunctionLike(n)) continue;
    // an object literal's keys and a member's name are names, not values
    if (tsv.isPropertyAssignment(n) || tsv.isPropertyAccessExpression(n)) {
      const inner = tsv.isPropertyAssignment(n) ? n.initializer : n.expression;
      (inner as { parent: ts.Node }).parent = n;
      todo.push(inner);
      continue;
    }
    tsv.forEachChild(n, (c) => {
      (c as { parent: ts.Node }).parent = n;
      todo.push(c);
    });
  }
  if (todo.length > 0) return;
  for (const [root, field] of found) if (field !== null && (f.derived ??= []).length < 40) f.derived.push([name, root, field]);
}

/** `const { total, credit: paid } = invoice`: each name bound to a field of a local, as `const total = invoice.total` is. */
function recordDestructured(w: WalkState, pattern: ts.ObjectBindingPattern, init: ts.Expression): void {
  const f = w.fn && w.facts.functions[w.fn];
  const from = unwrap(init);
  if (!f || !tsv.isIdentifier(from)) return;
  for (const el of pattern.elements) {
    const field = propName(el.propertyName ?? (tsv.isIdentifier(el.name) ? el.name : undefined));
    if (el.dotDotDotToken || !tsv.isIdentifier(el.name) || field === undefined) continue;
    if ((f.derived ??= []).length < 40) f.derived.push([el.name.text, from.text, field]);
  }
}

function firstElement(name: ts.BindingName): string | undefined {
  const first = tsv.isArrayBindingPattern(name) ? name.elements[0] : undefined;
  return first && tsv.isBindingElement(first) && !first.dotDotDotToken && tsv.isIdentifier(first.name) ? first.name.text : undefined;
}

/**
 * `for (const x of list)`: `x` is a member of what `list` is (`list[*]`); `for (const [key, handler] of
 * Object.entries(routes))` and `for (const [id, client] of clients)` (a Map's entries): the second name is one,
 * the key is not; `Object.values(routes)` is its members. A route table registered in a loop
 * (`app[verb](path, handler)`) is then the functions it holds.
 */
function declareLoopVariable(w: WalkState, d: ts.VariableDeclaration, site: VariableSite, iterated: ts.Expression): void {
  const e = unwrap(iterated);
  let of: ts.Expression = e;
  let keyed = false;
  if (tsv.isCallExpression(e) && tsv.isPropertyAccessExpression(e.expression) && tsv.isIdentifier(e.expression.expression) &&
    e.expression.expression.text === 'Object' && !w.scope.lookup('Object') && e.arguments[0]) {
    const m = e.expression.name.text;
    if (m !== 'values' && m !== 'entries') return declareVariable(w, d, site, { k: 'x' });
    of = e.arguments[0];
    keyed = m === 'entries';
  }
  const o = valOf(w, of);
  const member: Val = o.k === 'x' ? o : { k: 'prop', o: capDepth(o), n: '*', el: 1 };
  if (tsv.isArrayBindingPattern(d.name)) {
    const [key, value] = d.name.elements;
    if (key && !tsv.isOmittedExpression(key)) declareNames(w, key.name, { k: 'x' }, site.level);
    if (value && !tsv.isOmittedExpression(value) && !value.dotDotDotToken) declareNames(w, value.name, member, site.level);
    for (const el of d.name.elements.slice(2)) if (!tsv.isOmittedExpression(el)) declareNames(w, el.name, { k: 'x' }, site.level);
    return;
  }
  declareVariable(w, d, site, keyed ? { k: 'x' } : member);
}

/** The module a value or a type comes from: the import at the root of its calls and members. */
function moduleOf(v: Val): string | undefined {
  for (let x: Val = v, hops = 0; hops < 12; hops++) {
    if (x.k === 'imp') return x.m;
    if (x.k === 'call' || x.k === 'new') x = x.f;
    else if (x.k === 'prop') x = x.o;
    else if (x.k === 'type' || x.k === 'bound') x = x.k === 'type' ? x.t : x.v;
    else return undefined;
  }
  return undefined;
}

/** The declaration's names, once its initializer was visited (`v` is the initializer's value). */
function declareVariable(w: WalkState, d: ts.VariableDeclaration, site: VariableSite, v: Val): void {
  const annotated = typeAnnotationVal(w, d.type);
  // (a type of the module the value itself comes from, `const Store: connectRedis.RedisStore = connectRedis(session)`,
  // names what the value already says, and less precisely)
  if (annotated && !(v.k !== 'x' && moduleOf(v) !== undefined && moduleOf(v) === moduleOf(annotated))) v = v.k === 'x' ? annotated : { k: 'or', v: [v, annotated] };
  if (v.k !== 'x') v = capDepth(v);
  // a local replaces the hoisted placeholder
  declareNames(w, d.name, v, site.level);
  if (site.level !== 'module' && tsv.isIdentifier(d.name) && d.initializer && isTimerHandle(w, d.initializer)) {
    const b = w.scope.lookup(d.name.text);
    if (b?.kind === 'local') b.timer = true;
  }
  if (site.level !== 'module') {
    if (w.fn && tsv.isIdentifier(d.name) && d.initializer) keepsState(w, d.name, site.keyword, initKind(d.initializer));
    return;
  }
  if (tsv.isIdentifier(d.name)) {
    const pos = d.name.getStart(w.sf);
    w.facts.declared.push({ name: d.name.text, decl: site.keyword, init: d.initializer ? initKind(d.initializer) : 'none', ...w.lc(pos) });
  }
  if (site.exported) exportVariable(w, d);
}

/** A function's local that a closure made in the function may keep: a container, or a `let` of a primitive. */
function keepsState(w: WalkState, name: ts.Identifier, keyword: VariableSite['keyword'], init: InitKind): void {
  if (!isContainerInit(init) && !(keyword !== 'const' && init === 'primitive')) return;
  const b = w.scope.lookup(name.text);
  if (b?.kind !== 'local' || !w.fn) return;
  b.state = { fn: w.fn, decl: { name: `${w.fn}:${name.text}`, decl: keyword, init, ...w.lc(name.getStart(w.sf)) } };
}

import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import { isContainerInit } from '../facts';
import { capDepth } from './scope';
import { initKind, isObjectAssign, namesOf, unwrap } from './syntax';
import { isExportAlias, isModuleExportsExpr, valOf, valOfName } from './values';
import type { WalkState } from './walkState';

/**
 * Exports: what a file gives other files, ES (`export const`, `export default`, `export { a } from`) and
 * CommonJS (`module.exports = …`, `exports.a = …`). A re-export is also recorded as an import, so that
 * the linker reads the module it comes from. An exported `handler` marks a serverless entry.
 */

export function isExported(n: ts.Node): boolean {
  return tsv.canHaveModifiers(n) && !!tsv.getModifiers(n)?.some((m) => m.kind === tsv.SyntaxKind.ExportKeyword);
}

export function isDefault(n: ts.Node): boolean {
  return tsv.canHaveModifiers(n) && !!tsv.getModifiers(n)?.some((m) => m.kind === tsv.SyntaxKind.DefaultKeyword);
}

/** `export function f`, `export default function`, once the function `id` was visited. */
export function exportFunction(w: WalkState, f: ts.FunctionDeclaration, id: string): void {
  if (!isExported(f)) return;
  const name = isDefault(f) ? 'default' : f.name?.text;
  if (name) w.facts.exports.push({ name, v: { k: 'fn', id } });
  if (name === 'handler') w.facts.hints.handler = w.lc(f.getStart(w.sf)).line;
}

/** `export class C`, `export default class`, once the class `id` was visited. */
export function exportClass(w: WalkState, node: ts.ClassLikeDeclaration, id: string): void {
  if (tsv.isClassDeclaration(node) && node.name && isExported(node)) {
    w.facts.exports.push({ name: isDefault(node) ? 'default' : node.name.text, v: { k: 'ref', n: node.name.text } });
  } else if (tsv.isClassDeclaration(node) && !node.name && isDefault(node)) {
    w.facts.exports.push({ name: 'default', v: { k: 'cls', id } });
  }
}

/** `export const a = …`, `export const { a, b } = …` at module level. */
export function exportVariable(w: WalkState, d: ts.VariableDeclaration): void {
  if (tsv.isIdentifier(d.name)) w.facts.exports.push({ name: d.name.text, v: { k: 'ref', n: d.name.text } });
  else for (const el of namesOf(d.name)) w.facts.exports.push({ name: el, v: { k: 'ref', n: el } });
  if (tsv.isIdentifier(d.name) && d.name.text === 'handler') w.facts.hints.handler = w.lc(d.getStart(w.sf)).line;
}

/** `export default x`, `export = x`. */
export function visitExportAssignment(w: WalkState, node: ts.ExportAssignment): void {
  (node.expression as { parent: ts.Node }).parent = node;
  w.later(() => w.facts.exports.push({ name: node.isExportEquals ? '=' : 'default', v: capDepth(valOf(w, node.expression)) }));
  w.keepValue(node.expression, { keep: 'module' });
}

/** `export { a, b as c }`, `export * from 'm'`, `export * as ns from 'm'`. */
export function visitExportDeclaration(w: WalkState, node: ts.ExportDeclaration): void {
  const from = node.moduleSpecifier && tsv.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
  if (from) w.facts.imports.push({ local: '', module: from, name: '*', line: w.lc(node.getStart(w.sf)).line, ...(node.isTypeOnly ? { typeOnly: true } : {}) });
  const clause = node.exportClause;
  if (!clause) {
    if (from) w.facts.exports.push({ name: '*', from });
    return;
  }
  if (tsv.isNamespaceExport(clause)) {
    if (from) w.facts.exports.push({ name: clause.name.text, from, imported: '*' });
    return;
  }
  for (const el of clause.elements) {
    const local = (el.propertyName ?? el.name).text;
    if (from) w.facts.exports.push({ name: el.name.text, from, imported: local });
    else w.facts.exports.push({ name: el.name.text, v: valOfName(w, local) });
  }
}

/** CommonJS: `module.exports = x`, `module.exports.a = x`, `exports.a = x`. */
export function recordCommonJsExport(w: WalkState, left: ts.Expression, right: ts.Expression): void {
  if (!tsv.isPropertyAccessExpression(left)) return;
  const isModuleExports = (e: ts.Expression) =>
    tsv.isPropertyAccessExpression(e) && tsv.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
  const isExports = (e: ts.Expression) => tsv.isIdentifier(e) && e.text === 'exports' && !w.scope.lookup('exports');
  if (isModuleExports(left)) {
    exportValue(w, '=', right);
    // `module.exports = { … }`, or `= self` of a `const self = { … }` (its members written in the literal; those hung
    // on it later were exported as they were hung, `self` being an alias of `module.exports`)
    const r = unwrap(right);
    const literal = tsv.isObjectLiteralExpression(r) ? r : returnedLiteral(r);
    const obj = literal ? valOf(w, literal) : isExportAlias(w, r) ? w.facts.bindings[r.text] : undefined;
    if (obj?.k === 'obj') {
      for (const [k, v] of Object.entries(obj.p)) if (!w.facts.exports.some((e) => e.name === k)) w.facts.exports.push({ name: k, v });
    }
    // its containers (`module.exports = { pids: {}, reboots: {} }`, or `= Context` of a `const Context = { sessions: new
    // Map() }` written at the top of the module) are the module's, known by their export's names, as `module.exports.pids
    // = {}` is
    const held = literal ?? (!w.fn && tsv.isIdentifier(r) && w.scope.isModuleLevel(r.text) ? moduleLiteral(w.sf, r.text) : undefined);
    if (held && !w.fn) {
      for (const p of held.properties) if (tsv.isPropertyAssignment(p) && tsv.isIdentifier(p.name)) declareExportedContainer(w, p.name, p.initializer);
    }
  } else if (isModuleExports(left.expression) || isExports(left.expression) || isExportAlias(w, left.expression)) {
    exportValue(w, left.name.text, right);
    // `module.exports.userList = []` while the module loads: a container the module keeps, known by its export's name
    if (!w.fn && !isExportAlias(w, left.expression)) declareExportedContainer(w, left.name, right);
  }
}

/** An export made a container while the module loads (`exports.pids = {}`): module state known by the export's name. */
function declareExportedContainer(w: WalkState, name: ts.Identifier | ts.PrivateIdentifier, value: ts.Expression): void {
  const init = initKind(value);
  if (!isContainerInit(init) || w.facts.declared.some((d) => d.name === name.text)) return;
  w.facts.declared.push({ name: name.text, decl: 'const', init, ...w.lc(name.getStart(w.sf)), cjs: 1 });
}

/** The object literal a top-level `const name = { … }` (or `let`, `var`) of the module is made with. */
function moduleLiteral(sf: ts.SourceFile, name: string): ts.ObjectLiteralExpression | undefined {
  for (const st of sf.statements) {
    if (!tsv.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!tsv.isIdentifier(d.name) || d.name.text !== name || !d.initializer) continue;
      const init = unwrap(d.initializer);
      return tsv.isObjectLiteralExpression(init) ? init : undefined;
    }
  }
  return undefined;
}

/** `(function () { return { … } }())`, `(() => ({ … }))()`: the object literal a function called where it is written returns. */
function returnedLiteral(e: ts.Expression): ts.ObjectLiteralExpression | undefined {
  if (!tsv.isCallExpression(e) || e.arguments.length > 0) return undefined;
  const f = unwrap(e.expression);
  if (!tsv.isFunctionExpression(f) && !tsv.isArrowFunction(f)) return undefined;
  if (!tsv.isBlock(f.body)) {
    const b = unwrap(f.body);
    return tsv.isObjectLiteralExpression(b) ? b : undefined;
  }
  const last = f.body.statements[f.body.statements.length - 1];
  const ret = last && tsv.isReturnStatement(last) && last.expression ? unwrap(last.expression) : undefined;
  return ret && tsv.isObjectLiteralExpression(ret) ? ret : undefined;
}

/** `Object.assign(module.exports, models)` while the module loads: every member of `models` is an export (name `*`). */
export function recordExportsAssign(w: WalkState, call: ts.CallExpression): void {
  const callee = call.expression;
  if (w.fn || !isObjectAssign(callee) || w.scope.lookup('Object') || !call.arguments[0] || !isModuleExportsExpr(w, unwrap(call.arguments[0]))) return;
  for (const a of call.arguments.slice(1)) {
    const v = capDepth(valOf(w, a));
    if (v.k === 'obj') for (const [k, x] of Object.entries(v.p)) w.facts.exports.push({ name: k, v: x });
    if (v.k !== 'x' && (v.k !== 'obj' || v.fill)) w.facts.exports.push({ name: '*', v });
  }
}

function exportValue(w: WalkState, name: string, right: ts.Expression): void {
  const v = capDepth(valOf(w, right));
  w.facts.exports.push({ name, v });
  if (name === 'handler') w.facts.hints.handler = w.lc(right.getStart(w.sf)).line;
}


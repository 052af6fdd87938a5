import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import type { Val } from '../facts';
import { propName } from './syntax';
import { parameterVal, typeAnnotationVal } from './values';
import type { WalkState } from './walkState';

/**
 * Binding: which declaration a name means, in the scope the walk is in (see `Scope`). Names are
 * declared before the statements of their block run (hoisting), then re-declared with their value once
 * their initialiser was visited.
 */

/** Where a name is declared: the module's own scope (its value goes to `facts.bindings`) or a local one. */
export type DeclarationLevel = 'module' | 'local';

/** Declares a block's names before its statements run, so that later code resolves them. */
export function hoist(w: WalkState, statements: readonly ts.Statement[], level: DeclarationLevel): void {
  for (const s of statements) {
    if (tsv.isImportDeclaration(s) && level === 'module') declareImport(w, s);
    else if (tsv.isImportEqualsDeclaration(s) && tsv.isExternalModuleReference(s.moduleReference)) {
      const spec = s.moduleReference.expression;
      if (tsv.isStringLiteral(spec)) {
        w.facts.imports.push({ local: s.name.text, module: spec.text, name: '*', line: w.lc(s.getStart(w.sf)).line });
        w.scope.declare(s.name.text, { kind: 'import', v: { k: 'imp', m: spec.text, n: '*' } });
      }
    } else if (tsv.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) declareNames(w, d.name, { k: 'x' }, level);
    } else if ((tsv.isFunctionDeclaration(s) || tsv.isClassDeclaration(s)) && s.name) {
      const name = s.name.text;
      if (level === 'module') w.scope.declare(name, { kind: 'module', v: { k: 'ref', n: name } });
      else w.scope.declare(name, { kind: 'local', v: tsv.isFunctionDeclaration(s) ? { k: 'fn', id: w.fnIdOf(s) } : { k: 'cls', id: w.clsIdOf(s) } });
    } else if ((tsv.isEnumDeclaration(s) || tsv.isModuleDeclaration(s)) && tsv.isIdentifier(s.name)) {
      w.scope.declare(s.name.text, { kind: level, v: { k: 'x' } });
    }
  }
}

function declareImport(w: WalkState, s: ts.ImportDeclaration): void {
  if (!tsv.isStringLiteral(s.moduleSpecifier)) return;
  const module = s.moduleSpecifier.text;
  const line = w.lc(s.getStart(w.sf)).line;
  const clause = s.importClause;
  if (!clause) {
    w.facts.imports.push({ local: '', module, name: '*', line });
    return;
  }
  const typeOnly = clause.isTypeOnly || undefined;
  const add = (local: string, name: string, tOnly?: boolean) => {
    w.facts.imports.push({ local, module, name, line, ...(typeOnly || tOnly ? { typeOnly: true } : {}) });
    w.scope.declare(local, { kind: 'import', v: { k: 'imp', m: module, n: name } });
  };
  if (clause.name) add(clause.name.text, 'default');
  const nb = clause.namedBindings;
  if (nb && tsv.isNamespaceImport(nb)) add(nb.name.text, '*');
  else if (nb) for (const el of nb.elements) add(el.name.text, (el.propertyName ?? el.name).text, el.isTypeOnly);
}

/** Declares the names of a binding pattern; `v` is the value of the whole (`{ a }` takes `v.a`). */
export function declareNames(w: WalkState, name: ts.BindingName, v: Val, level: DeclarationLevel): void {
  if (tsv.isIdentifier(name)) {
    if (level === 'module') {
      w.scope.declare(name.text, { kind: 'module', v: { k: 'ref', n: name.text } });
      if (v.k !== 'x') w.facts.bindings[name.text] = v;
    } else {
      w.scope.declare(name.text, { kind: 'local', v, id: `${w.fn ?? 'top'}:${name.text}` });
    }
    return;
  }
  if (tsv.isObjectBindingPattern(name)) {
    for (const el of name.elements) {
      const key = el.dotDotDotToken ? undefined : propName(el.propertyName ?? (tsv.isIdentifier(el.name) ? el.name : undefined));
      declareNames(w, el.name, key && v.k !== 'x' ? { k: 'prop', o: v, n: key } : { k: 'x' }, level);
    }
  } else {
    for (const el of name.elements) if (!tsv.isOmittedExpression(el)) declareNames(w, el.name, { k: 'x' }, level);
  }
}

/**
 * Declares a parameter of `fn` and schedules its default value. `scopedClient`: the client a callback's
 * parameters stand for (`$transaction(async (tx) => …)`), when it is such a callback.
 */
export function declareParameter(w: WalkState, fn: ts.FunctionLikeDeclaration, p: ts.ParameterDeclaration, scopedClient: Val | undefined, named = false): void {
  if (tsv.isIdentifier(p.name)) {
    const t = parameterVal(w, p) ?? typeAnnotationVal(w, contextualType(fn, p));
    // (a callback's result parameter is a local of its own, as a `const` holding the call's result would be)
    if (scopedClient && !t) w.scope.declare(p.name.text, { kind: 'local', v: scopedClient, ...(named ? { id: `${w.fn ?? 'top'}:${p.name.text}` } : {}) });
    // `runtimeEnv: Env`: the interface `wrangler types` generates for a Worker's bindings, whatever the parameter's name
    else w.scope.declare(p.name.text, { kind: 'param', v: { k: 'param', n: isWorkerEnvType(p.type) ? 'env' : p.name.text, ...(t ? { t } : {}) } });
  } else if (tsv.isObjectBindingPattern(p.name) && !scopedClient) {
    // `({ prisma, ctx }) => …`: destructured parameters keep their names (a resolver's context)
    for (const el of p.name.elements) {
      if (tsv.isIdentifier(el.name)) w.scope.declare(el.name.text, { kind: 'param', v: { k: 'param', n: el.name.text } });
      else declareNames(w, el.name, { k: 'x' }, 'local');
    }
  } else {
    declareNames(w, p.name, scopedClient && tsv.isObjectBindingPattern(p.name) ? scopedClient : { k: 'x' }, 'local');
  }
  (p as { parent: ts.Node }).parent = fn;
  if (p.initializer) w.push(p.initializer, p);
}

/**
 * `const enable: (client: MqttClient) => RequestHandler = (client) => …`: a parameter written without a type, of a
 * function that is the value of a binding declared with a function type, has the type that function type gives the
 * parameter at its place (TypeScript's contextual typing, for what the analysis follows).
 */
function contextualType(fn: ts.FunctionLikeDeclaration, p: ts.ParameterDeclaration): ts.TypeNode | undefined {
  if (p.type || (!tsv.isArrowFunction(fn) && !tsv.isFunctionExpression(fn))) return undefined;
  let at: ts.Node = fn;
  while (at.parent && tsv.isParenthesizedExpression(at.parent)) at = at.parent;
  const host = at.parent;
  let t = host && (tsv.isVariableDeclaration(host) || tsv.isPropertyDeclaration(host)) && host.initializer === at ? host.type : undefined;
  while (t && tsv.isParenthesizedTypeNode(t)) t = t.type;
  return t && tsv.isFunctionTypeNode(t) ? t.parameters[fn.parameters.indexOf(p)]?.type : undefined;
}

/** `Env` or `Cloudflare.Env`: the bindings interface of a Cloudflare Worker (see src/core/discover/wrangler.ts). */
function isWorkerEnvType(t: ts.TypeNode | undefined): boolean {
  if (!t || !tsv.isTypeReferenceNode(t)) return false;
  const n = t.typeName;
  return tsv.isIdentifier(n) ? n.text === 'Env' : n.right.text === 'Env' && tsv.isIdentifier(n.left) && n.left.text === 'Cloudflare';
}

import { ts } from 'ts-morph';
import type { ClassFact, FileFacts, FunctionFact, InitKind, MutationFact, UseContext, UseFact, Val } from '../facts';
import { Scope, capDepth, interesting } from './scope';
import { MUTATORS, continuesChain, isFunctionLike, isTransactionCall, literalText, propName, templateText, unwrap } from './values';

export interface ExtractOptions {
  /** Global names worth following (`localStorage`, `fetch`, `window`). */
  globals: ReadonlySet<string>;
  /** Untyped parameter names that may stand for a catalog receiver (`res`, `ctx`). */
  receivers: ReadonlySet<string>;
  /** Follow uses rooted in an import of this module? Bare npm modules outside the catalog are not followed. */
  followModule(spec: string): boolean;
}

const DOM_GLOBALS = new Set(['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB']);
const MAX_RETURNS = 4;

/**
 * One pass over one file's syntax tree with a scope-aware binder of our own; the type checker is never
 * asked. Produces the file's facts: imports/exports, module bindings, classes, functions, the uses that
 * may touch a store, and mutations of module state.
 */
export class Walker {
  readonly facts: FileFacts;
  private scope: Scope;
  private readonly fnIds = new Map<ts.Node, string>();
  private readonly clsIds = new Map<ts.Node, string>();
  private fnStack: string[] = [];
  /** The class `this` refers to, and whether we are in a static member. */
  private thisCls: { id: string; isStatic: boolean } | undefined;
  private txDepth = 0;

  constructor(
    private readonly sf: ts.SourceFile,
    file: string,
    private readonly opts: ExtractOptions,
  ) {
    this.facts = {
      file, imports: [], exports: [], bindings: {}, functions: {}, classes: {}, uses: [], declared: [], mutations: [],
      claims: [], hints: {},
    };
    this.scope = new Scope(undefined, true);
  }

  run(): FileFacts {
    const first = this.sf.statements[0];
    if (first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression)) {
      if (first.expression.text === 'use client') this.facts.hints.useClient = 1;
      if (first.expression.text === 'use server') this.facts.hints.useServer = 1;
    }
    this.hoist(this.sf.statements, true);
    for (const s of this.sf.statements) this.visit(s);
    return this.facts;
  }

  // ---- positions -------------------------------------------------------------------------------

  private lc(pos: number): { line: number; col: number } {
    const p = this.sf.getLineAndCharacterOfPosition(pos);
    return { line: p.line + 1, col: p.character + 1 };
  }

  private get fn(): string | undefined {
    return this.fnStack[this.fnStack.length - 1];
  }

  // ---- declarations ----------------------------------------------------------------------------

  /** Declares a block's names before its statements run, so that later code resolves them. */
  private hoist(statements: readonly ts.Statement[], moduleLevel: boolean): void {
    for (const s of statements) {
      if (ts.isImportDeclaration(s) && moduleLevel) this.declareImport(s);
      else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference)) {
        const spec = s.moduleReference.expression;
        if (ts.isStringLiteral(spec)) {
          this.facts.imports.push({ local: s.name.text, module: spec.text, name: '*', line: this.lc(s.getStart(this.sf)).line });
          this.scope.declare(s.name.text, { kind: 'import', v: { k: 'imp', m: spec.text, n: '*' } });
        }
      } else if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) this.declarePattern(d.name, moduleLevel, { k: 'x' });
      } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) {
        const name = s.name.text;
        if (moduleLevel) this.scope.declare(name, { kind: 'module', v: { k: 'ref', n: name } });
        else this.scope.declare(name, { kind: 'local', v: ts.isFunctionDeclaration(s) ? { k: 'fn', id: this.fnIdOf(s) } : { k: 'cls', id: this.clsIdOf(s) } });
      } else if ((ts.isEnumDeclaration(s) || ts.isModuleDeclaration(s)) && ts.isIdentifier(s.name)) {
        this.scope.declare(s.name.text, { kind: moduleLevel ? 'module' : 'local', v: { k: 'x' } });
      }
    }
  }

  private declareImport(s: ts.ImportDeclaration): void {
    if (!ts.isStringLiteral(s.moduleSpecifier)) return;
    const module = s.moduleSpecifier.text;
    const line = this.lc(s.getStart(this.sf)).line;
    const clause = s.importClause;
    if (!clause) {
      this.facts.imports.push({ local: '', module, name: '*', line });
      return;
    }
    const typeOnly = clause.isTypeOnly || undefined;
    const add = (local: string, name: string, tOnly?: boolean) => {
      this.facts.imports.push({ local, module, name, line, ...(typeOnly || tOnly ? { typeOnly: true } : {}) });
      this.scope.declare(local, { kind: 'import', v: { k: 'imp', m: module, n: name } });
    };
    if (clause.name) add(clause.name.text, 'default');
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, '*');
    else if (nb) for (const el of nb.elements) add(el.name.text, (el.propertyName ?? el.name).text, el.isTypeOnly);
  }

  private declarePattern(name: ts.BindingName, moduleLevel: boolean, v: Val): void {
    if (ts.isIdentifier(name)) {
      if (moduleLevel) {
        this.scope.declare(name.text, { kind: 'module', v: { k: 'ref', n: name.text } });
        if (v.k !== 'x') this.facts.bindings[name.text] = v;
      } else {
        this.scope.declare(name.text, { kind: 'local', v, id: `${this.fn ?? 'top'}:${name.text}` });
      }
      return;
    }
    if (ts.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const key = el.dotDotDotToken ? undefined : propName(el.propertyName ?? (ts.isIdentifier(el.name) ? el.name : undefined));
        this.declarePattern(el.name, moduleLevel, key && v.k !== 'x' ? { k: 'prop', o: v, n: key } : { k: 'x' });
      }
    } else {
      for (const el of name.elements) if (!ts.isOmittedExpression(el)) this.declarePattern(el.name, moduleLevel, { k: 'x' });
    }
  }

  private fnIdOf(n: ts.Node): string {
    let id = this.fnIds.get(n);
    if (!id) {
      id = 'f' + this.fnIds.size;
      this.fnIds.set(n, id);
    }
    return id;
  }

  private clsIdOf(n: ts.Node): string {
    let id = this.clsIds.get(n);
    if (!id) {
      id = 'c' + this.clsIds.size;
      this.clsIds.set(n, id);
    }
    return id;
  }

  // ---- values ----------------------------------------------------------------------------------

  /** The symbolic value of an expression in the current scope. */
  valOf(expr: ts.Expression, depth = 0): Val {
    if (depth > 12) return { k: 'x' };
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) return this.valOfName(e.text);
    if (ts.isPropertyAccessExpression(e)) {
      const o = this.valOf(e.expression, depth + 1);
      return o.k === 'x' ? o : { k: 'prop', o, n: e.name.text };
    }
    if (ts.isElementAccessExpression(e)) {
      const o = this.valOf(e.expression, depth + 1);
      if (o.k === 'x') return o;
      const arg = unwrap(e.argumentExpression);
      const n = ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg) ? arg.text : '*';
      return { k: 'prop', o, n, el: 1 };
    }
    if (ts.isCallExpression(e)) {
      if (e.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(e.expression) && e.expression.text === 'require' && !this.scope.lookup('require'))) {
        const spec = e.arguments[0];
        return spec && ts.isStringLiteralLike(spec) ? { k: 'imp', m: spec.text, n: '*' } : { k: 'x' };
      }
      const f = this.valOf(e.expression, depth + 1);
      if (f.k === 'x') return f;
      return { k: 'call', f, a: e.arguments.slice(0, 3).map((a) => this.argVal(a, depth + 1)) };
    }
    if (ts.isNewExpression(e)) {
      const f = this.valOf(e.expression, depth + 1);
      if (f.k === 'x') return f;
      return { k: 'new', f, a: (e.arguments ?? []).slice(0, 3).map((a) => this.argVal(a, depth + 1)) };
    }
    if (ts.isTaggedTemplateExpression(e)) {
      const f = this.valOf(e.tag, depth + 1);
      if (f.k === 'x') return f;
      return { k: 'call', f, a: [{ k: 'str', s: templateText(e.template) }], tag: 1 };
    }
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
        return this.orOf([this.valOf(e.left, depth + 1), this.valOf(e.right, depth + 1)]);
      }
      if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.CommaToken) return this.valOf(e.right, depth + 1);
      return literalText(e) ?? { k: 'x' };
    }
    if (ts.isConditionalExpression(e)) return this.orOf([this.valOf(e.whenTrue, depth + 1), this.valOf(e.whenFalse, depth + 1)]);
    if (ts.isAsExpression(expr) && ts.isTypeReferenceNode(expr.type)) {
      // `x as Redis`: the annotation says more than the expression
      const t = this.typeVal(expr.type);
      if (t) return t;
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return { k: 'fn', id: this.fnIdOf(e) };
    if (ts.isClassExpression(e)) return { k: 'cls', id: this.clsIdOf(e) };
    if (e.kind === ts.SyntaxKind.ThisKeyword) {
      if (!this.thisCls) return { k: 'x' };
      return this.thisCls.isStatic ? { k: 'ref', n: this.facts.classes[this.thisCls.id]?.name ?? '' } : { k: 'this', c: this.thisCls.id };
    }
    if (ts.isMetaProperty(e) && e.keywordToken === ts.SyntaxKind.ImportKeyword) return { k: 'glob', n: 'import.meta' };
    if (ts.isObjectLiteralExpression(e)) return this.objVal(e, depth);
    return literalText(e) ?? { k: 'x' };
  }

  private valOfName(name: string): Val {
    const b = this.scope.lookup(name);
    if (!b) {
      if (DOM_GLOBALS.has(name)) this.facts.hints.dom = 1;
      return this.opts.globals.has(name) ? { k: 'glob', n: name } : { k: 'x' };
    }
    if (b.kind === 'local') return b.v.k === 'x' || b.v.k === 'str' || b.v.k === 'fn' || b.v.k === 'cls' || b.v.k === 'obj' ? b.v : { k: 'bound', v: b.v, ...(b.id ? { n: b.id } : {}) };
    return b.v;
  }

  private orOf(vals: Val[]): Val {
    const kept = vals.filter((v) => v.k !== 'x');
    if (kept.length === 0) return { k: 'x' };
    return kept.length === 1 ? kept[0] : { k: 'or', v: kept };
  }

  private argVal(a: ts.Expression, depth: number): Val {
    const e = unwrap(a);
    if (ts.isObjectLiteralExpression(e)) return this.objVal(e, depth);
    if (ts.isArrayLiteralExpression(e)) {
      const items = e.elements.slice(0, 4).map((x) => this.argVal(x, depth + 1));
      return this.orOf(items);
    }
    return this.valOf(e, depth);
  }

  private objVal(e: ts.ObjectLiteralExpression, depth: number): Val {
    const p: Record<string, Val> = {};
    let n = 0;
    for (const prop of e.properties) {
      if (++n > 40) break;
      if (ts.isPropertyAssignment(prop)) {
        const key = propName(prop.name);
        if (key !== undefined) p[key] = this.argVal(prop.initializer, depth + 1);
      } else if (ts.isShorthandPropertyAssignment(prop)) {
        p[prop.name.text] = this.valOfName(prop.name.text);
      } else if (ts.isMethodDeclaration(prop) && prop.name) {
        const key = propName(prop.name);
        if (key !== undefined) p[key] = { k: 'fn', id: this.fnIdOf(prop) };
      }
    }
    return { k: 'obj', p };
  }

  /** A type annotation as a value: `Redis`, `pg.Pool`, `Repository<User>`, `Redis | null`. */
  typeVal(t: ts.TypeNode | undefined): Val | undefined {
    if (!t) return undefined;
    if (ts.isUnionTypeNode(t)) {
      for (const m of t.types) {
        const v = this.typeVal(m);
        if (v) return v;
      }
      return undefined;
    }
    if (ts.isTypeReferenceNode(t)) {
      const base = this.entityVal(t.typeName);
      return base && base.k !== 'x' ? { k: 'type', t: base } : undefined;
    }
    return undefined;
  }

  private entityVal(n: ts.EntityName): Val | undefined {
    if (ts.isIdentifier(n)) {
      const b = this.scope.lookup(n.text);
      return b ? (b.kind === 'local' ? b.v : b.v) : undefined;
    }
    const left = this.entityVal(n.left);
    return left ? { k: 'prop', o: left, n: n.right.text } : undefined;
  }

  // ---- walking ---------------------------------------------------------------------------------

  private visitChildren(node: ts.Node): void {
    ts.forEachChild(node, (c) => this.visit(c));
  }

  visit(node: ts.Node): void {
    switch (node.kind) {
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.ImportEqualsDeclaration:
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        return;
      case ts.SyntaxKind.FunctionDeclaration: {
        const f = node as ts.FunctionDeclaration;
        const id = this.visitFunction(f);
        if (!this.fn && this.scope.parent === undefined) {
          if (f.name) this.facts.bindings[f.name.text] = { k: 'fn', id };
          if (this.isExported(f)) {
            const name = this.isDefault(f) ? 'default' : f.name?.text;
            if (name) this.facts.exports.push({ name, v: { k: 'fn', id } });
            if (name === 'handler') this.facts.hints.handler = this.lc(f.getStart(this.sf)).line;
          }
        }
        return;
      }
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.MethodDeclaration:
      case ts.SyntaxKind.Constructor:
      case ts.SyntaxKind.GetAccessor:
      case ts.SyntaxKind.SetAccessor:
        this.visitFunction(node as ts.FunctionLikeDeclaration);
        return;
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.ClassExpression:
        this.visitClass(node as ts.ClassLikeDeclaration);
        return;
      case ts.SyntaxKind.VariableStatement:
        this.visitVariableStatement(node as ts.VariableStatement);
        return;
      case ts.SyntaxKind.VariableDeclaration:
        this.visitVariableDeclaration(node as ts.VariableDeclaration, false);
        return;
      case ts.SyntaxKind.Block:
      case ts.SyntaxKind.CaseBlock:
        this.inScope(() => {
          if (ts.isBlock(node)) this.hoist(node.statements, false);
          this.visitChildren(node);
        });
        return;
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForInStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.CatchClause:
        this.inScope(() => this.visitChildren(node));
        return;
      case ts.SyntaxKind.ExportAssignment:
        this.visitExportAssignment(node as ts.ExportAssignment);
        return;
      case ts.SyntaxKind.ExportDeclaration:
        this.visitExportDeclaration(node as ts.ExportDeclaration);
        return;
      case ts.SyntaxKind.ReturnStatement: {
        const r = node as ts.ReturnStatement;
        this.visitChildren(node);
        const f = this.fn && this.facts.functions[this.fn];
        if (r.expression && f && f.ret.length < MAX_RETURNS) this.pushRet(f, this.valOf(r.expression));
        return;
      }
      case ts.SyntaxKind.IfStatement:
      case ts.SyntaxKind.ConditionalExpression:
      case ts.SyntaxKind.WhileStatement: {
        const cond = (node as ts.IfStatement | ts.ConditionalExpression | ts.WhileStatement);
        this.recordTests('condition' in cond ? cond.condition : cond.expression);
        this.visitChildren(node);
        return;
      }
      case ts.SyntaxKind.JsxElement:
      case ts.SyntaxKind.JsxSelfClosingElement:
      case ts.SyntaxKind.JsxFragment:
        this.facts.hints.jsx = 1;
        this.visitChildren(node);
        return;
      case ts.SyntaxKind.CallExpression:
      case ts.SyntaxKind.NewExpression:
      case ts.SyntaxKind.PropertyAccessExpression:
      case ts.SyntaxKind.ElementAccessExpression:
      case ts.SyntaxKind.TaggedTemplateExpression:
        this.visitChain(node as ts.Expression);
        return;
      case ts.SyntaxKind.BinaryExpression:
        this.visitBinary(node as ts.BinaryExpression);
        return;
      case ts.SyntaxKind.PrefixUnaryExpression:
      case ts.SyntaxKind.PostfixUnaryExpression: {
        const u = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
        if (u.operator === ts.SyntaxKind.PlusPlusToken || u.operator === ts.SyntaxKind.MinusMinusToken) this.recordMutation(u.operand, 'update');
        this.visitChildren(node);
        return;
      }
      case ts.SyntaxKind.DeleteExpression:
        this.recordMutation((node as ts.DeleteExpression).expression, 'delete');
        this.visitChildren(node);
        return;
      default:
        this.visitChildren(node);
    }
  }

  private inScope(body: () => void, isFunction = false): void {
    const saved = this.scope;
    this.scope = new Scope(saved, isFunction);
    try {
      body();
    } finally {
      this.scope = saved;
    }
  }

  private pushRet(f: FunctionFact, v: Val): void {
    if (v.k === 'x' || f.ret.length >= MAX_RETURNS) return;
    f.ret.push(capDepth(v));
  }

  private visitFunction(node: ts.FunctionLikeDeclaration, name?: string, member?: { cls: string; isStatic: boolean }): string {
    const id = this.fnIdOf(node);
    const start = node.getStart(this.sf);
    const fact: FunctionFact = {
      name: name ?? (node.name ? propName(node.name) ?? '' : this.inferName(node)),
      ret: [], start, end: node.end, line: this.lc(start).line, ...(this.fn ? { parent: this.fn } : {}),
    };
    this.facts.functions[id] = fact;
    const savedThis = this.thisCls;
    if (member) this.thisCls = { id: member.cls, isStatic: member.isStatic };
    else if (!ts.isArrowFunction(node)) this.thisCls = undefined;
    this.fnStack.push(id);
    this.inScope(() => {
      for (const p of node.parameters) {
        if (ts.isIdentifier(p.name)) {
          const t = this.typeVal(p.type);
          this.scope.declare(p.name.text, { kind: 'param', v: { k: 'param', n: p.name.text, ...(t ? { t } : {}) } });
        } else {
          this.declarePattern(p.name, false, { k: 'x' });
        }
        if (p.initializer) this.visit(p.initializer);
      }
      const body = node.body;
      if (!body) return;
      if (ts.isBlock(body)) {
        this.hoist(body.statements, false);
        for (const s of body.statements) this.visit(s);
      } else {
        this.visit(body);
        this.pushRet(fact, this.valOf(body));
      }
    }, true);
    this.fnStack.pop();
    this.thisCls = savedThis;
    return id;
  }

  private inferName(node: ts.Node): string {
    const p = node.parent;
    if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    if (p && (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))) return propName(p.name) ?? '';
    if (p && ts.isCallExpression(p)) {
      const callee = p.expression;
      return '(' + (ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : 'callback') + ')';
    }
    return '';
  }

  private visitClass(node: ts.ClassLikeDeclaration): void {
    const id = this.clsIdOf(node);
    const name = node.name?.text ?? (node.parent && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : '');
    const fact: ClassFact = { name, fields: {}, statics: {}, methods: {}, line: this.lc(node.getStart(this.sf)).line };
    this.facts.classes[id] = fact;
    const ext = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (ext) {
      const v = this.valOf(ext.expression);
      if (v.k !== 'x') fact.ext = v;
      this.visit(ext.expression);
    }
    const decorators = ts.canHaveDecorators(node) ? ts.getDecorators(node) ?? [] : [];
    for (const d of decorators) this.visit(d);
    const moduleLevel = !this.fn;
    for (const m of node.members) {
      const isStatic = (ts.getCombinedModifierFlags(m as ts.Declaration) & ts.ModifierFlags.Static) !== 0;
      const mname = m.name ? propName(m.name) : undefined;
      if (ts.isPropertyDeclaration(m) && mname !== undefined) {
        const savedThis = this.thisCls;
        this.thisCls = { id, isStatic };
        const v = m.initializer ? this.valOf(m.initializer) : this.typeVal(m.type) ?? { k: 'x' };
        if (m.initializer) this.visitKept(m.initializer, isStatic ? 'module' : 'field');
        this.thisCls = savedThis;
        (isStatic ? fact.statics : fact.fields)[mname] = capDepth(v);
        const pos = m.getStart(this.sf);
        this.facts.declared.push({ name: isStatic ? `${name}.${mname}` : `${id}#${mname}`, decl: isStatic ? 'static' : 'field', init: m.initializer ? this.initKind(m.initializer) : 'none', ...this.lc(pos) });
      } else if (ts.isConstructorDeclaration(m)) {
        for (const p of m.parameters) {
          const flags = ts.getCombinedModifierFlags(p);
          if (flags & (ts.ModifierFlags.ParameterPropertyModifier) && ts.isIdentifier(p.name)) {
            const t = this.typeVal(p.type);
            fact.fields[p.name.text] = t ? { k: 'param', n: p.name.text, t } : { k: 'param', n: p.name.text };
          }
        }
        this.visitFunction(m, 'constructor', { cls: id, isStatic: false });
      } else if (isFunctionLike(m) && mname !== undefined) {
        fact.methods[mname] = this.visitFunction(m, `${name}.${mname}`, { cls: id, isStatic });
      } else if (ts.isClassStaticBlockDeclaration(m)) {
        const savedThis = this.thisCls;
        this.thisCls = { id, isStatic: true };
        this.visit(m.body);
        this.thisCls = savedThis;
      }
    }
    if (moduleLevel && name && node.kind === ts.SyntaxKind.ClassDeclaration) this.facts.bindings[name] = { k: 'cls', id };
    if (ts.isClassDeclaration(node) && node.name && this.isExported(node)) {
      this.facts.exports.push({ name: this.isDefault(node) ? 'default' : node.name.text, v: { k: 'ref', n: node.name.text } });
    } else if (ts.isClassDeclaration(node) && !node.name && this.isDefault(node)) {
      this.facts.exports.push({ name: 'default', v: { k: 'cls', id } });
    }
  }

  private isExported(n: ts.Node): boolean {
    return ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  }

  private isDefault(n: ts.Node): boolean {
    return ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  }

  private visitVariableStatement(node: ts.VariableStatement): void {
    const exported = this.isExported(node);
    for (const d of node.declarationList.declarations) {
      this.visitVariableDeclaration(d, exported);
    }
  }

  private visitVariableDeclaration(d: ts.VariableDeclaration, exported: boolean): void {
    const moduleLevel = !this.fn && this.scope.parent === undefined;
    const list = d.parent;
    const declKind = ts.isVariableDeclarationList(list)
      ? list.flags & ts.NodeFlags.Const ? 'const' : list.flags & ts.NodeFlags.Let ? 'let' : 'var'
      : 'var';
    let v: Val = { k: 'x' };
    if (d.initializer) {
      this.visitKept(d.initializer, moduleLevel ? 'module' : undefined, ts.isIdentifier(d.name) ? d.name.text : undefined,
        ts.isObjectBindingPattern(d.name) ? 'destructure' : undefined);
      v = this.valOf(d.initializer);
    }
    const annotated = this.typeVal(d.type);
    if (annotated) v = v.k === 'x' ? annotated : { k: 'or', v: [v, annotated] };
    if (v.k !== 'x') v = capDepth(v);
    if (moduleLevel) {
      this.declarePattern(d.name, true, v);
      if (ts.isIdentifier(d.name)) {
        const pos = d.name.getStart(this.sf);
        this.facts.declared.push({ name: d.name.text, decl: declKind, init: d.initializer ? this.initKind(d.initializer) : 'none', ...this.lc(pos) });
        if (exported) this.facts.exports.push({ name: d.name.text, v: { k: 'ref', n: d.name.text } });
      } else if (exported) {
        for (const el of collectNames(d.name)) this.facts.exports.push({ name: el, v: { k: 'ref', n: el } });
      }
    } else {
      // a local: replace the hoisted placeholder
      this.declarePattern(d.name, false, v);
    }
    if (moduleLevel && exported && ts.isIdentifier(d.name) && d.name.text === 'handler') this.facts.hints.handler = this.lc(d.getStart(this.sf)).line;
  }

  /** Visits an expression whose value is kept (module binding, field), or bound to a local. */
  private visitKept(e: ts.Expression, keep: 'module' | 'field' | undefined, res?: string, ctx?: UseContext): void {
    const saved = this.pending;
    this.pending = { target: unwrap(e), keep, res, ctx };
    this.visit(e);
    this.pending = saved;
  }

  private pending: { target: ts.Expression; keep?: 'module' | 'field'; res?: string; ctx?: UseContext } | undefined;

  private initKind(e: ts.Expression): InitKind {
    e = unwrap(e);
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression)) {
      const n = e.expression.text;
      if (n === 'Map') return 'map';
      if (n === 'Set') return 'set';
      if (n === 'WeakMap' || n === 'WeakSet' || n === 'WeakRef') return 'other';
      return 'new';
    }
    if (ts.isArrayLiteralExpression(e)) return 'array';
    if (ts.isObjectLiteralExpression(e)) return 'object';
    if (ts.isStringLiteralLike(e) || ts.isNumericLiteral(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword ||
      e.kind === ts.SyntaxKind.NullKeyword || ts.isTemplateExpression(e) || (ts.isIdentifier(e) && e.text === 'undefined') ||
      (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand))) return 'primitive';
    if (ts.isCallExpression(e)) {
      const c = e.expression;
      if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'Object' && c.name.text === 'freeze') return 'frozen';
      return 'call';
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return 'function';
    if (ts.isClassExpression(e)) return 'class';
    if (ts.isNewExpression(e)) return 'new';
    return 'other';
  }

  private visitExportAssignment(node: ts.ExportAssignment): void {
    this.visitKept(node.expression, 'module');
    this.facts.exports.push({ name: node.isExportEquals ? '=' : 'default', v: capDepth(this.valOf(node.expression)) });
  }

  private visitExportDeclaration(node: ts.ExportDeclaration): void {
    const from = node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
    if (from) this.facts.imports.push({ local: '', module: from, name: '*', line: this.lc(node.getStart(this.sf)).line, ...(node.isTypeOnly ? { typeOnly: true } : {}) });
    const clause = node.exportClause;
    if (!clause) {
      if (from) this.facts.exports.push({ name: '*', from });
      return;
    }
    if (ts.isNamespaceExport(clause)) {
      if (from) this.facts.exports.push({ name: clause.name.text, from, imported: '*' });
      return;
    }
    for (const el of clause.elements) {
      const local = (el.propertyName ?? el.name).text;
      if (from) this.facts.exports.push({ name: el.name.text, from, imported: local });
      else this.facts.exports.push({ name: el.name.text, v: this.valOfName(local) });
    }
  }

  // ---- uses ------------------------------------------------------------------------------------

  private visitChain(node: ts.Expression): void {
    const fnNode = ts.isCallExpression(node) || ts.isNewExpression(node) ? node : undefined;
    if (fnNode && ts.isCallExpression(fnNode)) this.noteCall(fnNode);
    if (!continuesChain(node)) this.recordUse(node);
    if (fnNode && ts.isCallExpression(fnNode) && isTransactionCall(fnNode, this.sf)) {
      this.txDepth++;
      this.visitChildren(node);
      this.txDepth--;
      return;
    }
    if (ts.isCallExpression(node)) this.callMutation(node);
    this.visitChildren(node);
  }

  private noteCall(call: ts.CallExpression): void {
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'listen') this.facts.hints.listen = 1;
    const spec = call.arguments[0];
    if (spec && ts.isStringLiteralLike(spec) && (callee.kind === ts.SyntaxKind.ImportKeyword ||
      (ts.isIdentifier(callee) && callee.text === 'require' && !this.scope.lookup('require')))) {
      this.facts.imports.push({ local: '', module: spec.text, name: '*', line: this.lc(call.getStart(this.sf)).line, ...(this.fn ? { dynamic: true } : {}) });
    }
    const f = this.fn && this.facts.functions[this.fn];
    if (f && ts.isIdentifier(callee)) {
      const calls = (f.calls ??= []);
      if (calls.length < 20 && !calls.includes(callee.text)) calls.push(callee.text);
    } else if (f && ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const calls = (f.calls ??= []);
      if (calls.length < 20 && !calls.includes(callee.name.text)) calls.push(callee.name.text);
    }
  }

  private recordUse(node: ts.Expression): void {
    const v = this.valOf(node);
    if (!interesting(v, this.opts.receivers)) return;
    if (!this.followed(v)) return;
    const parent = skipParens(node);
    let ctx: UseContext = ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node) ? 'call' : 'value';
    const p = parent.parent;
    if (p && ts.isBinaryExpression(p) && p.left === parent && isAssignment(p.operatorToken.kind)) ctx = 'assign';
    else if (p && ts.isDeleteExpression(p)) ctx = 'delete';
    else if (p && (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) &&
      (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) ctx = 'assign';
    const pend = this.pending && this.pending.target === node ? this.pending : undefined;
    if (pend?.ctx === 'destructure' && ctx === 'value') ctx = 'destructure';
    const start = node.getStart(this.sf);
    const a = this.lc(start);
    const b = this.lc(node.end);
    const use: UseFact = { v: capDepth(v), ctx, line: a.line, col: a.col, endLine: b.line, endCol: b.col, pos: start };
    if (this.fn) use.fn = this.fn;
    else use.top = 1;
    const keep = pend?.keep ?? this.assignedKeep(parent);
    if (keep) use.keep = keep;
    const res = pend?.res ?? this.assignedLocal(parent);
    if (res) use.res = res;
    if (this.txDepth > 0) use.tx = 1;
    if (p && ts.isPropertyAssignment(p) && p.initializer === parent) {
      const within = propName(p.name);
      if (within) use.within = within;
    }
    this.facts.uses.push(use);
  }

  /** Uses rooted in an import are kept only for modules the linker can follow. */
  private followed(v: Val): boolean {
    switch (v.k) {
      case 'imp':
        return this.opts.followModule(v.m);
      case 'prop':
        return this.followed(v.o);
      case 'call':
      case 'new':
        return this.followed(v.f);
      case 'bound':
        return this.followed(v.v);
      case 'or':
        return v.v.some((x) => this.followed(x));
      default:
        return true;
    }
  }

  /** `x = <node>` where x is a module binding or `this.x`: the value outlives the call. */
  private assignedKeep(node: ts.Node): 'module' | 'field' | undefined {
    const p = node.parent;
    if (!p || !ts.isBinaryExpression(p) || p.right !== node || !isAssignment(p.operatorToken.kind)) return undefined;
    const left = p.left;
    if (ts.isIdentifier(left)) return this.scope.isModuleLevel(left.text) ? 'module' : undefined;
    if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword) return this.thisCls?.isStatic ? 'module' : 'field';
    return undefined;
  }

  private assignedLocal(node: ts.Node): string | undefined {
    const p = node.parent;
    if (p && ts.isBinaryExpression(p) && p.right === node && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(p.left)) return p.left.text;
    return undefined;
  }

  private recordTests(cond: ts.Expression): void {
    const f = this.fn && this.facts.functions[this.fn];
    if (!f) return;
    const tests = (f.tests ??= []);
    const visit = (n: ts.Node): void => {
      if (tests.length >= 40) return;
      if (ts.isIdentifier(n)) tests.push([n.text, n.getStart(this.sf)]);
      else if (ts.isPropertyAccessExpression(n)) {
        // `seat.bookedBy`: a test of the record's state, kept with its member path
        const path: string[] = [];
        let e: ts.Expression = n;
        while (ts.isPropertyAccessExpression(e)) {
          path.unshift(e.name.text);
          e = e.expression;
        }
        if (ts.isIdentifier(e)) tests.push([e.text, e.getStart(this.sf), path.join('.')]);
        else visit(e);
      } else ts.forEachChild(n, visit);
    };
    visit(cond);
  }

  // ---- assignments and mutations ---------------------------------------------------------------

  private visitBinary(node: ts.BinaryExpression): void {
    const op = node.operatorToken.kind;
    if (!isAssignment(op)) {
      if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken) this.recordTests(node.left);
      this.visitChildren(node);
      return;
    }
    const left = unwrap(node.left);
    const compound = op !== ts.SyntaxKind.EqualsToken;
    if (ts.isIdentifier(left)) {
      this.visit(node.right);
      const name = left.text;
      const b = this.scope.lookup(name);
      const v = capDepth(this.valOf(node.right));
      if (b?.kind === 'local' && !compound) this.scope.assign(name, v);
      if (b?.kind === 'module') {
        if (v.k !== 'x') {
          const prev = this.facts.bindings[name];
          this.facts.bindings[name] = prev ? { k: 'or', v: [prev, v].flatMap((x) => (x.k === 'or' ? x.v : [x])).slice(0, 6) } : v;
        }
        if (this.fn) this.recordMutation(left, compound ? 'update' : 'assign', node);
      }
      return;
    }
    if (ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && this.thisCls && !compound) {
      const cls = this.facts.classes[this.thisCls.id];
      const v = capDepth(this.valOf(node.right));
      if (cls && v.k !== 'x') {
        const bag = this.thisCls.isStatic ? cls.statics : cls.fields;
        const prev = bag[left.name.text];
        bag[left.name.text] = prev && prev.k !== 'x' ? { k: 'or', v: [prev, v].flatMap((x) => (x.k === 'or' ? x.v : [x])).slice(0, 6) } : v;
      }
    }
    this.exportAssignment(left, node.right);
    if (this.fn && (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left))) this.recordMutation(left, 'property', node);
    this.visitChildren(node);
  }

  /** CommonJS: `module.exports = x`, `module.exports.a = x`, `exports.a = x`. */
  private exportAssignment(left: ts.Expression, right: ts.Expression): void {
    if (!ts.isPropertyAccessExpression(left)) return;
    const isModuleExports = (e: ts.Expression) =>
      ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
    const isExports = (e: ts.Expression) => ts.isIdentifier(e) && e.text === 'exports' && !this.scope.lookup('exports');
    if (isModuleExports(left)) {
      this.pendingExport('=', right);
      if (ts.isObjectLiteralExpression(unwrap(right))) {
        const obj = this.valOf(right);
        if (obj.k === 'obj') for (const [k, v] of Object.entries(obj.p)) this.facts.exports.push({ name: k, v });
      }
    } else if (isModuleExports(left.expression) || isExports(left.expression)) {
      this.pendingExport(left.name.text, right);
    }
  }

  private pendingExport(name: string, right: ts.Expression): void {
    const v = capDepth(this.valOf(right));
    this.facts.exports.push({ name, v });
    if (name === 'handler') this.facts.hints.handler = this.lc(right.getStart(this.sf)).line;
  }

  private callMutation(call: ts.CallExpression): void {
    if (!this.fn) return;
    const callee = call.expression;
    if (ts.isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text)) {
      this.recordMutation(callee.expression, 'method', undefined, callee.name.text);
    } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' &&
      callee.name.text === 'assign' && call.arguments[0]) {
      this.recordMutation(call.arguments[0], 'property');
    }
  }

  /** Records a change of module state made inside a function: `cache.set()`, `count++`, `store[k] = v`. */
  private recordMutation(target: ts.Expression, how: 'method' | 'property' | 'assign' | 'update' | 'delete', assign?: ts.BinaryExpression, method?: string): void {
    if (!this.fn) return;
    let e = unwrap(target);
    const path: string[] = [];
    // walk to the root: a.b[c].get(k) → a
    for (;;) {
      if (ts.isPropertyAccessExpression(e)) { path.unshift(e.name.text); e = unwrap(e.expression); }
      else if (ts.isElementAccessExpression(e)) { path.unshift('[]'); e = unwrap(e.expression); }
      else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'get') { path.unshift('get()'); e = unwrap(e.expression.expression); }
      else break;
    }
    let name: string | undefined;
    let imp: { m: string; n: string } | undefined;
    if (ts.isIdentifier(e)) {
      const b = this.scope.lookup(e.text);
      if (!b) return;
      if (b.kind === 'module') {
        const bound = this.facts.bindings[e.text];
        if (bound?.k === 'cls' && path.length > 0 && path[0] !== '[]') name = `${e.text}.${path[0]}`;
        else name = e.text;
      } else if (b.kind === 'import' && b.v.k === 'imp' && !b.v.m.startsWith('node:')) {
        imp = { m: b.v.m, n: b.v.n };
        name = e.text;
        if (b.v.n === '*' && path.length > 0) imp = { m: b.v.m, n: path[0] };
      } else return;
    } else if (e.kind === ts.SyntaxKind.ThisKeyword && this.thisCls && path.length > 0 && path[0] !== '[]') {
      const cls = this.facts.classes[this.thisCls.id];
      name = this.thisCls.isStatic ? `${cls?.name ?? ''}.${path[0]}` : `${this.thisCls.id}#${path[0]}`;
    } else return;
    // `x.y = 1` on a module object is a property write; `x = 1` (or `this.x = 1`, `Cls.x = 1`) on the binding itself an assignment
    const onBinding = path.length === 0 || (path.length === 1 && (name.includes('#') || name.includes('.')) && !imp);
    const kind = how === 'property' && onBinding ? 'assign' : how;
    const pos = target.getStart(this.sf);
    const m: MutationFact = { target: name, how: kind, ...(method ? { method } : {}), ...this.lc(pos), fn: this.fn };
    if (imp) m.imp = imp;
    if (assign && (kind === 'assign')) {
      if (this.isLazy(assign, name)) m.lazy = 1;
      const r = unwrap(assign.right);
      if (ts.isNewExpression(r) || ts.isCallExpression(r)) m.handle = 1;
    }
    this.facts.mutations.push(m);
  }

  /** `if (!x) x = …`, `x ??= …`, `x ||= …`, `return x ?? (x = …)`. */
  private isLazy(assign: ts.BinaryExpression, name: string): boolean {
    const op = assign.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken) return true;
    const bare = name.replace(/^.*[#.]/, '');
    for (let n: ts.Node | undefined = assign.parent; n && !isFunctionLike(n); n = n.parent) {
      if (ts.isIfStatement(n) || ts.isConditionalExpression(n)) {
        const text = n.getChildAt(ts.isIfStatement(n) ? 2 : 0, this.sf)?.getText(this.sf) ?? '';
        if (new RegExp(`(!\\s*(this\\.)?${escapeRe(bare)}\\b)|\\b${escapeRe(bare)}\\s*(===?|!==?)\\s*(undefined|null)`).test(text)) return true;
      }
      if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) return true;
    }
    return false;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function skipParens(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAwaitExpression(n.parent) || ts.isNonNullExpression(n.parent) ||
    ts.isAsExpression(n.parent) || ts.isSatisfiesExpression(n.parent))) n = n.parent;
  return n;
}

function collectNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!ts.isOmittedExpression(el)) out.push(...collectNames(el.name));
  return out;
}

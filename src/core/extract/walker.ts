import type { ts } from 'ts-morph';
import { tsv } from './tsv';
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

const CALLBACK_CLIENT = /transaction|transact|connect|session|^tx$|batch|^with|^run|begin|task|multi|pipeline|acquire|getConnection|^then$|using|serialize|atomic|^use[A-Z]/i;
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
    if (first && tsv.isExpressionStatement(first) && tsv.isStringLiteral(first.expression)) {
      if (first.expression.text === 'use client') this.facts.hints.useClient = 1;
      if (first.expression.text === 'use server') this.facts.hints.useServer = 1;
    }
    this.hoist(this.sf.statements, true);
    this.pushAll(this.sf.statements, this.sf);
    this.drain();
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
      if (tsv.isImportDeclaration(s) && moduleLevel) this.declareImport(s);
      else if (tsv.isImportEqualsDeclaration(s) && tsv.isExternalModuleReference(s.moduleReference)) {
        const spec = s.moduleReference.expression;
        if (tsv.isStringLiteral(spec)) {
          this.facts.imports.push({ local: s.name.text, module: spec.text, name: '*', line: this.lc(s.getStart(this.sf)).line });
          this.scope.declare(s.name.text, { kind: 'import', v: { k: 'imp', m: spec.text, n: '*' } });
        }
      } else if (tsv.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) this.declarePattern(d.name, moduleLevel, { k: 'x' });
      } else if ((tsv.isFunctionDeclaration(s) || tsv.isClassDeclaration(s)) && s.name) {
        const name = s.name.text;
        if (moduleLevel) this.scope.declare(name, { kind: 'module', v: { k: 'ref', n: name } });
        else this.scope.declare(name, { kind: 'local', v: tsv.isFunctionDeclaration(s) ? { k: 'fn', id: this.fnIdOf(s) } : { k: 'cls', id: this.clsIdOf(s) } });
      } else if ((tsv.isEnumDeclaration(s) || tsv.isModuleDeclaration(s)) && tsv.isIdentifier(s.name)) {
        this.scope.declare(s.name.text, { kind: moduleLevel ? 'module' : 'local', v: { k: 'x' } });
      }
    }
  }

  private declareImport(s: ts.ImportDeclaration): void {
    if (!tsv.isStringLiteral(s.moduleSpecifier)) return;
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
    if (nb && tsv.isNamespaceImport(nb)) add(nb.name.text, '*');
    else if (nb) for (const el of nb.elements) add(el.name.text, (el.propertyName ?? el.name).text, el.isTypeOnly);
  }

  private declarePattern(name: ts.BindingName, moduleLevel: boolean, v: Val): void {
    if (tsv.isIdentifier(name)) {
      if (moduleLevel) {
        this.scope.declare(name.text, { kind: 'module', v: { k: 'ref', n: name.text } });
        if (v.k !== 'x') this.facts.bindings[name.text] = v;
      } else {
        this.scope.declare(name.text, { kind: 'local', v, id: `${this.fn ?? 'top'}:${name.text}` });
      }
      return;
    }
    if (tsv.isObjectBindingPattern(name)) {
      for (const el of name.elements) {
        const key = el.dotDotDotToken ? undefined : propName(el.propertyName ?? (tsv.isIdentifier(el.name) ? el.name : undefined));
        this.declarePattern(el.name, moduleLevel, key && v.k !== 'x' ? { k: 'prop', o: v, n: key } : { k: 'x' });
      }
    } else {
      for (const el of name.elements) if (!tsv.isOmittedExpression(el)) this.declarePattern(el.name, moduleLevel, { k: 'x' });
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
    if (depth > 20) return { k: 'x' };
    const e = unwrap(expr);
    if (tsv.isIdentifier(e)) return this.valOfName(e.text);
    if (tsv.isPropertyAccessExpression(e)) {
      const o = this.valOf(e.expression, depth + 1);
      return o.k === 'x' ? o : { k: 'prop', o, n: e.name.text };
    }
    if (tsv.isElementAccessExpression(e)) {
      const o = this.valOf(e.expression, depth + 1);
      if (o.k === 'x') return o;
      const arg = unwrap(e.argumentExpression);
      const n = tsv.isStringLiteralLike(arg) || tsv.isNumericLiteral(arg) ? arg.text : '*';
      return { k: 'prop', o, n, el: 1 };
    }
    if (tsv.isCallExpression(e)) {
      if (e.expression.kind === tsv.SyntaxKind.ImportKeyword || (tsv.isIdentifier(e.expression) && e.expression.text === 'require' && !this.scope.lookup('require'))) {
        const spec = e.arguments[0];
        return spec && tsv.isStringLiteralLike(spec) ? { k: 'imp', m: spec.text, n: '*' } : { k: 'x' };
      }
      const f = this.valOf(e.expression, depth + 1);
      if (f.k === 'x') return f;
      return { k: 'call', f, a: e.arguments.slice(0, 3).map((a) => this.argVal(a, depth + 1)) };
    }
    if (tsv.isNewExpression(e)) {
      const f = this.valOf(e.expression, depth + 1);
      if (f.k === 'x') return f;
      return { k: 'new', f, a: (e.arguments ?? []).slice(0, 3).map((a) => this.argVal(a, depth + 1)) };
    }
    if (tsv.isTaggedTemplateExpression(e)) {
      const f = this.valOf(e.tag, depth + 1);
      if (f.k === 'x') return f;
      return { k: 'call', f, a: [{ k: 'str', s: templateText(e.template) }], tag: 1 };
    }
    if (tsv.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === tsv.SyntaxKind.BarBarToken || op === tsv.SyntaxKind.QuestionQuestionToken || op === tsv.SyntaxKind.AmpersandAmpersandToken) {
        return this.orOf([this.valOf(e.left, depth + 1), this.valOf(e.right, depth + 1)]);
      }
      if (op === tsv.SyntaxKind.EqualsToken || op === tsv.SyntaxKind.CommaToken) return this.valOf(e.right, depth + 1);
      return literalText(e) ?? { k: 'x' };
    }
    if (tsv.isConditionalExpression(e)) return this.orOf([this.valOf(e.whenTrue, depth + 1), this.valOf(e.whenFalse, depth + 1)]);
    if (tsv.isAsExpression(expr) && tsv.isTypeReferenceNode(expr.type)) {
      // `x as Redis`: the annotation says more than the expression
      const t = this.typeVal(expr.type);
      if (t) return t;
    }
    if (tsv.isArrowFunction(e) || tsv.isFunctionExpression(e)) return { k: 'fn', id: this.fnIdOf(e) };
    if (tsv.isClassExpression(e)) return { k: 'cls', id: this.clsIdOf(e) };
    if (e.kind === tsv.SyntaxKind.ThisKeyword) {
      if (!this.thisCls) return { k: 'x' };
      return this.thisCls.isStatic ? { k: 'ref', n: this.facts.classes[this.thisCls.id]?.name ?? '' } : { k: 'this', c: this.thisCls.id };
    }
    if (tsv.isMetaProperty(e) && e.keywordToken === tsv.SyntaxKind.ImportKeyword) return { k: 'glob', n: 'import.meta' };
    if (tsv.isObjectLiteralExpression(e)) return this.objVal(e, depth);
    if (tsv.isTemplateExpression(e) && e.head.text === '' && tsv.isIdentifier(e.templateSpans[0].expression)) {
      // `${url}?alt=media` where url is a local string: keep its literal start (a URL's host)
      const first = this.valOfName(e.templateSpans[0].expression.text);
      if (first.k === 'str') return { k: 'str', s: first.s + (first.pre ? '' : e.templateSpans[0].literal.text), pre: 1 };
    }
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
    if (tsv.isObjectLiteralExpression(e)) return this.objVal(e, depth);
    if (tsv.isArrayLiteralExpression(e)) {
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
      if (tsv.isPropertyAssignment(prop)) {
        const key = propName(prop.name);
        if (key !== undefined) p[key] = this.argVal(prop.initializer, depth + 1);
      } else if (tsv.isShorthandPropertyAssignment(prop)) {
        p[prop.name.text] = this.valOfName(prop.name.text);
      } else if (tsv.isMethodDeclaration(prop) && prop.name) {
        const key = propName(prop.name);
        if (key !== undefined) p[key] = { k: 'fn', id: this.fnIdOf(prop) };
      }
    }
    return { k: 'obj', p };
  }

  /** A type annotation as a value: `Redis`, `pg.Pool`, `Repository<User>`, `Redis | null`. */
  typeVal(t: ts.TypeNode | undefined): Val | undefined {
    if (!t) return undefined;
    if (tsv.isUnionTypeNode(t)) {
      for (const m of t.types) {
        const v = this.typeVal(m);
        if (v) return v;
      }
      return undefined;
    }
    if (tsv.isTypeReferenceNode(t)) {
      const base = this.entityVal(t.typeName);
      return base && base.k !== 'x' ? { k: 'type', t: base } : undefined;
    }
    return undefined;
  }

  private entityVal(n: ts.EntityName): Val | undefined {
    // `A.B.C…`: the parser reads qualified names in a loop, so their depth is unbounded; so is this walk
    const names: string[] = [];
    let e = n;
    while (!tsv.isIdentifier(e)) {
      names.push(e.right.text);
      e = e.left;
    }
    const b = this.scope.lookup(e.text);
    let v: Val | undefined = b?.v;
    for (let i = names.length - 1; v && i >= 0; i--) v = { k: 'prop', o: v, n: names[i] };
    return v;
  }

  // ---- walking ---------------------------------------------------------------------------------

  /**
   * The walk keeps its own stack instead of recursing: a file's nesting (a 2,000-term `+` chain, JSX
   * hundreds deep) would otherwise exhaust the call stack and lose every fact of the file. Entries are
   * nodes still to visit, with the parent to give them, and steps to run once the subtrees pushed
   * after them are done (restoring a scope, a return value read after its expression was visited).
   * A method that visits therefore only schedules: whatever it does after a visit is a later step.
   */
  private readonly todo: Array<ts.Node | (() => void)> = [];
  private readonly todoParent: Array<ts.Node | undefined> = [];

  private drain(): void {
    while (this.todo.length > 0) {
      const next = this.todo.pop()!;
      const parent = this.todoParent.pop();
      if (typeof next === 'function') next();
      else {
        // parents are set here, on the way down, rather than by the parser (`setParentNodes`): the walk
        // visits every node anyway, and the parser's own pass is a sixth of the parse. Code that looks
        // up from a node only ever looks at nodes already visited.
        if (parent) (next as { parent: ts.Node }).parent = parent;
        this.visit(next);
      }
    }
  }

  /** Visits `node` (after whatever is scheduled later in the current step). */
  private push(node: ts.Node, parent?: ts.Node): void {
    this.todo.push(node);
    this.todoParent.push(parent);
  }

  /** Runs `step` once everything scheduled after it in the current step is done. */
  private later(step: () => void): void {
    this.todo.push(step);
    this.todoParent.push(undefined);
  }

  /** Runs the steps in order, each after the subtrees the one before it scheduled. */
  private sequence(steps: Array<() => void>): void {
    for (let i = steps.length - 1; i >= 0; i--) this.later(steps[i]);
  }

  /** Visits the nodes in order. */
  private pushAll(nodes: readonly ts.Node[], parent: ts.Node): void {
    for (let i = nodes.length - 1; i >= 0; i--) this.push(nodes[i], parent);
  }

  private visitChildren(node: ts.Node): void {
    const from = this.todo.length;
    tsv.forEachChild(node, (c) => {
      this.push(c, node);
    });
    // forEachChild gives them first to last; the stack must hand out the first one first
    for (let i = from, j = this.todo.length - 1; i < j; i++, j--) {
      const t = this.todo[i];
      this.todo[i] = this.todo[j];
      this.todo[j] = t;
    }
    // every parent here is `node`: nothing to swap in todoParent
  }

  private visit(node: ts.Node): void {
    switch (node.kind) {
      case tsv.SyntaxKind.ImportDeclaration:
      case tsv.SyntaxKind.ImportEqualsDeclaration:
      case tsv.SyntaxKind.InterfaceDeclaration:
      case tsv.SyntaxKind.TypeAliasDeclaration:
        return;
      case tsv.SyntaxKind.FunctionDeclaration: {
        const f = node as ts.FunctionDeclaration;
        let id = '';
        // after the body, as before: the binding and export follow what the body recorded
        this.later(() => {
          if (!this.fn && this.scope.parent === undefined) {
            if (f.name) this.facts.bindings[f.name.text] = { k: 'fn', id };
            if (this.isExported(f)) {
              const name = this.isDefault(f) ? 'default' : f.name?.text;
              if (name) this.facts.exports.push({ name, v: { k: 'fn', id } });
              if (name === 'handler') this.facts.hints.handler = this.lc(f.getStart(this.sf)).line;
            }
          }
        });
        id = this.visitFunction(f);
        return;
      }
      case tsv.SyntaxKind.FunctionExpression:
      case tsv.SyntaxKind.ArrowFunction:
      case tsv.SyntaxKind.MethodDeclaration:
      case tsv.SyntaxKind.Constructor:
      case tsv.SyntaxKind.GetAccessor:
      case tsv.SyntaxKind.SetAccessor:
        this.visitFunction(node as ts.FunctionLikeDeclaration);
        return;
      case tsv.SyntaxKind.ClassDeclaration:
      case tsv.SyntaxKind.ClassExpression:
        this.visitClass(node as ts.ClassLikeDeclaration);
        return;
      case tsv.SyntaxKind.VariableStatement:
        this.visitVariableStatement(node as ts.VariableStatement);
        return;
      case tsv.SyntaxKind.VariableDeclaration:
        this.visitVariableDeclaration(node as ts.VariableDeclaration, false);
        return;
      case tsv.SyntaxKind.Block:
      case tsv.SyntaxKind.CaseBlock:
        this.inScope(() => {
          if (tsv.isBlock(node)) this.hoist(node.statements, false);
          this.visitChildren(node);
        });
        return;
      case tsv.SyntaxKind.ForStatement:
      case tsv.SyntaxKind.ForInStatement:
      case tsv.SyntaxKind.ForOfStatement:
      case tsv.SyntaxKind.CatchClause:
        this.inScope(() => this.visitChildren(node));
        return;
      case tsv.SyntaxKind.ExportAssignment:
        this.visitExportAssignment(node as ts.ExportAssignment);
        return;
      case tsv.SyntaxKind.ExportDeclaration:
        this.visitExportDeclaration(node as ts.ExportDeclaration);
        return;
      case tsv.SyntaxKind.ReturnStatement: {
        const r = node as ts.ReturnStatement;
        this.later(() => {
          const f = this.fn && this.facts.functions[this.fn];
          if (r.expression && f && f.ret.length < MAX_RETURNS) this.pushRet(f, this.valOf(r.expression));
        });
        this.visitChildren(node);
        return;
      }
      case tsv.SyntaxKind.IfStatement:
      case tsv.SyntaxKind.ConditionalExpression:
      case tsv.SyntaxKind.WhileStatement: {
        const cond = (node as ts.IfStatement | ts.ConditionalExpression | ts.WhileStatement);
        this.recordTests('condition' in cond ? cond.condition : cond.expression);
        this.visitChildren(node);
        return;
      }
      case tsv.SyntaxKind.JsxElement:
      case tsv.SyntaxKind.JsxSelfClosingElement:
      case tsv.SyntaxKind.JsxFragment:
        this.facts.hints.jsx = 1;
        this.visitChildren(node);
        return;
      case tsv.SyntaxKind.CallExpression:
      case tsv.SyntaxKind.NewExpression:
      case tsv.SyntaxKind.PropertyAccessExpression:
      case tsv.SyntaxKind.ElementAccessExpression:
      case tsv.SyntaxKind.TaggedTemplateExpression:
        this.visitChain(node as ts.Expression);
        return;
      case tsv.SyntaxKind.BinaryExpression:
        this.visitBinary(node as ts.BinaryExpression);
        return;
      case tsv.SyntaxKind.PropertyAssignment:
      case tsv.SyntaxKind.ShorthandPropertyAssignment:
        this.recordHandover(node as ts.PropertyAssignment | ts.ShorthandPropertyAssignment);
        this.visitChildren(node);
        return;
      case tsv.SyntaxKind.PrefixUnaryExpression:
      case tsv.SyntaxKind.PostfixUnaryExpression: {
        const u = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
        if (u.operator === tsv.SyntaxKind.PlusPlusToken || u.operator === tsv.SyntaxKind.MinusMinusToken) this.recordMutation(u.operand, 'update');
        this.visitChildren(node);
        return;
      }
      case tsv.SyntaxKind.DeleteExpression:
        this.recordMutation((node as ts.DeleteExpression).expression, 'delete');
        this.visitChildren(node);
        return;
      default:
        this.visitChildren(node);
    }
  }

  /** Runs `body` in a new scope, which stays until everything `body` schedules is done. */
  private inScope(body: () => void, isFunction = false): void {
    const saved = this.scope;
    this.scope = new Scope(saved, isFunction);
    this.later(() => {
      this.scope = saved;
    });
    body();
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
    const params = node.parameters.map((p) => (tsv.isIdentifier(p.name) ? p.name.text : ''));
    if (params.some((n) => n)) fact.params = params;
    this.facts.functions[id] = fact;
    const savedThis = this.thisCls;
    if (member) this.thisCls = { id: member.cls, isStatic: member.isStatic };
    else if (!tsv.isArrowFunction(node)) this.thisCls = undefined;
    const cb = this.callbackOwner(node);
    this.fnStack.push(id);
    this.later(() => {
      this.fnStack.pop();
      this.thisCls = savedThis;
    });
    this.inScope(() => this.sequence([...node.parameters.map((p) => () => this.visitParameter(node, p, cb)), () => this.visitBody(node, fact)]), true);
    return id;
  }

  private visitParameter(node: ts.FunctionLikeDeclaration, p: ts.ParameterDeclaration, cb: Val | undefined): void {
      if (tsv.isIdentifier(p.name)) {
        const t = this.typeVal(p.type);
        if (cb && !t) this.scope.declare(p.name.text, { kind: 'local', v: cb });
        else this.scope.declare(p.name.text, { kind: 'param', v: { k: 'param', n: p.name.text, ...(t ? { t } : {}) } });
      } else if (tsv.isObjectBindingPattern(p.name) && !cb) {
        // `({ prisma, ctx }) => …`: destructured parameters keep their names (a resolver's context)
        for (const el of p.name.elements) {
          if (tsv.isIdentifier(el.name)) this.scope.declare(el.name.text, { kind: 'param', v: { k: 'param', n: el.name.text } });
          else this.declarePattern(el.name, false, { k: 'x' });
        }
      } else {
        this.declarePattern(p.name, false, cb && tsv.isObjectBindingPattern(p.name) ? cb : { k: 'x' });
      }
      (p as { parent: ts.Node }).parent = node;
      if (p.initializer) this.push(p.initializer, p);
  }

  private visitBody(node: ts.FunctionLikeDeclaration, fact: FunctionFact): void {
    const body = node.body;
    if (!body) return;
    (body as { parent: ts.Node }).parent = node;
    if (tsv.isBlock(body)) {
      this.hoist(body.statements, false);
      this.pushAll(body.statements, body);
    } else {
      this.later(() => this.pushRet(fact, this.valOf(body)));
      this.push(body);
    }
  }

  /**
   * A function given to a method that hands it a scoped client (`$transaction(async (tx) => …)`,
   * `pool.connect((err, client) => …)`, `.then((conn) => …)`): its parameters are that client.
   */
  private callbackOwner(node: ts.FunctionLikeDeclaration): Val | undefined {
    if (!tsv.isArrowFunction(node) && !tsv.isFunctionExpression(node)) return undefined;
    const call = node.parent;
    if (!call || !tsv.isCallExpression(call) || !call.arguments.includes(node as ts.Expression)) return undefined;
    const callee = call.expression;
    const name = tsv.isPropertyAccessExpression(callee) ? callee.name.text : tsv.isIdentifier(callee) ? callee.text : '';
    if (!CALLBACK_CLIENT.test(name)) return undefined;
    const f = this.valOf(callee);
    return interesting(f, this.opts.receivers) ? { k: 'cb', f: capDepth(f) } : undefined;
  }

  private inferName(node: ts.Node): string {
    const p = node.parent;
    if (p && tsv.isVariableDeclaration(p) && tsv.isIdentifier(p.name)) return p.name.text;
    if (p && (tsv.isPropertyAssignment(p) || tsv.isPropertyDeclaration(p))) return propName(p.name) ?? '';
    if (p && tsv.isCallExpression(p)) {
      const callee = p.expression;
      return '(' + (tsv.isPropertyAccessExpression(callee) ? callee.name.text : tsv.isIdentifier(callee) ? callee.text : 'callback') + ')';
    }
    return '';
  }

  private visitClass(node: ts.ClassLikeDeclaration): void {
    const id = this.clsIdOf(node);
    const name = node.name?.text ?? (node.parent && tsv.isVariableDeclaration(node.parent) && tsv.isIdentifier(node.parent.name) ? node.parent.name.text : '');
    // the line of the class itself, not of its decorators
    const fact: ClassFact = { name, fields: {}, statics: {}, methods: {}, line: this.lc((node.name ?? node).getStart(this.sf)).line };
    this.facts.classes[id] = fact;
    const ext = node.heritageClauses?.find((h) => h.token === tsv.SyntaxKind.ExtendsKeyword)?.types[0];
    if (ext) {
      const v = this.valOf(ext.expression);
      if (v.k !== 'x') fact.ext = v;
    }
    const decorators = tsv.canHaveDecorators(node) ? tsv.getDecorators(node) ?? [] : [];
    const moduleLevel = !this.fn;
    this.sequence([
      ...node.members.map((m) => () => this.visitMember(node, m, id, name, fact)),
      () => this.classDone(node, id, name, moduleLevel),
    ]);
    this.pushAll(decorators, node);
    if (ext) this.push(ext.expression, ext);
  }

  private visitMember(node: ts.ClassLikeDeclaration, m: ts.ClassElement, id: string, name: string, fact: ClassFact): void {
    (m as { parent: ts.Node }).parent = node;
    if (tsv.isPropertyDeclaration(m) && m.initializer) (m.initializer as { parent: ts.Node }).parent = m;
    const isStatic = (tsv.getCombinedModifierFlags(m as ts.Declaration) & tsv.ModifierFlags.Static) !== 0;
    const mname = m.name ? propName(m.name) : undefined;
    if (tsv.isPropertyDeclaration(m) && mname !== undefined) {
      const savedThis = this.thisCls;
      this.thisCls = { id, isStatic };
      const v = m.initializer ? this.valOf(m.initializer) : this.typeVal(m.type) ?? { k: 'x' };
      this.later(() => {
        this.thisCls = savedThis;
        (isStatic ? fact.statics : fact.fields)[mname] = capDepth(v);
        const pos = m.getStart(this.sf);
        this.facts.declared.push({ name: isStatic ? `${name}.${mname}` : `${id}#${mname}`, decl: isStatic ? 'static' : 'field', init: m.initializer ? this.initKind(m.initializer) : 'none', ...this.lc(pos) });
      });
      if (m.initializer) this.visitKept(m.initializer, isStatic ? 'module' : 'field', `${name}.${mname}`);
    } else if (tsv.isConstructorDeclaration(m)) {
      for (const p of m.parameters) {
        const flags = tsv.getCombinedModifierFlags(p);
        if (flags & (tsv.ModifierFlags.ParameterPropertyModifier) && tsv.isIdentifier(p.name)) {
          const t = this.typeVal(p.type);
          fact.fields[p.name.text] = t ? { k: 'param', n: p.name.text, t } : { k: 'param', n: p.name.text };
        }
      }
      this.visitFunction(m, 'constructor', { cls: id, isStatic: false });
    } else if (isFunctionLike(m) && mname !== undefined) {
      fact.methods[mname] = this.visitFunction(m, `${name}.${mname}`, { cls: id, isStatic });
    } else if (tsv.isClassStaticBlockDeclaration(m)) {
      const savedThis = this.thisCls;
      this.thisCls = { id, isStatic: true };
      this.later(() => {
        this.thisCls = savedThis;
      });
      this.push(m.body, m);
    }
  }

  private classDone(node: ts.ClassLikeDeclaration, id: string, name: string, moduleLevel: boolean): void {
    if (moduleLevel && name && node.kind === tsv.SyntaxKind.ClassDeclaration) this.facts.bindings[name] = { k: 'cls', id };
    if (tsv.isClassDeclaration(node) && node.name && this.isExported(node)) {
      this.facts.exports.push({ name: this.isDefault(node) ? 'default' : node.name.text, v: { k: 'ref', n: node.name.text } });
    } else if (tsv.isClassDeclaration(node) && !node.name && this.isDefault(node)) {
      this.facts.exports.push({ name: 'default', v: { k: 'cls', id } });
    }
  }

  private isExported(n: ts.Node): boolean {
    return tsv.canHaveModifiers(n) && !!tsv.getModifiers(n)?.some((m) => m.kind === tsv.SyntaxKind.ExportKeyword);
  }

  private isDefault(n: ts.Node): boolean {
    return tsv.canHaveModifiers(n) && !!tsv.getModifiers(n)?.some((m) => m.kind === tsv.SyntaxKind.DefaultKeyword);
  }

  private visitVariableStatement(node: ts.VariableStatement): void {
    const exported = this.isExported(node);
    (node.declarationList as { parent: ts.Node }).parent = node;
    this.sequence(node.declarationList.declarations.map((d) => () => {
      (d as { parent: ts.Node }).parent = node.declarationList;
      this.visitVariableDeclaration(d, exported);
    }));
  }

  private visitVariableDeclaration(d: ts.VariableDeclaration, exported: boolean): void {
    const moduleLevel = !this.fn && this.scope.parent === undefined;
    const list = d.parent;
    const declKind = tsv.isVariableDeclarationList(list)
      ? list.flags & tsv.NodeFlags.Const ? 'const' : list.flags & tsv.NodeFlags.Let ? 'let' : 'var'
      : 'var';
    const init = d.initializer;
    if (!init) return this.declareVariable(d, exported, moduleLevel, declKind, { k: 'x' });
    (init as { parent: ts.Node }).parent = d;
    this.later(() => this.declareVariable(d, exported, moduleLevel, declKind, this.valOf(init)));
    this.visitKept(init, moduleLevel ? 'module' : undefined, tsv.isIdentifier(d.name) ? d.name.text : undefined,
      tsv.isObjectBindingPattern(d.name) ? 'destructure' : undefined);
  }

  /** The declaration's names, once its initializer was visited (`v` is the initializer's value). */
  private declareVariable(d: ts.VariableDeclaration, exported: boolean, moduleLevel: boolean, declKind: 'const' | 'let' | 'var', v: Val): void {
    const annotated = this.typeVal(d.type);
    if (annotated) v = v.k === 'x' ? annotated : { k: 'or', v: [v, annotated] };
    if (v.k !== 'x') v = capDepth(v);
    if (moduleLevel) {
      this.declarePattern(d.name, true, v);
      if (tsv.isIdentifier(d.name)) {
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
    if (moduleLevel && exported && tsv.isIdentifier(d.name) && d.name.text === 'handler') this.facts.hints.handler = this.lc(d.getStart(this.sf)).line;
  }

  /** Visits an expression whose value is kept (module binding, field), or bound to a local. */
  private visitKept(e: ts.Expression, keep: 'module' | 'field' | undefined, res?: string, ctx?: UseContext): void {
    const saved = this.pending;
    this.pending = { target: unwrap(e), keep, res, ctx };
    this.later(() => {
      this.pending = saved;
    });
    this.push(e);
  }

  private pending: { target: ts.Expression; keep?: 'module' | 'field'; res?: string; ctx?: UseContext } | undefined;

  private initKind(e: ts.Expression): InitKind {
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
      return 'call';
    }
    if (tsv.isArrowFunction(e) || tsv.isFunctionExpression(e)) return 'function';
    if (tsv.isClassExpression(e)) return 'class';
    if (tsv.isNewExpression(e)) return 'new';
    return 'other';
  }

  private visitExportAssignment(node: ts.ExportAssignment): void {
    (node.expression as { parent: ts.Node }).parent = node;
    this.later(() => this.facts.exports.push({ name: node.isExportEquals ? '=' : 'default', v: capDepth(this.valOf(node.expression)) }));
    this.visitKept(node.expression, 'module');
  }

  private visitExportDeclaration(node: ts.ExportDeclaration): void {
    const from = node.moduleSpecifier && tsv.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
    if (from) this.facts.imports.push({ local: '', module: from, name: '*', line: this.lc(node.getStart(this.sf)).line, ...(node.isTypeOnly ? { typeOnly: true } : {}) });
    const clause = node.exportClause;
    if (!clause) {
      if (from) this.facts.exports.push({ name: '*', from });
      return;
    }
    if (tsv.isNamespaceExport(clause)) {
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
    const fnNode = tsv.isCallExpression(node) || tsv.isNewExpression(node) ? node : undefined;
    if (fnNode && tsv.isCallExpression(fnNode)) this.noteCall(fnNode);
    if (fnNode && this.fn && readsClock(fnNode)) this.facts.functions[this.fn]!.clock = 1;
    if (!continuesChain(node)) this.recordUse(node);
    if (fnNode && tsv.isCallExpression(fnNode) && isTransactionCall(fnNode, this.sf)) {
      this.txDepth++;
      this.later(() => this.txDepth--);
      this.visitChildren(node);
      return;
    }
    if (tsv.isCallExpression(node)) this.callMutation(node);
    this.visitChildren(node);
  }

  private noteCall(call: ts.CallExpression): void {
    const callee = call.expression;
    if (tsv.isPropertyAccessExpression(callee) && callee.name.text === 'listen') this.facts.hints.listen = 1;
    const spec = call.arguments[0];
    if (spec && tsv.isStringLiteralLike(spec) && (callee.kind === tsv.SyntaxKind.ImportKeyword ||
      (tsv.isIdentifier(callee) && callee.text === 'require' && !this.scope.lookup('require')))) {
      this.facts.imports.push({ local: '', module: spec.text, name: '*', line: this.lc(call.getStart(this.sf)).line, ...(this.fn ? { dynamic: true } : {}) });
    }
    const f = this.fn && this.facts.functions[this.fn];
    if (f && tsv.isIdentifier(callee)) {
      const calls = (f.calls ??= []);
      if (calls.length < 20 && !calls.includes(callee.text)) calls.push(callee.text);
    } else if (f && tsv.isPropertyAccessExpression(callee) && callee.expression.kind === tsv.SyntaxKind.ThisKeyword) {
      const calls = (f.calls ??= []);
      if (calls.length < 20 && !calls.includes(callee.name.text)) calls.push(callee.name.text);
    }
  }

  private recordUse(node: ts.Expression): void {
    // decide on the chain's root first: most chains (`arr.map(…)`, `console.log(…)`) end here, before
    // their arguments are turned into values
    let root: ts.Expression = node;
    for (;;) {
      root = unwrap(root);
      if (tsv.isPropertyAccessExpression(root) || tsv.isElementAccessExpression(root) || tsv.isCallExpression(root) || tsv.isNewExpression(root)) {
        if (tsv.isCallExpression(root) && (root.expression.kind === tsv.SyntaxKind.ImportKeyword || (tsv.isIdentifier(root.expression) && root.expression.text === 'require'))) break;
        root = root.expression;
      } else if (tsv.isTaggedTemplateExpression(root)) root = root.tag;
      else break;
    }
    const rv = this.valOf(root);
    if (!interesting(rv, this.opts.receivers) || !this.followed(rv)) return;
    let v = root === node ? rv : this.valOf(node);
    if (!interesting(v, this.opts.receivers)) return;
    // `(process.env.X ?? 'a').split(',')`: the operands of `??`/`?:` are recorded as uses of their own
    if (root !== node && (tsv.isBinaryExpression(root) || tsv.isConditionalExpression(root))) v = boundRoot(v);
    const parent = skipParens(node);
    let ctx: UseContext = tsv.isCallExpression(node) || tsv.isNewExpression(node) || tsv.isTaggedTemplateExpression(node) ? 'call' : 'value';
    const p = parent.parent;
    if (p && tsv.isBinaryExpression(p) && p.left === parent && isAssignment(p.operatorToken.kind)) ctx = 'assign';
    else if (p && tsv.isDeleteExpression(p)) ctx = 'delete';
    else if (p && (tsv.isPrefixUnaryExpression(p) || tsv.isPostfixUnaryExpression(p)) &&
      (p.operator === tsv.SyntaxKind.PlusPlusToken || p.operator === tsv.SyntaxKind.MinusMinusToken)) ctx = 'assign';
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
    if (p && tsv.isPropertyAssignment(p) && p.initializer === parent) {
      const within = propName(p.name);
      if (within) use.within = within;
    }
    this.facts.uses.push(use);
  }

  /**
   * `{ insuranceLimiter: fallback }`: a client handed over by name as a property value. Recorded so that
   * a hazard can know where its client ends up.
   */
  private recordHandover(p: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): void {
    const e = tsv.isPropertyAssignment(p) ? unwrap(p.initializer) : p.name;
    if (!tsv.isIdentifier(e)) return;
    const within = propName(p.name);
    const v = this.valOfName(e.text);
    if (!within || v.k === 'x' || !interesting(v, this.opts.receivers) || !this.followed(v)) return;
    const start = e.getStart(this.sf);
    const a = this.lc(start);
    const b = this.lc(e.end);
    this.facts.uses.push({ v: capDepth(v), ctx: 'value', line: a.line, col: a.col, endLine: b.line, endCol: b.col, pos: start, within, ...(this.fn ? { fn: this.fn } : { top: 1 as const }) });
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
    if (!p || !tsv.isBinaryExpression(p) || p.right !== node || !isAssignment(p.operatorToken.kind)) return undefined;
    const left = p.left;
    if (tsv.isIdentifier(left)) return this.scope.isModuleLevel(left.text) ? 'module' : undefined;
    if (tsv.isPropertyAccessExpression(left) && left.expression.kind === tsv.SyntaxKind.ThisKeyword) return this.thisCls?.isStatic ? 'module' : 'field';
    return undefined;
  }

  private assignedLocal(node: ts.Node): string | undefined {
    const p = node.parent;
    if (p && tsv.isBinaryExpression(p) && p.right === node && p.operatorToken.kind === tsv.SyntaxKind.EqualsToken && tsv.isIdentifier(p.left)) return p.left.text;
    return undefined;
  }

  private recordTests(cond: ts.Expression): void {
    const f = this.fn && this.facts.functions[this.fn];
    if (!f) return;
    const tests = (f.tests ??= []);
    // an explicit stack, first child on top: a condition can be a chain thousands of operands long
    const todo: ts.Node[] = [cond];
    while (todo.length > 0 && tests.length < 40) {
      const n = todo.pop()!;
      if (tsv.isIdentifier(n)) tests.push([n.text, n.getStart(this.sf)]);
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
        if (tsv.isIdentifier(e)) tests.push([e.text, e.getStart(this.sf), path.join('.')]);
        else if (e.kind === tsv.SyntaxKind.ThisKeyword) tests.push(['this', e.getStart(this.sf), path.join('.')]);
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

  // ---- assignments and mutations ---------------------------------------------------------------

  private visitBinary(node: ts.BinaryExpression): void {
    const op = node.operatorToken.kind;
    if (!isAssignment(op)) {
      if (op === tsv.SyntaxKind.AmpersandAmpersandToken || op === tsv.SyntaxKind.BarBarToken) this.recordTests(node.left);
      this.visitChildren(node);
      return;
    }
    const left = unwrap(node.left);
    const logical = op === tsv.SyntaxKind.QuestionQuestionEqualsToken || op === tsv.SyntaxKind.BarBarEqualsToken || op === tsv.SyntaxKind.AmpersandAmpersandEqualsToken;
    const compound = op !== tsv.SyntaxKind.EqualsToken && !logical;
    if (tsv.isIdentifier(left)) {
      (node.left as { parent: ts.Node }).parent = node;
      this.later(() => this.assignName(node, left, compound));
      this.push(node.right, node);
      return;
    }
    this.visitAssignment(node, left, compound, logical);
  }

  /** `name = value` once the value was visited: a local re-bound, a module binding's other value. */
  private assignName(node: ts.BinaryExpression, left: ts.Identifier, compound: boolean): void {
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
  }

  private visitAssignment(node: ts.BinaryExpression, left: ts.Expression, compound: boolean, logical: boolean): void {
    if (tsv.isPropertyAccessExpression(left) && left.expression.kind === tsv.SyntaxKind.ThisKeyword && this.thisCls && !compound && !logical) {
      const cls = this.facts.classes[this.thisCls.id];
      const v = capDepth(this.valOf(node.right));
      if (cls && v.k !== 'x') {
        const bag = this.thisCls.isStatic ? cls.statics : cls.fields;
        const prev = bag[left.name.text];
        bag[left.name.text] = prev && prev.k !== 'x' ? { k: 'or', v: [prev, v].flatMap((x) => (x.k === 'or' ? x.v : [x])).slice(0, 6) } : v;
      }
    }
    this.exportAssignment(left, node.right);
    if (this.fn && (tsv.isPropertyAccessExpression(left) || tsv.isElementAccessExpression(left))) this.recordMutation(left, 'property', node);
    this.visitChildren(node);
  }

  /** CommonJS: `module.exports = x`, `module.exports.a = x`, `exports.a = x`. */
  private exportAssignment(left: ts.Expression, right: ts.Expression): void {
    if (!tsv.isPropertyAccessExpression(left)) return;
    const isModuleExports = (e: ts.Expression) =>
      tsv.isPropertyAccessExpression(e) && tsv.isIdentifier(e.expression) && e.expression.text === 'module' && e.name.text === 'exports';
    const isExports = (e: ts.Expression) => tsv.isIdentifier(e) && e.text === 'exports' && !this.scope.lookup('exports');
    if (isModuleExports(left)) {
      this.pendingExport('=', right);
      if (tsv.isObjectLiteralExpression(unwrap(right))) {
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
    if (tsv.isPropertyAccessExpression(callee) && (callee.name.text === 'get' || callee.name.text === 'has')) {
      const t = this.stateTarget(callee.expression);
      const f = this.facts.functions[this.fn];
      if (t && f) (f.reads ??= []).includes(t.name) || f.reads!.push(t.name);
    }
    if (tsv.isPropertyAccessExpression(callee) && MUTATORS.has(callee.name.text)) {
      // the receiver's parents, for looking up from it (`if (!cache.has(k)) cache.set(k, …)`)
      (callee as { parent: ts.Node }).parent = call;
      (callee.expression as { parent: ts.Node }).parent = callee;
      const stored = callee.name.text === 'set' ? call.arguments[1] : callee.name.text === 'push' || callee.name.text === 'add' ? call.arguments[0] : undefined;
      this.recordMutation(callee.expression, 'method', undefined, callee.name.text, stored);
    } else if (tsv.isPropertyAccessExpression(callee) && tsv.isIdentifier(callee.expression) && callee.expression.text === 'Object' &&
      callee.name.text === 'assign' && call.arguments[0]) {
      this.recordMutation(call.arguments[0], 'property');
    }
  }

  /** The module state an expression reaches: `cache`, `Cls.static`, `c0#field`, or an imported binding. */
  private stateTarget(target: ts.Expression): { name: string; path: string[]; imp?: { m: string; n: string }; via?: boolean } | undefined {
    let e = unwrap(target);
    const path: string[] = [];
    // walk to the root: a.b[c].get(k) → a
    for (;;) {
      if (tsv.isPropertyAccessExpression(e)) { path.unshift(e.name.text); e = unwrap(e.expression); }
      else if (tsv.isElementAccessExpression(e)) { path.unshift('[]'); e = unwrap(e.expression); }
      else if (tsv.isCallExpression(e) && tsv.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'get') { path.unshift('get()'); e = unwrap(e.expression.expression); }
      else break;
    }
    if (tsv.isIdentifier(e)) {
      const b = this.scope.lookup(e.text);
      if (!b) return undefined;
      if (b.kind === 'local') {
        // `const bucket = buckets.get(ip); bucket.count += 1` changes what `buckets` holds
        const through = this.valTarget(b.v);
        return through ? { ...through, path: [...through.path, ...path], via: true } : undefined;
      }
      if (b.kind === 'module') {
        const bound = this.facts.bindings[e.text];
        return { name: bound?.k === 'cls' && path.length > 0 && path[0] !== '[]' ? `${e.text}.${path[0]}` : e.text, path };
      }
      if (b.kind === 'import' && b.v.k === 'imp' && !b.v.m.startsWith('node:')) {
        return { name: e.text, path, imp: b.v.n === '*' && path.length > 0 ? { m: b.v.m, n: path[0] } : { m: b.v.m, n: b.v.n } };
      }
      return undefined;
    }
    if (e.kind === tsv.SyntaxKind.ThisKeyword && this.thisCls && path.length > 0 && path[0] !== '[]') {
      const cls = this.facts.classes[this.thisCls.id];
      return { name: this.thisCls.isStatic ? `${cls?.name ?? ''}.${path[0]}` : `${this.thisCls.id}#${path[0]}`, path };
    }
    return undefined;
  }

  /** The module state a local's value is a part of (`buckets.get(ip)`, `this.cache[key]`), if any. */
  private valTarget(v: Val): { name: string; path: string[]; imp?: { m: string; n: string } } | undefined {
    if (v.k === 'or') {
      for (const x of v.v) {
        const t = this.valTarget(x);
        if (t) return t;
      }
      return undefined;
    }
    let cur: Val = v;
    const path: string[] = [];
    for (let i = 0; i < 8; i++) {
      if (cur.k === 'bound') cur = cur.v;
      else if (cur.k === 'prop') { path.unshift(cur.n); cur = cur.o; }
      else if (cur.k === 'call' && cur.f.k === 'prop' && cur.f.n === 'get') { path.unshift('get()'); cur = cur.f.o; }
      else break;
    }
    if (path.length === 0) return undefined;
    if (cur.k === 'ref' && this.facts.bindings[cur.n]?.k === 'cls' && path[0] !== 'get()') return { name: `${cur.n}.${path[0]}`, path };
    if (cur.k === 'ref' && this.facts.declared.some((d) => d.name === cur.n)) return { name: cur.n, path };
    if (cur.k === 'this' && path[0] !== 'get()') return { name: `${cur.c}#${path[0]}`, path };
    return undefined;
  }

  /** Records a change of module state made inside a function: `cache.set()`, `count++`, `store[k] = v`. */
  private recordMutation(target: ts.Expression, how: 'method' | 'property' | 'assign' | 'update' | 'delete', assign?: ts.BinaryExpression, method?: string, stored?: ts.Expression): void {
    if (!this.fn) return;
    const t = this.stateTarget(target);
    if (!t) return;
    const { name, path, imp, via } = t;
    // `x.y = 1` on a module object is a property write; `x = 1` (or `this.x = 1`, `Cls.x = 1`) on the binding itself an assignment
    const onBinding = path.length === 0 || (path.length === 1 && (name.includes('#') || name.includes('.')) && !imp);
    const kind = how === 'property' && onBinding ? 'assign' : how;
    const pos = target.getStart(this.sf);
    const m: MutationFact = { target: name, how: kind, ...(method ? { method } : {}), ...this.lc(pos), fn: this.fn };
    if (imp) m.imp = imp;
    if (via) m.via = 1;
    // a fill-if-absent of a value that does not build on the old one is memoisation (`if (!c.has(k)) c.set(k, f(k))`);
    // `m.set(k, (m.get(k) ?? 0) + 1)` is a counter
    const bare = name.replace(/^.*[#.]/, '');
    if ((method === 'set' || method === 'add') && this.facts.functions[this.fn]?.reads?.includes(name) && this.fillsIfAbsent(target, name, bare)) m.memo = 1;
    const value = stored ?? (assign && kind !== 'assign' ? assign.right : undefined);
    if (value) {
      const v = this.valOf(value);
      if (interesting(v, this.opts.receivers)) m.value = capDepth(v);
    }
    // `if (!clients[k]) clients[k] = new Client(k)`: a value made once per key, as `map.set` after `has`
    if (assign && kind === 'property' && path.at(-1) === '[]' && assign.operatorToken.kind === tsv.SyntaxKind.EqualsToken &&
      !new RegExp(`\\b${escapeRe(bare)}\\b`).test(assign.right.getText(this.sf)) && this.fillsIfAbsent(assign, name, bare)) m.memo = 1;
    const op = assign?.operatorToken.kind;
    if (op === tsv.SyntaxKind.PlusEqualsToken || op === tsv.SyntaxKind.MinusEqualsToken) m.count = 1;
    if (assign && (kind === 'assign')) {
      if (this.isLazy(assign, name)) m.lazy = 1;
      const r = unwrap(assign.right);
      if (tsv.isNewExpression(r) || tsv.isCallExpression(r)) m.handle = 1;
    }
    this.facts.mutations.push(m);
  }

  /**
   * Is this `map.set(k, …)` reached only when the key was missing — inside `if (!cached) { … }`, or after
   * `if (cached) return cached;` — where `cached` came from the same map? That is memoisation; an
   * unconditional `set` of a value built from the old one (`balances.set(id, old + delta)`) is state.
   */
  private fillsIfAbsent(at: ts.Node, name: string, bare: string): boolean {
    const mentions = (cond: ts.Expression): boolean => {
      const text = cond.getText(this.sf);
      if (new RegExp(`\\b${escapeRe(bare)}\\b`).test(text)) return true;
      for (const id of text.match(/[A-Za-z_$][\w$]*/g) ?? []) {
        const b = this.scope.lookup(id);
        if (b?.kind === 'local' && this.valTarget(b.v)?.name === name) return true;
      }
      return false;
    };
    for (let n: ts.Node | undefined = at.parent; n && !isFunctionLike(n); n = n.parent) {
      if (tsv.isIfStatement(n) && mentions(n.expression) && !isWithin(at, n.expression)) return true;
      if (tsv.isBlock(n) || tsv.isSourceFile(n)) {
        // an earlier `if (cached) return cached;` in an enclosing block
        for (const st of n.statements) {
          if (st.pos >= at.pos) break;
          if (tsv.isIfStatement(st) && mentions(st.expression) && returns(st.thenStatement)) return true;
        }
      }
    }
    return false;
  }

  /** `if (!x) x = …`, `x ??= …`, `x ||= …`, `return x ?? (x = …)`. */
  private isLazy(assign: ts.BinaryExpression, name: string): boolean {
    const op = assign.operatorToken.kind;
    if (op === tsv.SyntaxKind.QuestionQuestionEqualsToken || op === tsv.SyntaxKind.BarBarEqualsToken || op === tsv.SyntaxKind.AmpersandAmpersandEqualsToken) return true;
    const right = unwrap(assign.right);
    // `x = undefined` clears a lazily made value so that the next call makes it again
    if (right.kind === tsv.SyntaxKind.NullKeyword || (tsv.isIdentifier(right) && right.text === 'undefined') || tsv.isVoidExpression(right)) return true;
    const bare = name.replace(/^.*[#.]/, '');
    for (let n: ts.Node | undefined = assign.parent; n && !isFunctionLike(n); n = n.parent) {
      if (tsv.isIfStatement(n) || tsv.isConditionalExpression(n)) {
        const text = n.getChildAt(tsv.isIfStatement(n) ? 2 : 0, this.sf)?.getText(this.sf) ?? '';
        if (new RegExp(`(!\\s*(this\\.)?${escapeRe(bare)}\\b)|\\b${escapeRe(bare)}\\s*(===?|!==?)\\s*(undefined|null)`).test(text)) return true;
      }
      if (tsv.isBinaryExpression(n) && (n.operatorToken.kind === tsv.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === tsv.SyntaxKind.BarBarToken)) return true;
    }
    // tested earlier in the same function: `if (this.provider) return this.provider;` … `this.provider = …`
    const tests = (this.fn && this.facts.functions[this.fn]?.tests) || [];
    const isThis = name.includes('#') || name.includes('.');
    return tests.some(([n, off, member]) => off < assign.getStart(this.sf) && (isThis ? n === 'this' && member === bare : n === bare && !member));
  }
}

/** `Date.now()`, `new Date()`, `performance.now()`, `process.hrtime()`: the code measures time (a window, an expiry). */
function readsClock(e: ts.CallExpression | ts.NewExpression): boolean {
  const c = e.expression;
  if (tsv.isNewExpression(e)) return tsv.isIdentifier(c) && c.text === 'Date' && (e.arguments?.length ?? 0) === 0;
  if (!tsv.isPropertyAccessExpression(c) || !tsv.isIdentifier(c.expression)) return false;
  const o = c.expression.text;
  const n = c.name.text;
  return (o === 'Date' && n === 'now') || (o === 'performance' && n === 'now') || (o === 'process' && n === 'hrtime');
}

function isWithin(node: ts.Node, outer: ts.Node): boolean {
  return node.pos >= outer.pos && node.end <= outer.end;
}

function returns(st: ts.Statement): boolean {
  if (tsv.isReturnStatement(st) || tsv.isThrowStatement(st)) return true;
  return tsv.isBlock(st) && st.statements.some((x) => tsv.isReturnStatement(x) || tsv.isThrowStatement(x));
}

/** The same chain with its innermost value marked as already evaluated elsewhere. */
function boundRoot(v: Val): Val {
  switch (v.k) {
    case 'prop':
      return { ...v, o: boundRoot(v.o) };
    case 'call':
    case 'new':
      return { ...v, f: boundRoot(v.f) };
    default:
      return { k: 'bound', v };
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isAssignment(kind: ts.SyntaxKind): boolean {
  return kind >= tsv.SyntaxKind.FirstAssignment && kind <= tsv.SyntaxKind.LastAssignment;
}

function skipParens(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && (tsv.isParenthesizedExpression(n.parent) || tsv.isAwaitExpression(n.parent) || tsv.isNonNullExpression(n.parent) ||
    tsv.isAsExpression(n.parent) || tsv.isSatisfiesExpression(n.parent))) n = n.parent;
  return n;
}

function collectNames(name: ts.BindingName): string[] {
  if (tsv.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) if (!tsv.isOmittedExpression(el)) out.push(...collectNames(el.name));
  return out;
}

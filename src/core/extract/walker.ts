import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import type { FileFacts } from '../facts';
import { WalkState, type ExtractOptions } from './walkState';
import { hoist } from './binding';
import { findPrototypes } from './prototypes';
import { isModuleExportsExpr } from './values';
import { visitClass, visitFunction, visitFunctionDeclaration, visitPrototypeMember, visitReturn, visitVariableDeclaration, visitVariableStatement } from './declarations';
import { visitExportAssignment, visitExportDeclaration } from './exports';
import { guardedBy, recordTests } from './conditions';
import { recordHandover, visitChain } from './uses';
import { addMadeMembers, recordUpdate, visitBinary } from './mutations';
import { recordIdentifierRef, recordThisRef } from './refs';
import { recordPerpetualLoop } from './loops';

export type { ExtractOptions } from './walkState';

/**
 * One pass over one file's syntax tree with a scope-aware binder of our own; the type checker is never
 * asked. Produces the file's facts: imports/exports, module bindings, classes, functions, the uses that
 * may touch a store, and mutations of module state.
 *
 * This class only dispatches each node to the module of its concern: binding.ts (names and scopes),
 * values.ts (expressions as symbolic values), declarations.ts (functions, classes, variables),
 * exports.ts, uses.ts (uses and calls), mutations.ts (assignments and changes of module state),
 * memo.ts and conditions.ts (what tells memoisation and lazy set-up from state). They share one
 * `WalkState`, whose explicit stack orders the visits (see there).
 */
export class Walker {
  private readonly w: WalkState;

  constructor(sf: ts.SourceFile, file: string, opts: ExtractOptions) {
    this.w = new WalkState(sf, file, opts);
  }

  run(): FileFacts {
    const { w } = this;
    const first = w.sf.statements[0];
    if (first && tsv.isExpressionStatement(first) && tsv.isStringLiteral(first.expression)) {
      if (first.expression.text === 'use client') w.facts.hints.useClient = 1;
      if (first.expression.text === 'use server') w.facts.hints.useServer = 1;
    }
    w.protos = findPrototypes(w.sf.statements);
    noteExportedObject(w);
    hoist(w, w.sf.statements, 'module');
    w.pushAll(w.sf.statements, w.sf);
    w.drain((node) => this.visit(node));
    addMadeMembers(w);
    return w.facts;
  }

  private visit(node: ts.Node): void {
    const { w } = this;
    switch (node.kind) {
      case tsv.SyntaxKind.ImportDeclaration:
      case tsv.SyntaxKind.ImportEqualsDeclaration:
      case tsv.SyntaxKind.InterfaceDeclaration:
      case tsv.SyntaxKind.TypeAliasDeclaration:
        return;
      case tsv.SyntaxKind.FunctionDeclaration:
        return visitFunctionDeclaration(w, node as ts.FunctionDeclaration);
      case tsv.SyntaxKind.FunctionExpression:
      case tsv.SyntaxKind.ArrowFunction:
      case tsv.SyntaxKind.MethodDeclaration:
      case tsv.SyntaxKind.Constructor:
      case tsv.SyntaxKind.GetAccessor:
      case tsv.SyntaxKind.SetAccessor:
        if (w.protos && visitPrototypeMember(w, node as ts.FunctionLikeDeclaration)) return;
        visitFunction(w, node as ts.FunctionLikeDeclaration);
        return;
      case tsv.SyntaxKind.ClassDeclaration:
      case tsv.SyntaxKind.ClassExpression:
        return visitClass(w, node as ts.ClassLikeDeclaration);
      case tsv.SyntaxKind.VariableStatement:
        return visitVariableStatement(w, node as ts.VariableStatement);
      case tsv.SyntaxKind.VariableDeclaration:
        return visitVariableDeclaration(w, node as ts.VariableDeclaration, { exported: false });
      case tsv.SyntaxKind.Block:
      case tsv.SyntaxKind.CaseBlock:
        return w.inScope(() => {
          if (tsv.isBlock(node)) hoist(w, node.statements, 'local');
          w.visitChildren(node);
        });
      case tsv.SyntaxKind.ForStatement:
        recordPerpetualLoop(w, node as ts.ForStatement);
        return w.inScope(() => w.visitChildren(node));
      case tsv.SyntaxKind.ForInStatement:
      case tsv.SyntaxKind.ForOfStatement:
      case tsv.SyntaxKind.CatchClause:
        return w.inScope(() => w.visitChildren(node));
      case tsv.SyntaxKind.DoStatement:
        recordPerpetualLoop(w, node as ts.DoStatement);
        return w.visitChildren(node);
      case tsv.SyntaxKind.ExportAssignment:
        return visitExportAssignment(w, node as ts.ExportAssignment);
      case tsv.SyntaxKind.ExportDeclaration:
        return visitExportDeclaration(w, node as ts.ExportDeclaration);
      case tsv.SyntaxKind.ReturnStatement:
        return visitReturn(w, node as ts.ReturnStatement);
      case tsv.SyntaxKind.IfStatement:
      case tsv.SyntaxKind.ConditionalExpression:
      case tsv.SyntaxKind.WhileStatement: {
        const cond = node as ts.IfStatement | ts.ConditionalExpression | ts.WhileStatement;
        recordTests(w, 'condition' in cond ? cond.condition : cond.expression, guardedBy(w, cond));
        if (tsv.isWhileStatement(cond)) recordPerpetualLoop(w, cond);
        return w.visitChildren(node);
      }
      case tsv.SyntaxKind.JsxElement:
      case tsv.SyntaxKind.JsxSelfClosingElement:
      case tsv.SyntaxKind.JsxFragment:
        w.facts.hints.jsx = 1;
        return w.visitChildren(node);
      case tsv.SyntaxKind.CallExpression:
      case tsv.SyntaxKind.NewExpression:
      case tsv.SyntaxKind.PropertyAccessExpression:
      case tsv.SyntaxKind.ElementAccessExpression:
      case tsv.SyntaxKind.TaggedTemplateExpression:
        return visitChain(w, node as ts.Expression);
      case tsv.SyntaxKind.BinaryExpression:
        return visitBinary(w, node as ts.BinaryExpression);
      case tsv.SyntaxKind.PropertyAssignment:
      case tsv.SyntaxKind.ShorthandPropertyAssignment:
        recordHandover(w, node as ts.PropertyAssignment | ts.ShorthandPropertyAssignment);
        return w.visitChildren(node);
      case tsv.SyntaxKind.PrefixUnaryExpression:
      case tsv.SyntaxKind.PostfixUnaryExpression: {
        const u = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
        if (u.operator === tsv.SyntaxKind.PlusPlusToken || u.operator === tsv.SyntaxKind.MinusMinusToken) recordUpdate(w, u.operand, 'update', u);
        return w.visitChildren(node);
      }
      case tsv.SyntaxKind.Identifier:
        return recordIdentifierRef(w, node as ts.Identifier);
      case tsv.SyntaxKind.ThisKeyword:
        return recordThisRef(w, node);
      case tsv.SyntaxKind.DeleteExpression:
        recordUpdate(w, (node as ts.DeleteExpression).expression, 'delete', node as ts.DeleteExpression);
        return w.visitChildren(node);
      default:
        return w.visitChildren(node);
    }
  }
}

/**
 * `const self = { … }; self.upload = async (req, res) => …; module.exports = self`: the object a module exports
 * whole, named before the walk (the export comes last), is an alias of `module.exports`: what is hung on it while
 * the module loads is an export of that name, and `self.upload(…)` is a call of that export.
 */
function noteExportedObject(w: WalkState): void {
  for (const st of w.sf.statements) {
    if (!tsv.isExpressionStatement(st) || !tsv.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== tsv.SyntaxKind.EqualsToken) continue;
    const { left, right } = st.expression;
    if (!tsv.isIdentifier(right) || !isModuleExportsExpr(w, left) || !tsv.isPropertyAccessExpression(left)) continue;
    const declared = w.sf.statements.some((d) => tsv.isVariableStatement(d) && d.declarationList.declarations.some((x) => tsv.isIdentifier(x.name) && x.name.text === right.text &&
      !!x.initializer && tsv.isObjectLiteralExpression(x.initializer)));
    if (declared) w.noteExportAlias(right.text);
  }
}

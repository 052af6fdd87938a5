import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import { capturedState, chainRoot, namesClass } from './stateTargets';
import type { WalkState } from './walkState';
import { MAX_REFS } from '../facts';

/**
 * Reads of module state: every reference a function makes to a module binding, a class's static or its own
 * instance's field (`this.tasks`), or an imported binding, other than as the receiver of a change the walk
 * records as a mutation (`tasks.push(t)`, `hits[ip]++`, `this.queue = []`). Whether request-time code ever reads
 * back what it changes is what tells state that answers depend on from bookkeeping (a counter no one reads, a
 * buffer only a timer drains).
 */


/** Marks the root of a changed expression (`tasks` in `tasks.push(t)`, `this` in `this.q = []`): not a read. */
export function markChanged(w: WalkState, target: ts.Expression): void {
  w.changedRoots.add(chainRoot(target).root);
}

/**
 * An identifier visited: an import used as a value (anywhere), and inside a function, a read of module
 * state when it names some.
 */
export function recordIdentifierRef(w: WalkState, id: ts.Identifier): void {
  if (!isReference(id)) return;
  const b = w.scope.lookup(id.text);
  if (!b) return;
  if (b.kind === 'import') valueImport(w, id.text);
  if (!w.fn || w.changedRoots.has(id)) return;
  const p = id.parent;
  const member = p && tsv.isPropertyAccessExpression(p) && p.expression === id ? p.name.text : undefined;
  const kept = b.kind === 'local' ? capturedState(w, b) : undefined;
  if (kept) add(w, kept);
  else if (b.kind === 'module') {
    add(w, member && namesClass(w, id.text) ? `${id.text}.${member}` : id.text);
  } else if (b.kind === 'import' && b.v.k === 'imp' && !b.v.m.startsWith('node:')) {
    add(w, b.v.n === '*' && member ? `${id.text}.${member}` : id.text);
  }
}

/** `this.x` read inside a class: its instance field (or static, in a static member). */
export function recordThisRef(w: WalkState, node: ts.Node): void {
  if (!w.fn || !w.thisCls || w.changedRoots.has(node)) return;
  const p = node.parent;
  if (!p || !tsv.isPropertyAccessExpression(p) || p.expression !== node) return;
  const cls = w.facts.classes[w.thisCls.id];
  const member = p.name.text.replace(/^#/, '');
  add(w, w.thisCls.isStatic ? `${cls?.name ?? ''}.${member}` : `${w.thisCls.id}#${member}`);
}

function valueImport(w: WalkState, local: string): void {
  const v = (w.facts.valueImports ??= { top: [], any: [] });
  if (!v.any.includes(local)) v.any.push(local);
  if (!w.fn && !v.top.includes(local)) v.top.push(local);
}

function add(w: WalkState, name: string): void {
  const f = w.facts.functions[w.fn!];
  if (!f) return;
  const refs = (f.refs ??= []);
  if (refs.length < MAX_REFS && !refs.includes(name)) refs.push(name);
}

/** Is this identifier a reference to a binding (not a member name, a declared name or a label)? */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if ((tsv.isPropertyAccessExpression(p) || tsv.isQualifiedName(p)) && (p as ts.PropertyAccessExpression).name === id) return false;
  if (tsv.isPropertyAssignment(p) || tsv.isMethodDeclaration(p) || tsv.isPropertyDeclaration(p) || tsv.isGetAccessor(p) || tsv.isSetAccessor(p) ||
    tsv.isPropertySignature(p) || tsv.isMethodSignature(p) || tsv.isEnumMember(p)) return (p as { name?: ts.Node }).name !== id;
  if (tsv.isVariableDeclaration(p) || tsv.isParameter(p) || tsv.isFunctionDeclaration(p) || tsv.isFunctionExpression(p) ||
    tsv.isClassDeclaration(p) || tsv.isClassExpression(p) || tsv.isBindingElement(p)) {
    return (p as { name?: ts.Node }).name !== id && (!tsv.isBindingElement(p) || p.propertyName !== id);
  }
  if (tsv.isLabeledStatement(p) || tsv.isBreakStatement(p) || tsv.isContinueStatement(p) || tsv.isJsxAttribute(p) || tsv.isTypeReferenceNode(p)) return false;
  return true;
}

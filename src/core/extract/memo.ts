import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import { isFunctionLike, returns, unwrap } from './syntax';
import { valTarget } from './stateTargets';
import type { WalkState } from './walkState';
import { escapeRe } from '../text';

/**
 * Memoisation and lazy initialisation: module state that is only filled when missing (a cache of
 * `f(k)`, a client made on first use) is not state a replica loses. Told from the shape of the code
 * around a mutation, never from names.
 */

/**
 * Is this `map.set(k, …)` reached only when the key was missing — inside `if (!cached) { … }`, or after
 * `if (cached) return cached;` — where `cached` came from the same map? That is memoisation; an
 * unconditional `set` of a value built from the old one (`balances.set(id, old + delta)`) is state.
 */
export function fillsIfAbsent(w: WalkState, at: ts.Node, { name, bare }: { name: string; bare: string }): boolean {
  const mentions = (cond: ts.Expression): boolean => {
    const text = cond.getText(w.sf);
    if (new RegExp(`\\b${escapeRe(bare)}\\b`).test(text)) return true;
    for (const id of text.match(/[A-Za-z_$][\w$]*/g) ?? []) {
      const b = w.scope.lookup(id);
      if (b?.kind === 'local' && valTarget(w, b.v)?.name === name) return true;
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
export function isLazy(w: WalkState, assign: ts.BinaryExpression, name: string): boolean {
  const op = assign.operatorToken.kind;
  if (op === tsv.SyntaxKind.QuestionQuestionEqualsToken || op === tsv.SyntaxKind.BarBarEqualsToken || op === tsv.SyntaxKind.AmpersandAmpersandEqualsToken) return true;
  const right = unwrap(assign.right);
  // `x = undefined` clears a lazily made value so that the next call makes it again
  if (right.kind === tsv.SyntaxKind.NullKeyword || (tsv.isIdentifier(right) && right.text === 'undefined') || tsv.isVoidExpression(right)) return true;
  const bare = name.replace(/^.*[#.]/, '');
  if (insideAbsenceGuard(w, assign, bare, true)) return true;
  // tested earlier in the same function: `if (this.provider) return this.provider;` … `this.provider = …`
  const tests = (w.fn && w.facts.functions[w.fn]?.tests) || [];
  const isThis = name.includes('#') || name.includes('.');
  const before = tests.filter(([, off]) => off < assign.getStart(w.sf));
  // (unless a field of the value is tested too, `if (cache && cache.expires > Date.now()) return cache.body`: a value
  // refreshed when it is stale is a cache of data that changes, not one made once)
  if (!isThis && before.some(([n, , member]) => n === bare && !!member)) return false;
  return before.some(([n, , member]) => (isThis ? n === 'this' && member === bare : n === bare && !member));
}

/**
 * Is `node` inside code that runs only while `bare` is missing (`if (!build) { … }`, `x ?? …`)? Then what it
 * does to `bare` is its one-time making, not a change (`build = {}; build.sha = readSha();`).
 */
export function insideAbsenceGuard(w: WalkState, node: ts.Node, bare: string, orDefault = false): boolean {
  for (let n: ts.Node | undefined = node.parent; n && !isFunctionLike(n); n = n.parent) {
    if (tsv.isIfStatement(n) || tsv.isConditionalExpression(n)) {
      const text = n.getChildAt(tsv.isIfStatement(n) ? 2 : 0, w.sf)?.getText(w.sf) ?? '';
      // (a guard that also asks how old the value is, `|| Date.now() - x.fetchedAt > ttl`, refreshes it when stale:
      // a cache of data that changes, not a value made once)
      // (`!this.x`, and `!Orca._instances` of a static field or `!self.cache` of a module object)
      if (new RegExp(`(!\\s*(this\\.|[A-Za-z_$][\\w$]*\\.)?${escapeRe(bare)}\\b)|\\b${escapeRe(bare)}\\s*(===?|!==?)\\s*(undefined|null)`).test(text)) return !CLOCK_READ.test(text);
    }
    if (orDefault && tsv.isBinaryExpression(n) && (n.operatorToken.kind === tsv.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === tsv.SyntaxKind.BarBarToken)) return true;
  }
  return false;
}

/** A read of the clock in a condition: `Date.now()`, `new Date()`, `performance.now()`, `process.hrtime`. */
const CLOCK_READ = /\bDate\.now\(\)|\bnew Date\(\)|\bperformance\.now\(\)|\bprocess\.hrtime\b/;

function isWithin(node: ts.Node, outer: ts.Node): boolean {
  return node.pos >= outer.pos && node.end <= outer.end;
}


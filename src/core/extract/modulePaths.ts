// Module paths a program computes from its own folder: `require(path.join(__dirname, '..', 'build', 'server'))`,
// also through a module constant (`const ROOT = path.join(path.dirname(fs.realpathSync(__filename)), '..', 'build')`).
// What such a `require` loads is as much an import as a literal path is: the entry of a runtime unit is often a
// launcher that loads the built server this way. And which module's member a callee is (`path.join`, `promisify`).
import type { ts } from 'ts-morph';
import posix from 'node:path/posix';
import { tsv } from '../compiler';
import type { Val } from '../facts';
import { unwrap } from './syntax';
import type { WalkState } from './walkState';

/** What part of a path is known: the file itself, a folder relative to the file's own, or literal text. */
type Known = { file: true } | { rel: string } | { lit: string };

const PATH_MODULES = new Set(['path', 'node:path', 'path/posix', 'node:path/posix']);

/**
 * The module and member a callee names: `path.join` (the module imported or required whole), or `join` imported or
 * destructured from it (`const { join } = require('node:path')`). A module constant is read through its binding.
 */
export function moduleMember(w: WalkState, callee: ts.Expression): { m: string; n: string } | undefined {
  const through = (x: Val | undefined): Val | undefined => (x?.k === 'ref' ? w.facts.bindings[x.n] : x?.k === 'bound' ? x.v : x);
  const e = unwrap(callee);
  if (tsv.isPropertyAccessExpression(e) && tsv.isIdentifier(e.expression)) {
    const o = through(w.scope.lookup(e.expression.text)?.v);
    return o?.k === 'imp' && (o.n === '*' || o.n === 'default') ? { m: o.m, n: e.name.text } : undefined;
  }
  if (!tsv.isIdentifier(e)) return undefined;
  const v = through(w.scope.lookup(e.text)?.v);
  if (v?.k === 'imp') return { m: v.m, n: v.n };
  if (v?.k !== 'prop') return undefined;
  const o = through(v.o);
  return o?.k === 'imp' ? { m: o.m, n: v.n } : undefined;
}

/** The function of the `path` module a callee names (`path.join`, or `join` imported or destructured by name). */
function pathFunction(w: WalkState, callee: ts.Expression): string | undefined {
  const named = moduleMember(w, callee);
  return named && PATH_MODULES.has(named.m) ? named.n : undefined;
}

/** `fs.realpathSync(x)` (or `realpathSync(x)`): the same path, its links resolved. */
function isRealpath(callee: ts.Expression): boolean {
  const name = tsv.isPropertyAccessExpression(callee) ? callee.name.text : tsv.isIdentifier(callee) ? callee.text : '';
  return name === 'realpathSync';
}

function known(w: WalkState, expr: ts.Expression, depth: number): Known | undefined {
  if (depth > 8) return undefined;
  const e = unwrap(expr);
  if (tsv.isStringLiteralLike(e)) return { lit: e.text };
  if (tsv.isIdentifier(e)) {
    if (w.scope.lookup(e.text)) return w.scope.lookup(e.text)?.kind === 'module' ? w.modulePaths.get(e.text) : undefined;
    if (e.text === '__dirname') return { rel: '.' };
    if (e.text === '__filename') return { file: true };
    return undefined;
  }
  if (!tsv.isCallExpression(e)) return undefined;
  const args = e.arguments.map((a) => known(w, a, depth + 1));
  if (isRealpath(e.expression) && args.length === 1) return args[0];
  const fn = pathFunction(w, e.expression);
  if (fn === 'dirname' && args.length === 1) {
    const a = args[0];
    return a && 'file' in a ? { rel: '.' } : a && 'rel' in a ? { rel: posix.dirname(a.rel) } : undefined;
  }
  if ((fn === 'join' || fn === 'resolve') && args.length > 0) {
    const [first, ...rest] = args;
    if (!first || !('rel' in first) || rest.some((a) => !a || !('lit' in a) || (fn === 'resolve' && a.lit.startsWith('/')))) return undefined;
    return { rel: posix.join(first.rel, ...rest.map((a) => (a as { lit: string }).lit)) };
  }
  return undefined;
}

/**
 * A folder's every module, required by a name read from it (`require(routesApi + file)` over
 * `fs.readdirSync(routesApi)`, `require(`./plugins/${name}`)`): the folder (a literal, or a module constant holding one,
 * relative to the file) followed by `/*`. Resolving it gives each source file directly in the folder.
 */
function folderSpec(w: WalkState, e: ts.Expression): string | undefined {
  // `'./svc/' + process.env.ROLE + '.ts'`: the extension after the computed name says nothing of which module
  while (tsv.isBinaryExpression(e) && e.operatorToken.kind === tsv.SyntaxKind.PlusToken && isExtension(unwrap(e.right))) e = unwrap(e.left);
  let head: ts.Expression | undefined;
  if (tsv.isBinaryExpression(e) && e.operatorToken.kind === tsv.SyntaxKind.PlusToken && !tsv.isStringLiteralLike(unwrap(e.right))) head = unwrap(e.left);
  const folder = head && tsv.isStringLiteralLike(head) ? head.text
    : head && tsv.isIdentifier(head) && w.scope.lookup(head.text)?.kind === 'module' ? strOf(w.facts.bindings[head.text]) : undefined;
  if (tsv.isTemplateExpression(e) && e.templateSpans.length === 1 && /^(\.[cm]?[jt]sx?)?$/.test(e.templateSpans[0].literal.text) && e.head.text) return globOf(e.head.text);
  return folder === undefined ? undefined : globOf(folder);
}

/** `'.ts'`, `'.js'`, `'.mjs'`: a module file's extension, written after a computed name. */
function isExtension(e: ts.Expression): boolean {
  return tsv.isStringLiteralLike(e) && /^\.[cm]?[jt]sx?$/.test(e.text);
}

function strOf(v: Val | undefined): string | undefined {
  return v?.k === 'str' && !v.pre ? v.s : undefined;
}

/** `./routes/api/` → `./routes/api/*`; only a relative folder (a name that ends with `/`). */
function globOf(folder: string): string | undefined {
  if (!/^\.\.?\//.test(folder) || !folder.endsWith('/') || folder.includes('node_modules')) return undefined;
  return `${posix.normalize(folder).replace(/\/$/, '')}/*`.replace(/^(?!\.)/, './');
}

/** The module spec (`./…` or `../…`) an expression computes from the file's own folder, if it does. */
export function computedSpec(w: WalkState, expr: ts.Expression): string | undefined {
  const glob = folderSpec(w, unwrap(expr));
  if (glob) return glob;
  const k = known(w, expr, 0);
  if (!k || !('rel' in k) || k.rel.split('/').includes('node_modules')) return undefined;
  return k.rel === '..' || k.rel.startsWith('../') ? k.rel : `./${k.rel}`;
}

/** A module constant whose initializer is a path from the file's own folder: kept for the requires that use it. */
export function noteModulePath(w: WalkState, name: string, init: ts.Expression): void {
  const k = known(w, init, 0);
  if (k && 'rel' in k) w.modulePaths.set(name, k);
}

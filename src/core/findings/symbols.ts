import path from 'node:path';
import type { ts as TS } from 'ts-morph';
import { tsv as ts } from '../compiler';
import type { SymbolCache } from '../cache/symbols';
import { readText } from '../read';

/** Parsed files by path and text (`path\0text`), for indexes that read the same files. */
export type SharedTrees = Map<string, TS.SourceFile>;

/**
 * Files read from one folder by path, for indexes of that same folder (a diff whose base is the working
 * tree with some files' base text laid over it reads each other file once).
 */
export type SharedReads = Map<string, string | undefined>;

/** Files read for findings are bounded like the analysis' own reads. */
const MAX_SOURCE = 4 * 1024 * 1024;

/**
 * The source files of one workspace, read once each, for what findings need beyond the map: the
 * enclosing symbol of a line, the word at a column, and suppression comments. A file that cannot be read
 * (a map loaded from JSON, a deleted file) gives `<module>` and no word: identities stay computable.
 */
export class SourceIndex {
  private readonly texts: SharedReads;
  private readonly trees = new Map<string, TS.SourceFile | undefined>();
  private readonly overlay: ReadonlyMap<string, string> | undefined;
  private readonly shared: SharedTrees | undefined;
  private readonly cache: SymbolCache | undefined;

  /**
   * `overlay`: text of files that differ from the disk (an editor's unsaved changes), read instead of it.
   * `shared`: trees by path and text, shared with another index (a diff's base and head: a file the change
   * did not touch is parsed once). `cache`: symbols found before, by file text (no parse for those).
   * `reads`: files read from `root`, shared with another index of the same folder.
   */
  constructor(readonly root: string | undefined, opts: { overlay?: ReadonlyMap<string, string>; shared?: SharedTrees; cache?: SymbolCache; reads?: SharedReads } = {}) {
    this.overlay = opts.overlay;
    this.shared = opts.shared;
    this.cache = opts.cache;
    this.texts = opts.reads ?? new Map();
  }

  text(file: string): string | undefined {
    const open = this.overlay?.get(file);
    if (open !== undefined) return open;
    if (!this.texts.has(file)) {
      const abs = this.root ? path.join(this.root, file) : undefined;
      this.texts.set(file, abs ? readText(abs, file, 0, MAX_SOURCE).text : undefined);
    }
    return this.texts.get(file);
  }

  private tree(file: string): TS.SourceFile | undefined {
    if (!this.trees.has(file)) {
      const text = this.text(file);
      const key = text === undefined ? undefined : `${file}\0${text}`;
      let sf = key === undefined ? undefined : this.shared?.get(key);
      if (!sf && text !== undefined && /\.[cm]?[jt]sx?$/.test(file)) {
        sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
        if (key !== undefined) this.shared?.set(key, sf);
      }
      this.trees.set(file, sf);
    }
    return this.trees.get(file);
  }

  /** `Class.method`, `handler`, `app.post('/orders')` (a callback named by its call), or `<module>`. */
  symbolAt(file: string, line: number, column: number): string {
    const text = this.cache ? this.text(file) : undefined;
    const known = text === undefined ? undefined : this.cache!.symbols(file, text);
    const k = `${line}:${column}`;
    const hit = known?.[k];
    if (hit !== undefined) return hit;
    const symbol = this.parseSymbolAt(file, line, column);
    if (known) {
      known[k] = symbol;
      this.cache!.touch();
    }
    return symbol;
  }

  private parseSymbolAt(file: string, line: number, column: number): string {
    const sf = this.tree(file);
    if (!sf) return '<module>';
    let pos: number;
    try {
      pos = sf.getPositionOfLineAndCharacter(line - 1, Math.max(0, column - 1));
    } catch {
      return '<module>';
    }
    const names: string[] = [];
    const visit = (node: TS.Node): void => {
      const name = nameOf(node, sf);
      if (name) names.push(name);
      const child = node.getChildren(sf).find((c: TS.Node) => c.getStart(sf) <= pos && pos < c.getEnd());
      if (child) visit(child);
    };
    visit(sf);
    return names.length ? names.join('.') : '<module>';
  }

  /** The identifier (with dots) that starts at a column, e.g. `setInterval`, `recentlyViewed`; '' if none. */
  wordAt(file: string, line: number, column: number): string {
    const text = this.text(file);
    const l = text?.split('\n')[line - 1];
    if (l === undefined) return '';
    return /^[\w$.]*/.exec(l.slice(Math.max(0, column - 1)))![0].slice(0, 80);
  }
}

function nameOf(node: TS.Node, sf: TS.SourceFile): string | undefined {
  if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isMethodDeclaration(node)) return node.name?.getText(sf) ?? '<anonymous>';
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.parent) {
    const p = node.parent;
    if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return p.name.getText(sf);
    if (ts.isCallExpression(p)) {
      const arg = p.arguments.find((a) => ts.isStringLiteralLike(a));
      const callee = p.expression.getText(sf).replace(/\s+/g, '').slice(0, 60);
      return arg ? `${callee}(${JSON.stringify((arg as TS.StringLiteral).text).slice(0, 60)})` : `${callee}()`;
    }
    if (ts.isFunctionExpression(node) && node.name) return node.name.getText(sf);
  }
  return undefined;
}

import type { ts } from 'ts-morph';
import { tsv } from '../compiler';

/**
 * How deep brackets may nest in a file the parser ran out of stack on. TypeScript's parser recurses
 * per level and gives up first on nested arrow functions with block bodies (about 700 levels on
 * Node's default stack); a third of that leaves room for whatever else a level holds.
 */
export const MAX_NESTING = 200;

/** Doc comments are never read (claims come from the text): the parser skips them. */
const PARSE_OPTIONS: ts.CreateSourceFileOptions = { languageVersion: tsv.ScriptTarget.Latest, jsDocParsingMode: tsv.JSDocParsingMode.ParseNone };

/** The source file, or a problem when the text had to be cut down for the parser to read it. */
export interface Parsed {
  sf: ts.SourceFile;
  /** Set when part of the file was blanked: what was left out, for the file's `problems`. */
  problem?: string;
}

/**
 * Parses a file, even one nested too deep for the parser's recursion (generated code, data written
 * as code): the parts below `MAX_NESTING` brackets are blanked and reported, so that what surrounds
 * them keeps its facts. Nesting without brackets (thousands of chained `?:` or `else if`) that still
 * overflows keeps the longest run of leading lines that parses.
 */
export function parseSource(file: string, code: string, kind: ts.ScriptKind): Parsed {
  const parse = (text: string) => tsv.createSourceFile(file, text, PARSE_OPTIONS, false, kind);
  const whole = tryParse(parse, code);
  if (whole) return { sf: whole };
  const variant = kind === tsv.ScriptKind.TSX || kind === tsv.ScriptKind.JSX ? tsv.LanguageVariant.JSX : tsv.LanguageVariant.Standard;
  const flat = flattenNesting(code, variant, MAX_NESTING);
  if (flat) {
    const sf = tryParse(parse, flat.text);
    if (sf) return { sf, problem: `nesting deeper than ${MAX_NESTING} levels at line ${flat.line}: facts below it are not analysed` };
  }
  const text = flat?.text ?? code;
  const lines = text.split('\n');
  // the largest number of leading lines that parses; the first line alone always does
  let lo = 0;
  let hi = lines.length;
  let best = parse(keepLines(lines, 0));
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const sf = tryParse(parse, keepLines(lines, mid));
    if (sf) {
      lo = mid;
      best = sf;
    } else hi = mid;
  }
  return { sf: best, problem: `nesting too deep to parse at line ${lo + 1}: facts from there on are not analysed` };
}

function tryParse(parse: (text: string) => ts.SourceFile, text: string): ts.SourceFile | undefined {
  try {
    return parse(text);
  } catch (err) {
    if (err instanceof RangeError) return undefined; // the parser ran out of call stack
    throw err;
  }
}

/** The first `n` lines, the rest blanked (line breaks kept, so positions stay those of the file). */
function keepLines(lines: string[], n: number): string {
  return lines.map((l, i) => (i < n ? l : ' '.repeat(l.length))).join('\n');
}

const OPERAND_ENDS: ReadonlySet<ts.SyntaxKind> = new Set([
  tsv.SyntaxKind.Identifier, tsv.SyntaxKind.NumericLiteral, tsv.SyntaxKind.BigIntLiteral, tsv.SyntaxKind.StringLiteral,
  tsv.SyntaxKind.NoSubstitutionTemplateLiteral, tsv.SyntaxKind.TemplateTail, tsv.SyntaxKind.RegularExpressionLiteral,
  tsv.SyntaxKind.CloseParenToken, tsv.SyntaxKind.CloseBracketToken, tsv.SyntaxKind.CloseBraceToken,
  tsv.SyntaxKind.ThisKeyword, tsv.SyntaxKind.SuperKeyword, tsv.SyntaxKind.TrueKeyword, tsv.SyntaxKind.FalseKeyword,
  tsv.SyntaxKind.NullKeyword, tsv.SyntaxKind.PlusPlusToken, tsv.SyntaxKind.MinusMinusToken,
]);

/**
 * The text with the inside of every bracket (`(`, `[`, `{`, `${`) nested deeper than `limit` blanked,
 * line breaks kept, and the line of the first blanked part; undefined when nothing nests that deep.
 * Tokens come from TypeScript's scanner, so brackets inside strings, comments and regular expressions
 * do not count (a regular expression is told from a division by the token before it, as parsers do).
 */
export function flattenNesting(text: string, variant: ts.LanguageVariant, limit: number): { text: string; line: number } | undefined {
  const scanner = tsv.createScanner(tsv.ScriptTarget.Latest, true, variant, text);
  const open: boolean[] = []; // per open bracket: is it a template's `${`?
  const cuts: Array<[number, number]> = [];
  let cutFrom = -1;
  const opened = (template: boolean) => {
    open.push(template);
    if (open.length === limit + 1) cutFrom = scanner.getTokenEnd();
  };
  const closed = () => {
    if (open.length === limit + 1 && cutFrom >= 0) cuts.push([cutFrom, scanner.getTokenStart()]);
    open.pop();
  };
  let prev: ts.SyntaxKind = tsv.SyntaxKind.Unknown;
  for (let t = scanner.scan(); t !== tsv.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
    if (t === tsv.SyntaxKind.OpenParenToken || t === tsv.SyntaxKind.OpenBracketToken || t === tsv.SyntaxKind.OpenBraceToken) opened(false);
    else if (t === tsv.SyntaxKind.TemplateHead) opened(true);
    else if (t === tsv.SyntaxKind.CloseBraceToken && open[open.length - 1]) {
      t = scanner.reScanTemplateToken(false);
      if (t === tsv.SyntaxKind.TemplateTail) closed();
    } else if (t === tsv.SyntaxKind.CloseParenToken || t === tsv.SyntaxKind.CloseBracketToken || t === tsv.SyntaxKind.CloseBraceToken) closed();
    else if ((t === tsv.SyntaxKind.SlashToken || t === tsv.SyntaxKind.SlashEqualsToken) && !OPERAND_ENDS.has(prev)) t = scanner.reScanSlashToken();
    prev = t;
  }
  if (open.length > limit && cutFrom >= 0) cuts.push([cutFrom, text.length]);
  if (cuts.length === 0) return undefined;
  let out = '';
  let at = 0;
  for (const [from, to] of cuts) {
    out += text.slice(at, from) + text.slice(from, to).replace(/[^\r\n]/g, ' ');
    at = to;
  }
  out += text.slice(at);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < cuts[0][0]; i = text.indexOf('\n', i + 1)) line++;
  return { text: out, line };
}

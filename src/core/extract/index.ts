import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import type { ClaimFact, FileFacts } from '../facts';
import { parseSource } from './deep';
import { addTextSignals } from './textSignals';
import { uniqueKeysOf } from '../discover/uniqueKeys';
import { Walker, type ExtractOptions } from './walker';

export { SOURCE_EXTENSIONS, isSourceFile } from '../sourceFiles';
import { extOf } from '../sourceFiles';

export type { ExtractOptions } from './walker';

const SCRIPT_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': tsv.ScriptKind.TS, '.mts': tsv.ScriptKind.TS, '.cts': tsv.ScriptKind.TS, '.tsx': tsv.ScriptKind.TSX,
  // JSX in .js files is common in React code: parse them leniently
  '.js': tsv.ScriptKind.JSX, '.jsx': tsv.ScriptKind.JSX, '.mjs': tsv.ScriptKind.JS, '.cjs': tsv.ScriptKind.JS,
};

/**
 * The `<script>` blocks of a Vue or Svelte single-file component, with everything else blanked so that
 * lines and columns stay those of the component file.
 */
export function scriptBlocks(text: string): { code: string; lang: 'ts' | 'js' } {
  const out = text.replace(/[^\n]/g, ' ').split('');
  let lang: 'ts' | 'js' = 'js';
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (const m of text.matchAll(re)) {
    if (/\blang\s*=\s*["']?ts/i.test(m[1])) lang = 'ts';
    const start = (m.index ?? 0) + m[0].indexOf('>') + 1;
    for (let i = 0; i < m[2].length; i++) out[start + i] = m[2][i];
  }
  return { code: out.join(''), lang };
}

const CLAIM_RE = /(@stateless\b|state-?map:\s*(stateless|stateful|not\s+stateless))/gi;

/** `@stateless` JSDoc tags and `state-map: stateless|stateful` comments. */
export function commentClaims(text: string): ClaimFact[] {
  const claims: ClaimFact[] = [];
  if (!/stateless|stateful/i.test(text)) return claims;
  for (const m of text.matchAll(CLAIM_RE)) {
    const at = m.index ?? 0;
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const lineEnd = text.indexOf('\n', at);
    const lineText = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
    const before = lineText.slice(0, at - lineStart);
    if (!/\/\/|\/\*|^\s*\*|<!--|#/.test(before)) continue; // only inside comments
    const word = (m[2] ?? 'stateless').toLowerCase();
    claims.push({ stateless: word === 'stateless', line: countLines(text, at), text: lineText.trim().slice(0, 200) });
  }
  return claims;
}

function countLines(text: string, upTo: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < upTo; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Time spent in TypeScript's parser, summed over files, while `on` (for `npm run bench`: the walk's cost against the parse). */
export const parseClock = { on: false, ms: 0 };

/**
 * Facts of one file. Never throws for the file's content: a syntax error becomes a problem and the
 * facts hold whatever the parser recovered.
 */
export function extractFile(file: string, text: string, opts: ExtractOptions): FileFacts {
  const ext = extOf(file);
  let code = text;
  let kind = SCRIPT_KINDS[ext] ?? tsv.ScriptKind.TS;
  if (ext === '.vue' || ext === '.svelte') {
    const block = scriptBlocks(text);
    code = block.code;
    kind = block.lang === 'ts' ? tsv.ScriptKind.TS : tsv.ScriptKind.JS;
  }
  // parents are set by the walk itself (see Walker.drain)
  const t0 = parseClock.on ? performance.now() : 0;
  const { sf, problem } = parseSource(file, code, kind);
  if (parseClock.on) parseClock.ms += performance.now() - t0;
  const facts = new Walker(sf, file, opts).run();
  facts.claims = commentClaims(text);
  addTextSignals(code, facts);
  const unique = uniqueKeysOf(code);
  if (unique.length > 0) facts.uniqueKeys = unique;
  const diags = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  // a blanked part leaves syntax errors of its own (`( )`): the problem says what was left out instead
  if (problem) facts.problems = [problem];
  else if (diags.length > 0) {
    const d = diags[0];
    const pos = sf.getLineAndCharacterOfPosition(d.start);
    const msg = tsv.flattenDiagnosticMessageText(d.messageText, ' ');
    facts.problems = [`syntax error at ${pos.line + 1}:${pos.character + 1}: ${msg}${diags.length > 1 ? ` (+${diags.length - 1} more)` : ''}; facts before and around it were kept`];
  }
  return facts;
}

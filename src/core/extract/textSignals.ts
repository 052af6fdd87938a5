// Words in the text of a function or of a use's lines, and token lifetimes, for the few things the
// symbolic values do not keep (a deny-list check in a verifying function, `fromBeginning: true` next to a
// subscribe, `expiresIn: 15 * 60`). Made per file with the other facts, from the text the extractor was
// given (an editor's unsaved buffer too), so the places never read the disk.
import type { FileFacts } from '../facts';
import { durationOf } from './duration';

/** Revocation mechanisms by the words that name them (also tried on targets and function names). */
export const MECHANISM_WORDS: ReadonlyArray<readonly [RegExp, 'deny-list' | 'token-version' | 'session']> = [
  [/revok|deny-?list|denylist|black-?list|block-?list|banned/i, 'deny-list'],
  [/token_?version|tokenversion|password_?changed_?at|passwordchangedat/i, 'token-version'],
  [/session/i, 'session'],
];

/** Signals of a function's text (`FunctionFact.sig`). */
const FUNCTION_SIGNALS: ReadonlyArray<readonly [RegExp, string]> = [
  ...MECHANISM_WORDS,
  [/idempotency[-_ ]?key/i, 'idempotency-header'],
];

/** Signals of the lines a use spans (`UseFact.sig`). */
const REGION_SIGNALS: ReadonlyArray<readonly [RegExp, string]> = [
  [/fromBeginning\s*:\s*true|TRIM_HORIZON|DeliverPolicy\.All|deliver_policy\s*:\s*['"]all/i, 'from-beginning'],
  [/\bNX\b|nx\s*:\s*true|unique|ON\s+CONFLICT/i, 'nx-or-unique'],
  [/ON\s+CONFLICT\s*\(\s*"?\w*(event|message|msg|delivery)_?id"?\s*\)\s*DO\s+NOTHING/i, 'unique-message-id'],
];

/** Where token lifetimes are written, tried in this order; `unitless` is what a bare number string means. */
export const LIFETIME_PATTERNS: ReadonlyArray<{ re: RegExp; unitless: 'ms' | 's' }> = [
  { re: /\bexpiresIn\s*:\s*([^,}\n]+)/g, unitless: 'ms' },
  { re: /\bsetExpirationTime\(\s*([^)\n]+)\)/g, unitless: 's' },
  { re: /\bexp\s*:\s*([^,}\n]+)/g, unitless: 's' },
  { re: /\b(expiresIn)\s*[,}]/g, unitless: 'ms' },
];
/** Matches of one lifetime pattern kept per file: the first in a sign call's lines, or in the file, is used. */
const MAX_LIFETIMES = 16;
/** Files without these words have no lifetimes to find (most files): one cheap test skips the patterns. */
const MAY_HAVE_LIFETIME = /expiresIn|setExpirationTime|\bexp\s*:/;

/** Matches of one signal kept per file: enough for any real file, bounded for a hostile one. */
const MAX_MATCHES = 10_000;

/**
 * Fills `sig` on the functions and uses of a file, and `lifetimes`, from its text. Each pattern runs once
 * over the whole text; a function or use has a signal when a match lies within its text (its lines, for a
 * use): linear in the text, however deeply functions and calls nest.
 */
export function addTextSignals(text: string, facts: FileFacts): void {
  const starts = lineStarts(text);
  const fnMatches = FUNCTION_SIGNALS.map(([re, id]) => ({ id, at: matchesOf(text, re) }));
  for (const fn of Object.values(facts.functions)) {
    const sig = fnMatches.filter((m) => within(m.at, fn.start, fn.end)).map((m) => m.id);
    if (sig.length > 0) fn.sig = sig;
  }
  const regionMatches = REGION_SIGNALS.map(([re, id]) => ({ id, at: matchesOf(text, re) }));
  for (const use of facts.uses) {
    const from = starts[Math.max(0, use.line - 1)] ?? text.length;
    const to = starts[Math.max(use.line, use.endLine)] ?? text.length;
    const sig = regionMatches.filter((m) => within(m.at, from, to)).map((m) => m.id);
    if (sig.length > 0) use.sig = sig;
  }
  if (!MAY_HAVE_LIFETIME.test(text)) return;
  const lifetimes: NonNullable<FileFacts['lifetimes']> = [];
  LIFETIME_PATTERNS.forEach(({ re, unitless }, p) => {
    let n = 0;
    for (const m of text.matchAll(re)) {
      if (n++ >= MAX_LIFETIMES) break;
      const seconds = durationOf(m[1], text, unitless);
      lifetimes.push([p, lineAt(starts, m.index ?? 0), seconds ?? null]);
    }
  });
  if (lifetimes.length > 0) facts.lifetimes = lifetimes;
}

/** Start and end offsets of a pattern's matches, in order (they do not overlap). */
function matchesOf(text: string, re: RegExp): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  for (const m of text.matchAll(global)) {
    out.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
    if (out.length >= MAX_MATCHES) break;
  }
  return out;
}

/** Whether a match lies within `[from, to)`: the first match starting at or after `from` ends first. */
function within(matches: ReadonlyArray<[number, number]>, from: number, to: number): boolean {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (matches[m][0] < from) lo = m + 1;
    else hi = m;
  }
  return lo < matches.length && matches[lo][1] <= to;
}

/** Offsets where each line starts (line 1 at index 0). */
function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** The 1-based line of an offset. */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

// Source text for the few facts the symbolic values do not keep (arithmetic such as `15 * 60`, the text
// of a verifying function). Read once per analysis and file, bounded; a file that cannot be read is none.
import fs from 'node:fs';
import path from 'node:path';

const MAX_TEXT = 1 << 20;

export type TextOf = (file: string) => string | undefined;

/** A reader of workspace files (posix relative), cached. */
export function textReader(root: string): TextOf {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      let text: string | undefined;
      try {
        const abs = path.join(root, file);
        if (fs.statSync(abs).size <= MAX_TEXT) text = fs.readFileSync(abs, 'utf8');
      } catch {
        text = undefined;
      }
      cache.set(file, text);
    }
    return cache.get(file);
  };
}

/** Lines `from`..`to` (1-based, inclusive) of a text. */
export function linesOf(text: string, from: number, to: number): string {
  return text.split(/\r?\n/).slice(Math.max(0, from - 1), Math.max(from, to)).join('\n');
}

// StateMaps built directly, with the given texts in every place a workspace can put text.
import fc from 'fast-check';
import type { StoreKind } from '../../../src/catalog';
import type { StateMap } from '../../../src/core/model/types';

/** Texts that break Markdown that is not escaped, each in its own way. */
export const HOSTILE = [
  'name\n<img src=x onerror=alert(1)>',
  'lone cr\r<img src=x onerror=alert(2)>',
  'crlf\r\n<div onclick=alert(3)>x</div>',
  'a | b | c',
  'tick ` and `` two',
  '`starts and ends`',
  '[link](https://evil.example) ![img](x.png)',
  '# heading ## not',
  '*star* _under_ **bold** ~~strike~~',
  '&amp; &lt;img&gt; &#60;b&#62; &#x3c;',
  'back\\slash \\| \\',
  '<script>alert(4)</script>',
  ' leading and trailing spaces ',
  '- list\n1. item\n> quote',
  'tab\there\u000bvt\u000cff\u0000nul\u007fdel\u0085nel\u2028ls',
  '---',
  'ünïcødé 服务 🚀 👩‍💻',
];

export interface MapTexts {
  name: string;
  root: string;
  storeLabel: string;
  instance: string;
  operation: string;
  target: string;
  file: string;
  claim: string;
  hazard: string;
  problemFile: string;
  problem: string;
}

/** One service per entry, each with a store it touches, a claim it breaks, a hazard and a problem. */
export function mapOf(texts: MapTexts[]): StateMap {
  const kinds: StoreKind[] = ['postgres', 'redis', 'kafka', 'memory', 's3'];
  return {
    schemaVersion: 1,
    root: '/work/app',
    services: texts.map((t, i) => ({
      id: `svc${i}`, name: t.name, root: t.root, kind: 'http-server',
      claim: { stateless: true, sources: [{ kind: 'readme', file: t.file, line: 3, text: t.claim }] },
      verdict: 'in-process-state', honest: false,
    })),
    stores: texts.map((t, i) => ({ id: `st${i}`, kind: kinds[i % kinds.length], label: t.storeLabel, instance: t.instance })),
    edges: texts.map((t, i) => ({
      service: `svc${i}`, store: `st${i}`, access: 'readwrite',
      locations: [{ file: t.file, line: 7, column: 3, operation: t.operation, access: 'readwrite', library: 'x', target: t.target }],
    })),
    hazards: texts.map((t, i) => ({ service: `svc${i}`, kind: 'module-mutable-state', file: t.file, line: 9, column: 1, message: t.hazard })),
    problems: texts.map((t) => ({ file: t.problemFile, message: t.problem })),
  };
}

/** Every field the same text. */
export function everywhere(text: string): MapTexts {
  return { name: text, root: text, storeLabel: text, instance: text, operation: text, target: text, file: text, claim: text, hazard: text, problemFile: text, problem: text };
}

/** Pieces of markup of Markdown, HTML and Mermaid, line breaks and controls, for texts made of them. */
const MARKUP = [
  '<img src=x onerror=alert(1)>', '<script>', '</div>', '<br>', '\n', '\r', '\r\n', '\u2028', '\u0000', '\u0085', '\t', ' ', '  ',
  '|', '\\', '`', '```', '*', '_', '~~', '#', '[', ']', '](x)', '(', ')', '!', '&amp;', '&#60;', '&', ';', '-', '1.', '>', '=',
  '"', "'", '{', '}', '%%', '-->', '-.->', '==>', ':::', 'end', 'subgraph', 'click', 'style', '#10;', 'a', 'Z', '9', 'ü', '服', '🚀', '\u00a0',
];

/** Any text: any code points, or a string of markup pieces (what breaks escaping is found far sooner so). */
export const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: fc.constantFrom(...MARKUP), maxLength: 10 }),
);

// The Markdown report as a reader sees it: rendered by markdown-it (GFM tables, strikethrough, raw HTML
// allowed as GitHub allows some), then parsed into a DOM to look for anything a name made.
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import MarkdownIt from 'markdown-it';

const markdownIt = new MarkdownIt({ html: true });

/** Every element the report makes itself; any other one came from the input. */
const OURS = new Set(['H1', 'H2', 'P', 'UL', 'LI', 'STRONG', 'CODE', 'PRE', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'BR', 'S']);

export function renderDom(markdown: string): Document {
  return new JSDOM(markdownIt.render(markdown)).window.document;
}

/** What a reader would compare: line breaks and other controls as spaces, runs of spaces as one, ends trimmed. */
export function flat(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/gu, ' ').trim();
}

/** No element or attribute the report does not make itself, and every table row as wide as its header. */
export function assertNothingInjected(doc: Document): void {
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    assert.ok(OURS.has(el.tagName), `an injected <${el.tagName.toLowerCase()}>: ${el.outerHTML.slice(0, 200)}`);
    const attrs = Array.from(el.attributes).map((a) => `${a.name}=${a.value}`);
    const allowed = el.tagName === 'CODE' && el.parentElement?.tagName === 'PRE' ? ['class=language-mermaid'] : [];
    assert.deepEqual(attrs.filter((a) => !allowed.includes(a)), [], `attributes on <${el.tagName.toLowerCase()}>`);
  }
  for (const table of Array.from(doc.querySelectorAll('table'))) {
    const width = table.querySelectorAll('thead th').length;
    for (const row of Array.from(table.querySelectorAll('tbody tr'))) assert.equal(row.children.length, width, `a row of ${row.children.length} cells under ${width} headers: ${row.textContent}`);
  }
}

/** The rows of the table whose header row is `headers`, as cell texts. */
export function tableRows(doc: Document, headers: string[]): string[][] {
  const tables = Array.from(doc.querySelectorAll('table')).filter((t) => Array.from(t.querySelectorAll('thead th')).map((th) => th.textContent).join('|') === headers.join('|'));
  return tables.flatMap((t) => Array.from(t.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.children).map((td) => td.textContent ?? '')));
}

// The server writes every label as Mermaid text with entities (render/mermaid.ts `escapeLabel`); its only
// markup is the line break `<br/>`. The webview holds that line itself: any other `<` becomes Mermaid's
// `#lt;` entity before Mermaid sees the text. Mermaid's sanitiser (DOMPurify) parses labels as HTML in an
// inert document, and Chromium (156 and later) reports an inline handler found there as a CSP violation
// even though it never runs; with this, no tag or attribute from the workspace reaches any HTML parser.

/** The Mermaid text with every `<` that does not open a plain `<br>`/`<br/>` written as `#lt;`. */
export function withoutMarkup(mermaidText: string): string {
  return mermaidText.replace(/<(?!br\s*\/?>)/gi, '#lt;');
}

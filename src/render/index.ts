import type { StateMap } from '../core/model/types';
import { renderMarkdown, type MarkdownOptions } from './markdown';
import { renderMermaid } from './fit';
import { renderSarif } from './sarif';

export type Format = 'markdown' | 'json' | 'mermaid' | 'sarif';
export const FORMATS: readonly Format[] = ['markdown', 'json', 'mermaid', 'sarif'];

export interface RenderOptions extends MarkdownOptions {
  version?: string;
}

/** The StateMap JSON, stable: keys in contract order, two-space indent, trailing newline. */
export function renderJson(map: StateMap): string {
  return JSON.stringify(map, null, 2) + '\n';
}

/** Renderers by name: pure functions from the model to text, shared by the CLI, the server and the webview. */
export const renderers: Record<Format, (map: StateMap, opts: RenderOptions) => string> = {
  markdown: (map, opts) => renderMarkdown(map, opts),
  json: (map) => renderJson(map),
  mermaid: (map, opts) => renderMermaid(map, opts),
  sarif: (map, opts) => renderSarif(map, { version: opts.version }),
};

export { renderMarkdown, renderMermaid, renderSarif };
export { fitMermaid, MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, type Collapse, type FittedMermaid } from './fit';
export { escapeLabel, mermaidWithIds, type MermaidIds, type MermaidOptions } from './mermaid';

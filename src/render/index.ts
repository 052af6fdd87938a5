import type { StateMap } from '../core/model/types';
import { renderMarkdown, type MarkdownOptions } from './markdown';
import { renderMermaid } from './fit';
import { renderSarif } from './sarif';
import { renderStylish } from './stylish';

export type Format = 'markdown' | 'json' | 'mermaid' | 'sarif' | 'stylish';
export const FORMATS: readonly Format[] = ['markdown', 'json', 'mermaid', 'sarif', 'stylish'];

export interface RenderOptions extends MarkdownOptions {
  version?: string;
  /** For `stylish`: ANSI colours. */
  color?: boolean;
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
  stylish: (map, opts) => renderStylish(map, { color: opts.color, showEnv: opts.showEnv }),
};

export { renderMarkdown, renderMermaid, renderSarif, renderStylish };
export { colorWanted } from './stylish';
export { fitMermaid, MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, type Collapse, type FittedMermaid } from './fit';
export { escapeLabel, mermaidWithIds, type MermaidIds, type MermaidOptions } from './mermaid';

// Mermaid's own parser, in Node: jsdom supplies the `window` and `document` it expects.
import { JSDOM } from 'jsdom';

export interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string; classes: string[] }>;
  getEdges(): Array<{ start: string; end: string; text: string }>;
  getSubGraphs(): Array<{ id: string; title: string; nodes: string[] }>;
}
interface MermaidLike {
  initialize(config: Record<string, unknown>): void;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: FlowDb }> };
}

let loaded: Promise<MermaidLike> | undefined;

/** The flowchart Mermaid parses from `text` (rejects on a parse error), with GitHub's default limits. */
export async function parseFlowchart(text: string): Promise<FlowDb> {
  loaded ??= (async () => {
    const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    const m = (await import('mermaid')).default as unknown as MermaidLike;
    m.initialize({ startOnLoad: false, securityLevel: 'strict', maxEdges: 500, maxTextSize: 50_000 });
    return m;
  })();
  return (await (await loaded).mermaidAPI.getDiagramFromText(text)).db;
}

/** Label text as shown: Mermaid keeps `#NNN;` entity codes as `ﬂ°°NNN¶ß` until it draws; `<br/>` is a line break. */
export function shown(text: string | undefined): string {
  return (text ?? '')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/ﬂ°°(\d+)¶ß|#(\d+);/g, (_, a: string | undefined, b: string | undefined) => String.fromCodePoint(Number(a ?? b)));
}

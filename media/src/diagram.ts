// Drawing: Mermaid (bundled, strict security, themed from VS Code) and, for big maps, the ELK layout
// loaded on demand. After drawing, nodes and edges get their own click targets and tooltips.
import mermaid from 'mermaid';
import type { Target, ViewResult } from '../../src/protocol/messages';
import { PANEL_MAX_EDGES, PANEL_MAX_TEXT_SIZE } from '../../src/protocol/webview';
import { withoutMarkup } from './markup';
import { highlightIds } from './targets';
import { mermaidTheme, themeKind } from './theme';

let elk: Promise<boolean> | undefined;
let sequence = 0;

/** Loads the ELK chunk once, with the page's nonce; false when it cannot be loaded (dagre is used instead). */
function ensureElk(nonce: string, src: string): Promise<boolean> {
  elk ??= new Promise((resolve) => {
    const s = document.createElement('script');
    s.nonce = nonce;
    s.src = src;
    s.onload = () => {
      const layouts = (globalThis as { StateMapElkLayouts?: Parameters<typeof mermaid.registerLayoutLoaders>[0] }).StateMapElkLayouts;
      if (layouts) mermaid.registerLayoutLoaders(layouts);
      resolve(!!layouts);
    };
    s.onerror = () => resolve(false);
    document.head.appendChild(s);
  });
  return elk;
}

function initialize(layout: string): void {
  const style = getComputedStyle(document.documentElement);
  const theme = mermaidTheme((name) => style.getPropertyValue(name).trim(), themeKind(document.body.classList));
  // the markers' colours (panel.css): on the body, not <html>, whose style attribute is VS Code's
  for (const [k, v] of Object.entries(theme.marks)) document.body.style.setProperty(k, v);
  mermaid.initialize({
    startOnLoad: false,
    // labels come from user code: strict sanitises them and ignores `click` directives
    securityLevel: 'strict',
    theme: 'base',
    darkMode: theme.darkMode,
    themeVariables: theme.vars,
    fontFamily: String(theme.vars.fontFamily),
    maxTextSize: PANEL_MAX_TEXT_SIZE,
    maxEdges: PANEL_MAX_EDGES,
    suppressErrorRendering: true,
    layout,
    flowchart: { useMaxWidth: false, htmlLabels: true, padding: 12, nodeSpacing: 40, rankSpacing: 70 },
  });
}

export interface Drawn {
  svg: string;
  layout: string;
  ms: number;
  /** Set when ELK was wanted but could not be loaded. */
  fellBack?: boolean;
}

/**
 * Draws a view into `canvas`. Resolves undefined when a newer draw started meanwhile (its result wins).
 * Throws Mermaid's error when the text cannot be drawn.
 */
export async function draw(canvas: HTMLElement, text: string, wanted: string, page: { nonce: string; elkUri: string }): Promise<Drawn | undefined> {
  const mine = ++sequence;
  const started = performance.now();
  let layout = wanted;
  let fellBack = false;
  if (layout === 'elk' && !(await ensureElk(page.nonce, page.elkUri))) {
    layout = 'dagre';
    fellBack = true;
  }
  initialize(layout);
  const { svg } = await mermaid.render(`state-map-${mine}`, withoutMarkup(text));
  if (mine !== sequence) return undefined;
  canvas.innerHTML = svg;
  const el = canvas.querySelector('svg');
  if (el) el.style.maxWidth = 'none';
  return { svg, layout, ms: Math.round(performance.now() - started), fellBack };
}

/** Highlights a target's nodes and edge; returns the element to center on. */
export function highlight(canvas: HTMLElement, view: ViewResult, target: Target | undefined): Element | undefined {
  for (const el of Array.from(canvas.querySelectorAll('.sm-focused'))) el.classList.remove('sm-focused');
  canvas.classList.toggle('sm-has-focus', !!target);
  if (!target || !view.ids) return undefined;
  const { nodes, edgePrefixes } = highlightIds(target, view.ids);
  let center: Element | undefined;
  for (const n of nodes) {
    const el = canvas.querySelector(`g.node[id^="flowchart-${n}-"]`);
    if (el) {
      el.classList.add('sm-focused');
      center ??= el;
    }
  }
  for (const prefix of edgePrefixes) {
    for (const el of Array.from(canvas.querySelectorAll(`path.flowchart-link[id^="${prefix}"]`))) {
      el.classList.add('sm-focused');
      center = el;
    }
    for (const el of Array.from(canvas.querySelectorAll(`.label[data-id^="${prefix}"]`))) el.closest('g.edgeLabel')?.classList.add('sm-focused');
  }
  return center;
}

/**
 * Mermaid's SVG as a standalone XML document, for Export as SVG: its HTML labels (`<br>` inside
 * `<foreignObject>`) are HTML syntax, so the string is parsed as HTML and serialised again as XML.
 */
export function asXml(svg: string): string {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${svg}</body>`, 'text/html');
  const el = doc.body.querySelector('svg');
  return el ? new XMLSerializer().serializeToString(el) : svg;
}

// Drawing: Mermaid (bundled, strict security, themed from VS Code) and, for big maps, the ELK layout
// loaded on demand. After drawing, nodes and edges get their own click targets and tooltips.
import mermaid from 'mermaid';
import type { Target, ViewResult } from '../../src/protocol/messages';
import { PANEL_MAX_EDGES, PANEL_MAX_TEXT_SIZE } from '../../src/protocol/webview';
import { withoutMarkup } from './markup';
import { edgeTarget, highlightIds, nodeTarget, reverseIds, targetLabel } from './targets';
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
  nodes: number;
  layout: string;
  ms: number;
  /** Set when ELK was wanted but could not be loaded. */
  fellBack?: boolean;
}

/**
 * Draws a view into `canvas`. Resolves undefined when a newer draw started meanwhile (its result wins).
 * Throws Mermaid's error when the text cannot be drawn.
 */
export async function draw(canvas: HTMLElement, view: ViewResult, page: { nonce: string; elkUri: string }): Promise<Drawn | undefined> {
  const mine = ++sequence;
  const started = performance.now();
  let layout = view.layout;
  let fellBack = false;
  if (layout === 'elk' && !(await ensureElk(page.nonce, page.elkUri))) {
    layout = 'dagre';
    fellBack = true;
  }
  initialize(layout);
  const { svg } = await mermaid.render(`state-map-${mine}`, withoutMarkup(view.mermaid ?? ''));
  if (mine !== sequence) return undefined;
  canvas.innerHTML = svg;
  const nodes = decorate(canvas, view);
  return { svg, nodes, layout, ms: Math.round(performance.now() - started), fellBack };
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A node's label as one line: its lines (`<br>` in HTML labels, `<tspan>` rows in SVG ones) kept apart by a space. */
function labelText(g: Element): string {
  const parts: string[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
    else if (n.nodeName.toLowerCase() === 'br' || n.nodeName.toLowerCase() === 'tspan') parts.push(' ');
    for (const c of Array.from(n.childNodes)) walk(c);
  };
  walk(g);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Marks every node and edge with its target (`data-target`), a tooltip, and keyboard focus. */
function decorate(canvas: HTMLElement, view: ViewResult): number {
  const svg = canvas.querySelector('svg');
  if (!svg || !view.ids) return 0;
  svg.style.maxWidth = 'none';
  const rev = reverseIds(view.ids);
  const serviceNames = new Map((view.services ?? []).map((s) => [s.id, s.name]));
  const nodeText = new Map<string, string>();
  for (const g of Array.from(svg.querySelectorAll('g.node'))) {
    const m = /flowchart-([A-Za-z]+\d+)-\d+$/.exec(g.id);
    if (m) nodeText.set(m[1], labelText(g));
  }
  const ids = view.ids;
  const names = {
    service: (id: string) => serviceNames.get(id) ?? id,
    store: (id: string) => nodeText.get(ids.stores[id] ?? '') ?? id,
  };
  const mark = (el: Element, target: Target, focusable: boolean): void => {
    el.setAttribute('data-target', JSON.stringify(target));
    el.classList.add('sm-clickable');
    const label = targetLabel(target, names);
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = label;
    el.prepend(title);
    if (focusable) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'button');
      el.setAttribute('aria-label', label);
    }
  };
  let nodes = 0;
  for (const g of Array.from(svg.querySelectorAll('g.node'))) {
    const t = nodeTarget(g.id, rev);
    if (!t) continue;
    nodes++;
    mark(g, t, true);
  }
  for (const path of Array.from(svg.querySelectorAll<SVGPathElement>('path.flowchart-link'))) {
    const t = edgeTarget(path.id, rev);
    if (!t) continue;
    // a thin line is hard to hit: a wide transparent copy under it takes the clicks
    const hit = document.createElementNS(SVG_NS, 'path');
    hit.setAttribute('d', path.getAttribute('d') ?? '');
    hit.setAttribute('class', 'sm-hit');
    hit.setAttribute('data-edge', path.id);
    path.parentNode?.insertBefore(hit, path);
    mark(hit, t, false);
    path.setAttribute('data-target', JSON.stringify(t));
  }
  for (const label of Array.from(svg.querySelectorAll('g.edgeLabel g.label[data-id], g.edgeLabel .label[data-id]'))) {
    const t = edgeTarget(label.getAttribute('data-id') ?? '', rev);
    if (t) mark(label.closest('g.edgeLabel') ?? label, t, true);
  }
  return nodes;
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

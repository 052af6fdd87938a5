// The map with the keyboard. One stop in the page's Tab order (a roving tabindex): Tab and Shift+Tab then
// go through services in reading order, then stores, then edges; arrow keys follow the edges of the
// focused node (an edge: Left/Up to its service, Right/Down to its store); Enter or Space acts. The focus
// ring is drawn outside the element, above the diagram, in the theme's focus colour: no node's own border
// colour can replace it.

const SVG_NS = 'http://www.w3.org/2000/svg';
const ITEM = '[data-target][tabindex], [data-group][tabindex], [data-bundle][tabindex]';

interface Box {
  el: Element;
  cx: number;
  cy: number;
}

function box(el: Element): Box {
  const r = el.getBoundingClientRect();
  return { el, cx: r.left + r.width / 2, cy: r.top + r.height / 2 };
}

/** Reading order: rows top to bottom (centres within 12 px are one row), each row left to right. */
export function readingOrder(els: Element[]): Element[] {
  const boxes = els.map(box).sort((a, b) => a.cy - b.cy);
  const rows: Box[][] = [];
  for (const b of boxes) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(b.cy - row[0].cy) < 12) row.push(b);
    else rows.push([b]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.cx - b.cx)).map((b) => b.el);
}

export interface KeyboardHost {
  /** Enter or Space on an item (or a click): select, open a group, open a bundle's ends. */
  act(el: Element): void;
  /** Pans so that a rectangle of the viewport (client coordinates) is in view. */
  reveal(rect: DOMRect): void;
}

export class MapKeyboard {
  private order: Element[] = [];
  private current: string | undefined;

  constructor(
    private readonly canvas: HTMLElement,
    private readonly ring: HTMLElement,
    private readonly host: KeyboardHost,
  ) {
    canvas.addEventListener('keydown', (e) => this.key(e));
    canvas.addEventListener('focusin', (e) => this.focused(e.target as Element));
    canvas.addEventListener('focusout', () => this.hideRing());
  }

  /** After a draw: the order of the new elements; the entry stop is the element focused last, if drawn again. */
  refresh(): void {
    const items = Array.from(this.canvas.querySelectorAll(ITEM));
    const kind = (k: string) => items.filter((el) => el.getAttribute('data-kind') === k);
    const nodes = [...readingOrder(kind('service')), ...readingOrder(kind('store'))];
    const rank = new Map(nodes.map((n, i) => [n.id.replace(/^.*flowchart-([A-Za-z]+\d+)-\d+$/, '$1'), i]));
    const edges = items
      .filter((el) => el.hasAttribute('data-from'))
      .sort((a, b) => (rank.get(a.getAttribute('data-from')!) ?? 0) - (rank.get(b.getAttribute('data-from')!) ?? 0) || (rank.get(a.getAttribute('data-to')!) ?? 0) - (rank.get(b.getAttribute('data-to')!) ?? 0));
    this.order = [...nodes, ...edges];
    for (const el of this.order) el.setAttribute('tabindex', '-1');
    const entry = this.order.find((el) => this.keyOf(el) === this.current) ?? this.order[0];
    entry?.setAttribute('tabindex', '0');
    this.hideRing();
  }

  /** Makes the element for `key` (a data-target, data-group or data-bundle value) the entry stop of the next draw. */
  setCurrent(key: string): void {
    this.current = key;
  }

  /** Focuses the entry stop (after a redraw that replaced the focused element). */
  focusEntry(): void {
    const entry = this.order.find((el) => el.getAttribute('tabindex') === '0');
    if (entry) this.focusItem(entry);
  }

  /** The items in keyboard order (tests read it through the DOM's tabindex and this order). */
  items(): readonly Element[] {
    return this.order;
  }

  focusItem(el: Element): void {
    (el as HTMLElement | SVGElement).focus({ preventScroll: true });
  }

  /** Redraws the ring where the focused element now is (after a zoom or pan). */
  follow(): void {
    const el = document.activeElement;
    if (el && this.order.includes(el)) this.showRing(el);
  }

  private keyOf(el: Element): string {
    return el.getAttribute('data-target') ?? el.getAttribute('data-group') ?? el.getAttribute('data-bundle') ?? '';
  }

  private focused(el: Element): void {
    if (!this.order.includes(el)) return;
    for (const o of this.order) if (o !== el) o.setAttribute('tabindex', '-1');
    el.setAttribute('tabindex', '0');
    this.current = this.keyOf(el);
    this.host.reveal(el.getBoundingClientRect());
    this.showRing(el);
  }

  private key(e: KeyboardEvent): void {
    const el = e.target as Element;
    const i = this.order.indexOf(el);
    if (i < 0) return;
    let next: Element | undefined;
    if (e.key === 'Tab') next = this.order[i + (e.shiftKey ? -1 : 1)];
    else if (e.key.startsWith('Arrow')) next = this.along(el, e.key);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      this.host.act(el);
      return;
    } else return;
    // Tab past either end leaves the map the browser's way; an arrow with nowhere to go does nothing
    if (!next && e.key === 'Tab') return;
    e.preventDefault();
    e.stopPropagation();
    if (next) this.focusItem(next);
  }

  /** The node an arrow key leads to from `el` along its edges (from an edge: its ends). */
  private along(el: Element, key: string): Element | undefined {
    const nodeOf = (id: string | null) => this.order.find((o) => (o.id.match(/flowchart-([A-Za-z]+\d+)-\d+$/)?.[1] ?? o.getAttribute('data-group')) === id);
    if (el.hasAttribute('data-from')) return nodeOf(el.getAttribute(key === 'ArrowLeft' || key === 'ArrowUp' ? 'data-from' : 'data-to'));
    const id = el.id.match(/flowchart-([A-Za-z]+\d+)-\d+$/)?.[1] ?? el.getAttribute('data-group');
    const neighbours = new Set<Element>();
    for (const edge of this.order.filter((o) => o.hasAttribute('data-from'))) {
      if (edge.getAttribute('data-from') === id) neighbours.add(nodeOf(edge.getAttribute('data-to'))!);
      if (edge.getAttribute('data-to') === id) neighbours.add(nodeOf(edge.getAttribute('data-from'))!);
    }
    const [dx, dy] = ({ ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] } as Record<string, number[]>)[key] ?? [0, 0];
    const from = box(el);
    let best: { el: Element; score: number } | undefined;
    for (const n of neighbours) {
      if (!n) continue;
      const b = box(n);
      const ax = b.cx - from.cx;
      const ay = b.cy - from.cy;
      const along = ax * dx + ay * dy;
      if (along <= 0) continue;
      const score = along + 2 * Math.abs(ax * dy - ay * dx);
      if (!best || score < best.score) best = { el: n, score };
    }
    return best?.el;
  }

  private showRing(el: Element): void {
    this.hideRing();
    const target = el.hasAttribute('data-edge') ? this.edgeHalo(el) : el;
    const vp = this.ring.parentElement!.getBoundingClientRect();
    const r = target.getBoundingClientRect();
    Object.assign(this.ring.style, { left: `${r.left - vp.left - 4}px`, top: `${r.top - vp.top - 4}px`, width: `${r.width + 8}px`, height: `${r.height + 8}px` });
    this.ring.hidden = false;
  }

  /** An edge's focus: a halo in the focus colour around its line, under it, and the ring around its label. */
  private edgeHalo(hit: Element): Element {
    const line = this.canvas.querySelector(`path.flowchart-link[id="${CSS.escape(hit.getAttribute('data-edge') ?? '')}"]`);
    if (line) {
      const halo = document.createElementNS(SVG_NS, 'path');
      halo.setAttribute('d', line.getAttribute('d') ?? '');
      halo.setAttribute('class', 'sm-halo');
      line.parentNode?.insertBefore(halo, line);
    }
    const label = this.canvas.querySelector(`[data-edge-label="${CSS.escape(hit.getAttribute('data-edge') ?? '')}"]`);
    return label && label.getBoundingClientRect().width > 0 ? label : hit;
  }

  private hideRing(): void {
    this.ring.hidden = true;
    for (const h of Array.from(this.canvas.querySelectorAll('path.sm-halo'))) h.remove();
  }
}

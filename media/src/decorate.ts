// After Mermaid draws: every node, group and edge gets what it stands for (`data-target`, or `data-group`
// for a closed group of the overview), a tooltip and an accessible name. Edges say in words what their line
// style shows (read dotted, write solid, read and write thick). Keyboard order and focus are keyboard.ts's.
import type { ViewResult } from '../../src/protocol/messages';
import { accessText, type Graph } from './graph';
import { groupSummary, type Drawing } from './overview';
import { edgeTarget, nodeTarget, reverseIds, targetLabel } from './targets';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A node's label as one line: its lines (`<br>` in HTML labels, `<tspan>` rows in SVG ones) kept apart by a space. */
export function labelText(g: Element): string {
  const parts: string[] = [];
  const walk = (n: Node): void => {
    if (n.nodeType === Node.TEXT_NODE) parts.push(n.textContent ?? '');
    else if (n.nodeName.toLowerCase() === 'br' || n.nodeName.toLowerCase() === 'tspan') parts.push(' ');
    for (const c of Array.from(n.childNodes)) walk(c);
  };
  walk(g);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function titled(el: Element, label: string, focusable: boolean, description?: string, describeInTooltip = false): void {
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = describeInTooltip && description ? `${label} (${description})` : label;
  el.prepend(title);
  el.classList.add('sm-clickable');
  if (focusable) {
    el.setAttribute('tabindex', '-1');
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', label);
    if (description) el.setAttribute('aria-description', description);
  }
}

/** The Mermaid node id of a drawn node element (`flowchart-svc3-3` → `svc3`). */
export function nodeIdOf(el: Element): string | undefined {
  return /flowchart-([A-Za-z]+\d+)-\d+$/.exec(el.id)?.[1];
}

/** A wide transparent copy under a thin line takes its clicks; it is the edge's keyboard stop too. */
function hitPath(path: SVGPathElement): SVGPathElement {
  const hit = document.createElementNS(SVG_NS, 'path');
  hit.setAttribute('d', path.getAttribute('d') ?? '');
  hit.setAttribute('class', 'sm-hit');
  hit.setAttribute('data-edge', path.id);
  path.parentNode?.insertBefore(hit, path);
  return hit;
}

/** The ends of a drawn edge (`L_svc3_st4_0`, ELK's `L_svc3_st4_0_0`). */
function ends(edgeId: string): [string, string] | undefined {
  const m = /^L_([A-Za-z]+\d+)_([A-Za-z]+\d+)_\d+(?:_\d+)?$/.exec(edgeId);
  return m ? [m[1], m[2]] : undefined;
}

/** Marks nodes, groups and edges; returns how many service and store nodes were drawn (groups not counted). */
export function decorate(canvas: HTMLElement, view: ViewResult, graph: Graph | undefined, d: Drawing | undefined): number {
  const svg = canvas.querySelector('svg');
  if (!svg || !view.ids) return 0;
  const rev = reverseIds(view.ids);
  const serviceNames = new Map((view.services ?? []).map((s) => [s.id, s.name]));
  const nodeText = new Map<string, string>();
  for (const g of Array.from(svg.querySelectorAll('g.node'))) {
    const id = nodeIdOf(g);
    if (id) nodeText.set(id, labelText(g));
  }
  const ids = view.ids;
  const names = { service: (id: string) => serviceNames.get(id) ?? id, store: (id: string) => nodeText.get(ids.stores[id] ?? '') ?? id };
  const edgeAccess = new Map((graph?.edges ?? []).map((e) => [`${e.from}|${e.to}`, e]));
  let nodes = 0;
  for (const g of Array.from(svg.querySelectorAll('g.node'))) {
    const id = nodeIdOf(g) ?? '';
    const group = d?.closed.get(id);
    if (group && graph) {
      g.setAttribute('data-group', id);
      g.setAttribute('data-kind', group.kind);
      titled(g, `Group ${group.title}: ${groupSummary(group, graph)}. Enter or click opens it.`, true);
      g.setAttribute('aria-expanded', 'false');
      continue;
    }
    const t = nodeTarget(g.id, rev);
    if (!t) continue;
    nodes++;
    g.setAttribute('data-target', JSON.stringify(t));
    g.setAttribute('data-kind', t.kind);
    // the name says what Enter does; the description reads the node's label (claim, verdict, instance)
    titled(g, targetLabel(t, names), true, nodeText.get(id));
  }
  for (const path of Array.from(svg.querySelectorAll<SVGPathElement>('path.flowchart-link'))) {
    const pair = ends(path.id);
    if (!pair) continue;
    const t = edgeTarget(path.id, rev);
    const bundle = d?.bundles.get(`${pair[0]}|${pair[1]}`);
    const e = edgeAccess.get(`${pair[0]}|${pair[1]}`);
    const hit = hitPath(path);
    hit.setAttribute('data-from', pair[0]);
    hit.setAttribute('data-to', pair[1]);
    path.setAttribute('data-edge-of', pair.join('|'));
    if (t) {
      hit.setAttribute('data-target', JSON.stringify(t));
      path.setAttribute('data-target', JSON.stringify(t));
      titled(hit, targetLabel(t, names), true, e ? `${accessText(e.access)}, ${e.count} place${e.count === 1 ? '' : 's'} in the code` : undefined, true);
    } else if (bundle) {
      hit.setAttribute('data-bundle', `${pair[0]}|${pair[1]}`);
      titled(hit, `${bundle.edges} edge${bundle.edges === 1 ? '' : 's'} (${accessText(bundle.access)}, ${bundle.places} places in the code): Enter or click opens both ends`, true);
    }
  }
  for (const label of Array.from(svg.querySelectorAll('g.edgeLabel g.label[data-id], g.edgeLabel .label[data-id]'))) {
    const edgeId = label.getAttribute('data-id') ?? '';
    const t = edgeTarget(edgeId, rev);
    const owner = label.closest('g.edgeLabel') ?? label;
    owner.setAttribute('data-edge-label', edgeId);
    if (t) {
      owner.setAttribute('data-target', JSON.stringify(t));
      titled(owner, targetLabel(t, names), false);
    } else if (ends(edgeId)) {
      owner.setAttribute('data-bundle', ends(edgeId)!.join('|'));
      owner.classList.add('sm-clickable');
    }
  }
  return nodes;
}

// The map as data, read back from the Mermaid text the server sends (src/render/mermaid.ts writes it: one
// subgraph per service role or store family, one line per node and per edge, `class` lines for the
// markers). The webview regroups and redraws it from these lines (the overview, search) without ever
// writing a label of its own from workspace text: node and edge lines are kept verbatim, already escaped.

export type Access = 'read' | 'write' | 'readwrite';

export interface GraphNode {
  id: string;
  /** The node's line as the server wrote it (`    svc3["#64;shop/cart-api<br/>..."]`), trimmed. */
  line: string;
  /** The label as plain text (entities decoded, `<br/>` as a space), for search and counts. */
  text: string;
  kind: 'service' | 'store';
  classes: string[];
  /** The subgraph it was drawn in. */
  group: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  access: Access;
  /** How many places in the code (the `×n` of the label). */
  count: number;
  /** The label as the server escaped it (`read/write ×2`). */
  label: string;
}

export interface GraphGroup {
  id: string;
  /** The title as the server escaped it. */
  label: string;
  text: string;
  members: string[];
}

export interface Graph {
  direction: string;
  groups: GraphGroup[];
  nodes: Map<string, GraphNode>;
  edges: GraphEdge[];
  /** Invisible `a ~~~ b` links (the summary's grid rows). */
  links: Array<[string, string]>;
}

/** Mermaid's `#123;` entity codes as text; `<br/>` as a space. */
export function decode(label: string): string {
  return label
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/\s+/g, ' ')
    .trim();
}

const SUBGRAPH = /^subgraph (\w+)\["(.*)"\]$/;
const NODE = /^(\w+)(\S{0,2}?)"(.*)"(\S{0,2})$/;
const EDGE = /^(\w+) (-->|-\.->|==>) ?\|"(.*)"\| (\w+)$/;
const LINK = /^(\w+) ~~~ (\w+)$/;
const CLASS = /^class ([\w,]+) (\w+)$/;

function accessOf(arrow: string, label: string): Access {
  if (arrow === '-.->') return 'read';
  return /^read\/write/.test(label) || arrow === '==>' ? 'readwrite' : /^read\b/.test(label) ? 'read' : 'write';
}

/** Reads the server's flowchart; undefined when the text is not in that shape (it is then drawn as sent). */
export function parseGraph(text: string): Graph | undefined {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('%%'));
  const head = /^flowchart (\w+)$/.exec(lines[0] ?? '');
  if (!head) return undefined;
  const g: Graph = { direction: head[1], groups: [], nodes: new Map(), edges: [], links: [] };
  let group: GraphGroup | undefined;
  const classes: Array<[string[], string]> = [];
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = SUBGRAPH.exec(line))) {
      group = { id: m[1], label: m[2], text: decode(m[2]), members: [] };
      g.groups.push(group);
    } else if (line === 'end') {
      group = undefined;
    } else if ((m = EDGE.exec(line))) {
      const count = /×(\d+)/.exec(m[3]);
      g.edges.push({ from: m[1], to: m[4], access: accessOf(m[2], m[3]), count: count ? Number(count[1]) : 1, label: m[3] });
    } else if ((m = LINK.exec(line))) {
      g.links.push([m[1], m[2]]);
    } else if ((m = CLASS.exec(line))) {
      classes.push([m[1].split(','), m[2]]);
    } else if (line.startsWith('classDef ')) {
      // the server's fixed colours: the webview colours markers from the theme (panel.css)
    } else if ((m = NODE.exec(line)) && group) {
      const kind = m[1].startsWith('svc') ? 'service' : 'store';
      g.nodes.set(m[1], { id: m[1], line, text: decode(m[3]), kind, classes: [], group: group.id });
      group.members.push(m[1]);
    } else {
      // anything else (a node outside a subgraph, a directive) is not the server's shape
      return undefined;
    }
  }
  for (const [ids, cls] of classes) for (const id of ids) g.nodes.get(id)?.classes.push(cls);
  return g;
}

/** Mermaid text for a label the webview writes itself: every character but letters, digits and spaces as an entity. */
export function escape(text: string): string {
  let out = '';
  for (const ch of text) out += /^[\p{L}\p{N} ]$/u.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out.replace(/\b(end|click|style|classDef|class|subgraph|graph|flowchart|linkStyle|call|href)\b/gi, (w) => `#${w.charCodeAt(0)};${w.slice(1)}`);
}

/** The arrow for an access: read dotted, write solid, read and write thick. */
export function arrow(access: Access): string {
  return access === 'read' ? '-.->' : access === 'readwrite' ? '==>' : '-->';
}

export function accessText(access: Access): string {
  return access === 'readwrite' ? 'read/write' : access;
}

export function union(a: Access | undefined, b: Access): Access {
  return !a || a === b ? b : 'readwrite';
}

// The overview: when the whole map cannot be shown with labels of at least 11 px, services are grouped (by
// role, then folder) and stores by family, each group one node with its counts; a group opens in place
// (its members in a box) on a click or Enter. The same code draws the whole map (every group open), so a
// map always draws the same way from the same data.
import { accessText, arrow, escape, union, type Access, type Graph, type GraphNode } from './graph';

/** More members than this and a role's group is split by folder, then into runs of this many. */
export const MAX_GROUP = 10;

export interface OverviewGroup {
  /** The Mermaid id of the group's node (or of its box when open). */
  id: string;
  title: string;
  kind: 'service' | 'store';
  members: string[];
}

function folderOf(serviceId: string | undefined): string {
  if (!serviceId) return '';
  const i = serviceId.lastIndexOf('/');
  return i > 0 ? serviceId.slice(0, i) : '';
}

/** `list` in runs of at most `size`, as even as possible (12 → 6 + 6, not 10 + 2). */
function chunks<T>(list: T[], size: number): T[][] {
  const runs = Math.ceil(list.length / size);
  const each = Math.ceil(list.length / runs);
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += each) out.push(list.slice(i, i + each));
  return out;
}

/** The overview's groups: the server's role and family groups, big ones split by folder and then in runs. */
export function overviewGroups(g: Graph, serviceOf: (nodeId: string) => string | undefined, max = MAX_GROUP): OverviewGroup[] {
  const out: OverviewGroup[] = [];
  const add = (title: string, kind: 'service' | 'store', members: string[]) => out.push({ id: `ov${out.length}`, title, kind, members });
  for (const group of g.groups) {
    const members = group.members.filter((m) => g.nodes.has(m));
    if (!members.length) continue;
    const kind = g.nodes.get(members[0])!.kind;
    if (members.length <= max) {
      add(group.text, kind, members);
      continue;
    }
    const byFolder = new Map<string, string[]>();
    for (const m of members) {
      const key = kind === 'service' ? folderOf(serviceOf(m)) : '';
      byFolder.set(key, [...(byFolder.get(key) ?? []), m]);
    }
    for (const [folder, list] of byFolder) {
      const title = folder && byFolder.size > 1 ? `${group.text} in ${folder}/` : group.text;
      const runs = chunks(list, max);
      runs.forEach((run, i) => add(runs.length > 1 ? `${title} (${i + 1} of ${runs.length})` : title, kind, run));
    }
  }
  return out;
}

/** What a group holds, in words: "12 services · 2 ✗ broken claims". */
export function groupSummary(group: OverviewGroup, g: Graph): string {
  const nodes = group.members.map((m) => g.nodes.get(m)!);
  const n = nodes.length;
  const parts = [`${n} ${group.kind === 'service' ? (n === 1 ? 'service' : 'services') : n === 1 ? 'store' : 'stores'}`];
  const broken = nodes.filter((x) => x.classes.includes('broken')).length;
  const inproc = nodes.filter((x) => x.classes.includes('inproc')).length;
  if (broken) parts.push(`✗ ${broken} broken claim${broken === 1 ? '' : 's'}`);
  if (inproc) parts.push(`⚠ ${inproc} in process`);
  return parts.join(' · ');
}

function groupClasses(group: OverviewGroup, g: Graph): string[] {
  const nodes = group.members.map((m) => g.nodes.get(m)!);
  const cls: string[] = [];
  if (nodes.some((x) => x.classes.includes('broken'))) cls.push('broken');
  else if (nodes.some((x) => x.classes.includes('honest'))) cls.push('honest');
  if (nodes.some((x) => x.classes.includes('inproc'))) cls.push('inproc');
  return cls;
}

/** An edge between two groups (or a group and a node): every edge it stands for, merged. */
export interface Bundle {
  from: string;
  to: string;
  access: Access;
  edges: number;
  places: number;
}

export interface Drawing {
  text: string;
  /** Group node id → its group, for the groups drawn closed. */
  closed: Map<string, OverviewGroup>;
  /** `from|to` → the merged edge, for edges drawn between a closed group and anything. */
  bundles: Map<string, Bundle>;
}

/**
 * Mermaid text for the map with the given groups open (`'all'`: the whole map, in the server's groups).
 * `marked` nodes get the `smmatch` class (search hits).
 */
export function drawing(g: Graph, groups: OverviewGroup[], open: ReadonlySet<string> | 'all', marked: ReadonlySet<string> = new Set(), direction = g.direction): Drawing {
  const lines = [`flowchart ${direction}`];
  const closed = new Map<string, OverviewGroup>();
  const shownAs = new Map<string, string>();
  const nodeLine = (n: GraphNode) => `    ${n.line}`;
  if (open === 'all') {
    for (const group of g.groups) {
      const members = group.members.filter((m) => g.nodes.has(m));
      if (!members.length) continue;
      lines.push(`  subgraph ${group.id}["${group.label}"]`, ...members.map((m) => nodeLine(g.nodes.get(m)!)), '  end');
      for (const m of members) shownAs.set(m, m);
    }
  } else {
    for (const group of groups) {
      if (group.members.length === 1) {
        // a group of one is its member: the node says what it is, a box around it would only take room
        lines.push(`  ${g.nodes.get(group.members[0])!.line}`);
        shownAs.set(group.members[0], group.members[0]);
      } else if (open.has(group.id)) {
        lines.push(`  subgraph ${group.id}["${escape(group.title)}"]`, ...group.members.map((m) => nodeLine(g.nodes.get(m)!)), '  end');
        for (const m of group.members) shownAs.set(m, m);
      } else {
        closed.set(group.id, group);
        // a store group is rounded (no family's own shape: a group of caches is not a database)
        const shape = group.kind === 'service' ? ['[', ']'] : ['(', ')'];
        lines.push(`  ${group.id}${shape[0]}"${escape(group.title)}<br/>${escape(groupSummary(group, g))}"${shape[1]}`);
        for (const m of group.members) shownAs.set(m, group.id);
      }
    }
  }
  const bundles = new Map<string, Bundle>();
  for (const e of g.edges) {
    const from = shownAs.get(e.from);
    const to = shownAs.get(e.to);
    if (!from || !to) continue;
    if (from === e.from && to === e.to) {
      lines.push(`  ${from} ${arrow(e.access)}|"${e.label}"| ${to}`);
      continue;
    }
    const key = `${from}|${to}`;
    const b = bundles.get(key) ?? { from, to, access: e.access, edges: 0, places: 0 };
    b.access = union(b.access, e.access);
    b.edges++;
    b.places += e.count;
    bundles.set(key, b);
  }
  for (const b of bundles.values()) lines.push(`  ${b.from} ${arrow(b.access)}|"${escape(`${accessText(b.access)} · ${b.edges} edge${b.edges === 1 ? '' : 's'}`)}"| ${b.to}`);
  for (const [a, b] of g.links) if (shownAs.get(a) === a && shownAs.get(b) === b) lines.push(`  ${a} ~~~ ${b}`);
  const byClass = new Map<string, string[]>();
  const addClass = (id: string, cls: string) => byClass.set(cls, [...(byClass.get(cls) ?? []), id]);
  for (const [id, to] of shownAs) if (id === to) for (const c of g.nodes.get(id)!.classes) addClass(id, c);
  for (const [id, group] of closed) for (const c of groupClasses(group, g)) addClass(id, c);
  for (const id of marked) if (shownAs.get(id) === id) addClass(id, 'smmatch');
  for (const [cls, ids] of byClass) lines.push(`  class ${ids.join(',')} ${cls}`);
  return { text: lines.join('\n') + '\n', closed, bundles };
}

/** The part of the map a search keeps: nodes whose label holds `query` (any case) and their neighbours. */
export function narrow(g: Graph, query: string): { graph: Graph; hits: Set<string> } {
  const q = query.trim().toLowerCase();
  const hits = new Set([...g.nodes.values()].filter((n) => n.text.toLowerCase().includes(q)).map((n) => n.id));
  const keep = new Set(hits);
  for (const e of g.edges) {
    if (hits.has(e.from)) keep.add(e.to);
    if (hits.has(e.to)) keep.add(e.from);
  }
  const nodes = new Map([...g.nodes].filter(([id]) => keep.has(id)));
  return {
    graph: {
      ...g,
      nodes,
      groups: g.groups.map((gr) => ({ ...gr, members: gr.members.filter((m) => keep.has(m)) })).filter((gr) => gr.members.length),
      edges: g.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
      links: g.links.filter(([a, b]) => keep.has(a) && keep.has(b)),
    },
    hits,
  };
}

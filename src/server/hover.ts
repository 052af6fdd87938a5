import type { Edge, Hazard, Location, StateMap } from '../core/model/types';
import { md, mdProse, mdStrong } from '../render/markdown';
import { commandLink } from '../protocol/commands';
import { accessWord, claimPhrase, edgeNoteLines, indexes, storeName, verdictPhrase } from './describe';
import type { HazardSite, MapExtras } from './workerProtocol';

export interface HoverQuery {
  folder: string;
  map: StateMap;
  extras: Pick<MapExtras, 'sites'>;
  file: string;
  /** 1-based, like the map. */
  line: number;
  column: number;
  showEnvironment?: boolean;
  /** Whether the client runs `stateMap.showInMap` from a `command:` link (the VS Code extension does; other editors do not). */
  links?: boolean;
  /** While the folder is compared with a branch: what it was compared with, and the findings new in this branch on this line. */
  newInBranch?: { base: string; findings: ReadonlyArray<{ rule: string; operation?: string; column: number }> };
}

/** 1-based span of what the hover is about. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface HoverAnswer {
  markdown: string;
  span?: Span;
}

function contains(l: Location, line: number, column: number): boolean {
  if (l.endLine === undefined || l.endColumn === undefined) return l.line === line;
  if (line < l.line || line > l.endLine) return false;
  if (line === l.line && column < l.column) return false;
  return !(line === l.endLine && column > l.endColumn);
}

/** Smaller is tighter; a location without an end covers its whole line. */
function size(l: Location): number {
  if (l.endLine === undefined || l.endColumn === undefined) return Number.MAX_SAFE_INTEGER;
  return (l.endLine - l.line) * 100_000 + (l.endColumn - l.column);
}

/**
 * What the code under the cursor does to state: the store, read or write, the library, the service with
 * its claim and verdict, how many other places touch the same store, and a link that opens the map on
 * that edge. Undefined when the position touches no state.
 */
export function hoverAt(q: HoverQuery): HoverAnswer | undefined {
  const { map } = q;
  const idx = indexes(map);
  const hits: Array<{ edge: Edge; loc: Location }> = [];
  for (const edge of map.edges) {
    if (!q.showEnvironment && idx.store.get(edge.store)?.kind === 'env') continue;
    for (const loc of edge.locations) if (loc.file === q.file && contains(loc, q.line, q.column)) hits.push({ edge, loc });
  }
  const tightest = Math.min(...hits.map((h) => size(h.loc)));
  const chosen = hits.filter((h) => size(h.loc) === tightest);
  const hazards = map.hazards.filter((h) => h.file === q.file && h.line === q.line);
  const sites = q.extras.sites.filter((s) => s.file === q.file && s.line === q.line);
  if (chosen.length === 0 && hazards.length === 0 && sites.length === 0) return undefined;

  const parts: string[] = [];
  const seenEdges = new Set<Edge>();
  for (const { edge, loc } of chosen) {
    const store = idx.store.get(edge.store);
    const what = [mdStrong(storeName(store)), accessWord(loc.access), `\`${loc.operation.replace(/`/g, "'")}\``];
    if (loc.target) what.push(md(loc.target));
    what.push(`via ${md(loc.library)}`);
    parts.push(what.join(' · '));
    seenEdges.add(edge);
  }
  const service = idx.service.get(chosen[0]?.edge.service ?? hazards[0]?.service ?? map.hazards[sites[0]?.hazard ?? -1]?.service ?? '');
  if (service) parts.push(`Service ${mdStrong(service.name)} ${claimPhrase(service)} · verdict: ${verdictPhrase(service)}`);
  for (const edge of seenEdges) {
    for (const note of edgeNoteLines(edge, idx.store)) parts.push(mdProse(note));
    const others = map.edges.filter((e) => e.store === edge.store);
    const places = others.reduce((n, e) => n + e.locations.length, 0) - 1;
    const services = new Set(others.map((e) => e.service)).size;
    if (places > 0) {
      const inServices = services > 1 ? ` (in ${services} services)` : '';
      parts.push(`${md(storeName(idx.store.get(edge.store)))} is touched at ${places} other place${places === 1 ? '' : 's'}${inServices}.`);
    }
  }
  const fresh = newLine(q, chosen.map((c) => c.loc), hazards);
  if (fresh) parts.unshift(fresh);
  const shown = new Set<Hazard>();
  for (const h of hazards) {
    shown.add(h);
    parts.push(`⚠ **${h.kind}**: ${mdProse(h.message)}`);
  }
  for (const s of sites) parts.push(siteText(map, s, shown));
  const first = chosen[0];
  const hazard = hazards[0] ?? map.hazards[sites[0]?.hazard ?? -1];
  // a hazard's state is the edge to process memory (or disk) that starts where the hazard points
  const hazardEdge = hazard && map.edges.find((e) => e.service === hazard.service && e.locations.some((l) => l.file === hazard.file && l.line === hazard.line));
  const edge = first?.edge ?? hazardEdge;
  // a mutation site is a write to the module-level state's store, though no catalog call sits there
  if (!first && sites[0] && hazardEdge) parts.unshift(`${mdStrong(storeName(idx.store.get(hazardEdge.store)))} · write · \`${sites[0].binding.replace(/`/g, "'")}\``);
  const target = edge
    ? { kind: 'edge' as const, service: edge.service, store: edge.store }
    : service
      ? { kind: 'service' as const, service: service.id }
      : undefined;
  if (q.links !== false) parts.push(`[Show in State Map](${commandLink({ folder: q.folder, target })})`);

  const loc = first?.loc;
  const span = loc && loc.endLine !== undefined && loc.endColumn !== undefined ? { line: loc.line, column: loc.column, endLine: loc.endLine, endColumn: loc.endColumn } : undefined;
  return { markdown: parts.join('\n\n'), span };
}

/**
 * "New in this branch", when a finding the comparison added is what the hover shows: a store access of
 * the same operation at the hovered location, or a hazard on this line.
 */
function newLine(q: HoverQuery, locs: Location[], hazards: Hazard[]): string | undefined {
  const found = q.newInBranch?.findings ?? [];
  const access = found.some((f) => f.rule === 'store-access' && locs.some((l) => l.operation === f.operation && l.column === f.column));
  const hazard = found.some((f) => hazards.some((h) => h.kind === f.rule && h.column === f.column));
  return access || hazard ? `🆕 **New in this branch** (not on ${md(q.newInBranch!.base)})` : undefined;
}

function siteText(map: StateMap, s: HazardSite, shown: Set<Hazard>): string {
  const h = map.hazards[s.hazard];
  if (!h) return '';
  const at = s.file === h.file ? `line ${h.line}` : `${h.file}:${h.line}`;
  const head = `⚠ This changes \`${s.binding.replace(/`/g, "'")}\`, module-level state declared at ${at}`;
  if (shown.has(h)) return `${head}.`;
  shown.add(h);
  return `${head} (**${h.kind}**): ${mdProse(h.message)}`;
}

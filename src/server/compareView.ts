// What the panel and hovers show of a comparison (Compare with Branch): the change as Mermaid, marked in
// words and line style, and as a list of items; and whether a place is new in this branch.
import type { StateMapDiff } from '../core/diff';
import type { Finding } from '../core/findings';
import { diffDiagram } from '../render/diff';
import type { CompareInfo, CompareItem, ViewResult } from '../protocol/messages';

/** A comparison the server holds for a folder until the panel goes back to the map. */
export interface ActiveCompare {
  ref: string;
  diff: StateMapDiff;
  /** The folder's map version it was made against. */
  version: number;
}

function itemOf(f: Finding, change: CompareItem['change'], names: ReadonlyMap<string, string>, uriOf?: (file: string) => string): CompareItem {
  const base = change === 'removed';
  return {
    change, rule: f.rule, service: names.get(f.service) ?? f.service, text: f.message, where: `${f.file}:${f.line}${base ? ' (base)' : ''}`,
    ...(!base && uriOf ? { uri: uriOf(f.file), range: { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.line - 1, character: f.column - 1 } } } : {}),
  };
}

/** The comparison's lines: claims first (broken by this change, already broken, fixed), then added, then removed findings. */
export function compareInfo(c: ActiveCompare, opts: { showEnvironment: boolean; uriOf?: (file: string) => string }): CompareInfo {
  const { diff } = c;
  const names = new Map([...diff.before.services, ...diff.after.services].map((s) => [s.id, s.name]));
  const shown = (f: Finding): boolean => opts.showEnvironment || f.store !== 'env';
  const items: CompareItem[] = [];
  for (const cl of diff.claims) {
    if (cl.status === 'holds') continue;
    const words = cl.status === 'broken-by-change' ? 'broken by this change' : cl.status === 'already-broken' ? 'already broken on the base, not by this change' : 'no longer broken after this change';
    const src = cl.source;
    items.push({
      change: cl.status, rule: 'broken-claim', service: cl.name, text: `claims ${cl.claim}: ${words} (${cl.before?.verdict ?? 'new'} → ${cl.after?.verdict ?? 'gone'})`,
      ...(src ? { where: `${src.file}:${src.line}` } : {}),
      ...(src && opts.uriOf ? { uri: opts.uriOf(src.file), range: { start: { line: src.line - 1, character: 0 }, end: { line: src.line - 1, character: 0 } } } : {}),
    });
  }
  // a broken claim's finding says the same as its claim line above
  const listed = (f: Finding): boolean => shown(f) && f.rule !== 'broken-claim';
  for (const f of diff.findings.added.filter(listed)) items.push(itemOf(f, 'added', names, opts.uriOf));
  for (const f of diff.findings.removed.filter(listed)) items.push(itemOf(f, 'removed', names));
  return {
    ref: c.ref, base: diff.base, head: diff.head, version: c.version, items,
    counts: {
      added: diff.findings.added.filter(listed).length,
      removed: diff.findings.removed.filter(listed).length,
      alreadyBroken: diff.claims.filter((x) => x.status === 'already-broken').length,
      brokenByChange: diff.claims.filter((x) => x.status === 'broken-by-change').length,
    },
  };
}

/** The panel's view of a comparison: the change's diagram (the services it touches and their neighbours). */
export function drawCompare(c: ActiveCompare, opts: { showEnvironment: boolean; uriOf?: (file: string) => string; version?: number }): Omit<ViewResult, 'status'> {
  const d = diffDiagram(c.diff, { showEnv: opts.showEnvironment, marks: true });
  const services = [...new Map([...c.diff.before.services, ...c.diff.after.services].map((s) => [s.id, s])).values()];
  const nothing = c.diff.findings.added.length + c.diff.findings.removed.length === 0 && !c.diff.claims.some((x) => x.status !== 'holds');
  return {
    mermaid: d.text, ids: d.ids, layout: 'dagre', collapse: 'none',
    nodes: Object.keys(d.ids.services).length + Object.keys(d.ids.stores).length, edges: d.ids.edges.length,
    note: [
      opts.version !== undefined && opts.version !== c.version ? `The code changed since this comparison: run Compare with Branch again to include the edits.` : '',
      nothing ? `No change to where state lives since ${c.diff.base}.` : d.note ?? '',
    ].filter(Boolean).join(' ') || undefined,
    services: services.map((s) => ({ id: s.id, name: s.name, verdict: s.verdict, honest: s.honest, claim: s.claim.stateless })),
    storeKinds: [],
    compare: compareInfo(c, opts),
  };
}

/** The findings new in this branch at a place (1-based), for the hover's "new in this branch". */
export function newAt(c: ActiveCompare, file: string, line: number, showEnvironment: boolean): Finding[] {
  return c.diff.findings.added.filter((f) => f.file === file && f.line === line && f.rule !== 'broken-claim' && (showEnvironment || f.store !== 'env'));
}

import type { StateMapDiff } from '../core/diff';
import type { Finding } from '../core/findings';
import type { StateMap } from '../core/model/types';
import { fitMermaid } from './fit';
import { md, mdCode, mdProse, mdStrong, where } from './markdown';
import { changeMarks, edgeChange } from './diffMarks';
import type { MermaidIds, MermaidOptions } from './mermaid';
import { renderSarif, type SarifOptions } from './sarif';
import { list, table } from './table';

/** The hidden line CI looks for to update its one comment instead of adding one per push. */
export const COMMENT_MARKER = '<!-- state-map -->';
/** GitHub refuses a comment body over 65,536 characters; the margin is for what CI appends. */
export const COMMENT_MAX = 65_000;
/** Mermaid's default limit is 50,000 characters; the diagram with its styles stays under it. */
const DIAGRAM_MAX = 49_000;

/** The maps of both sides merged, so one diagram can show what was added and what was removed. */
function merged(diff: StateMapDiff): StateMap {
  const stores = new Map([...diff.before.stores, ...diff.after.stores].map((s) => [s.id, s]));
  const services = new Map([...diff.before.services, ...diff.after.services].map((s) => [s.id, s]));
  return {
    ...diff.after,
    services: [...services.values()].sort((a, b) => a.id.localeCompare(b.id)),
    stores: [...stores.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...diff.after.edges, ...diff.edges.removed],
  };
}

/** Services the change touches: added, removed or changed, or with a finding or edge that changed. */
export function changedServices(diff: StateMapDiff): string[] {
  const ids = new Set<string>();
  for (const s of [...diff.services.added, ...diff.services.removed]) ids.add(s.id);
  for (const c of diff.services.changed) ids.add(c.id);
  for (const e of [...diff.edges.added, ...diff.edges.removed, ...diff.edges.changed]) ids.add(e.service);
  for (const f of [...diff.findings.added, ...diff.findings.removed]) ids.add(f.service);
  return [...ids].sort();
}

/** The changed services and their neighbours: services sharing a store (other than the environment) whose use changed. */
export function focusOf(diff: StateMapDiff): string[] {
  const changed = new Set(changedServices(diff));
  const stores = new Set([...diff.findings.added, ...diff.findings.removed].filter((f) => f.store && f.store !== 'env').map((f) => f.store!));
  for (const e of [...diff.edges.added, ...diff.edges.removed]) if (e.store !== 'env') stores.add(e.store);
  const focus = new Set(changed);
  for (const e of [...diff.after.edges, ...diff.before.edges]) if (stores.has(e.store)) focus.add(e.service);
  return [...focus].sort();
}

export interface DiffDiagram {
  text: string;
  /** Mermaid node ids of the drawn services and stores, and the drawn edges in order. */
  ids: MermaidIds;
  /** What the diagram leaves out or collapses, for the reader; absent when it shows everything. */
  note?: string;
}

export interface DiffDiagramOptions extends MermaidOptions {
  /**
   * Mark each change in words as well as line style (`+ new`, `− removed`, `✎ +1 new operation`, a line
   * under a service whose claim changed): the editor's panel, where colour alone must not carry it.
   */
  marks?: boolean;
}

/** Mermaid of the change: added edges thick green, removed edges dashed red, changed access orange. */
export function diffDiagram(diff: StateMapDiff, opts: DiffDiagramOptions = {}): DiffDiagram {
  const map = merged(diff);
  const focus = opts.services ?? focusOf(diff);
  const fitted = fitMermaid(map, { ...opts, ...(opts.marks ? changeMarks(diff) : {}), services: focus });
  const change = edgeChange(diff, !!opts.marks);
  // one linkStyle line per style, listing its edges: 500 styled edges stay a few kilobytes
  const groups: Record<string, number[]> = { added: [], removed: [], changed: [] };
  fitted.ids.edges.forEach((e, i) => {
    const c = change(e);
    if (c) groups[c].push(i);
  });
  const STYLE = { added: 'stroke:#2a2,stroke-width:4px', removed: 'stroke:#d33,stroke-width:2px,stroke-dasharray:4 4', changed: 'stroke:#d80,stroke-width:3px' };
  let styles = (Object.keys(STYLE) as Array<keyof typeof STYLE>).filter((g) => groups[g].length).map((g) => `  linkStyle ${groups[g].join(',')} ${STYLE[g]}`);
  if (fitted.text.length + styles.join('\n').length > DIAGRAM_MAX) styles = [];
  const others = map.services.length - new Set(focus).size;
  const notes = [
    others > 0 ? `${others} service${others === 1 ? '' : 's'} this change does not touch (and that share no changed store with it) ${others === 1 ? 'is' : 'are'} not drawn.` : '',
    fitted.note ?? '',
  ].filter(Boolean);
  return { text: fitted.text + (styles.length ? styles.join('\n') + '\n' : ''), ids: fitted.ids, ...(notes.length ? { note: notes.join(' ') } : {}) };
}

export function renderDiffMermaid(diff: StateMapDiff, opts: MermaidOptions = {}): string {
  return diffDiagram(diff, opts).text;
}

const CLAIM_STATUS: Record<string, string> = {
  'broken-by-change': '❌ broken by this change', 'already-broken': '⚠️ already broken on the base', 'fixed-by-change': '✅ fixed by this change', holds: 'holds',
};

function at(f: Finding, side: 'base' | 'head'): string {
  return `${where(f, true)}${side === 'base' ? ' (base)' : ''}`;
}

interface Parts {
  title: string[];
  diagram?: DiffDiagram;
  sections: Array<{ heading: string; intro?: string; rows: (max: number) => string[] }>;
}

function accepted(f: Finding): string {
  return f.suppressed ? ` (accepted: ${mdProse(f.suppressed.reason)})` : '';
}

function parts(diff: StateMapDiff, opts: MermaidOptions): Parts {
  const storeLabel = (id: string) => md(diff.after.stores.find((s) => s.id === id)?.label ?? diff.before.stores.find((s) => s.id === id)?.label ?? id);
  const svcName = (id: string) => md(diff.after.services.find((s) => s.id === id)?.name ?? diff.before.services.find((s) => s.id === id)?.name ?? id);
  const edgeKey = (e: { service: string; store?: string }) => `${e.service}\0${e.store}`;
  const newEdges = new Set(diff.edges.added.map(edgeKey));
  const goneEdges = new Set(diff.edges.removed.map(edgeKey));
  const shown = (f: Finding) => opts.showEnv || f.store !== 'env';
  const title = [COMMENT_MARKER, `# State map: ${md(diff.head)} vs ${md(diff.base)}`, ''];
  const broken = diff.claims.filter((c) => c.status === 'broken-by-change');
  const already = diff.claims.filter((c) => c.status === 'already-broken');
  const names = (list: typeof broken) => `${list.slice(0, 10).map((b) => md(b.name)).join(', ')}${list.length > 10 ? ` … ${list.length - 10} more` : ''}`;
  if (broken.length) title.push(`**${broken.length} claim${broken.length === 1 ? '' : 's'} broken by this change:** ${names(broken)}`, '');
  if (already.length) title.push(`Already broken on the base (not by this change): ${names(already)}`, '');
  const sections: Parts['sections'] = [];
  const svcItems = [
    ...diff.services.added.map((s) => `➕ ${mdStrong(s.name)} (${s.kind}, ${s.verdict})`),
    ...diff.services.removed.map((s) => `➖ ${mdStrong(s.name)}`),
    ...diff.services.changed.map((c) => `✏️ ${mdStrong(c.name)}: ${c.changes.map(md).join('; ')}`),
  ];
  if (svcItems.length) sections.push({ heading: '## Services', rows: (max) => list(svcItems, max) });
  const claims = diff.claims.filter((c) => c.status !== 'holds' || c.before?.verdict !== c.after?.verdict);
  if (claims.length) {
    sections.push({ heading: '## Claims', rows: (max) => table(['Service', 'Claim', 'Base', 'This change', 'Status'], claims.map((c) => [
      md(c.name), `${c.claim}${c.source ? ` (${where(c.source, true)})` : ''}`, c.before?.verdict ?? '—', c.after?.verdict ?? '—', CLAIM_STATUS[c.status],
    ]), max) });
  }
  const ops = [
    ...diff.findings.added.filter((f) => f.rule === 'store-access' && shown(f)).map((f) => [newEdges.has(edgeKey(f)) ? '➕ new store' : '➕ new operation', svcName(f.service), storeLabel(f.store!), md(f.access ?? ''), md(f.operation ?? ''), md(f.target ?? ''), at(f, 'head')]),
    ...diff.findings.removed.filter((f) => f.rule === 'store-access' && shown(f)).map((f) => [goneEdges.has(edgeKey(f)) ? '➖ store no longer used' : '➖ removed', svcName(f.service), storeLabel(f.store!), md(f.access ?? ''), md(f.operation ?? ''), md(f.target ?? ''), at(f, 'base')]),
  ];
  if (ops.length) sections.push({ heading: '## Store operations', rows: (max) => table(['Change', 'Service', 'Store', 'Access', 'Operation', 'Target', 'Where'], ops, max) });
  const isProblem = (f: Finding) => f.rule !== 'store-access';
  const hz = [
    ...diff.findings.added.filter(isProblem).map((f) => [`➕ new${accepted(f)}`, `\`${f.rule}\``, svcName(f.service), at(f, 'head'), mdProse(f.message)]),
    ...diff.findings.removed.filter(isProblem).map((f) => ['➖ gone', `\`${f.rule}\``, svcName(f.service), at(f, 'base'), mdProse(f.message)]),
  ];
  if (hz.length) sections.push({ heading: '## Hazards, broken claims and contracts', rows: (max) => table(['Change', 'Rule', 'Service', 'Where', 'What'], hz, max) });
  const r = diff.review;
  if (r?.suppressions.length) sections.push({ heading: '## Suppressions', rows: (max) => list(r.suppressions.map((s) => `${where(s)} ${s.scope === 'file' ? 'file' : 'next line'} \`${s.rule}\`: ${mdProse(s.reason)} (${s.used} finding${s.used === 1 ? '' : 's'})`), max) });
  if (r?.stale.length) sections.push({ heading: '## Stale baseline entries', intro: 'These entries of the baseline match no finding any more: remove them (`state-map baseline`).', rows: (max) => list(r.stale.map((e) => `${mdCode(e.id)} ${md(e.rule)} ${md(e.service)}: ${mdProse(e.description)}`), max) });
  if (r?.problems.length) sections.push({ heading: '## Problems', rows: (max) => list(r.problems.map((p) => `${mdCode(p.file)}: ${mdProse(p.message)}`), max) });
  const changes = diff.findings.added.length + diff.findings.removed.length + diff.services.added.length + diff.services.removed.length + diff.services.changed.length + diff.edges.changed.length;
  return { title, sections, ...(changes ? { diagram: diffDiagram(diff, opts) } : {}) };
}

function assemble(p: Parts, rows: number, withDiagram: boolean): string {
  const out = [...p.title];
  if (p.diagram && withDiagram) {
    out.push('```mermaid', p.diagram.text.trimEnd(), '```', '', 'Green: new edges. Red, dashed: removed edges. Orange: access changed.', '');
    if (p.diagram.note) out.push(`_${mdProse(p.diagram.note)}_`, '');
  } else if (p.diagram) out.push(`_The diagram is left out: with the tables it would pass GitHub's ${COMMENT_MAX.toLocaleString('en-US')}-character limit for a comment._`, '');
  if (!p.diagram && !p.sections.length) out.push('No change to where state lives.', '');
  for (const s of p.sections) out.push(s.heading, '', ...(s.intro ? [s.intro, ''] : []), ...s.rows(rows), '');
  return out.join('\n');
}

/**
 * The PR comment: what the branch changes about where state lives. Always renders on GitHub: the diagram
 * stays under GitHub's Mermaid limits (500 edges, 50,000 characters), tables are cut with "… N more" until the
 * whole comment is under 65,536 characters, and the diagram goes last if even that is not enough.
 */
export function renderDiffMarkdown(diff: StateMapDiff, opts: MermaidOptions = {}): string {
  const p = parts(diff, opts);
  for (const withDiagram of [true, false]) {
    for (const rows of [200, 100, 50, 20, 10, 5]) {
      const text = assemble(p, rows, withDiagram);
      if (text.length <= COMMENT_MAX) return text;
    }
  }
  return assemble({ ...p, sections: p.sections.map((s) => ({ ...s, rows: (max: number) => s.rows(max).slice(0, 3) })) }, 1, false).slice(0, COMMENT_MAX);
}

/** The change as JSON (schemaVersion 2: findings with fingerprints, claims before and after). */
export function renderDiffJson(diff: StateMapDiff): string {
  const { before: _b, after: _a, ...rest } = diff;
  return JSON.stringify({ schemaVersion: 2, ...rest }, null, 2) + '\n';
}

/** SARIF of the change: the new findings only (new store accesses as notes), so code scanning flags what the PR adds. */
export function renderDiffSarif(diff: StateMapDiff, opts: Omit<SarifOptions, 'findings' | 'accesses'> = {}): string {
  return renderSarif(diff.after, { ...opts, findings: diff.findings.added.filter((f) => f.store !== 'env'), accesses: true });
}

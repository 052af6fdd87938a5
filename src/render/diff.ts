import type { StateMapDiff } from '../core/diff';
import type { Edge, StateMap } from '../core/model/types';
import { md, mdProse, mdStrong, where } from './markdown';
import { accessLabel, mermaidWithIds, type MermaidOptions } from './mermaid';

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

/** Mermaid of the change: added edges thick green, removed edges dashed red, changed access orange. */
export function renderDiffMermaid(diff: StateMapDiff, opts: MermaidOptions = {}): string {
  const map = merged(diff);
  // a pull request's diagram shows the services it changes, with everything they touch
  const { text, ids } = mermaidWithIds(map, { ...opts, services: opts.services ?? changedServices(diff) });
  const key = (e: Pick<Edge, 'service' | 'store'>) => `${e.service}\0${e.store}`;
  const added = new Set(diff.edges.added.map(key));
  const removed = new Set(diff.edges.removed.map(key));
  const changed = new Set(diff.edges.changed.map(key));
  const styles: string[] = [];
  ids.edges.forEach((e, i) => {
    const k = key(e);
    if (added.has(k)) styles.push(`  linkStyle ${i} stroke:#2a2,stroke-width:4px`);
    else if (removed.has(k)) styles.push(`  linkStyle ${i} stroke:#d33,stroke-width:2px,stroke-dasharray:4 4`);
    else if (changed.has(k)) styles.push(`  linkStyle ${i} stroke:#d80,stroke-width:3px`);
  });
  return text + (styles.length ? styles.join('\n') + '\n' : '');
}

/** Services the change touches: added, removed or changed, or with an edge or hazard that changed. */
export function changedServices(diff: StateMapDiff): string[] {
  const ids = new Set<string>();
  for (const s of [...diff.services.added, ...diff.services.removed]) ids.add(s.id);
  for (const c of diff.services.changed) ids.add(c.id);
  for (const e of [...diff.edges.added, ...diff.edges.removed, ...diff.edges.changed]) ids.add(e.service);
  for (const h of [...diff.hazards.added, ...diff.hazards.removed]) ids.add(h.service);
  return [...ids].sort();
}

/** The PR comment: what the branch changes about where state lives. */
export function renderDiffMarkdown(diff: StateMapDiff, opts: MermaidOptions = {}): string {
  const storeLabel = (id: string) => md(diff.after.stores.find((s) => s.id === id)?.label ?? diff.before.stores.find((s) => s.id === id)?.label ?? id);
  const svcName = (id: string) => md(diff.after.services.find((s) => s.id === id)?.name ?? diff.before.services.find((s) => s.id === id)?.name ?? id);
  const out: string[] = [`# State map: ${md(diff.head)} vs ${md(diff.base)}`, ''];
  const n = diff.edges.added.length + diff.edges.removed.length + diff.edges.changed.length + diff.hazards.added.length + diff.hazards.removed.length +
    diff.services.added.length + diff.services.removed.length + diff.services.changed.length;
  if (n === 0) {
    out.push('No change to where state lives.', '');
    return out.join('\n');
  }
  const broken = diff.services.changed.filter((c) => c.changes.includes('claim broken'));
  if (broken.length) out.push(`**${broken.length} claim${broken.length === 1 ? '' : 's'} broken by this change:** ${broken.map((b) => md(b.name)).join(', ')}`, '');
  out.push('```mermaid', renderDiffMermaid(diff, opts).trimEnd(), '```', '');
  out.push('Green: new edges. Red, dashed: removed edges. Orange: access changed.', '');
  if (diff.services.added.length || diff.services.removed.length || diff.services.changed.length) {
    out.push('## Services', '');
    for (const s of diff.services.added) out.push(`- ➕ ${mdStrong(s.name)} (${s.kind}, ${s.verdict})`);
    for (const s of diff.services.removed) out.push(`- ➖ ${mdStrong(s.name)}`);
    for (const c of diff.services.changed) out.push(`- ✏️ ${mdStrong(c.name)}: ${c.changes.map(md).join('; ')}`);
    out.push('');
  }
  if (diff.edges.added.length || diff.edges.removed.length || diff.edges.changed.length) {
    out.push('## Stores touched', '', '| Change | Service | Store | Access | Evidence |', '| --- | --- | --- | --- | --- |');
    for (const e of diff.edges.added) out.push(`| ➕ new | ${svcName(e.service)} | ${storeLabel(e.store)} | ${accessLabel(e.access)} | ${e.locations.slice(0, 3).map((l) => where(l, true)).join('<br>')} |`);
    for (const e of diff.edges.removed) out.push(`| ➖ gone | ${svcName(e.service)} | ${storeLabel(e.store)} | ${accessLabel(e.access)} | |`);
    for (const e of diff.edges.changed) out.push(`| ✏️ access | ${svcName(e.service)} | ${storeLabel(e.store)} | ${accessLabel(e.before)} → ${accessLabel(e.after)} | |`);
    out.push('');
  }
  if (diff.hazards.added.length || diff.hazards.removed.length) {
    out.push('## Hazards', '');
    for (const h of diff.hazards.added) out.push(`- ➕ **${h.kind}** ${where(h)} — ${mdProse(h.message)}`);
    for (const h of diff.hazards.removed) out.push(`- ➖ ~~${h.kind}~~ ${where(h)}`);
    out.push('');
  }
  return out.join('\n');
}

export function renderDiffJson(diff: StateMapDiff): string {
  const { before: _b, after: _a, ...rest } = diff;
  return JSON.stringify({ schemaVersion: 1, ...rest }, null, 2) + '\n';
}

import path from 'node:path';
import { isConfigKind } from '../catalog/kinds';
import type { Edge, Hazard, Location, Service, StateMap } from '../core/model/types';
import { runtimeView } from '../core/model/view';
import { fitMermaid } from './fit';
import { edgeNotes, notShownText } from './places';
import { accessLabel, claimText, verdictText, type MermaidOptions } from './mermaid';

export interface MarkdownOptions extends MermaidOptions {
  /** Evidence lines listed per edge before "+N more". */
  maxEvidence?: number;
  title?: string;
}

/**
 * CommonMark ends a line at `\n`, `\r` or `\r\n`: one inside a name would end a table row or let the
 * next line start a block (raw HTML among them). Other control characters and the Unicode line and
 * paragraph separators go the same way, so a name always stays on its line.
 */
function oneLine(text: string): string {
  return text.replace(/\r\n?|[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/**
 * Text safe in a Markdown table cell, heading, list item or link text: one line, and no character that
 * makes markup (HTML, links, emphasis, strikethrough, code, cell breaks, headings, entity references).
 */
export function md(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/&(?=#?[0-9a-z]+;)/gi, '\\&');
}

/** Text in bold: `**` next to a space is no longer emphasis, so the text inside must not start or end with one. */
export function mdStrong(text: string): string {
  const t = md(text).trim();
  return t ? `**${t}**` : '';
}

/** Prose with `code spans` kept: the spans become code, everything else is escaped. */
export function mdProse(text: string): string {
  return text.split(/(`[^`\n]+`)/).map((part) => (/^`[^`\n]+`$/.test(part) ? mdCode(part.slice(1, -1)) : md(part))).join('');
}

/** Text as a code span, shown verbatim (on one line); `inTable` when it sits in a table cell. */
export function mdCode(text: string, inTable = false): string {
  text = oneLine(text);
  // GFM splits table cells on `|` even inside code spans: there it must be `\|`
  if (inTable) text = text.replace(/\|/g, '\\|');
  // a code span that holds any backticks in the text
  const ticks = '`'.repeat(Math.max(1, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  // a span strips one space from each end when it has both: padding keeps them (and keeps a backtick
  // at an end apart from the fence); an empty span would be two literal backticks
  const pad = ticks.length > 1 || text === '' || (text.startsWith(' ') && text.endsWith(' ') && /[^ ]/.test(text)) ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** `file:line` as a code span. */
export function where(l: { file: string; line: number }, inTable = false): string {
  return mdCode(`${l.file}:${l.line}`, inTable);
}

function evidence(locs: Location[], max: number): string {
  const shown = locs.slice(0, max).map((l) => `${where(l, true)} ${md(l.operation)}${l.target ? ` (${md(l.target)})` : ''}`);
  if (locs.length > max) shown.push(`+${locs.length - max} more`);
  return shown.join('<br>');
}

/** The same hazard's other places, after its message: ` Also: `a.ts:3`, `b.ts:9`, +4 more.` */
function alsoAt(h: Hazard, max: number): string {
  const also = h.also ?? [];
  if (also.length === 0) return '';
  const shown = also.slice(0, max).map((a) => where(a));
  if (also.length > max) shown.push(`+${also.length - max} more`);
  return ` Also: ${shown.join(', ')}.`;
}

function claimLine(s: Service): string {
  if (s.claim.stateless === null) return 'no claim found';
  const src = s.claim.sources[0];
  const what = s.claim.stateless ? 'stateless' : 'stateful';
  return `${what} — ${src ? `${where(src)} “${md(src.text)}”` : ''}`;
}

/**
 * The PR-ready report: the Mermaid diagram, then per service its claim with source, verdict, the stores
 * it touches with `file:line` evidence, and its hazards. A pure function of the model.
 */
export function renderMarkdown(full: StateMap, opts: MarkdownOptions = {}): string {
  // the report is about what runs; tooling findings get a short section of their own at the end
  const map = runtimeView(full);
  const max = opts.maxEvidence ?? 5;
  const storeById = new Map(map.stores.map((s) => [s.id, s]));
  const out: string[] = [];
  const broken = map.services.filter((s) => s.honest === false);
  out.push(`# ${md(opts.title ?? `State map of ${path.basename(map.root) || map.root}`)}`, '');
  out.push(`${map.services.length} service${map.services.length === 1 ? '' : 's'}, ${map.stores.filter((s) => opts.showEnv || !isConfigKind(s.kind)).length} stores, ${map.hazards.length} hazard${map.hazards.length === 1 ? '' : 's'}` +
    (broken.length ? `, **${broken.length} broken claim${broken.length === 1 ? '' : 's'}** (${broken.map((s) => md(s.name)).join(', ')})` : '') + '.', '');
  const diagram = fitMermaid(map, opts);
  out.push('```mermaid', diagram.text.trimEnd(), '```', '');
  if (diagram.note) out.push(`The diagram is collapsed: ${diagram.note} The tables below list every store.`, '');
  out.push('| Service | Kind | Claim | Verdict | Stores |', '| --- | --- | --- | --- | --- |');
  for (const s of map.services) {
    const stores = map.edges.filter((e) => e.service === s.id && (opts.showEnv || !isConfigKind(storeById.get(e.store)?.kind ?? '')))
      .map((e) => `${md(storeById.get(e.store)?.label ?? e.store)} ${accessShort(e.access)}`).join(', ') || '—';
    out.push(`| ${md(s.name)} | ${s.kind} | ${md(claimText(s))} | ${s.verdict} | ${stores} |`);
  }
  out.push('');
  for (const s of map.services) {
    out.push(`## ${md(s.name)} (${mdCode(s.root)})`, '');
    out.push(`- **Kind:** ${s.kind}`);
    out.push(`- **Claim:** ${claimLine(s)}`);
    out.push(`- **Verdict:** ${s.verdict} — ${verdictText(s.verdict)}${s.honest === false ? ' — **the claim is broken**' : s.honest === true ? ' — the claim holds' : ''}`);
    const edges: Edge[] = map.edges.filter((e) => e.service === s.id && (opts.showEnv || !isConfigKind(storeById.get(e.store)?.kind ?? '')));
    out.push('');
    if (edges.length) {
      out.push('| Store | Access | Evidence |', '| --- | --- | --- |');
      for (const e of edges) out.push(`| ${md(storeById.get(e.store)?.label ?? e.store)} | ${accessLabel(e.access)} | ${evidence(e.locations, max)} |`);
    } else {
      out.push('Touches no store.');
    }
    const notes = edges.flatMap((e) => edgeNotes(e, storeById));
    if (notes.length) out.push('', '**Notes**', '', ...notes.map((n) => `- ${mdProse(n)}`));
    const hz = map.hazards.filter((h) => h.service === s.id);
    if (hz.length) {
      out.push('', '**Hazards**', '');
      for (const h of hz) out.push(`- **${h.kind}** ${where(h)} — ${mdProse(h.message)}${alsoAt(h, max)}`);
    }
    out.push('');
  }
  out.push(...toolingSection(full, max));
  const held = notShownText(full.notShown);
  if (held) out.push(`_${mdProse(held[0].toUpperCase() + held.slice(1))}._`, '');
  if (map.problems.length) {
    out.push('## Problems', '');
    for (const p of map.problems.slice(0, 200)) out.push(`- ${mdCode(p.file)}: ${md(p.message)}`);
    if (map.problems.length > 200) out.push(`- +${map.problems.length - 200} more`);
    out.push('');
  }
  return out.join('\n');
}

/** Hazards and store uses in code no service runs (build and release scripts, bundler configs, seeds). */
function toolingSection(map: StateMap, max: number): string[] {
  const hazards = map.hazards.filter((h) => h.scope === 'tooling');
  const locations = map.edges.flatMap((e) => e.locations.filter((l) => l.scope === 'tooling').map((l) => ({ e, l })));
  if (hazards.length === 0 && locations.length === 0) return [];
  const out = ['## Tooling', '', 'Code that no service runs (no entry imports it): not in the map, the verdicts or `check`.', ''];
  for (const h of hazards.slice(0, max * 4)) out.push(`- **${h.kind}** ${where(h)} — ${mdProse(h.message)}`);
  if (hazards.length > max * 4) out.push(`- +${hazards.length - max * 4} more hazards`);
  const stores = new Map<string, Location[]>();
  for (const { e, l } of locations) stores.set(e.store, [...(stores.get(e.store) ?? []), l]);
  for (const [store, locs] of [...stores].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push(`- ${md(store)}: ${evidence(locs, max)}`);
  out.push('');
  return out;
}

function accessShort(a: string): string {
  return a === 'readwrite' ? 'rw' : a === 'read' ? 'r' : 'w';
}

// The summary a person reads in a terminal (ESLint "stylish" style): per service its claim and verdict,
// the stores it touches, what its edges note, and its hazards at `file:line:column`; then one line that
// sums it up. Colour only when asked (the CLI decides from the terminal, NO_COLOR and FORCE_COLOR).
import path from 'node:path';
import { isConfigKind } from '../catalog/kinds';
import type { Service, StateMap, Store } from '../core/model/types';
import { runtimeView } from '../core/model/view';
import { verdictText } from './mermaid';
import { edgeNotes, notShownText } from './places';

export interface StylishOptions {
  /** ANSI colours and bold; off by default (a file, a pipe, NO_COLOR). */
  color?: boolean;
  showEnv?: boolean;
}

const CODES = { bold: [1, 22], dim: [2, 22], underline: [4, 24], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39] } as const;
type Style = keyof typeof CODES;

/** Control characters of a name or message (an escape sequence among them) must not reach the terminal. */
function plain(text: string): string {
  return text.replace(/\r\n?|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

function painter(color: boolean) {
  return (text: string, ...styles: Style[]): string => {
    const t = plain(text);
    if (!color || styles.length === 0 || t === '') return t;
    return styles.reduce((s, st) => `\x1b[${CODES[st][0]}m${s}\x1b[${CODES[st][1]}m`, t);
  };
}

function accessShort(a: string): string {
  return a === 'readwrite' ? 'rw' : a === 'read' ? 'r' : 'w';
}

function claimLine(s: Service, paint: ReturnType<typeof painter>): string {
  const src = s.claim.sources[0];
  const from = src ? ` (${src.file}:${src.line})` : '';
  if (s.claim.stateless === null) return paint(`no claim · ${verdictText(s.verdict)}`, 'dim');
  const claim = s.claim.stateless ? 'claims stateless' : 'claims stateful';
  if (s.honest === false) return paint(`✗ ${claim}${from}, but ${verdictText(s.verdict)}`, 'red', 'bold');
  return `${paint('✓', 'green')} ${claim}${from} · ${verdictText(s.verdict)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The terminal summary of a map. A pure function of the model, like the other renderers. */
export function renderStylish(full: StateMap, opts: StylishOptions = {}): string {
  const map = runtimeView(full);
  const paint = painter(!!opts.color);
  const stores = new Map<string, Store>(map.stores.map((s) => [s.id, s]));
  const shown = (storeId: string) => opts.showEnv || !isConfigKind(stores.get(storeId)?.kind ?? '');
  const out: string[] = [''];
  for (const s of map.services) {
    out.push(`${paint(s.name, 'bold', 'underline')}  ${paint(s.root, 'dim')}  ${paint(s.kind, 'dim')}`);
    out.push(`  ${claimLine(s, paint)}`);
    const edges = map.edges.filter((e) => e.service === s.id && shown(e.store));
    const list = edges.map((e) => `${stores.get(e.store)?.label ?? e.store} ${accessShort(e.access)}`).join(', ');
    out.push(`  ${paint('stores', 'dim')}  ${list || paint('none', 'dim')}`);
    for (const e of edges) for (const note of edgeNotes(e, stores)) out.push(`  ${paint('note', 'dim')}    ${note}`);
    const hazards = map.hazards.filter((h) => h.service === s.id);
    const width = Math.max(0, ...hazards.map((h) => `${h.file}:${h.line}:${h.column}`.length));
    for (const h of hazards) {
      const at = `${h.file}:${h.line}:${h.column}`;
      out.push(`  ${paint('⚠', 'yellow')} ${paint(at, 'underline')}${' '.repeat(width - at.length)}  ${paint(h.kind, 'yellow')}  ${plain(h.message)}`);
    }
    out.push('');
  }
  out.push(summary(full, map, paint));
  return `${out.join('\n')}\n`;
}

function summary(full: StateMap, map: StateMap, paint: ReturnType<typeof painter>): string {
  const broken = map.services.filter((s) => s.honest === false);
  const parts = [plural(map.services.length, 'service'), plural(map.hazards.length, 'hazard')];
  if (broken.length) parts.unshift(`${plural(broken.length, 'broken claim')} (${broken.map((s) => plain(s.name)).join(', ')})`);
  const line = broken.length ? paint(`✗ ${parts.join(' · ')}`, 'red', 'bold') : map.hazards.length ? paint(`⚠ ${parts.join(' · ')}`, 'yellow', 'bold') : paint(`✓ ${parts.join(' · ')}`, 'green', 'bold');
  const extra: string[] = [];
  const low = full.lowConfidenceHazards?.length ?? 0;
  if (low) extra.push(`${plural(low, 'low-confidence report')} kept for review`);
  if (full.problems.length) extra.push(plural(full.problems.length, 'problem'));
  const tooling = full.hazards.length - map.hazards.length;
  if (tooling > 0) extra.push(`${plural(tooling, 'hazard')} in tooling code`);
  const more = extra.length ? `\n${paint(`${extra.join(' · ')}: see --format markdown or json`, 'dim')}` : '';
  const held = notShownText(full.notShown);
  return `${line}  ${paint(`in ${path.basename(map.root) || map.root}`, 'dim')}${more}${held ? `\n${paint(held, 'dim')}` : ''}`;
}

/**
 * Whether to colour: never with NO_COLOR set (non-empty), always with FORCE_COLOR (but `0` or `false`),
 * else on a terminal that is not `dumb`. See https://no-color.org and https://force-color.org.
 */
export function colorWanted(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

import { STORE_KINDS, isConfigKind, isStoreKind, type StoreFamily } from '../catalog/kinds';
import { pushTo } from '../core/grouping';
import type { Edge, MermaidIds, Service, StateMap, Store } from '../core/model/types';
import { runtimeView } from '../core/model/view';
import { durationText } from './places';

export interface MermaidOptions {
  /** Show `env` (configuration) edges; off by default: every service reads its environment. */
  showEnv?: boolean;
  direction?: 'LR' | 'TB';
  /** Only these services (ids) and what they touch. */
  services?: readonly string[];
  /** Only stores of these kinds. */
  storeKinds?: readonly string[];
  /** Words put before an edge's label (`+ new`), so a change is marked in text, not by colour alone. */
  edgeMark?(e: Pick<Edge, 'service' | 'store'>): string | undefined;
  /** A line added under a service's label (`⚠ claim already broken on the base`). */
  serviceMark?(s: Service): string | undefined;
}

/** Node ids are generated, never taken from names: any service or store name renders (the type is the model's). */
export type { MermaidIds };

/**
 * Text safe as itself inside a quoted Mermaid label: letters, digits and their marks, a few ASCII marks
 * that no Mermaid syntax reads inside quotes (`@scope/name`, `it's`, `a+b=c`), and symbols and punctuation
 * beyond ASCII (`✓`, `✗`, `—`, `“”`). Not spaces other than the plain one, nor format characters (bidi
 * controls, zero-width joiners), nor any ASCII mark Mermaid or HTML reads (`"`, `#`, `;`, `%`, `|`, `<`,
 * `&`, brackets, backticks).
 */
const PLAIN = /^(?:[\p{L}\p{N}\p{M} .,_\-/:()@'+=!?$]|(?![\u0000-\u007f])[\p{S}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}])$/u;

/**
 * Text as a Mermaid label: what is not plain text (above) becomes an entity code, so quotes, brackets,
 * `-->`, `%%`, `click` and HTML stay text.
 */
export function escapeLabel(text: string): string {
  let out = '';
  for (const ch of text) {
    if (PLAIN.test(ch)) out += ch;
    else out += `#${ch.codePointAt(0)};`;
  }
  // Mermaid trims a label and refuses an empty one: spaces at the ends, or a blank label, as entity codes
  out = out.replace(/^ +| +$/g, (m) => '#32;'.repeat(m.length)) || '#32;';
  // a keyword alone would still be text inside quotes; entity codes keep `end` and friends from ending blocks
  out = out.replace(/\b(end|click|style|classDef|class|subgraph|graph|flowchart|linkStyle|call|href)\b/gi, (w) => `#${w.charCodeAt(0)};${w.slice(1)}`);
  // Mermaid drops the last `;` of any line matching /style.*:\S*#.*;/ or /classDef.*:\S*#.*;/ before it
  // decodes entities, so `style` or `classDef` anywhere in a label (`stylesheet: <b>`) would break the
  // label's last entity code: those letters never reach it as they are
  return out.replace(/style|classDef/g, (w) => `#${w.charCodeAt(0)};${w.slice(1)}`);
}

const SHAPES: Record<StoreFamily, [string, string]> = {
  sql: ['[(', ')]'],
  document: ['[(', ')]'],
  cache: ['([', '])'],
  messaging: ['{{', '}}'],
  object: ['[/', '/]'],
  local: ['((', '))'],
  browser: ['>', ']'],
  token: ['[[', ']]'],
  remote: ['[\\', '\\]'],
  config: ['[', ']'],
  volume: ['[/', '\\]'],
};

const KIND_GROUPS: Record<string, string> = {
  'http-server': 'HTTP services', worker: 'Workers', lambda: 'Functions', frontend: 'Frontends', cli: 'Tools', library: 'Libraries', unknown: 'Other code',
};
const FAMILY_GROUPS: Record<StoreFamily, string> = {
  sql: 'Databases', document: 'Databases', cache: 'Caches', messaging: 'Messaging', object: 'Object storage', local: 'In the process',
  browser: 'In the browser', token: 'Tokens', remote: 'Other services', config: 'Configuration',
  volume: 'Volumes',
};

function family(store: Store): StoreFamily {
  return isStoreKind(store.kind) ? STORE_KINDS[store.kind].family : 'remote';
}

export function accessLabel(access: string): string {
  return access === 'readwrite' ? 'read/write' : access;
}

export function claimText(s: Service): string {
  if (s.claim.stateless === null) return 'no claim';
  const claim = s.claim.stateless ? 'claims stateless' : 'claims stateful';
  return s.honest === false ? `✗ ${claim}, but ${verdictText(s.verdict)}` : `✓ ${claim}`;
}

export function verdictText(v: Service['verdict']): string {
  return v === 'in-process-state' ? 'keeps state in process' : v === 'state-elsewhere' ? 'state lives elsewhere' : 'touches no store';
}

/** What an edge's label adds to its access: a JWT's lifetime and revocability, a record kept for retries, an event log. */
function edgeTag(e: Edge): string {
  const tags: string[] = [];
  if (e.jwt) {
    const words = [...(e.jwt.lifetime ? [e.jwt.lifetime.seconds === undefined ? 'configured lifetime' : durationText(e.jwt.lifetime.seconds)] : []), ...(e.jwt.revocation === undefined ? [] : [e.jwt.revocation ? 'revocable' : 'no revocation'])];
    if (words.length > 0) tags.push(words.join(', '));
  }
  if (e.records?.length) tags.push(e.records.some((r) => r.kind === 'idempotency-key') ? 'idempotency keys' : 'processed messages');
  if (e.eventLog) tags.push(e.eventLog.role === 'log' ? 'event log' : 'projection');
  return tags.map((t) => ` · ${t}`).join('');
}

/** Which edges and nodes a filter keeps. */
export function visible(full: StateMap, opts: MermaidOptions): { services: Service[]; stores: Store[]; edges: Edge[] } {
  // the map draws what runs in the services; tooling (build scripts, bundler configs, seeds) stays in the JSON
  const map = runtimeView(full);
  const storeKinds = opts.storeKinds && opts.storeKinds.length ? new Set(opts.storeKinds) : undefined;
  const wanted = opts.services && opts.services.length ? new Set(opts.services) : undefined;
  const storeById = new Map(map.stores.map((s) => [s.id, s]));
  const edges = map.edges.filter((e) => {
    const st = storeById.get(e.store);
    if (!st) return false;
    if (!opts.showEnv && isConfigKind(st.kind)) return false;
    if (storeKinds && !storeKinds.has(st.kind)) return false;
    return !wanted || wanted.has(e.service);
  });
  const services = map.services.filter((s) => (!wanted || wanted.has(s.id)) && (!storeKinds || edges.some((e) => e.service === s.id)));
  const used = new Set(edges.map((e) => e.store));
  const stores = map.stores.filter((s) => used.has(s.id));
  return { services, stores, edges };
}

/** Mermaid flowchart of services and the stores they touch, however many. A pure function of the model. */
export function mermaidWithIds(map: StateMap, opts: MermaidOptions = {}): { text: string; ids: MermaidIds } {
  const { services, stores, edges } = visible(map, opts);
  const ids: MermaidIds = { services: {}, stores: {}, edges: [] };
  services.forEach((s, i) => (ids.services[s.id] = `svc${i}`));
  stores.forEach((s, i) => (ids.stores[s.id] = `st${i}`));
  const lines: string[] = [`flowchart ${opts.direction ?? 'LR'}`];
  if (services.length === 0) {
    lines.push('  empty["No services found"]');
    return { text: lines.join('\n') + '\n', ids };
  }
  const byGroup = new Map<string, Service[]>();
  for (const s of services) pushTo(byGroup, KIND_GROUPS[s.kind] ?? 'Other code', s);
  let g = 0;
  for (const [group, list] of byGroup) {
    lines.push(`  subgraph grp${g++}["${escapeLabel(group)}"]`);
    for (const s of list) {
      const mark = opts.serviceMark?.(s);
      const label = `${s.name}\n${s.kind} · ${claimText(s)}${mark ? `\n${mark}` : ''}`;
      lines.push(`    ${ids.services[s.id]}["${escapeLabel(label).replace(/#10;/g, '<br/>')}"]`);
    }
    lines.push('  end');
  }
  const byFamily = new Map<string, Store[]>();
  for (const st of stores) pushTo(byFamily, FAMILY_GROUPS[family(st)], st);
  for (const [group, list] of byFamily) {
    lines.push(`  subgraph grp${g++}["${escapeLabel(group)}"]`);
    for (const st of list) {
      const [open, close] = SHAPES[family(st)];
      // the label already says which instance (`PostgreSQL · $ORDERS_DATABASE_URL`): on two lines in the diagram
      const label = st.instance && !st.label.includes(st.instance) ? `${st.label}\n${st.instance}` : st.label.replace(' · ', '\n');
      lines.push(`    ${ids.stores[st.id]}${open}"${escapeLabel(label).replace(/#10;/g, '<br/>')}"${close}`);
    }
    lines.push('  end');
  }
  for (const e of edges) {
    const n = e.locations.length;
    const mark = opts.edgeMark?.(e);
    const label = `${mark ? `${mark} · ` : ''}${accessLabel(e.access)} ×${n}${edgeTag(e)}`;
    const arrow = e.access === 'read' ? '-.->' : '-->';
    lines.push(`  ${ids.services[e.service]} ${arrow}|"${escapeLabel(label)}"| ${ids.stores[e.store]}`);
    ids.edges.push({ service: e.service, store: e.store });
  }
  const broken = services.filter((s) => s.honest === false).map((s) => ids.services[s.id]);
  const honest = services.filter((s) => s.honest === true).map((s) => ids.services[s.id]);
  const inProcess = stores.filter((s) => s.kind === 'memory' || s.kind === 'filesystem').map((s) => ids.stores[s.id]);
  lines.push('  classDef broken stroke:#d33,stroke-width:4px,stroke-dasharray:6 3');
  lines.push('  classDef honest stroke:#2a2,stroke-width:2px');
  lines.push('  classDef inproc stroke:#d80,stroke-width:3px');
  if (broken.length) lines.push(`  class ${broken.join(',')} broken`);
  if (honest.length) lines.push(`  class ${honest.join(',')} honest`);
  if (inProcess.length) lines.push(`  class ${inProcess.join(',')} inproc`);
  return { text: lines.join('\n') + '\n', ids };
}

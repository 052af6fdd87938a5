// The State Map webview: receives panel states, draws them, and posts what the user does. The first view
// is always readable: the whole map when it fits with labels of at least 11 px, else the overview (groups
// with counts, opened in place). It keeps the zoom, scroll and open groups across redraws (and reloads,
// through the webview state) and follows theme changes.
import type { FolderStatus, Target } from '../../src/protocol/messages';
import type { FromWebview, PanelState, ToWebview } from '../../src/protocol/webview';
import { showCompare, wireCompare } from './compare';
import { decorate } from './decorate';
import { asXml, draw, highlight } from './diagram';
import { parseGraph } from './graph';
import { MapKeyboard } from './keyboard';
import { drawing, MAX_GROUP, narrow, overviewGroups, type Drawing, type OverviewGroup } from './overview';
import { button, fill } from './dom';
import { emptyView, filterOptions, folderOptions, noteFor, percent } from './panelView';
import { reverseIds } from './targets';
import { wirePointer } from './pointer';
import { savedUi, viewKey, type Saved, type Ui } from './uiState';
import { centerOn, IDENTITY, isTransform, READABLE_ZOOM, readableView, toCss, zoomAt, type Transform } from './viewport';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void; getState(): Saved | undefined; setState(s: Saved): void };

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewport = $<HTMLElement>('viewport');
const canvas = $<HTMLElement>('canvas');
const ring = $<HTMLElement>('focusRing');
const search = $<HTMLInputElement>('search');
const page = { nonce: (document.currentScript as HTMLScriptElement | null)?.nonce ?? '', elkUri: document.body.dataset.elkUri ?? '' };
const post = (m: FromWebview): void => vscode.postMessage(m);
/** Above this many nodes the whole map is not even tried first: the overview is drawn at once. */
const TRY_WHOLE_MAX = 60;
/** A group size no role reaches: the overview with one group per role and store family. */
const ONE_PER_ROLE = 100_000;

let saved: Saved = vscode.getState() ?? {};
let transform: Transform = isTransform(saved.transform) ? saved.transform : IDENTITY;
let state: PanelState | undefined;
let status: FolderStatus | undefined;
let lastSvg: string | undefined;
let drawnKey: string | undefined;
let pending: Target | undefined;
/** What Show in State Map (or a click) selected last: highlighted again after every redraw. */
let selected: Target | undefined;
let ui: Ui = savedUi(saved);
/** What is drawn now: the overview's groups and merged edges (empty for the whole map). */
let shown: { drawing?: Drawing; groups: OverviewGroup[] } = { groups: [] };
let changes: string[] | undefined; // the comparison's lines as shown, while the panel shows one

function apply(save = true): void {
  canvas.style.transform = toCss(transform);
  $('zoomLevel').textContent = `${Math.round(transform.k * 100)}%`;
  keyboard.follow();
  if (save) {
    saved = { ...saved, transform, key: drawnKey, ui };
    vscode.setState(saved);
  }
}

const size = () => ({ width: viewport.clientWidth, height: viewport.clientHeight });

function contentSize(): { width: number; height: number } | undefined {
  const svg = canvas.querySelector('svg');
  if (!svg) return undefined;
  const box = svg.getBoundingClientRect();
  return { width: box.width / transform.k, height: box.height / transform.k };
}

const other = (direction: string): string => (direction === 'TB' ? 'LR' : 'TB');

/** The zoom that would show all of what is drawn (below READABLE_ZOOM: it does not fit readably). */
function wholeZoom(): number {
  const c = contentSize();
  const s = size();
  return c ? Math.min((s.width - 32) / c.width, (s.height - 32) / c.height) : 1;
}

/** The readable view of what is drawn; whether all of it is in view. */
function readable(): { t: Transform; fits: boolean } {
  const c = contentSize();
  return c ? readableView(c, size()) : { t: transform, fits: true };
}

function fitNow(): void {
  transform = readable().t;
  apply();
}

const keyboard = new MapKeyboard(canvas, ring, {
  act,
  reveal(r) {
    const vp = viewport.getBoundingClientRect();
    const dx = r.left < vp.left + 8 ? vp.left + 24 - r.left : r.right > vp.right - 8 ? vp.right - 24 - r.right : 0;
    const dy = r.top < vp.top + 8 ? vp.top + 24 - r.top : r.bottom > vp.bottom - 8 ? vp.bottom - 24 - r.bottom : 0;
    if (!dx && !dy) return;
    transform = { ...transform, x: transform.x + dx, y: transform.y + dy };
    apply();
  },
});

function showNote(extra?: string): void {
  const note = $('note');
  const n = state && !state.empty ? noteFor(state, status) : undefined;
  const text = [n?.text, extra].filter(Boolean).join(' ');
  note.hidden = !text;
  if (!text) return;
  note.replaceChildren(document.createTextNode(text));
  if (n?.command) {
    const c = n.command;
    note.append(' ', button(c.label, () => post({ type: 'command', command: c.command })));
  }
}

function showEmpty(empty: NonNullable<PanelState['empty']>): void {
  const v = emptyView(empty);
  $('empty').hidden = false;
  viewport.hidden = true;
  $('emptyTitle').textContent = v.title;
  $('emptyMessage').textContent = v.message;
  $('emptyActions').replaceChildren(...v.actions.map((a) => button(a.label, () => post({ type: 'command', command: a.command }))));
  const bar = $<HTMLProgressElement>('emptyProgress');
  const p = percent(status);
  bar.hidden = !v.progress;
  if (p === undefined) bar.removeAttribute('value');
  else bar.value = p;
}

async function render(next: PanelState): Promise<void> {
  state = next;
  saved = { ...saved, folder: next.folder, filter: next.filter };
  vscode.setState(saved);
  fill($<HTMLSelectElement>('folder'), folderOptions(next.folders), next.folder);
  $('folderLabel').hidden = next.folders.length < 2;
  const opts = filterOptions(next.view);
  fill($<HTMLSelectElement>('service'), opts.services, next.filter.service);
  fill($<HTMLSelectElement>('storeKind'), opts.storeKinds, next.filter.storeKind);
  status = next.folders.find((f) => f.folder === next.folder) ?? next.view?.status;
  changes = showCompare(next.view?.compare, post);
  if (next.empty || !next.view?.mermaid) {
    showEmpty(next.empty ?? { reason: 'too-large', message: next.view?.note ?? '' });
    showNote();
    return;
  }
  [$('empty').hidden, viewport.hidden] = [true, false];
  showNote();
  try {
    await drawMap(next);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    showEmpty({ reason: 'error', message: `The diagram could not be drawn: ${message}. Filter by a service or a store kind to draw a part of it.` });
    post({ type: 'renderError', message });
  }
}

interface Attempt {
  drawn: NonNullable<Awaited<ReturnType<typeof draw>>>;
  d?: Drawing;
  mode: 'whole' | 'overview';
  direction?: string;
  groupSize: number;
  groups: OverviewGroup[];
}

/**
 * Decides how a view is first shown (kept in `ui`, so a redraw draws the same): the whole map if it is
 * readable in the panel, left to right or top to bottom; else the overview with groups of at most
 * MAX_GROUP, else with one group per role and family; of those that do not fit, the one that shows most.
 * Returns the last draw when it is the one chosen.
 */
async function firstView(nodes: number, direction: string, attempt: (m: 'whole' | 'overview', d?: string, size?: number) => Promise<Attempt | undefined>): Promise<Attempt | undefined> {
  const mine = state;
  const dirs = [direction, other(direction)];
  const tries: Array<['whole' | 'overview', string, number]> = nodes <= TRY_WHOLE_MAX ? dirs.map((d) => ['whole', d, MAX_GROUP]) : [];
  for (const size of [MAX_GROUP, ONE_PER_ROLE]) tries.push(...dirs.map((d): ['overview', string, number] => ['overview', d, size]));
  let best: { r: Attempt; k: number } | undefined;
  let last: Attempt | undefined;
  for (const [mode, dir, size] of tries) {
    last = await attempt(mode, dir, size);
    if (!last || state !== mine) return undefined;
    if (readable().fits) {
      best = { r: last, k: Infinity };
      break;
    }
    const k = wholeZoom();
    if (mode === 'overview' && (!best || k > best.k)) best = { r: last, k };
  }
  ui.mode = best?.r.mode ?? 'overview';
  ui.direction = best?.r.direction;
  ui.groupSize = best?.r.groupSize;
  return best && best.r === last ? best.r : undefined;
}

/** Draws the view: as sent, the whole map, or the overview, and the first view of it (or the kept one). */
async function drawMap(next: PanelState): Promise<void> {
  const view = next.view!;
  const key = `${viewKey(next)}|${ui.query}`;
  if (ui.key !== key) ui = { key, query: ui.query, open: [] };
  // a redraw replaces the focused element: the keyboard user keeps their place (keyboard.ts's entry stop)
  const hadFocus = canvas.contains(document.activeElement);
  // a comparison is drawn as sent: its line styles are numbered by the edges' order
  const parsed = view.compare ? undefined : parseGraph(view.mermaid ?? '');
  const searched = parsed && ui.query ? narrow(parsed, ui.query) : undefined;
  const graph = searched && searched.hits.size ? searched.graph : parsed;
  const services = new Map(Object.entries(view.ids?.services ?? {}).map(([id, node]) => [node, id]));
  const attempt = async (mode: 'whole' | 'overview', direction?: string, groupSize = MAX_GROUP): Promise<Attempt | undefined> => {
    const groups = graph ? overviewGroups(graph, (n) => services.get(n), groupSize) : [];
    const d = graph ? drawing(graph, groups, mode === 'whole' ? 'all' : new Set(ui.open), searched?.hits, direction) : undefined;
    const drawn = await draw(canvas, d?.text ?? view.mermaid ?? '', view.layout, page);
    return drawn && { drawn, d, mode, direction, groupSize, groups };
  };
  // text not in the server's shape (parseGraph: undefined) is drawn as sent, whole
  let r = !ui.mode && graph ? await firstView(graph.nodes.size, graph.direction, attempt) : undefined;
  if (state !== next) return;
  if (!r) r = await attempt(ui.mode ?? 'whole', ui.direction, ui.groupSize);
  if (!r || state !== next) return;
  const groups = r.groups;
  shown = { drawing: r.mode === 'overview' ? r.d : undefined, groups };
  lastSvg = r.drawn.svg;
  const nodes = decorate(canvas, view, graph, shown.drawing);
  keyboard.refresh();
  if (hadFocus) keyboard.focusEntry();
  updateToolbar(graph !== undefined, searched);
  // the same view redrawn (an edit, a theme change) keeps the user's zoom and scroll; another one starts readable
  if (key !== (drawnKey ?? saved.key) || !isTransform(saved.transform)) {
    drawnKey = key;
    transform = readable().t;
    apply();
  } else {
    drawnKey = key;
    transform = { ...transform, k: Math.max(READABLE_ZOOM, transform.k) };
    apply(false);
  }
  // a redraw (a new state after Show in State Map, an edit) keeps the selection highlighted, where the user left the view
  if (pending) select(pending);
  else if (selected) highlight(canvas, state.view!, selected);
  if (r.drawn.fellBack) showNote('The ELK layout could not be loaded; this big map uses the default layout.');
  post({ type: 'rendered', folder: next.folder ?? '', version: view.status.version, ms: r.drawn.ms, nodes, layout: r.drawn.layout, ...(changes ? { changes } : {}) });
}

function updateToolbar(regroupable: boolean, searched: ReturnType<typeof narrow> | undefined): void {
  const toggle = $<HTMLButtonElement>('overview');
  toggle.hidden = !regroupable;
  toggle.textContent = ui.mode === 'overview' ? 'Whole map' : 'Overview';
  toggle.title = ui.mode === 'overview' ? 'Draw every service and store' : 'Group services and stores, with counts';
  if (ui.query && searched && !searched.hits.size) showNote(`Nothing matches “${ui.query}”.`);
  else if (ui.query && searched) showNote(`${searched.hits.size} match${searched.hits.size === 1 ? '' : 'es'} for “${ui.query}”, with what they touch.`);
}

/** The closed groups holding a target's nodes. */
function groupsOf(target: Target): string[] {
  const ids = state?.view?.ids;
  if (!ids || !shown.drawing) return [];
  const nodes = ['service' in target ? ids.services[target.service] : undefined, 'store' in target ? ids.stores[target.store] : undefined];
  return [...shown.drawing.closed.values()].filter((g) => nodes.some((n) => n && g.members.includes(n))).map((g) => g.id);
}

/** Highlights a target (others faded) and scrolls it into view, opening the groups it is in first. */
function select(target: Target): void {
  if (!state?.view) return;
  const closed = groupsOf(target);
  if (closed.length) {
    pending = target;
    openGroups(closed);
    return;
  }
  pending = undefined;
  selected = target;
  const el = highlight(canvas, state.view, target);
  if (!el) return;
  const r = el.getBoundingClientRect();
  const c = canvas.getBoundingClientRect();
  transform = centerOn(transform, { x: (r.left + r.width / 2 - c.left) / transform.k, y: (r.top + r.height / 2 - c.top) / transform.k }, size());
  apply();
}

/** Redraws after the event that asked for it has returned: a big map's layout does not hold up the click. */
function redrawSoon(): void {
  setTimeout(() => {
    if (state) void render(state);
  }, 0);
}

function openGroups(ids: string[]): void {
  ui.open = [...new Set([...ui.open, ...ids])];
  redrawSoon();
}

/** A click, Enter or Space on a node, group or edge. */
function act(el: Element): void {
  const t = el.getAttribute('data-target');
  if (t) post({ type: 'select', target: JSON.parse(t) as Target });
  else if (el.hasAttribute('data-group')) {
    // the keyboard lands on the group's first member once it is open
    const first = shown.drawing?.closed.get(el.getAttribute('data-group')!)?.members[0];
    const target = first && state?.view?.ids ? reverseIds(state.view.ids).nodes.get(first) : undefined;
    if (target) keyboard.setCurrent(JSON.stringify(target));
    openGroups([el.getAttribute('data-group')!]);
  }
  else if (el.hasAttribute('data-bundle')) openGroups(el.getAttribute('data-bundle')!.split('|').filter((id) => shown.drawing?.closed.has(id)));
}

window.addEventListener('message', (e: MessageEvent<ToWebview>) => {
  const m = e.data;
  switch (m.type) {
    case 'state':
      void render(m.state);
      return;
    case 'status':
      status = m.status;
      if (state?.empty?.reason === 'indexing') showEmpty({ reason: 'indexing', message: `${m.status.message ?? 'Analyzing'}…` });
      else showNote();
      return;
    case 'focus':
    case 'select':
      pending = m.target;
      if (canvas.querySelector('svg')) select(m.target);
      return;
    case 'exportSvg':
      post({ type: 'svg', requestId: m.requestId, svg: lastSvg && `<?xml version="1.0" encoding="UTF-8"?>\n${asXml(lastSvg)}`, error: lastSvg ? undefined : 'nothing is drawn' });
      return;
  }
});

// filters, search and actions
$<HTMLSelectElement>('folder').addEventListener('change', (e) => post({ type: 'folder', folder: (e.target as HTMLSelectElement).value }));
const filterChanged = (): void => {
  const service = $<HTMLSelectElement>('service').value || undefined;
  const storeKind = $<HTMLSelectElement>('storeKind').value || undefined;
  post({ type: 'filter', filter: { ...(service ? { service } : {}), ...(storeKind ? { storeKind } : {}) } });
};
$('service').addEventListener('change', filterChanged);
$('storeKind').addEventListener('change', filterChanged);
for (const c of ['refresh', 'exportMarkdown', 'exportSvg'] as const) $(c).addEventListener('click', () => post({ type: 'command', command: c }));
wireCompare(post);
$('overview').addEventListener('click', () => {
  ui = { ...ui, mode: ui.mode === 'overview' ? 'whole' : 'overview', open: [] };
  drawnKey = undefined;
  saved = { ...saved, key: undefined };
  redrawSoon();
});
let searchTimer: ReturnType<typeof setTimeout> | undefined;
search.value = ui.query;
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    ui = { query: search.value.trim(), open: [] };
    if (state) void render(state);
  }, 250);
});
search.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && search.value) {
    e.preventDefault();
    search.value = '';
    search.dispatchEvent(new Event('input'));
  }
});
document.addEventListener('keydown', (e) => {
  const t = e.target as Element;
  if (e.key === '/' && !t.closest('input, select, textarea')) {
    e.preventDefault();
    search.focus();
    search.select();
  }
});
const zoomBy = (f: number): void => {
  const s = size();
  transform = zoomAt(transform, f, s.width / 2, s.height / 2, READABLE_ZOOM);
  apply();
};
$('zoomIn').addEventListener('click', () => zoomBy(1.25));
$('zoomOut').addEventListener('click', () => zoomBy(0.8));
$('zoomFit').addEventListener('click', fitNow);
const dragged = wirePointer(viewport, {
  get: () => transform,
  set: (t) => {
    transform = t;
    apply();
  },
  zoomBy,
  fit: fitNow,
});
// clicks on nodes, groups and edges (wired here, not by Mermaid `click` directives); a drag is not a click
canvas.addEventListener('click', (e) => {
  if (dragged()) return;
  const el = (e.target as Element | null)?.closest?.('[data-target], [data-group], [data-bundle]');
  if (el) act(el);
});
// a theme change redraws with the new colours, keeping zoom and scroll: VS Code sets the body's class (light,
// dark, high contrast) and theme id, and the --vscode-* variables on <html>; Dark+ → Monokai changes only the latter
const themeKey = (): string => `${document.body.className}|${document.body.dataset.vscodeThemeId ?? ''}|${document.documentElement.getAttribute('style') ?? ''}`;
let theme = themeKey();
const themeChanged = (): void => {
  if (themeKey() === theme) return;
  theme = themeKey();
  if (state && !state.empty) void render(state);
};
new MutationObserver(themeChanged).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
new MutationObserver(themeChanged).observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });

apply(false);
post({ type: 'ready' });

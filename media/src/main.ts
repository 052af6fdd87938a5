// The State Map webview: receives panel states, draws them, and posts what the user does. It keeps the
// zoom and scroll across redraws (and reloads, through the webview state) and follows theme changes.
import type { FolderStatus, Target, ViewFilter } from '../../src/protocol/messages';
import type { FromWebview, PanelState, ToWebview } from '../../src/protocol/webview';
import { asXml, draw, highlight } from './diagram';
import { emptyView, filterOptions, folderOptions, noteFor, percent, type Option } from './panelView';
import { centerOn, fit, IDENTITY, initialView, isTransform, panBy, toCss, wheelFactor, zoomAt, type Transform } from './viewport';

interface Saved {
  folder?: string;
  filter?: ViewFilter;
  transform?: Transform;
  /** folder + filter of the saved transform: another view starts fitted. */
  key?: string;
}

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void; getState(): Saved | undefined; setState(s: Saved): void };

const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewport = $<HTMLElement>('viewport');
const canvas = $<HTMLElement>('canvas');
const page = { nonce: (document.currentScript as HTMLScriptElement | null)?.nonce ?? '', elkUri: document.body.dataset.elkUri ?? '' };
const post = (m: FromWebview): void => vscode.postMessage(m);

let saved: Saved = vscode.getState() ?? {};
let transform: Transform = isTransform(saved.transform) ? saved.transform : IDENTITY;
let state: PanelState | undefined;
let status: FolderStatus | undefined;
let lastSvg: string | undefined;
let drawnKey: string | undefined;
let focus: Target | undefined;

const viewKey = (s: PanelState): string => `${s.folder}|${s.filter.service ?? ''}|${s.filter.storeKind ?? ''}`;

function apply(save = true): void {
  canvas.style.transform = toCss(transform);
  $('zoomLevel').textContent = `${Math.round(transform.k * 100)}%`;
  if (save) {
    saved = { ...saved, transform, key: drawnKey };
    vscode.setState(saved);
  }
}

function size(): { width: number; height: number } {
  return { width: viewport.clientWidth, height: viewport.clientHeight };
}

function contentSize(): { width: number; height: number } | undefined {
  const svg = canvas.querySelector('svg');
  if (!svg) return undefined;
  const box = svg.getBoundingClientRect();
  return { width: box.width / transform.k, height: box.height / transform.k };
}

function fitNow(): void {
  const c = contentSize();
  if (!c) return;
  transform = fit(c, size());
  apply();
}

function firstView(): void {
  const c = contentSize();
  if (!c) return;
  transform = initialView(c, size());
  apply();
}

function fill(select: HTMLSelectElement, options: Option[], value: string | undefined): void {
  select.replaceChildren(...options.map((o) => {
    const el = document.createElement('option');
    el.value = o.value;
    el.textContent = o.label;
    return el;
  }));
  select.value = value ?? '';
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function showNote(): void {
  const note = $('note');
  const n = state && !state.empty ? noteFor(state, status) : undefined;
  note.hidden = !n;
  if (!n) return;
  note.replaceChildren(document.createTextNode(n.text));
  if (n.command) {
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
  if (next.empty || !next.view?.mermaid) {
    showEmpty(next.empty ?? { reason: 'too-large', message: next.view?.note ?? '' });
    showNote();
    return;
  }
  $('empty').hidden = true;
  viewport.hidden = false;
  showNote();
  const view = next.view;
  try {
    const drawn = await draw(canvas, view, page);
    if (!drawn || state !== next) return;
    lastSvg = drawn.svg;
    const key = viewKey(next);
    // the same view redrawn (an edit, a theme change) keeps the user's zoom and scroll; another one starts fitted
    if (key !== (drawnKey ?? saved.key) || !isTransform(saved.transform)) {
      drawnKey = key;
      firstView();
    } else {
      drawnKey = key;
      apply(false);
    }
    if (focus) focusOn(focus);
    if (drawn.fellBack) {
      $('note').hidden = false;
      $('note').textContent = 'The ELK layout could not be loaded; this big map uses the default layout.';
    }
    post({ type: 'rendered', folder: next.folder ?? '', version: view.status.version, ms: drawn.ms, nodes: drawn.nodes, layout: drawn.layout });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    showEmpty({ reason: 'error', message: `The diagram could not be drawn: ${message}. Filter by a service or a store kind to draw a part of it.` });
    post({ type: 'renderError', message });
  }
}

function focusOn(target: Target): void {
  if (!state?.view) return;
  const el = highlight(canvas, state.view, target);
  focus = undefined;
  if (!el) return;
  const r = el.getBoundingClientRect();
  const c = canvas.getBoundingClientRect();
  transform = centerOn(transform, { x: (r.left + r.width / 2 - c.left) / transform.k, y: (r.top + r.height / 2 - c.top) / transform.k }, size());
  apply();
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
      focus = m.target;
      if (canvas.querySelector('svg')) focusOn(m.target);
      return;
    case 'exportSvg':
      post({ type: 'svg', requestId: m.requestId, svg: lastSvg && `<?xml version="1.0" encoding="UTF-8"?>\n${asXml(lastSvg)}`, error: lastSvg ? undefined : 'nothing is drawn' });
      return;
  }
});

// filters and actions
$<HTMLSelectElement>('folder').addEventListener('change', (e) => post({ type: 'folder', folder: (e.target as HTMLSelectElement).value }));
const filterChanged = (): void => {
  const service = $<HTMLSelectElement>('service').value || undefined;
  const storeKind = $<HTMLSelectElement>('storeKind').value || undefined;
  post({ type: 'filter', filter: { ...(service ? { service } : {}), ...(storeKind ? { storeKind } : {}) } });
};
$('service').addEventListener('change', filterChanged);
$('storeKind').addEventListener('change', filterChanged);
for (const c of ['refresh', 'exportMarkdown', 'exportSvg'] as const) $(c).addEventListener('click', () => post({ type: 'command', command: c }));
const zoomBy = (f: number): void => {
  const s = size();
  transform = zoomAt(transform, f, s.width / 2, s.height / 2);
  apply();
};
$('zoomIn').addEventListener('click', () => zoomBy(1.25));
$('zoomOut').addEventListener('click', () => zoomBy(0.8));
$('zoomFit').addEventListener('click', fitNow);

// clicks on nodes and edges (wired here, not by Mermaid `click` directives); a drag is not a click
let drag: { x: number; y: number; moved: boolean; id: number } | undefined;
let suppressClick = false;
const targetOf = (el: EventTarget | null): Target | undefined => {
  const t = (el as Element | null)?.closest?.('[data-target]')?.getAttribute('data-target');
  return t ? (JSON.parse(t) as Target) : undefined;
};
canvas.addEventListener('click', (e) => {
  if (suppressClick) return;
  const t = targetOf(e.target);
  if (t) post({ type: 'select', target: t });
});
canvas.addEventListener('keydown', (e) => {
  const t = targetOf(e.target);
  if (t && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    post({ type: 'select', target: t });
  }
});
viewport.addEventListener('pointerdown', (e) => {
  if (e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, moved: false, id: e.pointerId };
  suppressClick = false;
});
viewport.addEventListener('pointermove', (e) => {
  if (!drag || drag.id !== e.pointerId) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  if (!drag.moved) viewport.setPointerCapture(e.pointerId);
  drag.moved = true;
  viewport.classList.add('sm-dragging');
  transform = panBy(transform, dx, dy);
  drag.x = e.clientX;
  drag.y = e.clientY;
  apply();
});
const endDrag = (): void => {
  suppressClick = !!drag?.moved;
  drag = undefined;
  viewport.classList.remove('sm-dragging');
};
viewport.addEventListener('pointerup', endDrag);
viewport.addEventListener('pointercancel', endDrag);
viewport.addEventListener('wheel', (e) => {
  e.preventDefault();
  if (e.ctrlKey || e.metaKey) {
    const r = viewport.getBoundingClientRect();
    transform = zoomAt(transform, wheelFactor(e.deltaY, e.deltaMode), e.clientX - r.left, e.clientY - r.top);
  } else {
    transform = panBy(transform, -e.deltaX, -e.deltaY);
  }
  apply();
}, { passive: false });
viewport.addEventListener('keydown', (e) => {
  if ((e.target as Element).closest('[data-target]') && (e.key === 'Enter' || e.key === ' ')) return;
  const step = 40;
  const keys: Record<string, () => void> = {
    '+': () => zoomBy(1.25), '=': () => zoomBy(1.25), '-': () => zoomBy(0.8), '0': fitNow,
    ArrowLeft: () => ((transform = panBy(transform, step, 0)), apply()), ArrowRight: () => ((transform = panBy(transform, -step, 0)), apply()),
    ArrowUp: () => ((transform = panBy(transform, 0, step)), apply()), ArrowDown: () => ((transform = panBy(transform, 0, -step)), apply()),
  };
  const k = keys[e.key];
  if (k) {
    e.preventDefault();
    k();
  }
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

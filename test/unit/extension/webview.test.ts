// The webview's logic that needs no browser: zoom arithmetic, SVG ids → targets, theme colours, what to show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import path from 'node:path';
import { analyze } from '../../../src/core/analyze';
import { renderMermaid } from '../../../src/render/fit';
import { FIXTURES } from '../../helpers/workspace';
import { withoutMarkup } from '../../../media/src/markup';
import { emptyView, filterOptions, noteFor } from '../../../media/src/panelView';
import { edgeTarget, highlightIds, nodeTarget, reverseIds, targetLabel } from '../../../media/src/targets';
import { mermaidTheme, opaque, themeKind } from '../../../media/src/theme';
import { centerOn, fit, initialView, isTransform, wheelFactor, zoomAt } from '../../../media/src/viewport';
import type { ViewResult } from '../../../src/protocol/messages';

test('zooming keeps the point under the mouse still', () => {
  const t = zoomAt({ x: 10, y: 20, k: 1 }, 2, 110, 220);
  assert.deepEqual(t, { x: -90, y: -180, k: 2 });
  // content point under (110, 220) before and after
  assert.equal((110 - 10) / 1, (110 - t.x) / t.k);
  assert.equal(zoomAt({ x: 0, y: 0, k: 5 }, 10, 0, 0).k, 6, 'clamped');
});

test('fit shows it all, centered, never above 1:1; the first view of a tall map reads from the top', () => {
  assert.deepEqual(fit({ width: 200, height: 100 }, { width: 1000, height: 800 }), { k: 1, x: 400, y: 350 });
  const small = fit({ width: 2000, height: 1000 }, { width: 1032, height: 1032 });
  assert.equal(small.k, 0.5);
  assert.deepEqual([small.x, small.y], [16, 266]);
  const tall = initialView({ width: 700, height: 3000 }, { width: 732, height: 800 });
  assert.deepEqual(tall, { k: 1, x: 16, y: 16 });
  assert.ok(initialView({ width: 6000, height: 3000 }, { width: 800, height: 600 }).k >= 0.5, 'readable, not a smear');
  assert.deepEqual(centerOn({ x: 0, y: 0, k: 2 }, { x: 100, y: 50 }, { width: 400, height: 300 }), { k: 2, x: 0, y: 50 });
  assert.ok(wheelFactor(-100, 0) > 1 && wheelFactor(100, 0) < 1);
  assert.ok(isTransform({ x: 1, y: 2, k: 1 }) && !isTransform({ x: 1, y: 2, k: 0 }) && !isTransform(undefined));
});

const ids = { services: { 'services/cart': 'svc0', '.': 'svc1' }, stores: { redis: 'st0', '*postgres': 'st1', 'pg:a': 'st1', 'pg:b': 'st1' }, edges: [] };

test('rendered ids back to services, stores and edges', () => {
  const rev = reverseIds(ids);
  assert.deepEqual(nodeTarget('flowchart-svc0-0', rev), { kind: 'service', service: 'services/cart' });
  assert.deepEqual(nodeTarget('state-map-3-flowchart-st0-7', rev), { kind: 'store', store: 'redis' });
  assert.deepEqual(nodeTarget('flowchart-st1-2', rev), { kind: 'store', store: '*postgres' }, 'a collapsed node stands for its kind');
  assert.equal(nodeTarget('grp0', rev), undefined);
  assert.deepEqual(edgeTarget('L_svc1_st0_0', rev), { kind: 'edge', service: '.', store: 'redis' });
  // the ELK layout numbers its edges once more
  assert.deepEqual(edgeTarget('L_svc1_st0_0_0', rev), { kind: 'edge', service: '.', store: 'redis' });
  assert.equal(edgeTarget('L_st0_svc1_0', rev), undefined);
  assert.deepEqual(highlightIds({ kind: 'edge', service: 'services/cart', store: 'pg:a' }, ids), { nodes: ['svc0', 'st1'], edgePrefixes: ['L_svc0_st1_'] });
  assert.match(targetLabel({ kind: 'edge', service: '.', store: 'redis' }, { service: () => 'web', store: () => 'Redis' }), /^web → Redis/);
});

test('theme colours: flattened to opaque hex, dark and high contrast told apart', () => {
  assert.equal(opaque('#ffffff80', '#000000', '#123456'), '#808080');
  assert.equal(opaque('rgba(255, 0, 0, 0.5)', '#ffffff', '#000'), '#ff8080');
  assert.equal(opaque('', '#fff', '#abcdef'), '#abcdef');
  const classes = (...c: string[]) => ({ contains: (x: string) => c.includes(x) });
  assert.equal(themeKind(classes('vscode-dark')), 'dark');
  assert.equal(themeKind(classes('vscode-light')), 'light');
  assert.equal(themeKind(classes('vscode-high-contrast')), 'high-contrast');
  assert.equal(themeKind(classes('vscode-high-contrast-light', 'vscode-high-contrast')), 'high-contrast-light');
  const css: Record<string, string> = { '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-contrastBorder': '#6fc3df' };
  const dark = mermaidTheme((n) => css[n] ?? '', 'dark');
  assert.equal(dark.darkMode, true);
  assert.equal(dark.vars.background, '#1f1f1f');
  assert.equal(dark.vars.primaryTextColor, '#cccccc');
  assert.equal(mermaidTheme((n) => css[n] ?? '', 'high-contrast').vars.primaryBorderColor, '#6fc3df');
  assert.equal(mermaidTheme(() => '', 'light').vars.background, '#ffffff', 'defaults outside VS Code');
});

const view = (patch: Partial<ViewResult> = {}): ViewResult => ({
  status: { folder: 'f', name: 'f', state: 'ready', version: 1 },
  services: [{ id: 'b', name: 'web', verdict: 'stateless', honest: null, claim: null }, { id: 'a', name: 'cart', verdict: 'in-process-state', honest: false, claim: true }],
  storeKinds: [{ kind: 'redis', label: 'Redis' }], layout: 'dagre', collapse: 'none', nodes: 3, edges: 2, ...patch,
});

test('filters list services by name, a broken claim marked in words', () => {
  const o = filterOptions(view());
  assert.deepEqual(o.services.map((s) => s.label), ['All services', 'cart (✗ claim broken)', 'web']);
  assert.deepEqual(o.storeKinds.map((s) => s.value), ['', 'redis']);
});

test('empty states come with actions; notes explain a collapsed or stale map', () => {
  assert.deepEqual(emptyView({ reason: 'error', message: 'x' }).actions.map((a) => a.command), ['openLogs', 'refresh']);
  assert.equal(emptyView({ reason: 'indexing', message: 'x' }).progress, true);
  const state = { folders: [], filter: {}, view: view({ note: 'collapsed' }) };
  assert.deepEqual(noteFor(state, undefined), { text: 'collapsed' });
  assert.match(noteFor(state, { folder: 'f', name: 'f', state: 'indexing', version: 1, message: 'Indexing 3/9 files' })!.text, /^Updating: Indexing 3\/9 files/);
  assert.equal(noteFor(state, { folder: 'f', name: 'f', state: 'error', version: 1, message: 'boom' })?.command?.command, 'openLogs');
});

test('Mermaid text reaches Mermaid with no markup but line breaks, whatever the server sent', () => {
  const raw = 'flowchart LR\n  svc0["<b onmouseover=alert(1)>x</b><img src=x onerror=alert(2)><script>alert(3)</script><BR onclick=y>a<br/>b<br>c"] --> st0';
  const safe = withoutMarkup(raw);
  assert.equal(safe, 'flowchart LR\n  svc0["#lt;b onmouseover=alert(1)>x#lt;/b>#lt;img src=x onerror=alert(2)>#lt;script>alert(3)#lt;/script>#lt;BR onclick=y>a<br/>b<br>c"] --> st0');
  assert.doesNotMatch(safe, /<(?!br\/?>)/i, 'no tag but <br> is left');
});

test('what the server draws passes through unchanged, hostile names included', () => {
  for (const name of ['hostile-names', 'cart-three-places']) {
    const text = renderMermaid(analyze(path.join(FIXTURES, name)));
    assert.equal(withoutMarkup(text), text, `${name}: the server's Mermaid text already carries no markup but <br/>`);
  }
});

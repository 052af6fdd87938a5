// The webview's map data, without a browser: the server's Mermaid read back into a graph, the overview's
// groups and the text drawn from them, search, and the contrast guard the theme colours go through.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { analyze } from '../../../src/core/analyze';
import { mermaidWithIds } from '../../../src/render/mermaid';
import { ensureContrast, ratio } from '../../../media/src/contrast';
import { decode, escape, parseGraph } from '../../../media/src/graph';
import { drawing, groupSummary, narrow, overviewGroups } from '../../../media/src/overview';
import { mermaidTheme } from '../../../media/src/theme';

const shop = mermaidWithIds(analyze(path.join(__dirname, '..', '..', '..', 'examples', 'shop')));
const serviceOf = (node: string) => Object.entries(shop.ids.services).find(([, n]) => n === node)?.[0];

test('the server\'s flowchart reads back into services, stores, groups, edges with their access, and markers', () => {
  const g = parseGraph(shop.text)!;
  assert.ok(g, 'parsed');
  assert.equal([...g.nodes.values()].filter((n) => n.kind === 'service').length, Object.keys(shop.ids.services).length);
  assert.equal([...g.nodes.values()].filter((n) => n.kind === 'store').length, Object.keys(shop.ids.stores).length);
  assert.equal(g.edges.length, shop.ids.edges.length);
  assert.equal(g.nodes.get(shop.ids.services['services/cart-api'])!.text, '@shop/cart-api http-server · ✗ claims stateless, but keeps state in process');
  assert.deepEqual(g.nodes.get(shop.ids.services['services/cart-api'])!.classes, ['broken']);
  assert.deepEqual(g.nodes.get(shop.ids.stores.memory)!.classes, ['inproc']);
  const web = g.edges.find((e) => e.from === shop.ids.services['apps/web'] && e.to === shop.ids.stores.localStorage)!;
  assert.deepEqual([web.access, web.count], ['readwrite', 3]);
  assert.equal(parseGraph('graph TD\n  a --> b\n'), undefined, 'another shape is not read');
  assert.equal(parseGraph(`${shop.text}  click svc0 call alert(1)\n`), undefined, 'an unknown line is not dropped silently: the text is drawn as sent');
});

test('the overview: one node per group of two or more, with counts; merged edges keep the strongest access; markers carried over', () => {
  const g = parseGraph(shop.text)!;
  const groups = overviewGroups(g, serviceOf);
  const http = groups.find((x) => x.title === 'HTTP services')!;
  assert.equal(groupSummary(http, g), '3 services · ✗ 1 broken claim');
  const browser = groups.find((x) => x.title === 'In the browser')!;
  // localStorage, and the cookie express-session keeps the session id in
  assert.equal(browser.members.length, 2);
  const d = drawing(g, groups, new Set());
  assert.deepEqual([...d.closed.keys()], [http.id, browser.id], 'groups of two or more are closed; groups of one are their member');
  assert.match(d.text, new RegExp(`${http.id}\\["HTTP services<br/>3 services #183; #10007; 1 broken claim"\\]`));
  assert.match(d.text, new RegExp(`class [\\w,]*${http.id}[\\w,]* broken`), 'the group is marked broken');
  const redis = d.bundles.get(`${http.id}|${shop.ids.stores.redis}`)!;
  assert.deepEqual([redis.access, redis.edges], ['readwrite', 3]);
  assert.match(d.text, new RegExp(`${http.id} ==>\\|"read#47;write #183; 3 edges"\\| ${shop.ids.stores.redis}`), 'read and write drawn thick');
  const opened = drawing(g, groups, new Set([http.id]));
  assert.deepEqual([...opened.closed.keys()], [browser.id], 'opening one group leaves the others closed');
  assert.match(opened.text, new RegExp(`subgraph ${http.id}\\["HTTP services"\\]`));
  assert.equal(drawing(g, groups, new Set()).text, d.text, 'the same data draws the same text');
  const whole = drawing(g, groups, 'all');
  assert.equal(whole.text.split('\n').filter((l) => /-->|==>|-\.->/.test(l)).length, g.edges.length, 'the whole map has every edge');
});

test('a big role is split by folder, then into even runs; search keeps the hits and their neighbours', () => {
  const lines = ['flowchart LR', '  subgraph grp0["HTTP services"]'];
  for (let i = 0; i < 24; i++) lines.push(`    svc${i}["s${i}"]`);
  lines.push('  end', '  subgraph grp1["Caches"]', '    st0(["Redis"])', '  end');
  for (let i = 0; i < 24; i++) lines.push(`  svc${i} -->|"write ×1"| st0`);
  const g = parseGraph(lines.join('\n'))!;
  const groups = overviewGroups(g, (n) => (Number(n.slice(3)) < 12 ? `services/${n}` : `api/${n}`));
  assert.deepEqual(groups.map((x) => `${x.title}: ${x.members.length}`), ['HTTP services in services/ (1 of 2): 6', 'HTTP services in services/ (2 of 2): 6', 'HTTP services in api/ (1 of 2): 6', 'HTTP services in api/ (2 of 2): 6', 'Caches: 1']);
  assert.equal(overviewGroups(g, () => undefined, 100_000)[0].members.length, 24, 'one group per role when asked');
  const found = narrow(g, 'S7');
  assert.deepEqual([...found.hits], ['svc7']);
  assert.deepEqual([...found.graph.nodes.keys()].sort(), ['st0', 'svc7'], 'the hit and what it touches');
});

test('labels the webview writes are entities only; decoding gives the text back', () => {
  const e = escape('a "b" <c> end ✗ 1');
  assert.ok(!/["<>]/.test(e) && !/\bend\b/.test(e));
  assert.equal(decode(e), 'a "b" <c> end ✗ 1');
});

test('theme colours are raised to 3:1 (markers) and 4.5:1 (text) where a theme falls short, and kept where it does not', () => {
  assert.ok(ratio('#d18616', '#ffffff') < 3, 'precondition: charts.orange on white is under 3:1');
  const raised = ensureContrast('#d18616', ['#ffffff', '#f8f8f8'], 3);
  assert.ok(ratio(raised, '#ffffff') >= 3 && ratio(raised, '#f8f8f8') >= 3, raised);
  assert.equal(ensureContrast('#e51400', ['#ffffff'], 3), '#e51400', 'a colour that passes is kept');
  const vars: Record<string, string> = { '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b', '--vscode-editorWidget-background': '#f8f8f8', '--vscode-editorWidget-border': '#c8c8c8', '--vscode-sideBar-background': '#f8f8f8', '--vscode-testing-iconPassed': '#73c991', '--vscode-editorWarning-foreground': '#bf8803' };
  const t = mermaidTheme((n) => vars[n] ?? '', 'light');
  for (const k of ['--sm-broken', '--sm-honest', '--sm-inproc', '--sm-store', '--sm-border', '--sm-focus']) {
    for (const bg of ['#ffffff', '#f8f8f8']) assert.ok(ratio(t.marks[k], bg) >= 3, `${k} ${t.marks[k]} on ${bg}`);
  }
  assert.ok(ratio(String(t.vars.nodeTextColor), '#f8f8f8') >= 4.5);
});

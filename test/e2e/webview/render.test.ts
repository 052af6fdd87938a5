// The webview draws real maps (analyzed, then built into views by the server's code) of 1, 20 and 150
// nodes, and handles the big ones the way the code promises: a summary above 100 nodes, the ELK chunk
// only when a map is laid out with ELK, stores merged by kind or nothing drawn beyond the view's limits,
// Mermaid's own limits raised, and dagre when the ELK chunk cannot load.
// Its colours come from the VS Code theme (media/src/theme.ts reads the `--vscode-*` variables and the
// body's theme class); it is redrawn when VS Code switches theme, keeping the zoom. The expected colours
// are worked out by hand from the variables in harness/themes.ts THEMES (raised to 3:1 where a border needs it).
// (One file, one browser: each test file costs seconds of start-up.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { StateMap } from '../../../src/core/model/types';
import type { PanelState } from '../../../src/protocol/webview';
import { launchBrowser } from '../harness/browser';
import { MEDIA, assertClean, openWebview, requestCount, startMediaServer, svgNodes, type MediaServer, type SvgNode, type ThemeName, type WebviewPage } from '../harness/webviewPage';
import { analyzeWorkspace, bigWorkspace, oneNodeWorkspace, panelState, sharedStoresWorkspace, twentyNodeWorkspace } from './maps';

/** The drawn node that stands for Mermaid node `id` (`svc3`, `st0`): Mermaid names it `flowchart-svc3-<n>`. */
function nodeOf(nodes: SvgNode[], id: string, what: string): SvgNode {
  const n = nodes.find((x) => new RegExp(`(^|-)flowchart-${id}-\\d+$`).test(x.id));
  assert.ok(n, `${what} (Mermaid node ${id}) is not in the SVG; drawn: ${nodes.map((x) => x.id).join(', ')}`);
  return n;
}

/** Every service and store of the view is drawn as its own node, with its name, and tagged with its target. */
function assertNodesMatch(nodes: SvgNode[], map: StateMap, state: PanelState): void {
  const ids = state.view!.ids!;
  for (const s of map.services) {
    const id = ids.services[s.id];
    if (!id) continue;
    const n = nodeOf(nodes, id, `service ${s.name}`);
    assert.ok(n.text.includes(s.name), `the node of service ${s.name} reads "${n.text}"`);
    assert.deepEqual(JSON.parse(n.target ?? 'null'), { kind: 'service', service: s.id }, `the click target of service ${s.name}`);
  }
  for (const st of map.stores) {
    const id = ids.stores[st.id];
    if (!id) continue;
    const n = nodeOf(nodes, id, `store ${st.label}`);
    for (const part of st.label.split(' · ')) assert.ok(n.text.includes(part), `the node of store ${st.label} reads "${n.text}", without "${part}"`);
    assert.deepEqual(JSON.parse(n.target ?? 'null'), { kind: 'store', store: st.id }, `the click target of store ${st.label}`);
  }
}

const visible = (w: WebviewPage, selector: string) => w.page.locator(selector).isVisible();

interface Colours {
  page: string;
  nodeFill: string;
  nodeBorder: string;
  nodeText: string;
  edge: string;
  groupFill: string;
}

/** Computed colours of the page and of the diagram's parts. */
async function colours(w: WebviewPage, plainNode: string): Promise<Colours> {
  return w.page.evaluate((node) => {
    const style = (sel: string): CSSStyleDeclaration => {
      const el = document.querySelector(sel);
      if (!el) throw new Error(`nothing drawn matches ${sel}`);
      return getComputedStyle(el);
    };
    return {
      page: style('body').backgroundColor,
      nodeFill: style(`${node} > rect`).fill,
      nodeBorder: style(`${node} > rect`).stroke,
      nodeText: style(`${node} span.nodeLabel`).color,
      edge: style('#canvas svg path.flowchart-link').stroke,
      groupFill: style('#canvas svg g.cluster > rect').fill,
    };
  }, plainNode);
}

const EXPECTED: Record<Exclude<ThemeName, 'monokai'>, Colours> = {
  light: {
    page: 'rgb(255, 255, 255)', // editor-background
    nodeFill: 'rgb(248, 248, 248)', // editorWidget-background
    nodeBorder: 'rgb(140, 140, 140)', // editorWidget-border #c8c8c8 (1.7:1) darkened to 3:1 on white and #f8f8f8
    nodeText: 'rgb(59, 59, 59)', // editor-foreground
    edge: 'rgb(59, 59, 59)', // descriptionForeground of Light Modern
    groupFill: 'rgb(248, 248, 248)', // sideBar-background
  },
  dark: {
    page: 'rgb(31, 31, 31)', // Dark Modern
    nodeFill: 'rgb(32, 32, 32)',
    nodeBorder: 'rgb(116, 116, 116)', // editorWidget-border #454545 (1.7:1) lightened to 3:1 on #1f1f1f, #202020, #181818
    nodeText: 'rgb(204, 204, 204)',
    edge: 'rgb(157, 157, 157)', // descriptionForeground #9d9d9d
    groupFill: 'rgb(24, 24, 24)',
  },
  'high-contrast': {
    page: 'rgb(0, 0, 0)',
    nodeFill: 'rgb(12, 20, 31)',
    nodeBorder: 'rgb(111, 195, 223)', // contrastBorder
    nodeText: 'rgb(255, 255, 255)',
    edge: 'rgb(255, 255, 255)', // lines in the foreground colour
    groupFill: 'rgb(0, 0, 0)', // groups on the background
  },
  'high-contrast-light': {
    page: 'rgb(255, 255, 255)',
    nodeFill: 'rgb(255, 255, 255)',
    nodeBorder: 'rgb(15, 74, 133)',
    nodeText: 'rgb(41, 41, 41)',
    edge: 'rgb(41, 41, 41)',
    groupFill: 'rgb(255, 255, 255)',
  },
};

describe('the webview in Chromium: real maps and theme colours', () => {
  let server: MediaServer;
  let browser: Browser;

  before(async () => {
    [server, browser] = await Promise.all([startMediaServer(), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('the webview draws real maps', () => {
    let w: WebviewPage;
    let one: StateMap;
    let twenty: StateMap;
    let big: StateMap;

    before(async () => {
      one = analyzeWorkspace(oneNodeWorkspace());
      twenty = analyzeWorkspace(twentyNodeWorkspace());
      big = analyzeWorkspace(bigWorkspace(50));
      w = await openWebview(browser, server, { theme: 'dark', width: 1280, height: 1750 });
    });

    after(async () => {
      await w?.close();
    });

    it('a map of 1 node: one service node with its name and claim, no edges, no ELK', async () => {
      const state = panelState(one, 'health');
      assert.equal(state.view?.nodes, 1, 'precondition: the analyzed workspace is a 1-node map');
      const r = await w.render(state, 'the 1-node map');
      assert.deepEqual([r.nodes, r.layout, r.version, r.folder], [1, 'dagre', 1, state.folder]);
      const nodes = await svgNodes(w.page);
      assert.equal(nodes.length, 1, `one g.node expected, drawn: ${nodes.map((n) => n.text).join(' | ')}`);
      assert.match(nodes[0].text, /^health-api http-server · ✓ claims stateless$/);
      assert.match(nodes[0].classes, /\bhonest\b/, 'the honest claim has the honest class (green border)');
      assertNodesMatch(nodes, one, state);
      assert.equal(await w.page.locator('#canvas svg path.flowchart-link').count(), 0, 'no edges');
      assert.ok(await visible(w, '#viewport'), 'the diagram is shown');
      assert.ok(!(await visible(w, '#empty')), 'the empty state is hidden');
      assert.ok(!(await visible(w, '#note')), 'no note above a small map');
      assert.deepEqual(await w.page.locator('#service option').allTextContents(), ['All services', 'health-api']);
      assert.equal(requestCount(w, server.origin, MEDIA.elk), 0, 'the ELK chunk is not loaded for a small map');
      await assertClean(w, server.origin, 'the 1-node map');
    });

    it('a map of 20 nodes: every service and store with its label, every edge with its label, groups and claim styles', async () => {
      const state = panelState(twenty, 'shop');
      const ids = state.view!.ids!;
      assert.equal(state.view?.nodes, 20, 'precondition: the analyzed workspace is a 20-node map');
      const r = await w.render(state, 'the 20-node map');
      assert.deepEqual([r.nodes, r.layout], [20, 'dagre']);
      const nodes = await svgNodes(w.page);
      assert.equal(nodes.length, 20, `20 g.node expected, drawn ${nodes.length}: ${nodes.map((n) => n.text).join(' | ')}`);
      assertNodesMatch(nodes, twenty, state);
      const cart = nodeOf(nodes, ids.services['services/cart-api'], 'cart-api');
      assert.match(cart.text, /✗ claims stateless, but keeps state in process/);
      assert.match(cart.classes, /\bbroken\b/);
      const dash = await w.page.$eval(`#${cart.id} > rect`, (el) => [getComputedStyle(el).strokeDasharray, getComputedStyle(el).stroke]);
      assert.notEqual(dash[0], 'none', 'the broken claim has a dashed border');
      assert.equal(dash[1], 'rgb(241, 76, 76)', 'the broken claim\'s border is the theme\'s editorError.foreground (Dark Modern #f14c4c)');

      const edges = await w.page.$$eval('#canvas svg path.flowchart-link', (ps) => ps.map((p) => ({ id: p.id, target: p.getAttribute('data-target'), hit: p.previousElementSibling?.classList.contains('sm-hit') ?? false })));
      assert.equal(edges.length, ids.edges.length, `${ids.edges.length} edges expected, drawn ${edges.length}`);
      for (const e of edges) {
        assert.ok(e.target, `edge ${e.id} has no click target`);
        assert.ok(e.hit, `edge ${e.id} has no wide hit area before it`);
      }
      const drawnEdges = edges.map((e) => JSON.parse(e.target!)).map((t) => `${t.service} → ${t.store}`).sort();
      assert.deepEqual(drawnEdges, ids.edges.map((e) => `${e.service} → ${e.store}`).sort(), 'every edge of the view, once');
      const labels = await w.page.$$eval('#canvas svg g.edgeLabel[data-target] foreignObject', (ls) => ls.map((l) => (l.firstElementChild as HTMLElement).innerText.trim()));
      assert.equal(labels.length, ids.edges.length, 'every edge has a clickable label');
      for (const l of labels) assert.match(l, /^(read|write|read\/write) ×\d+$/, `edge label "${l}"`);
      const groups = await w.page.$$eval('#canvas svg g.cluster', (gs) => gs.map((g) => g.textContent?.trim() ?? ''));
      for (const g of ['HTTP services', 'Workers', 'Frontends', 'Databases', 'Caches', 'Messaging', 'In the process', 'In the browser']) {
        assert.ok(groups.includes(g), `group "${g}" is not drawn; groups: ${groups.join(', ')}`);
      }
      assert.ok(!(await visible(w, '#note')), 'no note: the whole map is drawn');
      assert.equal(await w.page.locator('#service option').count(), 1 + twenty.services.length, 'the service filter lists every service');
      assert.equal(requestCount(w, server.origin, MEDIA.elk), 0, 'the ELK chunk is not loaded for a dagre map');
      await assertClean(w, server.origin, 'the 20-node map');
    });

    it('a map of 150 nodes is first drawn as a summary: one node per service listing its stores, a note, no ELK', async () => {
      const state = panelState(big, 'fleet');
      assert.deepEqual([state.view?.nodes, state.view?.collapse], [150, 'summary'], 'precondition: 150 nodes, summarised by the server');
      const r = await w.showWholeMap(await w.render(state, 'the summary of the 150-node map'));
      assert.deepEqual([r.nodes, r.layout], [50, 'dagre']);
      const nodes = await svgNodes(w.page);
      assert.equal(nodes.length, 50, `50 service nodes expected, drawn ${nodes.length}`);
      for (const s of big.services) {
        const n = nodeOf(nodes, state.view!.ids!.services[s.id], s.name);
        assert.ok(n.text.startsWith(s.name), `summary node of ${s.name} reads "${n.text}"`);
        assert.match(n.text, /2 stores: PostgreSQL r · Redis w/, `summary node of ${s.name} lists its stores`);
      }
      assert.equal(await w.page.locator('#canvas svg path.flowchart-link[data-target]').count(), 0, 'no service → store edges in the summary');
      assert.ok(await visible(w, '#note'), 'the note saying why the map is a summary is shown');
      assert.match(await w.page.locator('#note').innerText(), /^150 nodes and 100 edges are too many to read at once: each service lists the stores it touches/);
      assert.equal(await w.page.locator('#service option').count(), 51, 'every service can be chosen to see its edges');
      assert.equal(requestCount(w, server.origin, MEDIA.elk), 0, 'the summary uses dagre: no ELK chunk');
      await w.screenshot('webview-150.png');
      await assertClean(w, server.origin, 'the 150-node summary');
    });

    it('a map of 150 nodes with the ELK layout: every node drawn, the ELK chunk loaded once, on demand', async () => {
      const state = panelState(big, 'fleet', { layout: 'elk' });
      assert.deepEqual([state.view?.nodes, state.view?.collapse, state.view?.layout], [150, 'none', 'elk']);
      assert.equal(requestCount(w, server.origin, MEDIA.elk), 0, 'precondition: ELK not loaded yet');
      const r = await w.showWholeMap(await w.render(state, 'the 150-node map with ELK'));
      assert.deepEqual([r.nodes, r.layout], [150, 'elk'], 'drawn with ELK, not a fallback');
      const nodes = await svgNodes(w.page);
      assert.equal(nodes.length, 150, `150 g.node expected, drawn ${nodes.length}`);
      assertNodesMatch(nodes, big, state);
      // (their click targets: see the ELK test in interaction.test.ts)
      assert.equal(await w.page.locator('#canvas svg path.flowchart-link').count(), 100, '100 edges');
      assert.equal(requestCount(w, server.origin, MEDIA.elk), 1, 'the ELK chunk was requested once');
      const nonces = await w.page.$$eval('script[src]', (ss) => ss.map((s) => `${new URL((s as HTMLScriptElement).src).pathname} ${(s as HTMLScriptElement).nonce}`));
      const main = nonces.find((n) => n.startsWith(`${MEDIA.script} `))?.split(' ')[1];
      assert.ok(main, `the page's script carries a nonce: ${nonces.join(', ')}`);
      assert.deepEqual(nonces.sort(), [`${MEDIA.elk} ${main}`, `${MEDIA.script} ${main}`], 'the ELK chunk is loaded by one script element with the page\'s nonce');
      assert.ok(!(await visible(w, '#note')), 'no fallback note');
      await w.screenshot('webview-150-elk.png');
      const again = await w.render(panelState(one, 'health', { layout: 'elk', version: 2 }), 'another map with ELK');
      assert.deepEqual([again.nodes, again.layout, again.version], [1, 'elk', 2]);
      assert.equal(requestCount(w, server.origin, MEDIA.elk), 1, 'the next ELK map reuses the loaded chunk');
      await assertClean(w, server.origin, 'the 150-node ELK map');
    });

    it('a map over the view\'s text limit: stores of one kind merged into one node, which still finds each store', async () => {
      const state = panelState(big, 'fleet', { layout: 'dagre', maxTextSize: 6_000 });
      assert.equal(state.view?.collapse, 'kinds', 'precondition: the server merged stores by kind');
      const r = await w.showWholeMap(await w.render(state, 'the 150-node map with stores merged by kind'));
      assert.equal(r.nodes, 52);
      const nodes = await svgNodes(w.page);
      assert.equal(nodes.length, 52, `50 services and 2 store kinds expected, drawn ${nodes.length}`);
      const kinds = nodes.filter((n) => JSON.parse(n.target ?? '{}').kind === 'store');
      assert.deepEqual(kinds.map((n) => n.text).sort(), ['PostgreSQL ×50', 'Redis ×50']);
      assert.deepEqual(kinds.map((n) => JSON.parse(n.target!).store).sort(), ['*postgres', '*redis'], 'a merged node stands for its kind');
      assert.match(await w.page.locator('#note').innerText(), /stores of one kind are shown as one node/);
      // a hover's "Show in State Map" for one Redis instance highlights the merged Redis node
      await w.send({ type: 'focus', target: { kind: 'store', store: 'redis:$CACHE_7_URL' } });
      const focused = await w.page.$$eval('#canvas g.node.sm-focused', (gs) => gs.map((g) => g.getAttribute('data-target')));
      assert.deepEqual(focused.map((t) => JSON.parse(t!).store), ['*redis']);
      await assertClean(w, server.origin, 'the merged map');
    });

    it('a map too large to draw: the empty state says so and offers the Markdown export', async () => {
      const state = panelState(big, 'fleet', { layout: 'dagre', maxEdges: 10 });
      assert.equal(state.empty?.reason, 'too-large', 'precondition: nothing fits');
      const before = (await w.posted()).length;
      await w.send({ type: 'state', state });
      await w.page.locator('#empty').waitFor({ state: 'visible', timeout: 5_000 });
      assert.equal(await w.page.locator('#emptyTitle').innerText(), 'Too large to draw');
      assert.match(await w.page.locator('#emptyMessage').innerText(), /^150 nodes and 100 edges are too many to draw/);
      assert.ok(!(await visible(w, '#viewport')), 'the old diagram is hidden');
      await w.page.getByRole('button', { name: 'Export as Markdown' }).click();
      const posted = (await w.posted()).slice(before);
      assert.deepEqual(posted.filter((m) => m.type !== 'rendered'), [{ type: 'command', command: 'exportMarkdown' }]);
      await assertClean(w, server.origin, 'the too-large state');
    });

    it('more edges than Mermaid allows by default (500): drawn, because the panel raises the limit', async () => {
      const shared = analyzeWorkspace(sharedStoresWorkspace(60, 9));
      const state = panelState(shared, 'shared');
      assert.ok(state.view!.edges > 500 && state.view!.collapse === 'none', `precondition: ${state.view!.edges} edges, drawn whole`);
      const r = await w.showWholeMap(await w.render(state, `the map of ${state.view!.edges} edges`));
      assert.equal(r.nodes, 69);
      assert.equal(await w.page.locator('#canvas svg path.flowchart-link[data-target]').count(), 540, 'every edge drawn');
      await assertClean(w, server.origin, 'the 540-edge map');
    });

    it('when the ELK chunk cannot load, an ELK map is drawn with dagre and a note says so', async () => {
      const failing = await openWebview(browser, server, { theme: 'dark', width: 1280, height: 1750, failElk: true });
      try {
        const r = await failing.render(panelState(twenty, 'shop', { layout: 'elk' }), 'the ELK map without the ELK chunk');
        assert.deepEqual([r.nodes, r.layout], [20, 'dagre'], 'fell back to dagre');
        assert.equal(await failing.page.locator('#canvas svg g.node').count(), 20);
        assert.equal(await failing.page.locator('#note').innerText(), 'The ELK layout could not be loaded; this big map uses the default layout.');
        const errors = failing.console.filter((c) => c.type === 'error' && !c.text.includes('net::ERR_FAILED'));
        assert.deepEqual(errors, [], 'no other console error than the aborted chunk');
        assert.deepEqual(failing.pageErrors, []);
      } finally {
        await failing.close();
      }
    });
  });

  describe('theme colours', () => {
    let w: WebviewPage;
    let state: PanelState;
    let plainNode: string;

    before(async () => {
      state = panelState(analyzeWorkspace(twentyNodeWorkspace()), 'shop');
      // catalog-api: no claim, so no claim class overrides its border
      plainNode = `#canvas svg g.node[id*="flowchart-${state.view!.ids!.services['services/catalog-api']}-"]`;
      w = await openWebview(browser, server, { theme: 'light', width: 1280, height: 1750 });
    });

    after(async () => {
      await w?.close();
    });

    it('a light theme: page and diagram in the light theme\'s colours', async () => {
      await w.render(state, 'the 20-node map in a light theme');
      assert.deepEqual(await colours(w, plainNode), EXPECTED.light);
      await w.screenshot('webview-20-light.png');
    });

    it('switching to a dark theme redraws the diagram in the dark colours', async () => {
      const light = await colours(w, plainNode);
      const r = await w.afterDraw(() => w.setTheme('dark'), 'the redraw after switching to the dark theme');
      assert.equal(r.nodes, 20);
      const dark = await colours(w, plainNode);
      assert.deepEqual(dark, EXPECTED.dark);
      for (const k of Object.keys(dark) as Array<keyof Colours>) assert.notEqual(dark[k], light[k], `${k} is the same in light and dark`);
      await w.screenshot('webview-20-dark.png');
    });

    it('high contrast: borders in the contrast colour, lines in the foreground, groups on the background', async () => {
      await w.afterDraw(() => w.setTheme('high-contrast'), 'the redraw after switching to high contrast');
      assert.deepEqual(await colours(w, plainNode), EXPECTED['high-contrast']);
      await w.screenshot('webview-20-high-contrast.png');
      await w.afterDraw(() => w.setTheme('high-contrast-light'), 'the redraw after switching to high contrast light');
      assert.deepEqual(await colours(w, plainNode), EXPECTED['high-contrast-light']);
    });

    it('a theme change keeps the user\'s zoom and scroll', async () => {
      await w.page.click('#zoomIn');
      await w.page.click('#zoomIn');
      const zoomed = await w.page.$eval('#canvas', (c) => [(c as HTMLElement).style.transform, document.getElementById('zoomLevel')!.textContent]);
      assert.equal(zoomed[1], `${Math.round(parseFloat(zoomed[0].match(/scale\(([\d.]+)\)/)![1]) * 100)}%`);
      await w.afterDraw(() => w.setTheme('dark'), 'the redraw after switching back to dark');
      const after = await w.page.$eval('#canvas', (c) => [(c as HTMLElement).style.transform, document.getElementById('zoomLevel')!.textContent]);
      assert.deepEqual(after, zoomed, 'the transform and the zoom level survive the redraw');
      await w.page.click('#zoomFit');
      await w.screenshot('webview-20-dark-fit.png');
      await assertClean(w, server.origin, 'the theme switches');
    });

    it('switching between two dark themes (same body class, other colours) redraws in the new colours', async () => {
      // wait for the redraw, if one comes; the colours say what is wrong when none does
      await w.afterDraw(() => w.setTheme('monokai'), 'the redraw after switching from Dark+ to Monokai', 1_500).catch(() => undefined);
      const c = await colours(w, plainNode);
      assert.equal(c.page, 'rgb(39, 40, 34)', 'the page follows at once (CSS variables)');
      assert.equal(c.nodeFill, 'rgb(30, 31, 28)', 'nodes in Monokai\'s widget colour');
      assert.equal(c.nodeText, 'rgb(248, 248, 242)', 'labels in Monokai\'s foreground');
    });
  });
});

// The first view is readable in the panel VS Code gives it beside an editor (626 × 760 px, issue 15): no
// label under 11 px on screen, the whole map when it fits so, else the overview; nothing of the bundled
// example off-screen in any of the four default themes; every node reachable with the keyboard (Tab through
// services, stores and edges, Enter opens a group); arrow keys follow edges; `/` searches; a `select`
// message highlights and scrolls to its node; the same map draws the same way twice. Screenshots go to
// .test-artifacts/e2e.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../../src/core/analyze';
import type { StateMap } from '../../../src/core/model/types';
import type { PanelState } from '../../../src/protocol/webview';
import { launchBrowser } from '../harness/browser';
import { REPO } from '../harness/paths';
import { DEFAULT_THEMES } from '../harness/themes';
import { assertClean, openWebview, startMediaServer, type MediaServer, type WebviewPage } from '../harness/webviewPage';
import { analyzeWorkspace, monorepoWorkspace, panelState } from './maps';

const PANEL = { width: 626, height: 760 };

/** On-screen font size of every label in view (CSS px × the scale it is drawn at), measured from layout. */
function labelSizes(page: Page): Promise<Array<{ text: string; px: number }>> {
  return page.evaluate(() => {
    const vp = document.getElementById('viewport')!.getBoundingClientRect();
    const out: Array<{ text: string; px: number }> = [];
    const inView = (r: DOMRect) => r.width > 0 && r.height > 0 && r.right > vp.left && r.left < vp.right && r.bottom > vp.top && r.top < vp.bottom;
    for (const el of Array.from(document.querySelectorAll('#canvas svg foreignObject *, #canvas svg text, #canvas svg tspan'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own) continue;
      const r = el.getBoundingClientRect();
      if (!inView(r) || getComputedStyle(el).visibility === 'hidden') continue;
      // the scale it is drawn at: of its <foreignObject> (HTML labels) or of its own box (SVG text)
      const fo = el.closest('foreignObject');
      const scale = fo ? fo.getBoundingClientRect().width / fo.width.baseVal.value : r.height / (el as SVGGraphicsElement).getBBox().height;
      out.push({ text: el.textContent!.trim().slice(0, 40), px: parseFloat(getComputedStyle(el).fontSize) * scale });
    }
    return out;
  });
}

/** Nodes and groups drawn (partly) outside the viewport. */
function offScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vp = document.getElementById('viewport')!.getBoundingClientRect();
    return Array.from(document.querySelectorAll('#canvas svg g.node, #canvas svg g.cluster'))
      .filter((g) => {
        const r = g.getBoundingClientRect();
        return r.left < vp.left - 0.5 || r.top < vp.top - 0.5 || r.right > vp.right + 0.5 || r.bottom > vp.bottom + 0.5;
      })
      .map((g) => `${g.id}: ${(g.textContent ?? '').trim().slice(0, 40)}`);
  });
}

/** Tabs from the map's background until focus leaves the map; what got focus, in order, with its kind. */
async function tabThrough(page: Page): Promise<Array<{ key: string; kind: string }>> {
  // the map is one Tab stop that remembers where the user was: Shift+Tab back to its start first
  await page.focus('#viewport');
  await page.keyboard.press('Tab');
  for (let i = 0; i < 400 && (await page.evaluate(() => !!document.activeElement?.closest('#canvas'))); i++) await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'viewport', 'Shift+Tab from the first stop leaves the map for its background');
  const seen: Array<{ key: string; kind: string }> = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const now = await page.evaluate(() => {
      const a = document.activeElement;
      if (!a || !a.closest('#canvas')) return undefined;
      const key = a.getAttribute('data-target') ?? a.getAttribute('data-group') ?? a.getAttribute('data-bundle') ?? '';
      return { key, kind: a.hasAttribute('data-from') ? 'edge' : a.getAttribute('data-kind') ?? '' };
    });
    if (!now) break;
    seen.push(now);
  }
  return seen;
}

/** Every keyboard stop of the map as drawn. */
function stops(page: Page): Promise<string[]> {
  return page.$$eval('#canvas [tabindex]', (els) => els.map((e) => e.getAttribute('data-target') ?? e.getAttribute('data-group') ?? e.getAttribute('data-bundle') ?? ''));
}

async function assertReadable(w: WebviewPage, what: string): Promise<number> {
  const sizes = await labelSizes(w.page);
  assert.ok(sizes.length > 0, `${what}: no label in view`);
  const small = sizes.filter((s) => s.px < 11 - 0.01);
  assert.deepEqual(small, [], `${what}: labels under 11 px`);
  return Math.min(...sizes.map((s) => s.px));
}

describe('a readable first view, the keyboard and "Show in State Map" in the panel beside an editor', () => {
  let server: MediaServer;
  let browser: Browser;
  let shop: StateMap;
  let mono: StateMap;

  before(async () => {
    [server, browser] = await Promise.all([startMediaServer(), launchBrowser()]);
    shop = analyze(path.join(REPO, 'examples', 'shop'));
    mono = analyzeWorkspace(monorepoWorkspace(60));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const theme of DEFAULT_THEMES) {
    it(`the bundled example in ${theme}: every label at least 11 px, nothing off-screen`, async () => {
      const w = await openWebview(browser, server, { theme, ...PANEL });
      try {
        await w.render(panelState(shop, 'shop'), 'the bundled example');
        const min = await assertReadable(w, `examples/shop in ${theme}`);
        assert.deepEqual(await offScreen(w.page), [], `examples/shop in ${theme}: nodes or groups off-screen in the first view`);
        const services = await w.page.$$eval('#canvas g.node[data-kind="service"], #canvas g.node[data-group]', (gs) => gs.length);
        assert.ok(services > 0, 'services (or their groups) are drawn');
        await w.screenshot(`readable-shop-${theme}.png`);
        console.log(`    examples/shop in ${theme}: smallest label ${min.toFixed(2)} px, zoom ${await w.page.locator('#zoomLevel').innerText()}`);
        await assertClean(w, server.origin, `examples/shop in ${theme}`);
      } finally {
        await w.close();
      }
    });
  }

  describe('a generated monorepo of 60 services', () => {
    let w: WebviewPage;
    let state: PanelState;

    before(async () => {
      state = panelState(mono, 'mono');
      w = await openWebview(browser, server, { theme: 'dark', ...PANEL });
      await w.render(state, 'the 60-service monorepo');
    });

    after(async () => {
      await w?.close();
    });

    it('opens as an overview of groups with counts, every label at least 11 px, every group in view', async () => {
      assert.equal(state.view?.nodes, 70, 'precondition: 60 services and 10 stores');
      const groups = await w.page.$$eval('#canvas g.node[data-group]', (gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));
      assert.ok(groups.length >= 4, `groups drawn: ${groups.join(' | ')}`);
      for (const g of groups) assert.match(g, /^Group .+: \d+ (services|stores)/, 'each group says what it holds');
      const counted = groups.filter((g) => /services/.test(g)).reduce((n, g) => n + Number(/: (\d+) services/.exec(g)![1]), 0);
      const single = await w.page.$$eval('#canvas g.node[data-kind="service"]:not([data-group])', (gs) => gs.length);
      assert.equal(counted + single, 60, 'the groups and single services account for every service');
      assert.ok(groups.some((g) => /✗ \d+ broken claim/.test(g)), 'a group with broken claims says so');
      const min = await assertReadable(w, 'the monorepo overview');
      assert.deepEqual(await offScreen(w.page), [], 'groups off-screen in the first view');
      await w.screenshot('readable-monorepo-overview.png');
      console.log(`    monorepo overview: ${groups.length} groups, smallest label ${min.toFixed(2)} px`);
    });

    it('zooming out stops where labels would go under 11 px', async () => {
      for (let i = 0; i < 8; i++) await w.page.click('#zoomOut');
      await assertReadable(w, 'the overview zoomed out');
      await w.page.click('#zoomFit');
      await assertReadable(w, 'the overview after Fit');
    });

    it('every service and store is reachable with the keyboard: Tab order services, stores, edges; Enter opens a group in place', async () => {
      const reached = new Set<string>();
      const check = async (what: string) => {
        const order = await tabThrough(w.page);
        const drawn = await stops(w.page);
        assert.deepEqual(new Set(order.map((o) => o.key)), new Set(drawn), `${what}: Tab reaches every node, group and edge drawn`);
        assert.equal(order.length, drawn.length, `${what}: no stop twice`);
        const rank = (k: string) => ['service', 'store', 'edge'].indexOf(k);
        for (let i = 1; i < order.length; i++) assert.ok(rank(order[i - 1].kind) <= rank(order[i].kind), `${what}: Tab order ${order[i - 1].kind} before ${order[i].kind} at ${i}`);
        for (const o of order) if (o.key.startsWith('{')) reached.add(o.key);
        return order;
      };
      const first = await check('the overview');
      // open every group with the keyboard, the way a user would: focus it, Enter
      for (const group of first.filter((o) => !o.key.startsWith('{') && !o.key.includes('|'))) {
        await w.afterDraw(async () => {
          await w.page.focus(`#canvas [data-group="${group.key}"]`);
          await w.page.keyboard.press('Enter');
        }, `group ${group.key} opened with Enter`);
        const focused = await w.page.evaluate(() => document.activeElement?.closest('#canvas g.node')?.getAttribute('data-target') ?? null);
        assert.ok(focused, `after Enter on group ${group.key} the keyboard is on one of its members, not lost`);
      }
      assert.equal(await w.page.locator('#canvas [data-group]').count(), 0, 'every group is open');
      await assertReadable(w, 'the map with every group open');
      await check('every group open');
      const targets = [...reached].map((k) => JSON.parse(k) as { kind: string; service?: string; store?: string });
      const services = new Set(targets.filter((t) => t.kind === 'service').map((t) => t.service));
      const stores = new Set(targets.filter((t) => t.kind === 'store').map((t) => t.store));
      assert.equal(services.size, 60, 'every service was reached');
      assert.equal(stores.size, state.view!.nodes - 60, 'every store was reached');
      await w.screenshot('readable-monorepo-opened.png');
    });

    it('arrow keys follow the edges of the focused node', async () => {
      const svc = await w.page.$eval('#canvas g.node[data-kind="service"]:not([data-group])', (g) => g.id);
      const neighbours = await w.page.$$eval(`#canvas path.sm-hit[data-from="${svc.replace(/^.*flowchart-(\w+)-\d+$/, '$1')}"]`, (ps) => ps.map((p) => p.getAttribute('data-to')));
      assert.ok(neighbours.length > 0, 'precondition: the service has edges');
      await w.page.focus(`#${svc}`);
      await w.page.keyboard.press('ArrowRight');
      const now = await w.page.evaluate(() => document.activeElement?.id ?? '');
      const to = /flowchart-(\w+)-\d+$/.exec(now)?.[1];
      assert.ok(to && neighbours.includes(to), `ArrowRight from ${svc} went to ${now}, not one of ${neighbours.join(', ')}`);
      await w.page.keyboard.press('ArrowLeft');
      const back = await w.page.evaluate(() => document.activeElement?.id ?? '');
      assert.ok(back.includes('flowchart-svc'), `ArrowLeft from the store goes back to a service, not ${back}`);
    });

    it('a select message opens the group of its node, highlights it, fades the rest and scrolls it into view', async () => {
      await w.afterDraw(() => w.page.click('#overview'), 'the whole map');
      await w.afterDraw(() => w.page.click('#overview'), 'the overview again');
      const last = mono.services.find((s) => s.name === '@mono/worker-57') ?? mono.services[mono.services.length - 1];
      await w.afterDraw(() => w.send({ type: 'select', target: { kind: 'service', service: last.id } }), 'the group opened for select');
      const id = state.view!.ids!.services[last.id];
      const sel = `#canvas g.node[id*="flowchart-${id}-"]`;
      await w.page.waitForSelector(`${sel}.sm-focused`, { timeout: 5_000 });
      const inView = await w.page.$eval(sel, (g) => {
        const r = g.getBoundingClientRect();
        const vp = document.getElementById('viewport')!.getBoundingClientRect();
        return r.left >= vp.left && r.right <= vp.right && r.top >= vp.top && r.bottom <= vp.bottom;
      });
      assert.ok(inView, 'the selected node is scrolled into view');
      const faded = await w.page.$$eval('#canvas g.node:not(.sm-focused)', (gs) => gs.map((g) => getComputedStyle(g).opacity));
      assert.ok(faded.length > 0 && faded.every((o) => Number(o) < 0.5), 'the others fade');
      await w.screenshot('readable-monorepo-select.png');
      await assertClean(w, server.origin, 'the monorepo');
    });

    it('/ focuses the search; a search narrows the map to the matches and what they touch', async () => {
      await w.page.focus('#viewport');
      await w.page.keyboard.press('/');
      assert.equal(await w.page.evaluate(() => document.activeElement?.id), 'search');
      await w.afterDraw(() => w.page.keyboard.type('worker-07'), 'the search result');
      const services = await w.page.$$eval('#canvas g.node[data-kind="service"]:not([data-group])', (gs) => gs.map((g) => g.getAttribute('aria-label')));
      assert.deepEqual(services, ['Service @mono/worker-07: show its claim, hazards and code']);
      assert.match(await w.page.locator('#note').innerText(), /1 match for “worker-07”/);
      await w.screenshot('readable-monorepo-search.png');
      await w.afterDraw(() => w.page.keyboard.press('Escape'), 'the search cleared');
      assert.equal(await w.page.inputValue('#search'), '');
    });
  });

  it('the same map draws the same way after a redraw', async () => {
    const w = await openWebview(browser, server, { theme: 'light', ...PANEL });
    try {
      const positions = () => w.page.$$eval('#canvas g.node', (gs) => gs.map((g) => `${g.getAttribute('data-target') ?? g.getAttribute('data-group')} ${g.getAttribute('transform')}`).sort());
      await w.render(panelState(mono, 'mono'), 'the monorepo');
      const first = await positions();
      await w.render(panelState(mono, 'mono', { version: 2 }), 'the monorepo after an edit');
      assert.deepEqual(await positions(), first, 'the same nodes at the same places');
      await w.afterDraw(() => w.setTheme('high-contrast'), 'the monorepo after a theme change');
      assert.deepEqual(await positions(), first, 'and after a theme change');
    } finally {
      await w.close();
    }
  });
});

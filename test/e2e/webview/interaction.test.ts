// What the user does in the webview comes back to the extension as the messages src/extension/panel.ts
// handles (src/protocol/webview.ts): clicks and keys on nodes, edges and edge labels post `select` with a
// target the server finds evidence for; filters, toolbar buttons, `focus` and `exportSvg` work.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { StateMap } from '../../../src/core/model/types';
import type { Target } from '../../../src/protocol/messages';
import type { FromWebview, PanelState } from '../../../src/protocol/webview';
import { evidenceFor } from '../../../src/server/evidence';
import { launchBrowser } from '../harness/browser';
import { assertClean, openWebview, startMediaServer, type MediaServer, type WebviewPage } from '../harness/webviewPage';
import { analyzeWorkspace, panelState, twentyNodeWorkspace } from './maps';

const CART = 'services/cart-api';
const CART_REDIS = 'redis:$CART_REDIS_URL';

/** Messages posted since `from`. */
async function postedSince(w: WebviewPage, from: number): Promise<FromWebview[]> {
  return (await w.posted()).slice(from);
}

/**
 * Clicks an element where a user would: the center of a node or label, or a point along an edge's line
 * (`along` of its length). Fails when something else is on top there.
 */
async function clickOn(w: WebviewPage, selector: string, along?: number): Promise<void> {
  const point = await w.page.evaluate(([sel, frac]) => {
    const el = document.querySelector(sel);
    if (!el) return { error: `nothing matches ${sel}` };
    let x: number;
    let y: number;
    if (frac !== null && el instanceof SVGPathElement) {
      const p = el.getPointAtLength(el.getTotalLength() * frac);
      const m = el.getScreenCTM()!;
      x = p.x * m.a + p.y * m.c + m.e;
      y = p.x * m.b + p.y * m.d + m.f;
    } else {
      const r = el.getBoundingClientRect();
      x = r.left + r.width / 2;
      y = r.top + r.height / 2;
    }
    const hit = document.elementFromPoint(x, y);
    const mine = el.closest('[data-target]') ?? el;
    const hitTarget = hit?.closest('[data-target]');
    if (hitTarget?.getAttribute('data-target') !== mine.getAttribute('data-target')) {
      return { error: `at (${Math.round(x)}, ${Math.round(y)}) the top element is <${hit?.tagName} class="${hit?.getAttribute('class')}"> with target ${hitTarget?.getAttribute('data-target')}, not ${sel}` };
    }
    return { x, y };
  }, [selector, along ?? null] as const);
  if ('error' in point) throw new Error(`cannot click ${selector}: ${point.error}`);
  await w.page.mouse.click(point.x!, point.y!);
}

describe('clicks, keys and messages', () => {
  let server: MediaServer;
  let browser: Browser;
  let w: WebviewPage;
  let map: StateMap;
  let state: PanelState;
  let node: (kind: 'services' | 'stores', id: string) => string;

  before(async () => {
    [server, browser] = await Promise.all([startMediaServer(), launchBrowser()]);
    map = analyzeWorkspace(twentyNodeWorkspace());
    state = panelState(map, 'shop');
    node = (kind, id) => `#canvas g.node[id*="flowchart-${state.view!.ids![kind][id]}-"]`;
    w = await openWebview(browser, server, { theme: 'light', width: 1400, height: 1750 });
  });

  after(async () => {
    await w?.close();
    await browser?.close();
    await server?.close();
  });

  it('the webview says "ready" once, before anything else, and keeps folder and filter in its state', async () => {
    const first = await w.posted();
    assert.deepEqual(first, [{ type: 'ready' }], 'only "ready" before the extension sends anything');
    await w.render(state, 'the 20-node map');
    const saved = await w.page.evaluate(() => window.__vscodeState as { folder?: string; filter?: unknown; key?: string });
    assert.equal(saved.folder, state.folder, 'the folder is kept for a reload');
    assert.deepEqual(saved.filter, {});
    // fit the whole map in view so every node can be clicked
    await w.page.click('#zoomFit');
    assert.match(await w.page.locator('#zoomLevel').innerText(), /^\d+%$/);
  });

  it('clicking a service posts select with the service; the server finds its code', async () => {
    const from = (await w.posted()).length;
    await clickOn(w, node('services', CART));
    const posted = await postedSince(w, from);
    const want: Target = { kind: 'service', service: CART };
    assert.deepEqual(posted, [{ type: 'select', target: want }], 'a click on the cart-api node');
    assert.match(await w.page.locator(`${node('services', CART)} > title`).textContent() ?? '', /^Service cart-api: show its claim, hazards and code$/);
    const evidence = evidenceFor(map, want);
    assert.ok(evidence.some((e) => e.file.startsWith('services/cart-api/')), `the extension can open cart-api's code: ${JSON.stringify(evidence)}`);
  });

  it('clicking a store posts select with the store', async () => {
    const from = (await w.posted()).length;
    await clickOn(w, node('stores', CART_REDIS));
    assert.deepEqual(await postedSince(w, from), [{ type: 'select', target: { kind: 'store', store: CART_REDIS } }]);
  });

  it('a store\'s tooltip and accessible name read its label with the lines apart', async () => {
    const sel = node('stores', CART_REDIS);
    assert.equal(await w.page.locator(`${sel} > title`).textContent(), 'Store Redis $CART_REDIS_URL: show every place that touches it');
    assert.equal(await w.page.locator(sel).getAttribute('aria-label'), 'Store Redis $CART_REDIS_URL: show every place that touches it');
  });

  it('clicking an edge\'s line or its label posts select with the edge; the server finds the line of code', async () => {
    const edgeId = `L_${state.view!.ids!.services[CART]}_${state.view!.ids!.stores[CART_REDIS]}_0`;
    const want: Target = { kind: 'edge', service: CART, store: CART_REDIS };
    let from = (await w.posted()).length;
    // near the start of the line, away from the label in its middle
    await clickOn(w, `#canvas path.sm-hit[data-edge="${edgeId}"]`, 0.15);
    assert.deepEqual(await postedSince(w, from), [{ type: 'select', target: want }], 'a click on the cart-api → Redis line');
    from = (await w.posted()).length;
    await clickOn(w, `#canvas g.edgeLabel .label[data-id="${edgeId}"]`);
    assert.deepEqual(await postedSince(w, from), [{ type: 'select', target: want }], 'a click on the "write ×1" label');
    const evidence = evidenceFor(map, want);
    assert.deepEqual(evidence.map((e) => e.file), ['services/cart-api/src/index.ts']);
  });

  it('Enter and Space on a focused node post select; nodes are reachable with Tab', async () => {
    // one stop in the page's Tab order (a roving tabindex): every node is a focusable button, one of them the stop
    const focusable = await w.page.$$eval('#canvas g.node[tabindex][role="button"]', (gs) => gs.map((g) => g.getAttribute('tabindex')));
    assert.equal(focusable.length, 20, 'every node is a focusable button');
    assert.equal(focusable.filter((t) => t === '0').length, 1, 'one node is the map\'s Tab stop');
    const from = (await w.posted()).length;
    await w.page.locator(node('stores', CART_REDIS)).focus();
    await w.page.keyboard.press('Enter');
    await w.page.locator(node('services', CART)).focus();
    await w.page.keyboard.press(' ');
    assert.deepEqual(await postedSince(w, from), [
      { type: 'select', target: { kind: 'store', store: CART_REDIS } },
      { type: 'select', target: { kind: 'service', service: CART } },
    ]);
  });

  it('dragging from a node pans the map and does not select it', async () => {
    const box = await w.page.locator(node('services', CART)).boundingBox();
    assert.ok(box, 'cart-api is drawn');
    const before = await w.page.$eval('#canvas', (c) => (c as HTMLElement).style.transform);
    const from = (await w.posted()).length;
    await w.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await w.page.mouse.down();
    await w.page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 5 });
    await w.page.mouse.up();
    const afterDrag = await w.page.$eval('#canvas', (c) => (c as HTMLElement).style.transform);
    assert.notEqual(afterDrag, before, 'the drag moved the map');
    assert.deepEqual(await postedSince(w, from), [], 'a drag is not a click');
    await w.page.click('#zoomFit');
  });

  it('focus (a hover\'s "Show in State Map") highlights the edge and its two nodes and fades the rest', async () => {
    await w.send({ type: 'focus', target: { kind: 'edge', service: CART, store: CART_REDIS } });
    // when the first view grouped the map (it may, on a slow machine), the focus opens cart-api's group and redraws first
    await w.page.waitForFunction(() => document.querySelectorAll('#canvas .sm-focused').length >= 4, undefined, { timeout: 10_000 }).catch(() => undefined);
    const focused = await w.page.$$eval('#canvas .sm-focused', (els) => els.map((e) => `${e.tagName}.${e.getAttribute('class')?.split(' ').find((c) => ['node', 'flowchart-link', 'edgeLabel'].includes(c))} ${e.getAttribute('data-target') ?? ''}`));
    assert.equal(focused.length, 4, `node, node, edge and its label: ${focused.join('; ')}`);
    assert.ok(focused.some((f) => f.includes(`"service":"${CART}"}`) && f.includes('node')), 'cart-api is highlighted');
    assert.ok(focused.some((f) => f.includes('"kind":"store"')), 'the Redis store is highlighted');
    assert.ok(focused.some((f) => f.includes('flowchart-link')), 'the edge is highlighted');
    assert.ok(await w.page.$eval('#canvas', (c) => c.classList.contains('sm-has-focus')));
    const faded = await w.page.$eval(node('services', 'services/orders-api'), (g) => getComputedStyle(g).opacity);
    assert.equal(faded, '0.35', 'other nodes fade');
  });

  it('exportSvg answers with the drawn SVG under the same request id', async () => {
    const from = (await w.posted()).length;
    await w.send({ type: 'exportSvg', requestId: 42 });
    await w.page.waitForFunction((n) => window.__posted.length > n, from);
    const [answer] = await postedSince(w, from);
    assert.equal(answer.type, 'svg');
    const a = answer as Extract<FromWebview, { type: 'svg' }>;
    assert.equal(a.requestId, 42);
    assert.equal(a.error, undefined);
    assert.ok(a.svg?.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg'), `an SVG document: ${a.svg?.slice(0, 80)}`);
    for (const s of map.services) assert.ok(a.svg!.includes(s.name), `the exported SVG names ${s.name}`);
  });

  it('the exported SVG is a well-formed XML document (the .svg file Export as SVG writes opens in a browser)', async () => {
    const from = (await w.posted()).length;
    await w.send({ type: 'exportSvg', requestId: 43 });
    await w.page.waitForFunction((n) => window.__posted.length > n, from);
    const [answer] = (await postedSince(w, from)) as Array<Extract<FromWebview, { type: 'svg' }>>;
    const error = await w.page.evaluate((svg) => new DOMParser().parseFromString(svg, 'image/svg+xml').querySelector('parsererror')?.textContent ?? null, answer.svg ?? '');
    assert.equal(error, null, 'the exported SVG does not parse as XML');
  });

  it('the filters and toolbar buttons post filter and command messages', async () => {
    const from = (await w.posted()).length;
    await w.page.selectOption('#service', CART);
    await w.page.selectOption('#storeKind', 'redis');
    await w.page.selectOption('#service', '');
    for (const b of ['refresh', 'exportMarkdown', 'exportSvg']) await w.page.click(`#${b}`);
    assert.deepEqual(await postedSince(w, from), [
      { type: 'filter', filter: { service: CART } },
      { type: 'filter', filter: { service: CART, storeKind: 'redis' } },
      { type: 'filter', filter: { storeKind: 'redis' } },
      { type: 'command', command: 'refresh' },
      { type: 'command', command: 'exportMarkdown' },
      { type: 'command', command: 'exportSvg' },
    ]);
    await assertClean(w, server.origin, 'the interactions');
  });

  it('a filtered view from the extension is drawn with the filter shown in the toolbar', async () => {
    const filtered = panelState(map, 'shop', { filter: { service: CART }, version: 2 });
    const r = await w.render(filtered, 'the map filtered to cart-api');
    assert.equal(r.nodes, 3, 'cart-api, its Redis and its process memory');
    assert.equal(await w.page.inputValue('#service'), CART);
    assert.deepEqual(await w.page.$$eval('#canvas g.node', (gs) => gs.map((g) => JSON.parse(g.getAttribute('data-target')!).service ?? JSON.parse(g.getAttribute('data-target')!).store).sort()), [CART_REDIS, 'memory', CART].sort());
  });

  it('clicking an edge of an ELK-laid-out map posts select with the edge', async () => {
    // the last test: this page's map is now the ELK one
    await w.render(panelState(map, 'shop', { layout: 'elk', version: 3 }), 'the 20-node map with ELK');
    await w.page.click('#zoomFit');
    const edges = await w.page.$$eval('#canvas path.flowchart-link', (ps) => ps.map((p) => `${p.id} ${p.getAttribute('data-target') ?? 'NO TARGET'}`));
    const untargeted = edges.filter((e) => e.endsWith('NO TARGET'));
    assert.deepEqual(untargeted, [], `edges drawn by ELK without a click target (of ${edges.length})`);
    const want: Target = { kind: 'edge', service: CART, store: CART_REDIS };
    const from = (await w.posted()).length;
    const id = `L_${state.view!.ids!.services[CART]}_${state.view!.ids!.stores[CART_REDIS]}_`;
    await clickOn(w, `#canvas g.edgeLabel .label[data-id^="${id}"]`);
    assert.deepEqual(await postedSince(w, from), [{ type: 'select', target: want }]);
  });
});

// State Map in the real VS Code workbench (code-server's VS Code 1.100.3 in headless Chromium), driven as
// a user drives it: F1 → Show State Map, the drawn SVG in the webview, a mouse hover on a Redis call, and
// a click on an edge that opens the code. Screenshots go to .test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { cursorPosition, mapFrame, openFile, openWorkbench, runCommand, type Workbench } from '../harness/workbench';

const SERVICES = ['@mono/cart-api', '@mono/orders-api', '@mono/web', '@mono/cache'];
const STORES = ['Redis', 'PostgreSQL', 'localStorage', 'Process memory'];

/** What the webview drew: each node's label text and classes, and the clickable edge labels. */
async function drawn(frame: Frame) {
  return frame.evaluate(() => ({
    nodes: Array.from(document.querySelectorAll('#canvas svg g.node')).map((n) => ({
      text: (n.textContent ?? '').replace(/\s+/g, ' ').trim(),
      classes: n.getAttribute('class') ?? '',
    })),
    edgeLabels: Array.from(document.querySelectorAll('#canvas svg g.edgeLabel')).map((e) => (e.textContent ?? '').trim()),
  }));
}

describe('State Map in the VS Code workbench', { timeout: 240_000 }, () => {
  let wb: Workbench;
  let page: Page;
  let frame: Frame;

  before(async () => {
    wb = await openWorkbench('monorepo');
    page = wb.page;
  });
  after(async () => {
    await wb?.close();
  });

  it('F1 → "Show State Map" draws every service and store, the dishonest claim marked', async () => {
    await runCommand(page, 'State Map: Show State Map');
    frame = await mapFrame(page);
    await frame.waitForSelector('#canvas svg g.node', { timeout: 90_000 }).catch(async () => {
      const empty = await frame.locator('#empty').innerText().catch(() => '');
      throw new Error(`the webview drew no diagram${empty ? ` (it says: ${empty.replace(/\n/g, ' ')})` : ''}`);
    });
    const map = await drawn(frame);
    const texts = map.nodes.map((n) => n.text);
    for (const name of [...SERVICES, ...STORES]) {
      assert.ok(texts.some((t) => t.includes(name)), `the drawn map has no node "${name}" (nodes: ${texts.join(' | ')})`);
    }
    assert.equal(map.nodes.length, SERVICES.length + STORES.length, `nodes drawn: ${texts.join(' | ')}`);
    const cart = map.nodes.find((n) => n.text.includes('@mono/cart-api'))!;
    assert.match(cart.text, /claims stateless, but keeps state in process/, 'the broken claim is spelled out on the node');
    assert.match(cart.classes, /\bbroken\b/, 'the dishonest service has the "broken" style');
    const orders = map.nodes.find((n) => n.text.includes('@mono/orders-api'))!;
    assert.doesNotMatch(orders.classes, /\bbroken\b/, 'the honest service is not marked broken');
    await wb.screenshot('ui-map');
  });

  it('clicking an edge opens the code it stands for', async () => {
    assert.ok(frame, 'the map was not drawn');
    // orders-api → PostgreSQL has one evidence location: `pool.query(...)` in orders.ts, line 6
    const edge = frame.locator('#canvas g.edgeLabel.sm-clickable', { hasText: 'read ×1' });
    assert.equal(await edge.count(), 1, `one edge labelled "read ×1" (labels: ${(await drawn(frame)).edgeLabels.join(' | ')})`);
    await edge.click();
    await page.locator('.tab.active[aria-label*="orders.ts"]').waitFor({ timeout: 15_000 }).catch(async () => {
      const active = await page.locator('.tab.active').first().getAttribute('aria-label').catch(() => null);
      throw new Error(`clicking the edge did not open orders.ts (active tab: ${active ?? 'none'})`);
    });
    let pos: { line: number } | undefined;
    for (let i = 0; i < 20 && pos?.line !== 6; i++) {
      pos = await cursorPosition(page);
      if (pos?.line !== 6) await page.waitForTimeout(250);
    }
    assert.equal(pos?.line, 6, 'the cursor is on the pool.query line');
  });

  it('hovering a Redis call shows the annotation', async () => {
    await openFile(page, 'services/cart-api/src/carts.ts');
    const token = page.locator('.monaco-editor .view-lines span', { hasText: /^smembers$/ }).last();
    await token.waitFor({ timeout: 15_000 });
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content', { hasText: 'verdict' });
    // the first hover may come before the language server has the file: move away and back until ours shows
    for (let attempt = 0; attempt < 10 && !(await hover.count()); attempt++) {
      await page.mouse.move(5, 5);
      await token.hover();
      await hover.first().waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    const text = (await hover.first().innerText().catch(() => '')).replace(/\s+/g, ' ');
    assert.ok(text, 'no State Map hover appeared over redis.smembers');
    assert.match(text, /Redis/, 'the store');
    assert.match(text, /read/i, 'the access');
    assert.match(text, /ioredis/, 'the library');
    assert.match(text, /@mono\/cart-api/, 'the service');
    assert.match(text, /Show in State Map/, 'the link to the map');
    await page.waitForTimeout(600); // the hover fades in
    await wb.screenshot('ui-hover');
  });

  it('logs no page errors from State Map', () => {
    const ours = wb.errors.filter((e) => /state.?map|webview\.js|Content Security Policy/i.test(e));
    assert.deepEqual(ours, []);
  });
});

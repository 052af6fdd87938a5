// The editor surfaces of issue 15 as a user reaches them in the real workbench (code-server's VS Code
// 1.100.3 in headless Chromium): the State Map view in the activity bar walked with the keyboard,
// "Show in State Map" clicked in a hover, and the CodeLens at a service's listen call.
// Screenshots go to .test-artifacts/e2e/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { mapFrame, openFile, openWorkbench, type Workbench } from '../harness/workbench';

/** With STATE_MAP_README_PICTURES=1, screenshots the README shows are written to docs/pictures/ too. */
async function picture(wb: Workbench, name: string): Promise<void> {
  const file = await wb.screenshot(name);
  if (!process.env.STATE_MAP_README_PICTURES) return;
  const dir = path.join(__dirname, '..', '..', '..', 'docs', 'pictures');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(file, path.join(dir, `${name.replace(/^ui-/, '')}.png`));
}

const tree = (page: Page) => page.locator('.pane-body .monaco-list[aria-label*="Services and Stores"], .pane-body .monaco-list').filter({ has: page.locator('.monaco-list-row', { hasText: 'Services (' }) });
const row = (page: Page, text: string | RegExp) => tree(page).locator('.monaco-list-row', { hasText: text });

describe('State Map editor surfaces in the VS Code workbench', { timeout: 300_000 }, () => {
  let wb: Workbench;
  let page: Page;

  before(async () => {
    wb = await openWorkbench('monorepo');
    page = wb.page;
  });
  after(async () => {
    await wb?.close();
  });

  it('the State Map view: the activity bar icon, then the tree walked with the keyboard', async () => {
    await openFile(page, 'services/cart-api/src/server.ts');
    await page.locator('.activitybar .action-item a[aria-label^="State Map"]').click();
    await row(page, /^Services \(4\)/).first().waitFor({ timeout: 90_000 });
    // keyboard only from here: the first row, Down into the services, Right opens one
    // a click on a group toggles it (VS Code's single-click expand): Right opens it again if it closed
    const services = row(page, /^Services \(4\)/).first();
    await services.click();
    // the toggle a click may cause lands a moment later: read the state once it has settled
    await page.waitForTimeout(300);
    if ((await services.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
    await row(page, /@mono\/cart-api/).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('ArrowDown');
    const focused = tree(page).locator('.monaco-list-row.focused');
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      names.push((await focused.getAttribute('aria-label')) ?? '');
      if (/cart-api/.test(names[i])) break;
      await page.keyboard.press('ArrowDown');
    }
    const cart = names.find((n) => /cart-api/.test(n));
    assert.ok(cart, `no service row reached with the keyboard (rows read: ${names.join(' | ')})`);
    assert.match(cart, /^Service @mono\/cart-api, claims stateless, state in process, claim broken, 2 stores, 1 hazard$/, 'what a screen reader says');
    await page.keyboard.press('ArrowRight');
    await row(page, /^Redis/).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const place = row(page, /carts\.ts:7/).first();
    await place.waitFor({ timeout: 10_000 });
    assert.match(await row(page, /^Redis/).first().innerText(), /read\/write · 2 places/);
    await wb.screenshot('ui-tree');
  });

  it('"Show in State Map" in a hover opens the map beside the code with the edge selected, and the tree selects it', async () => {
    await openFile(page, 'services/cart-api/src/carts.ts');
    const token = page.locator('.monaco-editor .view-lines span', { hasText: /^smembers$/ }).last();
    await token.waitFor({ timeout: 15_000 });
    const link = page.locator('.monaco-hover:not(.hidden) a', { hasText: 'Show in State Map' });
    for (let attempt = 0; attempt < 12 && !(await link.count()); attempt++) {
      await page.mouse.move(5, 5);
      await token.hover();
      await link.first().waitFor({ timeout: 3000 }).catch(() => undefined);
    }
    assert.ok(await link.count(), 'no "Show in State Map" link in the hover over redis.smembers');
    await link.first().click();
    const frame = await mapFrame(page);
    await frame.waitForSelector('#canvas svg g.node', { timeout: 90_000 });
    const highlighted = frame.locator('#canvas svg .sm-focused, #canvas svg .sm-selected, #canvas svg [aria-selected="true"]');
    await highlighted.first().waitFor({ timeout: 20_000 }).catch(() => undefined);
    const texts = await highlighted.allInnerTexts().catch(() => [] as string[]);
    assert.ok(texts.length > 0, 'nothing is highlighted on the map');
    assert.ok(await page.locator('.tab.active[aria-label*="carts.ts"]').count(), 'the code stays open beside the map');
    const selected = tree(page).locator('.monaco-list-row.selected');
    await selected.first().waitFor({ timeout: 15_000 });
    assert.match((await selected.first().getAttribute('aria-label')) ?? '', /^@mono\/cart-api reads and writes Redis at 2 places$/);
    await page.waitForTimeout(500);
    await picture(wb, 'ui-show-in-map');
  });

  it('the CodeLens at cart-api\'s listen call, with the whole sentence as its tooltip', async () => {
    await openFile(page, 'services/cart-api/src/server.ts');
    const lens = page.locator('.contentWidgets .codelens-decoration a, .codelens-decoration a', { hasText: /^State: / });
    await lens.first().waitFor({ timeout: 60_000 });
    assert.equal(await lens.first().innerText(), 'State: Redis rw · 1 hazard · ✗ claim broken');
    assert.match((await lens.first().getAttribute('title')) ?? '', /^@mono\/cart-api claims stateless; it keeps state in process/);
    await picture(wb, 'ui-codelens');
  });

  it('one status bar item for State Map', async () => {
    const items = page.locator('.statusbar-item', { hasText: 'State Map' }).or(page.locator('.statusbar-item[id*="stateMap"]'));
    assert.equal(await items.count(), 1);
  });
});

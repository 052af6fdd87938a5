// A real VS Code workbench (code-server's VS Code server) in headless Chromium with State Map loaded from
// this repository, and the few gestures the UI tests need: the command palette, Quick Open, the webview's
// frame. Everything is done the way a user does it: keys and clicks.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { ARTIFACTS } from './paths';
import { startVsCodeServer, type VsCodeServer } from './vscodeServer';
import { copyFixture, runDir } from './workspace';

export interface Workbench {
  page: Page;
  /** The fixture's copy that VS Code opened. */
  folder: string;
  /** Console errors and page errors seen so far. */
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WorkbenchOptions {
  /** An extension-host test suite to run (the bundled suite's `index.js`). */
  extensionTestsPath?: string;
  /** Environment of the VS Code server and so of its extension hosts. */
  env?: Record<string, string>;
  /** Called with the page before it opens the workbench (to expose functions the workbench calls). */
  beforeOpen?(page: Page): Promise<void>;
  /** Prefix of the server log written to the artefacts on close. */
  logName?: string;
}

/** A fresh copy of `fixture` opened in the VS Code server, in headless Chromium, with State Map loaded. */
export async function openWorkbench(fixture: string, opts: WorkbenchOptions = {}): Promise<Workbench> {
  const run = runDir();
  const folder = copyFixture(fixture, path.join(run.dir, 'ws'));
  let server: VsCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startVsCodeServer(path.join(run.dir, 'data'), opts.env);
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    await opts.beforeOpen?.(page);
    await page.goto(server.url(folder, { extensionTestsPath: opts.extensionTestsPath }));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const s = server;
    const b = browser;
    return {
      page,
      folder,
      errors,
      async screenshot(name) {
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        const file = path.join(ARTIFACTS, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      async close() {
        await b.close().catch(() => undefined);
        fs.mkdirSync(ARTIFACTS, { recursive: true });
        fs.writeFileSync(path.join(ARTIFACTS, `${opts.logName ?? `ui-${fixture}`}-server.log`), s.log());
        await s.stop();
        run.cleanup();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    run.cleanup();
    throw err;
  }
}

/**
 * F1, the command's title, Enter: the command palette as a user runs it. Right after the workbench appears
 * the palette may not list extensions' commands yet, so it is reopened until it does.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 45_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await focusWorkbench(page);
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(title);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 5_000 });
      await row.click();
      return;
    } catch {
      const shown = await page.locator('.quick-input-list .monaco-list-row').allInnerTexts();
      await page.keyboard.press('Escape');
      if (Date.now() > until) {
        throw new Error(`the command palette has no "${title}" (it shows: ${shown.map((t) => t.replace(/\n/g, ' ')).join(' | ') || 'nothing'})`);
      }
      await sleep(1000);
    }
  }
}

/**
 * What VS Code is telling the user: notification toasts and modal dialogs (an extension under development
 * gets its command errors, such as "command … not found", as a dialog).
 */
export async function notifications(page: Page): Promise<string[]> {
  return page
    .locator('.notifications-toasts .notification-list-item-message, .monaco-dialog-box .dialog-message, .monaco-dialog-box .dialog-message-detail')
    .allInnerTexts()
    .catch(() => []);
}

/** Moves keyboard focus out of a webview's iframe back to the workbench, so its keybindings apply. */
async function focusWorkbench(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.focus();
  });
}

/** Ctrl+P, the file's name, Enter; resolves when its tab is active. */
export async function openFile(page: Page, relPath: string): Promise<void> {
  const name = path.basename(relPath);
  for (let attempt = 0; ; attempt++) {
    await focusWorkbench(page);
    // a hover the mouse still rests on (after "Show in State Map") takes Quick Open's Enter: move away, close it,
    // and after a miss work in the first group
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    if (attempt > 0) await page.keyboard.press('Control+1');
    await page.keyboard.press('Control+P');
    try {
      await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 5_000 });
      await page.keyboard.type(relPath);
      await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`).first().waitFor({ timeout: 10_000 });
      // the list is still filling in (recent files first, then the file search): an Enter too early is lost
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      // a loaded machine can take a while to open a TypeScript file with its CodeLens providers
      await page.locator(`.tab.active[aria-label*="${name}"], .tab[aria-selected="true"][aria-label*="${name}"]`).first().waitFor({ timeout: 25_000 });
      return;
    } catch (err) {
      await page.keyboard.press('Escape');
      // Quick Open finds files only once VS Code has indexed the folder
      if (attempt === 3) throw new Error(`Quick Open could not open ${relPath}: ${(err as Error).message}`);
      await sleep(1000);
    }
  }
}

/** The frame of State Map's webview (VS Code nests it in two iframes): the one with the `#canvas`. */
export async function mapFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  const until = Date.now() + timeoutMs;
  // toasts hide after a while: remember what they said on the way
  const said = new Set<string>();
  while (Date.now() < until) {
    for (const n of await notifications(page)) said.add(n.replace(/\s+/g, ' '));
    for (const f of page.frames()) {
      try {
        if (await f.$('#canvas')) return f;
      } catch {
        // a frame navigating away
      }
    }
    await sleep(250);
  }
  throw new Error(`no State Map webview appeared within ${timeoutMs / 1000} s${said.size ? ` (VS Code said: ${[...said].join(' | ')})` : ''}`);
}

/** The active editor's cursor as the status bar shows it ("Ln 6, Col 3"). */
export async function cursorPosition(page: Page): Promise<{ line: number; col: number } | undefined> {
  const text = await page.locator('.statusbar-item[id="status.editor.selection"]').innerText().catch(() => '');
  const m = /Ln (\d+), Col (\d+)/.exec(text);
  return m ? { line: Number(m[1]), col: Number(m[2]) } : undefined;
}

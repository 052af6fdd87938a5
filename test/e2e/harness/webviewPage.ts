// The State Map webview on its own in a real browser: the panel's own HTML (src/extension/html.ts, with its
// Content-Security-Policy and nonce) served from a tiny local HTTP server, with `media/` mapped the way VS
// Code's `asWebviewUri` maps it, a stub `acquireVsCodeApi()` that records what the webview posts, and
// recorders for requests, console and page errors, dialogs and CSP violations.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeNonce, panelHtml } from '../../../src/extension/html';
import type { FromWebview, PanelState, ToWebview } from '../../../src/protocol/webview';
import { ARTIFACTS, REPO } from './paths';
import { THEMES, type ThemeName } from './themes';

export { THEMES, type ThemeName } from './themes';

const styleAttr = (vars: Record<string, string>): string => Object.entries(vars).map(([k, v]) => `${k}: ${v};`).join(' ').replace(/"/g, '&quot;');

/** The files the page may load, by URL path: exactly what html.ts references, mapped into `media/`. */
export const MEDIA = {
  script: '/media/dist/webview.js',
  style: '/media/panel.css',
  elk: '/media/dist/elk.js',
} as const;

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8' };

export interface MediaServer {
  /** `http://127.0.0.1:<port>`: the page's origin and its `cspSource`. */
  origin: string;
  /** Every path requested from the server, in order (the page's own view of the network is `WebviewPage.requests`). */
  served: string[];
  close(): Promise<void>;
}

/**
 * Serves `/panel?theme=…` (the panel's HTML from html.ts, a fresh nonce per load, the theme applied the way
 * VS Code applies it) and the three media files. Anything else is a 404 and stays in `served`.
 */
export async function startMediaServer(): Promise<MediaServer> {
  const served: string[] = [];
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    served.push(url.pathname + url.search);
    if (url.pathname === '/favicon.ico') {
      // Chromium asks for it on its own for a top-level page (a VS Code webview is an iframe and does not)
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname === '/panel') {
      const theme = THEMES[(url.searchParams.get('theme') ?? 'dark') as ThemeName] ?? THEMES.dark;
      const html = panelHtml({
        cspSource: origin, nonce: makeNonce(),
        scriptUri: `${origin}${MEDIA.script}`, styleUri: `${origin}${MEDIA.style}`, elkUri: `${origin}${MEDIA.elk}`,
      })
        // what VS Code's webview host does before the content runs: variables on <html>, the kind on <body>
        .replace('<html lang="en">', `<html lang="en" style="${styleAttr(theme.vars)}">`)
        .replace('<body ', `<body class="${theme.bodyClass}" data-vscode-theme-kind="${theme.kind}" data-vscode-theme-name="${theme.id}" data-vscode-theme-id="${theme.id}" `);
      res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    const file = (Object.values(MEDIA) as string[]).includes(url.pathname) ? path.join(REPO, url.pathname) : undefined;
    if (!file || !fs.existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not served: ${url.pathname}`);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    served,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sample: string;
  sourceFile: string;
  line: number;
}

export type Rendered = Extract<FromWebview, { type: 'rendered' }>;
export type RenderError = Extract<FromWebview, { type: 'renderError' }>;

export interface WebviewPage {
  page: Page;
  /** Every URL the page requested (documents, scripts, styles, anything else), blocked ones too. */
  requests: string[];
  /** Requests that failed, with Chromium's reason (`csp` when the policy blocked one, `net::ERR_FAILED`, ...). */
  failedRequests: Array<{ url: string; error: string }>;
  console: Array<{ type: string; text: string }>;
  pageErrors: string[];
  dialogs: string[];
  /** Messages the webview posted to the (stub) extension, in order. */
  posted(): Promise<FromWebview[]>;
  cspViolations(): Promise<CspViolation[]>;
  /** Posts a message to the webview the way VS Code delivers `webview.postMessage`. */
  send(m: ToWebview): Promise<void>;
  /** Sends a `state` and waits for the webview to report the draw; rejects, naming what went wrong, otherwise. */
  render(state: PanelState, what?: string): Promise<Rendered>;
  /** Runs `action` and waits for the draw it causes (a theme change redraws); rejects naming `what` otherwise. */
  afterDraw(action: () => Promise<unknown>, what: string, timeoutMs?: number): Promise<Rendered>;
  /** Clicks "Whole map" when the overview is shown and waits for the redraw; returns that draw (else `drawn`). */
  showWholeMap(drawn: Rendered): Promise<Rendered>;
  /** Sets the theme the way VS Code does on a theme change: variables on <html>, classes on <body>. */
  setTheme(theme: ThemeName): Promise<void>;
  screenshot(name: string): Promise<string>;
  /** Problems worth failing a test for, as lines (console errors, page errors, dialogs, CSP violations). */
  problems(): Promise<string[]>;
  close(): Promise<void>;
}

declare global {
  interface Window {
    __posted: FromWebview[];
    __csp: CspViolation[];
    __vscodeState: unknown;
  }
}

/**
 * The stub VS Code API and the CSP listener, installed before any of the page's scripts runs. A string, not
 * a function: tsx compiles functions with esbuild's `keepNames`, whose `__name` helper does not exist in the
 * page; the shim below lets the tests' own `page.evaluate` callbacks use named arrow functions.
 */
const INIT_SCRIPT = `(() => {
  window.__name = window.__name || ((f) => f);
  const posted = [];
  const csp = [];
  let state;
  let acquired = false;
  window.__posted = posted;
  window.__csp = csp;
  window.__vscodeState = undefined;
  window.acquireVsCodeApi = () => {
    // VS Code allows one call per page
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage: (m) => { posted.push(structuredClone(m)); },
      getState: () => state,
      setState: (s) => { state = structuredClone(s); window.__vscodeState = state; return s; },
    });
  };
  document.addEventListener('securitypolicyviolation', (e) => {
    csp.push({ directive: e.effectiveDirective || e.violatedDirective, blockedURI: e.blockedURI, sample: e.sample, sourceFile: e.sourceFile, line: e.lineNumber });
  });
})();`;

export interface OpenOptions {
  theme?: ThemeName;
  width?: number;
  height?: number;
  /** Make the ELK chunk fail to load (the webview should fall back to dagre). */
  failElk?: boolean;
}

/** Opens the panel page in a fresh context and waits for the webview's `ready`. */
export async function openWebview(browser: Browser, server: MediaServer, opts: OpenOptions = {}): Promise<WebviewPage> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleMessages: Array<{ type: string; text: string }> = [];
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  const failedRequests: Array<{ url: string; error: string }> = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('requestfailed', (r) => failedRequests.push({ url: r.url(), error: r.failure()?.errorText ?? 'unknown' }));
  page.on('console', (m) => consoleMessages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => pageErrors.push(e.stack ?? e.message));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  if (opts.failElk) await page.route(`**${MEDIA.elk}`, (route) => route.abort('failed'));
  await page.addInitScript({ content: INIT_SCRIPT });
  await page.goto(`${server.origin}/panel?theme=${opts.theme ?? 'dark'}`);
  try {
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'), undefined, { timeout: 15_000 });
  } catch {
    throw new Error(`the webview never posted "ready" (did media/dist/webview.js load and run?)\n  page errors: ${pageErrors.join('\n') || 'none'}\n  console: ${consoleMessages.map((c) => `${c.type}: ${c.text}`).join('\n') || 'none'}\n  requests: ${requests.join(', ')}`);
  }

  const posted = () => page.evaluate(() => window.__posted);
  const cspViolations = () => page.evaluate(() => window.__csp);
  const send = (m: ToWebview) => page.evaluate((msg) => window.postMessage(msg, '*'), m);

  const w: WebviewPage = {
    page, requests, failedRequests, console: consoleMessages, pageErrors, dialogs, posted, cspViolations, send,
    render(state, what = 'the map') {
      return w.afterDraw(() => send({ type: 'state', state }), what);
    },
    async afterDraw(action, what, timeout = 30_000) {
      const before = (await posted()).filter((m) => m.type === 'rendered' || m.type === 'renderError').length;
      await action();
      try {
        await page.waitForFunction((n) => window.__posted.filter((m) => m.type === 'rendered' || m.type === 'renderError').length > n, before, { timeout });
      } catch {
        throw new Error(`${what} was not drawn within ${timeout / 1000} s: the webview posted neither "rendered" nor "renderError"\n${(await w.problems()).join('\n') || '  (no console errors)'}`);
      }
      const done = (await posted()).filter((m) => m.type === 'rendered' || m.type === 'renderError')[before] as Rendered | RenderError;
      if (done.type === 'renderError') throw new Error(`${what} could not be drawn, the webview posted renderError: ${done.message}`);
      return done;
    },
    async showWholeMap(drawn) {
      const label = await page.$eval('#overview', (b) => ((b as HTMLElement).hidden ? '' : b.textContent ?? ''));
      return label === 'Whole map' ? w.afterDraw(() => page.click('#overview'), 'the whole map') : drawn;
    },
    async setTheme(theme) {
      // what VS Code's webview host does on a theme change (applyStyles in its webview index.html)
      await page.evaluate((th) => {
        const body = document.body;
        body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light', 'vscode-reduce-motion');
        body.classList.add(...th.bodyClass.split(' '));
        body.dataset.vscodeThemeKind = th.kind;
        body.dataset.vscodeThemeName = th.id;
        body.dataset.vscodeThemeId = th.id;
        const style = document.documentElement.style;
        for (let i = style.length - 1; i >= 0; i--) if (style[i].startsWith('--vscode-')) style.removeProperty(style[i]);
        for (const [k, v] of Object.entries(th.vars)) style.setProperty(k, v);
      }, THEMES[theme]);
    },
    async screenshot(name) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, name);
      await page.screenshot({ path: file });
      return file;
    },
    async problems() {
      const lines: string[] = [];
      for (const c of consoleMessages) if (c.type === 'error' || c.type === 'warning') lines.push(`  console ${c.type}: ${c.text}`);
      for (const e of pageErrors) lines.push(`  page error: ${e.split('\n')[0]}`);
      for (const d of dialogs) lines.push(`  dialog opened: ${d}`);
      for (const v of await cspViolations().catch(() => [])) lines.push(`  CSP violation: ${v.directive} blocked ${v.blockedURI || '(inline)'} ${v.sample ? `"${v.sample}"` : ''} at ${v.sourceFile}:${v.line}`);
      return lines;
    },
    close: () => context.close(),
  };
  return w;
}

/** Requests to anything but the page itself and the three media files of the local origin. */
export function unexpectedRequests(requests: readonly string[], origin: string): string[] {
  const allowed = new Set([`${origin}/panel`, ...Object.values(MEDIA).map((p) => `${origin}${p}`)]);
  return requests.filter((u) => {
    const url = new URL(u);
    return !allowed.has(`${url.origin}${url.pathname}`);
  });
}

/** What a rendered SVG holds, for assertions: nodes with their ids, classes, text and targets. */
export interface SvgNode {
  id: string;
  text: string;
  classes: string;
  target: string | null;
}

export async function svgNodes(page: Page): Promise<SvgNode[]> {
  return page.$$eval('#canvas svg g.node', (els) => els.map((g) => ({
    id: g.id,
    // the label only: the <title> decorate() prepends repeats the name
    text: Array.from(g.querySelectorAll('foreignObject, text'))
      .map((l) => (l instanceof SVGForeignObjectElement ? (l.firstElementChild as HTMLElement | null)?.innerText ?? '' : l.textContent ?? ''))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
    classes: g.getAttribute('class') ?? '',
    target: g.getAttribute('data-target'),
  })));
}

/** Fails, listing them, when the page logged errors, threw, opened a dialog, broke its CSP or went off-origin. */
export async function assertClean(w: WebviewPage, origin: string, what: string): Promise<void> {
  const problems = await w.problems();
  const offsite = unexpectedRequests(w.requests, origin).map((u) => `  unexpected request: ${u}`);
  const all = [...problems, ...offsite];
  if (all.length) throw new Error(`${what}: the page was not clean:\n${all.join('\n')}`);
}

/** How many times the page requested a media file. */
export function requestCount(w: WebviewPage, origin: string, file: string): number {
  return w.requests.filter((u) => u === `${origin}${file}`).length;
}

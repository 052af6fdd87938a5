// Contrast and focus in the four default themes (Dark Modern, Light Modern, Dark and Light High Contrast,
// with VS Code 1.100.3's real colours: harness/themes.ts). The map is drawn in Chromium and every colour is
// read back from the page (computed styles), then measured with WCAG 2's formula written here, apart from
// the webview's own: node borders and markers, group borders, edges and legend samples at least 3:1 against
// what they touch (WCAG 1.4.11), every label at least 4.5:1 (1.4.3). Each marker also has a cue that is not
// colour. The focus ring is drawn outside the focused node, in the focus colour, whatever the node's marker.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { analyze } from '../../../src/core/analyze';
import type { StateMap } from '../../../src/core/model/types';
import { launchBrowser } from '../harness/browser';
import { REPO } from '../harness/paths';
import { DEFAULT_THEMES, THEMES } from '../harness/themes';
import { assertClean, openWebview, startMediaServer, type MediaServer } from '../harness/webviewPage';
import { analyzeWorkspace, monorepoWorkspace, panelState } from './maps';

type Rgba = [number, number, number, number];

function parse(css: string): Rgba {
  const m = /rgba?\(([^)]+)\)/.exec(css);
  if (!m) throw new Error(`not a computed colour: ${css}`);
  const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p[3] ?? 1];
}

function over(c: Rgba, bg: Rgba): Rgba {
  return [0, 1, 2].map((i) => c[i] * c[3] + bg[i] * (1 - c[3])).concat(1) as Rgba;
}

function lum(c: Rgba): number {
  const [r, g, b] = c.slice(0, 3).map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast of a (possibly translucent) colour over an opaque background. */
function contrast(fg: string, bg: string): number {
  const b = parse(bg);
  const [x, y] = [lum(over(parse(fg), b)), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

interface Pair {
  what: string;
  fg: string;
  bg: string;
  min: number;
}

/** Every colour pair that must contrast, read from the page. */
function pairs(page: Page): Promise<Pair[]> {
  return page.evaluate(() => {
    const out: Array<{ what: string; fg: string; bg: string; min: number }> = [];
    const cs = (el: Element) => getComputedStyle(el);
    const page = cs(document.body).backgroundColor;
    const clusters = Array.from(document.querySelectorAll('#canvas g.cluster')).map((c) => ({ r: c.getBoundingClientRect(), fill: cs(c.querySelector('rect')!).fill, c }));
    const behind = (el: Element) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const inside = clusters.filter((c) => x >= c.r.left && x <= c.r.right && y >= c.r.top && y <= c.r.bottom);
      return inside.length ? inside[inside.length - 1].fill : page;
    };
    const stroked = (g: Element) => Array.from(g.querySelectorAll('.label-container:not(g), .label-container path')).find((e) => cs(e).stroke !== 'none' && cs(e).strokeWidth !== '0px');
    const filled = (g: Element) => Array.from(g.querySelectorAll('.label-container:not(g), .label-container path')).find((e) => cs(e).fill !== 'none' && !cs(e).fill.startsWith('url'));
    for (const g of Array.from(document.querySelectorAll('#canvas g.node'))) {
      const name = g.getAttribute('aria-label') ?? g.id;
      const s = stroked(g);
      const f = filled(g);
      const fill = f ? cs(f).fill : behind(g);
      const marker = ['broken', 'honest', 'inproc'].find((c) => g.classList.contains(c)) ?? (g.getAttribute('data-kind') === 'store' ? 'store border' : 'border');
      if (s) {
        out.push({ what: `${marker} of ${name} against what is around it`, fg: cs(s).stroke, bg: behind(g), min: 3 });
        out.push({ what: `${marker} of ${name} against its fill`, fg: cs(s).stroke, bg: fill, min: 3 });
      }
      for (const t of Array.from(g.querySelectorAll('foreignObject span, foreignObject p, text'))) {
        if (!t.textContent?.trim()) continue;
        out.push({ what: `label "${t.textContent.trim().slice(0, 30)}" of ${name}`, fg: cs(t).color, bg: fill, min: 4.5 });
      }
    }
    for (const c of clusters) {
      out.push({ what: `border of group ${c.c.id}`, fg: cs(c.c.querySelector('rect')!).stroke, bg: page, min: 3 });
      for (const t of Array.from(c.c.querySelectorAll('foreignObject span, foreignObject p, text'))) {
        if (t.textContent?.trim()) out.push({ what: `title "${t.textContent.trim()}" of a group`, fg: cs(t).color, bg: c.fill, min: 4.5 });
      }
    }
    for (const e of Array.from(document.querySelectorAll('#canvas path.flowchart-link'))) {
      out.push({ what: `edge ${e.id}`, fg: cs(e).stroke, bg: page, min: 3 });
      for (const c of clusters) out.push({ what: `edge ${e.id} over a group`, fg: cs(e).stroke, bg: c.fill, min: 3 });
    }
    for (const l of Array.from(document.querySelectorAll('#canvas g.edgeLabel span.edgeLabel, #canvas g.edgeLabel p'))) {
      if (!l.textContent?.trim()) continue;
      const bg = cs(l).backgroundColor;
      out.push({ what: `edge label "${l.textContent.trim()}"`, fg: cs(l).color, bg: bg === 'rgba(0, 0, 0, 0)' ? page : bg, min: 4.5 });
    }
    for (const s of Array.from(document.querySelectorAll('.legend > span'))) {
      out.push({ what: `legend "${s.textContent!.trim().slice(0, 30)}"`, fg: cs(s).color, bg: page, min: 4.5 });
      for (const m of Array.from(s.querySelectorAll('svg rect, svg line'))) out.push({ what: `legend sample ${m.getAttribute('class')}`, fg: cs(m).stroke, bg: page, min: 3 });
    }
    return out;
  });
}

/** Markers and the cue each has besides colour. */
function cues(page: Page): Promise<Array<{ marker: string; dash: string; text: string }>> {
  return page.$$eval('#canvas g.node.broken, #canvas g.node.honest, #canvas g.node.inproc', (gs) => gs.map((g) => {
    const shape = g.querySelector('.label-container')!;
    const marker = ['broken', 'honest', 'inproc'].find((c) => g.classList.contains(c))!;
    return { marker, dash: getComputedStyle(shape.matches('g') ? shape.querySelector('path')! : shape).strokeDasharray, text: g.textContent ?? '' };
  }));
}

describe('contrast and focus in the four default themes', () => {
  let server: MediaServer;
  let browser: Browser;
  let shop: StateMap;
  let mono: StateMap;
  const measured: string[] = [];

  before(async () => {
    [server, browser] = await Promise.all([startMediaServer(), launchBrowser()]);
    shop = analyze(path.join(REPO, 'examples', 'shop'));
    mono = analyzeWorkspace(monorepoWorkspace(60));
  });

  after(async () => {
    console.log(measured.map((m) => `    ${m}`).join('\n'));
    await browser?.close();
    await server?.close();
  });

  for (const theme of DEFAULT_THEMES) {
    it(`${THEMES[theme].id}: markers, borders, edges and labels pass 3:1 and 4.5:1; every marker has a cue besides colour; the focus ring shows on a broken node`, async () => {
      const views = [
        { name: 'examples/shop, whole map', state: panelState(shop, 'shop'), size: { width: 1280, height: 1000 }, whole: true },
        { name: '60-service monorepo, overview', state: panelState(mono, 'mono'), size: { width: 626, height: 760 }, whole: false },
      ];
      for (const v of views) {
        const w = await openWebview(browser, server, { theme, ...v.size });
        try {
          const drawn = await w.render(v.state, v.name);
          if (v.whole) await w.showWholeMap(drawn);
          const all = await pairs(w.page);
          if (v.whole) assert.ok(all.some((p) => p.what.startsWith('border of group')), 'the whole map\'s groups are measured');
          assert.ok(all.filter((p) => p.min === 3).length > 10 && all.filter((p) => p.min === 4.5).length > 10, `${v.name}: too few pairs measured (${all.length})`);
          const failing = all.map((p) => ({ ...p, ratio: Math.round(contrast(p.fg, p.bg) * 100) / 100 })).filter((p) => p.ratio < p.min);
          assert.deepEqual(failing, [], `${v.name} in ${THEMES[theme].id}: below the minimum contrast`);
          const lowest = (min: number) => Math.min(...all.filter((p) => p.min === min).map((p) => contrast(p.fg, p.bg))).toFixed(2);
          measured.push(`${THEMES[theme].id}, ${v.name}: ${all.length} pairs, lowest non-text ${lowest(3)}:1, lowest text ${lowest(4.5)}:1`);
          const markers = await cues(w.page);
          assert.ok(markers.some((m) => m.marker === 'broken') && markers.some((m) => m.marker === 'inproc'), `${v.name}: broken and in-process markers drawn`);
          for (const m of markers) {
            if (m.marker === 'broken') assert.ok(m.dash !== 'none' && m.text.includes('✗'), `a broken claim is dashed and says ✗: ${m.dash} "${m.text}"`);
            if (m.marker === 'inproc') assert.ok(m.dash !== 'none', `in-process state is dotted: ${m.dash}`);
            if (m.marker === 'honest') assert.ok(m.dash === 'none' && m.text.includes('✓'), `an honest claim is solid and says ✓: ${m.dash} "${m.text}"`);
          }
          // keyboard focus on a broken node: a ring outside it, in the focus colour, not the marker's
          await w.page.focus('#canvas g.node.broken');
          const ring = await w.page.evaluate(() => {
            const g = document.querySelector('#canvas g.node.broken')!.getBoundingClientRect();
            const el = document.getElementById('focusRing')!;
            const r = el.getBoundingClientRect();
            const shape = document.querySelector('#canvas g.node.broken .label-container')!;
            return {
              shown: !el.hidden && r.width > 0, outside: r.left < g.left && r.top < g.top && r.right > g.right && r.bottom > g.bottom,
              colour: getComputedStyle(el).borderTopColor, width: getComputedStyle(el).borderTopWidth,
              marker: getComputedStyle(shape.matches('g') ? shape.querySelector('path')! : shape).stroke, page: getComputedStyle(document.body).backgroundColor,
            };
          });
          assert.ok(ring.shown && ring.outside, `the focus ring is drawn outside the focused node: ${JSON.stringify(ring)}`);
          assert.notEqual(ring.colour, ring.marker, 'the ring is not the marker\'s colour');
          assert.ok(contrast(ring.colour, ring.page) >= 3, `the ring ${ring.colour} has 3:1 on the page ${ring.page}`);
          assert.ok(parseFloat(ring.width) >= 2, `the ring is at least 2 px wide (${ring.width})`);
          await w.screenshot(`contrast-${theme}-${v.name.startsWith('examples') ? 'shop' : 'monorepo'}-focus.png`);
          await assertClean(w, server.origin, `${v.name} in ${theme}`);
        } finally {
          await w.close();
        }
      }
    });
  }
});

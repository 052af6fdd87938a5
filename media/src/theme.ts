// Mermaid's `base` theme coloured from the VS Code theme's CSS variables, so the diagram follows light,
// dark and high-contrast themes. Mermaid derives shades from these with its own colour maths, which
// needs plain opaque colours: VS Code's `#rrggbbaa` and `rgba()` values are flattened first. Every colour the
// map relies on (borders, lines, markers, text) is then held to WCAG contrast against what it sits on.
import { ensureContrast } from './contrast';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** The theme kind from the classes VS Code puts on the webview's body. */
export function themeKind(bodyClasses: { contains(c: string): boolean }): ThemeKind {
  if (bodyClasses.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (bodyClasses.contains('vscode-high-contrast')) return 'high-contrast';
  return bodyClasses.contains('vscode-dark') ? 'dark' : 'light';
}

type Rgba = [number, number, number, number];

function parse(color: string): Rgba | undefined {
  const c = color.trim().toLowerCase();
  let m = /^#([0-9a-f]{3,4})$/.exec(c);
  if (m) {
    const d = m[1].split('').map((h) => parseInt(h + h, 16));
    return [d[0], d[1], d[2], d.length === 4 ? d[3] / 255 : 1];
  }
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/.exec(c);
  if (m) {
    const n = parseInt(m[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, m[2] ? parseInt(m[2], 16) / 255 : 1];
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(c);
  if (m) {
    const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return [parseFloat(m[1]), parseFloat(m[2]), parseFloat(m[3]), a];
  }
  return undefined;
}

function hex(n: number): string {
  return Math.round(Math.min(255, Math.max(0, n))).toString(16).padStart(2, '0');
}

/** An opaque `#rrggbb`: a translucent colour is blended over `background`; unparseable → `fallback`. */
export function opaque(color: string | undefined, background: string, fallback: string): string {
  const c = color ? parse(color) : undefined;
  if (!c) return fallback;
  const bg = parse(background) ?? [255, 255, 255, 1];
  const mix = (i: number) => c[i] * c[3] + bg[i] * (1 - c[3]);
  return `#${hex(mix(0))}${hex(mix(1))}${hex(mix(2))}`;
}

const DEFAULTS: Record<'light' | 'dark', Record<string, string>> = {
  light: { bg: '#ffffff', fg: '#1f1f1f', widget: '#f3f3f3', border: '#c8c8c8', muted: '#616161', cluster: '#f8f8f8' },
  dark: { bg: '#1f1f1f', fg: '#cccccc', widget: '#252526', border: '#454545', muted: '#9d9d9d', cluster: '#181818' },
};

/** Mermaid `themeVariables` from a CSS variable reader (`getComputedStyle(...).getPropertyValue`). */
export function mermaidTheme(css: (name: string) => string, kind: ThemeKind): { darkMode: boolean; vars: Record<string, string | boolean>; marks: Record<string, string> } {
  const dark = kind === 'dark' || kind === 'high-contrast';
  const hc = kind === 'high-contrast' || kind === 'high-contrast-light';
  const d = DEFAULTS[dark ? 'dark' : 'light'];
  const bg = opaque(css('--vscode-editor-background'), d.bg, d.bg);
  const fg = opaque(css('--vscode-editor-foreground'), bg, d.fg);
  const widget = opaque(css('--vscode-editorWidget-background') || css('--vscode-sideBar-background'), bg, d.widget);
  const contrast = css('--vscode-contrastBorder');
  const border = hc && contrast ? opaque(contrast, bg, fg) : opaque(css('--vscode-editorWidget-border') || css('--vscode-panel-border'), bg, d.border);
  const cluster = hc ? bg : opaque(css('--vscode-sideBar-background') || css('--vscode-editorGroupHeader-tabsBackground'), bg, d.cluster);
  const grounds = [bg, cluster, widget];
  // labels 4.5:1 on nodes, groups and the page; node borders and lines 3:1 against what is on either side
  const text = ensureContrast(fg, grounds, 4.5);
  const muted = ensureContrast(opaque(css('--vscode-descriptionForeground'), bg, d.muted), grounds, 4.5);
  const nodeBorder = ensureContrast(border, grounds, 3);
  const font = css('--vscode-font-family') || 'system-ui, sans-serif';
  const marks = markerColours(css, kind, { bg, cluster, widget, text, muted, nodeBorder });
  return {
    darkMode: dark,
    marks,
    vars: {
      darkMode: dark,
      background: bg,
      fontFamily: font,
      fontSize: '13px',
      primaryColor: widget,
      primaryTextColor: text,
      primaryBorderColor: nodeBorder,
      secondaryColor: cluster,
      tertiaryColor: cluster,
      lineColor: hc ? fg : muted,
      textColor: text,
      nodeTextColor: text,
      mainBkg: widget,
      nodeBorder,
      clusterBkg: cluster,
      clusterBorder: hc ? fg : ensureContrast(border, [bg, cluster], 3),
      titleColor: text,
      edgeLabelBackground: bg,
    },
  };
}

/** The first theme colour that is set, made opaque over `bg`; `fallback` when none is. */
function first(css: (name: string) => string, names: readonly string[], bg: string, fallback: string): string {
  for (const n of names) {
    const v = css(n);
    if (v) return opaque(v, bg, fallback);
  }
  return fallback;
}

/** Fallbacks when a theme sets none of the variables: VS Code's own defaults for light and dark. */
const MARKER_DEFAULTS: Record<'light' | 'dark', Record<'broken' | 'honest' | 'inproc' | 'store' | 'focus', string>> = {
  light: { broken: '#e51400', honest: '#388a34', inproc: '#bf8803', store: '#1a85ff', focus: '#005fb8' },
  dark: { broken: '#f14c4c', honest: '#89d185', inproc: '#cca700', store: '#3794ff', focus: '#007fd4' },
};

/**
 * The colours of the map's markers as CSS custom properties (`--sm-*`, set on the body; panel.css reads
 * them with the VS Code variables as fallbacks): broken claims in the theme's error colour, honest ones in
 * its green, in-process state in its warning colour, store borders in its blue, each raised to 3:1 against
 * the page, the groups and the nodes it sits on; text to 4.5:1.
 */
export function markerColours(
  css: (name: string) => string,
  kind: ThemeKind,
  base: { bg: string; cluster: string; widget: string; text: string; muted: string; nodeBorder: string },
): Record<string, string> {
  const d = MARKER_DEFAULTS[kind === 'dark' || kind === 'high-contrast' ? 'dark' : 'light'];
  const grounds = [base.bg, base.cluster, base.widget];
  const pick = (names: string[], fallback: string) => ensureContrast(first(css, names, base.bg, fallback), grounds, 3);
  return {
    '--sm-broken': pick(['--vscode-editorError-foreground', '--vscode-testing-iconFailed', '--vscode-charts-red'], d.broken),
    '--sm-honest': pick(['--vscode-charts-green', '--vscode-testing-iconPassed'], d.honest),
    '--sm-inproc': pick(['--vscode-editorWarning-foreground', '--vscode-charts-orange', '--vscode-charts-yellow'], d.inproc),
    '--sm-store': pick(['--vscode-charts-blue', '--vscode-editorInfo-foreground'], d.store),
    '--sm-border': base.nodeBorder,
    '--sm-focus': ensureContrast(first(css, ['--vscode-focusBorder'], base.bg, d.focus), grounds, 3),
    '--sm-text': base.text,
    '--sm-muted': base.muted,
    '--sm-bg': base.bg,
    '--sm-node': base.widget,
  };
}

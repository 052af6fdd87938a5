import { randomBytes } from 'node:crypto';

/** A fresh nonce per panel: the one script (and the ELK chunk it may load) carries it. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

/**
 * The panel's Content-Security-Policy: nothing by default, scripts only with the nonce (no `unsafe-eval`),
 * styles and fonts only from the extension. Mermaid writes `<style>` into its SVG and `style` attributes
 * on nodes, so inline styles are allowed; inline scripts are not.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

function attr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface PanelHtmlInput {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The ELK layout chunk, loaded by the script only when a map needs it. */
  elkUri: string;
}

/** The panel's page: a toolbar, the diagram's viewport, an empty state and a legend. The script fills them. */
export function panelHtml(i: PanelHtmlInput): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(i.cspSource, i.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(i.styleUri)}">
<title>State Map</title>
</head>
<body data-elk-uri="${attr(i.elkUri)}">
<header class="toolbar" role="toolbar" aria-label="State Map">
  <label id="folderLabel" hidden>Folder <select id="folder"></select></label>
  <label>Service <select id="service"><option value="">All services</option></select></label>
  <label>Store <select id="storeKind"><option value="">All store kinds</option></select></label>
  <input id="search" type="search" placeholder="Search ( / )" aria-label="Search services and stores (press / to focus)" aria-keyshortcuts="/">
  <button id="overview" type="button" hidden>Overview</button>
  <span class="spacer"></span>
  <span class="group" role="group" aria-label="Zoom">
    <button id="zoomOut" type="button" title="Zoom out (-)" aria-label="Zoom out">−</button>
    <span id="zoomLevel" class="zoom-level" aria-live="polite">100%</span>
    <button id="zoomIn" type="button" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button id="zoomFit" type="button" title="Fit the diagram to the panel (0)">Fit</button>
  </span>
  <span class="group" role="group" aria-label="Actions">
    <button id="refresh" type="button" title="Analyze the folder again">Refresh</button>
    <button id="exportMarkdown" type="button" title="Export the map as Markdown">Markdown</button>
    <button id="exportSvg" type="button" title="Export the diagram as SVG">SVG</button>
  </span>
</header>
<div id="note" class="note" role="status" hidden></div>
<section id="compare" class="compare" aria-labelledby="compareTitle" hidden>
  <div class="compare-head">
    <h2 id="compareTitle"></h2>
    <span id="compareCounts" class="compare-counts"></span>
    <span class="spacer"></span>
    <button id="endCompare" type="button" title="Leave the comparison and show the whole map">Back to the map</button>
  </div>
  <ul id="compareList" class="compare-list" aria-label="Changes"></ul>
</section>
<main id="viewport" tabindex="0" aria-label="State map diagram. Tab moves through services, then stores, then edges; arrow keys follow edges; Enter opens the code or a group. On the background: arrow keys pan, + and - zoom, 0 fits.">
  <div id="canvas"></div>
  <div id="focusRing" class="focus-ring" aria-hidden="true" hidden></div>
</main>
<section id="empty" class="empty" hidden>
  <h2 id="emptyTitle"></h2>
  <p id="emptyMessage"></p>
  <progress id="emptyProgress" max="100" hidden></progress>
  <p id="emptyActions" class="actions"></p>
</section>
<footer id="compareLegend" class="legend" aria-label="Legend of the comparison" hidden>
  <span><svg class="sample" viewBox="0 0 28 12" aria-hidden="true"><line class="added" x1="1" y1="6" x2="27" y2="6"/></svg>+ thick line: new in this branch</span>
  <span><svg class="sample" viewBox="0 0 28 12" aria-hidden="true"><line class="removed" x1="1" y1="6" x2="27" y2="6"/></svg>− dashed line: removed (on the base)</span>
  <span><svg class="sample" viewBox="0 0 28 12" aria-hidden="true"><line class="changed" x1="1" y1="6" x2="27" y2="6"/></svg>✎ medium line: access or operations changed</span>
  <span>✗ claim broken by this change · ⚠ claim already broken on the base · ✓ claim fixed</span>
</footer>
<footer id="legend" class="legend" aria-label="Legend">
  <span><svg class="sample" viewBox="0 0 28 12" aria-hidden="true"><rect class="broken" x="1.5" y="1.5" width="25" height="9" rx="2"/></svg>✗ dashed border: the claim is broken</span>
  <span><svg class="sample" viewBox="0 0 28 12" aria-hidden="true"><rect class="honest" x="1.5" y="1.5" width="25" height="9" rx="2"/></svg>✓ solid border: the claim holds</span>
  <span><svg class="sample" viewBox="0 0 28 12" aria-hidden="true"><rect class="inproc" x="1.5" y="1.5" width="25" height="9" rx="4.5"/></svg>⚠ dotted border: state inside the process</span>
  <span><svg class="sample" viewBox="0 0 28 12" aria-hidden="true"><rect class="store" x="1.5" y="1.5" width="25" height="9" rx="2"/></svg>a store</span>
  <span><svg class="sample" viewBox="0 0 28 12" aria-hidden="true"><line class="write" x1="1" y1="6" x2="27" y2="6"/></svg>writes</span>
  <span><svg class="sample" viewBox="0 0 28 12" aria-hidden="true"><line class="read" x1="1" y1="6" x2="27" y2="6"/></svg>reads</span>
  <span><svg class="sample" viewBox="0 0 28 12" aria-hidden="true"><line class="readwrite" x1="1" y1="6" x2="27" y2="6"/></svg>reads and writes</span>
  <span>Click or press Enter on a node or an edge for its code</span>
</footer>
<script nonce="${attr(i.nonce)}" src="${attr(i.scriptUri)}"></script>
</body>
</html>
`;
}

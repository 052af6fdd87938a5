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
<main id="viewport" tabindex="0" aria-label="State map diagram. Drag to pan, Ctrl+wheel or + and - to zoom, 0 to fit.">
  <div id="canvas"></div>
</main>
<section id="empty" class="empty" hidden>
  <h2 id="emptyTitle"></h2>
  <p id="emptyMessage"></p>
  <progress id="emptyProgress" max="100" hidden></progress>
  <p id="emptyActions" class="actions"></p>
</section>
<footer class="legend" aria-label="Legend">
  <span><span class="sample broken" aria-hidden="true"></span>✗ dashed red border: claims stateless, keeps state in process</span>
  <span><span class="sample honest" aria-hidden="true"></span>✓ the claim holds</span>
  <span><span class="sample inproc" aria-hidden="true"></span>state inside the process</span>
  <span>── writes · ┄┄ reads only · click a node or an arrow for its code</span>
</footer>
<script nonce="${attr(i.nonce)}" src="${attr(i.scriptUri)}"></script>
</body>
</html>
`;
}

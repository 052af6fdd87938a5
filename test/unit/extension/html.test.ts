import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, makeNonce, panelHtml } from '../../../src/extension/html';

const input = { cspSource: 'https://*.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x/media/dist/webview.js', styleUri: 'https://x/media/panel.css', elkUri: 'https://x/media/dist/elk.js?a=1&b="2"' };

test('the CSP allows nothing by default and scripts only with the nonce, never eval', () => {
  const csp = contentSecurityPolicy(input.cspSource, 'abc123');
  assert.match(csp, /^default-src 'none'/);
  assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-eval/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  assert.doesNotMatch(csp, /https?:\/\/(?!\*\.vscode-cdn)/, 'no other hosts: the panel works offline');
});

test('the page: one script with the nonce, the CSP in a meta tag, attributes escaped', () => {
  const html = panelHtml(input);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, ['<script nonce="abc123" src="https://x/media/dist/webview.js">']);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
  assert.match(html, /<meta charset="UTF-8">/, 'Mermaid\'s entity placeholders need the page to be UTF-8');
  assert.match(html, /data-elk-uri="https:\/\/x\/media\/dist\/elk.js\?a=1&amp;b=&quot;2&quot;"/);
  assert.doesNotMatch(html, /\son\w+=/, 'no inline event handlers');
});

test('nonces are fresh and plain', () => {
  const a = makeNonce();
  assert.match(a, /^[A-Za-z0-9]{20,}$/);
  assert.notEqual(a, makeNonce());
});

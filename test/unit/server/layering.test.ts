// Who may import what: the analysis stays free of editors, the extension host free of analysis, the webview
// free of Node, and the server's LSP thread free of ts-morph (it loads in the analysis thread only).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** Module specifiers a file loads at run time (`import type` and type-only imports excluded). */
function runtimeImports(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^import\s+(?!type\b)([^'"]*?)\s*from\s*'([^']+)'/gm)) {
    const names = m[1].replace(/[{}]/g, '').split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length && names.every((n) => n.startsWith('type '))) continue;
    specs.push(m[2]);
  }
  for (const m of text.matchAll(/require\('([^']+)'\)/g)) specs.push(m[1]);
  return specs;
}

test('src/core, src/catalog and src/render import neither vscode nor LSP packages', () => {
  for (const f of [...sources('src/core'), ...sources('src/catalog'), ...sources('src/render')]) {
    for (const s of runtimeImports(f)) assert.doesNotMatch(s, /^vscode($|-languageserver|-languageclient|-jsonrpc)/, `${f} imports ${s}`);
  }
});

test('the extension host loads no analysis: only the protocol from the rest of src', () => {
  for (const f of sources('src/extension')) {
    for (const s of runtimeImports(f)) assert.doesNotMatch(s, /^\.\.\/(core|catalog|render|server|cli)\b/, `${f} imports ${s}`);
  }
});

test('the webview imports no Node and no vscode module; shared code is types and constants', () => {
  for (const f of sources('media/src')) {
    for (const s of runtimeImports(f)) {
      assert.doesNotMatch(s, /^(node:|vscode)/, `${f} imports ${s}`);
      if (s.startsWith('../../src/')) assert.match(s, /^\.\.\/\.\.\/src\/protocol\/webview$/, `${f} imports ${s}`);
    }
  }
});

test('the server\'s LSP thread does not load the analysis (ts-morph): only worker.ts, entries.ts and compare.ts (the analysis thread) reach src/core', () => {
  const analysis = /^\.\.\/core\/(analyze|session|extract|link|discover|model\/index)|^ts-morph/;
  for (const f of sources('src/server')) {
    if (/[/\\](worker|entries|compare)\.ts$/.test(f)) continue;
    for (const s of runtimeImports(f)) assert.doesNotMatch(s, analysis, `${f} imports ${s}`);
  }
  const main = fs.readFileSync(path.join(root, 'src/server/main.ts'), 'utf8');
  assert.doesNotMatch(main, /^import .*from '\.\/(worker|server)'/m, 'main.ts requires its half lazily');
  // compare.ts is the analysis thread's: only worker.ts loads it
  for (const f of sources('src/server')) {
    if (/[/\\]worker\.ts$/.test(f)) continue;
    for (const s of runtimeImports(f)) assert.notEqual(s, './compare', `${f} imports ./compare`);
  }
});

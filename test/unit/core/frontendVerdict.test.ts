// A browser app's verdict: calling APIs keeps no state in the app; browser storage does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFiles } from '../../helpers/workspace';

const app = (extra: string) => ({
  'package.json': JSON.stringify({ name: 'web', private: true, dependencies: { react: '^18.3.0', 'react-dom': '^18.3.0' } }),
  'index.html': '<!doctype html><div id="root"></div><script type="module" src="/src/main.tsx"></script>\n',
  'src/main.tsx': [
    "import { createRoot } from 'react-dom/client';",
    'export async function loadFiles(): Promise<string[]> {',
    "  const res = await fetch('/api/files', { credentials: 'include' });",
    '  return res.json();',
    '}',
    extra,
    "createRoot(document.getElementById('root')!).render(null);",
    '',
  ].join('\n'),
});

test('a browser app that only calls its API is stateless: what it shows lives in the service it calls', () => {
  const map = analyzeFiles(app(''));
  const web = map.services.find((s) => s.kind === 'frontend');
  assert.deepEqual(map.edges.filter((e) => e.service === web?.id && e.store !== 'env').map((e) => e.store), ['http-api']);
  assert.equal(web?.verdict, 'stateless');
});

test("the same app keeping a draft in localStorage keeps state on the user's machine: state elsewhere", () => {
  const map = analyzeFiles(app("export const saveDraft = (t: string) => localStorage.setItem('draft', t);"));
  assert.equal(map.services.find((s) => s.kind === 'frontend')?.verdict, 'state-elsewhere');
});

test("a Vercel function is no frontend, whatever UI packages its devDependencies list: its API calls are where its state lives", () => {
  const map = analyzeFiles({
    'package.json': JSON.stringify({ name: 'bot-vercel', main: './dist/index.js', scripts: { build: 'vite build' }, devDependencies: { '@vercel/node': '^5.1.0', 'react-dom': '^19.1.0', '@types/react': '^19.1.0' } }),
    'src/index.ts': [
      "import type { VercelRequest, VercelResponse } from '@vercel/node';",
      'export default async function (request: VercelRequest, response: VercelResponse) {',
      "  const reply = await fetch('https://api.telegram.org/bot/sendMessage', { method: 'POST', body: JSON.stringify(request.body) });",
      '  response.status(200).json(await reply.json());',
      '}',
      '',
    ].join('\n'),
  });
  assert.deepEqual(map.services.map((s) => `${s.kind} ${s.verdict}`), ['lambda state-elsewhere']);
});

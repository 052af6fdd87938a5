import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { AnalysisSession } from '../../../src/core/session';
import type { FileFacts } from '../../../src/core/facts';
import { findEntryPoints, findHazardSites } from '../../../src/server/entries';
import { shopMap } from './fixtures';

type Hints = Pick<FileFacts, 'hints'>;

test('the entry point: package.json main (dist mapped back to src), a listening file first, the usual names last', () => {
  const files: Record<string, Hints> = {
    'services/cart-api/src/routes.ts': { hints: {} },
    'services/cart-api/src/server.ts': { hints: { listen: 1 } },
    'services/orders-api/src/main.ts': { hints: {} },
    'services/orders-api/src/index.ts': { hints: {} },
    'apps/web/src/cart.ts': { hints: {} },
  };
  const pkgs: Record<string, unknown> = { 'services/orders-api': { main: 'dist/main.js' } };
  const entries = findEntryPoints(shopMap(), (f) => files[f], (root) => pkgs[root]);
  assert.deepEqual(entries['services/cart-api'], { file: 'services/cart-api/src/server.ts', line: 1 });
  assert.deepEqual(entries['services/orders-api'], { file: 'services/orders-api/src/main.ts', line: 1 });
  // no manifest, no usual name, nothing listening: a file that only touches state is no entry
  assert.equal(entries['apps/web'], undefined);
});

test('a serverless handler: the line of the exported handler', () => {
  const files: Record<string, Hints> = { 'services/orders-api/src/handler.ts': { hints: { handler: 12 } } };
  assert.deepEqual(findEntryPoints(shopMap(), (f) => files[f], () => undefined)['services/orders-api'], { file: 'services/orders-api/src/handler.ts', line: 12 });
});

test('the places that change a hazard\'s module-level binding', () => {
  const facts: Pick<FileFacts, 'declared' | 'mutations'> = {
    declared: [{ name: 'recentlyViewed', decl: 'const', init: 'map', line: 5, col: 7 }],
    mutations: [
      { target: 'recentlyViewed', how: 'method', method: 'set', line: 17, col: 3 },
      { target: 'other', how: 'assign', line: 20, col: 3 },
    ],
  };
  const sites = findHazardSites(shopMap(), (f) => (f === 'services/cart-api/src/routes.ts' ? facts : undefined));
  assert.deepEqual(sites, [{ hazard: 0, file: 'services/cart-api/src/routes.ts', line: 17, column: 3, binding: 'recentlyViewed' }]);
});

test('the places that change a hazard\'s binding from the files that import it', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-sites-'));
  try {
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'auth', main: 'src/server.ts', dependencies: { express: '^4' } }),
      'src/store.ts': 'export const sessions = new Map<string, string>();\n',
      'src/server.ts': [
        "import express from 'express';",
        "import { sessions as live } from './store';",
        'const app = express();',
        "app.post('/login', (req, res) => { live.set(req.body.user, 'x'); res.end(); });",
        "app.get('/me', (req, res) => res.json(live.get(String(req.query.user))));",
        "app.post('/logout', (req, res) => { live.delete(req.body.user); res.end(); });",
        'app.listen(3000);',
      ].join('\n'),
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const session = new AnalysisSession(root);
    const map = session.refresh();
    const h = map.hazards.findIndex((x) => x.file === 'src/store.ts');
    assert.ok(h >= 0, `a hazard at the Map's declaration: ${JSON.stringify(map.hazards)}`);
    const sites = findHazardSites(map, (f) => session.factsOf(f), { files: session.sourceFiles, resolveImport: (s, from) => session.resolveImport(s, from) });
    // the set and the delete under the importer's alias; not the get
    assert.deepEqual(sites.map((s) => [s.hazard, s.file, s.line, s.binding]), [[h, 'src/server.ts', 4, 'sessions'], [h, 'src/server.ts', 6, 'sessions']]);
    // without the other files, only the declaring file is searched
    assert.deepEqual(findHazardSites(map, (f) => session.factsOf(f)), []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

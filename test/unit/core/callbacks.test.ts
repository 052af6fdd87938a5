// Callbacks given to the workspace's own functions: what the function calls them with is what their
// parameters hold (`useTransaction(async (tx) => …)` where it calls `callback(db)`), and they run where
// it calls them (`getConfigFile(path, (config) => …)` called while the module loads is start-up).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles, locationSummary } from '../../helpers/workspace';
import { lines } from '../../helpers/entry-cases';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'shop', version: '1.0.0', main: 'src/server.ts', dependencies: deps });

describe('what a workspace function calls its callback with', () => {
  const DRIZZLE = {
    'src/db.ts': lines(
      "import { drizzle } from 'drizzle-orm/node-postgres';",
      "import { Pool } from 'pg';",
      'export const db = drizzle(new Pool());',
    ),
    'src/tx.ts': lines(
      "import { db } from './db';",
      'type Db = typeof db;',
      '// a transaction of the caller when there is one, else the database',
      'export async function useTransaction<T>(callback: (tx: Db) => Promise<T>): Promise<T> {',
      '  const current = (globalThis as { tx?: Db }).tx;',
      '  if (current) return callback(current);',
      '  return callback(db);',
      '}',
    ),
  };

  test('useTransaction(async (tx) => …): the database it hands over is what tx reads and writes (terminal, set 19)', () => {
    const map = analyzeFiles({
      'package.json': pkg({ express: '4', 'drizzle-orm': '0.34', pg: '8' }),
      ...DRIZZLE,
      'src/server.ts': lines(
        "import express from 'express';",
        "import { useTransaction } from './tx';",
        "import { orders } from './schema';",
        'const app = express();',
        "app.post('/orders', async (req, res) => {",
        '  const rows = await useTransaction(async (tx) => tx.insert(orders).values(req.body).returning());',
        '  res.json(rows);',
        '});',
        'app.listen(3000);',
      ),
      'src/schema.ts': "import { pgTable, serial } from 'drizzle-orm/pg-core';\nexport const orders = pgTable('orders', { id: serial('id').primaryKey() });\n",
    });
    assert.ok(locationSummary(map).some((l) => /^src\/server\.ts:6 postgres write /.test(l)), locationSummary(map).join('\n'));
  });

  test('a callback the function calls with something else (a number) reaches no store', () => {
    const map = analyzeFiles({
      'package.json': pkg({ express: '4' }),
      'src/retry.ts': 'export async function withRetry<T>(work: (attempt: number) => Promise<T>): Promise<T> {\n  for (let i = 1; ; i++) {\n    try { return await work(i); } catch (e) { if (i >= 3) throw e; }\n  }\n}\n',
      'src/server.ts': lines(
        "import express from 'express';",
        "import { withRetry } from './retry';",
        'const app = express();',
        "app.get('/x', async (_req, res) => res.json(await withRetry(async (attempt) => attempt.toFixed())));",
        'app.listen(3000);',
      ),
    });
    assert.deepEqual(locationSummary(map), []);
  });
});

describe('when a callback given to a workspace function runs', () => {
  const CONFIG = lines(
    "const fs = require('fs');",
    'function getConfigFile(path, callback) {',
    "  fs.readFile(path, 'utf8', function (err, text) {",
    '    callback(err ? null : JSON.parse(text));',
    '  });',
    '}',
  );

  test('where the function calls it: read at start-up, what it fills is set-up, not even a note (BrowserQuest, set 19)', () => {
    const map = analyzeFiles({
      'package.json': pkg({ express: '4' }),
      'src/server.js': lines(
        CONFIG,
        "const express = require('express');",
        'const settings = {};',
        "getConfigFile('./config.json', function (config) {",
        '  settings.port = config.port;',
        '  const app = express();',
        "  app.get('/settings', (_req, res) => res.json(settings));",
        '  app.listen(settings.port);',
        '});',
      ),
    });
    assert.deepEqual([...map.hazards, ...(map.lowConfidenceHazards ?? [])].map((h) => `${h.kind} ${h.file}:${h.line}`), []);
  });

  test('a function that keeps the callback for later does not decide when it runs', () => {
    const map = analyzeFiles({
      'package.json': pkg({ express: '4' }),
      'src/server.js': lines(
        'const listeners = [];',
        'function whenever(callback) {',
        '  listeners.push(callback);',
        '}',
        "const express = require('express');",
        'const seen = {};',
        "whenever(function (event) { seen[event.id] = event; });",
        'const app = express();',
        "app.post('/events', (req, res) => { for (const l of listeners) l(req.body); res.json(Object.keys(seen).length); });",
        'app.listen(3000);',
      ),
    });
    assert.ok([...map.hazards, ...(map.lowConfidenceHazards ?? [])].some((h) => h.file === 'src/server.js' && h.line === 6), JSON.stringify(map.lowConfidenceHazards));
  });
});

// A repository that keeps its own packages in a `node_modules` folder (node-red's `packages/node_modules`,
// started by `node packages/node_modules/node-red/red.js`) is analyzed there; installed dependencies never are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFiles } from '../../../helpers/workspace';

const flows = (script: string, deps: Record<string, string> = {}) => ({
  'package.json': JSON.stringify({ name: 'flows', private: true, scripts: { start: script }, dependencies: { express: '4', ...deps } }),
  'packages/node_modules/flows/package.json': JSON.stringify({ name: 'flows', main: 'red.js', dependencies: { '@flows/runtime': '1' } }),
  'packages/node_modules/flows/red.js': "const runtime = require('@flows/runtime');\nruntime.start(1880);\n",
  'packages/node_modules/@flows/runtime/package.json': JSON.stringify({ name: '@flows/runtime', main: 'index.js', dependencies: { express: '4' } }),
  'packages/node_modules/@flows/runtime/index.js': [
    "const express = require('express');",
    'const context = new Map();',
    'exports.start = (port) => {',
    '  const app = express();',
    "  app.post('/context/:key', (req, res) => {",
    '    context.set(req.params.key, req.body);',
    '    res.json(context.size);',
    '  });',
    '  app.listen(port);',
    '};',
    '',
  ].join('\n'),
});

test('packages kept in a node_modules folder a start script names are analyzed', () => {
  const map = analyzeFiles(flows('node packages/node_modules/flows/red.js'));
  assert.ok(map.services.some((s) => s.root === 'packages/node_modules/@flows/runtime'), map.services.map((s) => s.root).join(', '));
  assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['module-mutable-state packages/node_modules/@flows/runtime/index.js:2']);
});

test('the same folder is skipped when no script names it, or when it holds a package the root installs', () => {
  assert.deepEqual(analyzeFiles(flows('node server.js')).hazards, []);
  assert.deepEqual(analyzeFiles(flows('node packages/node_modules/flows/red.js', { '@flows/runtime': '1' })).hazards, []);
});

test("the root's own node_modules is never analyzed, even when a script runs a file in it", () => {
  const map = analyzeFiles({
    'package.json': JSON.stringify({ name: 'app', scripts: { start: 'node node_modules/tool/cli.js' }, dependencies: {} }),
    'node_modules/tool/package.json': JSON.stringify({ name: 'tool', main: 'cli.js' }),
    'node_modules/tool/cli.js': "const express = require('express');\nconst hits = new Map();\nexpress().get('/', (req, res) => { hits.set(req.ip, 1); res.end(); }).listen(3000);\n",
  });
  assert.deepEqual(map.hazards, []);
  assert.ok(!map.services.some((s) => s.root.includes('node_modules')));
});

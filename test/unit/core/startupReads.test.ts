// Files read while a process starts configure it; files read per request are data on its disk.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFiles, locationSummary } from '../../helpers/workspace';

test('a file read at start-up is configuration; the same read in a handler stays a filesystem read', () => {
  const map = analyzeFiles({
    'package.json': JSON.stringify({ name: 'mailer', main: 'src/server.js', dependencies: { express: '4' } }),
    'src/server.js': [
      "const fs = require('fs');",
      "const path = require('path');",
      "const express = require('express');",
      "const settings = JSON.parse(fs.readFileSync(path.join(__dirname, 'settings.json'), 'utf8'));",
      'function loadTemplates() {',
      "  return fs.readdirSync(path.join(__dirname, 'templates')).map((f) => fs.readFileSync(path.join(__dirname, 'templates', f), 'utf8'));",
      '}',
      'const templates = loadTemplates();',
      'const app = express();',
      "app.get('/attachments/:name', (req, res) => {",
      "  res.send(fs.readFileSync(path.join('/srv/attachments', req.params.name)));",
      '});',
      'app.listen(settings.port, () => console.log(templates.length));',
      '',
    ].join('\n'),
  });
  const kinds = new Map(map.stores.map((s) => [s.id, s.kind]));
  assert.deepEqual(locationSummary(map).filter((l) => /config|filesystem/.test(l)), [
    'src/server.js:11 filesystem read fs',
    'src/server.js:4 config read fs',
    'src/server.js:6 config read fs',
    'src/server.js:6 config read fs',
  ]);
  assert.equal(map.services[0].verdict, 'stateless', 'reading configuration keeps no state; a read of one file neither');
  assert.ok([...kinds.values()].includes('config'));
});

test('a service that writes to its disk reads its own state back at start-up: those reads stay filesystem reads', () => {
  const map = analyzeFiles({
    'package.json': JSON.stringify({ name: 'drop', main: 'src/server.js', dependencies: { express: '4' } }),
    'src/server.js': [
      "const fs = require('fs');",
      "const path = require('path');",
      "const express = require('express');",
      "const dir = process.env.UPLOAD_DIR || '/data';",
      '// the index of uploads is rebuilt from the files at start',
      "const index = fs.readdirSync(dir).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));",
      'const app = express();',
      "app.post('/upload/:id', express.json(), (req, res) => {",
      "  fs.writeFileSync(path.join(dir, req.params.id + '.json'), JSON.stringify(req.body));",
      '  index.push(req.body);',
      '  res.sendStatus(201);',
      '});',
      'app.listen(3000);',
      '',
    ].join('\n'),
  });
  assert.deepEqual(locationSummary(map).filter((l) => /config|filesystem/.test(l)), [
    'src/server.js:6 filesystem read fs',
    'src/server.js:6 filesystem read fs',
    'src/server.js:9 filesystem write fs',
  ]);
});

// A compose bind mount of the service's own folder is its code mounted over the image for live reload,
// not a place where state lives; a bind mount of another folder (uploads, data) is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFiles } from '../../helpers/workspace';

const files = (volumes: string[]) => ({
  'docker-compose.yml': ['services:', '  api:', '    build: ./api', '    volumes:', ...volumes.map((v) => `      - ${v}`), ''].join('\n'),
  'api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '4' }, scripts: { start: 'node server.js' } }),
  'api/server.js': "const express = require('express');\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\napp.listen(3000);\n",
});

test('valid: the service\'s own folder mounted for live reload is code, not a volume', () => {
  const map = analyzeFiles(files(['./api:/usr/src/app', '.:/repo']));
  assert.deepEqual(map.stores.filter((s) => s.kind === 'volume').map((s) => s.id), []);
});

test('invalid: a data folder bind-mounted beside it is a volume of the service', () => {
  const map = analyzeFiles(files(['./api:/usr/src/app', './data:/var/data']));
  assert.deepEqual(map.stores.filter((s) => s.kind === 'volume').map((s) => s.label), ['bind mount ./data']);
});

// A compose bind mount of the service's own folder is its code mounted over the image for live reload,
// not a place where state lives; a bind mount of another folder (uploads, data) is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFiles as analyzeWith } from '../../helpers/workspace';

/** Volumes are drawn only with experimental hazards (not yet precise enough on real repositories to be on by default). */
const analyzeFiles = (files: Record<string, string>) => analyzeWith(files, { experimentalHazards: true });

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

// gathio (set 23) runs the same build twice in its compose file: the production container with its uploads mounted, and
// a development twin (`NODE_ENV=development`, `command: pnpm run dev`) that also mounts the source for live reload
const twins = (devEnv: string, devCommand: string) => ({
  'docker-compose.yml': [
    'services:',
    '  api:',
    '    build: ./api',
    '    environment:',
    '      - NODE_ENV=production',
    '    volumes:',
    '      - ./api-data/uploads:/app/public/uploads',
    '  api-dev:',
    '    build: ./api',
    '    environment:',
    `      - NODE_ENV=${devEnv}`,
    '    volumes:',
    '      - ./api-data/uploads:/app/public/uploads',
    '      - ./views:/app/views',
    '      - ./locales:/app/locales',
    ...(devCommand ? [`    command: ${devCommand}`] : []),
    '',
  ].join('\n'),
  'api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '4' }, scripts: { start: 'node server.js', dev: 'nodemon server.js' } }),
  'api/server.js': "const express = require('express');\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\napp.listen(3000);\n",
});

test('valid: the mounts of a development twin (NODE_ENV=development, a dev script) are the developer\'s, not the service\'s', () => {
  const map = analyzeFiles(twins('development', 'pnpm run dev'));
  assert.deepEqual(map.stores.filter((s) => s.kind === 'volume').map((s) => s.label), ['bind mount ./api-data/uploads']);
});

test('invalid: a second production container of the same build keeps its mounts', () => {
  const map = analyzeFiles(twins('production', ''));
  assert.deepEqual(map.stores.filter((s) => s.kind === 'volume').map((s) => s.label).sort(), ['bind mount ./api-data/uploads', 'bind mount ./locales', 'bind mount ./views']);
});

// microrealestate (set 31) mounts its code piece by piece in a development compose file: each service's `src`, its
// `package.json` and `tsconfig.json`, a shared package's sources, translations and templates beside the code
const pieces = (volumes: string[]) => ({
  'docker-compose.dev.yml': ['services:', '  api:', '    build: ./services/api', '    volumes:', ...volumes.map((v) => `      - ${v}`), ''].join('\n'),
  'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['services/*'] }),
  'services/api/package.json': JSON.stringify({ name: 'api', dependencies: { express: '4' }, scripts: { start: 'node src/index.js' } }),
  'services/api/src/index.js': "const express = require('express');\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\napp.listen(3000);\n",
  'services/common/package.json': JSON.stringify({ name: 'common' }),
  'services/common/src/index.js': 'module.exports = { ok: true };\n',
});

test("valid: the code mounted piece by piece (sources, package.json, tsconfig.json, a shared package's sources, translations, templates) is code, not volumes", () => {
  const map = analyzeFiles(pieces([
    './package.json:/usr/app/package.json', './services/api/src:/usr/app/services/api/src', './services/api/package.json:/usr/app/services/api/package.json',
    './services/api/tsconfig.json:/usr/app/services/api/tsconfig.json', './services/common/src:/usr/app/services/common/src',
    './services/api/locales:/usr/app/services/api/locales', './services/api/templates:/usr/app/services/api/templates',
  ]));
  assert.deepEqual(map.stores.filter((s) => s.kind === 'volume').map((s) => s.label), []);
});

test('invalid: beside them, a folder of the service that holds no code (its uploads, its public files) is a volume', () => {
  const map = analyzeFiles(pieces(['./services/api/src:/usr/app/services/api/src', './services/api/uploads:/usr/app/services/api/uploads', './services/api/public:/usr/app/public']));
  assert.deepEqual(map.stores.filter((s) => s.kind === 'volume').map((s) => s.label).sort(), ['bind mount ./services/api/public', 'bind mount ./services/api/uploads']);
});

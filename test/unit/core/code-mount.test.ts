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

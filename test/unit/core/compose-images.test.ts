// Which workspace service a compose container runs when nothing is built: the image it pulls says it. An
// official image (`mongo:4.4`) is never the workspace's code, even when a client library shares its name, and
// the root of a monorepo that starts nothing is never the container, even when the published image carries
// the root package's name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles as analyzeWith } from '../../helpers/workspace';

/** Volumes are drawn only with experimental hazards (not yet precise enough on real repositories to be on by default). */
const analyzeFiles = (files: Record<string, string>) => analyzeWith(files, { experimentalHazards: true });

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const server = "import express from 'express';\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\napp.listen(3000);\n";

function monorepo(compose: string): ReturnType<typeof analyzeFiles> {
  return analyzeFiles({
    'package.json': JSON.stringify({ name: 'flowise', private: true, workspaces: ['packages/*'], scripts: { build: 'turbo run build' } }),
    'packages/server/package.json': JSON.stringify({ name: 'flowise', bin: { flowise: './bin/run' }, scripts: { start: 'node dist/index.js' }, dependencies: { express: '4' } }),
    'packages/server/src/index.ts': server,
    'packages/mongo/package.json': JSON.stringify({ name: '@acme/mongo', main: 'src/index.ts', dependencies: { mongodb: '6' } }),
    'packages/mongo/src/index.ts': "import { MongoClient } from 'mongodb';\nexport const client = new MongoClient(process.env.MONGO_URL!);\n",
    // a release script at the root: the root is a service of its own (one that starts nothing)
    'scripts/release.ts': "import fs from 'node:fs';\nfs.writeFileSync('CHANGELOG.md', process.argv[2] ?? '');\n",
    'docker-compose.yml': compose,
  });
}

const volumes = (map: ReturnType<typeof analyzeFiles>) => map.edges.filter((e) => e.store.startsWith('volume')).map((e) => `${e.service} ${e.store}`).sort();

describe('compose containers that pull an image', () => {
  test('an official database image is no package\'s, though a client library folder has its name', () => {
    const map = monorepo(lines('services:', '  mongo:', '    image: mongo:4.4', '    volumes:', '      - mongo-data:/data/db', 'volumes:', '  mongo-data: {}'));
    assert.deepEqual(volumes(map), []);
  });

  test('an image named like the monorepo\'s root package runs the package of that name, not the root', () => {
    const map = monorepo(lines('services:', '  flowise:', '    image: flowiseai/flowise:latest', '    volumes:', '      - ~/.flowise:/root/.flowise'));
    assert.deepEqual(volumes(map).map((v) => v.split(' ')[0]), ['packages/server']);
  });

  test('an own image (an owner in its name) still matches the package it is named after', () => {
    const map = monorepo(lines('services:', '  db-tools:', '    image: acme/mongo:1.2', '    volumes:', '      - dumps:/dumps', 'volumes:', '  dumps: {}'));
    assert.deepEqual(volumes(map).map((v) => v.split(' ')[0]), ['packages/mongo']);
  });
});

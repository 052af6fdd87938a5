// A compose service built from the repository's root with a Dockerfile in one package's folder
// (`build: { context: ., dockerfile: apps/web/Dockerfile }`, so the image can copy the monorepo's lockfile)
// runs that package: its volumes and configuration are that package's, not the root's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles as analyzeWith } from '../../helpers/workspace';

/** Volumes are drawn only with experimental hazards (not yet precise enough on real repositories to be on by default). */
const analyzeFiles = (files: Record<string, string>) => analyzeWith(files, { experimentalHazards: true });

const lines = (...l: string[]) => `${l.join('\n')}\n`;
const server = "import express from 'express';\nconst app = express();\napp.get('/', (_req, res) => res.send('ok'));\napp.listen(3000);\n";

function monorepo(build: string): ReturnType<typeof analyzeFiles> {
  return analyzeFiles({
    'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
    'apps/web/package.json': JSON.stringify({ name: 'web', scripts: { start: 'node dist/server.js' }, dependencies: { express: '4' } }),
    'apps/web/src/server.ts': server,
    'apps/web/Dockerfile': 'FROM node:20\nCOPY . .\nCMD ["node", "apps/web/dist/server.js"]\n',
    'apps/api/package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/server.js' }, dependencies: { express: '4' } }),
    'apps/api/src/server.ts': server,
    'docker-compose.yml': lines(
      'services:',
      '  frontend:',
      `    build: ${build}`,
      '    env_file: .env.web',
      '    volumes:',
      '      - uploads:/srv/uploads',
      'volumes:',
      '  uploads: {}',
    ),
  });
}

const placesOf = (map: ReturnType<typeof analyzeFiles>) =>
  map.edges.filter((e) => /^(volume|config)/.test(e.store)).map((e) => `${e.service} ${e.store}`).sort();

describe('compose services built with a Dockerfile in a package folder', () => {
  test('the root as context and the Dockerfile in apps/web: the volume and env_file are apps/web\'s', () => {
    const map = monorepo('{ context: ., dockerfile: apps/web/Dockerfile }');
    const places = placesOf(map);
    assert.ok(places.length >= 2, JSON.stringify(places));
    assert.ok(places.every((p) => p.startsWith('apps/web ')), JSON.stringify(places));
  });

  test('a Dockerfile outside any package: the build context decides, as before', () => {
    const map = monorepo('{ context: apps/api, dockerfile: ../../docker/Dockerfile }');
    const places = placesOf(map);
    assert.ok(places.length >= 2 && places.every((p) => p.startsWith('apps/api ')), JSON.stringify(places));
  });
});

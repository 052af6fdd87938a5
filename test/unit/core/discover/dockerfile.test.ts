import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDockerfile } from '../../../../src/core/discover/dockerfile';

test("a Dockerfile's VOLUME and ENV lines, of the final stage only, in every form Docker takes", () => {
  const text = [
    'FROM node:20 AS build',
    'ENV BUILD_ONLY=1',
    'VOLUME /build-cache',
    'FROM node:20-slim',
    'ENV LEGACY_DIR /var/lib/app',
    'ENV A=1 B="two words" \\',
    "    C='/srv/files'",
    'volume ["/var/lib/app", "/logs/"]',
    'VOLUME /tmp/a /tmp/b',
    'VOLUME relative-is-not-a-path',
    'VOLUME ["broken json"',
    'CMD ["node", "server.js"]',
  ].join('\n');
  assert.deepEqual(readDockerfile('api/Dockerfile', text), {
    file: 'api/Dockerfile',
    volumes: [{ path: '/var/lib/app', line: 8 }, { path: '/logs', line: 8 }, { path: '/tmp/a', line: 9 }, { path: '/tmp/b', line: 9 }],
    env: [
      { name: 'LEGACY_DIR', value: '/var/lib/app', line: 5 },
      { name: 'A', value: '1', line: 6 }, { name: 'B', value: 'two words', line: 6 }, { name: 'C', value: '/srv/files', line: 6 },
    ],
  });
});

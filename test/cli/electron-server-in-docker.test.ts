// A package that is both an Electron desktop app and a server: its Dockerfile runs a start script
// (`CMD ["./start-docker.sh"]`) whose last line starts the server as another user (`exec su-exec node node ./src/www`).
// The script's command is an entry, and a package a container runs as a server is a server, not one user's desktop
// app, so what its requests keep in memory is a hazard (zadam/trilium, truth set 27). Fixture workspace through the CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('an Electron app that a container also runs as a server', () => {
  const map = analyzeJson(fixture('electron-server-in-docker'));
  const svc = map.services.find((s) => s.id === '.');

  test('the start script the Dockerfile runs names the server\'s entry', () => {
    assert.deepEqual(svc?.entries?.map((e) => `${e.path} ← ${e.from}`), [
      'electron.js ← package.json main/exports',
      'src/www.js ← Dockerfile: ./start-docker.sh → start-docker.sh: exec su-exec node node ./src/www',
    ]);
  });

  test('it is an HTTP server whose per-request map, and the SQLite file its requests write, are in-process state', () => {
    assert.equal(svc?.kind, 'http-server');
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['local-file-write src/app.js:4', 'module-mutable-state src/app.js:9']);
    assert.equal(svc?.verdict, 'in-process-state');
  });
});

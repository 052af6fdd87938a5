// After an edit the session models again only the services whose inputs changed (their files, operations,
// hazards, what they reach through calls) and takes the others' models over; the map is always the one a
// fresh analysis of the same text gives, also when an edit in one service changes another's hazards.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { AnalysisSession } from '../../src/core/session';
import { freshSessionMap } from '../helpers/workspace';

const WS = path.join(__dirname, '..', 'fixtures', 'three-services-one-edit');
const SERVER = 'services/api/src/server.ts';
const WORKER = 'services/jobs/src/worker.ts';
const read = (file: string) => fs.readFileSync(path.join(WS, file), 'utf8');

const fresh = (overlays: Record<string, string>) => freshSessionMap(WS, overlays);

test('an edit inside one service models that service again and takes the other two over', () => {
  const session = new AnalysisSession(WS);
  const first = session.refresh();
  assert.equal(session.lastModelled, 3, 'the first map models every service');
  const worker = read(WORKER).replace('DELETE FROM sessions', 'DELETE FROM login_sessions');
  assert.notEqual(worker, read(WORKER), 'the fixture changed: update this edit');
  session.setOverlay(WORKER, worker);
  const edited = session.refresh();
  assert.equal(session.lastModelled, 1);
  assert.equal(JSON.stringify(edited), fresh({ [WORKER]: worker }));
  assert.notEqual(JSON.stringify(edited), JSON.stringify(first));
  session.setOverlay(WORKER, undefined);
  assert.equal(JSON.stringify(session.refresh()), JSON.stringify(first));
  assert.equal(session.lastModelled, 1);
});

test('an edit in one service that changes what another keeps in process models both again', () => {
  const session = new AnalysisSession(WS);
  const first = session.refresh();
  const held = (m: typeof first) => m.hazards.filter((h) => h.file === 'packages/seen/src/index.ts').map((h) => h.kind);
  assert.deepEqual(held(first), ['in-memory-cache'], 'a request writes the shared package\'s map');
  // the server now writes the map once, at start-up: the package holds no request state
  const server = read(SERVER).replace('  remember(req.params.id);\n', '').replace('const app = express();', "remember('boot');\nconst app = express();");
  session.setOverlay(SERVER, server);
  const edited = session.refresh();
  assert.deepEqual(held(edited), []);
  assert.equal(session.lastModelled, 2, 'the server and the package, not the worker');
  assert.equal(JSON.stringify(edited), fresh({ [SERVER]: server }));
});

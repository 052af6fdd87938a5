// A launcher (`bin/tally.js`, the package's `bin` and `start`) loads the compiled server by a path it computes from
// its own folder (`require(path.join(ROOT, 'server'))`, ROOT being `<bin>/../build`, tsc's outDir for `server/`),
// and runs a one-off command instead when its arguments ask. The server's code is the unit's runtime code; a race
// in the one-off command is not a race between requests.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture } from './run-cli';

describe('a launcher that requires its built server by a computed path', () => {
  const map = analyzeJson(fixture('launcher-built-server'));

  test("the server's code runs in the unit the launcher starts", () => {
    assert.deepEqual(map.services.map((s) => [s.root, s.kind]), [['.', 'http-server']]);
    const scopes = new Set(map.edges.map((e) => e.scope));
    assert.deepEqual([...scopes], ['runtime'], 'no store of the server is charged to tooling');
  });

  test('a repository kept in a static field typed `Repository<User> | null` is the TypeORM client', () => {
    assert.deepEqual(edges(map).filter((e) => e.includes('postgres')), ['. -> postgres readwrite']);
  });

  test("sign-up's check through the model's helpers is a race; the one-off command's is a note", () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['check-then-act server/index.ts:18 high']);
    assert.deepEqual((map.lowConfidenceHazards ?? []).map((h) => `${h.kind} ${h.file}:${h.line}`), ['check-then-act server/cli.ts:11']);
    // the launcher's `cli.createUser(…)`, on what its computed require loaded, is the command's caller
    assert.ok(map.lowConfidenceHazards![0].evidence?.some((e) => e.what === '`createUser`, called by `createUser` (bin/tally.js)'));
  });
});

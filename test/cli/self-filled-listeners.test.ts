// An object filled under computed keys with values read from itself (`listeners[type] = listeners[type] || []`,
// `byKind[kind] = byKind[kind] || {}`): each member read evaluates what is stored in it, and what is stored reads
// it again. Evaluated once per fill, the analysis ends; evaluated per read, it branched at every level and ran for
// hours on a real wiki back-end (zadam/trilium, truth set 27). Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StateMap } from '../../src/core/model/types';
import { fixture, runCli } from './run-cli';

describe('objects filled with values read from themselves', () => {
  // a generous bound: the analysis takes well under a second; before, it did not end
  const r = runCli(['analyze', fixture('self-filled-listeners'), '--format', 'json'], { timeoutMs: 60_000 });
  const map = JSON.parse(r.stdout) as StateMap;

  test('the analysis ends with exit 0 and no problems', () => {
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(map.problems, []);
  });

  test('the SQLite reads behind the hash table are the service\'s, and the listeners filled at start-up are no hazard', () => {
    const edges = map.edges.map((e) => `${e.service} ${e.store} ${e.access}`);
    assert.deepEqual(edges, ['. sqlite read']);
    assert.deepEqual(map.hazards, []);
  });
});

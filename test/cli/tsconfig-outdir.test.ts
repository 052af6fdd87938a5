// A launcher that requires the compiled output (`require('./dist/controller')`) of a TypeScript tree whose
// tsconfig builds `lib/` into `dist/`: a fresh clone has no dist/, and the code that runs is lib/.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture, locations } from './run-cli';

describe('a require of a tsconfig outDir resolves to its rootDir', () => {
  const map = analyzeJson(fixture('tsconfig-outdir'));

  test('the bridge\'s MQTT traffic is found in lib/, as runtime code', () => {
    assert.deepEqual(edges(map), ['. -> mqtt readwrite']);
    assert.deepEqual(locations(map, '.', 'mqtt'), ['lib/controller.ts:11 read subscribeAsync', 'lib/controller.ts:15 write publishAsync']);
    assert.ok(map.edges.every((e) => e.scope !== 'tooling'));
  });
});

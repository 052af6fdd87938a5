// `const writeFile = util.promisify(fs.writeFile)` is `fs.writeFile`: the ID photos a request sends are written to
// the local disk of the replica that takes it.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture } from './run-cli';

describe('a promisified fs function', () => {
  const map = analyzeJson(fixture('promisified-fs-write'));

  test('the photo write is a local file write of the request path', () => {
    assert.deepEqual(edges(map), ['. -> filesystem write']);
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['local-file-write lib/photos.js:13 high']);
  });
});

// Writes to paths a temp-file helper hands out (the `tmp` package, a manager of the app's own named so) are scratch of
// the request: notes. A temp file renamed into the app's data folder is a write of that folder: a hazard at the rename.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('temporary files', () => {
  const map = analyzeJson(fixture('temp-files'));
  const notes = (map.lowConfidenceHazards ?? []).map((h) => `${h.file}:${h.line}`).sort();

  test('the rename into data/ is the one local-file-write hazard', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line}`), ['local-file-write src/server.js:20']);
  });

  test('writes to paths from tmp, from the temp-file manager and to the file about to be renamed are notes', () => {
    assert.deepEqual(notes, ['src/converter.js:11', 'src/server.js:13', 'src/server.js:19']);
    const note = (map.lowConfidenceHazards ?? []).find((h) => h.file === 'src/converter.js')!;
    assert.match(note.evidence?.at(-1)?.what ?? '', /a temporary file/);
  });
});

// State changed only by methods no caller of which is found: a cache is state whoever fills it (a hazard, medium);
// a list of hooks may be filled at start-up or per request, which nothing shows (a note).
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('state changed by methods with no caller found', () => {
  const map = analyzeJson(fixture('unseen-callers'));

  test('the page cache stays a hazard', () => {
    const h = map.hazards.find((x) => x.file === 'src/renderCache.js');
    assert.ok(h, JSON.stringify(map.hazards));
    assert.equal(h.kind, 'in-memory-cache');
    assert.equal(h.confidence, 'medium');
  });

  test('the hook list is only a note, saying why', () => {
    assert.ok(!map.hazards.some((x) => x.file === 'src/hooks.js'), JSON.stringify(map.hazards));
    const note = (map.lowConfidenceHazards ?? []).find((x) => x.file === 'src/hooks.js');
    assert.ok(note);
    assert.ok(note.evidence?.some((e) => /no caller of the code that changes it is found/.test(e.what ?? '')));
  });
});

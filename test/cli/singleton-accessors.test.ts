// A singleton reached through the binding its module exports (`export default settings`) or through a static
// accessor (`FeatureFlags.getInstance().override(…)`) is called by the route handlers that use it: what they change
// is request-time state, with the handler as its path.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('singletons reached through an exported binding or a static accessor', () => {
  const map = analyzeJson(fixture('singleton-accessors'));
  const at = (file: string) => map.hazards.find((h) => h.kind === 'module-mutable-state' && h.file === file);

  test('the settings a handler toggles are a hazard reached from the handler', () => {
    const h = at('src/settings.ts');
    assert.ok(h, JSON.stringify(map.hazards));
    assert.equal(h.confidence, 'high');
    assert.match(h.evidence?.[0]?.what ?? '', /handler: the callback given to `post`/);
  });

  test('the flags a handler overrides through getInstance() are a hazard reached from the handler', () => {
    const h = at('src/flags.ts');
    assert.ok(h, JSON.stringify(map.hazards));
    assert.equal(h.confidence, 'high');
    assert.match(h.evidence?.[0]?.what ?? '', /handler: the callback given to `put`/);
  });
});

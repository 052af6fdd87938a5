// A static map of one client per network, made when a request first asks for it (`if (!Ethereum._instances)
// Ethereum._instances = {}; if (!Ethereum._instances[network]) …`), is a memo every replica makes alike; a module Map
// of quotes each request replaces is state.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('a per-network client memo in a static field', () => {
  const map = analyzeJson(fixture('per-network-client-memo'));

  test('only the quotes map is a hazard', () => {
    const all = [...map.hazards, ...(map.lowConfidenceHazards ?? [])].map((h) => `${h.file}:${h.line}`);
    assert.deepEqual(all, ['src/server.ts:4']);
  });
});

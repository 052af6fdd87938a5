// A NestJS controller method is a request handler by its decorator (`@Post()`), though nothing in the workspace calls
// it: the race in the service it calls is a hazard reached from that handler. The same race in a service method that
// nothing calls or registers stays a note: when it runs is not known.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('NestJS routes by their decorators', () => {
  const map = analyzeJson(fixture('nest-routes-races'));

  test('the sign-up race is a hazard reached from the decorated handler', () => {
    const race = map.hazards.find((h) => h.kind === 'check-then-act' && h.file === 'src/users/users.service.ts' && h.line === 11);
    assert.ok(race, JSON.stringify(map.hazards));
    assert.equal(race.confidence, 'high');
    assert.match(race.evidence?.[0]?.what ?? '', /decorated with `@Post`/);
  });

  test('the race in a method nothing calls is only a note', () => {
    assert.ok(!map.hazards.some((h) => h.line === 17), JSON.stringify(map.hazards));
    assert.ok((map.lowConfidenceHazards ?? []).some((h) => h.kind === 'check-then-act' && h.line === 17));
  });
});

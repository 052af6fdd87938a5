// Functions that schedule themselves again with `setTimeout`: a sweep that re-arms in its `finally` is a timer every
// replica runs; a start-up that re-arms only when it fails is a retry; a Redis stream consumer that reads its group
// again after each batch splits the stream with the other replicas.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('functions that schedule themselves again', () => {
  const map = analyzeJson(fixture('rearming-timeouts'));
  const all = [...map.hazards, ...(map.lowConfidenceHazards ?? [])].map((h) => `${h.kind} ${h.file}:${h.line}`);

  test('the reminder sweep is a timer every replica runs, placed where it re-arms', () => {
    assert.ok(all.includes('per-replica-timer src/reminders.ts:17'), all.join('\n'));
    assert.equal(map.services[0].verdict, 'state-elsewhere', 'a timer is not state kept in the process');
  });

  test('neither the retried start-up nor the stream consumer is a timer', () => {
    assert.deepEqual(all, ['per-replica-timer src/reminders.ts:17']);
  });
});

// Methods handed to an emitter as listeners (`bus.on('job.watch', this.onWatch.bind(this))`) run when the
// event comes, as a callback written in place does; and instances made once per key in another's container
// (`this.rooms[job] = new Room(job)`) are that container's state, one more place of its report.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture, verdictLine } from './run-cli';

describe('listener methods and instances kept per key', () => {
  const map = analyzeJson(fixture('listener-methods'));

  test('the relay the server keeps is one report, reached through its listener methods', () => {
    assert.deepEqual(map.hazards.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence ?? 'high'}`), ['module-mutable-state src/server.js:7 high']);
    const steps = (map.hazards[0].evidence ?? []).map((e) => `${e.file}:${e.line} ${e.what}`);
    assert.match(steps[0], /^src\/relay\.js:\d+ handler: `Relay\.on(Watch|Close)` is given to `on`$/);
    assert.ok(steps.includes('src/relay.js:5 `rooms` is declared (a field of Relay)'), steps.join('\n'));
  });

  test('the rooms made per key are a place of the same report, not a report of their own', () => {
    const h = map.hazards[0];
    // (the field that holds them is a place of the report too, where a reader of the class finds the state)
    assert.deepEqual(h.also?.map((a) => `${a.file}:${a.line}`), ['src/relay.js:5', 'src/relay.js:12']);
    assert.ok((h.evidence ?? []).some((e) => e.file === 'src/relay.js' && e.line === 12 && /one per key/.test(e.what)));
    assert.ok(!map.hazards.some((x) => x.file === 'src/room.js'));
  });

  test('the claim of statelessness is contradicted', () => {
    assert.match(verdictLine(map, '.'), /^stateless=true README\.md:3 readme · in-process-state · honest=false$/);
  });
});

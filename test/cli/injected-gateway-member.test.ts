// A member of one provider changed by another through the constructor's injection: `AppsService` receives the
// `EventsGateway` and a request stores a console stream in `this.eventsGateway.execStreams[room]`, which the gateway's
// socket messages then read. The map lives in the process's one gateway, so terminal input reaching another replica
// finds no stream (kubero's console, truth set 30). The change was recorded on the service's own field and dropped.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('a gateway member changed by another provider it is injected into', () => {
  const map = analyzeJson(fixture('injected-gateway-member'));

  test('execStreams is module state, declared in the gateway, changed by the service a route calls', () => {
    const state = map.hazards.filter((h) => h.kind === 'module-mutable-state');
    assert.deepEqual(state.map((h) => `${h.file}:${h.line}`), ['src/events.gateway.ts:5']);
    assert.match(state[0].message, /`execStreams`.*changed by `AppsService\.openConsole` \(src\/apps\.service\.ts:10\)/);
    assert.equal(state[0].evidence?.[0]?.file, 'src/apps.controller.ts');
  });
});

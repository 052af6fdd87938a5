// Sockets a framework keeps in the process: a NestJS gateway, with and without the adapter the application
// sets in main.ts. Fixture workspaces through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture, hazards, verdictLine } from './run-cli';

describe('NestJS gateways keep their sockets in the process unless the application sets an adapter', () => {
  test('nest-gateway-no-adapter: the @WebSocketGateway class is where rooms live, with no adapter', () => {
    const map = analyzeJson(fixture('nest-gateway-no-adapter'));
    assert.deepEqual(hazards(map), ['socket-rooms-no-adapter src/chat.gateway.ts:10']);
    assert.match(map.hazards[0].message, /no adapter set with useWebSocketAdapter/);
    assert.equal(verdictLine(map, '.'), 'stateless=true README.md:3 readme · in-process-state · honest=false');
  });

  test('nest-gateway-redis-adapter: app.useWebSocketAdapter(new RedisIoAdapter(app)) in main.ts lifts it', () => {
    const map = analyzeJson(fixture('nest-gateway-redis-adapter'));
    assert.deepEqual(hazards(map), []);
    assert.equal(verdictLine(map, '.'), 'stateless=true README.md:3 readme · state-elsewhere · honest=true');
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Config } from '../../../src/extension/config';

test('the typed client settings, and which need a restart', () => {
  const values: Record<string, unknown> = { 'server.path': '  /x/server.js ', 'server.extraArgs': ['--max-old-space-size=8192', 3] };
  const c = new Config(<T>(k: string) => values[k] as T);
  assert.equal(c.serverPath, '/x/server.js');
  assert.deepEqual(c.serverExtraArgs, ['--max-old-space-size=8192']);
  assert.equal(c.statusBarEnabled, true);
  assert.equal(new Config(() => undefined).serverPath, undefined);
  assert.equal(Config.needsRestart((s) => s === 'stateMap.server.path'), true);
  assert.equal(Config.needsRestart((s) => s === 'stateMap.hover.enabled'), false);
});

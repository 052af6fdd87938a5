// One object whose fields request code changes is one place of state: a status cache made once
// (`module.exports = new StatusCache()`) with three Maps that routes fill is one hazard, at the field
// the rule is surest of, with the other fields as its `also` places. Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture, runCli, verdictLine } from './run-cli';

describe('the fields of one instance that requests change are one hazard', () => {
  const map = analyzeJson(fixture('status-cache-fields'));
  const inCache = map.hazards.filter((h) => h.file === 'server/cache/status.js');

  test('one report for the instance, with the other fields as its places', () => {
    assert.deepEqual(inCache.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence ?? 'high'}`), ['module-mutable-state server/cache/status.js:3 high']);
    assert.deepEqual(inCache[0].also?.map((a) => `${a.file}:${a.line}`), ['server/cache/status.js:4', 'server/cache/status.js:5']);
  });

  test('its message and evidence name every field', () => {
    const h = inCache[0];
    assert.match(h.message, /^`monitors` \(a Map in the one instance of its class\) is changed by `StatusCache\.addMonitor` \(line 9\)/);
    assert.match(h.message, /2 other fields that requests change: `heartbeats` \(line 4\), `certificates` \(line 5\)\.$/);
    const steps = (h.evidence ?? []).map((e) => `${e.file}:${e.line} ${e.what}`);
    assert.ok(steps.includes('server/cache/status.js:4 `heartbeats`, another field of the same instance, changes too'), steps.join('\n'));
    assert.ok(steps.includes('server/cache/status.js:5 `certificates`, another field of the same instance, changes too'), steps.join('\n'));
  });

  test('the claim of statelessness is contradicted once', () => {
    assert.match(verdictLine(map, '.'), /^stateless=true README\.md:3 readme · in-process-state · honest=false$/);
  });

  test('the Markdown lists the other fields after the hazard', () => {
    const md = runCli(['analyze', fixture('status-cache-fields'), '--format', 'markdown']).stdout;
    const line = md.split('\n').find((l) => l.startsWith('- **module-mutable-state** `server/cache/status.js:3`'));
    assert.ok(line && /server\/cache\/status\.js:4/.test(line) && /server\/cache\/status\.js:5/.test(line), md);
  });
});

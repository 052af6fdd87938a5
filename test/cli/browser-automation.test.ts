// A server that drives a headless browser: the functions it gives `page.evaluate` run in the page, so the
// `localStorage` they write is the page's, and a parameter typed as a part of the workspace's own type
// (`context: LaunchOptions['session']`) is not a framework's request because it is named `context`.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, edges, fixture, verdictLine } from './run-cli';

describe('browser automation: what runs in the page is not the server\'s state', () => {
  const map = analyzeJson(fixture('browser-automation'));

  test('the server keeps its sessions in Redis, and no browser storage or cookie store', () => {
    assert.deepEqual(edges(map), ['. -> redis readwrite']);
  });

  test('nothing is reported about the page\'s storage', () => {
    assert.deepEqual(map.hazards, []);
    assert.ok(!map.stores.some((s) => /localStorage|sessionStorage|cookie/.test(s.kind)));
  });

  test('the claim of keeping sessions in Redis holds', () => {
    assert.match(verdictLine(map, '.'), /state-elsewhere/);
  });
});

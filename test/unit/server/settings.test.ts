import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, normalizeSettings, sameSession, sessionOptions } from '../../../src/server/settings';

test('settings from the client: what is wrong falls back to the default', () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  const s = normalizeSettings({
    include: ['src/**', 3, ''], exclude: 'nope', maxFileSize: -5, layout: 'circle',
    diagnostics: { claimSeverity: 'error', hazardSeverity: 'loud' }, hover: { enabled: false }, codeLens: { enabled: 'no' },
  });
  assert.deepEqual(s.include, ['src/**']);
  assert.deepEqual(s.exclude, []);
  assert.equal(s.maxFileSize, 0);
  assert.equal(s.layout, 'auto');
  assert.deepEqual(s.diagnostics, { claimSeverity: 'error', hazardSeverity: 'information' });
  assert.equal(s.hover.enabled, false);
  assert.equal(s.codeLens.enabled, true);
});

test('only what changes the analysis needs a new session', () => {
  const a = normalizeSettings({ exclude: ['gen/**'], maxFileSize: 2048 });
  assert.deepEqual(sessionOptions(a), { ignore: ['gen/**'], include: [], includeTests: false, maxFileSize: 2048 });
  assert.ok(sameSession(a, { ...a, hover: { enabled: false }, diagnostics: { claimSeverity: 'off', hazardSeverity: 'off' }, layout: 'elk' }));
  assert.ok(!sameSession(a, { ...a, includeTests: true }));
  assert.ok(!sameSession(a, { ...a, exclude: [] }));
  assert.ok(!sameSession(a, { ...a, experimentalHazards: true }));
});

test('experimental hazards (volumes, config, JWT notes) are off unless the setting is exactly true, and reach the analysis', () => {
  assert.equal(normalizeSettings({ experimentalHazards: 'yes' }).experimentalHazards, false);
  const on = normalizeSettings({ experimentalHazards: true });
  assert.deepEqual(sessionOptions(on), { ignore: [], include: [], includeTests: false, experimentalHazards: true });
});

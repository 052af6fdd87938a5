// The accuracy scorer matches each reported hazard to a labelled one by file and line. Labellers write
// paths from the repository's root or from the service's own root (`src/x.ts` of service `server`):
// both must name the same place, or a right report scores as unlabelled and its label as missed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
// @ts-expect-error: a plain ES module script without types
import { scoreHazards } from '../../../scripts/hazard-score.mjs';

const labels = {
  services: [{
    root: 'server',
    hazards: [{ kind: 'memory-rate-limit', evidence: 'src/api/middleware/rateLimiter.ts:13' }],
    not_state: [{ evidence: 'src/app.ts:40', why: 'a health probe counter' }],
  }],
};

test('a label written from the service root matches a report with the repository path', () => {
  const s = scoreHazards(labels, { hazards: [
    { kind: 'memory-rate-limit', file: 'server/src/api/middleware/rateLimiter.ts', line: 13, service: 'server', message: '' },
    { kind: 'module-mutable-state', file: 'server/src/app.ts', line: 40, service: 'server', message: '' },
    { kind: 'module-mutable-state', file: 'server/src/other.ts', line: 13, service: 'server', message: '' },
  ] });
  assert.deepEqual(s.reports.map((r: { verdict: string }) => r.verdict), ['real', 'look-alike', 'unlabelled']);
  assert.equal(s.found[0].found, true);
});

test('a report in another folder with the same tail is not the labelled place', () => {
  const s = scoreHazards(labels, { hazards: [{ kind: 'memory-rate-limit', file: 'client/src/api/middleware/rateLimiter.ts', line: 13, service: 'client', message: '' }] });
  assert.deepEqual(s.reports.map((r: { verdict: string }) => r.verdict), ['unlabelled']);
});

test('a hazard reported at several places matches a label at any of them, as one report', () => {
  const disk = { services: [{ root: '.', hazards: [{ kind: 'local-file-write', evidence: 'src/uploads.ts:20' }] }] };
  const s = scoreHazards(disk, { hazards: [
    { kind: 'local-file-write', file: 'src/export.ts', line: 5, service: '.', message: '', also: [{ file: 'src/uploads.ts', line: 20, column: 3 }] },
  ] });
  assert.deepEqual(s.reports.map((r: { verdict: string }) => r.verdict), ['real']);
  assert.equal(s.found[0].found, true);
});

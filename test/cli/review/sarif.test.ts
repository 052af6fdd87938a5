// check --format sarif as GitHub code scanning takes it, and the validator itself.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fixture, runCli, tempDir } from '../run-cli';
import { assertGitHubAccepts, assertSchemaValid } from './sarif-check';

describe('SARIF for code scanning', () => {
  test('the schema check refuses what the SARIF schema refuses (it can fail)', () => {
    assert.throws(() => assertSchemaValid({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'bogus' }] }] }), /SARIF schema errors/);
    assert.throws(() => assertSchemaValid({ version: '2.0.0', runs: [] }), /SARIF schema errors/);
  });

  test('check --format sarif: every rule documented, broken claim at the code with the claim related, fingerprints', (t) => {
    const tmp = tempDir();
    t.after(() => tmp.cleanup());
    const out = path.join(tmp.dir, 'state.sarif');
    assert.equal(runCli(['check', fixture('cart-three-places'), '--format', 'sarif', '--out', out]).code, 1);
    const log = assertGitHubAccepts(fs.readFileSync(out, 'utf8'));
    const claim = log.runs[0].results!.find((r) => r.ruleId === 'broken-claim')!;
    // test/fixtures is inside this repository: URIs are relative to its root
    assert.equal(claim.locations![0].physicalLocation!.artifactLocation!.uri, 'test/fixtures/cart-three-places/services/cart-api/src/carts.ts');
    assert.equal(claim.relatedLocations![0].physicalLocation!.artifactLocation!.uri, 'test/fixtures/cart-three-places/k8s/cart-api.yaml');
    const rule = log.runs[0].tool.driver.rules!.find((r) => r.id === 'module-mutable-state')!;
    assert.match(rule.help!.markdown!, /\*\*Risk\.\*\*.*\*\*Fix\.\*\*/s);
    assert.equal(rule.helpUri, 'https://github.com/state-map/state-map#rules');
  });
});

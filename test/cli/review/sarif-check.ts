// SARIF as code scanning takes it: valid against the OASIS SARIF 2.1.0 schema (the copy the
// @microsoft/jest-sarif package ships), and within GitHub's documented upload limits and requirements.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import type { Log } from 'sarif';

const requireHere = createRequire(__filename);

let validate: ReturnType<Ajv['compile']> | undefined;

export function assertSchemaValid(log: unknown): void {
  if (!validate) {
    const schema = JSON.parse(fs.readFileSync(requireHere.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // written for draft-04, whose only difference this schema uses is `id` for `$id` (Ajv 8 reads draft-07)
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
    validate = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
  }
  assert.ok(validate(log), `SARIF schema errors: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

/** https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning */
export function assertGitHubAccepts(text: string): Log {
  const log = JSON.parse(text) as Log;
  assertSchemaValid(log);
  assert.ok(Buffer.byteLength(text) < 10 * 1024 * 1024, 'under 10 MB');
  assert.ok(log.runs.length <= 20, 'at most 20 runs');
  for (const run of log.runs) {
    const rules = run.tool.driver.rules ?? [];
    assert.ok(run.tool.driver.name, 'tool.driver.name');
    assert.ok((run.results ?? []).length <= 25_000, 'at most 25,000 results a run');
    assert.ok(rules.length <= 25_000, 'at most 25,000 rules');
    for (const rule of rules) {
      assert.ok((rule.properties?.tags ?? []).length <= 20, `rule ${rule.id}: at most 20 tags`);
      assert.ok(rule.shortDescription?.text && rule.fullDescription?.text && rule.help?.text && rule.help?.markdown && rule.helpUri, `rule ${rule.id} has its descriptions, help and helpUri`);
      assert.ok(['very-high', 'high', 'medium', 'low'].includes(rule.properties?.precision as string), `rule ${rule.id}: precision`);
    }
    const base = run.originalUriBaseIds?.['%SRCROOT%']?.uri;
    if (base) assert.match(base, /^file:\/\/\/.*\/$/, '%SRCROOT% is an absolute file URI ending in a slash');
    for (const r of run.results ?? []) {
      assert.ok(r.ruleId && rules.some((x) => x.id === r.ruleId), `result's rule ${r.ruleId} is declared`);
      assert.equal(rules[r.ruleIndex!]?.id, r.ruleId, 'ruleIndex points at its rule');
      assert.ok(r.message.text, 'message.text');
      assert.ok(r.partialFingerprints && Object.keys(r.partialFingerprints).length > 0, 'partialFingerprints');
      assert.ok((r.locations ?? []).length >= 1 && (r.locations ?? []).length <= 1000, '1 to 1,000 locations');
      for (const l of [...(r.locations ?? []), ...(r.relatedLocations ?? [])]) {
        const a = l.physicalLocation!.artifactLocation!;
        assert.equal(a.uriBaseId, '%SRCROOT%');
        assert.doesNotMatch(a.uri!, /^[a-z][a-z0-9+.-]*:|^\//i, 'a relative URI');
        assert.ok(l.physicalLocation!.region!.startLine! >= 1, 'startLine from 1');
      }
    }
  }
  return log;
}

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { Problem } from '../../../src/core/model/types';
import { emptyManifests, isTemplate, mentionsManifestKey, readManifest, type Manifests } from '../../../src/core/discover/manifests';

function read(rel: string, text: string): { m: Manifests; problems: string[] } {
  const m = emptyManifests();
  const problems: Problem[] = [];
  readManifest(rel, text, m, problems);
  for (const p of problems) assert.equal(p.file, rel);
  return { m, problems: problems.map((p) => p.message) };
}

/** The longest string any regex ran over while `fn` ran: a whole-text regex shows up as the text's length. */
function longestRegexInput(fn: () => void): number {
  const exec = RegExp.prototype.exec;
  let longest = 0;
  // test, match, replace and split all go through exec once it is replaced
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    longest = Math.max(longest, String(s).length);
    return exec.call(this, s);
  };
  try {
    fn();
  } finally {
    RegExp.prototype.exec = exec;
  }
  return longest;
}

const deployment = (name: string, replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n`;

describe('manifest pre-scans', () => {
  // the regexes the pre-scans replaced: the scans must say the same on any text
  const keyRegex = /^\s*(kind|services|functions|Resources|apiVersion)\s*:/m;
  const templateRegex = /\{\{[\s\S]*?\}\}/;
  const pieces = ['kind', 'services', 'apiVersion', 'Resources', ':', ' ', '\t', '\n', '\r', '\u2028', '\u00a0', '{{', '}}', '{', '}', 'x', '-', '#'];
  const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join(''));

  test('the key scan agrees with /^\\s*(kind|…)\\s*:/m on any text', () => {
    fc.assert(fc.property(texts, (t) => mentionsManifestKey(t) === keyRegex.test(t)), { numRuns: 2000 });
  });

  test('the template scan agrees with /\\{\\{[\\s\\S]*?\\}\\}/ on any text', () => {
    fc.assert(fc.property(texts, (t) => isTemplate(t) === templateRegex.test(t)), { numRuns: 2000 });
  });

  test('no regex runs over the whole text of 100,000 blank lines; the Deployment after them is read', () => {
    const text = '\n'.repeat(100_000) + deployment('api', 3);
    let got!: ReturnType<typeof read>;
    const longest = longestRegexInput(() => { got = read('k8s/api.yaml', text); });
    assert.ok(longest < 1000, `a regex ran over ${longest} characters`);
    assert.deepEqual(got.m.workloads.map((w) => `${w.kind} ${w.name} ${w.replicas} line ${w.line}`), ['Deployment api 3 line 100006']);
  });

  test('no regex runs over the whole text of 20,000 unclosed {{; it is reported as invalid YAML', () => {
    const text = 'kind: Deployment\n' + '{{\n'.repeat(20_000);
    let got!: ReturnType<typeof read>;
    const longest = longestRegexInput(() => { got = read('k8s/api.yaml', text); });
    assert.ok(longest < 1000, `a regex ran over ${longest} characters`);
    assert.equal(got.problems.length, 1);
    assert.match(got.problems[0], /^invalid YAML at line 2: /);
  });

  test('a Helm template, closed anywhere after its first {{, is still skipped', () => {
    assert.deepEqual(read('chart/templates/api.yaml', `${deployment('api', 3)}  template: {{\n${'\n'.repeat(1000)}}}\n`), { m: emptyManifests(), problems: [] });
  });
});

describe('hostile YAML becomes one problem, and the rest is read', () => {
  test('50 ordinary <<: *defaults merges in a compose file are read, not refused', () => {
    const services = Array.from({ length: 50 }, (_, i) => `  s${i}:\n    <<: *defaults\n    image: org/s${i}:1\n`).join('');
    const { m, problems } = read('docker-compose.yml', `x-defaults: &defaults\n  restart: always\nservices:\n${services}`);
    assert.deepEqual(problems, []);
    assert.equal(m.compose.length, 50);
    assert.deepEqual([m.compose[0].name, m.compose[0].image, m.compose[0].line], ['s0', 's0', 4]);
    assert.deepEqual([m.compose[49].name, m.compose[49].line], ['s49', 4 + 49 * 3]);
  });

  test('an alias bomb is refused in its document; the next document is still read', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`l${i}: &l${i} [${Array(10).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`);
    const bomb = `kind: ConfigMap\n${levels.join('\n')}\n`;
    const { m, problems } = read('k8s/all.yaml', `${bomb}---\n${deployment('api', 3)}`);
    assert.deepEqual(problems, ['not read: the aliases of the document at line 1 expand to over 100,000 nodes (an alias bomb)']);
    assert.deepEqual(m.workloads.map((w) => w.name), ['api']);
  });

  test('a recursive alias is a reference, not an expansion: the manifest is read', () => {
    const { m, problems } = read('k8s/api.yaml', `${deployment('api', 3)}x: &self\n  again: *self\n`);
    assert.deepEqual(problems, []);
    assert.equal(m.workloads.length, 1);
  });

  test('more than 10,000 anchors and aliases are refused (the yaml library resolves each alias by a scan)', () => {
    const { m, problems } = read('k8s/api.yaml', `${deployment('api', 3)}x: &v 1\nrefs:\n${'  - *v\n'.repeat(10_001)}`);
    assert.deepEqual(problems, ['not read: the document at line 1 has 10,002 anchors and aliases (at most 10,000)']);
    assert.deepEqual(m.workloads, []);
  });

  test('a duplicate key is reported at its line, and the last value is used', () => {
    const { m, problems } = read('k8s/api.yaml', `${deployment('api', 3)}  replicas: 4\n`);
    assert.deepEqual(problems, ['duplicate key at line 7: the last value is used']);
    assert.deepEqual(m.workloads.map((w) => w.replicas), [4]);
  });

  test('a list of Kubernetes objects and a compose file that is a scalar are reported, not silently dropped', () => {
    assert.deepEqual(read('k8s/api.yaml', `- ${deployment('api', 3).replace(/\n(?=.)/g, '\n  ')}`).problems, ['not read: the document at line 1 is a list, not a map of keys']);
    assert.deepEqual(read('docker-compose.yml', '--- |\n  services:\n    api: {}\n').problems, ['not read: the document at line 1 is a scalar, not a map of keys']);
    // an Ansible playbook is a list too, but not a manifest: no noise
    assert.deepEqual(read('playbook.yml', '- hosts: all\n  services:\n    - nginx\n').problems, []);
  });

  test('tabs as indentation, syntax errors and deep nesting are one "invalid YAML" problem each, without a stack', () => {
    for (const text of ['kind: Deployment\nspec:\n\treplicas: 3\n', 'kind: Deployment\nspec: {replicas: 3\n', `kind: Deployment\nspec: ${'['.repeat(5000)}${']'.repeat(5000)}\n`]) {
      const { problems } = read('k8s/api.yaml', text);
      assert.equal(problems.length, 1, text.slice(0, 40));
      assert.match(problems[0], /^invalid YAML at line \d+: \S/);
      assert.doesNotMatch(problems[0], /\n|\s+at \S+ \(/);
    }
  });

  test('undecodable bytes (read as U+FFFD) are reported, and the manifest is still read', () => {
    const { m, problems } = read('k8s/api.yaml', `${deployment('api', 3)}  # caf\uFFFD\n`);
    assert.deepEqual(problems, ['not valid UTF-8: undecodable bytes were read as U+FFFD']);
    assert.equal(m.workloads.length, 1);
  });

  test('a long library message is cut to one short line', () => {
    const { problems } = read('k8s/api.yaml', `kind: Deployment\nspec: *${'n'.repeat(5000)}\n`);
    assert.equal(problems.length, 1);
    assert.ok(problems[0].length < 300, problems[0].slice(0, 80));
  });
});

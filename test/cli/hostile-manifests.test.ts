import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeJson, service, tempDir } from './run-cli';

/**
 * A service that keeps state in Redis and claims to be stateless through a good Deployment, next to
 * one hostile YAML file generated here: the CLI must exit 0, name the hostile file in problems, and
 * keep the Redis store and the Deployment's claim.
 */
function analyzeWith(rel: string, content: string | Buffer) {
  const { dir, cleanup } = tempDir();
  try {
    const files: Record<string, string | Buffer> = {
      'package.json': JSON.stringify({ name: 'api', version: '1.0.0', dependencies: { ioredis: '^5.0.0' } }),
      'src/index.ts': "import Redis from 'ioredis';\nconst redis = new Redis();\nexport const seen = (id: string) => redis.get(id);\n",
      'k8s/api.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n',
      [rel]: content,
    };
    for (const [f, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), text);
    }
    const map = analyzeJson(dir); // exit 0 and an empty stderr, or it throws
    assert.ok(map.stores.some((s) => s.kind === 'redis'), 'the Redis store is still found');
    assert.ok(service(map, '.').claim.sources.some((c) => `${c.file}:${c.line} ${c.kind}` === 'k8s/api.yaml:6 kubernetes'), 'the Deployment still claims the service');
    const problems = map.problems.filter((p) => p.file === rel).map((p) => p.message);
    for (const p of problems) assert.doesNotMatch(p, /\n|\s+at \S+ \(|hunter2/, 'one line, no stack, no secret');
    return { map, problems };
  } finally {
    cleanup();
  }
}

const billionLaughs = (): string => {
  const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++) levels.push(`b${i}: &b${i} [${Array(9).fill(i === 1 ? '*a' : `*b${i - 1}`).join(', ')}]`);
  return `services:\n  web:\n    image: web\n${levels.join('\n')}\n`;
};

describe('hostile manifests: exit 0, one problem for the file, the rest of the map kept', () => {
  test('a compose file with 60 ordinary <<: *defaults merges is read (it used to stop the analysis, exit 3)', () => {
    const services = Array.from({ length: 59 }, (_, i) => `  worker${i}:\n    <<: *defaults\n`).join('');
    const { map, problems } = analyzeWith('docker-compose.yml', `x-defaults: &defaults\n  restart: always\nservices:\n  api:\n    <<: *defaults\n    build: .\n    deploy:\n      replicas: 2\n${services}`);
    assert.deepEqual(problems, []);
    assert.ok(service(map, '.').claim.sources.some((c) => `${c.file}:${c.line} ${c.kind}` === 'docker-compose.yml:8 compose'));
  });

  test('an alias bomb (billion laughs) in a compose file is refused', () => {
    assert.deepEqual(analyzeWith('docker-compose.yml', billionLaughs()).problems, ['not read: the aliases of the document at line 1 expand to over 100,000 nodes (an alias bomb)']);
  });

  test('a syntax error', () => {
    assert.deepEqual(analyzeWith('k8s/worker.yaml', 'kind: Deployment\nmetadata: {name: worker\n').problems.length, 1);
  });

  test('a duplicate key', () => {
    assert.deepEqual(analyzeWith('k8s/worker.yaml', 'kind: Deployment\nmetadata:\n  name: worker\n  name: worker2\n').problems, ['duplicate key at line 4: the last value is used']);
  });

  test('a manifest that is a list of Kubernetes objects, and one that is a scalar', () => {
    assert.deepEqual(analyzeWith('k8s/list.yaml', '- apiVersion: v1\n  kind: Secret\n  stringData:\n    password: hunter2\n').problems, ['not read: the document at line 1 is a list, not a map of keys']);
    assert.deepEqual(analyzeWith('docker-compose.yml', '--- |\n  services: a block of text\n').problems, ['not read: the document at line 1 is a scalar, not a map of keys']);
  });

  test('tabs as indentation', () => {
    const { problems } = analyzeWith('k8s/worker.yaml', 'kind: Deployment\nspec:\n\treplicas: 3\n');
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^invalid YAML at line 3: /);
  });

  test('bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('kind: Secret\nstringData:\n  password: hunter2'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from('\n')]);
    assert.deepEqual(analyzeWith('k8s/secret.yaml', bytes).problems, ['not valid UTF-8: undecodable bytes were read as U+FFFD']);
  });

  test('100,000 blank lines before a manifest key, and 20,000 unclosed {{', () => {
    assert.deepEqual(analyzeWith('k8s/blank.yaml', `${'\n'.repeat(100_000)}kind: ConfigMap\n`).problems, []);
    const { problems } = analyzeWith('k8s/braces.yaml', `kind: ConfigMap\n${'{{\n'.repeat(20_000)}`);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^invalid YAML at line 2: /);
  });
});

// A volume only an init container mounts (a migration's scratch space) is not where the service's code
// keeps anything: only the mounts of the containers that run are the service's volumes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles as analyzeWith } from '../../helpers/workspace';

/** Volumes are drawn only with experimental hazards (not yet precise enough on real repositories to be on by default). */
const analyzeFiles = (files: Record<string, string>) => analyzeWith(files, { experimentalHazards: true });

const deployment = (mainMounts: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  template:
    spec:
      initContainers:
        - name: migrate-database
          image: api
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      containers:
        - name: api
          image: api
${mainMounts}      volumes:
        - name: tmp
          emptyDir: {}
`;

const run = (mainMounts: string) => analyzeFiles({
  'package.json': JSON.stringify({ name: 'api', scripts: { start: 'node dist/main.js' }, dependencies: { express: '4' } }),
  'src/main.ts': "import express from 'express';\nconst app = express();\napp.listen(3000);\n",
  'k8s/deployment.yaml': deployment(mainMounts),
});

describe('init containers', () => {
  test('valid: a volume only the init container mounts is not the service\'s', () => {
    assert.deepEqual(run('').edges.filter((e) => e.store.startsWith('volume')).map((e) => e.store), []);
  });

  test('invalid: the same volume mounted by the container that runs is', () => {
    const map = run('          volumeMounts:\n            - name: tmp\n              mountPath: /scratch\n');
    assert.deepEqual(map.edges.filter((e) => e.store.startsWith('volume')).map((e) => `${e.service} ${e.store}`), ['. volume:api/tmp']);
  });
});

// Helm charts read without rendering: a chart's templates with the simple `.Values` references substituted
// from its values.yaml feed the same volumes, claims and hazards as plain Kubernetes manifests do.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { StateMap } from '../../src/core/model/types';
import { analyzeJson, copyFixture, edges, fixture, hazards, locations, runCli, verdictLine } from './run-cli';

const X = ['--experimental-hazards'];
const name = 'helm-uploads-rwo';
const CHART = 'charts/media-api';
const store = (map: StateMap, id: string) => map.stores.find((s) => s.id === id);
/** A hazard's message with its manifest's name taken out: the chart and the plain manifest say the same. */
const said = (map: StateMap) => map.hazards.map((h) => `${h.kind}: ${h.message}`);

describe('helm-uploads-rwo: a chart whose replicaCount and accessModes come from values.yaml', () => {
  const map = analyzeJson(fixture(name), X);

  test('the templates give the claim, its access modes and the ConfigMap, located in the templates', () => {
    assert.deepEqual(edges(map), ['. -> config read', '. -> volume readwrite']);
    assert.deepEqual(locations(map, '.', 'volume'), [
      `${CHART}/templates/deployment.yaml:34 readwrite mount /data/uploads`, 'src/uploads.ts:9 write promises.writeFile', 'src/uploads.ts:14 read promises.readFile',
    ]);
    assert.deepEqual(store(map, 'volume:media-uploads'), {
      id: 'volume:media-uploads', kind: 'volume', label: 'PVC media-uploads · ReadWriteOnce',
      volume: { source: 'persistentVolumeClaim', persistence: 'persistent', sharing: 'one-node', accessModes: ['ReadWriteOnce'], storageClass: 'gp3' },
      declared: { file: `${CHART}/templates/pvc.yaml`, line: 3 },
    });
    assert.deepEqual(store(map, 'config:media-api-config')?.declared, { file: `${CHART}/templates/configmap.yaml`, line: 2 });
    assert.equal(verdictLine(map, '.'), `stateless=true ${CHART}/templates/deployment.yaml:8 kubernetes · in-process-state · honest=false`);
  });

  test('3 replicas on the ReadWriteOnce claim: the same hazards as the plain manifest gives', () => {
    assert.deepEqual(hazards(map), [`rwo-volume-replicas ${CHART}/templates/deployment.yaml:34`, 'local-file-write src/uploads.ts:9']);
    assert.deepEqual(said(map), said(analyzeJson(fixture('k8s-uploads-rwo'), X)));
  });

  test('what values.yaml does not give is one problem per template, saying what was left out', () => {
    assert.deepEqual(map.problems, [{
      file: `${CHART}/templates/deployment.yaml`,
      message: 'Helm template read without rendering: left out what values.yaml does not give (line 6: `{{- include "media-api.labels" . | nindent 4 }}`; line 27: `{{ .Release.Name }}`)',
    }]);
  });

  test('Markdown lists the chart\'s claim with its mount', () => {
    const r = runCli(['analyze', fixture(name), '--format', 'markdown', ...X]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\| PVC media-uploads · ReadWriteOnce \| read\/write \| `charts\/media-api\/templates\/deployment.yaml:34` mount \/data\/uploads<br>`src\/uploads.ts:9` promises.writeFile/);
  });
});

describe('helm charts: values decide the branches, and what is unknown never crashes', () => {
  test('persistence.enabled: false takes the emptyDir branch and declares no claim', () => {
    const copy = copyFixture(name);
    try {
      const values = path.join(copy.dir, CHART, 'values.yaml');
      fs.writeFileSync(values, fs.readFileSync(values, 'utf8').replace('enabled: true', 'enabled: false'));
      const map = analyzeJson(copy.dir, X);
      assert.deepEqual(map.stores.filter((s) => s.kind === 'volume').map((s) => s.label), ['emptyDir uploads · media-api']);
      assert.deepEqual(hazards(map), ['local-file-write src/uploads.ts:9']);
      assert.match(map.hazards[0].message, /the emptyDir `uploads` of Deployment media-api: lost on restart/);
    } finally {
      copy.cleanup();
    }
  });

  test('without values.yaml, replicas and access modes are unknown: no claim modes, no replicas hazard, a problem per template', () => {
    const copy = copyFixture(name);
    try {
      fs.rmSync(path.join(copy.dir, CHART, 'values.yaml'));
      const map = analyzeJson(copy.dir, X);
      assert.deepEqual(hazards(map), ['local-file-write src/uploads.ts:9']);
      assert.deepEqual(map.problems.map((p) => p.file), [`${CHART}/templates/configmap.yaml`, `${CHART}/templates/deployment.yaml`, `${CHART}/templates/pvc.yaml`]);
      assert.match(map.problems[1].message, /line 8: `\{\{ \.Values\.replicaCount \}\}`/);
    } finally {
      copy.cleanup();
    }
  });
});

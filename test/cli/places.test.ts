// Where else state hides: volumes, ConfigMaps and Secrets from Kubernetes and compose manifests, and
// file writes attributed to the volume their path lies on. One fixture workspace per scenario, run
// through the built CLI: `state-map analyze <fixture> --format json` (and Markdown where people read it).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { StateMap } from '../../src/core/model/types';
import { analyzeJson, copyFixture, edges, fixture, hazards, locations, runCli, tempDir, verdictLine } from './run-cli';

const X = ['--experimental-hazards'];
const cache = new Map<string, StateMap>();
/** The map of a fixture, by default with --experimental-hazards: volumes, ConfigMaps and Secrets are drawn only then. */
function mapOf(name: string, extra: string[] = X): StateMap {
  const key = `${name}\0${extra.join(' ')}`;
  if (!cache.has(key)) cache.set(key, analyzeJson(fixture(name), extra));
  return cache.get(key)!;
}
const store = (map: StateMap, id: string) => map.stores.find((s) => s.id === id);

describe('k8s-uploads-rwo: 3 replicas write uploads to a ReadWriteOnce claim', () => {
  const name = 'k8s-uploads-rwo';

  test('the claim, the ConfigMap and the Secret are stores of the service, located in the manifest', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> config read', '. -> secret read', '. -> volume readwrite']);
    assert.deepEqual(locations(map, '.', 'volume'), [
      'k8s/media-api.yaml:32 readwrite mount /data/uploads', 'src/uploads.ts:9 write promises.writeFile', 'src/uploads.ts:14 read promises.readFile',
    ]);
    assert.deepEqual(locations(map, '.', 'secret'), ['k8s/media-api.yaml:25 read env CDN_TOKEN']);
    assert.deepEqual(locations(map, '.', 'config'), ['k8s/media-api.yaml:29 read envFrom']);
    assert.deepEqual(store(map, 'volume:media-uploads'), {
      id: 'volume:media-uploads', kind: 'volume', label: 'PVC media-uploads · ReadWriteOnce',
      volume: { source: 'persistentVolumeClaim', persistence: 'persistent', sharing: 'one-node', accessModes: ['ReadWriteOnce'], storageClass: 'gp3' },
      declared: { file: 'k8s/media-api.yaml', line: 40 },
    });
    assert.deepEqual(store(map, 'config:media-api-config')?.declared, { file: 'k8s/media-api.yaml', line: 52 });
  });

  test('the write (its path from UPLOAD_DIR, set in the Deployment) is a hazard: not shared between replicas', () => {
    const map = mapOf(name, []);
    assert.deepEqual(hazards(map), ['local-file-write src/uploads.ts:9']);
    assert.match(map.hazards[0].message, /under `\/data\/uploads`, the persistentVolumeClaim `media-uploads` of Deployment media-api: it survives a restart, but it is ReadWriteOnce, .*\(per replica\)/);
    assert.equal(verdictLine(map, '.'), 'stateless=true k8s/media-api.yaml:8 kubernetes · in-process-state · honest=false');
  });

  test('with --experimental-hazards, the replicas on a ReadWriteOnce claim are a hazard of their own, at the mount', () => {
    const map = mapOf(name, X);
    assert.deepEqual(hazards(map), ['rwo-volume-replicas k8s/media-api.yaml:32', 'local-file-write src/uploads.ts:9']);
    assert.match(map.hazards[0].message, /Deployment media-api runs 3 replicas on the claim `media-uploads`, which is ReadWriteOnce/);
  });

  test('the config file key turns it on too; without either it is off', () => {
    const copy = copyFixture(name);
    try {
      fs.writeFileSync(path.join(copy.dir, 'statemap.config.json'), JSON.stringify({ experimentalHazards: true }));
      assert.deepEqual(hazards(analyzeJson(copy.dir)), ['rwo-volume-replicas k8s/media-api.yaml:32', 'local-file-write src/uploads.ts:9']);
    } finally {
      copy.cleanup();
    }
    assert.ok(!hazards(mapOf(name, [])).some((h) => h.startsWith('rwo-volume-replicas')));
  });

  test('by default the claim, the ConfigMap and the Secret are not drawn, the hazard stays, and the output says what is not shown', () => {
    const map = mapOf(name, []);
    assert.deepEqual(edges(map), ['. -> filesystem readwrite']);
    assert.deepEqual(map.stores.filter((s) => ['volume', 'config', 'secret'].includes(s.kind)), []);
    assert.deepEqual(hazards(map), ['local-file-write src/uploads.ts:9']);
    assert.deepEqual(map.notShown, { volumes: 1, config: 2 });
    assert.deepEqual(map.problems, []);
    assert.equal(mapOf(name).notShown, undefined);
    assert.match(runCli(['analyze', fixture(name), '--format', 'markdown']).stdout,
      /\n_1 volume and 2 ConfigMaps or Secrets found are not shown: not yet precise enough on real repositories; --experimental-hazards \(or the experimentalHazards setting\) shows them\._\n/);
  });

  test('Markdown lists the volume with its mount and the hazard; ConfigMap and Secret only with --show-env', () => {
    const r = runCli(['analyze', fixture(name), '--format', 'markdown', ...X]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\| PVC media-uploads · ReadWriteOnce \| read\/write \| `k8s\/media-api.yaml:32` mount \/data\/uploads<br>`src\/uploads.ts:9` promises.writeFile/);
    assert.match(r.stdout, /subgraph grp\d+\["Volumes"\]/);
    assert.doesNotMatch(r.stdout, /Secret media-api-secrets/);
    const env = runCli(['analyze', fixture(name), '--format', 'markdown', '--show-env', ...X]);
    assert.match(env.stdout, /\| Secret media-api-secrets \| read \| `k8s\/media-api.yaml:25` env CDN\\_TOKEN \|/);
  });
});

describe('k8s-uploads-rwx: the same on a ReadWriteMany claim', () => {
  const name = 'k8s-uploads-rwx';

  test('the write is state in the shared volume: no hazard, and the stateless claim holds', () => {
    const map = mapOf(name, X);
    assert.deepEqual(hazards(map), []);
    assert.equal(store(map, 'volume:media-uploads')?.volume?.sharing, 'shared');
    assert.deepEqual(locations(map, '.', 'volume'), [
      'k8s/media-api.yaml:32 readwrite mount /data/uploads', 'src/uploads.ts:9 write promises.writeFile', 'src/uploads.ts:14 read promises.readFile',
    ]);
    assert.ok(!map.edges.some((e) => e.store === 'filesystem'), 'no write is left on the local filesystem');
    assert.equal(verdictLine(map, '.'), 'stateless=true k8s/media-api.yaml:8 kubernetes · state-elsewhere · honest=true');
  });
});

describe('k8s-emptydir: thumbnails cached in an emptyDir', () => {
  const name = 'k8s-emptydir';

  test('the emptyDir is a volume of the Deployment, and the write to it is lost on restart', () => {
    const map = mapOf(name, X);
    assert.deepEqual(store(map, 'volume:thumbnailer/thumb-cache')?.volume, { source: 'emptyDir', persistence: 'ephemeral', sharing: 'per-replica' });
    assert.deepEqual(hazards(map), ['local-file-write src/thumbs.ts:12']);
    assert.equal(map.hazards[0].message, 'Writes under `/var/cache/thumbs`, the emptyDir `thumb-cache` of Deployment thumbnailer: lost on restart, and each replica has its own.');
    assert.equal(verdictLine(map, '.'), 'stateless=true deploy/thumbnailer.yaml:6 kubernetes · in-process-state · honest=false');
  });
});

describe('compose-bind-mount: a nightly report written to a bind-mounted folder', () => {
  const name = 'compose-bind-mount';

  test('the bind mount, the env_file and the secret are the compose service\'s stores', () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> config read', '. -> postgres read', '. -> secret read', '. -> volume readwrite']);
    assert.deepEqual(locations(map, '.', 'volume'), ['docker-compose.yml:9 readwrite mount /app/reports', 'src/worker.ts:16 write writeFile']);
    assert.deepEqual(store(map, 'volume:reports')?.label, 'bind mount ./reports');
    assert.deepEqual(locations(map, '.', 'config'), ['docker-compose.yml:7 read env_file']);
    assert.deepEqual(locations(map, '.', 'secret'), ['docker-compose.yml:11 read secret smtp_password']);
  });

  test('the write lands on the host folder (REPORTS_DIR from the compose environment): no local-file-write hazard', () => {
    const map = mapOf(name);
    assert.deepEqual(hazards(map), ['per-replica-timer src/worker.ts:19']);
    // the database's named volume belongs to an image no service of the workspace builds
    assert.equal(store(map, 'volume:pgdata'), undefined);
  });
});

describe("dockerfile-volume-uploads: uploads written under the Dockerfile's VOLUME, no manifest", () => {
  const name = 'dockerfile-volume-uploads';

  test("the final stage's VOLUME is a volume of the service, and the writes under it (UPLOAD_DIR from the Dockerfile's ENV) are on it", () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> volume readwrite']);
    assert.deepEqual(store(map, 'volume:.:/data'), {
      id: 'volume:.:/data', kind: 'volume', label: 'VOLUME /data · Dockerfile',
      volume: { source: 'Dockerfile VOLUME', persistence: 'ephemeral', sharing: 'per-replica' }, declared: { file: 'Dockerfile', line: 13 },
    });
    assert.deepEqual(locations(map, '.', 'volume'), ['Dockerfile:13 readwrite VOLUME /data', 'src/server.js:11 write writeFileSync', 'src/server.js:12 write writeFileSync']);
    assert.equal(store(map, 'volume:.:/cache'), undefined, 'a VOLUME of a build stage is not in the image that runs');
  });

  test('the hazard stays, and says what becomes of the files: each container has its own, gone when it is replaced', () => {
    const map = mapOf(name);
    assert.deepEqual(hazards(map), ['local-file-write src/server.js:11']);
    assert.match(map.hazards[0].message, /^Writes under `\/data`, the Dockerfile VOLUME `\/data` of Dockerfile, an anonymous volume of each container .*lost when the container is replaced, and each replica has its own/);
    assert.equal(verdictLine(map, '.'), 'stateless=null · in-process-state · honest=null');
  });

  test('a compose volume mounted at the same path is what the container gets: shared and persistent, no hazard', () => {
    const copy = copyFixture(name);
    try {
      fs.writeFileSync(path.join(copy.dir, 'docker-compose.yml'), ['services:', '  files:', '    build: .', '    volumes:', '      - uploads:/data', 'volumes:', '  uploads: {}', ''].join('\n'));
      const map = analyzeJson(copy.dir, X);
      assert.deepEqual(map.stores.filter((s) => s.kind === 'volume').map((s) => s.id), ['volume:uploads']);
      assert.deepEqual(locations(map, '.', 'volume'), ['docker-compose.yml:5 readwrite mount /data', 'src/server.js:11 write writeFileSync', 'src/server.js:12 write writeFileSync']);
      assert.deepEqual(hazards(map), []);
    } finally {
      copy.cleanup();
    }
  });
});

describe('fly-volume-notes: notes written to a Fly volume (fly.toml `[[mounts]]`)', () => {
  const name = 'fly-volume-notes';

  test("the Fly volume is a volume of the service, persistent and one per Machine, and the writes under it (NOTES_DIR from fly.toml's [env]) are on it", () => {
    const map = mapOf(name);
    assert.deepEqual(edges(map), ['. -> volume readwrite']);
    assert.deepEqual(store(map, 'volume:fly:notes-on-fly:notes_data'), {
      id: 'volume:fly:notes-on-fly:notes_data', kind: 'volume', label: 'Fly volume notes_data · one per Machine',
      volume: { source: 'Fly volume', persistence: 'persistent', sharing: 'per-replica' }, declared: { file: 'fly.toml', line: 13 },
    });
    assert.deepEqual(locations(map, '.', 'volume'), ['fly.toml:13 readwrite mount /data', 'src/server.js:11 write writeFileSync']);
  });

  test('the hazard stays, and says the files survive deploys but each Machine has its own', () => {
    const map = mapOf(name);
    assert.deepEqual(hazards(map), ['local-file-write src/server.js:11']);
    assert.match(map.hazards[0].message, /^Writes under `\/data`, the Fly volume `notes_data` of Fly app notes-on-fly: it survives restarts and deploys, .*each Machine of the app has its own/);
  });

  test('a fly.toml that is not TOML is a problem that names it; the rest of the map is kept', () => {
    const copy = copyFixture(name);
    try {
      fs.writeFileSync(path.join(copy.dir, 'fly.toml'), 'app = "notes-on-fly"\n[[mounts]\n  source = "notes_data"\n');
      const map = analyzeJson(copy.dir);
      assert.ok(map.problems.some((p) => p.file === 'fly.toml' && /^invalid Fly configuration: /.test(p.message)), JSON.stringify(map.problems));
      assert.deepEqual(edges(map), ['. -> filesystem write']);
      assert.deepEqual(hazards(map), ['local-file-write src/server.js:11']);
    } finally {
      copy.cleanup();
    }
  });
});

describe('odd manifests: volumes, env and compose entries of the wrong shape are skipped, never a crash', () => {
  test('a pod spec and a compose file full of wrong types give the map, and broken YAML is a problem', () => {
    const dir = tempDir();
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir.dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir.dir, rel), text);
      };
      write('package.json', JSON.stringify({ name: 'odd', scripts: { start: 'node server.js' }, dependencies: { express: '4' } }));
      write('server.js', "const fs = require('fs');\nrequire('express')().post('/', () => fs.writeFileSync('/data/x', '1')).listen(3000);\n");
      write('k8s/a.yaml', [
        'kind: Deployment', 'metadata: { name: odd }', 'spec:', '  replicas: 2', '  template:', '    spec:',
        '      volumes: 7', '      containers:', '        - name: odd', '          env: { a: 1 }', '          envFrom: [1, null, { configMapRef: 3 }]',
        '          volumeMounts: [{ name: 5, mountPath: [] }, null, "x"]', '---', 'kind: PersistentVolumeClaim', 'metadata: 3', '---',
        'kind: CronJob', 'metadata: { name: odd }', 'spec: { jobTemplate: 4 }', '---', 'kind: Secret', 'metadata: { name: [1] }',
      ].join('\n'));
      write('docker-compose.yml', 'services:\n  odd:\n    build: .\n    volumes: { a: 1 }\n    env_file: [3, { path: 4 }]\n    secrets: 5\n    environment: [1, "A"]\n');
      write('k8s/broken.yaml', 'kind: Deployment\nspec:\n  template: [\n');
      const map = analyzeJson(dir.dir);
      assert.deepEqual(map.services.map((s) => s.id), ['.']);
      assert.deepEqual(hazards(map), ['local-file-write server.js:2']);
      assert.deepEqual(map.problems.map((p) => p.file), ['k8s/broken.yaml']);
      assert.match(map.problems[0].message, /invalid YAML/);
    } finally {
      dir.cleanup();
    }
  });
});

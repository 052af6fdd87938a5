// Mounts that are not storage of the service: a device (a serial stick by hostPath), the Docker socket, a volume over
// the image's installed packages (`node_modules`, VRMS, set 26), and what a
// test container (`sut` in docker-compose.test-integration.yml) mounts. Only the claim and the named volume are volumes of it.
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('devices, sockets and test containers are not volumes', () => {
  const map = analyzeJson(fixture('places-devices-tests'), ['--experimental-hazards']);
  const volumes = map.edges.filter((e) => e.store.startsWith('volume:')).map((e) => e.store).sort();
  const mounts = map.edges.filter((e) => e.store.startsWith('volume:')).flatMap((e) => e.locations.filter((l) => l.operation.startsWith('mount')).map((l) => `${l.file}:${l.line}`)).sort();

  test('the claim and the named volume are the service\'s volumes', () => {
    assert.deepEqual(volumes, ['volume:hub-readings', 'volume:readings']);
  });

  test('no mount of the stick, the socket, the packages or the test run is charged to it', () => {
    assert.deepEqual(mounts, ['docker-compose.yml:7', 'k8s/hub.yaml:24']);
  });
});

// A database package that exports one object made of its modules spread together (`export default { health,
// ...vehicles, ...trips }` with `import * as vehicles from './vehicles'`), called as `db.writeVehicle(…)` from a
// server in another package: the member is the spread module's function, so the server's call is a PostgreSQL
// write at its own line (openmobilityfoundation/mds-core, truth set 27: nine services lost their database).
// Fixture workspace through the built CLI.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeJson, fixture } from './run-cli';

describe('members of modules spread into an exported object', () => {
  const map = analyzeJson(fixture('spread-module-exports'));
  const at = (service: string, store: string) =>
    (map.edges.find((e) => e.service === service && e.store === store)?.locations ?? [])
      .filter((l) => l.file.startsWith(service))
      .map((l) => `${l.file}:${l.line} ${l.access}`);

  test('the API\'s calls of the spread functions are its PostgreSQL write and read, at its own lines', () => {
    assert.deepEqual(at('packages/api', 'postgres').sort(), ['packages/api/server.ts:13 read', 'packages/api/server.ts:8 write']);
  });

  test('the database package keeps its own queries', () => {
    assert.equal(map.edges.find((e) => e.service === 'packages/db' && e.store === 'postgres')?.access, 'readwrite');
  });
});

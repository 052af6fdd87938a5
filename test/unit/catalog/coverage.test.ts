// Every catalog entry has its own test: its id must be named, quoted, in some test/unit/catalog/*.test.ts
// (by convention the name of a describe block).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { CATALOG } from '../../../src/catalog';

test('every catalog entry id is mentioned in a test/unit/catalog/*.test.ts file', () => {
  const dir = __dirname;
  const text = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts') && f !== path.basename(__filename))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const quoted = (id: string) => [`'${id}'`, `"${id}"`, `\`${id}\``].some((q) => text.includes(q));
  const missing = CATALOG.map((m) => m.id).filter((id) => !quoted(id));
  assert.deepEqual(missing, [], `catalog entries without a test: ${missing.join(', ')}`);
});

test('catalog entry ids are unique', () => {
  const ids = CATALOG.map((m) => m.id);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
});

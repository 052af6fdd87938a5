import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { readmeWithTable } from '../../scripts/catalog-table';

test('README.md lists every catalog library under its store kind (npm run docs:catalog)', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  assert.equal(readme, readmeWithTable(readme), 'README.md is out of date: run npm run docs:catalog');
});

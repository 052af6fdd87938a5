import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readNestCli } from '../../../../src/core/discover/nestCli';
import type { Problem } from '../../../../src/core/model/types';

test('nest-cli.json: applications with their entry (main by default), libraries, and nothing outside the workspace', () => {
  const problems: Problem[] = [];
  const text = JSON.stringify({
    monorepo: true,
    projects: {
      api: { type: 'application', root: 'apps/api', sourceRoot: 'apps/api/src', compilerOptions: {} },
      jobs: { type: 'application', root: 'apps/jobs', entryFile: 'worker', sourceRoot: 'apps/jobs/lib' },
      common: { type: 'library', root: 'libs/common', entryFile: 'index', sourceRoot: 'libs/common/src' },
      escape: { type: 'application', root: '../elsewhere' },
      bare: { type: 'application' },
    },
  });
  assert.deepEqual(readNestCli('nest-cli.json', text, problems), [
    { dir: 'apps/api', entry: 'src/main' },
    { dir: 'apps/jobs', entry: 'lib/worker' },
    { dir: 'libs/common', library: true },
  ]);
  assert.deepEqual(readNestCli('backend/nest-cli.json', JSON.stringify({ projects: { api: { type: 'application', root: 'apps/api' } } }), problems), [
    { dir: 'backend/apps/api', entry: 'src/main' },
  ]);
  assert.deepEqual(problems, []);
});

test('a broken nest-cli.json is a problem, and gives no projects', () => {
  const problems: Problem[] = [];
  assert.deepEqual(readNestCli('nest-cli.json', '{ "projects": ', problems), []);
  assert.match(problems[0].message, /invalid nest-cli\.json/);
  assert.deepEqual(readNestCli('nest-cli.json', '[1, 2]', problems), []);
  assert.equal(problems.length, 1);
});

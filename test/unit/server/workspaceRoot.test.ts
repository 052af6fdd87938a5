import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { findWorkspaceRoot } from '../../../src/server/workspaceRoot';

function tree(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-root-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const pkg = (o: object) => JSON.stringify(o);

test('npm/yarn workspaces: a package (or a folder inside one) is analyzed from the root that lists it', () => {
  const dir = tree({ 'package.json': pkg({ workspaces: ['services/*'] }), 'services/a/package.json': pkg({ name: 'a' }), 'services/a/src/x.ts': '' });
  assert.deepEqual(findWorkspaceRoot(path.join(dir, 'services/a')), { root: dir, why: 'package.json workspaces' });
  assert.deepEqual(findWorkspaceRoot(path.join(dir, 'services/a/src')), { root: dir, why: 'package.json workspaces' });
  assert.equal(findWorkspaceRoot(dir), undefined, 'the root itself');
});

test('yarn\'s { packages } form, pnpm-workspace.yaml and lerna.json', () => {
  const yarn = tree({ 'package.json': pkg({ workspaces: { packages: ['apps/**'] } }), 'apps/web/x/package.json': '{}' });
  assert.equal(findWorkspaceRoot(path.join(yarn, 'apps/web/x'))?.root, yarn);
  const pnpm = tree({ 'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n', 'packages/db/package.json': '{}' });
  assert.deepEqual(findWorkspaceRoot(path.join(pnpm, 'packages/db')), { root: pnpm, why: 'pnpm-workspace.yaml' });
  const lerna = tree({ 'lerna.json': pkg({ version: '1.0.0' }), 'packages/db/package.json': '{}' });
  assert.deepEqual(findWorkspaceRoot(path.join(lerna, 'packages/db')), { root: lerna, why: 'lerna.json' });
});

test('Nx and Turborepo configs mark the root; statemap.config.json counts when its services include the folder', () => {
  const nx = tree({ 'nx.json': '{}', 'libs/a/package.json': '{}' });
  assert.deepEqual(findWorkspaceRoot(path.join(nx, 'libs/a')), { root: nx, why: 'nx.json' });
  const turbo = tree({ 'turbo.json': '{}', 'apps/a/package.json': '{}' });
  assert.equal(findWorkspaceRoot(path.join(turbo, 'apps/a'))?.why, 'turbo.json');
  const cfg = tree({ 'statemap.config.json': pkg({ services: [{ root: 'svc/cart' }] }), 'svc/cart/package.json': '{}', 'svc/other/package.json': '{}' });
  assert.deepEqual(findWorkspaceRoot(path.join(cfg, 'svc/cart')), { root: cfg, why: 'statemap.config.json services' });
  assert.equal(findWorkspaceRoot(path.join(cfg, 'svc/other')), undefined);
});

test('a folder the workspace does not list, or above a repository\'s top, is analyzed alone', () => {
  const dir = tree({ 'package.json': pkg({ workspaces: ['services/*'] }), 'tools/script/package.json': '{}' });
  assert.equal(findWorkspaceRoot(path.join(dir, 'tools/script')), undefined);
  const git = tree({ 'package.json': pkg({ workspaces: ['*'] }), 'repo/.git/HEAD': '', 'repo/pkg/package.json': '{}' });
  assert.equal(findWorkspaceRoot(path.join(git, 'repo/pkg')), undefined);
  const broken = tree({ 'package.json': '{ not json', 'a/package.json': '{}' });
  assert.equal(findWorkspaceRoot(path.join(broken, 'a')), undefined);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusBarView } from '../../../src/extension/statusText';
import type { FileInfo, FolderStatus } from '../../../src/protocol/messages';

const ready: FolderStatus = { folder: 'file:///a', name: 'a', state: 'ready', version: 1 };
const info = (honest: boolean | null, verdict: 'stateless' | 'state-elsewhere' | 'in-process-state', claim: boolean | null = true): FileInfo => ({
  folder: 'file:///a', status: ready, service: { id: 'services/cart', name: '@shop/cart', verdict, honest, claim },
});

test('indexing shows progress', () => {
  const v = statusBarView([{ ...ready, state: 'indexing', done: 340, total: 2460, message: 'Indexing 340/2,460 files' }], undefined);
  assert.equal(v.text, '$(sync~spin) State Map 340/2,460');
  assert.match(v.tooltip, /Indexing 340\/2,460 files in a/);
});

test('the active file\'s service: its verdict, in words', () => {
  const broken = statusBarView([ready], info(false, 'in-process-state'));
  assert.equal(broken.text, '$(warning) cart: claim broken');
  assert.equal(broken.kind, 'warning');
  assert.equal(broken.service, 'services/cart');
  assert.equal(statusBarView([ready], info(true, 'state-elsewhere')).text, '$(database) cart: state elsewhere');
  assert.equal(statusBarView([ready], info(null, 'stateless', null)).text, '$(check) cart: stateless');
  assert.equal(statusBarView([ready], info(null, 'in-process-state', null)).text, '$(warning) cart: state in process');
});

test('errors and no file', () => {
  assert.equal(statusBarView([{ ...ready, state: 'error', message: 'boom' }], undefined).kind, 'error');
  assert.equal(statusBarView([ready], undefined).text, '$(type-hierarchy) State Map');
});

test('a stopped server says so, and a click restarts it', () => {
  const v = statusBarView([ready], undefined, false);
  assert.equal(v.text, '$(error) State Map: stopped');
  assert.equal(v.command, 'stateMap.restartServer');
});

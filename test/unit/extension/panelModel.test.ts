import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyState, filterHides, pickFolder, validFilter } from '../../../src/extension/panelModel';
import type { FolderStatus, ViewResult } from '../../../src/protocol/messages';

const status = (patch: Partial<FolderStatus> = {}): FolderStatus => ({ folder: 'file:///a', name: 'a', state: 'ready', version: 1, sourceFiles: 10, ...patch });
const view = (patch: Partial<ViewResult> = {}): ViewResult => ({
  status: status(), services: [{ id: '.', name: 'a', verdict: 'stateless', honest: null, claim: null }], storeKinds: [{ kind: 'redis', label: 'Redis' }],
  mermaid: 'flowchart LR', ids: { services: {}, stores: {}, edges: [] }, layout: 'dagre', collapse: 'none', nodes: 1, edges: 0, ...patch,
});

test('the folder: the asked one, else the active editor\'s, else the first', () => {
  const folders = [status({ folder: 'file:///a' }), status({ folder: 'file:///b' })];
  assert.equal(pickFolder(folders, 'file:///b', 'file:///a'), 'file:///b');
  assert.equal(pickFolder(folders, 'file:///gone', 'file:///b'), 'file:///b');
  assert.equal(pickFolder(folders, undefined), 'file:///a');
  assert.equal(pickFolder([], 'file:///a'), undefined);
});

test('empty states say what to do', () => {
  assert.equal(emptyState([], undefined, undefined)?.reason, 'no-folder');
  assert.deepEqual(emptyState([], undefined, undefined, 1), { reason: 'indexing', message: 'Starting the State Map server…' }, 'VS Code has a folder the server has not reported yet');
  const indexing = emptyState([status({ state: 'indexing', version: 0, message: 'Indexing 340/2,460 files' })], 'file:///a', view({ services: undefined, mermaid: undefined, status: status({ state: 'indexing', version: 0, message: 'Indexing 340/2,460 files' }) }));
  assert.deepEqual(indexing, { reason: 'indexing', message: 'Indexing 340/2,460 files…' });
  const failed = emptyState([status({ state: 'error', message: 'boom' })], 'file:///a', view({ services: undefined, status: status({ state: 'error', message: 'boom' }) }));
  assert.equal(failed?.reason, 'error');
  assert.match(failed!.message, /failed: boom/);
  assert.equal(emptyState([status({ state: 'cancelled' })], 'file:///a', view({ services: undefined, status: status({ state: 'cancelled' }) }))?.reason, 'cancelled');
  assert.match(emptyState([status()], 'file:///a', view({ status: status({ sourceFiles: 0 }) }))!.message, /No JavaScript or TypeScript files in a/);
  assert.equal(emptyState([status()], 'file:///a', view({ services: [] }))?.reason, 'no-services');
  assert.equal(emptyState([status()], 'file:///a', view({ collapse: 'too-large', mermaid: undefined, note: 'too many' }))?.message, 'too many');
  assert.equal(emptyState([status()], 'file:///a', view()), undefined);
});

test('a failed re-analysis keeps showing the previous map', () => {
  assert.equal(emptyState([status({ state: 'error' })], 'file:///a', view({ status: status({ state: 'error' }) })), undefined);
});

test('filters: focusing on something hidden clears them; vanished values are dropped', () => {
  assert.equal(filterHides({ service: 'a' }, { kind: 'service', service: 'b' }), true);
  assert.equal(filterHides({ service: 'a' }, { kind: 'edge', service: 'a', store: 'redis' }), false);
  assert.equal(filterHides({ storeKind: 'redis' }, { kind: 'service', service: 'a' }), false);
  assert.equal(filterHides({ storeKind: 'redis' }, { kind: 'store', store: 'redis' }), true);
  assert.deepEqual(validFilter({ service: 'gone', storeKind: 'redis' }, view()), { storeKind: 'redis' });
  assert.deepEqual(validFilter({ service: '.', storeKind: 'kafka' }, view()), { service: '.' });
});

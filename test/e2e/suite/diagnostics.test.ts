// The Problems panel, read through vscode.languages.getDiagnostics: the broken claim at its README line,
// the module-level Map that breaks it, and nothing at an honest claim.
import assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { analyzed, fileUri, stateMap, waitFor } from './helpers';

const ours = (rel: string) => vscode.languages.getDiagnostics(fileUri(rel)).filter((d) => d.source === 'State Map');
const found = <T>(list: T[]): T[] | undefined => (list.length ? list : undefined);

describe('Problems', () => {
  before(async () => analyzed(await stateMap()));

  it('warns at the README line whose stateless claim the service breaks', async () => {
    const readme = 'services/cart-api/README.md';
    const [d] = await waitFor(`a State Map problem in ${readme}`, () => found(ours(readme).filter((x) => /claims to be stateless/.test(x.message))));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d.range.start.line, 2, 'the line "Our service is stateless: ..." (0-based 2)');
    assert.match(d.message, /@mono\/cart-api claims to be stateless, but it keeps state in its own process: module-mutable-state/);
  });

  it('explains the hazard where the module-level Map is declared', async () => {
    const carts = 'services/cart-api/src/carts.ts';
    const [d] = await waitFor(`a State Map hazard in ${carts}`, () => found(ours(carts)));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(d.range.start.line, 3, '`const lastAdded = new Map…` (0-based 3)');
    assert.match(d.message, /lastAdded/);
  });

  it('says nothing about an honest claim', () => {
    assert.deepEqual(ours('services/orders-api/README.md').map((d) => d.message), []);
  });
});

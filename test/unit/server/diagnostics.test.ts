import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { diagnosticsFor } from '../../../src/server/diagnostics';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/server/settings';
import { shopMap } from './fixtures';

const lines: Record<string, string[]> = {
  'services/cart-api/README.md': ['# cart-api', '', '  Our service is stateless.   '],
  'services/cart-api/src/routes.ts': ['', '', '', '', 'const recentlyViewed = new Map<string, string[]>();'],
};
const ctx = { lineText: (f: string, l: number) => lines[f]?.[l - 1], uriOf: (f: string) => `file:///ws/${f}` };
const withSeverity = (claimSeverity: Settings['diagnostics']['claimSeverity'], hazardSeverity: Settings['diagnostics']['hazardSeverity']): Settings => ({
  ...DEFAULT_SETTINGS, diagnostics: { claimSeverity, hazardSeverity },
});

test('a broken claim is a warning at each source that makes it, with the hazards as related information', () => {
  const d = diagnosticsFor(shopMap(), DEFAULT_SETTINGS, ctx);
  const readme = d.get('services/cart-api/README.md');
  assert.equal(readme?.length, 1);
  assert.equal(readme[0].severity, DiagnosticSeverity.Warning);
  assert.equal(readme[0].code, 'broken-claim');
  assert.equal(readme[0].source, 'State Map');
  assert.deepEqual(readme[0].range, { start: { line: 2, character: 2 }, end: { line: 2, character: 27 } });
  assert.match(readme[0].message, /@shop\/cart-api claims to be stateless, but it keeps state in its own process: module-mutable-state, memory-session-store \(2 places\)/);
  assert.deepEqual(readme[0].relatedInformation?.map((r) => r.location.uri), ['file:///ws/services/cart-api/src/routes.ts', 'file:///ws/services/cart-api/src/server.ts']);
  assert.equal(d.get('k8s/cart-api.yaml')?.[0].code, 'broken-claim');
  // a source saying the opposite is not where the claim breaks; honest services get nothing
  assert.equal(d.get('services/cart-api/src/legacy.ts'), undefined);
  assert.equal(d.get('k8s/orders-api.yaml'), undefined);
});

test('each hazard is an information diagnostic with its explanation, from its column to the end of the line', () => {
  const d = diagnosticsFor(shopMap(), DEFAULT_SETTINGS, ctx);
  const routes = d.get('services/cart-api/src/routes.ts');
  assert.equal(routes?.length, 1);
  assert.equal(routes[0].severity, DiagnosticSeverity.Information);
  assert.equal(routes[0].code, 'module-mutable-state');
  assert.deepEqual(routes[0].range, { start: { line: 4, character: 6 }, end: { line: 4, character: 51 } });
  assert.match(routes[0].message, /recentlyViewed.*\(@shop\/cart-api\)$/);
  assert.equal(d.get('services/orders-api/src/server.ts')?.[0].code, 'check-then-act');
});

test('severities are settings; off means none', () => {
  const errors = diagnosticsFor(shopMap(), withSeverity('error', 'hint'), ctx);
  assert.equal(errors.get('services/cart-api/README.md')?.[0].severity, DiagnosticSeverity.Error);
  assert.equal(errors.get('services/cart-api/src/routes.ts')?.[0].severity, DiagnosticSeverity.Hint);
  assert.equal(diagnosticsFor(shopMap(), withSeverity('off', 'off'), ctx).size, 0);
  const onlyHazards = diagnosticsFor(shopMap(), withSeverity('off', 'warning'), ctx);
  assert.equal(onlyHazards.get('services/cart-api/README.md'), undefined);
  assert.equal(onlyHazards.get('services/cart-api/src/routes.ts')?.[0].severity, DiagnosticSeverity.Warning);
});

test('a file that cannot be read still gets a non-empty range', () => {
  const d = diagnosticsFor(shopMap(), DEFAULT_SETTINGS, { ...ctx, lineText: () => undefined });
  const r = d.get('k8s/cart-api.yaml')![0].range;
  assert.ok(r.end.character > r.start.character);
});

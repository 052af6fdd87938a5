// What an edge says beyond read and write: a JWT's lifetime and revocation, idempotency and
// processed-message records, an event log and its projection. Fixture workspaces through the built CLI
// (JSON and Markdown) and the hover text the language server builds from the same map.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Edge, StateMap } from '../../src/core/model/types';
import { hoverAt } from '../../src/server/hover';
import { analyzeJson, copyFixture, fixture, hazards, runCli } from './run-cli';

const cache = new Map<string, StateMap>();
function mapOf(name: string): StateMap {
  if (!cache.has(name)) cache.set(name, analyzeJson(fixture(name)));
  return cache.get(name)!;
}
const edgeTo = (map: StateMap, store: string, service = '.'): Edge => {
  const e = map.edges.find((x) => x.service === service && x.store === store);
  assert.ok(e, `an edge ${service} -> ${store}`);
  return e;
};
const markdown = (name: string) => {
  const r = runCli(['analyze', fixture(name), '--format', 'markdown']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
};
const hover = (map: StateMap, file: string, line: number, column: number) =>
  hoverAt({ folder: 'file:///ws', map, extras: { sites: [] }, file, line, column })?.markdown ?? '';

describe('jwt-auth-revocation: access tokens of 15 minutes, revoked ids in Redis', () => {
  const name = 'jwt-auth-revocation';

  test('the JWT edge carries the lifetime (15 * 60 seconds) and the deny list read next to verification', () => {
    assert.deepEqual(edgeTo(mapOf(name), 'jwt').jwt, {
      lifetime: { seconds: 900, file: 'src/tokens.ts', line: 14 },
      revocation: { mechanism: 'deny-list', store: 'redis', target: 'revoked:*', file: 'src/revocation.ts', line: 10 },
    });
  });

  test('Markdown, the diagram and the hover say it in words', () => {
    const md = markdown(name);
    assert.match(md, /\n- JWT · 15 minutes · revocation: deny list in Redis `revoked:\*`\n/);
    assert.match(md, /svc0 -->\|"read\/write ×2 · 15 minutes, revocable"\| st0/);
    assert.match(hover(mapOf(name), 'src/tokens.ts', 18, 12), /\n\nJWT · 15 minutes · revocation: deny list in Redis `revoked:\*`\n\n/);
  });

  test('the README says tokens are revoked and they are: no hazard, even with --experimental-hazards', () => {
    assert.deepEqual(hazards(analyzeJson(fixture(name), ['--experimental-hazards'])), []);
  });
});

describe('jwt-no-revocation: 7-day tokens and nothing that can revoke one', () => {
  const name = 'jwt-no-revocation';

  test('the JWT edge says 7 days and no revocation; a note, not a hazard', () => {
    const map = mapOf(name);
    assert.deepEqual(edgeTo(map, 'jwt').jwt, { lifetime: { seconds: 604800, file: 'src/auth.ts', line: 7 }, revocation: null });
    assert.deepEqual(hazards(map), []);
    assert.equal(map.services[0].verdict, 'state-elsewhere');
  });

  test('Markdown and hover: "no revocation found: a banned user keeps access until expiry"', () => {
    assert.match(markdown(name), /\n- JWT · 7 days · no revocation found: a banned user keeps access until expiry\n/);
    assert.match(hover(mapOf(name), 'src/auth.ts', 13, 20), /JWT · 7 days · no revocation found: a banned user keeps access until expiry/);
  });

  test('a README that promises revocation makes it a hazard, only with --experimental-hazards', () => {
    const copy = copyFixture(name);
    try {
      fs.appendFileSync(path.join(copy.dir, 'README.md'), '\nSigning out revokes the token at once.\n');
      assert.deepEqual(hazards(analyzeJson(copy.dir)), []);
      const map = analyzeJson(copy.dir, ['--experimental-hazards']);
      assert.deepEqual(hazards(map), ['jwt-no-revocation README.md:7']);
      assert.match(map.hazards[0].message, /no deny list, token version or session is checked next to verification/);
    } finally {
      copy.cleanup();
    }
  });
});

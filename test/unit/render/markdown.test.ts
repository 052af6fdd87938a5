// The Markdown report and the PR comment with hostile texts in every field, rendered as a reader's
// renderer does: nothing from the map becomes HTML, no row gains or loses a cell, every text shows as text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { diffStateMaps } from '../../../src/core/diff';
import type { StateMap } from '../../../src/core/model/types';
import { renderMarkdown } from '../../../src/render';
import { renderDiffMarkdown } from '../../../src/render/diff';
import { md, mdCode } from '../../../src/render/markdown';
import { everywhere, HOSTILE, hostileText, mapOf, type MapTexts } from './hostile-map';
import { assertNothingInjected, flat, renderDom, tableRows } from './markdown-dom';

/** A hazard message's `code` marks become code spans: the text shown is the message without them. */
const prose = (text: string) => text.replace(/`([^`\n]+)`/g, '$1');
/** CommonMark has no empty code span: an empty path shows as a blank one. */
const code = (text: string) => text || ' ';

describe('renderMarkdown with a hostile text in every field', () => {
  for (const text of HOSTILE) {
    test(JSON.stringify(text), () => {
      const map = mapOf([everywhere(text), everywhere('plain')]);
      const doc = renderDom(renderMarkdown(map, { title: text }));
      assertNothingInjected(doc);
      assert.equal(flat(doc.querySelector('h1')?.textContent ?? ''), flat(text));
      assert.deepEqual(tableRows(doc, ['Service', 'Kind', 'Claim', 'Verdict', 'Stores']).map((r) => flat(r[0])), [flat(text), 'plain']);
      assert.deepEqual(tableRows(doc, ['Store', 'Access', 'Evidence']).map((r) => [flat(r[0]), flat(r[2])]), [
        [flat(text), flat(`${text}:7 ${text} (${text})`)],
        ['plain', 'plain:7 plain (plain)'],
      ]);
      assert.deepEqual(Array.from(doc.querySelectorAll('h2')).map((h) => flat(h.textContent ?? '')).slice(0, 2), [flat(`${text} (${text})`), 'plain (plain)']);
      const items = Array.from(doc.querySelectorAll('li')).map((li) => flat(li.textContent ?? ''));
      assert.ok(items.includes(flat(`Claim: stateless — ${text}:3 “${text}”`)), items.join('\n'));
      assert.ok(items.includes(flat(`module-mutable-state ${text}:9 — ${prose(text)}`)), items.join('\n'));
      assert.ok(items.includes(flat(`${text}: ${text}`)), items.join('\n'));
    });
  }
});

describe('renderDiffMarkdown with hostile texts', () => {
  const empty: StateMap = { ...mapOf([]), root: '/work/app' };
  const hostile = mapOf(HOSTILE.map(everywhere));

  test('added services, edges and hazards', () => {
    const doc = renderDom(renderDiffMarkdown(diffStateMaps(empty, hostile, { base: HOSTILE[0], head: HOSTILE[1] })));
    assertNothingInjected(doc);
    assert.equal(flat(doc.querySelector('h1')?.textContent ?? ''), flat(`State map: ${HOSTILE[1]} vs ${HOSTILE[0]}`));
    const rows = tableRows(doc, ['Change', 'Service', 'Store', 'Access', 'Operation', 'Target', 'Where']);
    assert.deepEqual(rows.map((r) => r.slice(1, 3).map(flat)).sort(), HOSTILE.map((t) => [flat(t), flat(t)]).sort());
    assert.deepEqual(rows.map((r) => [flat(r[4]), flat(r[5]), flat(r[6])]).sort(), HOSTILE.map((t) => [flat(t), flat(t), flat(`${t}:7`)]).sort());
    const items = Array.from(doc.querySelectorAll('li')).map((li) => flat(li.textContent ?? ''));
    for (const t of HOSTILE) assert.ok(items.includes(flat(`➕ ${t} (http-server, in-process-state)`)), `service ${JSON.stringify(t)}`);
    const hazards = tableRows(doc, ['Change', 'Rule', 'Service', 'Where', 'What']).filter((r) => flat(r[1]) === 'module-mutable-state');
    assert.deepEqual(hazards.map((r) => [flat(r[2]), flat(r[3]), flat(r[4])]).sort(), HOSTILE.map((t) => [flat(t), flat(`${t}:9`), flat(prose(t))]).sort());
  });

  test('removed services, edges and hazards', () => {
    const doc = renderDom(renderDiffMarkdown(diffStateMaps(hostile, empty, { base: 'main', head: 'HEAD' })));
    assertNothingInjected(doc);
    const rows = tableRows(doc, ['Change', 'Service', 'Store', 'Access', 'Operation', 'Target', 'Where']);
    assert.deepEqual(rows.map((r) => r.slice(1, 3).map(flat)).sort(), HOSTILE.map((t) => [flat(t), flat(t)]).sort());
    // removed findings are located on the base
    assert.deepEqual(rows.map((r) => flat(r[6])).sort(), HOSTILE.map((t) => flat(`${t}:7 (base)`)).sort());
    const hazards = tableRows(doc, ['Change', 'Rule', 'Service', 'Where', 'What']).filter((r) => flat(r[1]) === 'module-mutable-state');
    assert.deepEqual(hazards.map((r) => [flat(r[0]), flat(r[3])]).sort(), HOSTILE.map((t) => ['➖ gone', flat(`${t}:9 (base)`)]).sort());
  });
});

describe('a hazard message with backticks around a line break', () => {
  // found by the property below: the pair is not a code span (the split said so), and must not become one
  test('shows its backticks as text', () => {
    const doc = renderDom(renderMarkdown(mapOf([{ ...everywhere(''), hazard: '`\n`' }])));
    const items = Array.from(doc.querySelectorAll('li')).map((li) => flat(li.textContent ?? ''));
    assert.ok(items.some((i) => i.startsWith('module-mutable-state') && i.endsWith(flat('— `\n`'))), items.join(' | '));
  });
});

describe('renderMarkdown for any texts (fast-check)', () => {
  test('nothing injected, every table intact, every text shown where it belongs', () => {
    const texts: fc.Arbitrary<MapTexts> = fc.record({
      name: hostileText, root: hostileText, storeLabel: hostileText, instance: hostileText, operation: hostileText, target: hostileText,
      file: hostileText, claim: hostileText, hazard: hostileText, problemFile: hostileText, problem: hostileText,
    });
    fc.assert(fc.property(fc.array(texts, { minLength: 1, maxLength: 3 }), (list) => {
      const doc = renderDom(renderMarkdown(mapOf(list)));
      assertNothingInjected(doc);
      assert.deepEqual(tableRows(doc, ['Service', 'Kind', 'Claim', 'Verdict', 'Stores']).map((r) => flat(r[0])), list.map((t) => flat(t.name)));
      assert.deepEqual(tableRows(doc, ['Store', 'Access', 'Evidence']).map((r) => [flat(r[0]), flat(r[2])]),
        list.map((t) => [flat(t.storeLabel), flat(`${t.file}:7 ${t.operation}${t.target ? ` (${t.target})` : ''}`)]));
      assert.deepEqual(Array.from(doc.querySelectorAll('h2')).map((h) => flat(h.textContent ?? '')), [...list.map((t) => flat(`${t.name} (${code(t.root)})`)), 'Problems']);
      const items = Array.from(doc.querySelectorAll('li')).map((li) => flat(li.textContent ?? ''));
      for (const t of list) {
        assert.ok(items.includes(flat(`Claim: stateless — ${t.file}:3 “${t.claim}”`)), 'claim');
        assert.ok(items.includes(flat(`module-mutable-state ${t.file}:9 — ${prose(t.hazard)}`)), 'hazard');
        assert.ok(items.includes(flat(`${code(t.problemFile)}: ${t.problem}`)), 'problem');
      }
    }), { numRuns: 150 });
  });
});

describe('ordinary names render as before', () => {
  test('names, paths and targets without markup are left alone', () => {
    for (const t of ['@acme/cart-api', 'services/cart-api/src/carts.ts:19', 'PostgreSQL · localhost:5432', 'acme.cart.v2', 'api.stripe.com', 'a & b', 'rock\'n\'roll "quoted" (x) {y} 100%']) {
      assert.equal(md(t), t);
    }
    assert.equal(mdCode('apps/storefront/src/cartStorage.ts:11'), '`apps/storefront/src/cartStorage.ts:11`');
  });
});

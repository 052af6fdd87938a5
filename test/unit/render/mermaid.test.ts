// The CLI's Mermaid (alone and inside the Markdown report) as GitHub will draw it: parsed by Mermaid with
// its default limits (500 edges, 50,000 characters), collapsed and saying so when a map is too big, and
// for any name, parseable with the name shown as text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { StoreKind } from '../../../src/catalog';
import type { Edge, StateMap, Store } from '../../../src/core/model/types';
import { fitMermaid, mermaidWithIds, renderMarkdown, renderMermaid } from '../../../src/render';
import { everywhere, hostileText, mapOf } from './hostile-map';
import { parseFlowchart, shown } from './mermaid-parser';

const KINDS: StoreKind[] = ['postgres', 'redis', 'kafka', 's3', 'memory'];

/** `services` services, each touching `perService` stores of its own; store kinds cycle through `kinds`. */
function bigMap(services: number, perService: number, kinds: StoreKind[] = KINDS): StateMap {
  const stores: Store[] = [];
  const edges: Edge[] = [];
  for (let i = 0; i < services; i++) {
    for (let j = 0; j < perService; j++) {
      const kind = kinds[j % kinds.length];
      stores.push({ id: `${kind}:svc-${i}-${j}`, kind, label: `store ${i}.${j}`, instance: `$URL_${i}_${j}` });
      edges.push({ service: `services/svc-${i}`, store: `${kind}:svc-${i}-${j}`, access: j % 2 ? 'read' : 'write', locations: [{ file: `services/svc-${i}/src/index.ts`, line: j + 1, column: 1, operation: 'get', access: j % 2 ? 'read' : 'write', library: 'x' }] });
    }
  }
  return {
    schemaVersion: 1, root: '/work/big', stores, edges, hazards: [], problems: [],
    services: Array.from({ length: services }, (_, i) => ({
      id: `services/svc-${i}`, name: `@big/svc-${i}`, root: `services/svc-${i}`, kind: 'http-server' as const,
      claim: { stateless: null, sources: [] }, verdict: 'state-elsewhere' as const, honest: null,
    })),
  };
}

/** The diagram GitHub gets: Mermaid parses it with its limits, and its text is well under the size limit. */
async function assertDrawable(text: string) {
  assert.ok(text.length <= 40_000, `${text.length} characters`);
  const db = await parseFlowchart(text);
  assert.ok(db.getEdges().length <= 500, `${db.getEdges().length} edges`);
  return db;
}

describe('maps too big for GitHub', () => {
  test('150 services × 5 stores (750 edges): each service listing its stores, and the output says so', async () => {
    const map = bigMap(150, 5);
    assert.equal(mermaidWithIds(map).ids.edges.length, 750, 'the whole map is over the limit');
    const text = renderMermaid(map);
    const db = await assertDrawable(text);
    const labels = [...db.getVertices().values()].map((v) => shown(v.text));
    assert.equal(labels.length, 150);
    assert.ok(labels.every((l, i) => l.startsWith(`@big/svc-${i}\nPostgreSQL w · Redis r · Kafka w · S3 object storage r · Process memory w\n`)), labels[0]);
    assert.match(text.split('\n')[1], /^ {2}%% Collapsed: 150 services, 750 stores and 750 edges are more than GitHub draws \(500 edges\), so each service is shown with the stores it touches, without edges\.$/);
    const md = renderMarkdown(map);
    const block = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1] ?? '';
    await assertDrawable(block);
    assert.ok(md.includes('\nThe diagram is collapsed: 150 services, 750 stores and 750 edges are more than GitHub draws (500 edges), so each service is shown with the stores it touches, without edges. The tables below list every store.\n'));
    // nothing is lost from the report itself
    assert.equal(md.split('\n').filter((l) => /^\| store \d+\.\d+ \|/.test(l)).length, 750);
  });

  test('120 services × 6 Redis instances: one Redis node, one edge per service', async () => {
    const map = bigMap(120, 6, ['redis']);
    const fitted = fitMermaid(map);
    assert.equal(fitted.collapse, 'kinds');
    const db = await assertDrawable(fitted.text);
    assert.equal(db.getEdges().length, 120);
    assert.deepEqual([...db.getVertices().values()].map((v) => shown(v.text)).filter((l) => l.startsWith('Redis')), ['Redis ×720']);
    assert.match(fitted.text, /%% Collapsed: 120 services, 720 stores and 720 edges are more than GitHub draws \(500 edges\), so stores of one kind are shown as one node\./);
  });

  test('2,000 services: as many as fit, and the output says how many', async () => {
    const fitted = fitMermaid(bigMap(2000, 1));
    assert.equal(fitted.collapse, 'summary');
    const db = await assertDrawable(fitted.text);
    const n = db.getVertices().size;
    assert.ok(n > 100 && n < 2000, `${n} services drawn`);
    assert.ok(fitted.text.length > 35_000, 'close to the limit, not far below it');
    assert.match(fitted.note ?? '', new RegExp(`only the first ${n} services are shown`));
  });

  test('a map that fits is drawn whole, with no note', () => {
    const map = bigMap(40, 5);
    const fitted = fitMermaid(map);
    assert.equal(fitted.collapse, 'none');
    assert.equal(fitted.note, undefined);
    assert.equal(renderMermaid(map), mermaidWithIds(map).text);
    assert.doesNotMatch(renderMarkdown(map), /collapsed/);
  });
});

describe('Mermaid for names that look like its own statements', () => {
  // found by the property below: Mermaid strips the last `;` of a line matching /style.*:\S*#.*;/ before
  // it decodes entity codes, which broke the label's last escaped character
  for (const text of ['stylesubgraph:::<img src=x onerror=alert(1)>', 'my stylesheet: #1 <b>', 'classDefault:x#y <i>', 'STYLE: a>b']) {
    test(JSON.stringify(text), async () => {
      const map = mapOf([{ ...everywhere(text), storeLabel: text, instance: text }]);
      const db = await parseFlowchart(renderMermaid(map));
      assert.ok(shown(db.getVertices().get('svc0')?.text).startsWith(`${text}\n`));
      assert.equal(shown(db.getVertices().get('st0')?.text), text);
    });
  }
});

describe('Mermaid for any name (fast-check)', () => {
  test('parses, draws exactly the map\'s nodes and edges, and shows every name as text', async () => {
    const texts = fc.record({ name: hostileText, storeLabel: hostileText, instance: hostileText });
    await fc.assert(fc.asyncProperty(fc.array(texts, { minLength: 1, maxLength: 3 }), async (list) => {
      const map = mapOf(list.map((t) => ({ ...everywhere(t.name), storeLabel: t.storeLabel, instance: t.instance })));
      const db = await parseFlowchart(renderMermaid(map));
      const vertices = db.getVertices();
      assert.deepEqual([...vertices.keys()].sort(), [...map.services.map((_, i) => `svc${i}`), ...map.stores.map((_, i) => `st${i}`)].sort());
      assert.deepEqual(db.getEdges().map((e) => `${e.start}->${e.end}`), map.edges.map((e) => `${e.service}->${e.store}`));
      assert.ok(db.getSubGraphs().every((g) => /^grp\d+$/.test(g.id)));
      map.services.forEach((s, i) => assert.ok(shown(vertices.get(`svc${i}`)?.text).startsWith(`${s.name}\n`), `svc${i}`));
      map.stores.forEach((s, i) => {
        const label = shown(vertices.get(`st${i}`)?.text);
        const expected = s.instance && !s.label.includes(s.instance) ? `${s.label}\n${s.instance}` : s.label.replace(' · ', '\n');
        // an empty label is drawn blank
        assert.equal(label, expected || ' ', `st${i}`);
      });
    }), { numRuns: 150 });
  });
});

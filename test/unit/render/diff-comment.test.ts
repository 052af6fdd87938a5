// The PR comment always renders on GitHub: under 65,536 characters, a diagram under 500 edges and
// 50,000 characters, tables cut with "… N more", and the hidden marker CI updates one comment by.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffStateMaps } from '../../../src/core/diff';
import type { StateMap } from '../../../src/core/model/types';
import { COMMENT_MARKER, renderDiffMarkdown } from '../../../src/render/diff';

function mapOf(n: number, storesEach: number, withHazards: boolean): StateMap {
  const services = Array.from({ length: n }, (_, i) => ({
    id: `services/svc-${i}`, name: `service-with-a-long-name-${i}`, root: `services/svc-${i}`, kind: 'http-server' as const,
    claim: { stateless: true, sources: [{ kind: 'readme' as const, file: `services/svc-${i}/README.md`, line: 3, text: 'stateless' }] },
    verdict: withHazards ? 'in-process-state' as const : 'state-elsewhere' as const, honest: !withHazards,
  }));
  const kinds = ['postgres', 'redis', 'kafka', 's3', 'mongodb', 'sqs'] as const;
  const stores = kinds.map((k) => ({ id: k, kind: k, label: k }));
  const edges = services.flatMap((s, i) => kinds.slice(0, storesEach).map((k, j) => ({
    service: s.id, store: k, access: 'readwrite' as const,
    locations: [{ file: `services/svc-${i}/src/db-access-layer-${j}.ts`, line: 10 + j, column: 3, operation: `operation${j}`, access: 'readwrite' as const, library: 'x', target: `table_${i}_${j}` }],
  })));
  const hazards = withHazards ? services.map((s, i) => ({ service: s.id, kind: 'module-mutable-state' as const, file: `services/svc-${i}/src/state.ts`, line: 5, column: 7, message: `\`cache${i}\` (a Map at module level) is changed by a handler: each replica keeps its own copy.` })) : [];
  return { schemaVersion: 1, root: '/r', services, stores, edges, hazards, problems: [] };
}

const mermaidOf = (md: string) => /```mermaid\n([\s\S]*?)```/.exec(md)?.[1];

describe('the PR comment on a large change', () => {
  for (const [n, each] of [[100, 5], [200, 6]] as const) {
    test(`${n} services changed, ${n * each} new edges: fits GitHub and says what it left out`, () => {
      const before = mapOf(n, 0, false);
      const after = mapOf(n, each, true);
      const md = renderDiffMarkdown(diffStateMaps(before, after, { base: 'main', head: 'HEAD' }));
      assert.ok(md.startsWith(`${COMMENT_MARKER}\n`));
      assert.ok(md.length < 65_536, `${md.length} characters`);
      const diagram = mermaidOf(md);
      if (diagram) {
        assert.ok(diagram.length < 50_000, `diagram of ${diagram.length} characters`);
        const drawn = (diagram.match(/-->/g) ?? []).length;
        assert.ok(drawn <= 500, `${drawn} edges: at most 500`);
        // what is not drawn edge for edge is said
        if (drawn < n * each) assert.ok(/\n_.*(shown as one node|each service is shown|only the first).*_\n/.test(md), 'the collapse is explained');
        assert.ok(/^  %% Collapsed: /m.test(diagram) || drawn === n * each);
      } else assert.match(md, /The diagram is left out/);
      assert.ok(/\| … \d+ more \|/.test(md), 'a table is cut with … N more');
      assert.ok(/broken by this change:\*\* .* … \d+ more\n/.test(md), 'the list of broken claims is cut too');
    });
  }

  test('a small change is drawn whole and listed whole', () => {
    const md = renderDiffMarkdown(diffStateMaps(mapOf(3, 0, false), mapOf(3, 2, false), { base: 'main', head: 'HEAD' }));
    assert.equal((mermaidOf(md)!.match(/-->/g) ?? []).length, 6);
    assert.doesNotMatch(md, /more \|/);
  });
});

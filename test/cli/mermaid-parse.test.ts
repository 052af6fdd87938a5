// Hostile names through the Mermaid renderer, checked with Mermaid's own parser (in Node, jsdom supplying
// `window` and `document`): the diagram must parse, have exactly the nodes, edges and groups the map has
// (nothing injected), and still show every name as text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { JSDOM } from 'jsdom';
import { before, describe, test } from 'node:test';
import type { StoreKind } from '../../src/catalog';
import type { Service, StateMap, Store } from '../../src/core/model/types';
import { renderMermaid } from '../../src/render';
import { fixture, runCli } from './run-cli';
import { FIXTURES } from '../helpers/workspace';

interface FlowDb {
  getVertices(): Map<string, { id: string; text?: string; classes: string[] }>;
  getEdges(): Array<{ start: string; end: string; text: string }>;
  getSubGraphs(): Array<{ id: string; title: string; nodes: string[] }>;
}
interface MermaidLike {
  initialize(config: Record<string, unknown>): void;
  parse(text: string): Promise<unknown>;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ db: FlowDb }> };
}

let mermaid: MermaidLike;
before(async () => {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = (await import('mermaid')).default as unknown as MermaidLike;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
});

const HOSTILE = [
  `"double" and 'single' quotes`,
  '[brackets] (parens) {braces} <angles> ((circle)) [(cyl)] {{hex}} >flag] [/para/] [\\trap\\]',
  'a --> b -.-> c ==> d --- e ~~~ f -->|label| g',
  '%% not a comment %%{init: {"theme":"dark"}}%%',
  'click svc0 call alert("x")',
  'end',
  'subgraph evil',
  'x\nend\nsubgraph injected["pwned"]',
  '<img src=x onerror=alert(1)><script>alert(2)</script>',
  'line one\nline two\r\nline three',
  'ünïcødé 服务 Ωμέγα Привет',
  'emoji 🚀🔥 👩‍💻 🇫🇷',
  'pipe | hash # semicolon ; amp & &amp; #35; #quot;',
  '`backticks` and \\"escaped\\" quote',
  'style svc0 fill:#f00 ; classDef x fill:red ; linkStyle 0 stroke:red ; class svc0 broken',
  'name:::evilClass',
  'graph TD',
  '',
];

const KINDS: Service['kind'][] = ['http-server', 'worker', 'lambda', 'frontend', 'cli', 'library', 'unknown'];
/** One store of each shape family, so every bracket pair Mermaid knows is used with a hostile label. */
const STORE_KINDS: StoreKind[] = ['postgres', 'mongodb', 'redis', 'kafka', 's3', 'memory', 'localStorage', 'jwt', 'http-api', 'env'];

/** A map whose every service name, service id, store id, store label and store instance is hostile. */
function hostileMap(): StateMap {
  const services: Service[] = HOSTILE.map((name, i) => ({
    id: `packages/${name}#${i}`,
    name,
    root: `packages/${name}`,
    kind: KINDS[i % KINDS.length],
    claim: { stateless: i % 3 === 0 ? null : i % 3 === 1, sources: [] },
    verdict: i % 2 === 0 ? 'in-process-state' : 'state-elsewhere',
    honest: i % 3 === 0 ? null : i % 3 === 1 ? i % 2 !== 0 : true,
  }));
  const stores: Store[] = STORE_KINDS.map((kind, i) => ({
    id: `${kind}:${HOSTILE[i]}`,
    kind,
    label: HOSTILE[(i + 4) % HOSTILE.length],
    instance: HOSTILE[(i + 9) % HOSTILE.length],
  }));
  const edges = services.map((s, i) => {
    const store = stores[i % stores.length];
    const access = (['read', 'write', 'readwrite'] as const)[i % 3];
    return { service: s.id, store: store.id, access, locations: [{ file: `${s.root}/src/index.ts`, line: 1, column: 1, operation: HOSTILE[i], access: access, library: 'x' }] };
  });
  return { schemaVersion: 1, root: '/tmp/<root> "x"', services, stores, edges, hazards: [], problems: [] };
}

/** Label text as shown: Mermaid keeps `#NNN;` entity codes as `ﬂ°°NNN¶ß` until it draws; `<br>` is a line break. */
function shown(text: string | undefined): string {
  return (text ?? '')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/ﬂ°°(\d+)¶ß|#(\d+);/g, (_, a: string | undefined, b: string | undefined) => String.fromCodePoint(Number(a ?? b)));
}

describe('renderMermaid with hostile names, parsed by Mermaid', () => {
  const map = hostileMap();
  const text = renderMermaid(map, { showEnv: true });

  test('the diagram parses', async () => {
    await assert.doesNotReject(mermaid.parse(text));
  });

  test('exactly one node per service and store, and nothing is made clickable or styled by a name', async () => {
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    const ids = [...db.getVertices().keys()].sort();
    const expected = [...map.services.map((_, i) => `svc${i}`), ...map.stores.map((_, i) => `st${i}`)].sort();
    assert.deepEqual(ids, expected);
    for (const v of db.getVertices().values()) assert.deepEqual(v.classes.filter((c) => c !== 'broken' && c !== 'honest' && c !== 'inproc'), [], `classes of ${v.id}`);
  });

  test('exactly one edge per map edge, between the right nodes', async () => {
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    const svc = new Map(map.services.map((s, i) => [s.id, `svc${i}`]));
    const st = new Map(map.stores.map((s, i) => [s.id, `st${i}`]));
    assert.deepEqual(db.getEdges().map((e) => `${e.start}->${e.end}`), map.edges.map((e) => `${svc.get(e.service)}->${st.get(e.store)}`));
  });

  test('the groups are the kind and family groups only (no subgraph injected by a name)', async () => {
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    const groups = db.getSubGraphs();
    assert.equal(groups.length, new Set(map.services.map((s) => s.kind)).size + 9, groups.map((g) => shown(g.title)).join(', '));
    assert.ok(groups.every((g) => /^grp\d+$/.test(g.id)), groups.map((g) => g.id).join(', '));
    assert.equal(groups.flatMap((g) => g.nodes).length, map.services.length + map.stores.length);
  });

  test('every service name, store label and instance is still there, as text', async () => {
    const { db } = await mermaid.mermaidAPI.getDiagramFromText(text);
    const vertices = db.getVertices();
    map.services.forEach((s, i) => {
      const label = shown(vertices.get(`svc${i}`)?.text);
      assert.ok(label.startsWith(`${s.name}\n${s.kind} · `), `svc${i}: ${JSON.stringify(label)} should start with ${JSON.stringify(s.name)}`);
    });
    map.stores.forEach((s, i) => {
      assert.equal(shown(vertices.get(`st${i}`)?.text), s.instance ? `${s.label}\n${s.instance}` : s.label, `st${i}`);
    });
    // and in the text itself, with Mermaid's entity codes decoded
    const decoded = shown(text);
    for (const name of HOSTILE) assert.ok(decoded.includes(name), `${JSON.stringify(name)} is not in the rendered text`);
  });

  test('no raw HTML and no line that a name could have started', () => {
    assert.doesNotMatch(text, /<(script|img)\b/i);
    const open = String.raw`(\[\(|\(\[|\{\{|\[\/|\(\(|>|\[\[|\[\\|\[)`;
    const close = String.raw`(\)\]|\]\)|\}\}|\/\]|\)\)|\]\]|\\\]|\])`;
    const allowed = new RegExp([
      String.raw`^flowchart LR$`,
      String.raw`^  subgraph grp\d+\["[^"]*"\]$`,
      String.raw`^  end$`,
      String.raw`^    (svc|st)\d+${open}"[^"]*"${close}$`,
      String.raw`^  svc\d+ (-->|-\.->)\|"[^"]*"\| st\d+$`,
      String.raw`^  classDef (broken|honest|inproc) [^"]*$`,
      String.raw`^  class (svc|st)\d+(,(svc|st)\d+)* (broken|honest|inproc)$`,
    ].join('|'));
    const lines = text.trimEnd().split('\n');
    assert.deepEqual(lines.filter((l) => !allowed.test(l)), []);
  });
});

describe('the parser used here does reject broken diagrams', () => {
  test('a label with a raw quote is a parse error', async () => {
    const naive = `flowchart LR\n  a["${HOSTILE[0]}"] --> b["x"]\n`;
    await assert.rejects(mermaid.parse(naive), /Parse error on line \d+/);
  });

  test('a subgraph a name closed early is a parse error', async () => {
    await assert.rejects(mermaid.parse('flowchart LR\n  subgraph g["x"]\n    a["y"]\n  end\n  end\n  a --> |"r"| \n'), /Parse error on line \d+/);
  });
});

describe('the CLI\'s Mermaid output parses for every fixture', () => {
  for (const name of fs.readdirSync(FIXTURES).filter((n) => fs.existsSync(`${FIXTURES}/${n}/package.json`)).sort()) {
    test(name, async () => {
      const mmd = runCli(['analyze', fixture(name), '--format', 'mermaid', '--show-env']);
      assert.equal(mmd.code, 0, mmd.stderr);
      await assert.doesNotReject(mermaid.parse(mmd.stdout));
      const md = runCli(['analyze', fixture(name)]);
      const block = /```mermaid\n([\s\S]*?)```/.exec(md.stdout)?.[1];
      assert.ok(block, 'the Markdown report has a Mermaid block');
      await assert.doesNotReject(mermaid.parse(block));
    });
  }
});

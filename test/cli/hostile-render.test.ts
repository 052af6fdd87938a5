// A workspace whose folder, file and package names carry line breaks, CR, pipes, backticks, HTML, link
// and heading markup, generated at test time (such names cannot all be committed). What the CLI prints
// must show them as text: the Markdown report renders with nothing injected and intact tables, the
// Mermaid parses, the SARIF's uris decode back to the files.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Log } from 'sarif';
import type { StateMap } from '../../src/core/model/types';
import { assertNothingInjected, flat, renderDom, tableRows } from '../unit/render/markdown-dom';
import { parseFlowchart } from '../unit/render/mermaid-parser';
import { analyzeJson, runCli, tempDir } from './run-cli';

const NAMES = [
  'nl\n<img src=x onerror=alert(1)>',
  'cr\r<img src=x onerror=alert(2)>',
  'pipe | a | b',
  'tick ` s ``',
  'link](javascript:alert(3)) [x](y)',
  '# head *star* _u_ ~~s~~',
];

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('analyze on a workspace of hostile names', () => {
  let ws: ReturnType<typeof tempDir>;
  const extra = ['--max-file-size', '4000'];
  let map: StateMap;

  before(() => {
    ws = tempDir();
    write(path.join(ws.dir, 'package.json'), JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }));
    NAMES.forEach((name, i) => {
      const pkg = path.join(ws.dir, 'packages', `${name} ${i}`);
      write(path.join(pkg, 'package.json'), JSON.stringify({ name: `${name} ${i}`, main: 'src/index.ts', dependencies: { express: '^4', ioredis: '^5' } }));
      write(path.join(pkg, 'README.md'), `# ${name}\n\nThis service is stateless.\n`);
      write(path.join(pkg, 'src', 'index.ts'), `import './${name.replace(/[\\'\n\r]/g, (c) => JSON.stringify(c).slice(1, -1))}';\n`);
      write(path.join(pkg, 'src', `${name}.ts`), [
        "import express from 'express';",
        "import Redis from 'ioredis';",
        'const redis = new Redis();',
        'const seen = new Map<string, number>();',
        'const app = express();',
        "app.get('/', async (req, res) => {",
        '  seen.set(req.path, (seen.get(req.path) ?? 0) + 1);',
        `  res.send(await redis.get(${JSON.stringify(`${name}:`)} + req.path));`,
        '});',
        'app.listen(3000);',
        '',
      ].join('\n'));
      write(path.join(pkg, 'src', `big ${name}.ts`), `export const big = ${JSON.stringify('x'.repeat(5000))};\n`);
    });
    map = analyzeJson(ws.dir, extra);
  });
  after(() => ws.cleanup());

  test('the workspace is analyzed as intended: every hostile name is a service, with a store, a hazard and a problem', () => {
    assert.deepEqual(map.services.map((s) => s.name).sort(), NAMES.map((n, i) => `${n} ${i}`).sort());
    assert.equal(map.hazards.length, NAMES.length);
    assert.ok(map.edges.some((e) => e.locations.some((l) => l.target?.includes('<img'))), 'a Redis key with HTML is a target');
    assert.equal(map.problems.length, NAMES.length);
  });

  test('--format markdown renders with nothing injected, intact tables, every name as text', () => {
    const r = runCli(['analyze', ws.dir, '--format', 'markdown', ...extra]);
    assert.equal(r.code, 0, r.stderr);
    const doc = renderDom(r.stdout);
    assertNothingInjected(doc);
    assert.deepEqual(tableRows(doc, ['Service', 'Kind', 'Claim', 'Verdict', 'Stores']).map((row) => flat(row[0])), map.services.map((s) => flat(s.name)));
    const headings = Array.from(doc.querySelectorAll('h2')).map((h) => flat(h.textContent ?? ''));
    for (const s of map.services) assert.ok(headings.includes(flat(`${s.name} (${s.root})`)), `heading of ${JSON.stringify(s.name)}`);
    const evidence = tableRows(doc, ['Store', 'Access', 'Evidence']).map((row) => flat(row[2])).join('\n');
    for (const l of map.edges.flatMap((e) => e.locations)) assert.ok(evidence.includes(flat(`${l.file}:${l.line} ${l.operation}${l.target ? ` (${l.target})` : ''}`)), `evidence ${JSON.stringify(l.file)}`);
    const items = Array.from(doc.querySelectorAll('li')).map((li) => flat(li.textContent ?? ''));
    for (const h of map.hazards) assert.ok(items.some((i) => i.startsWith(flat(`${h.kind} ${h.file}:${h.line} — `))), `hazard in ${JSON.stringify(h.file)}`);
    for (const p of map.problems) assert.ok(items.includes(flat(`${p.file}: ${p.message}`)), `problem ${JSON.stringify(p.file)}`);
  });

  test('--format mermaid parses with one node per service and store', async () => {
    const r = runCli(['analyze', ws.dir, '--format', 'mermaid', ...extra]);
    assert.equal(r.code, 0, r.stderr);
    const db = await parseFlowchart(r.stdout);
    assert.equal(db.getVertices().size, map.services.length + map.stores.filter((s) => s.kind !== 'env').length);
  });

  test('--format sarif: every uri is percent-encoded and decodes to its file', () => {
    const r = runCli(['analyze', ws.dir, '--format', 'sarif', ...extra]);
    assert.equal(r.code, 0, r.stderr);
    const uris = (JSON.parse(r.stdout) as Log).runs[0].results!.flatMap((x) => x.locations ?? []).map((l) => l.physicalLocation!.artifactLocation!.uri!);
    assert.ok(uris.length >= map.hazards.length);
    for (const u of uris) assert.doesNotMatch(u, /[\s<>|`#\[\]]/u, u);
    const files = new Set([...map.hazards.map((h) => h.file), ...map.services.flatMap((s) => s.claim.sources.map((c) => c.file))]);
    for (const u of uris) assert.ok(files.has(decodeURIComponent(u)), decodeURIComponent(u));
  });
});

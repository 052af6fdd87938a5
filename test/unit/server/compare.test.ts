// Compare with Branch in the language server (dist/server.js over stdio): a small git repository whose
// working tree adds a Redis write. The compare request answers the added finding with its place, marks
// nothing of the code the change did not touch, keeps the claim broken on the base apart, and hovers on
// the new line (only there) say "new in this branch". A folder outside git and an unknown ref are refused
// with a message a person can act on.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { URI } from 'vscode-uri';
import type { BranchList, CompareInfo, ViewResult } from '../../../src/protocol/messages';
import { SERVER, startServer, type TestClient } from './lspClient';

const skip = fs.existsSync(SERVER) ? false : 'dist/server.js is not built (npm run build)';
const CAPS = { window: { workDoneProgress: true }, textDocument: { hover: { contentFormat: ['markdown'] } } };

const SERVER_TS = `import express from 'express';
import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL);
const seen = new Map<string, number>();
const app = express();

app.get('/carts/:id', async (req, res) => {
  if (seen.size < 10_000) seen.set(req.params.id, Date.now());
  res.json(await redis.get(\`cart:\${req.params.id}\`));
});

app.listen(3000);
`;

const NEW_LINE = "  await redis.set(`visits:${req.params.id}`, '1');";

function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

/** A git repository: a service that claims statelessness but keeps a Map (broken on the base already); the working tree adds a Redis write. */
function repo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-compare-'));
  write(dir, 'package.json', JSON.stringify({ name: 'cart-api', main: 'src/server.ts', scripts: { start: 'node src/server.ts' }, dependencies: { express: '4', ioredis: '5' } }, null, 2));
  write(dir, 'README.md', '# cart-api\n\nThis service is stateless.\n');
  write(dir, 'src/server.ts', SERVER_TS);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  write(dir, 'src/server.ts', SERVER_TS.replace("  res.json(await redis.get(", `${NEW_LINE}\n  res.json(await redis.get(`));
  return dir;
}

describe('Compare with Branch in the server', { skip }, () => {
  let dir: string;
  let plain: string;
  let c: TestClient;
  const folder = () => URI.file(dir).toString();
  const file = () => URI.file(path.join(dir, 'src/server.ts')).toString();
  before(async () => {
    dir = repo();
    plain = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-nogit-'));
    write(plain, 'package.json', JSON.stringify({ name: 'plain', dependencies: { ioredis: '5' } }));
    write(plain, 'index.ts', "import Redis from 'ioredis';\nnew Redis().get('k');\n");
    c = await startServer([dir, plain], CAPS);
    await c.waitFor('stateMap/mapChanged', (p: { folder: string }) => p.folder === folder(), 60_000);
  });
  after(async () => {
    await c?.stop();
    for (const d of [dir, plain]) fs.rmSync(d, { recursive: true, force: true });
  });

  test('the branches: main, offered first', async () => {
    const list = await c.conn.sendRequest<BranchList>('stateMap/branches', { folder: folder() });
    assert.deepEqual(list.branches, ['main']);
    assert.equal(list.default, 'main');
  });

  test('the added Redis write, at its place in the working tree; nothing for code the change did not touch', async () => {
    const info = await c.conn.sendRequest<CompareInfo>('stateMap/compare', { folder: folder(), ref: 'main', workDoneToken: 'cmp-1' });
    assert.equal(info.base, 'main');
    assert.equal(info.head, 'working tree');
    const added = info.items.filter((i) => i.change === 'added');
    assert.equal(added.length, 1, JSON.stringify(info.items, null, 2));
    assert.equal(added[0].rule, 'store-access');
    assert.match(added[0].text, /writes Redis: set visits:/);
    assert.equal(added[0].where, 'src/server.ts:10');
    assert.equal(added[0].uri, file());
    assert.deepEqual(added[0].range?.start, { line: 9, character: 8 });
    // the Redis read, the Map and the claim were there before: not added, not removed
    assert.deepEqual(info.items.filter((i) => i.change === 'removed'), []);
    assert.deepEqual(info.counts, { added: 1, removed: 0, alreadyBroken: 1, brokenByChange: 0 });
    const claim = info.items.find((i) => i.rule === 'broken-claim');
    assert.equal(claim?.change, 'already-broken');
    assert.match(claim!.text, /already broken on the base, not by this change/);
    // progress came on the client's token
    const progress = c.notifications.filter((n) => n.method === '$/progress' && (n.params as { token: string }).token === 'cmp-1');
    assert.ok(progress.length >= 2, 'work-done progress on the token');
  });

  test('the panel view is the change: the edge with the new write marked in words, the claim already broken too', async () => {
    const view = await c.conn.sendRequest<ViewResult>('stateMap/view', { folder: folder() });
    assert.ok(view.compare, 'the view carries the comparison');
    // Redis was read only: the new write changes the edge's access, and the label says which operation did
    assert.match(view.mermaid ?? '', /\|"✎ was read, \+1 new operation · read\/write ×2"\|/);
    assert.match(view.mermaid ?? '', /⚠ claim already broken on the base/);
    assert.match(view.mermaid ?? '', /linkStyle \d+ stroke:#d80,stroke-width:3px/);
  });

  test('a hover on the new line says "new in this branch"; one on an unchanged line does not', async () => {
    const hover = (line: number, character: number) => c.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: file() }, position: { line, character } });
    const fresh = await hover(9, 16);
    assert.match(fresh?.contents.value ?? '', /New in this branch\*\* \(not on main\)/);
    assert.match(fresh?.contents.value ?? '', /\*\*Redis\*\* · write · `set`/);
    const old = await hover(10, 24);
    assert.match(old?.contents.value ?? '', /\*\*Redis\*\* · read · `get`/);
    assert.doesNotMatch(old?.contents.value ?? '', /New in this branch/);
  });

  test('an edit after the comparison: the view says the comparison is older than the code', async () => {
    const text = fs.readFileSync(path.join(dir, 'src/server.ts'), 'utf8');
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: file(), languageId: 'typescript', version: 1, text: `${text}\nvoid redis.del('x');\n` } });
    const until = Date.now() + 30_000;
    let note = '';
    while (Date.now() < until && !/code changed since this comparison/.test(note)) {
      await new Promise((r) => setTimeout(r, 200));
      note = (await c.conn.sendRequest<ViewResult>('stateMap/view', { folder: folder() })).note ?? '';
    }
    assert.match(note, /The code changed since this comparison: run Compare with Branch again/);
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri: file() } });
  });

  test('back to the map: the view is the map again, and hovers no longer compare', async () => {
    await c.conn.sendRequest('stateMap/compareEnd', { folder: folder() });
    const view = await c.conn.sendRequest<ViewResult>('stateMap/view', { folder: folder() });
    assert.equal(view.compare, undefined);
    assert.doesNotMatch(view.mermaid ?? '', /\+ new|\+\d+ new operation|linkStyle/);
    const h = await c.conn.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: file() }, position: { line: 9, character: 16 } });
    assert.doesNotMatch(h?.contents.value ?? '', /New in this branch/);
  });

  test('an unknown ref, and a folder outside git, are refused with a message that says so', async () => {
    await assert.rejects(c.conn.sendRequest('stateMap/compare', { folder: folder(), ref: 'no-such-branch' }), /no branch, tag or commit is called "no-such-branch"/);
    await assert.rejects(c.conn.sendRequest('stateMap/compare', { folder: folder(), ref: '--output=/tmp/x' }), /must name a git ref/);
    const other = URI.file(plain).toString();
    await assert.rejects(c.conn.sendRequest('stateMap/compare', { folder: other, ref: 'main' }), /is not in a git repository: Compare with Branch compares/);
    await assert.rejects(c.conn.sendRequest('stateMap/branches', { folder: other }), /is not in a git repository/);
  });
});

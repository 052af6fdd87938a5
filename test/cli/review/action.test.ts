// The GitHub Action's scripts, run here as Actions runs them: a fake GITHUB_EVENT_PATH and a stub of
// the GitHub REST API on localhost. (The Action itself, setup-node, code scanning upload and artifacts
// run only on GitHub; see the README.)
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, test } from 'node:test';
import YAML from 'yaml';
import { tempDir } from '../run-cli';

const ROOT = path.join(__dirname, '..', '..', '..');
const SCRIPTS = path.join(ROOT, 'scripts', 'action');

interface Call { method: string; url: string; body?: { body: string } }

/** A stub API: `comments` per page; records every call. */
async function stub(pages: Array<Array<{ id: number; body: string }>>, fail?: number): Promise<{ url: string; calls: Call[]; close(): void }> {
  const calls: Call[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      calls.push({ method: req.method!, url: req.url!, ...(data ? { body: JSON.parse(data) } : {}) });
      assert.equal(req.headers.authorization, 'Bearer t0ken');
      if (fail) return void res.writeHead(fail).end('{"message":"Resource not accessible by integration"}');
      const page = Number(new URL(req.url!, 'http://x').searchParams.get('page') ?? 1);
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.method === 'GET' ? pages[page - 1] ?? [] : { id: 99 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, calls, close: () => server.close() };
}

function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(SCRIPTS, script), ...args], { env: { PATH: process.env.PATH!, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function files(t: { after(fn: () => void): void }, event: unknown) {
  const tmp = tempDir();
  t.after(() => tmp.cleanup());
  const eventPath = path.join(tmp.dir, 'event.json');
  fs.writeFileSync(eventPath, JSON.stringify(event));
  const comment = path.join(tmp.dir, 'comment.md');
  fs.writeFileSync(comment, '<!-- state-map -->\n# State map: working tree vs main\n');
  return { eventPath, comment };
}

const PR = { pull_request: { number: 7, base: { sha: 'abc123' } } };

describe('scripts/action/comment.mjs against a stub GitHub API', () => {
  test('no State Map comment yet: one is created', async (t) => {
    const api = await stub([[{ id: 1, body: 'LGTM' }]]);
    t.after(() => api.close());
    const { eventPath, comment } = files(t, PR);
    const r = await run('comment.mjs', [comment], { GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_TOKEN: 't0ken' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(api.calls.map((c) => `${c.method} ${c.url}`), ['GET /repos/acme/shop/issues/7/comments?per_page=100&page=1', 'POST /repos/acme/shop/issues/7/comments']);
    assert.match(api.calls[1].body!.body, /^<!-- state-map -->\n# State map/);
  });

  test('the marked comment, on the second page, is updated: one comment per pull request', async (t) => {
    const page1 = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: `comment ${i}` }));
    const api = await stub([page1, [{ id: 512, body: '<!-- state-map -->\nold' }]]);
    t.after(() => api.close());
    const { eventPath, comment } = files(t, PR);
    const r = await run('comment.mjs', [comment], { GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_TOKEN: 't0ken' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(api.calls.map((c) => `${c.method} ${c.url}`).slice(1), ['GET /repos/acme/shop/issues/7/comments?per_page=100&page=2', 'PATCH /repos/acme/shop/issues/comments/512']);
    assert.match(r.stdout, /updated comment 512 on #7/);
  });

  test('a push event: no comment, no call, success', async (t) => {
    const api = await stub([[]]);
    t.after(() => api.close());
    const { eventPath, comment } = files(t, { ref: 'refs/heads/main', before: 'f00' });
    const r = await run('comment.mjs', [comment], { GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_TOKEN: 't0ken' });
    assert.equal(r.code, 0);
    assert.deepEqual(api.calls, []);
  });

  test('a token without rights: exit 1 with the API\'s answer', async (t) => {
    const api = await stub([[]], 403);
    t.after(() => api.close());
    const { eventPath, comment } = files(t, PR);
    const r = await run('comment.mjs', [comment], { GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'acme/shop', GITHUB_TOKEN: 't0ken' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /403 .*Resource not accessible by integration/);
  });
});

describe('action.yml and scripts/action/base.mjs', () => {
  test('the base is the pull request\'s base commit; an explicit input wins', async (t) => {
    const { eventPath } = files(t, PR);
    assert.equal((await run('base.mjs', [], { GITHUB_EVENT_PATH: eventPath })).stdout, 'abc123\n');
    assert.equal((await run('base.mjs', [], { GITHUB_EVENT_PATH: eventPath, INPUT_BASE: 'develop' })).stdout, 'develop\n');
  });

  test('a composite action on Node 20 that runs diff, comments, uploads SARIF and the map, and gates', () => {
    const action = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
    assert.equal(action.runs.using, 'composite');
    const steps = action.runs.steps as Array<{ uses?: string; with?: Record<string, unknown>; run?: string }>;
    assert.equal(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'], 20);
    assert.ok(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')));
    assert.ok(steps.some((s) => s.uses?.startsWith('actions/upload-artifact@')));
    const script = steps.map((s) => s.run ?? '').join('\n');
    assert.match(script, /sm diff "\$base"/);
    assert.match(script, /scripts\/action\/comment\.mjs/);
    // inputs are never spliced into a shell script
    assert.doesNotMatch(script, /\$\{\{\s*inputs\./);
  });
});

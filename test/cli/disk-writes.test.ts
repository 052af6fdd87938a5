// A service that writes to its own disk keeps state there once, however many places write: one
// local-file-write hazard per service (per fate of the file), its other writes listed as its places.
// Fixture: disk-writes-one-service, an Express API that saves uploads in one module and CSV exports
// and an audit log in another, all at request time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeJson, fixture, runCli } from './run-cli';
import { analyzeFiles } from '../helpers/workspace';

test('three request-time writes in two modules are one hazard of the service, with its other places', () => {
  const map = analyzeJson(fixture('disk-writes-one-service'));
  const disk = map.hazards.filter((h) => h.kind === 'local-file-write');
  assert.equal(disk.length, 1);
  const [h] = disk;
  assert.equal(`${h.file}:${h.line}`, 'src/exports.ts:8');
  assert.deepEqual(h.also?.map((a) => `${a.file}:${a.line}`), ['src/exports.ts:13', 'src/uploads.ts:8']);
  assert.match(h.message, /writes to its own disk in 3 places \(2 files\)/);
  assert.equal(h.confidence, 'high');
  // the handler that reaches the first write, then the others
  assert.deepEqual(h.evidence?.filter((e) => e.what === 'also writes here').map((e) => `${e.file}:${e.line}`), ['src/exports.ts:13', 'src/uploads.ts:8']);
  assert.equal(map.services[0].verdict, 'in-process-state');
});

test('the Markdown report lists the other places after the hazard', () => {
  const r = runCli(['analyze', fixture('disk-writes-one-service'), '--format', 'markdown', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const line = r.stdout.split('\n').find((l) => l.startsWith('- **local-file-write**'));
  assert.ok(line, r.stdout);
  assert.match(line, /`src\/exports\.ts:8`.*Also: `src\/exports\.ts:13`, `src\/uploads\.ts:8`\.$/);
  assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('- **local-file-write**')).length, 1);
});

test('uploads a multer engine keeps on disk and a file the code writes have one fate: one hazard', () => {
  const map = analyzeFiles({
    'package.json': JSON.stringify({ name: 'docs-api', scripts: { start: 'node src/server.js' }, dependencies: { express: '^4', multer: '^1' } }),
    'src/server.ts': [
      "import express from 'express';",
      "import multer from 'multer';",
      "import { promises as fs } from 'node:fs';",
      "const upload = multer({ storage: multer.diskStorage({ destination: './hotdir' }) });",
      'const app = express();',
      "app.post('/docs', upload.single('file'), (req, res) => res.json({ ok: true }));",
      "app.put('/settings', async (req, res) => { await fs.writeFile('./.env', String(req.body.env)); res.json({ ok: true }); });",
      'app.listen(3000);',
      '',
    ].join('\n'),
  });
  const disk = map.hazards.filter((h) => h.kind === 'local-file-write');
  assert.deepEqual(disk.map((h) => `${h.file}:${h.line} also ${(h.also ?? []).map((a) => `${a.file}:${a.line}`).join(',')}`), ['src/server.ts:4 also src/server.ts:7']);
  assert.match(disk[0].message, /writes to its own disk in 2 places \(1 file\)/);
});

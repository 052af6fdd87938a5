import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lines, scan } from '../../helpers/entry-cases';
import { analyzeFiles, locationSummary } from '../../helpers/workspace';

// One describe per entry of src/catalog/entries/local.ts: a use written as the library's docs show
// it, and a look-alike that must not be reported. Writes to the local disk are local-file-write hazards.

describe('fs', () => {
  test('writeFileSync writes (a local-file-write hazard), readFileSync reads', () => {
    const { locations, hazards } = scan(
      lines(
        "import express from 'express';",
        "import fs from 'node:fs';",
        'const app = express();',
        "app.post('/upload', (req, res) => {",
        "  const index = JSON.parse(fs.readFileSync('uploads/index.json', 'utf8'));",
        "  fs.writeFileSync('uploads/index.json', JSON.stringify({ ...index, [req.body.name]: true }));",
        '  res.sendStatus(201);',
        '});',
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:5 filesystem read fs', 'src/app.ts:6 filesystem write fs']);
    assert.deepEqual(hazards, ['src/app.ts:6 local-file-write']);
  });

  test('fs/promises named imports, fs.promises and streams', () => {
    const { locations, hazards } = scan(
      lines(
        "import { readFile, appendFile } from 'node:fs/promises';",
        "import * as fs from 'fs';",
        'export async function log(line: string) {',
        "  await appendFile('app.log', line + '\\n');",
        "  const all = await readFile('app.log', 'utf8');",
        "  await fs.promises.mkdir('archive', { recursive: true });",
        "  fs.createWriteStream('archive/app.log').end(all);",
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 filesystem write fs', 'src/app.ts:5 filesystem read fs', 'src/app.ts:6 filesystem write fs', 'src/app.ts:7 filesystem write fs']);
    // creating a folder is set-up, not stored data: mkdir is a write but not a hazard
    assert.deepEqual(hazards, ['src/app.ts:4 local-file-write'], 'one place of state per file: line 7 is its evidence');
  });

  test('look-alike: a writeFile method of an unrelated object and a local module named fs', () => {
    const { locations, hazards } = scan(
      lines(
        "import { writeFile } from './fs';",
        'const zip = { writeFile: (_name: string, _data: string) => {} };',
        "export function f() { zip.writeFile('a.txt', 'x'); writeFile('b.txt'); }",
      ),
      { 'src/fs.ts': lines('export const writeFile = (_name: string) => undefined;') },
    );
    assert.deepEqual(locations, []);
    assert.deepEqual(hazards, []);
  });

  test('look-alike: a CLI writing files is not a replica hazard', () => {
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'tool', version: '1.0.0', bin: { tool: 'dist/cli.js' } }),
      'src/cli.ts': lines("import fs from 'node:fs';", "fs.writeFileSync('report.md', '# Report');"),
    });
    assert.deepEqual(locationSummary(map), ['src/cli.ts:2 filesystem write fs']);
    assert.deepEqual(map.hazards, []);
  });
});

describe('fs-extra', () => {
  test('outputJson and remove write, readJson reads', () => {
    const { locations, hazards } = scan(
      lines(
        "const fs = require('fs-extra');",
        'export async function f(file: string) {',
        "  await fs.outputJson(file, { name: 'JP' });",
        '  const data = await fs.readJson(file);',
        "  await fs.remove('/tmp/myfile');",
        '  return data;',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 filesystem write fs-extra', 'src/app.ts:4 filesystem read fs-extra', 'src/app.ts:5 filesystem write fs-extra']);
    assert.deepEqual(hazards, ['src/app.ts:3 local-file-write']);
  });

  test('look-alike: reading only raises no hazard', () => {
    const { locations, hazards } = scan(lines("import fse from 'fs-extra';", "export const exists = () => fse.pathExists('/tmp/this/path/does/not/exist');"));
    assert.deepEqual(locations, ['src/app.ts:2 filesystem read fs-extra']);
    assert.deepEqual(hazards, []);
  });
});

describe('fs-promise', () => {
  test("fs and fs-extra with promises (fs-promise, mz/fs): an upload appended and its metadata written", () => {
    const { locations, hazards } = scan(
      lines(
        "const fsp = require('fs-promise');",
        "import { readFile } from 'mz/fs';",
        'export async function append(file: string, info: object) {',
        "  const ws = fsp.createWriteStream(file, { flags: 'a' });",
        "  await fsp.writeJson(file + '.json', info);",
        "  return [ws, await readFile(file + '.json', 'utf8')];",
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 filesystem write fs-promise', 'src/app.ts:5 filesystem write fs-promise', 'src/app.ts:6 filesystem read fs-promise']);
    assert.deepEqual(hazards, ['src/app.ts:4 local-file-write'], 'the writes to its own disk are one hazard of the service');
  });
});

describe('graceful-fs', () => {
  test('the drop-in fs: readFile reads, writeFile writes', () => {
    const { locations, hazards } = scan(
      lines(
        "const fs = require('graceful-fs');",
        "fs.readFile('some-file-or-whatever', (err: unknown, data: Buffer) => {});",
        "export const save = (d: string) => fs.writeFile('out.txt', d, () => {});",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 filesystem read graceful-fs', 'src/app.ts:3 filesystem write graceful-fs']);
    assert.deepEqual(hazards, ['src/app.ts:3 local-file-write']);
  });

  test('look-alike: gracefulify patches fs, it touches no file', () => {
    const { locations } = scan(lines("import realFs from 'fs';", "import gracefulFs from 'graceful-fs';", 'gracefulFs.gracefulify(realFs);'));
    assert.deepEqual(locations, []);
  });
});

describe('jsonfile', () => {
  test('writeFile writes, readFileSync reads', () => {
    const { locations, hazards } = scan(
      lines("import jsonfile from 'jsonfile';", "export const save = (obj: object) => jsonfile.writeFile('/var/app/data.json', obj);", "export const load = () => jsonfile.readFileSync('/var/app/data.json');"),
    );
    assert.deepEqual(locations, ['src/app.ts:2 filesystem write jsonfile', 'src/app.ts:3 filesystem read jsonfile']);
    assert.deepEqual(hazards, ['src/app.ts:2 local-file-write']);
  });

  test('look-alike: JSON.parse of a string is not a file', () => {
    const { locations } = scan(lines("import jsonfile from 'jsonfile';", "export const parse = (s: string) => JSON.parse(s);", 'export { jsonfile };'));
    assert.deepEqual(locations, []);
  });
});

describe('write-file-atomic', () => {
  test('the module called as a function, and its sync variant, write', () => {
    const { locations, hazards } = scan(
      lines(
        "import writeFileAtomic from 'write-file-atomic';",
        "export const save = (data: string) => writeFileAtomic('state.json', data, { chown: { uid: 100, gid: 50 } });",
        "export const saveSync = (data: string) => writeFileAtomic.sync('state.json', data);",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:2 filesystem write write-file-atomic', 'src/app.ts:3 filesystem write write-file-atomic']);
    assert.deepEqual(hazards, ['src/app.ts:2 local-file-write']);
  });

  test('look-alike: a function of the same name from a local module', () => {
    const { locations } = scan(lines("import writeFileAtomic from './atomic';", "writeFileAtomic('x', 'y');"), {
      'src/atomic.ts': lines('export default function writeFileAtomic(_f: string, _d: string) {}'),
    });
    assert.deepEqual(locations, []);
  });
});

describe('mkdirp', () => {
  test('named (v1+) and default (v0) forms create directories', () => {
    const { locations, hazards } = scan(
      lines(
        "import { mkdirp } from 'mkdirp';",
        "const mkdirpLegacy = require('mkdirp');",
        "export const a = () => mkdirp('/tmp/foo/bar/baz');",
        "export const b = () => mkdirp.sync('/tmp/foo/bar/baz');",
        "export const c = () => mkdirpLegacy('/tmp/foo', () => {});",
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 filesystem write mkdirp', 'src/app.ts:4 filesystem write mkdirp', 'src/app.ts:5 filesystem write mkdirp']);
    // creating folders is set-up, not stored data
    assert.deepEqual(hazards, []);
  });

  test('look-alike: a path string that names mkdirp', () => {
    const { locations } = scan(lines("import path from 'node:path';", "export const where = path.join('node_modules', 'mkdirp');"));
    assert.deepEqual(locations, []);
  });
});

describe('rimraf', () => {
  test('rimraf(path) and rimrafSync delete files', () => {
    const { locations, hazards } = scan(
      lines("import { rimraf, rimrafSync } from 'rimraf';", "export const clean = () => rimraf('/var/app/build');", "export const cleanSync = () => rimrafSync('/var/app/build');"),
    );
    assert.deepEqual(locations, ['src/app.ts:2 filesystem write rimraf', 'src/app.ts:3 filesystem write rimraf']);
    assert.deepEqual(hazards, ['src/app.ts:2 local-file-write']);
  });

  test('look-alike: a clean() helper of the app', () => {
    const { locations } = scan(lines('const rimraf = (p: string) => p.trim();', "export const clean = () => rimraf(' /tmp ');"));
    assert.deepEqual(locations, []);
  });
});

describe('sharp', () => {
  test('toFile saves the processed image on the local disk', () => {
    const { locations, hazards } = scan(
      lines(
        "import sharp from 'sharp';",
        'export async function saveAvatar(id: string, upload: Buffer) {',
        '  await sharp(upload).resize(256, 256).toFile(`public/avatars/${id}.webp`);',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 filesystem write sharp']);
    assert.deepEqual(hazards, ['src/app.ts:3 local-file-write']);
  });

  test('look-alike: toBuffer keeps the image in memory', () => {
    const { locations } = scan(lines("import sharp from 'sharp';", 'export const thumb = (b: Buffer) => sharp(b).resize(64).toBuffer();'));
    assert.deepEqual(locations, []);
  });
});

describe('jimp', () => {
  test('an image read with Jimp.read and written to a path', () => {
    const { locations, hazards } = scan(
      lines(
        "import Jimp from 'jimp';",
        'export async function saveCover(id: string, upload: Buffer) {',
        '  const img = await Jimp.read(upload);',
        '  await img.resize(920, Jimp.AUTO).quality(80).writeAsync(`./public/events/${id}.jpg`);',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:4 filesystem write jimp']);
    assert.deepEqual(hazards, ['src/app.ts:4 local-file-write']);
  });
});

describe('proper-lockfile', () => {
  test('lock writes a lock on the local disk, check reads it', () => {
    const { locations, hazards } = scan(
      lines(
        "import lockfile from 'proper-lockfile';",
        'export async function withLock(file: string) {',
        '  const release = await lockfile.lock(file);',
        '  const locked = await lockfile.check(file);',
        '  await release();',
        '  return locked;',
        '}',
      ),
    );
    assert.deepEqual(locations, ['src/app.ts:3 filesystem write proper-lockfile', 'src/app.ts:4 filesystem read proper-lockfile']);
    assert.deepEqual(hazards, ['src/app.ts:3 local-file-write']);
  });

  test('look-alike: a Redis-backed lock named lock', () => {
    const { locations } = scan(lines('const locks = { lock: async (_k: string) => () => undefined };', "export const f = async () => (await locks.lock('job'))();"));
    assert.deepEqual(locations, []);
  });
});

describe('env', () => {
  test('process.env and import.meta.env reads, an assignment writes', () => {
    const map = analyzeFiles({
      'src/config.ts': lines(
        'export const url = process.env.DATABASE_URL;',
        "export const api = import.meta.env.VITE_API_URL;",
        "process.env.TZ = 'UTC';",
        "export const port = Deno.env.get('PORT');",
      ),
    });
    assert.deepEqual(locationSummary(map, { env: true }), [
      'src/config.ts:1 env read env',
      'src/config.ts:2 env read env',
      'src/config.ts:3 env write env',
      'src/config.ts:4 env read env',
    ]);
    assert.deepEqual(locationSummary(map), [], 'env is left out of the default summaries');
  });

  test('look-alike: a local object named env and a parameter named process', () => {
    const map = analyzeFiles({
      'src/config.ts': lines('const env = { PORT: 3000 };', 'export const port = env.PORT;', 'export const pid = (process: { env: { X?: string } }) => process.env.X;'),
    });
    assert.deepEqual(locationSummary(map, { env: true }), []);
  });
});

describe('Bun.write', () => {
  test("an upload written with Bun's file API: a local file write", () => {
    const { locations, hazards } = scan(
      lines(
        "import { Elysia } from 'elysia';",
        'const app = new Elysia();',
        "app.post('/upload', async ({ body }: { body: { name: string; file: Blob } }) => {",
        '  await Bun.write(`./data/uploads/${body.name}`, body.file);',
        "  return 'ok';",
        '});',
        'app.listen(3000);',
      ),
    );
    assert.deepEqual(locations.filter((l) => l.includes('filesystem')), ['src/app.ts:4 filesystem write Bun.write']);
    assert.deepEqual(hazards, ['src/app.ts:4 local-file-write']);
  });

  test('look-alike: a write method of another object', () => {
    const { locations } = scan(lines('const out = { write: (_s: string) => undefined };', "export const f = () => out.write('x');"));
    assert.deepEqual(locations, []);
  });
});

describe('Bun.file', () => {
  test('a file read with Bun.file', () => {
    const { locations, hazards } = scan(lines("export const readConfig = async () => Bun.file('./config.json').json();"));
    assert.deepEqual(locations, ['src/app.ts:1 filesystem read Bun.file']);
    assert.deepEqual(hazards, []);
  });
});

describe('@parse/fs-files-adapter', () => {
  test('Parse Server given a files adapter on the local disk writes uploads there', () => {
    const { locations, hazards } = scan(
      lines(
        "const { ParseServer } = require('parse-server');",
        "const FSFilesAdapter = require('@parse/fs-files-adapter');",
        "const filesAdapter = new FSFilesAdapter({ filesSubDirectory: 'files' });",
        'module.exports = new ParseServer({ databaseURI: process.env.DATABASE_URI, filesAdapter });',
      ),
    );
    assert.ok(locations.includes('src/app.ts:3 filesystem write @parse/fs-files-adapter'), locations.join('\n'));
    assert.deepEqual(hazards, ['src/app.ts:3 local-file-write']);
  });

  test('look-alike: a class of the app named FSFilesAdapter', () => {
    const { locations } = scan(lines('class FSFilesAdapter { constructor(readonly dir: string) {} }', "export const adapter = new FSFilesAdapter('files');"));
    assert.deepEqual(locations, []);
  });
});

describe('@parse/s3-files-adapter and @parse/gcs-files-adapter', () => {
  test('files adapters for object storage: the bucket is written, nothing local', () => {
    const s3 = scan(lines("const S3Adapter = require('@parse/s3-files-adapter');", "export const filesAdapter = new S3Adapter({ bucket: process.env.S3_BUCKET });"));
    assert.deepEqual(s3.locations, ['src/app.ts:2 s3 write @parse/s3-files-adapter']);
    assert.deepEqual(s3.hazards, []);
    const gcs = scan(lines("import GCSAdapter from '@parse/gcs-files-adapter';", "export const filesAdapter = new GCSAdapter({ bucket: 'uploads' });"));
    assert.deepEqual(gcs.locations, ['src/app.ts:2 gcs write @parse/gcs-files-adapter']);
  });

  test('look-alike: an S3Adapter class of the app', () => {
    const { locations } = scan(lines('class S3Adapter { constructor(readonly bucket: string) {} }', "export const a = new S3Adapter('x');"));
    assert.deepEqual(locations, []);
  });
});

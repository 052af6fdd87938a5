// discover's readers on what an untrusted workspace can put behind a path: files whose size lies,
// devices, FIFOs; and the glob matcher that stands in for picomatch over long ignore lists.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { globMatcher, readText } from '../../../../src/core/discover/files';
import { analyzeFiles } from '../../../helpers/workspace';

const MB = 1024 * 1024;

describe('readText reads at most maxFileSize + 1 bytes of a regular file', () => {
  test('/proc/self/pagemap (size 0 when listed, endless when read) is over the limit, not read whole', { skip: !fs.existsSync('/proc/self/pagemap') && 'no /proc' }, () => {
    assert.deepEqual(readText('/proc/self/pagemap', 'src/pagemap.ts', 0, MB), { problem: { file: 'src/pagemap.ts', message: 'skipped: over maxFileSize (1.0 MB) when read' } });
  });

  test('a file larger than its listed size (it grew since) is measured again when opened', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-read-'));
    try {
      fs.writeFileSync(path.join(dir, 'big.ts'), 'x'.repeat(5000));
      assert.deepEqual(readText(path.join(dir, 'big.ts'), 'big.ts', 10, 1000), { problem: { file: 'big.ts', message: 'skipped: 5 KB is over maxFileSize (1000 B)' } });
      assert.equal(readText(path.join(dir, 'big.ts'), 'big.ts', 10, 5000).text?.length, 5000, 'exactly the limit is still read');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a device is not a regular file', { skip: !fs.existsSync('/dev/zero') && 'no /dev/zero' }, () => {
    assert.deepEqual(readText('/dev/zero', 'src/zero.ts', 0, MB), { problem: { file: 'src/zero.ts', message: 'skipped: not a regular file' } });
  });

  test('a FIFO is refused at once, without waiting for a writer', { skip: process.platform === 'win32' && 'no FIFOs' }, (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-read-'));
    try {
      const fifo = path.join(dir, 'pipe.ts');
      if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo failed');
      assert.deepEqual(readText(fifo, 'pipe.ts', 0, MB), { problem: { file: 'pipe.ts', message: 'skipped: not a regular file' } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('globMatcher', () => {
  // small alphabets so that globs and paths often meet
  const segment = fc.constantFrom('a', 'b', 'src', '.git', 'x.ts', 'a.test.ts');
  const globPart = fc.constantFrom('a', 'b', 'src', '*', '**', '*.ts', '.git', '{a,b}', 'a?', '[ab]', '!(a)', '@(src|b)');
  const glob = fc.tuple(fc.constantFrom('', '!', './'), fc.array(globPart, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '/'))
    .map(([pre, parts, post]) => pre + parts.join('/') + post);
  const rel = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('', '/', '/x')).map(([parts, tail]) => parts.join('/') + tail);

  test('says what picomatch says, for any globs and paths', () => {
    fc.assert(fc.property(fc.array(glob, { minLength: 1, maxLength: 6 }), fc.array(rel, { minLength: 1, maxLength: 8 }), (globs, rels) => {
      const ours = globMatcher(globs);
      const theirs = picomatch(globs, { dot: true });
      for (const r of rels) assert.equal(ours(r), theirs(r), `${JSON.stringify(globs)} on ${r}`);
    }), { numRuns: 300 });
  });
});

describe('the include option', () => {
  test('an empty include glob is reported and the other include globs still apply', () => {
    const redis = `import Redis from 'ioredis';\nconst r = new Redis();\nexport const get = () => r.get('k');\n`;
    const map = analyzeFiles({ 'package.json': '{"name":"app","dependencies":{"ioredis":"5"}}', 'src/a.ts': redis, 'lib/b.ts': redis }, { include: ['', 'src/**'] });
    assert.deepEqual(map.problems, [{ file: '.', message: 'the include option: an empty glob skipped (an empty glob matches nothing)' }]);
    assert.deepEqual(map.edges.flatMap((e) => e.locations.map((l) => l.file)), ['src/a.ts']);
  });
});

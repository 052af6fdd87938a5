// Hostile source text at the command line: code nested deeper than the call stack allows still gives
// an exit 0, its file's other facts, and a problem that says what was left out.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { StateMap } from '../../src/core/model/types';
import { analyzeJson, locations, tempDir } from './run-cli';

/** `n` copies of `item`, twenty to a line (one very long line would make the file look minified). */
const lines = (item: string, n: number) => Array.from({ length: n }, (_, i) => item + (i % 20 === 19 ? '\n' : '')).join('');

describe('analyze on a file nested deeper than the call stack', () => {
  let ws: { dir: string; cleanup(): void };
  let map: StateMap;
  before(() => {
    ws = tempDir();
    const files: Record<string, string> = {
      'package.json': JSON.stringify({ name: 'deep-app', version: '1.0.0', dependencies: { ioredis: '5' } }),
      'src/index.ts': [
        "import Redis from 'ioredis';",
        'const redis = new Redis();',
        "redis.set('k', 1);",
        // a 2,000-term `+` chain: the parser reads it, a recursive walk of its tree did not
        `export const sum = redis.get('sum') + ${lines('a + ', 2000)}1;`,
        // 2,000 nested arrays: too deep for the parser itself
        `export const nested = ${lines('[', 2000)}1${lines(']', 2000)};`,
        "export const after = redis.get('after');",
      ].join('\n'),
    };
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(ws.dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(ws.dir, rel), text);
    }
    map = analyzeJson(ws.dir);
  });
  after(() => ws.cleanup());

  test('the Redis write at the top and the reads around the deep parts are kept', () => {
    // the chain fills lines 4 to 104, the arrays' 4,000 brackets the 200 lines after it
    const at = locations(map, map.services[0]?.id ?? '', 'redis');
    assert.deepEqual(at.map((l) => l.replace(/ \S+$/, '')).sort(), ['src/index.ts:3 write', 'src/index.ts:4 read', `src/index.ts:${105 + 200 + 1} read`].sort());
  });

  test('the problem says where the nesting was cut and what was left out', () => {
    // the arrays start on line 105, after the chain's 100 line breaks; the 201st `[` is ten lines further down
    assert.deepEqual(map.problems.map((p) => `${p.file}: ${p.message}`), [
      `src/index.ts: nesting deeper than 200 levels at line ${105 + 10}: facts below it are not analysed`,
    ]);
  });
});

/**
 * Deep syntax must not cost a file its facts. The parser reads some constructs in a loop (operator
 * chains, member chains, qualified names), so their trees are as deep as the code is long; the walk
 * over them must not run out of call stack. Each case also has a Redis call at the bottom of the deep
 * part, to show that the facts down there are kept, not just those around it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles, locationSummary } from '../../../helpers/workspace';

const REDIS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.set('k', 1);\n";
const pkg = JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { ioredis: '5' } });

function analyzeDeep(body: string): { locations: string[]; problems: string[] } {
  const map = analyzeFiles({ 'package.json': pkg, 'src/index.ts': REDIS + body + '\n' });
  return { locations: locationSummary(map), problems: map.problems.map((p) => `${p.file}: ${p.message}`) };
}

const N = 3000;
/** `n` copies of `item`, a few to a line: a long line alone makes the file look minified, and skipped. */
const chain = (item: string, sep: string, n = N) => Array.from({ length: n }, (_, i) => item + (i % 20 === 19 ? '\n' : '')).join(sep);
const cases: Record<string, string> = {
  'a `+` chain': `export const x = redis.get('deep') + ${chain('a', ' + ')};`,
  'a string concatenation': `export const x = redis.get('deep') + ${chain("'s'", ' + ')};`,
  'an `||` chain tested in a function': `export function f(a: number) {\n  if (${chain('a', ' || ')} || redis.get('deep')) return 1;\n}`,
  'a member chain': `export const x = q.add(redis.get('deep'))${chain('.add(1)', '')};`,
  'a comma chain': `export const x = (redis.get('deep'), ${chain('a', ', ')});`,
  'nested `if` blocks': `export function f(a: number) {\n${'if (a) {\n'.repeat(1200)}redis.get('deep');\n${'}\n'.repeat(1200)}}`,
  'a qualified type name': `let y: ${chain('A', '.', 30000)};\nexport const x = redis.get('deep');`,
};

describe('deep syntax keeps every fact of its file', () => {
  for (const [name, body] of Object.entries(cases)) {
    test(name, () => {
      const { locations, problems } = analyzeDeep(body);
      assert.deepEqual(problems, []);
      assert.ok(locations.includes('src/index.ts:3 redis write ioredis'), locations.join('\n'));
      assert.ok(locations.some((l) => / redis read ioredis$/.test(l) && !l.startsWith('src/index.ts:3 ')), locations.join('\n'));
    });
  }
});

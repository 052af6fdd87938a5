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

/**
 * TypeScript's parser recurses per bracket and runs out of stack somewhere between 700 and 2,000
 * levels: the file is read again with the too-deep part blanked, and the problem says where.
 */
describe('nesting too deep for the parser keeps the facts around it', () => {
  const around = (deep: string) => `${deep}\nexport const after = redis.get('after');`;
  const nested = (open: string, inner: string, close: string, n = N) => chain(open, '', n) + inner + chain(close, '', n);
  const tooDeep: Record<string, string> = {
    parentheses: around(`export const x = ${nested('(', '1', ')')};`),
    arrays: around(`export const x = ${nested('[', '1', ']')};`),
    'object literals': around(`export const x = ${nested('{ a: ', '1', ' }')};`),
    'arrow functions with bodies': around(`export const x = ${nested('() => { return ', '1', ' }')};`),
    calls: around(`export const x = ${nested('f(', '1', ')')};`),
    'template literals': around(`export const x = ${nested('`${', '1', '}`')};`),
    '`if` blocks': around(`export function f(a: number) {\n${nested('if (a) {\n', 'a++;', '}\n')}}`),
  };
  for (const [name, body] of Object.entries(tooDeep)) {
    test(name, () => {
      const { locations, problems } = analyzeDeep(body);
      // level 201 opens on line 14 (20 brackets a line from line 4), or with the 200th `if` (the function's `{` is level 1)
      const line = name === '`if` blocks' ? 5 + 199 + Math.floor(199 / 20) : 4 + 200 / 20;
      assert.deepEqual(problems, [`src/index.ts: nesting deeper than 200 levels at line ${line}: facts below it are not analysed`]);
      assert.ok(locations.includes('src/index.ts:3 redis write ioredis'), locations.join('\n'));
      assert.ok(locations.some((l) => / redis read ioredis$/.test(l)), `the read after the deep part is kept:\n${locations.join('\n')}`);
    });
  }

  test('nesting without brackets keeps the lines before it', () => {
    // `a ? b : a ? b : …` nests without brackets: the lines before the chain are what the parser can read
    const body = `export const x =\n${chain('a ? b : ', '', 8000)} c;`;
    const { locations, problems } = analyzeDeep(body);
    // how much of the chain the parser can read depends on the stack it is given: only the bounds are fixed,
    // from the chain's first line to the file's last (REDIS's lines, the body's, and the final newline)
    const lastLine = (REDIS + body + '\n').split('\n').length;
    assert.equal(problems.length, 1);
    const m = /^src\/index\.ts: nesting too deep to parse at line (\d+): facts from there on are not analysed$/.exec(problems[0]);
    assert.ok(m && Number(m[1]) >= 5 && Number(m[1]) <= lastLine, `${problems[0]} (the file has ${lastLine} lines)`);
    assert.ok(locations.includes('src/index.ts:3 redis write ioredis'), locations.join('\n'));
  });
});

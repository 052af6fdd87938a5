/**
 * Whatever the nesting, the analysis of a file does not throw and keeps the Redis write at its top.
 * Random code is built from wrappers (an expression or a statement around the one inside), sometimes
 * a few, sometimes thousands deep: deep enough for both the parser and a recursive walk to run out of
 * call stack on Node's default stack.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeFiles, locationSummary } from '../../../helpers/workspace';

const REDIS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.set('k', 1);\n";
const pkg = JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { ioredis: '5' } });

/** `[before, after]` the expression inside. */
const EXPRESSIONS: Record<string, [string, string]> = {
  parens: ['(', ')'], array: ['[', ']'], object: ['{ a: ', ' }'], call: ['f(', ')'], newCall: ['new C(', ')'],
  arrow: ['() => ', ''], arrowBody: ['() => { return ', '; }'], plusLeft: ['', ' + a'], plusRight: ['a + ', ''],
  or: ['', ' || b'], member: ['(', ').m'], method: ['', '.m()'], template: ['`x${', '}`'], ternary: ['c ? ', ' : d'],
  not: ['!', ''], await: ['async () => await ', ''], comma: ['(a, ', ')'], spread: ['[...', ']'],
};
/** `[before, after]` the statement inside. */
const STATEMENTS: Record<string, [string, string]> = {
  if: ['if (a) {', '}'], block: ['{', '}'], fn: ['function g() {', '}'], loop: ['for (;;) {', '}'], tryCatch: ['try {', '} catch {}'],
  arrowCall: ['run(() => {', '});'], elseIf: ['if (a) {} else if (b) {', '}'], cls: ['class K { m() {', '} }'],
};

/** Some wrappers, or one to four kinds repeated hundreds to thousands of times. */
function wrappers(kinds: string[], deepest: number): fc.Arbitrary<string[]> {
  const kind = fc.constantFrom(...kinds);
  return fc.oneof(
    { arbitrary: fc.array(kind, { maxLength: 30 }), weight: 3 },
    {
      arbitrary: fc.tuple(fc.array(kind, { minLength: 1, maxLength: 4 }), fc.integer({ min: 100, max: deepest }))
        .map(([ks, n]) => Array.from({ length: n }, (_, i) => ks[i % ks.length])),
      weight: 2,
    },
  );
}

/** Wrappers around `core`, innermost last, a line break every twenty so the file does not look minified. */
function wrap(core: string, kinds: string[], table: Record<string, [string, string]>): string {
  const before = kinds.map((k, i) => table[k][0] + (i % 20 === 19 ? '\n' : ''));
  const after = kinds.map((k, i) => table[k][1] + (i % 20 === 19 ? '\n' : '')).reverse();
  return before.join('') + core + after.join('');
}

const file = fc.record({
  statements: wrappers(Object.keys(STATEMENTS), 1500),
  expressions: wrappers(Object.keys(EXPRESSIONS), 3000),
  core: fc.constantFrom("redis.get('deep')", '1', 'a', "'s'"),
}).map(({ statements, expressions, core }) =>
  REDIS + wrap(`\nexport const v = ${wrap(core, expressions, EXPRESSIONS)};\n`, statements, STATEMENTS) + "\nredis.get('after');\n");

test('deep or odd nesting never throws and never loses the Redis write', () => {
  fc.assert(
    fc.property(file, (text) => {
      const map = analyzeFiles({ 'package.json': pkg, 'src/index.ts': text });
      assert.ok(locationSummary(map).includes('src/index.ts:3 redis write ioredis'), 'the write at the top is kept');
      for (const p of map.problems) {
        assert.match(p.message, /^(nesting deeper than 200 levels at line \d+: facts below it are not analysed|nesting too deep to parse at line \d+: facts from there on are not analysed|syntax error at .*)$/);
      }
    }),
    { numRuns: 40 },
  );
});

// found by the property above (seed 2107311339): a never-ending loop is scanned for a sleep, and that scan
// recursed into a 1,500-link call chain until the stack ran out, losing every fact of the file
test('a `for (;;)` around a 1,500-link call chain keeps the file\'s facts', () => {
  const chain = Array.from({ length: 75 }, () => '.m()'.repeat(20)).join('\n');
  const text = `${REDIS}run(async () => {\n  for (;;) {\n    const v = a${chain};\n    await sleep(v);\n  }\n});\nredis.get('after');\n`;
  const map = analyzeFiles({ 'package.json': pkg, 'src/index.ts': text });
  assert.ok(locationSummary(map).includes('src/index.ts:3 redis write ioredis'), 'the write at the top is kept');
});

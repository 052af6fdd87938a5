import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFiles, edgeSummary, extractSource } from '../helpers/workspace';

test('a Redis client made in one file and used in another is found', () => {
  const map = analyzeFiles({
    'src/redis.ts': `import Redis from 'ioredis';\nexport const redis = new Redis(process.env.REDIS_URL);\n`,
    'src/cart.ts': `import { redis } from './redis';\nexport async function add(id: string) { await redis.hset('cart:' + id, 'x', 1); }\n`,
  });
  assert.deepEqual(edgeSummary(map), ['. -> redis write']);
  const redis = map.edges.find((e) => e.store === 'redis');
  assert.deepEqual(redis?.locations.map((l) => `${l.file}:${l.line} ${l.operation}`), ['src/cart.ts:2 hset']);
});

test('extraction records imports and uses from an in-memory ts-morph project', () => {
  const facts = extractSource(`import { Pool } from 'pg';\nconst pool = new Pool();\nexport const q = () => pool.query('SELECT 1');\n`);
  assert.equal(facts.imports[0].module, 'pg');
  assert.ok(facts.uses.some((u) => u.line === 3));
});

test('a root package.json without a name: the service is named after the workspace folder', () => {
  const map = analyzeFiles({
    'package.json': JSON.stringify({ private: true, dependencies: { next: '15', ioredis: '5' } }),
    'lib/cache.ts': "import Redis from 'ioredis';\nexport const redis = new Redis();\nexport const hit = (k: string) => redis.get(k);\n",
  });
  assert.equal(map.services.length, 1);
  assert.match(map.services[0].name, /^state-map-test-/, 'the temporary folder analyzeFiles made');
});

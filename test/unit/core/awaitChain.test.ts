// A call whose result is awaited in parentheses and then used (`(await redis.get(k))?.toString()`) is one
// operation: the use is recorded once, from the outermost expression of the chain, as for `redis.get(k).then(…)`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lines, scan } from '../../helpers/entry-cases';

test('`(await redis.get(k))?.toString()` and `(await s3.send(cmd) as Out).Body` are one operation each', () => {
  const { locations } = scan(lines(
    "import Redis from 'ioredis';",
    "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';",
    'const redis = new Redis();',
    'const s3 = new S3Client({});',
    "export async function name(k: string) { return (await redis.get(k))?.toString(); }",
    "export async function body(k: string) { return ((await s3.send(new GetObjectCommand({ Bucket: 'b', Key: k }))) as { Body: unknown }).Body; }",
  ));
  assert.deepEqual(locations, ['src/app.ts:5 redis read ioredis', 'src/app.ts:6 s3 read @aws-sdk/client-s3']);
});

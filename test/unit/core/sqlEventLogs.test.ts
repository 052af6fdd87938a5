// Which SQL tables are event logs, library by library: only inserts anywhere (knex, Prisma, TypeORM,
// Kysely, raw SQL), and a read in ascending order of a sequence or time column by a replay or of a table
// named for events. A case and its look-alike per library.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles } from '../../helpers/workspace';

/** `target what` of every event-log mark of a one-file service. */
function logsOf(deps: Record<string, string>, code: string): string[] {
  const map = analyzeFiles({
    'package.json': JSON.stringify({ name: 'svc', main: 'src/app.ts', dependencies: deps }),
    'src/app.ts': code,
  });
  return map.edges.filter((e) => e.eventLog).map((e) => `${e.eventLog!.role} ${e.eventLog!.target}: ${e.eventLog!.replay?.what ?? ''}`);
}

const KNEX = "import knexFactory from 'knex';\nconst knex = knexFactory({ client: 'pg' });\n";
const PRISMA = "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n";
const KYSELY = "import { Kysely, PostgresDialect } from 'kysely';\nimport { Pool } from 'pg';\nconst db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new Pool() }) });\n";

describe('SQL event logs by library', () => {
  test('knex: insert, and orderBy(position) in rebuildProjection', () => {
    const code = `${KNEX}export const append = (e: object) => knex('ledger').insert(e);\nexport async function rebuildProjection() { return knex('ledger').select('*').orderBy('position'); }\n`;
    assert.deepEqual(logsOf({ knex: '3', pg: '8' }, code), ['log ledger: `rebuildProjection` reads it in order of `position`']);
    assert.deepEqual(logsOf({ knex: '3', pg: '8' }, `${code}export const fix = (id: number) => knex('ledger').where({ id }).update({ amount: 0 });\n`), []);
    assert.deepEqual(logsOf({ knex: '3', pg: '8' }, `${code}export const purge = () => knex('ledger').where('position', '<', 10).del();\n`), []);
  });

  test('Prisma: create, and findMany ordered by sequence on a model named for events', () => {
    const code = `${PRISMA}export const append = (data: any) => prisma.domainEvent.create({ data });\nexport const load = (streamId: string) => prisma.domainEvent.findMany({ where: { streamId }, orderBy: { sequence: 'asc' } });\n`;
    assert.deepEqual(logsOf({ '@prisma/client': '5' }, code), ['log domainEvent: `load` reads it in order of `sequence`']);
    assert.deepEqual(logsOf({ '@prisma/client': '5' }, code.replace("sequence: 'asc'", "sequence: 'desc'")), []);
    assert.deepEqual(logsOf({ '@prisma/client': '5' }, code.replace('.create(', '.upsert(')), []);
  });

  test('Kysely: insertInto, and selectFrom … orderBy(version) on a table named for events', () => {
    const code = `${KYSELY}export const append = (e: any) => db.insertInto('stream_events').values(e).execute();\nexport const load = (id: string) => db.selectFrom('stream_events').selectAll().where('stream_id', '=', id).orderBy('version').execute();\n`;
    assert.deepEqual(logsOf({ kysely: '0.27', pg: '8' }, code), ['log stream_events: `load` reads it in order of `version`']);
    // the same reads of a table whose name says nothing, outside a replay: not enough to call it a log
    assert.deepEqual(logsOf({ kysely: '0.27', pg: '8' }, code.replaceAll('stream_events', 'documents')), []);
  });

  test('raw SQL: an insert with ON CONFLICT DO NOTHING is still an append; without an order there is no replay', () => {
    const code = "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const append = (id: string) => pool.query('INSERT INTO events (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [id]);\nexport const replay = () => pool.query('SELECT * FROM events ORDER BY recorded_at ASC');\n";
    assert.deepEqual(logsOf({ pg: '8' }, code), ['log events: `replay` reads it in order of `recorded_at`']);
    assert.deepEqual(logsOf({ pg: '8' }, code.replace(' ORDER BY recorded_at ASC', '')), []);
    assert.deepEqual(logsOf({ pg: '8' }, code.replace('ORDER BY recorded_at', 'ORDER BY id')), []);
  });

  test('one service appends, another replays: both edges are the log, the replay located in the reader', () => {
    const pkg = (name: string) => JSON.stringify({ name, main: 'src/main.ts', dependencies: { pg: '8', ioredis: '5' } });
    const map = analyzeFiles({
      'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['services/*'] }),
      'services/writer/package.json': pkg('writer'),
      // the writer's `apply…` function writes Redis, but the writer does not replay the log: no projection of it
      'services/writer/src/main.ts': "import { Pool } from 'pg';\nimport Redis from 'ioredis';\nconst pool = new Pool();\nconst redis = new Redis();\nexport const applyCount = (e: string) => redis.incr(`count:${e}`);\nexport const record = (e: string) => pool.query('INSERT INTO order_events (body) VALUES ($1)', [e]);\n",
      'services/reader/package.json': pkg('reader'),
      'services/reader/src/main.ts': "import { Pool } from 'pg';\nconst pool = new Pool();\nexport const rebuild = () => pool.query('SELECT * FROM order_events ORDER BY seq');\n",
    });
    assert.deepEqual(map.edges.map((e) => `${e.service} ${JSON.stringify(e.eventLog)}`), [
      'services/reader {"target":"order_events","role":"log","replay":{"file":"services/reader/src/main.ts","line":3,"what":"`rebuild` reads it in order of `seq`"}}',
      'services/writer {"target":"order_events","role":"log","replay":{"file":"services/reader/src/main.ts","line":3,"what":"`rebuild` reads it in order of `seq`"}}',
      'services/writer undefined',
    ]);
  });
});

// One describe per entry of src/catalog/entries/ecosystem-data.ts (the table runner is ecosystem-cases.ts).
import { runCases, type EntryCase } from './ecosystem-cases';

const CASES: EntryCase[] = [
  {
    id: 'redbean-node', what: 'R.find reads and R.store writes the database R.setup names',
    code: ["import { R } from 'redbean-node';", "R.setup('mysql', { host: 'db', database: 'app' });", 'export async function visit(url: string) {',
      "  const found = await R.findOne('page', ' url = ? ', [url]);", "  const page = found ?? R.dispense('page');", '  page.url = url;', '  await R.store(page);', '}'],
    locations: ['src/app.ts:4 sql read redbean-node', 'src/app.ts:7 sql write redbean-node'],
  },
  {
    id: 'clickhouse', what: 'new ClickHouse().query(SQL): its verb decides',
    code: ["import { ClickHouse } from 'clickhouse';", 'const ch = new ClickHouse({ url: process.env.CLICKHOUSE_URL });',
      "export const hits = () => ch.query('SELECT count() FROM hits').toPromise();", "export const log = () => ch.insert('INSERT INTO hits (url) VALUES', [{ url: '/' }]).toPromise();"],
    locations: ['src/app.ts:3 clickhouse read clickhouse', 'src/app.ts:4 clickhouse write clickhouse'],
  },
  {
    id: '@electric-sql/pglite', what: 'PGlite query and exec are Postgres in the process',
    code: ["import { PGlite } from '@electric-sql/pglite';", 'const db = new PGlite();', "export const todos = () => db.query('SELECT * FROM todo');", "export const add = (t: string) => db.query('INSERT INTO todo (task) VALUES ($1)', [t]);"],
    locations: ['src/app.ts:3 postgres read @electric-sql/pglite', 'src/app.ts:4 postgres write @electric-sql/pglite'],
  },
  {
    id: '@electric-sql/pglite', what: 'a PGlite data folder on disk is a database of this instance',
    code: ["import { PGlite } from '@electric-sql/pglite';", "const db = new PGlite('./pgdata');", "export const add = (t: string) => db.query('INSERT INTO todo (task) VALUES ($1)', [t]);"],
    locations: ['src/app.ts:3 postgres write @electric-sql/pglite'],
    hazards: ['src/app.ts:2 local-file-write'],
  },
  {
    id: 'tedious', what: "connection.execSql(request): the request's SQL says read or write",
    code: ["import { Connection, Request } from 'tedious';", "const connection = new Connection({ server: 'db', authentication: { type: 'default', options: { userName: 'sa', password: 'x' } } });",
      "export const run = () => connection.execSql(new Request('SELECT 1', () => {}));", "export const done = (id: number) => connection.execSql(new Request(`UPDATE jobs SET done = 1 WHERE id = ${id}`, () => {}));",
      "export const proc = () => connection.callProcedure(new Request('sp_cleanup', () => {}));"],
    locations: ['src/app.ts:3 mssql read tedious', 'src/app.ts:4 mssql write tedious', 'src/app.ts:5 mssql readwrite tedious'],
  },
  {
    id: 'sql.js', what: 'a Database made from initSqlJs runs SQL in the process: the SQL verb decides',
    code: ["import initSqlJs from 'sql.js';", 'const SQL = await initSqlJs();', 'const db = new SQL.Database();', "export const make = () => db.run('CREATE TABLE t (a int)');", "export const all = () => db.exec('SELECT * FROM t');"],
    locations: ['src/app.ts:4 sqlite write sql.js', 'src/app.ts:5 sqlite read sql.js'],
  },
  {
    id: 'objection', what: 'a Model subclass: query().insert writes, findById reads',
    code: ["import { Model } from 'objection';", "class Person extends Model { static tableName = 'persons'; }", 'export const add = (name: string) => Person.query().insert({ name });', 'export const one = (id: number) => Person.query().findById(id);'],
    locations: ['src/app.ts:3 sql write objection', 'src/app.ts:4 sql read objection'],
  },
  {
    id: 'bookshelf', what: 'bookshelf(knex): a model\'s fetch reads and save writes',
    code: ["import Knex from 'knex';", "import Bookshelf from 'bookshelf';", "const bookshelf = Bookshelf(Knex({ client: 'pg' }));", "const User = bookshelf.model('User', { tableName: 'users' });",
      'export const one = (id: number) => User.where({ id }).fetch();', 'export const add = (name: string) => User.forge({ name }).save();'],
    locations: ['src/app.ts:5 postgres read bookshelf', 'src/app.ts:6 postgres write bookshelf'],
  },
  {
    id: '@databases/pg', what: 'connect() and db.query(sql`…`) reach Postgres',
    code: ["import connect, { sql } from '@databases/pg';", 'const db = connect(process.env.DATABASE_URL);', 'export const users = () => db.query(sql`SELECT * FROM users`);'],
    locations: ['src/app.ts:3 postgres read @databases/pg'],
  },
  {
    id: '@google-cloud/bigquery', what: 'bigquery.query(SQL) reads, table.insert writes',
    code: ["import { BigQuery } from '@google-cloud/bigquery';", 'const bq = new BigQuery();', "export const top = () => bq.query({ query: 'SELECT name FROM `p.d.t` LIMIT 10' });", "export const add = (row: object) => bq.dataset('d').table('events').insert([row]);"],
    locations: ['src/app.ts:3 sql read @google-cloud/bigquery', 'src/app.ts:4 sql write @google-cloud/bigquery'],
  },
  {
    id: '@google-cloud/datastore', what: 'datastore.get reads and save writes',
    code: ["import { Datastore } from '@google-cloud/datastore';", 'const datastore = new Datastore();', "export const one = (id: string) => datastore.get(datastore.key(['Task', id]));", "export const add = (data: object) => datastore.save({ key: datastore.key('Task'), data });"],
    locations: ['src/app.ts:3 firestore read @google-cloud/datastore', 'src/app.ts:4 firestore write @google-cloud/datastore'],
  },
  {
    id: 'elasticsearch', what: 'the legacy client: search reads, index writes',
    code: ["import elasticsearch from 'elasticsearch';", "const client = new elasticsearch.Client({ host: 'localhost:9200' });", "export const find = (q: string) => client.search({ index: 'posts', q });", "export const put = (body: object) => client.index({ index: 'posts', body });"],
    locations: ['src/app.ts:3 elasticsearch read elasticsearch', 'src/app.ts:4 elasticsearch write elasticsearch'],
  },
  {
    id: 'pouchdb', what: 'new PouchDB(name): get reads, put writes',
    code: ["import PouchDB from 'pouchdb';", "const db = new PouchDB('notes');", 'export const one = (id: string) => db.get(id);', "export const save = (doc: { _id: string }) => db.put(doc);"],
    locations: ['src/app.ts:3 couchdb read pouchdb', 'src/app.ts:4 couchdb write pouchdb'],
  },
  {
    id: 'lowdb', what: 'a JSON file database: read reads, write writes the file, a hazard for a server',
    code: ["import { Low } from 'lowdb';", "import { JSONFile } from 'lowdb/node';", "const db = new Low(new JSONFile('db.json'), { posts: [] as string[] });", 'export async function add(p: string) {', '  await db.read();', '  db.data.posts.push(p);', '  await db.write();', '}'],
    locations: ['src/app.ts:5 filesystem read lowdb', 'src/app.ts:7 filesystem write lowdb'],
    hazards: ['src/app.ts:7 local-file-write'],
  },
  {
    id: 'nedb', what: 'a datafile of documents: find reads, insert writes, a hazard where the datafile is opened',
    code: ["import Datastore from '@seald-io/nedb';", "const users = new Datastore({ filename: 'data/users.db', autoload: true });", 'export const one = (name: string) => users.findOneAsync({ name });', 'export const add = (name: string) => users.insertAsync({ name });'],
    locations: ['src/app.ts:3 filesystem read nedb', 'src/app.ts:4 filesystem write nedb'],
    hazards: ['src/app.ts:2 local-file-write'],
  },
  {
    id: 'nedb', what: 'look-alike: an in-memory datastore keeps nothing on disk (nedb-async)',
    code: ["import AsyncNedb from 'nedb-async';", 'const seen = new AsyncNedb({ inMemoryOnly: true });', 'export const add = (id: string) => seen.asyncInsert({ id });'],
    locations: ['src/app.ts:3 memory write nedb'],
  },
  {
    id: 'level', what: 'a LevelDB folder: get reads, put writes',
    code: ["import { Level } from 'level';", "const db = new Level('./data', { valueEncoding: 'json' });", "export const one = (k: string) => db.get(k);", "export const save = (k: string, v: object) => db.put(k, v);"],
    locations: ['src/app.ts:3 filesystem read level', 'src/app.ts:4 filesystem write level'],
    hazards: ['src/app.ts:4 local-file-write'],
  },
  {
    id: 'node-persist', what: 'storage.getItem reads and setItem writes files',
    code: ["import storage from 'node-persist';", "await storage.init({ dir: 'data' });", "export const one = (k: string) => storage.getItem(k);", "export const save = (k: string, v: string) => storage.setItem(k, v);"],
    locations: ['src/app.ts:3 filesystem read node-persist', 'src/app.ts:4 filesystem write node-persist'],
    hazards: ['src/app.ts:4 local-file-write'],
  },
  {
    id: 'flat-cache', what: 'a cache file: getKey reads, setKey and save write',
    code: ["import flatCache from 'flat-cache';", "const cache = flatCache.load('lint');", "export const seen = (f: string) => cache.getKey(f);", "export const mark = (f: string) => { cache.setKey(f, true); cache.save(); };"],
    locations: ['src/app.ts:3 filesystem read flat-cache', 'src/app.ts:4 filesystem write flat-cache', 'src/app.ts:4 filesystem write flat-cache'],
  },
  {
    id: 'cacache', what: 'a content-addressed cache folder: get reads, put writes',
    code: ["import cacache from 'cacache';", "const dir = '/tmp/cache';", 'export const read = (k: string) => cacache.get(dir, k);', "export const write = (k: string, v: string) => cacache.put(dir, k, v);"],
    locations: ['src/app.ts:3 filesystem read cacache', 'src/app.ts:4 filesystem write cacache'],
  },
  {
    id: 'configstore', what: 'a settings file: get reads, set writes',
    code: ["import Configstore from 'configstore';", "const config = new Configstore('my-cli');", "export const token = () => config.get('token');", "export const login = (t: string) => config.set('token', t);"],
    locations: ['src/app.ts:3 filesystem read configstore', 'src/app.ts:4 filesystem write configstore'],
  },
  {
    id: 'dynamoose', what: 'a model: get reads, create writes',
    code: ["import dynamoose from 'dynamoose';", "const Cat = dynamoose.model('Cat', new dynamoose.Schema({ id: Number, name: String }));", 'export const one = (id: number) => Cat.get(id);', 'export const add = (name: string) => Cat.create({ id: 1, name });'],
    locations: ['src/app.ts:3 dynamodb read dynamoose', 'src/app.ts:4 dynamodb write dynamoose'],
  },
  {
    id: 'electrodb', what: 'an Entity: get(…).go() reads, put(…).go() writes',
    code: ["import { Entity } from 'electrodb';", "const Task = new Entity({ model: { entity: 'task', version: '1', service: 'app' }, attributes: {}, indexes: {} }, { table: 'app' });",
      'export const one = (id: string) => Task.get({ id }).go();', 'export const add = (id: string) => Task.put({ id }).go();'],
    locations: ['src/app.ts:3 dynamodb read electrodb', 'src/app.ts:4 dynamodb write electrodb'],
  },
  {
    id: 'dynamodb-toolbox', what: 'an Entity: get reads, put writes',
    code: ["import { Entity } from 'dynamodb-toolbox';", "const User = new Entity({ name: 'User', attributes: {}, table: undefined as never });", 'export const one = (id: string) => User.get({ id });', 'export const add = (id: string) => User.put({ id });'],
    locations: ['src/app.ts:3 dynamodb read dynamodb-toolbox', 'src/app.ts:4 dynamodb write dynamodb-toolbox'],
  },
  {
    id: 'redis-om', what: 'a Repository over a Redis client: fetch reads, save writes',
    code: ["import { createClient } from 'redis';", "import { Repository, Schema } from 'redis-om';", 'const redis = await createClient().connect();', "const albums = new Repository(new Schema('album', { title: { type: 'string' } }), redis);",
      'export const one = (id: string) => albums.fetch(id);', 'export const add = (a: object) => albums.save(a);'],
    locations: ['src/app.ts:5 redis read redis-om', 'src/app.ts:6 redis write redis-om'],
  },
  {
    id: 'langchain vectorstores', what: 'SupabaseVectorStore keeps embeddings in Postgres (mayooear/ai-pdf-chatbot-langchain, set 20): addDocuments writes, similaritySearch reads',
    code: ["import { SupabaseVectorStore } from '@langchain/community/vectorstores/supabase';", "import { createClient } from '@supabase/supabase-js';",
      "const store = new SupabaseVectorStore({} as never, { client: createClient('https://x.supabase.co', 'key'), tableName: 'documents' });",
      'export const add = (docs: never[]) => store.addDocuments(docs);', 'export const ask = (q: string) => store.similaritySearch(q, 4);'],
    locations: ['src/app.ts:4 postgres write langchain vectorstores', 'src/app.ts:5 postgres read langchain vectorstores'],
  },
  {
    id: 'langchain vectorstores', what: 'HNSWLib.fromDocuments writes a local index; MemoryVectorStore keeps it in the process',
    code: ["import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';", "import { MemoryVectorStore } from 'langchain/vectorstores/memory';",
      'export const build = (docs: never[]) => HNSWLib.fromDocuments(docs, {} as never);', 'const mem = new MemoryVectorStore({} as never);', 'export const recall = (q: string) => mem.similaritySearch(q);'],
    locations: ['src/app.ts:3 filesystem write langchain vectorstores', 'src/app.ts:5 memory read langchain vectorstores'],
  },
];

runCases(CASES);

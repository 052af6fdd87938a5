// The columns a repository's own schema code keeps unique (SQL, Kysely and knex migrations), read from the
// text: what check-then-act takes as the database refusing a second insert of a looked-up key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uniqueKeysOf } from '../../../../src/core/discover/uniqueKeys';

test('SQL: UNIQUE and PRIMARY KEY columns, table constraints, unique indexes and added constraints', () => {
  const text = [
    'await sql`',
    '  CREATE TABLE IF NOT EXISTS public.accounts (',
    '    id varchar(30) PRIMARY KEY,',
    '    "Email" varchar(256) NOT NULL UNIQUE,',
    '    name text,',
    '    settings jsonb DEFAULT \'{}\',',
    '    CONSTRAINT accounts_handle UNIQUE (tenant_id, handle)',
    '  );',
    '  CREATE UNIQUE INDEX IF NOT EXISTS teams_slug ON teams USING btree (slug);',
    '  CREATE INDEX teams_owner ON teams (owner_id);',
    '  ALTER TABLE ONLY members ADD CONSTRAINT members_pair UNIQUE (team_id, user_id);',
    '`.execute(db);',
  ].join('\n');
  assert.deepEqual(uniqueKeysOf(text), [
    ['accounts', ['id']], ['accounts', ['email']], ['accounts', ['tenant_id', 'handle']], ['teams', ['slug']], ['members', ['team_id', 'user_id']],
  ]);
});

test("Kysely: a column's unique() or primaryKey(), addUniqueConstraint, and a unique index", () => {
  const text = [
    'export async function up(db: Kysely<any>) {',
    "  await db.schema.createTable('users')",
    "    .addColumn('id', 'varchar(30)', (col) => col.notNull().primaryKey())",
    "    .addColumn('email', 'varchar(256)', (col) => col.notNull())",
    "    .addColumn('workspace_id', 'varchar(30)', (col) => col.notNull())",
    "    .addUniqueConstraint('unique_workspace_account', ['workspace_id', 'account_id'])",
    '    .execute();',
    "  await db.schema.createTable('invites').addColumn('code', 'text', (col) => col.notNull().unique()).addColumn('email', 'text').execute();",
    "  await db.schema.createIndex('users_email_idx').unique().on('users').columns(['email', 'workspace_id']).execute();",
    "  await db.schema.createIndex('users_name_idx').on('users').column('name').execute();",
    '}',
  ].join('\n');
  assert.deepEqual(uniqueKeysOf(text), [
    ['users', ['id']], ['users', ['workspace_id', 'account_id']], ['invites', ['code']], ['users', ['email', 'workspace_id']],
  ]);
});

test("knex: a column's unique() or primary(), and unique([…]) of the table", () => {
  const text = [
    'exports.up = (knex) => knex.schema.createTable("subscriptions", (table) => {',
    '  table.increments("id");',
    '  table.string("email").notNullable().unique();',
    '  table.integer("list_id").notNullable();',
    '  table.unique(["list_id", "email"]);',
    '}).alterTable("lists", (table) => {',
    '  table.string("cid").unique();',
    '});',
  ].join('\n');
  assert.deepEqual(uniqueKeysOf(text), [['subscriptions', ['email']], ['subscriptions', ['list_id', 'email']], ['lists', ['cid']]]);
});

test('look-alikes: an index that is not unique, a word in prose, a column named unique_code', () => {
  const text = [
    "// every name is unique per team, the code checks it",
    "await db.schema.createTable('codes').addColumn('unique_code', 'text', (col) => col.notNull()).execute();",
    'CREATE INDEX codes_by_team ON codes (team_id);',
  ].join('\n');
  assert.deepEqual(uniqueKeysOf(text), []);
});

// check-then-act as a rule table (the shape of typescript-eslint's RuleTester): each `invalid` case must
// report a race at `line` of src/handler.ts with `confidence`; each `valid` case is a look-alike that must
// not count (it may stay in the JSON as a low-confidence report, never in `hazards`).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeFiles } from '../../helpers/workspace';
import { routesTo } from '../../helpers/entry-cases';

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: 'api', dependencies: { express: '4', ...deps } });
const server = "import express from 'express';\nimport './handler';\nconst app = express();\napp.listen(3000);\n";
const prismaHead = "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\n";
const schema = (models: string) => `datasource db {\n  provider = "postgresql"\n  url = env("DATABASE_URL")\n}\n${models}`;
const USER_PLAIN = 'model User {\n  id Int @id\n  name String\n  email String\n}\n';
const USER_UNIQUE = 'model User {\n  id Int @id\n  name String @unique\n  email String\n}\n';

interface Case {
  name: string;
  code: string;
  deps?: Record<string, string>;
  prisma?: string;
  /** Other files of the workspace (a Prisma schema folder's model files). */
  more?: Record<string, string>;
}
interface Invalid extends Case {
  line: number;
  confidence: 'high' | 'medium';
}

function run(c: Case) {
  return analyzeFiles({
    'package.json': pkg(c.deps ?? { '@prisma/client': '6' }),
    ...(c.prisma ? { 'prisma/schema.prisma': c.prisma } : {}),
    ...c.more,
    'src/handler.ts': c.code,
    'src/server.ts': server,
    // each exported function is a route: the race is two requests running it at once
    ...routesTo(c.code, 'src/handler.ts'),
  });
}

const lines = (...l: string[]) => `${l.join('\n')}\n`;

/** A sign-up that looks the e-mail up, then saves a new document of the model (`new User(doc).save()` inserts). */
const MONGOOSE_SIGN_UP = (emailField: string) => lines("import mongoose from 'mongoose';",
  `const User = mongoose.model('User', new mongoose.Schema({ ${emailField}, name: String }));`,
  'export async function signUp(email: string, name: string) {',
  '  const taken = await User.findOne({ email });',
  "  if (taken) return 'taken';",
  '  const user = new User({ email, name });',
  '  await user.save();',
  "  return 'ok';",
  '}');

/** A lookup helper and a create helper in another file, and a route that tests the first before calling the second. */
const THROUGH_HELPERS = {
  more: {
    'src/queries.ts': lines(prismaHead.trimEnd(),
      'export async function getUserByName(name: string) {',
      '  return prisma.user.findFirst({ where: { name } });',
      '}',
      'export async function createUser(name: string, email: string) {',
      '  return prisma.user.create({ data: { name, email } });',
      '}'),
  },
  code: lines("import { createUser, getUserByName } from './queries';",
    'export async function register(name: string, email: string) {',
    '  const user = await getUserByName(name);',
    "  if (user) return 'taken';",
    '  await createUser(name, email);',
    "  return 'ok';",
    '}'),
};


/** A TypeORM entity in src/user.entity.ts, with `emailColumn` as the decorator of its email, and class decorators `classDecorators`. */
const typeormUser = (emailColumn: string, classDecorators = '') => ({
  'src/user.entity.ts': lines("import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';",
    `${classDecorators}@Entity()`,
    'export class User {',
    '  @PrimaryGeneratedColumn() id!: number;',
    `  ${emailColumn} email!: string;`,
    '}'),
});
/** A sign-up through a repository made by `getRepository(User)`: look the e-mail up, then insert. */
const TYPEORM_SIGNUP = lines("import { DataSource } from 'typeorm';",
  "import { User } from './user.entity';",
  "const dataSource = new DataSource({ type: 'postgres' });",
  'export async function signUp(email: string) {',
  '  const users = dataSource.getRepository(User);',
  '  const existing = await users.findOneBy({ email });',
  "  if (existing) throw new Error('taken');",
  '  await users.insert({ email });',
  '}');
/** The same through a repository injected by type (`Repository<User>`), as NestJS services hold one. */
const TYPEORM_INJECTED = lines("import { Repository } from 'typeorm';",
  "import { User } from './user.entity';",
  'export class Accounts {',
  '  constructor(private readonly users: Repository<User>) {}',
  '  async signUp(email: string) {',
  '    const existing = await this.users.findOne({ where: { email } });',
  "    if (existing) throw new Error('taken');",
  '    await this.users.save({ email });',
  '  }',
  '}',
  'export const signUp = (repo: Repository<User>, email: string) => new Accounts(repo).signUp(email);');

const SQLITE_CALLBACK_SIGNUP = (ifFound: string) => lines("import sqlite3 from 'sqlite3';",
  "const db = new sqlite3.Database('app.db');",
  'export function signUp(email: string, done: (ok: boolean) => void) {',
  "  db.get('SELECT id FROM users WHERE email = ?', [email], (err: Error | null, row: unknown) => {",
  `    if (${ifFound}) return done(false);`,
  "    db.run('INSERT INTO users (email) VALUES (?)', [email], () => done(true));",
  '  });',
  '}');

const invalid: Invalid[] = [
  {
    name: 'a lookup whose result a callback receives (`db.get(sql, (err, row) => …)`), then an insert when nothing was found',
    deps: { sqlite3: '5' },
    code: SQLITE_CALLBACK_SIGNUP('row'),
    line: 6, confidence: 'high',
  },
  {
    name: 'a single-use invite: found only while unused, then marked used by its code alone (a claim two sign-ups both make)',
    prisma: schema('model Invite {\n  code String @id\n  used Boolean @default(false)\n  usedBy String?\n}\n'),
    code: lines(prismaHead.trimEnd(),
      'export async function register(code: string, user: string) {',
      '  const invite = await prisma.invite.findFirst({ where: { code, used: false } });',
      "  if (!invite) throw new Error('invalid invite');",
      '  await prisma.user.create({ data: { name: user } });',
      "  await prisma.invite.update({ where: { code }, data: { used: true, usedBy: user } });",
      '}'),
    line: 7, confidence: 'high',
  },
  {
    name: 'a lookup by e-mail, then a new document of the same model saved (`new User(doc).save()` inserts): no unique e-mail',
    deps: { mongoose: '8' },
    code: MONGOOSE_SIGN_UP('email: String'),
    line: 7, confidence: 'medium',
  },
  {
    name: 'a payment confirmed once: the booking found while its expiry is set, then paid and saved',
    deps: { mongoose: '8' },
    code: lines("import mongoose from 'mongoose';",
      "const Booking = mongoose.model('Booking', new mongoose.Schema({ sessionId: String, expireAt: Date, status: String, car: String }));",
      "const Car = mongoose.model('Car', new mongoose.Schema({ trips: Number }));",
      'export async function confirm(sessionId: string) {',
      '  const booking = await Booking.findOne({ sessionId, expireAt: { $ne: null } });',
      "  if (!booking) return 'gone';",
      '  booking.expireAt = undefined;',
      "  booking.status = 'paid';",
      '  await booking.save();',
      "  await Car.updateOne({ _id: booking.get('car') }, { $inc: { trips: 1 } });",
      "  return 'paid';",
      '}'),
    line: 9, confidence: 'medium',
  },
  {
    name: 'a handler exported as what an error wrapper made (`asyncHandler(async (req, res) => …)`), registered in another module',
    deps: { mongoose: '8' },
    more: {
      'src/asyncHandler.ts': 'export const asyncHandler = (fn: any) => (req: any, res: any, next: any) => Promise.resolve(fn(req, res, next)).catch(next);\n',
      'src/reviewRoutes.ts': lines("import express from 'express';", "import { review } from './handler';", 'export const reviews = express.Router();', "reviews.post('/:id/reviews', review);"),
    },
    code: lines("import mongoose from 'mongoose';",
      "import { asyncHandler } from './asyncHandler';",
      "const Product = mongoose.model('Product', new mongoose.Schema({ reviews: [{ user: String }], numReviews: Number }));",
      'export const review = asyncHandler(async (req: any, res: any) => {',
      '  const product = await Product.findById(req.params.id);',
      "  if (product.reviews.find((r: any) => r.user === req.user.id)) throw new Error('already reviewed');",
      '  product.reviews.push({ user: req.user.id });',
      '  product.numReviews = product.reviews.length;',
      '  await product.save();',
      '  res.json(product);',
      '});'),
    line: 9, confidence: 'high',
  },
  {
    name: 'a quota tested, then counted up in code (`quota.used++`) and saved with another field',
    deps: { mongoose: '8' },
    code: lines("import mongoose from 'mongoose';",
      "const Quota = mongoose.model('Quota', new mongoose.Schema({ team: String, used: Number, limit: Number, touchedAt: Date }));",
      'export async function spend(team: string) {',
      '  const quota = await Quota.findOne({ team });',
      "  if (!quota || quota.used >= quota.limit) throw new Error('over quota');",
      '  quota.used++;',
      '  quota.touchedAt = new Date();',
      '  await quota.save();',
      '}'),
    line: 8, confidence: 'high',
  },
  {
    name: 'a review once per user: the test is of a local that searches one field of the record with a callback',
    deps: { mongoose: '8' },
    code: lines("import mongoose from 'mongoose';",
      "const Product = mongoose.model('Product', new mongoose.Schema({ reviews: [{ user: String, rating: Number }], rating: Number }));",
      'export async function review(id: string, user: string, rating: number) {',
      '  const product = await Product.findById(id);',
      "  if (!product) throw new Error('not found');",
      '  const alreadyReviewed = product.reviews.find((r) => r.user === user);',
      "  if (alreadyReviewed) throw new Error('already reviewed');",
      '  product.reviews.push({ user, rating });',
      '  product.rating = product.reviews.reduce((a, r) => a + r.rating, 0) / product.reviews.length;',
      '  await product.save();',
      '}'),
    line: 10, confidence: 'high',
  },
  {
    name: 'a daily reward: the test is of a local computed from the record\'s field (`new Date(member.lastClaimed)`)',
    deps: { mongoose: '8' },
    code: lines("import mongoose from 'mongoose';",
      "const Member = mongoose.model('Member', new mongoose.Schema({ user: String, lastClaimed: Number, balance: Number }));",
      'export async function claim(user: string) {',
      '  const member = await Member.findOne({ user });',
      "  if (!member) throw new Error('no profile');",
      '  const lastClaimed = new Date(member.lastClaimed);',
      "  if (new Date().toDateString() === lastClaimed.toDateString()) throw new Error('claimed today');",
      '  member.lastClaimed = Date.now();',
      '  member.balance += 100;',
      '  await member.save();',
      '}'),
    line: 10, confidence: 'high',
  },
  {
    name: 'TypeORM: getRepository(User) names the table; the entity keeps no unique e-mail',
    deps: { typeorm: '0.3', pg: '8' },
    more: typeormUser('@Column()'),
    code: TYPEORM_SIGNUP,
    line: 8, confidence: 'high',
  },
  {
    name: 'TypeORM: a repository known only by its type, Repository<User>',
    deps: { typeorm: '0.3', pg: '8' },
    more: typeormUser('@Column()'),
    code: TYPEORM_INJECTED,
    line: 8, confidence: 'high',
  },
  {
    name: 'a local that holds only whether the read found something, set after its declaration (`taken = !!(await …)`)',
    deps: { pg: '8' },
    code: lines("import { Pool } from 'pg';",
      'const pool = new Pool();',
      'export async function claim(seat: string, user: string) {',
      '  let taken;',
      "  taken = !!(await pool.query('SELECT id FROM seats WHERE seat = $1', [seat])).rows.length;",
      "  if (taken) throw new Error('taken');",
      "  await pool.query('INSERT INTO seats (seat, owner) VALUES ($1, $2)', [seat, user]);",
      '}'),
    line: 7, confidence: 'high',
  },
  {
    name: 'a negated local (`const missing = !(await …)`): the insert runs when nothing was found',
    prisma: schema(USER_PLAIN),
    code: lines(prismaHead.trimEnd(),
      'export async function join(email: string) {',
      '  const missing = !(await prisma.user.findFirst({ where: { email } }));',
      '  if (missing) {',
      '    await prisma.user.create({ data: { email, name: "new" } });',
      '  }',
      '}'),
    line: 6, confidence: 'high',
  },
  {
    name: 'Boolean(await …) as the check',
    prisma: schema(USER_PLAIN),
    code: lines(prismaHead.trimEnd(),
      'export async function join(email: string) {',
      '  const exists = Boolean(await prisma.user.findFirst({ where: { email } }));',
      "  if (exists) throw new Error('exists');",
      '  await prisma.user.create({ data: { email, name: "new" } });',
      '}'),
    line: 6, confidence: 'high',
  },
  {
    name: 'first-user setup: count, then create, no unique field in the schema',
    prisma: schema(USER_PLAIN),
    code: lines(prismaHead.trimEnd(),
      'export async function setup(email: string) {',
      '  const users = await prisma.user.count();',
      "  if (users > 0) throw new Error('already set up');",
      '  return prisma.user.create({ data: { email, name: "admin" } });',
      '}'),
    line: 6, confidence: 'high',
  },
  {
    name: 'duplicate-name check on a field the schema does not keep unique',
    prisma: schema(USER_PLAIN),
    code: lines(prismaHead.trimEnd(),
      'export async function rename(id: number, name: string) {',
      '  const taken = await prisma.user.findFirst({ where: { name } });',
      "  if (taken) throw new Error('taken');",
      '  return prisma.user.update({ where: { id }, data: { name } });',
      '}'),
    line: 6, confidence: 'high',
  },
  {
    name: 'an edit lock: the state tested is the state written',
    code: lines(prismaHead.trimEnd(),
      'export async function lock(id: number, who: string) {',
      '  const doc = await prisma.document.findUnique({ where: { id } });',
      "  if (doc.lockedBy) throw new Error('locked');",
      '  await prisma.document.update({ where: { id }, data: { lockedBy: who } });',
      '}'),
    line: 6, confidence: 'high',
  },
  {
    name: 'a record saved through the local it was read into (mongoose)',
    deps: { mongoose: '8' },
    code: lines("import mongoose from 'mongoose';",
      "const Seat = mongoose.model('Seat', new mongoose.Schema({}));",
      'export async function book(seatId: string, user: string) {',
      '  const seat = await Seat.findById(seatId);',
      "  if (seat.takenBy) throw new Error('taken');",
      '  seat.takenBy = user;',
      '  await seat.save();',
      '}'),
    line: 7, confidence: 'high',
  },
  {
    name: 'SQL: an existence check, then INSERT into the same table',
    deps: { pg: '8' },
    code: lines("import { Pool } from 'pg';",
      'const pool = new Pool();',
      'export async function register(email: string) {',
      "  const found = await pool.query('SELECT id FROM customers WHERE email = $1', [email]);",
      "  if (found.rowCount > 0) throw new Error('exists');",
      "  await pool.query('INSERT INTO customers (email) VALUES ($1)', [email]);",
      '}'),
    line: 6, confidence: 'high',
  },
  {
    name: 'insert-if-absent: the create runs when nothing was found (`if (!existing) create`)',
    prisma: schema(USER_PLAIN),
    code: lines(prismaHead.trimEnd(),
      'export async function join(email: string) {',
      '  const existing = await prisma.user.findFirst({ where: { email } });',
      '  if (!existing) {',
      '    await prisma.user.create({ data: { email, name: "new" } });',
      '  }',
      '}'),
    line: 6, confidence: 'high',
  },
  {
    name: 'insert-if-absent through `=== null` and an early return on found',
    prisma: schema(USER_PLAIN),
    code: lines(prismaHead.trimEnd(),
      'export async function invite(email: string) {',
      '  const found = await prisma.user.findFirst({ where: { email } });',
      '  if (found !== null && found !== undefined) return found;',
      '  return prisma.user.create({ data: { email, name: "invited" } });',
      '}'),
    line: 6, confidence: 'high',
  },
  {
    name: 'through data-access helpers in another file: a lookup by name, then a create, each in its own helper',
    prisma: schema(USER_PLAIN),
    ...THROUGH_HELPERS,
    line: 5, confidence: 'high',
  },
  {
    name: 'a wallet balance read through a Sequelize model class, tested, then decremented through the same class',
    deps: { sequelize: '6', sqlite3: '5' },
    more: {
      'src/models/wallet.ts': lines("import { Model, DataTypes, type Sequelize } from 'sequelize';",
        'export class WalletModel extends Model {',
        '  declare UserId: number;',
        '  declare balance: number;',
        '}',
        'export const WalletModelInit = (sequelize: Sequelize) => {',
        "  WalletModel.init({ UserId: DataTypes.INTEGER, balance: DataTypes.INTEGER }, { tableName: 'Wallets', sequelize });",
        '};'),
    },
    code: lines("import { WalletModel } from './models/wallet';",
      'export async function pay(userId: number, total: number) {',
      '  const wallet = await WalletModel.findOne({ where: { UserId: userId } });',
      '  if (wallet != null && wallet.balance >= total) {',
      '    await WalletModel.decrement({ balance: total }, { where: { UserId: userId } });',
      '  }',
      '}'),
    line: 5, confidence: 'high',
  },
];

const valid: Case[] = [
  {
    name: 'a callback that tests only the error of the lookup, not its result, before writing',
    deps: { sqlite3: '5' },
    code: SQLITE_CALLBACK_SIGNUP('err'),
  },
  {
    name: "a model whose schema is made through aliases (`const Schema = mongoose.Schema`) keeps the name unique (easy-mock, set 10)",
    deps: { mongoose: '8' },
    more: {
      'src/group.js': lines("'use strict'", "const mongoose = require('mongoose')", 'const Schema = mongoose.Schema',
        'const schema = new Schema({ user: String, name: { type: String, unique: true } })', "module.exports = mongoose.model('Group', schema)"),
    },
    code: lines("import Group from './group';",
      'export async function createGroup(name: string, user: string) {',
      '  const doc = await Group.findOne({ name });',
      "  if (doc) return 'exists';",
      '  const group = new Group({ user, name });',
      '  await group.save();',
      "  return 'ok';",
      '}'),
  },
  {
    name: 'the same sign-up with a unique e-mail in the schema: the second save is refused',
    deps: { mongoose: '8' },
    code: MONGOOSE_SIGN_UP('email: { type: String, unique: true }'),
  },
  {
    name: 'a claim whose write repeats the state it found (`updateMany({ where: { code, used: false } })`) is a compare-and-set',
    code: lines(prismaHead.trimEnd(),
      'export async function register(code: string, user: string) {',
      '  const invite = await prisma.invite.findFirst({ where: { code, used: false } });',
      "  if (!invite) throw new Error('invalid invite');",
      "  const { count } = await prisma.invite.updateMany({ where: { code, used: false }, data: { used: true, usedBy: user } });",
      "  if (count === 0) throw new Error('taken');",
      '  await prisma.user.create({ data: { name: user } });',
      '}'),
  },
  {
    name: 'found by its id, then edited: the fields written are not what the lookup tested',
    deps: { mongoose: '8' },
    code: lines("import mongoose from 'mongoose';",
      "const Note = mongoose.model('Note', new mongoose.Schema({ owner: String, text: String }));",
      'export async function edit(id: string, text: string) {',
      '  const note = await Note.findOne({ _id: id });',
      "  if (!note) return 'gone';",
      '  note.text = text;',
      '  await note.save();',
      "  return 'ok';",
      '}'),
  },
  {
    name: 'Mongoose: the schema keeps the e-mail unique, so the second sign-up\'s create is refused',
    deps: { mongoose: '8' },
    code: lines("import mongoose from 'mongoose';",
      'const userSchema = mongoose.Schema({ name: String, email: { type: String, required: true, unique: true } });',
      "const User = mongoose.model('User', userSchema);",
      'export async function register(name: string, email: string) {',
      '  const taken = await User.findOne({ email });',
      "  if (taken) throw new Error('exists');",
      '  return User.create({ name, email });',
      '}'),
  },
  {
    name: 'Mongoose: a compound unique index on the schema covers the fields looked up',
    deps: { mongoose: '8' },
    code: lines("import { Schema, model } from 'mongoose';",
      'const memberSchema = new Schema({ team: String, user: String, role: String });',
      'memberSchema.index({ team: 1, user: 1 }, { unique: true });',
      "const Member = model('Member', memberSchema);",
      'export async function join(team: string, user: string) {',
      '  const member = await Member.findOne({ team, user });',
      "  if (member) return member;",
      "  return Member.create({ team, user, role: 'member' });",
      '}'),
  },
  {
    name: 'an external API read (HEAD), checked, then another request: not the service\'s own store',
    deps: {},
    code: lines('export async function upload(url: string, to: string) {',
      "  const head = await fetch(url, { method: 'HEAD' });",
      "  if (!head.ok) throw new Error('missing');",
      "  await fetch(to, { method: 'POST', body: 'x' });",
      '}'),
  },
  {
    name: 'wrong binding: `resp` read in one block, another `resp` tested in a sibling block',
    code: lines(prismaHead.trimEnd(),
      'export async function sync(id: number, flag: boolean) {',
      '  if (flag) {',
      '    const resp = await prisma.job.findUnique({ where: { id } });',
      '    console.log(resp);',
      '  } else {',
      '    const resp = { done: false };',
      '    if (resp.done) return;',
      '    await prisma.job.update({ where: { id }, data: { done: true } });',
      '  }',
      '}'),
  },
  {
    name: 'a batch: many rows read, then a write per item',
    code: lines(prismaHead.trimEnd(),
      'export async function remind() {',
      '  const users = await prisma.user.findMany({ where: { reminded: false } });',
      '  if (!users.some((u) => u.email)) return;',
      '  for (const u of users) await prisma.user.update({ where: { id: u.id }, data: { reminded: true } });',
      '}'),
  },
  {
    name: 'the check does not guard the write: it happens whether or not the check passes',
    code: lines(prismaHead.trimEnd(),
      'export async function touch(id: number) {',
      '  const doc = await prisma.document.findUnique({ where: { id } });',
      '  if (doc.archived) console.log("archived");',
      '  await prisma.document.update({ where: { id }, data: { archived: true } });',
      '}'),
  },
  {
    name: 'a duplicate check on a field the Prisma schema keeps @unique',
    prisma: schema(USER_UNIQUE),
    code: lines(prismaHead.trimEnd(),
      'export async function rename(id: number, name: string) {',
      '  const taken = await prisma.user.findFirst({ where: { name } });',
      "  if (taken?.name === name) throw new Error('taken');",
      '  return prisma.user.update({ where: { id }, data: { name } });',
      '}'),
  },
  {
    name: 'a find, then an upsert: the store settles the duplicate',
    code: lines(prismaHead.trimEnd(),
      'export async function seen(key: string) {',
      '  const row = await prisma.visit.findUnique({ where: { key } });',
      '  if (row?.seenAt) return row;',
      '  return prisma.visit.upsert({ where: { key }, create: { key }, update: {} });',
      '}'),
  },
  {
    name: 'a negated local whose create runs only when the record was found (`if (!missing) create a child`)',
    prisma: schema(USER_PLAIN),
    code: lines(prismaHead.trimEnd(),
      'export async function copy(id: number) {',
      '  const missing = !(await prisma.document.findUnique({ where: { id } }));',
      '  if (!missing) {',
      '    await prisma.document.create({ data: { parentId: id } });',
      '  }',
      '}'),
  },
  {
    name: 'TypeORM: the entity keeps the e-mail unique (`@Column({ unique: true })`)',
    deps: { typeorm: '0.3', pg: '8' },
    more: typeormUser('@Column({ unique: true })'),
    code: TYPEORM_SIGNUP,
  },
  {
    name: 'TypeORM: the entity keeps the e-mail unique on the class (`@Unique([\'email\'])`), repository by type',
    deps: { typeorm: '0.3', pg: '8' },
    more: typeormUser('@Column()', "@Unique(['email'])\n"),
    code: TYPEORM_INJECTED,
  },
  {
    name: 'a local computed from the request, not from the record, is tested before the save',
    deps: { mongoose: '8' },
    code: lines("import mongoose from 'mongoose';",
      "const Member = mongoose.model('Member', new mongoose.Schema({ user: String, remindAt: Number }));",
      'export async function remind(user: string, body: { at: string }) {',
      '  const member = await Member.findOne({ user });',
      '  const when = new Date(body.at);',
      "  if (when.getTime() < Date.now()) throw new Error('in the past');",
      '  member.remindAt = when.getTime();',
      '  await member.save();',
      '}'),
  },
  {
    name: 'the write names another record read in the same function',
    code: lines(prismaHead.trimEnd(),
      'export async function adopt(parentId: number, childId: number) {',
      '  const parent = await prisma.user.findUnique({ where: { id: parentId } });',
      '  const child = await prisma.user.findFirst({ where: { id: childId } });',
      "  if (parent.plan !== 'family') return;",
      '  await prisma.user.update({ where: { id: child.id }, data: { parentId } });',
      '}'),
  },
  {
    name: 'SQL INSERT … ON CONFLICT after an existence check',
    deps: { pg: '8' },
    code: lines("import { Pool } from 'pg';",
      'const pool = new Pool();',
      'export async function register(email: string) {',
      "  const found = await pool.query('SELECT id FROM customers WHERE email = $1', [email]);",
      "  if (found.rowCount > 0) throw new Error('exists');",
      "  await pool.query('INSERT INTO customers (email) VALUES ($1) ON CONFLICT DO NOTHING', [email]);",
      '}'),
  },
  {
    name: 'a not-found guard, then a copy of the record found: the create runs only when it exists',
    code: lines(prismaHead.trimEnd(),
      'export async function duplicate(id: number) {',
      '  const doc = await prisma.document.findUnique({ where: { id } });',
      "  if (!doc) return { status: 404 };",
      '  return prisma.document.create({ data: { id: undefined, name: `${doc.name} (copy)` } });',
      '}'),
  },
  {
    name: 'a not-found guard written as `== null`, then a soft delete of the record found',
    code: lines(prismaHead.trimEnd(),
      'export async function remove(id: number) {',
      '  const link = await prisma.link.findUnique({ where: { id, deletedAt: null } });',
      "  if (link == null) throw new Error('not found');",
      '  await prisma.link.update({ where: { id }, data: { deletedAt: new Date() } });',
      '}'),
  },
  {
    name: 'a cached session refreshed only when it was found',
    deps: { ioredis: '5' },
    code: lines("import Redis from 'ioredis';",
      'const redis = new Redis();',
      'export async function touch(token: string) {',
      '  const raw = await redis.get(`session:${token}`);',
      '  if (!raw) return false;',
      "  await fetch('https://audit.example.com', { method: 'POST', body: raw });",
      '  await redis.set(`session:${token}`, raw, "EX", 60);',
      '  return true;',
      '}'),
  },
  {
    name: 'insert-if-absent on a compound key a schema folder\'s model file keeps @@unique',
    more: {
      'prisma/schema/schema.prisma': schema(''),
      'prisma/schema/page.prisma': 'model Page {\n  id Int @id\n  number Int\n  versionId Int\n  @@unique([number, versionId])\n}\n',
    },
    code: lines(prismaHead.trimEnd(),
      'export async function convert(number: number, versionId: number) {',
      '  const existing = await prisma.page.findUnique({ where: { number_versionId: { number, versionId } } });',
      '  if (!existing) {',
      '    await prisma.page.create({ data: { number, versionId } });',
      '  }',
      '}'),
  },
  {
    name: 'an expiry check, then a usage counter bumped with a `.catch` chained: the write changes no field tested',
    code: lines(prismaHead.trimEnd(),
      'export async function verifyKey(apiKey: string) {',
      '  const key = await prisma.apiKey.findUnique({ where: { apiKey } });',
      "  if (key?.expiredAt && key.expiredAt.valueOf() < Date.now()) throw new Error('expired');",
      "  if (!key) throw new Error('unknown');",
      '  prisma.apiKey.update({ where: { apiKey }, data: { usage: { increment: 1 } } }).catch(() => undefined);',
      '  return key;',
      '}'),
  },
  {
    name: 'the same helpers, where the schema keeps the name @unique',
    prisma: schema(USER_UNIQUE),
    ...THROUGH_HELPERS,
  },
];

describe('check-then-act rule', () => {
  for (const c of invalid) {
    test(`invalid: ${c.name}`, () => {
      const map = run(c);
      const races = map.hazards.filter((h) => h.kind === 'check-then-act');
      assert.deepEqual(races.map((h) => `${h.file}:${h.line} ${h.confidence}`), [`src/handler.ts:${c.line} ${c.confidence}`]);
    });
  }
  for (const c of valid) {
    test(`valid: ${c.name}`, () => {
      const map = run(c);
      assert.deepEqual(map.hazards.filter((h) => h.kind === 'check-then-act').map((h) => `${h.file}:${h.line}`), []);
    });
  }

  test('a low-confidence report stays in the JSON, apart from the hazards that count', () => {
    // the write changes none of the fields tested: a second request passing the test writes the same
    const map = run({
      name: 'low',
      code: lines(prismaHead.trimEnd(),
        'export async function verify(id: number) {',
        '  const user = await prisma.user.findUnique({ where: { id } });',
        '  if (user.accounts.length > 0) {',
        '    await prisma.user.update({ where: { id }, data: { emailVerified: new Date() } });',
        '  }',
        '}'),
    });
    assert.deepEqual(map.hazards, []);
    assert.deepEqual(map.lowConfidenceHazards?.map((h) => `${h.kind} ${h.file}:${h.line} ${h.confidence}`), ['check-then-act src/handler.ts:6 low']);
    assert.equal(map.services[0].verdict, 'state-elsewhere');
  });
});

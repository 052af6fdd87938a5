import { valNodes, type FileFacts, type Val } from '../facts';
import { pushTo } from '../grouping';
import { chainCalls } from './calls';

/**
 * Per Mongoose model name (lower case), the field sets its schema keeps unique: a field declared with a
 * `unique` option (`email: { type: String, unique: true }`) and a compound `schema.index({ a: 1, b: 1 },
 * { unique: true })`. A model's schema is read where the model is made (`mongoose.model('User', userSchema)`,
 * `model('User', new Schema({ … }))`) from the schema written in that file. The value of `unique` is not
 * known to the facts (`unique: false` is rare), so the option's presence decides.
 */
export function mongooseKeys(f: FileFacts): Array<[string, string[][]]> {
  const out: Array<[string, string[][]]> = [];
  const indexes = schemaIndexes(f);
  for (const u of f.uses) {
    const v = u.v;
    if (v.k !== 'call' || !(isModelCall(v.f, f) || onConnection(v.f, v.a[1], f)) || v.a[0]?.k !== 'str') continue;
    const keys = schemaKeys(f, v.a[1], indexes);
    if (keys.length > 0) out.push([v.a[0].s.toLowerCase(), keys]);
  }
  return out;
}

/** `userSchema.index({ team: 1, slug: 1 }, { unique: true })`, by the schema's binding. */
function schemaIndexes(f: FileFacts): Map<string, string[][]> {
  const indexes = new Map<string, string[][]>();
  for (const u of f.uses) {
    const v = u.v;
    if (v.k === 'call' && v.f.k === 'prop' && v.f.n === 'index' && v.f.o.k === 'ref' && hasKey(v.a[1], 'unique') && v.a[0]?.k === 'obj') {
      pushTo(indexes, v.f.o.n, Object.keys(v.a[0].p));
    }
  }
  return indexes;
}

/** The unique field sets of a schema written in this file (`new mongoose.Schema({ … })`, or its binding). */
function schemaKeys(f: FileFacts, schemaArg: Val | undefined, indexes: ReadonlyMap<string, string[][]>): string[][] {
  const schema = schemaArg?.k === 'ref' ? f.bindings[schemaArg.n] : schemaArg;
  const keys: string[][] = [];
  // `new mongoose.Schema({ … })`, or called without `new`
  if ((schema?.k === 'new' || schema?.k === 'call') && isSchema(schema.f, f) && schema.a[0]?.k === 'obj') {
    for (const [field, def] of Object.entries(schema.a[0].p)) if (hasKey(def, 'unique')) keys.push([field]);
  }
  if (schemaArg?.k === 'ref') keys.push(...(indexes.get(schemaArg.n) ?? []));
  return keys;
}

/**
 * NestJS registers Mongoose models by name with a schema written elsewhere:
 * `MongooseModule.forFeature([{ name: 'User', schema: UserSchema }])` (or `name: User.name`), the schema exported
 * by another file (`export const UserSchema = new mongoose.Schema({ email: { type: String, unique: true } })`).
 * Per model name (lower case), the unique field sets of the schema it is given, matched by the schema's export name.
 */
export function nestMongooseKeys(facts: ReadonlyMap<string, FileFacts>): Array<[string, string[][]]> {
  const exported = new Map<string, string[][]>();
  const parts = [...facts.values()].map(nestPart);
  for (const part of parts) for (const [name, keys] of part.exported) exported.set(name, [...(exported.get(name) ?? []), ...keys]);
  const out: Array<[string, string[][]]> = [];
  for (const part of parts) {
    for (const [name, keys] of part.features) {
      const found = Array.isArray(keys) ? keys : exported.get(keys.imp) ?? [];
      if (found.length > 0) out.push([name, found]);
    }
  }
  return out;
}

/** One file's part of {@link nestMongooseKeys}: schemas it exports, and models it registers (with keys, or the imported schema's name). */
interface NestPart {
  exported: Array<[string, string[][]]>;
  features: Array<[string, string[][] | { imp: string }]>;
}

/** Facts are never changed once made: a relink reads each file's part again only when the file was extracted again. */
const nestParts = new WeakMap<FileFacts, NestPart>();

function nestPart(f: FileFacts): NestPart {
  const kept = nestParts.get(f);
  if (kept) return kept;
  const part: NestPart = { exported: [], features: [] };
  // the file's `schema.index(…)` calls, read once and only when needed
  let indexes: Map<string, string[][]> | undefined;
  const keysOf = (schema: Val) => schemaKeys(f, schema, (indexes ??= schemaIndexes(f)));
  for (const e of f.exports) {
    if (e.v?.k !== 'ref') continue;
    const b = f.bindings[e.v.n];
    if (!b || (b.k !== 'new' && b.k !== 'call') || !isSchema(b.f, f)) continue;
    const keys = keysOf(e.v);
    if (keys.length > 0) part.exported.push([e.name, keys]);
  }
  // the registration sits inside a module's decorator (`@Module({ imports: [MongooseModule.forFeature(…)] })`)
  for (const u of f.uses) {
    for (const v of valNodes([u.v], 500)) {
      if (v.k !== 'call' || v.f.k !== 'prop' || !/^forFeature(Async)?$/.test(v.f.n)) continue;
      const first = v.a[0];
      for (const item of first?.k === 'or' ? first.v : first ? [first] : []) {
        if (item.k !== 'obj' || !item.p.schema) continue;
        const n = item.p.name;
        // `name: User.name`: the class's name
        const name = n?.k === 'str' && !n.pre ? n.s : n?.k === 'prop' && n.n === 'name' && (n.o.k === 'ref' || n.o.k === 'imp') ? n.o.n : undefined;
        const schema = item.p.schema;
        if (name) part.features.push([name.toLowerCase(), schema.k === 'imp' ? { imp: schema.n } : keysOf(schema)]);
      }
    }
  }
  nestParts.set(f, part);
  return part;
}

/** A module binding's value for a reference (`const mongoose = require('mongoose')`, `const Schema = mongoose.Schema`), a few steps deep. */
function bound(f: FileFacts, v: Val): Val {
  for (let i = 0; i < 4 && v.k === 'ref' && f.bindings[v.n]; i++) v = f.bindings[v.n];
  return v;
}

/** `mongoose.model(…)`, or `model(…)` imported from mongoose (directly or through a binding of the module). */
function isModelCall(f: Val, file: FileFacts): boolean {
  const v = bound(file, f);
  if (v.k === 'prop' && v.n === 'model') {
    const o = bound(file, v.o);
    return o.k === 'imp' && o.m === 'mongoose';
  }
  return v.k === 'imp' && v.m === 'mongoose' && v.n === 'model';
}

/**
 * `connection.model('Role', RoleSchema)` on a connection (`mongoose.createConnection(…)`, often made in another file): a
 * model call by the schema it is given, a Mongoose schema written in this file.
 */
function onConnection(f: Val, schemaArg: Val | undefined, file: FileFacts): boolean {
  if (f.k !== 'prop' || f.n !== 'model') return false;
  const schema = schemaArg?.k === 'ref' ? file.bindings[schemaArg.n] : schemaArg;
  return (schema?.k === 'new' || schema?.k === 'call') && isSchema(schema.f, file);
}

function isSchema(f: Val, file: FileFacts): boolean {
  const v = bound(file, f);
  // (`SchemaFactory.createForClass(Favorite)` of @nestjs/mongoose: a schema from a decorated class, indexed as any)
  return (v.k === 'prop' && v.n === 'Schema') || (v.k === 'imp' && v.n === 'Schema') ||
    (v.k === 'prop' && v.n === 'createForClass' && v.o.k === 'imp' && v.o.n === 'SchemaFactory');
}

function hasKey(v: Val | undefined, key: string): boolean {
  return v?.k === 'obj' && key in v.p;
}

/**
 * Per Drizzle table (its binding's name and its SQL name, lower case), the column sets it keeps unique: a column
 * declared `.unique()` or `.primaryKey()` (`email: text('email').notNull().unique()`), and a
 * `uniqueIndex(…).on(t.a, t.b)`, `unique().on(…)` or composite `primaryKey({ columns: […] })` among the table's
 * extras (`(t) => ({ slugIdx: uniqueIndex('slug_idx').on(t.slug) })`). Read from tables made at module level with
 * `pgTable`, `mysqlTable` or `sqliteTable`.
 */
export function drizzleKeys(f: FileFacts): Array<[string, string[][]]> {
  const out: Array<[string, string[][]]> = [];
  for (const [name, bound] of Object.entries(f.bindings)) {
    // the table itself, or a table a method was called on (`pgTable(…).enableRLS()`)
    const v = [...chainCalls(bound)].find((c) => c.f.k === 'imp' && /^drizzle-orm\//.test(c.f.m) && /^(pg|mysql|sqlite)Table$/.test(c.f.n));
    if (!v) continue;
    const columns = v.a[1];
    const keys: string[][] = [];
    if (columns?.k === 'obj') {
      for (const [column, def] of Object.entries(columns.p)) {
        if ([...chainCalls(def)].some((c) => c.f.k === 'prop' && (c.f.n === 'unique' || c.f.n === 'primaryKey'))) keys.push([column]);
      }
    }
    const extras = v.a[2];
    const fn = extras?.k === 'fn' ? f.functions[extras.id] : undefined;
    for (const r of fn?.ret ?? []) for (const item of itemsOf(r)) {
      const set = uniqueOn(item);
      if (set) keys.push(set);
    }
    if (keys.length === 0) continue;
    out.push([name.toLowerCase(), keys]);
    if (v.a[0]?.k === 'str' && v.a[0].s.toLowerCase() !== name.toLowerCase()) out.push([v.a[0].s.toLowerCase(), keys]);
  }
  return out;
}

/** The entries of an extras object or list (`({ a: …, b: … })`, `[…]`). */
function itemsOf(v: Val): Val[] {
  if (v.k === 'obj') return Object.values(v.p);
  if (v.k === 'or') return v.v;
  return [v];
}

/** `uniqueIndex('x').on(t.a, t.b)`, `unique().on(t.a)` or `primaryKey({ columns: [t.a, t.b] })`: the columns; anything else: undefined. */
function uniqueOn(v: Val): string[] | undefined {
  if (v.k === 'call' && v.f.k === 'imp' && v.f.n === 'primaryKey' && v.a[0]?.k === 'obj') {
    const cols = v.a[0].p.columns;
    return columnsOf(cols?.k === 'or' ? cols.v : cols ? [cols] : []);
  }
  if (v.k !== 'call' || v.f.k !== 'prop' || v.f.n !== 'on') return undefined;
  const made = v.f.o;
  const maker = made.k === 'call' ? made.f : undefined;
  if (maker?.k !== 'imp' || !/^(uniqueIndex|unique)$/.test(maker.n)) return undefined;
  return columnsOf(v.a);
}

/** The columns a list names (`t.a, t.b`), when it names nothing else and is not empty. */
function columnsOf(list: readonly Val[]): string[] | undefined {
  const cols = list.map((a) => (a.k === 'prop' ? a.n : undefined));
  return cols.length > 0 && cols.every((c): c is string => c !== undefined) ? cols : undefined;
}

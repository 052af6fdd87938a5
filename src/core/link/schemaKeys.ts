import type { FileFacts, Val } from '../facts';
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
  const indexes = new Map<string, string[][]>();
  for (const u of f.uses) {
    const v = u.v;
    // `userSchema.index({ team: 1, slug: 1 }, { unique: true })`
    if (v.k === 'call' && v.f.k === 'prop' && v.f.n === 'index' && v.f.o.k === 'ref' && hasKey(v.a[1], 'unique') && v.a[0]?.k === 'obj') {
      pushTo(indexes, v.f.o.n, Object.keys(v.a[0].p));
    }
  }
  for (const u of f.uses) {
    const v = u.v;
    if (v.k !== 'call' || !isModelCall(v.f) || v.a[0]?.k !== 'str') continue;
    const schemaArg = v.a[1];
    const schema = schemaArg?.k === 'ref' ? f.bindings[schemaArg.n] : schemaArg;
    const keys: string[][] = [];
    // `new mongoose.Schema({ … })`, or called without `new`
    if ((schema?.k === 'new' || schema?.k === 'call') && isSchema(schema.f) && schema.a[0]?.k === 'obj') {
      for (const [field, def] of Object.entries(schema.a[0].p)) if (hasKey(def, 'unique')) keys.push([field]);
    }
    if (schemaArg?.k === 'ref') keys.push(...(indexes.get(schemaArg.n) ?? []));
    if (keys.length > 0) out.push([v.a[0].s.toLowerCase(), keys]);
  }
  return out;
}

/** `mongoose.model(…)`, or `model(…)` imported from mongoose. */
function isModelCall(f: Val): boolean {
  if (f.k === 'prop' && f.n === 'model') return f.o.k === 'imp' && f.o.m === 'mongoose';
  return f.k === 'imp' && f.m === 'mongoose' && f.n === 'model';
}

function isSchema(f: Val): boolean {
  return (f.k === 'prop' && f.n === 'Schema') || (f.k === 'imp' && f.n === 'Schema');
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

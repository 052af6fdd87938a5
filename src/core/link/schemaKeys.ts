import type { FileFacts, Val } from '../facts';
import { pushTo } from '../grouping';

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

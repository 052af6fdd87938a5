import type { ts } from 'ts-morph';
import { tsv } from '../compiler';
import { HOLDERS } from '../../catalog/names';
import { capDepth, interesting } from './scope';
import { initKind, unwrap } from './syntax';
import { isContainerInit, type Val } from '../facts';
import { valOf } from './values';
import type { WalkState } from './walkState';

/**
 * Slots: values hung on an object that other code reaches by the member's name: `app.db = client`,
 * `app.locals.redis = new Redis()`, `app.set('pg', pool)`, `fastify.decorate('db', db)`, `req.db = db` in a
 * middleware. The linker keeps those whose object is an application or request holder, so that
 * `req.app.db.find(…)` or `req.app.get('pg').query(…)` in a route file reaches the client made at start-up.
 */

/** Methods that hang a value on their receiver under a name: Express `app.set`, Fastify `decorate`. */
const SETTERS = new Set(['set', 'decorate', 'decorateRequest']);

/** `o.m1.….name = value`: recorded when `value` may be a client and every member between is a holder's name (`locals`, `context`). */
export function recordSlotAssignment(w: WalkState, left: ts.Expression, right: ts.Expression): void {
  const l = unwrap(left);
  if (!tsv.isPropertyAccessExpression(l)) return;
  recordSlot(w, l.expression, l.name.text, right);
}

/** `o.set('name', value)`, `o.decorate('name', value)`. */
export function recordSlotCall(w: WalkState, call: ts.CallExpression): void {
  const callee = call.expression;
  const [key, value] = call.arguments;
  if (call.arguments.length !== 2 || !key || !value || !tsv.isPropertyAccessExpression(callee) || !SETTERS.has(callee.name.text) || !tsv.isStringLiteralLike(key)) return;
  recordSlot(w, callee.expression, key.text, value);
}

function recordSlot(w: WalkState, holder: ts.Expression, name: string, value: ts.Expression): void {
  let o = unwrap(holder);
  // the members between the object and the slot are holders themselves: `app.locals`, `app.context`, `server.app`
  while (tsv.isPropertyAccessExpression(o) && HOLDERS.test(o.name.text)) o = unwrap(o.expression);
  if (!tsv.isIdentifier(o)) return;
  // a collection or a literal made on the spot (`app.locals.cache = new Map()`) is recorded as data: its name decides nothing
  const made = initKind(value);
  const v: Val = isContainerInit(made) || made === 'primitive' || made === 'frozen' ? { k: 'obj', p: {} } : valOf(w, value);
  if (v.k !== 'obj' && !interesting(v, w.opts.receivers)) return;
  const root = valOf(w, o);
  if (root.k === 'x') return;
  (w.facts.slots ??= []).push({ o: capDepth(root), n: name, v: capDepth(v) });
}

import type { Access, StoreModel } from '../../catalog';
import { COMMON_IGNORED, accessFromCommand, accessFromGraphql, accessFromHttpMethod, accessFromSql, accessFromVerb, tablesFromSql } from '../../catalog/verbs';
import type { Val } from '../facts';
import { calleeName } from './calls';

/** What a method called on a client does. */
export type Classified =
  /** `unread`: a query whose text the analysis cannot read (`query(sql)` of a variable): read or write, unknown. */
  | { op: true; access: Access; operation: string; target?: string; conditional?: boolean; unread?: true }
  | { op: false; factory?: boolean };

/** Literal text of an argument: a string, a tagged template's text, or SQL/query text inside an options object. */
export function textOf(v: Val | undefined): string | undefined {
  if (!v) return undefined;
  if (v.k === 'str') return v.s;
  if (v.k === 'call' && v.tag && v.a[0]?.k === 'str') return v.a[0].s;
  if (v.k === 'call' && v.f.k === 'call' && v.f.tag && v.f.a[0]?.k === 'str') return v.f.a[0].s;
  if (v.k === 'obj') return textOf(v.p.sql ?? v.p.text ?? v.p.query ?? v.p.QueryString ?? v.p.cypher);
  if (v.k === 'new') return textOf(v.a[0]);
  if (v.k === 'or') return v.v.map(textOf).find((t) => t !== undefined);
  return undefined;
}

/** Does the entry name this method in any of its tables? */
function listed(lib: StoreModel, method: string): boolean {
  const o = lib.ops;
  return [o.sql, o.cypher, o.graphql, o.http, o.command, o.headers?.methods, o.readwrite, o.write, o.read, o.ignore, o.navigate].some((l) => inList(l, method));
}

/**
 * A header method on one of the headers the entry watches (`setHeader('Set-Cookie', v)`, `set({ 'Set-Cookie': v })`):
 * `get…`/`has…` read, the rest write. Undefined for another header, or one not spelled out.
 */
function headerAccess(names: readonly string[], method: string, args: readonly Val[]): Access | undefined {
  const watched = (name: string) => names.some((n) => n.toLowerCase() === name.toLowerCase());
  const first = args[0];
  const named = first?.k === 'str' ? !first.pre && watched(first.s) : args.some((a) => a.k === 'obj' && Object.keys(a.p).some(watched));
  if (!named) return undefined;
  return /^(get|has)/i.test(method) ? 'read' : 'write';
}

function inList(list: readonly string[] | undefined, name: string): boolean {
  if (!list) return false;
  const lower = name.toLowerCase();
  return list.some((x) => x === name || x.toLowerCase() === lower);
}

const TARGET_KEYS = ['topic', 'Bucket', 'TableName', 'QueueUrl', 'TopicArn', 'StreamName', 'queue', 'index', 'collection', 'table', 'bucket', 'subject', 'channel', 'stream', 'key', 'Key'];

/** A table, collection, key prefix, topic or bucket named by literal arguments (`keyed`: the first string counts). */
export function targetOf(args: readonly Val[], keyed = true): string | undefined {
  // the first string, past an HTTP verb (`presignedUrl('GET', 'photos', …)`)
  const first = args.find((a) => a.k === 'str' ? !/^(GET|PUT|POST|DELETE|HEAD|PATCH)$/.test(a.s) : a.k === 'call' && a.f.k !== 'x');
  if (keyed && first?.k === 'str') return literal(first);
  for (const a of args) {
    // `addDoc(collection(db, 'users'), …)`: a reference built in the arguments
    if (a.k === 'call' && a.f.k !== 'x' && REF_BUILDERS.has(calleeName(a.f) ?? '')) {
      const s = a.a.find((x) => x.k === 'str');
      if (s?.k === 'str') return literal(s);
    }
    if (a.k !== 'obj') continue;
    for (const key of TARGET_KEYS) {
      const v = a.p[key];
      if (v?.k === 'str') return literal(v);
    }
  }
  return undefined;
}

const REF_BUILDERS = new Set(['collection', 'doc', 'ref', 'collectionGroup', 'table', 'bucket']);

function literal(v: Extract<Val, { k: 'str' }>): string {
  return v.pre ? `${v.s.replace(/\s\?\s.*$/, '')}*` : v.s;
}

/** Does the entry say this method's first string argument names the target? */
export function keyedMethod(lib: StoreModel, method: string): boolean {
  const t = lib.ops.targetArgs;
  return t === 'all' || !!t?.includes(method);
}

function hasConditional(args: readonly Val[], flags: readonly string[] | undefined): boolean {
  if (!flags || flags.length === 0) return false;
  for (const a of args) {
    if (a.k === 'str' && flags.includes(a.s)) return true;
    if (a.k === 'obj' && flags.some((f) => f in a.p)) return true;
  }
  return false;
}

/** HTTP access of a request: the method name, a literal `method` option, or a verb argument (`open('POST')`). */
function httpAccess(method: string, args: readonly Val[]): Access {
  const byName = accessFromHttpMethod(method);
  if (byName) return byName;
  for (const a of args) {
    if (a.k === 'str' && /^(get|post|put|patch|delete|head|options)$/i.test(a.s)) return accessFromHttpMethod(a.s) ?? 'read';
    if (a.k === 'obj' && a.p.method?.k === 'str') return accessFromHttpMethod(a.p.method.s) ?? 'read';
    if (a.k === 'obj' && a.p.body && a.p.body.k !== 'x') return 'write';
  }
  return 'read';
}

/** The host of a literal URL argument (http-api targets). */
export function hostOf(args: readonly Val[]): string | undefined {
  const first = args[0];
  const url = first?.k === 'str' ? first.s : first?.k === 'obj' && first.p.url?.k === 'str' ? first.p.url.s : first?.k === 'obj' && first.p.baseURL?.k === 'str' ? first.p.baseURL.s : undefined;
  if (!url) return undefined;
  const m = /^[a-z]+:\/\/([^/:?#\s]+)/i.exec(url);
  return m ? m[1].toLowerCase() : undefined;
}

/** A same-origin static asset (`fetch('/images/rocket.jpeg')`) is not an API. */
export function isStaticAsset(args: readonly Val[]): boolean {
  const first = args[0];
  // `/templates/${name}.json` is kept as '/templates/ ? .json': the literal tail still names the file type
  return first?.k === 'str' && STATIC_ASSET.test(first.s.replace(/ \? /g, 'x')) && !/^\/api\//.test(first.s);
}

/** A relative URL of a file the app ships itself (`/images/rocket.jpeg`, `/templates/${name}.json`). */
const STATIC_ASSET = /^\.?\.?\/(?!\/)[^?#]*\.(png|jpe?g|gif|svg|webp|avif|ico|css|woff2?|ttf|otf|mp3|mp4|webm|wasm|map|txt|md|json|xml|csv|ya?ml|html?)(\?[^ ]*)?$/i;

/**
 * Classifies `method(args)` called on a client of `lib`: the entry's own tables first, then SQL, HTTP,
 * command, Cypher and GraphQL rules, then shared verbs.
 */
export function classifyMethod(lib: StoreModel, method: string, args: readonly Val[], calledDirectly = false): Classified {
  const ops = lib.ops;
  // `queryAsync`, `hgetallAsync`: the promise-returning twin that bluebird's `promisifyAll` (and `util.promisify`
  // wrappers named the same way) gives each method does what the method does
  const twin = /^(\w+)Async$/.exec(method)?.[1];
  if (twin && !listed(lib, method) && listed(lib, twin)) {
    const c = classifyMethod(lib, twin, args, calledDirectly);
    return c.op ? { ...c, operation: method } : c;
  }
  if (!calledDirectly && method !== '' && lib.factories?.includes(method)) return { op: false, factory: true };
  const conditional = hasConditional(args, ops.conditional);
  const op = (access: Access, target = targetOf(args, keyedMethod(lib, method))): Classified => ({ op: true, access, operation: method, ...(target ? { target } : {}), ...(conditional ? { conditional } : {}) });
  if (ops.headers && inList(ops.headers.methods, method)) {
    const access = headerAccess(ops.headers.names, method, args);
    return access ? { op: true, access, operation: method } : { op: false };
  }
  if (inList(ops.sql, method)) {
    const text = textOf(args[0]);
    const access = text !== undefined ? accessFromSql(text) ?? 'readwrite' : 'readwrite';
    const c = op(access, text ? tablesFromSql(text)[0] : undefined);
    return text === undefined && c.op ? { ...c, unread: true } : c;
  }
  if (inList(ops.cypher, method)) {
    const text = textOf(args[0]);
    return op(text === undefined ? 'readwrite' : /\b(create|merge|set|delete|remove|detach)\b/i.test(text) ? 'write' : 'read', undefined);
  }
  if (inList(ops.graphql, method)) {
    const text = args.map(textOf).find((t) => t !== undefined && /^\s*(#[^\n]*\n\s*)*(query|mutation|subscription|fragment|\{)/.test(t));
    return op(text === undefined ? 'readwrite' : accessFromGraphql(text), undefined);
  }
  if (inList(ops.http, method)) return op(httpAccess(method, args), hostOf(args));
  if (inList(ops.command, method)) {
    for (const a of args) {
      const cmd = commandName(a);
      if (cmd) {
        const obj = a.k === 'new' ? a.a[0] : undefined;
        const sqlText = textOf(obj);
        const bare = cmd.replace(/Command$/, '');
        const own = bare.charAt(0).toLowerCase() + bare.slice(1);
        const listed = inList(ops.readwrite, own) ? 'readwrite' : inList(ops.write, own) ? 'write' : inList(ops.read, own) ? 'read' : undefined;
        const access = listed ?? (sqlText ? accessFromSql(sqlText) : undefined) ?? accessFromCommand(cmd) ?? 'readwrite';
        return { op: true, access, operation: bare, ...(obj ? withTarget(sqlText ? tablesFromSql(sqlText)[0] : targetOf([obj], false)) : {}) };
      }
    }
    return op('readwrite');
  }
  if (inList(ops.readwrite, method)) return op('readwrite');
  if (inList(ops.write, method)) return op('write');
  // a MongoDB pipeline that ends in `$out` or `$merge` writes its result into a collection
  if (method === 'aggregate' && args.some(writesPipeline)) return op('readwrite');
  if (inList(ops.read, method)) return op('read');
  if (inList(ops.ignore, method) || inList(ops.navigate, method) || COMMON_IGNORED.has(method)) return { op: false };
  const fallback = ops.fallback ?? 'verb';
  if (fallback === 'ignore') return { op: false };
  if (fallback === 'verb') {
    const access = accessFromVerb(method);
    return access ? op(access) : { op: false };
  }
  return op(fallback);
}

/** An aggregation stage (or the pipeline holding it) that writes: `{ $out: 'leaderboard' }`, `{ $merge: { into } }`. */
function writesPipeline(v: Val): boolean {
  if (v.k === 'or') return v.v.some(writesPipeline);
  return v.k === 'obj' && ('$out' in v.p || '$merge' in v.p);
}

function withTarget(t: string | undefined): { target?: string } {
  return t ? { target: t } : {};
}

/** `new PutObjectCommand(…)` → `PutObjectCommand` (the name as written, or its import name). */
export function commandName(v: Val): string | undefined {
  if (v.k !== 'new' && v.k !== 'bound') return undefined;
  if (v.k === 'bound') return commandName(v.v);
  const f = v.f;
  if (f.k === 'imp') return /Command$/.test(f.n) ? f.n : undefined;
  if (f.k === 'prop' || f.k === 'ref' || f.k === 'glob') return /Command$/.test(f.n) ? f.n : undefined;
  if (f.k === 'bound') return commandName({ k: 'new', f: f.v, a: [] });
  return undefined;
}

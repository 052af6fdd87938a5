import type { Access } from './types';

/**
 * Verbs shared by most data APIs. A method is classified by its first camelCase word (`findUnique` →
 * `find`, `selectFrom` → `select`, `getItem` → `get`) after an entry's own table had its say.
 */
const READ_VERBS = new Set([
  'get', 'find', 'read', 'select', 'fetch', 'load', 'list', 'count', 'exists', 'exist', 'has', 'scan', 'query',
  'describe', 'head', 'search', 'aggregate', 'first', 'all', 'one', 'many', 'pluck', 'stat', 'lookup', 'peek',
  'receive', 'consume', 'subscribe', 'watch', 'download', 'retrieve', 'verify', 'decode', 'check', 'is', 'keys',
  'values', 'entries', 'iterate', 'distinct', 'explain', 'sum', 'avg', 'min', 'max', 'contains', 'collect',
  'key', 'length', 'size', 'lrange', 'smembers', 'zrange', 'hgetall', 'mget', 'hmget', 'sismember', 'ttl',
]);

const WRITE_VERBS = new Set([
  'set', 'put', 'insert', 'update', 'upsert', 'delete', 'del', 'remove', 'create', 'save', 'write', 'append',
  'add', 'incr', 'incrby', 'decr', 'decrby', 'expire', 'publish', 'send', 'produce', 'enqueue', 'emit', 'drop',
  'truncate', 'destroy', 'bulk', 'replace', 'merge', 'unlink', 'rename', 'mkdir', 'rmdir', 'rm', 'copy', 'move',
  'upload', 'store', 'patch', 'post', 'sign', 'encode', 'clear', 'flush', 'push', 'unshift', 'lpush', 'rpush',
  'sadd', 'srem', 'zadd', 'zrem', 'hset', 'hdel', 'hmset', 'hincrby', 'setex', 'psetex', 'setnx', 'mset',
  'touch', 'persist', 'restore', 'ack', 'nack', 'reject', 'commit', 'increment', 'decrement', 'overwrite',
  'ensure', 'output', 'erase', 'purge', 'evict', 'invalidate', 'seed', 'import', 'reset', 'schedule', 'dispatch',
  'xadd', 'getset', 'getdel', 'lpop', 'rpop', 'spop', 'blpop', 'brpop', 'pop', 'shift', 'splice', 'restore',
]);

const READWRITE_VERBS = new Set(['getset', 'getdel', 'lpop', 'rpop', 'spop', 'blpop', 'brpop', 'pop', 'findAndModify']);

/** The first camelCase / snake_case word of a method name, lower-cased: `findUnique` → `find`. */
export function verbOf(method: string): string {
  const m = /^[$_]*([a-z]+|[A-Z][a-z]*)/.exec(method);
  return (m ? m[1] : method).toLowerCase();
}

/** Access implied by a method's verb, or undefined when the verb says nothing. */
export function accessFromVerb(method: string): Access | undefined {
  const whole = method.toLowerCase();
  if (READWRITE_VERBS.has(method) || READWRITE_VERBS.has(whole)) return 'readwrite';
  if (WRITE_VERBS.has(whole)) return 'write';
  if (READ_VERBS.has(whole)) return 'read';
  const verb = verbOf(method);
  if (READWRITE_VERBS.has(verb)) return 'readwrite';
  if (WRITE_VERBS.has(verb)) return 'write';
  if (READ_VERBS.has(verb)) return 'read';
  return undefined;
}

/** Connection management, events and plumbing: never data access, whatever the library. */
export const COMMON_IGNORED = new Set([
  'on', 'once', 'off', 'addListener', 'removeListener', 'removeAllListeners', 'emitWarning', 'connect', 'disconnect',
  'quit', 'end', 'close', 'destroySoon', 'release', 'then', 'catch', 'finally', 'toString', 'valueOf', 'toJSON',
  'bind', 'call', 'apply', 'constructor', 'ping', 'duplicate', 'unref', 'ref', 'setMaxListeners', 'listenerCount',
  '$connect', '$disconnect', '$on', '$use', '$extends', 'initialize', 'init', 'authenticate', 'sync', 'getRepository',
  'pipe', 'use', 'listen', 'middleware', 'status', 'healthCheck', 'isOpen', 'isReady',
]);

export function combineAccess(a: Access | undefined, b: Access | undefined): Access | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  return 'readwrite';
}

const SQL_WRITE = /\b(insert|update|delete|upsert|merge|replace|create|drop|alter|truncate|copy|grant|revoke|call|notify)\b/i;
const SQL_READ_FIRST = new Set(['select', 'show', 'explain', 'describe', 'values', 'table']);

/** Access of raw SQL text: its first verb decides; a `WITH …` writes when any part of it writes. */
export function accessFromSql(text: string): Access | undefined {
  const t = text.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''");
  const first = /^\s*(?:\(\s*)*([a-z]+)/i.exec(t)?.[1]?.toLowerCase();
  if (!first) return undefined;
  if (first === 'with') return SQL_WRITE.test(t) ? 'write' : 'read';
  if (SQL_READ_FIRST.has(first)) return /\bfor\s+(no\s+key\s+)?update\b/i.test(t) ? 'readwrite' : 'read';
  if (SQL_WRITE.test(first)) return 'write';
  return undefined;
}

/** The tables a SQL statement names (FROM / INTO / UPDATE / JOIN), lower-cased and de-quoted. */
export function tablesFromSql(text: string): string[] {
  const out = new Set<string>();
  const re = /\b(?:from|into|update|join|table)\s+((?:"[^"]+"|`[^`]+`|\[[^\]]+\]|[a-z_][\w$]*)(?:\s*\.\s*(?:"[^"]+"|`[^`]+`|[a-z_][\w$]*))?)/gi;
  for (const m of text.matchAll(re)) {
    const name = m[1].replace(/["`[\]\s]/g, '');
    if (!/^(select|set|values|only|lateral|unnest|if)$/i.test(name)) out.add(name);
  }
  return [...out];
}

const HTTP_READ = new Set(['get', 'head', 'options']);
const HTTP_WRITE = new Set(['post', 'put', 'patch', 'delete', 'del']);

/** Access of an HTTP method name (`GET` reads, `POST` writes). */
export function accessFromHttpMethod(method: string): Access | undefined {
  const m = method.toLowerCase();
  if (HTTP_READ.has(m)) return 'read';
  if (HTTP_WRITE.has(m)) return 'write';
  return undefined;
}

/** Access of an AWS-SDK style command name: `GetObjectCommand` reads, `PutItemCommand` writes. */
export function accessFromCommand(name: string): Access | undefined {
  return accessFromVerb(name.replace(/Command$/, ''));
}

/** Access of a GraphQL document: a `mutation` writes, anything else reads. */
export function accessFromGraphql(text: string): Access {
  return /^\s*(#[^\n]*\n\s*)*mutation\b/.test(text) ? 'write' : 'read';
}

/** Reads that return many records (a page, a batch): writes after them act per item, not on one checked record. */
export const LIST_READS: ReadonlySet<string> = new Set([
  'findMany', 'findAll', 'findAndCountAll', 'find', 'list', 'listAll', 'scan', 'getAll', 'getMany', 'findBy', 'aggregate', 'mget', 'smembers', 'hgetall', 'keys', 'lrange', 'zrange',
]);

/** Writes that insert or update in one step: the store settles a concurrent duplicate itself. */
export const UPSERTS: ReadonlySet<string> = new Set(['upsert', 'findOrCreate', 'findOneAndUpdate', 'findOneOrCreate', 'insertOrUpdate', 'createOrUpdate', 'setnx', 'hsetnx', 'orIgnore', 'onConflict', 'onConflictDoNothing', 'onConflictDoUpdate', 'onDuplicateKeyUpdate', 'ignore', 'merge']);

// JWTs: how long a token lives (`expiresIn`, `exp`, `setExpirationTime`) and whether verification is
// followed by a check that can revoke it before then: a deny-list read, a token-version compare or a
// session lookup, in a store, in the function that verifies or next to it (its callers and what they call).
import type { FileFacts } from '../facts';
import type { CrossFileCall, FoundOp } from '../link/types';
import { LIFETIME_PATTERNS, MECHANISM_WORDS } from '../extract/textSignals';
import { pushTo } from '../grouping';
import { callersNamed, functionsNamed } from '../link/calls';

export type RevocationMechanism = 'deny-list' | 'token-version' | 'session';

export interface JwtFound {
  /** `seconds` absent: the sign call sets a lifetime from a value the code does not hold (the configuration's). */
  lifetime?: { seconds?: number; file: string; line: number };
  revocation: { mechanism: RevocationMechanism; op: FoundOp } | null;
}

/** Stores a revocation record may live in: not the token itself, not configuration. */
const NOT_A_RECORD = new Set(['jwt', 'env', 'config', 'secret', 'http-api', 'cookie']);

/** Operations that read a token without verifying it. */
const DECODE_ONLY = /^(jwtDecode|jwt_decode|decode|decodeJwt|decodeProtectedHeader|unsafeDecode)$/;

const key = (file: string, fn: string | undefined) => `${file}#${fn ?? ''}`;

/**
 * The lifetime a sign call (or its file, or a JWT module's options) gives tokens, from the lifetimes the
 * extractor found in each file: per pattern in order, its first match in the call's lines, else in the file.
 * A lifetime the call sets from a value the code does not hold (`expiresIn: config.session.maxAge`) is one: its
 * value is the configuration's, and another of the file's is not taken for it. A lifetime written in another
 * store's call (`getSignedUrl(s3, command, { expiresIn: 180 })`) is that call's, not the token's.
 */
function lifetimeOf(signs: readonly FoundOp[], files: readonly string[], facts: ReadonlyMap<string, FileFacts>, others: readonly FoundOp[]): JwtFound['lifetime'] {
  const othersIn = new Map<string, FoundOp[]>();
  for (const o of others) pushTo(othersIn, o.file, o);
  const elsewhere = (file: string, line: number) => (othersIn.get(file) ?? []).some((o) => line >= o.line && line <= Math.max(o.line, o.endLine));
  const first = (file: string, from = 0, to = Infinity, unknown = false): JwtFound['lifetime'] => {
    const found = (facts.get(file)?.lifetimes ?? []).filter(([, line]) => !elsewhere(file, line));
    for (let p = 0; p < LIFETIME_PATTERNS.length; p++) {
      const m = found.find(([pattern, line]) => pattern === p && line >= from && line <= to);
      if (m && m[2] !== null) return { seconds: m[2], file, line: m[1] };
    }
    const set = unknown ? found.find(([, line, seconds]) => seconds === null && line >= from && line <= to) : undefined;
    return set ? { file, line: set[1] } : undefined;
  };
  for (const op of signs) {
    const found = first(op.file, op.line, Math.max(op.line, op.endLine), true);
    if (found) return found;
  }
  // the options may be set apart from the call: a constant of its file, a module's `signOptions`
  for (const file of [...new Set([...signs.map((s) => s.file), ...files])]) {
    const found = first(file);
    if (found) return found;
  }
  return undefined;
}

/** Functions that verify, the functions that call them, and what those call: where a revocation check sits. */
function nearVerification(verifies: readonly FoundOp[], facts: ReadonlyMap<string, FileFacts>, calls: readonly CrossFileCall[]): Set<string> {
  const verifying = new Set(verifies.map((v) => key(v.file, v.use.fn)));
  const callers = new Set(verifying);
  // this file's functions that `id` calls by name (an index per file, not a scan of its functions per function)
  const sameFile = (file: string, id: string): string[] => {
    const f = facts.get(file);
    return f ? [...new Set((f.functions[id]?.calls ?? []).flatMap((name) => functionsNamed(f, name)))] : [];
  };
  for (const v of verifies) {
    const f = facts.get(v.file);
    const name = v.use.fn !== undefined ? f?.functions[v.use.fn]?.name : undefined;
    if (!f || !name) continue;
    // the functions that call a verifying function by its name, in its file
    for (const id of callersNamed(f, name)) callers.add(key(v.file, id));
  }
  for (const c of calls) if (verifying.has(key(c.callee.file, c.callee.id))) callers.add(key(c.file, c.use.fn));
  const near = new Set(callers);
  for (const c of calls) if (callers.has(key(c.file, c.use.fn))) near.add(key(c.callee.file, c.callee.id));
  for (const k of callers) {
    const [file, id] = [k.slice(0, k.lastIndexOf('#')), k.slice(k.lastIndexOf('#') + 1)];
    if (id) for (const c of sameFile(file, id)) near.add(key(file, c));
  }
  return near;
}

/** The mechanism the operation's target, its function's name or its function's text (the words the extractor found) names. */
function mechanismOf(op: FoundOp, facts: ReadonlyMap<string, FileFacts>): RevocationMechanism | undefined {
  const fn = op.use.fn !== undefined ? facts.get(op.file)?.functions[op.use.fn] : undefined;
  for (const subject of [op.target ?? '', fn?.name ?? '']) {
    for (const [re, mechanism] of MECHANISM_WORDS) if (re.test(subject)) return mechanism;
  }
  return MECHANISM_WORDS.find(([, mechanism]) => fn?.sig?.includes(mechanism))?.[1];
}

/** What a service's JWT operations say: the lifetime, and the revocation check found next to verification. */
export function jwtFound(ops: readonly FoundOp[], kindOf: (op: FoundOp) => string, files: readonly FileFacts[], facts: ReadonlyMap<string, FileFacts>, calls: readonly CrossFileCall[]): JwtFound | undefined {
  // reading a token's payload without checking it (`jwtDecode(token)`, `jwt.decode`) neither signs nor verifies:
  // a browser app showing the user's name from its token has no lifetime or revocation to tell
  const jwt = ops.filter((o) => kindOf(o) === 'jwt' && !DECODE_ONLY.test(o.operation.replace(/^.*\./, '')));
  if (jwt.length === 0) return undefined;
  const signs = jwt.filter((o) => o.access !== 'read');
  const verifies = jwt.filter((o) => o.access !== 'write');
  const jwtFiles = files.filter((f) => f.imports.some((i) => /jwt|jose/i.test(i.module))).map((f) => f.file);
  const lifetime = lifetimeOf(signs, jwtFiles, facts, ops.filter((o) => kindOf(o) !== 'jwt' && kindOf(o) !== 'env'));
  const near = nearVerification(verifies, facts, calls);
  let revocation: JwtFound['revocation'] = null;
  for (const op of ops) {
    if (NOT_A_RECORD.has(kindOf(op)) || op.access === 'write' || op.use.fn === undefined || !near.has(key(op.file, op.use.fn))) continue;
    const mechanism = mechanismOf(op, facts);
    if (mechanism) {
      revocation = { mechanism, op };
      break;
    }
  }
  return { ...(lifetime ? { lifetime } : {}), revocation };
}

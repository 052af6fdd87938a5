// JWTs: how long a token lives (`expiresIn`, `exp`, `setExpirationTime`) and whether verification is
// followed by a check that can revoke it before then: a deny-list read, a token-version compare or a
// session lookup, in a store, in the function that verifies or next to it (its callers and what they call).
import type { FileFacts } from '../facts';
import type { CrossFileCall, FoundOp } from '../link/types';
import { durationOf } from './duration';
import { linesOf, type TextOf } from './text';

export type RevocationMechanism = 'deny-list' | 'token-version' | 'session';

export interface JwtFound {
  lifetime?: { seconds: number; file: string; line: number };
  revocation: { mechanism: RevocationMechanism; op: FoundOp } | null;
}

/** Words that name a mechanism, tried on the operation's target, its function's name, then its function's text. */
const MECHANISMS: Array<[RegExp, RevocationMechanism]> = [
  [/revok|deny-?list|denylist|black-?list|block-?list|banned/i, 'deny-list'],
  [/token_?version|tokenversion|password_?changed_?at|passwordchangedat/i, 'token-version'],
  [/session/i, 'session'],
];
/** Stores a revocation record may live in: not the token itself, not configuration. */
const NOT_A_RECORD = new Set(['jwt', 'env', 'config', 'secret', 'http-api', 'cookie']);
const LIFETIME = [
  { re: /\bexpiresIn\s*:\s*([^,}\n]+)/, unitless: 'ms' as const },
  { re: /\bsetExpirationTime\(\s*([^)\n]+)\)/, unitless: 's' as const },
  { re: /\bexp\s*:\s*([^,}\n]+)/, unitless: 's' as const },
  { re: /\b(expiresIn)\s*[,}]/, unitless: 'ms' as const },
];

const key = (file: string, fn: string | undefined) => `${file}#${fn ?? ''}`;

/** The lifetime a sign call (or its file, or a JWT module's options) gives tokens. */
function lifetimeOf(signs: readonly FoundOp[], files: readonly string[], textOf: TextOf): JwtFound['lifetime'] {
  const tryText = (file: string, text: string, offsetLine: number): JwtFound['lifetime'] => {
    for (const { re, unitless } of LIFETIME) {
      const m = re.exec(text);
      const seconds = m ? durationOf(m[1], textOf(file) ?? '', unitless) : undefined;
      if (m && seconds !== undefined) return { seconds, file, line: offsetLine + text.slice(0, m.index).split('\n').length - 1 };
    }
    return undefined;
  };
  for (const op of signs) {
    const text = textOf(op.file);
    const found = text && tryText(op.file, linesOf(text, op.line, op.endLine), op.line);
    if (found) return found;
  }
  // the options may be set apart from the call: a constant of its file, a module's `signOptions`
  for (const file of [...new Set([...signs.map((s) => s.file), ...files])]) {
    const text = textOf(file);
    const found = text && tryText(file, text, 1);
    if (found) return found;
  }
  return undefined;
}

/** Functions that verify, the functions that call them, and what those call: where a revocation check sits. */
function nearVerification(verifies: readonly FoundOp[], facts: ReadonlyMap<string, FileFacts>, calls: readonly CrossFileCall[]): Set<string> {
  const verifying = new Set(verifies.map((v) => key(v.file, v.use.fn)));
  const callers = new Set(verifying);
  const sameFile = (file: string, id: string): string[] => {
    const f = facts.get(file);
    const names = f?.functions[id]?.calls ?? [];
    return Object.entries(f?.functions ?? {}).filter(([, fn]) => names.includes(fn.name)).map(([fid]) => fid);
  };
  for (const [file, f] of facts) {
    for (const [id] of Object.entries(f.functions)) if (sameFile(file, id).some((c) => verifying.has(key(file, c)))) callers.add(key(file, id));
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

function mechanismOf(op: FoundOp, facts: ReadonlyMap<string, FileFacts>, textOf: TextOf): RevocationMechanism | undefined {
  const fn = op.use.fn !== undefined ? facts.get(op.file)?.functions[op.use.fn] : undefined;
  const text = textOf(op.file);
  const body = fn && text ? text.slice(fn.start, fn.end) : '';
  for (const subject of [op.target ?? '', fn?.name ?? '', body]) {
    for (const [re, mechanism] of MECHANISMS) if (re.test(subject)) return mechanism;
  }
  return undefined;
}

/** What a service's JWT operations say: the lifetime, and the revocation check found next to verification. */
export function jwtFound(ops: readonly FoundOp[], kindOf: (op: FoundOp) => string, files: readonly FileFacts[], facts: ReadonlyMap<string, FileFacts>, calls: readonly CrossFileCall[], textOf: TextOf): JwtFound | undefined {
  const jwt = ops.filter((o) => kindOf(o) === 'jwt');
  if (jwt.length === 0) return undefined;
  const signs = jwt.filter((o) => o.access !== 'read');
  const verifies = jwt.filter((o) => o.access !== 'write');
  const jwtFiles = files.filter((f) => f.imports.some((i) => /jwt|jose/i.test(i.module))).map((f) => f.file);
  const lifetime = lifetimeOf(signs, jwtFiles, textOf);
  const near = nearVerification(verifies, facts, calls);
  let revocation: JwtFound['revocation'] = null;
  for (const op of ops) {
    if (NOT_A_RECORD.has(kindOf(op)) || op.access === 'write' || op.use.fn === undefined || !near.has(key(op.file, op.use.fn))) continue;
    const mechanism = mechanismOf(op, facts, textOf);
    if (mechanism) {
      revocation = { mechanism, op };
      break;
    }
  }
  return { ...(lifetime ? { lifetime } : {}), revocation };
}

/** Whether a service's README says tokens can be revoked (logout, revoke, invalidate), with the line. */
export function claimsRevocation(readme: string | undefined): number | undefined {
  if (!readme) return undefined;
  const lines = readme.split(/\r?\n/);
  const i = lines.findIndex((l) => /\b(revok\w*|log(?:ging|s)? ?out|sign(?:ing|s)? out|invalidat\w*)\b/i.test(l) && /\btokens?\b|\bjwts?\b|\bsessions?\b|\bjti\b/i.test(l));
  return i >= 0 ? i + 1 : undefined;
}

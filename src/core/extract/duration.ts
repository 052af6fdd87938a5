// A token lifetime as code writes it (`'7d'`, `15 * 60`, `ACCESS_TTL`, `Math.floor(Date.now() / 1000) + 3600`,
// `process.env.JWT_TTL || '1h'`), in seconds. Only literals, arithmetic on them, constants of the same file and
// the default after `||` or `??`: anything else is unknown.

const UNITS: Array<[RegExp, number]> = [
  [/^(ms|msecs?|milliseconds?)$/, 0.001],
  [/^(s|secs?|seconds?)$/, 1],
  [/^(m|mins?|minutes?)$/, 60],
  [/^(h|hrs?|hours?)$/, 3600],
  [/^(d|days?)$/, 86400],
  [/^(w|weeks?)$/, 604800],
  [/^(y|yrs?|years?)$/, 31557600],
];
const MAX_DEPTH = 4;
/** The current time in seconds, as code writes it: `Math.floor(Date.now() / 1000)`. */
const NOW_SECONDS = String.raw`(?:Math\.(?:floor|round|trunc)\(\s*)?Date\.now\(\)\s*\/\s*1000\s*\)?`;
const NOW_IN_SECONDS = new RegExp(`^${NOW_SECONDS}$`);
const FROM_NOW = new RegExp(`^${NOW_SECONDS}\\s*\\+\\s*(.+)$`, 's');

/**
 * Seconds of a lifetime expression. `unitless`: what a string without unit means (`jsonwebtoken` reads
 * `"120"` as milliseconds, jose's `setExpirationTime` as seconds).
 */
export function durationOf(expr: string, text: string, unitless: 'ms' | 's' = 'ms', depth = 0): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  // (`'60d' as any`, `'1h' as const`, `ttl as StringValue`: a type assertion says nothing of the value)
  const e = expr.trim().replace(/\s+as\s+[\w.$<>[\]]+$/, '').replace(/^\((.*)\)$/s, '$1').trim();
  const quoted = /^(['"`])([^'"`]*)\1$/.exec(e);
  if (quoted) {
    // jose's timespans may say when they count from: `'1 day from now'`, `'+2h'`
    const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(quoted[2].trim().replace(/\s+from\s+now$/i, '').replace(/^\+\s*/, ''));
    if (!m) return undefined;
    if (!m[2]) return Number(m[1]) * (unitless === 'ms' ? 0.001 : 1);
    const unit = UNITS.find(([re]) => re.test(m[2].toLowerCase()));
    return unit ? Number(m[1]) * unit[1] : undefined;
  }
  // `process.env.JWT_TTL || '7d'`, `config.ttl ?? 3600`: unless something is set, the default is the lifetime
  const alternatives = splitDefault(e);
  if (alternatives) return durationOf(alternatives[0], text, unitless, depth + 1) ?? durationOf(alternatives[1], text, unitless, depth + 1);
  // `exp: Math.floor(Date.now() / 1000) + 3600`: the lifetime is what is added to now
  const fromNow = FROM_NOW.exec(e);
  if (fromNow) return durationOf(fromNow[1], text, 's', depth + 1);
  // `exp: now + 10 * 60` where `const now = Math.floor(Date.now() / 1000)`
  const viaNow = /^([A-Za-z_$][\w$]*)\s*\+\s*(.+)$/s.exec(e);
  if (viaNow && NOW_IN_SECONDS.test(constantOf(viaNow[1], text)?.trim() ?? '')) return durationOf(viaNow[2], text, 's', depth + 1);
  let ok = true;
  // constants of the file, then arithmetic on numbers
  const substituted = e.replace(/[A-Za-z_$][\w$]*/g, (name) => {
    const value = constantOf(name, text);
    const n = value !== undefined ? durationOf(value, text, unitless, depth + 1) : undefined;
    if (n === undefined) ok = false;
    return String(n);
  });
  return ok ? arithmetic(substituted.replace(/_/g, '')) : undefined;
}

/** `a || b` or `a ?? b` at the top level of an expression (not inside brackets or quotes): `[a, b]`. */
function splitDefault(e: string): [string, string] | undefined {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < e.length - 1; i++) {
    const c = e[i];
    if (quote) {
      if (c === quote && e[i - 1] !== '\\') quote = '';
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (depth === 0 && (e.startsWith('||', i) || e.startsWith('??', i))) return [e.slice(0, i), e.slice(i + 2)];
  }
  return undefined;
}

/** The initialiser of `const NAME = …` in a text. */
function constantOf(name: string, text: string): string | undefined {
  const m = new RegExp(`(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\s*(?::[^=\\n]+)?=\\s*([^;\\n]+)`).exec(text);
  return m?.[1];
}

/** `+ - * /` and parentheses on numbers, or undefined. */
function arithmetic(src: string): number | undefined {
  const tokens = src.match(/\d+(?:\.\d+)?|[-+*/()]|\S/g) ?? [];
  let i = 0;
  const primary = (): number | undefined => {
    const t = tokens[i++];
    if (t === '(') {
      const v = sum();
      return tokens[i++] === ')' ? v : undefined;
    }
    return t !== undefined && /^\d/.test(t) ? Number(t) : undefined;
  };
  const product = (): number | undefined => {
    let v = primary();
    while (v !== undefined && (tokens[i] === '*' || tokens[i] === '/')) {
      const op = tokens[i++];
      const r = primary();
      v = r === undefined ? undefined : op === '*' ? v * r : v / r;
    }
    return v;
  };
  const sum = (): number | undefined => {
    let v = product();
    while (v !== undefined && (tokens[i] === '+' || tokens[i] === '-')) {
      const op = tokens[i++];
      const r = product();
      v = r === undefined ? undefined : op === '+' ? v + r : v - r;
    }
    return v;
  };
  const v = sum();
  return v !== undefined && i === tokens.length && Number.isFinite(v) && v > 0 ? v : undefined;
}

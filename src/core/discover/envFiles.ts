// Example environment files a repository commits (`.env.example`, `config/example.env`, `.env.sample`): the values a
// newcomer copies are the defaults of the variables the code reads. `DB_FILE_NAME=file:.data/app.db` says that
// `drizzle(process.env.DB_FILE_NAME)` opens a local file, `DATABASE_URL=postgres://…` which database a client reaches.

/** Names of committed env files whose values are defaults: `.env`, `.env.example`, `example.env`, `.env.sample`, `env.template`. */
export function isEnvFile(base: string): boolean {
  return /^\.env(\.[\w-]+)*$/i.test(base) || /^[\w-]+\.env$/i.test(base) || /^env\.(example|sample|template|defaults)$/i.test(base);
}

/** At most this many distinct values per variable across the workspace's env files. */
const MAX_VALUES = 4;

/**
 * `KEY=value` lines (`export KEY=value`, quoted values, `# comments`) of one env file into `out` (variable → values in
 * the order met). Empty values say nothing and are left out.
 */
export function readEnvDefaults(text: string, out: Map<string, string[]>): void {
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    let value = m[2].trim();
    const quoted = /^(['"`])(.*?)\1(\s+#.*)?$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, '').trim();
    if (!value) continue;
    const list = out.get(m[1]) ?? [];
    if (!list.includes(value) && list.length < MAX_VALUES) list.push(value);
    out.set(m[1], list);
  }
}

// The columns a database keeps unique, as the repository's own schema code declares them: SQL DDL in any
// string (`CREATE TABLE accounts (email text UNIQUE, …)`, `CREATE UNIQUE INDEX … ON users (team_id, email)`,
// `ALTER TABLE … ADD CONSTRAINT … UNIQUE (…)`), Kysely's schema builder (`.createTable('accounts')
// .addColumn('email', 'varchar', (col) => col.unique())`, `.addUniqueConstraint('x', ['a', 'b'])`,
// `.createIndex('x').unique().on('t').columns([…])`) and knex's (`createTable('users', (t) => {
// t.string('email').unique(); t.unique(['a', 'b']); })`). Read from the text, not the syntax tree: a
// migration's builder chain is often longer than the values the extractor keeps. Check-then-act uses it: a
// lookup, then an insert of the looked-up key, is refused by the database when the key is unique.

/** Files without these words declare nothing unique (most files): one cheap test skips the patterns. */
const MAY_DECLARE = /\b(unique|UNIQUE|primaryKey|primary|PRIMARY)\b/;
/** Tables (and their column sets) kept per file: enough for a long migration, bounded for a hostile one. */
const MAX_KEYS = 400;
/** How far a builder chain for one table is read: up to the next table's, and at most this many characters. */
const MAX_SEGMENT = 20_000;

const QUOTED = `['"\`]([\\w.]+)['"\`]`;
const IDENT = `"?([\\w.]+)"?`;

/** `[table, columns]` per unique column set the file declares; tables and columns in lower case, without a schema prefix. */
export function uniqueKeysOf(text: string): Array<[string, string[]]> {
  if (!MAY_DECLARE.test(text)) return [];
  const out: Array<[string, string[]]> = [];
  const add = (table: string, cols: string[]) => {
    const t = bare(table);
    const c = cols.map(bare).filter((x) => x.length > 0);
    if (t && c.length > 0 && out.length < MAX_KEYS && !out.some(([a, b]) => a === t && b.join() === c.join())) out.push([t, c]);
  };
  builders(text, add);
  sql(text, add);
  return out;
}

/** Kysely and knex schema builders: each `createTable`/`alterTable` call and the chain or callback after it. */
function builders(text: string, add: (table: string, cols: string[]) => void): void {
  const starts = [...text.matchAll(new RegExp(`\\.(?:createTable|alterTable|table)\\(\\s*${QUOTED}`, 'g'))];
  starts.forEach((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const to = Math.min(starts[i + 1]?.index ?? text.length, from + MAX_SEGMENT);
    const segment = text.slice(from, to);
    const table = m[1];
    // Kysely: `.addColumn('email', 'varchar(256)', (col) => col.notNull().unique())`, one part per column
    const parts = segment.split(/\.addColumn\(/).slice(1);
    for (const part of parts) {
      const col = new RegExp(`^\\s*${QUOTED}`).exec(part)?.[1];
      const own = part.split(/\.add\w*Constraint\(|\.execute\(/)[0];
      if (col && /\.(unique|primaryKey)\(\s*\)/.test(own)) add(table, [col]);
    }
    // Kysely: `.addUniqueConstraint('name', ['a', 'b'])`, `.addPrimaryKeyConstraint('name', ['a', 'b'])`
    for (const c of segment.matchAll(new RegExp(`\\.add(?:Unique|PrimaryKey)Constraint\\(\\s*${QUOTED}\\s*,\\s*\\[([^\\]]*)\\]`, 'g'))) add(table, names(c[2]));
    // knex: `t.string('email').notNullable().unique()` (one statement), `t.unique(['a', 'b'])`, `t.primary(['a', 'b'])`
    for (const statement of segment.split(/;|\{|\n\s*\n/)) {
      const col = new RegExp(`^\\s*\\w+\\.\\w+\\(\\s*${QUOTED}[^;]*?\\.(?:unique|primary)\\(\\s*\\)`).exec(statement)?.[1];
      if (col && !/\.addColumn\(/.test(statement)) add(table, [col]);
      for (const c of statement.matchAll(/\.(?:unique|primary)\(\s*\[([^\]]*)\]/g)) add(table, names(c[1]));
      const single = new RegExp(`^\\s*\\w+\\.(?:unique|primary)\\(\\s*${QUOTED}`).exec(statement)?.[1];
      if (single) add(table, [single]);
    }
  });
  // Kysely: `.createIndex('x').unique().on('users').columns(['team_id', 'email'])` (or `.column('email')`)
  const index = new RegExp(`\\.createIndex\\([^)]*\\)\\s*\\.unique\\(\\s*\\)\\s*\\.on\\(\\s*${QUOTED}\\s*\\)\\s*\\.columns?\\(\\s*(\\[[^\\]]*\\]|${QUOTED})`, 'g');
  for (const m of text.matchAll(index)) add(m[1], names(m[2]));
}

/** SQL DDL anywhere in the text (template literals, strings, `.sql` read in). */
function sql(text: string, add: (table: string, cols: string[]) => void): void {
  for (const m of text.matchAll(new RegExp(`CREATE\\s+(?:TEMP(?:ORARY)?\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${IDENT}\\s*\\(`, 'gi'))) {
    const body = balanced(text, (m.index ?? 0) + m[0].length);
    for (const def of topLevel(body)) {
      const key = /^\s*(?:CONSTRAINT\s+\S+\s+)?(?:UNIQUE|PRIMARY\s+KEY)\s*(?:KEY\s*)?\(([^)]*)\)/i.exec(def);
      if (key) add(m[1], names(key[1]));
      else if (/\b(UNIQUE|PRIMARY\s+KEY)\b/i.test(def)) {
        const col = /^\s*"?(\w+)"?/.exec(def)?.[1];
        if (col && !/^(CONSTRAINT|CHECK|FOREIGN|INDEX|KEY)$/i.test(col)) add(m[1], [col]);
      }
    }
  }
  for (const m of text.matchAll(new RegExp(`CREATE\\s+UNIQUE\\s+INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:"?\\w+"?\\s+)?ON\\s+(?:ONLY\\s+)?${IDENT}\\s*(?:USING\\s+\\w+\\s*)?\\(([^)]*)\\)`, 'gi'))) {
    add(m[1], names(m[2]));
  }
  for (const m of text.matchAll(new RegExp(`ALTER\\s+TABLE\\s+(?:ONLY\\s+)?(?:IF\\s+EXISTS\\s+)?${IDENT}\\s+ADD\\s+(?:CONSTRAINT\\s+"?\\w+"?\\s+)?(?:UNIQUE|PRIMARY\\s+KEY)\\s*\\(([^)]*)\\)`, 'gi'))) {
    add(m[1], names(m[2]));
  }
}

/** The text inside the bracket opened just before `from`, up to its match (or a bounded stretch). */
function balanced(text: string, from: number): string {
  let depth = 1;
  const end = Math.min(text.length, from + MAX_SEGMENT);
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(from, i);
  }
  return text.slice(from, end);
}

/** Comma-separated parts at the top level of a bracket's text. */
function topLevel(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

/** Column names of a list (`'a', 'b'`, `"a", b`, `[a, b]`). */
function names(list: string): string[] {
  return list.split(',').map((x) => x.trim().replace(/^[[\s'"`]+|[\]\s'"`]+$/g, '').replace(/["`]?\s+(ASC|DESC|NULLS\s+\w+)\b.*$/i, '').replace(/["`]/g, '')).filter((x) => /^[\w.]+$/.test(x));
}

/** `public.users` → `users`, `"Email"` → `email`. */
function bare(name: string): string {
  return name.replace(/^.*\./, '').replace(/"/g, '').toLowerCase();
}

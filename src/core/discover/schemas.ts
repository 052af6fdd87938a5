import path from 'node:path';
import type * as PrismaAst from '@mrleebo/prisma-ast';
import { tsv as ts } from '../compiler';
import type { StoreKind } from '../../catalog';
import type { Problem } from '../model/types';
import { stripBom } from './files';
import { dirOf } from './packages';

/** Path mapping of one tsconfig/jsconfig: `@server/*` → `server/*`, relative to the workspace root. */
export interface PathMapping {
  /** Folder the config governs (posix relative). */
  dir: string;
  /** baseUrl, posix relative to the workspace root, if set. */
  baseUrl?: string;
  paths: Array<{ pattern: string; targets: string[] }>;
  /**
   * `outDir` and `rootDir` (posix relative to the workspace root; without a rootDir, the config's folder): a file under
   * `out` is built from the same path under `src`.
   */
  build?: { out: string; src: string };
}

/** A tsconfig's own compilerOptions (JSON with comments; the TypeScript parser reads it). */
export function readTsconfig(rel: string, text: string, problems: Problem[]): { baseUrl?: string; paths?: Record<string, string[]>; outDir?: string; rootDir?: string; extends: string[] } {
  const parsed = ts.parseConfigFileTextToJson(rel, stripBom(text));
  if (parsed.error) {
    problems.push({ file: rel, message: `invalid JSON: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, ' ')}` });
    return { extends: [] };
  }
  const cfg = (parsed.config ?? {}) as { compilerOptions?: { baseUrl?: unknown; paths?: unknown; outDir?: unknown; rootDir?: unknown }; extends?: unknown };
  const co = cfg.compilerOptions ?? {};
  const ext = typeof cfg.extends === 'string' ? [cfg.extends] : Array.isArray(cfg.extends) ? cfg.extends.filter((e): e is string => typeof e === 'string') : [];
  const paths: Record<string, string[]> = {};
  if (co.paths && typeof co.paths === 'object') {
    for (const [k, v] of Object.entries(co.paths as Record<string, unknown>)) {
      if (Array.isArray(v)) paths[k] = v.filter((t): t is string => typeof t === 'string');
    }
  }
  return {
    baseUrl: typeof co.baseUrl === 'string' ? co.baseUrl : undefined, paths: Object.keys(paths).length ? paths : undefined,
    ...(typeof co.outDir === 'string' ? { outDir: co.outDir } : {}), ...(typeof co.rootDir === 'string' ? { rootDir: co.rootDir } : {}), extends: ext,
  };
}

/** Deeper `extends` chains are cut (and reported): real ones are a few levels. */
export const MAX_EXTENDS_DEPTH = 64;

type Resolved = { baseUrl?: string; paths?: Record<string, string[]>; pathsDir?: string; outDir?: string; rootDir?: string };

/**
 * Resolves `extends` chains between the workspace's own tsconfigs and yields one mapping per config.
 * Each config is resolved once; a cycle or a chain over MAX_EXTENDS_DEPTH is reported on the config
 * where it is cut, and what was resolved up to there still applies.
 */
export function pathMappings(configs: Map<string, ReturnType<typeof readTsconfig>>, problems: Problem[] = []): PathMapping[] {
  const out: PathMapping[] = [];
  const done = new Map<string, Resolved>();
  const reported = new Set<string>();
  const report = (rel: string, message: string) => {
    if (reported.has(rel)) return;
    reported.add(rel);
    problems.push({ file: rel, message });
  };
  const stack: string[] = [];
  // one report for a too-deep chain: it is cut again each MAX_EXTENDS_DEPTH configs down
  let deepReported = false;
  const resolveOwn = (rel: string): Resolved => {
    const known = done.get(rel);
    if (known) return known;
    const c = configs.get(rel);
    if (!c) return {};
    stack.push(rel);
    let inherited: Resolved = {};
    for (const e of c.extends) {
      if (!e.startsWith('.')) continue;
      let target = path.posix.normalize(path.posix.join(dirOf(rel), e));
      if (!target.endsWith('.json')) target += '.json';
      if (stack.includes(target)) {
        report(rel, `"extends": "${e}" makes a cycle (${[...stack.slice(stack.indexOf(target)), target].join(' → ')}); not followed`);
        continue;
      }
      if (stack.length >= MAX_EXTENDS_DEPTH && configs.has(target) && !done.has(target)) {
        if (!deepReported) report(rel, `"extends" chain is over ${MAX_EXTENDS_DEPTH} configs deep; not followed further`);
        deepReported = true;
        continue;
      }
      inherited = { ...inherited, ...resolveOwn(target) };
    }
    stack.pop();
    const dir = dirOf(rel);
    const baseUrl = c.baseUrl !== undefined ? path.posix.normalize(path.posix.join(dir, c.baseUrl)) : inherited.baseUrl;
    const paths = c.paths ?? inherited.paths;
    const pathsDir = c.paths ? (c.baseUrl !== undefined ? baseUrl : dir) : inherited.pathsDir;
    // an inherited outDir/rootDir is relative to the config that wrote it
    const outDir = c.outDir !== undefined ? path.posix.join(dir, c.outDir) : inherited.outDir;
    const rootDir = c.rootDir !== undefined ? path.posix.join(dir, c.rootDir) : inherited.rootDir;
    const r = { baseUrl, paths, pathsDir, outDir, rootDir };
    done.set(rel, r);
    return r;
  };
  for (const rel of configs.keys()) {
    const r = resolveOwn(rel);
    // (with no rootDir, TypeScript's is the folder of the sources, most often the config's own: `outDir: './built'` beside
    // `web/` and `jobs/` builds `built/web/index.js` from `web/index.ts`; `src/` below it is tried as well where it is used)
    const rootDir = r.rootDir ?? dirOf(rel);
    const build = r.outDir !== undefined && clean(r.outDir) !== clean(rootDir) && !isWithin(clean(rootDir), clean(r.outDir)) ? { out: clean(r.outDir), src: clean(rootDir) } : undefined;
    if (!r.baseUrl && !r.paths && !build) continue;
    const base = r.pathsDir ?? dirOf(rel);
    out.push({
      dir: dirOf(rel),
      baseUrl: r.baseUrl ? clean(r.baseUrl) : undefined,
      paths: Object.entries(r.paths ?? {}).map(([pattern, targets]) => ({ pattern, targets: targets.map((t) => clean(path.posix.join(base, t))) })),
      ...(build ? { build } : {}),
    });
  }
  // deepest first: the nearest config governs a file
  return out.sort((a, b) => b.dir.length - a.dir.length);
}

/** The folders the tsconfigs build into, with the folders they build from (see `PathMapping.build`). */
export function buildFolders(mappings: readonly PathMapping[]): Array<{ out: string; src: string }> {
  return mappings.flatMap((m) => (m.build ? [m.build] : []));
}

/**
 * Is `inner` the folder `outer` or below it? The workspace root (`.`) counts as no folder here: a build folder below the
 * root (`outDir: './built'` beside the sources) is the usual layout, while one inside a named `rootDir` (`lib/out` of `lib`)
 * would be read back as its own source.
 */
function isWithin(outer: string, inner: string): boolean {
  return outer === '.' ? false : inner === outer || inner.startsWith(outer + '/');
}

function clean(p: string): string {
  const n = path.posix.normalize(p).replace(/\/+$/, '');
  return n === '' ? '.' : n.replace(/^\.\//, '');
}

export interface PrismaSchema {
  file: string;
  provider?: string;
  kind?: StoreKind;
  /** Generator output folders (posix relative to the root): imports of them are the Prisma client. */
  outputs: string[];
  /** The environment variable of the datasource URL (`env("DATABASE_URL")`). */
  urlEnv?: string;
  /** Per model (lower-case name), the field sets the database keeps unique (`@id`, `@unique`, `@@id`, `@@unique`). */
  unique?: Record<string, string[][]>;
}

const PRISMA_PROVIDERS: Record<string, StoreKind> = {
  postgresql: 'postgres', postgres: 'postgres', cockroachdb: 'postgres', mysql: 'mysql', sqlite: 'sqlite', sqlserver: 'mssql', mongodb: 'mongodb',
};

interface PrismaModel {
  name: string;
  properties?: Array<{ type: string; name?: string; attributes?: Array<{ name: string }>; args?: Array<{ value?: unknown }> }>;
}

/** A unique field set makes a check-then-insert on it safe: the database refuses the second row. */
function uniqueSets(model: PrismaModel, out: PrismaSchema): void {
  const sets: string[][] = [];
  for (const p of model.properties ?? []) {
    if (p.type === 'field' && p.name && p.attributes?.some((a) => a.name === 'unique' || a.name === 'id')) sets.push([p.name]);
    if (p.type === 'attribute' && (p.name === 'unique' || p.name === 'id')) {
      for (const arg of p.args ?? []) {
        const v = arg.value as { type?: string; key?: string; args?: unknown[]; value?: { type?: string; args?: unknown[] } } | undefined;
        const arr = v?.type === 'array' ? v.args : v?.type === 'keyValue' && v.key === 'fields' && v.value?.type === 'array' ? v.value.args : undefined;
        if (arr) sets.push(arr.map((x) => String(x).replace(/\(.*$/, '')));
      }
    }
  }
  if (sets.length > 0) (out.unique ??= {})[model.name.toLowerCase()] = sets;
}

/** The datasource provider and generator outputs of a `schema.prisma`; an invalid schema is a problem. */
export function readPrismaSchema(rel: string, text: string, problems: Problem[]): PrismaSchema {
  const out: PrismaSchema = { file: rel, outputs: [] };
  let list: Array<{ type: string; assignments?: Array<{ type: string; key?: string; value?: unknown }> }>;
  try {
    list = prismaAst().getSchema(text).list as typeof list;
  } catch (err) {
    const e = err as Error & { token?: { startLine?: number } };
    const message = e.message.replace(/\r?\n/g, '\\n').replace(/-->\s*|\s*<--/g, '').replace(/\s+/g, ' ').trim();
    problems.push({ file: rel, message: `invalid schema.prisma${e.token?.startLine ? ` at line ${e.token.startLine}` : ''}: ${message}` });
    // still try the provider: it is what the analysis needs
    const m = /datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"(\w+)"/.exec(text);
    if (m) {
      out.provider = m[1];
      out.kind = PRISMA_PROVIDERS[m[1]];
    }
    return out;
  }
  for (const block of list) {
    if (block.type === 'model') uniqueSets(block as unknown as PrismaModel, out);
    for (const a of block.assignments ?? []) {
      const fn = a.value as { type?: string; name?: string; params?: unknown[] } | undefined;
      if (block.type === 'datasource' && a.key === 'url' && fn?.type === 'function' && fn.name === 'env' && typeof fn.params?.[0] === 'string') {
        out.urlEnv = (fn.params[0] as string).replace(/^"|"$/g, '');
      }
      if (a.type !== 'assignment' || typeof a.value !== 'string') continue;
      const value = a.value.replace(/^"|"$/g, '');
      if (block.type === 'datasource' && a.key === 'provider') {
        out.provider = value;
        out.kind = PRISMA_PROVIDERS[value];
      }
      if (block.type === 'generator' && a.key === 'output') out.outputs.push(clean(path.posix.join(dirOf(rel), value)));
    }
  }
  return out;
}

let parser: typeof PrismaAst | undefined;

/**
 * The Prisma schema parser, loaded the first time a schema is read: building its grammar is a sixth of a
 * start-up, and most workspaces have no schema.prisma.
 */
function prismaAst(): typeof PrismaAst {
  parser ??= require('@mrleebo/prisma-ast') as typeof PrismaAst;
  return parser;
}

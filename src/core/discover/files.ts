import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Problem } from '../model/types';

// bounded reading lives in core/read.ts, so the language server's thread can use it without the analysis
export { formatBytes, readText, stripBom } from '../read';

/** Folders never analyzed: dependencies, build output, caches, VCS. */
export const DEFAULT_SKIP_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.svelte-kit', '.turbo', '.cache',
  '.parcel-cache', '.vercel', '.netlify', '.output', '.yarn', 'bower_components', 'jspm_packages', '.idea', '.vscode-test', 'tmp', '.tmp',
  '.serverless', '.aws-sam', 'cdk.out', '.expo', '.docusaurus', 'storybook-static', '__snapshots__',
]);

/**
 * Tests, fixtures, mocks and stories: not what runs in production. And code a tool generated into the repository:
 * minified bundles, vendored copies, Yarn Plug'n'Play's resolver (`.pnp.cjs`, `.pnp.loader.mjs`, the package
 * manager's own runtime, as `node_modules` is).
 */
export const DEFAULT_EXCLUDES = [
  '**/*.test.*', '**/*.spec.*', '**/*.mock.*', '**/*.stories.*', '**/*.story.*', '**/__tests__/**', '**/__mocks__/**', '**/__fixtures__/**',
  '**/test/**', '**/tests/**', '**/e2e/**', '**/cypress/**', '**/playwright/**', '**/fixtures/**', '**/testing/**', '**/test-utils/**',
  '**/*.d.ts', '**/*.min.js', '**/*-min.js', '**/*.bundle.js', '**/vendor/**', '**/.pnp.cjs', '**/.pnp.js', '**/.pnp.loader.mjs',
];

export interface WalkOptions {
  maxFileSize: number;
  exclude: string[];
  include?: string[];
  /** Called every so often with the number of entries seen (for progress). */
  onProgress?(seen: number): void;
}

export interface WalkedFile {
  /** Posix path relative to the root. */
  rel: string;
  size: number;
}

export interface WalkResult {
  files: WalkedFile[];
  problems: Problem[];
}

/**
 * Every regular file under `root` that is not skipped, following symlinks once (a folder reached twice
 * through links is a loop: reported, not followed). A link whose target lies outside the workspace is
 * reported and never read: an untrusted workspace must not make the analysis read the rest of the disk.
 * Unreadable folders become problems.
 */
export function walkWorkspace(root: string, opts: WalkOptions): WalkResult {
  const files: WalkedFile[] = [];
  const problems: Problem[] = [];
  const ownModules = sourceModuleDirs(root);
  const excluded = globMatcher(opts.exclude);
  const included = opts.include && opts.include.length > 0 ? globMatcher(opts.include) : undefined;
  const inside = insideOf(root);
  const seenDirs = new Set<string>();
  let seen = 0;
  const visit = (absDir: string, relDir: string): void => {
    let real: string;
    try {
      real = fs.realpathSync(absDir);
    } catch (err) {
      problems.push({ file: relDir || '.', message: `unreadable folder: ${(err as Error).message}` });
      return;
    }
    if (seenDirs.has(real)) {
      problems.push({ file: relDir || '.', message: 'skipped: symlink loop (this folder was already visited through another path)' });
      return;
    }
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(absDir, { withFileTypes: true });
    } catch (err) {
      problems.push({ file: relDir || '.', message: `unreadable folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (++seen % 2000 === 0) opts.onProgress?.(seen);
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      const abs = path.join(absDir, e.name);
      const kind = e.isSymbolicLink() ? followLink(abs, rel, inside, problems) : { isDir: e.isDirectory(), isFile: e.isFile(), size: -1 };
      if (!kind) continue;
      let { size } = kind;
      const { isDir, isFile } = kind;
      if (isDir) {
        if (DEFAULT_SKIP_DIRS.has(e.name) && !(e.name === 'node_modules' && ownModules.has(rel))) continue;
        if (excluded(rel + '/') || excluded(rel + '/x')) continue;
        visit(abs, rel);
      } else if (isFile) {
        if (excluded(rel)) continue;
        if (included && !included(rel) && !isConfigLike(e.name)) continue;
        if (size < 0) {
          try {
            size = fs.statSync(abs).size;
          } catch (err) {
            problems.push({ file: rel, message: `unreadable file: ${(err as Error).message}` });
            continue;
          }
        }
        files.push({ rel, size });
      }
    }
  };
  visit(root, '');
  return { files, problems };
}

export const OUTSIDE = 'skipped: symlink to a path outside the workspace';

/**
 * `node_modules` folders the repository keeps its own code in (node-red's `packages/node_modules`, started by
 * `node packages/node_modules/node-red/red.js`): named by a script or `workspaces` entry of the root
 * package.json, not the root's own `node_modules`, and holding no package the root declares as a dependency.
 * Installed dependencies are never analyzed.
 */
export function sourceModuleDirs(root: string): Set<string> {
  const out = new Set<string>();
  let pkg: { scripts?: Record<string, unknown>; workspaces?: unknown } & Record<string, unknown>;
  try {
    const file = path.join(root, 'package.json');
    if (fs.statSync(file).size > 1_000_000) return out;
    pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return out;
  }
  if (!pkg || typeof pkg !== 'object') return out;
  const ws = pkg.workspaces;
  const texts = [
    ...Object.values(pkg.scripts ?? {}),
    ...(Array.isArray(ws) ? ws : ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages) ? (ws as { packages: unknown[] }).packages : []),
  ].filter((t): t is string => typeof t === 'string');
  const declared = new Set<string>();
  for (const key of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = pkg[key];
    if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) declared.add(name);
  }
  for (const t of texts) {
    for (const m of t.matchAll(/(?:^|[\s'"=])(?:\.\/)?((?:[\w@.-]+\/)+?)node_modules\//g)) {
      const dir = `${m[1]}node_modules`;
      if (m[1].split('/').some((p) => p === '..' || p === '.' || p === 'node_modules')) continue;
      const abs = path.join(root, dir);
      try {
        if (!fs.statSync(abs).isDirectory()) continue;
        const names = fs.readdirSync(abs).flatMap((n) => (n.startsWith('@') ? fs.readdirSync(path.join(abs, n)).map((x) => `${n}/${x}`) : [n]));
        if (!names.some((n) => declared.has(n))) out.add(dir);
      } catch {
        continue;
      }
    }
  }
  return out;
}

/** What a symlink stands for, when it may be followed: undefined (and a problem) when broken, a loop, or outside. */
function followLink(abs: string, rel: string, inside: (real: string) => boolean, problems: Problem[]): { isDir: boolean; isFile: boolean; size: number } | undefined {
  let target: string;
  try {
    target = fs.realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push({ file: rel, message: code === 'ELOOP' ? 'skipped: symlink loop' : 'skipped: broken symlink' });
    return undefined;
  }
  if (!inside(target)) {
    problems.push({ file: rel, message: OUTSIDE });
    return undefined;
  }
  try {
    const st = fs.statSync(target);
    return { isDir: st.isDirectory(), isFile: st.isFile(), size: st.size };
  } catch {
    problems.push({ file: rel, message: 'skipped: broken symlink' });
    return undefined;
  }
}

/** A test of real paths: is this one the workspace root's real path or under it? */
export function insideOf(root: string): (real: string) => boolean {
  let top: string;
  try {
    top = fs.realpathSync(root);
  } catch {
    top = path.resolve(root);
  }
  const prefix = top.endsWith(path.sep) ? top : top + path.sep;
  return (real) => real === top || real.startsWith(prefix);
}

/**
 * One matcher for many globs. Globs with a literal folder prefix (`generated/**`, `src/legacy.ts`) are
 * indexed by it and compiled on first use, so a config with thousands of such globs costs a few map
 * look-ups per path instead of a regex test per glob; the others are tested in turn as picomatch does.
 */
export function globMatcher(globs: readonly string[]): (rel: string) => boolean {
  const anywhere: string[] = [];
  const byPrefix = new Map<string, string[]>();
  for (const g of globs) {
    const scan = picomatch.scan(g);
    const base = scan.base.replace(/\/+$/, '');
    if (scan.negated || scan.prefix !== '' || !base || !SAFE_BASE.test(base)) anywhere.push(g);
    else {
      const list = byPrefix.get(base);
      if (list) list.push(g);
      else byPrefix.set(base, [g]);
    }
  }
  const general = anywhere.length ? picomatch(anywhere, { dot: true }) : () => false;
  const compiled = new Map<string, (s: string) => boolean>();
  return (rel) => {
    if (general(rel)) return true;
    if (byPrefix.size === 0) return false;
    for (let i = rel.indexOf('/'); ; i = rel.indexOf('/', i + 1)) {
      const key = i < 0 ? rel : rel.slice(0, i);
      const list = byPrefix.get(key);
      if (list) {
        let m = compiled.get(key);
        if (!m) compiled.set(key, (m = picomatch(list, { dot: true })));
        if (m(rel)) return true;
      }
      if (i < 0) return false;
    }
  };
}

/** A literal folder path that every match of the glob starts with: no glob, escape or relative segment. */
const SAFE_BASE = /^(?!\.{1,2}(\/|$))[\w.\- ~%$,=@+#]+(\/(?!\.{1,2}(\/|$))[\w.\- ~%$,=@+#]+)*$/;

/** Files discovery reads whatever the include globs say: manifests, docs, configs, SQL schemas. */
function isConfigLike(name: string): boolean {
  return /^(package\.json|pnpm-workspace\.ya?ml|tsconfig.*\.json|jsconfig\.json|statemap\.config\.json|README.*|.*\.ya?ml|.*\.prisma|.*\.sql)$/i.test(name) || isWranglerConfig(name);
}


/**
 * A third-party bundle checked into the repository: a UMD build, or minified code. Minified means most
 * of the bytes sit on very long lines that read as code (statements and functions, densely); a
 * hand-written file with one long string, data URI, SVG path or regex is not.
 */
export function looksVendored(text: string): boolean {
  if (text.length <= 20000) return false;
  const head = text.slice(0, 3000);
  // (either quote: a bundle re-formatted by Prettier has `'function' == typeof define && define.amd`)
  if (/typeof\s+define\s*===?\s*["']function["']\s*&&\s*define\.amd|["']function["']\s*===?\s*typeof\s+define\s*&&\s*define\.amd/.test(head)) return true;
  let minified = 0;
  for (const line of text.split('\n')) {
    if (line.length <= 1000) continue;
    const marks = line.match(CODE_MARKS)?.length ?? 0;
    if (marks * 1000 >= line.length * 5) minified += line.length;
  }
  return minified * 2 >= text.length;
}

/** What minified code is dense with and a long string is not. */
const CODE_MARKS = /;|=>|\breturn\b|\bfunction\b/g;

/**
 * Is this file name a Wrangler configuration? Besides `wrangler.toml`, the copies open-source Workers publish
 * in its place, the real one holding account ids and being ignored by git: `wrangler.toml.template`,
 * `wrangler.example.json`, `wrangler.email.example.json` (another Worker's), `wrangler.production.toml`.
 */
export function isWranglerConfig(base: string): boolean {
  return WRANGLER.test(base);
}

const WRANGLER = /^wrangler(\.[\w-]+)*\.(toml|json|jsonc)(\.(example|template|sample|dist))?$/;

/**
 * Does this configuration speak for its folder's Worker: `wrangler.toml` itself, or a template of it
 * (`wrangler.toml.template`, `wrangler.example.json`), not another Worker's (`wrangler.email.example.json`)?
 */
export function isPrimaryWranglerConfig(base: string): boolean {
  return /^wrangler(\.(example|template|sample|dist))?\.(toml|json|jsonc)(\.(example|template|sample|dist))?$/.test(base);
}

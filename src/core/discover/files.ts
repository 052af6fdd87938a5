import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { Problem } from '../model/types';

/** Folders never analyzed: dependencies, build output, caches, VCS. */
export const DEFAULT_SKIP_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.svelte-kit', '.turbo', '.cache',
  '.parcel-cache', '.vercel', '.netlify', '.output', '.yarn', 'bower_components', 'jspm_packages', '.idea', '.vscode-test', 'tmp', '.tmp',
  '.serverless', '.aws-sam', 'cdk.out', '.expo', '.docusaurus', 'storybook-static', '__snapshots__',
]);

/** Tests, fixtures, mocks and stories: not what runs in production. */
export const DEFAULT_EXCLUDES = [
  '**/*.test.*', '**/*.spec.*', '**/*.mock.*', '**/*.stories.*', '**/*.story.*', '**/__tests__/**', '**/__mocks__/**', '**/__fixtures__/**',
  '**/test/**', '**/tests/**', '**/e2e/**', '**/cypress/**', '**/playwright/**', '**/fixtures/**', '**/testing/**', '**/test-utils/**',
  '**/*.d.ts', '**/*.min.js', '**/*-min.js', '**/*.bundle.js', '**/vendor/**',
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
 * through links is a loop: reported, not followed). Unreadable folders become problems.
 */
export function walkWorkspace(root: string, opts: WalkOptions): WalkResult {
  const files: WalkedFile[] = [];
  const problems: Problem[] = [];
  const excluded = picomatch(opts.exclude, { dot: true });
  const included = opts.include && opts.include.length > 0 ? picomatch(opts.include, { dot: true }) : undefined;
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
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let size = -1;
      if (e.isSymbolicLink()) {
        try {
          const st = fs.statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
          size = st.size;
        } catch {
          problems.push({ file: rel, message: 'skipped: broken symlink' });
          continue;
        }
      }
      if (isDir) {
        if (DEFAULT_SKIP_DIRS.has(e.name)) continue;
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

/** Files discovery reads whatever the include globs say: manifests, docs, configs. */
function isConfigLike(name: string): boolean {
  return /^(package\.json|pnpm-workspace\.ya?ml|tsconfig.*\.json|jsconfig\.json|statemap\.config\.json|README.*|.*\.ya?ml|.*\.prisma)$/i.test(name);
}

/** Reads a text file; binary files (a NUL byte in the first 8 KB) and oversized ones are problems, not text. */
export function readText(abs: string, rel: string, size: number, maxFileSize: number): { text?: string; problem?: Problem } {
  if (size > maxFileSize) {
    return { problem: { file: rel, message: `skipped: ${formatBytes(size)} is over maxFileSize (${formatBytes(maxFileSize)})` } };
  }
  let buf: Buffer;
  try {
    buf = fs.readFileSync(abs);
  } catch (err) {
    return { problem: { file: rel, message: `unreadable file: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` } };
  }
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return { problem: { file: rel, message: 'skipped: binary file' } };
  return { text: buf.toString('utf8') };
}

/** A third-party bundle checked into the repository: minified, or a UMD build with a license banner. */
export function looksVendored(text: string): boolean {
  const head = text.slice(0, 3000);
  if (/typeof\s+define\s*===?\s*["']function["']\s*&&\s*define\.amd|"function"\s*==\s*typeof\s+define\s*&&\s*define\.amd/.test(head) && text.length > 20000) return true;
  if (text.length > 20000) {
    const lines = text.split('\n', 50);
    const long = lines.filter((l) => l.length > 1000).length;
    if (long > 0 && long >= Math.min(lines.length, 3) / 3) return true;
  }
  return false;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

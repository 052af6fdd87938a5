// Which files are source code the analysis parses: decided by discovery (which files to read) and by
// extraction (how to parse them), so it sits below both.

import { BUILD_DIR, builtSourceCandidates } from '../catalog/layout';

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.vue', '.svelte'];

/** A JavaScript/TypeScript (or Vue/Svelte component) file, not a declaration file. */
export function isSourceFile(path: string): boolean {
  if (path.endsWith('.d.ts') || path.endsWith('.d.mts') || path.endsWith('.d.cts')) return false;
  return SOURCE_EXTENSIONS.includes(extOf(path));
}

export function extOf(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? '' : path.slice(i).toLowerCase();
}

/** A source file at `target`: as written, with `.js` read as `.ts`, with an extension, or its folder's index. */
export function sourceFileAt(target: string, files: ReadonlySet<string>): string | undefined {
  if (files.has(target)) return target;
  const base = target.replace(/\.[cm]?[jt]sx?$/, '');
  for (const ext of SOURCE_EXTENSIONS) if (files.has(base + ext)) return base + ext;
  for (const ext of SOURCE_EXTENSIONS) if (files.has(`${target}/index${ext}`)) return `${target}/index${ext}`;
  return undefined;
}

/** A folder a tsconfig builds into (`out`) and the folder its sources are in (`src`), posix relative to the workspace root. */
export interface BuildFolder {
  out: string;
  src: string;
}

/**
 * The source file a start command's path names (`node dist/server.js`, `node lib/pool/pool.js`): the file itself, or,
 * for a built file, its source where the build folder is or under `src/`, or where a tsconfig of `builds` builds it from.
 */
export function startSource(path: string, files: ReadonlySet<string>, builds: readonly BuildFolder[] = []): string | undefined {
  const hit = sourceFileAt(path, files);
  if (hit) return hit;
  // what a tsconfig builds into its outDir (`built/web/index.js`) comes from the same path under its rootDir (`web/index.ts`)
  for (const b of builds) {
    if (b.out === '.' || !path.startsWith(b.out + '/')) continue;
    const inner = path.slice(b.out.length + 1);
    for (const candidate of builtSourceCandidates(inner)) {
      const h = sourceFileAt(b.src === '.' ? candidate : `${b.src}/${candidate}`, files);
      if (h) return h;
    }
  }
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) {
    const rest = parts.slice(i).join('/');
    if (!BUILD_DIR.test(rest)) continue;
    const prefix = parts.slice(0, i).join('/');
    const inner = rest.replace(BUILD_DIR, '');
    for (const candidate of builtSourceCandidates(inner)) {
      const h = sourceFileAt(prefix ? `${prefix}/${candidate}` : candidate, files);
      if (h) return h;
    }
    // a build folder in a subfolder that mirrors the package's root (`cd Server && node dist/Server/index.js`, built
    // with `rootDir: '..'`): the source is where the path after the build folder says, from the root
    if (prefix && inner.startsWith(`${prefix.slice(prefix.lastIndexOf('/') + 1)}/`)) for (const candidate of builtSourceCandidates(inner)) {
      const h = sourceFileAt(candidate, files);
      if (h) return h;
    }
  }
  return undefined;
}

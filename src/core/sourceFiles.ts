// Which files are source code the analysis parses: decided by discovery (which files to read) and by
// extraction (how to parse them), so it sits below both.

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

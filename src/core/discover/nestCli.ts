// A Nest CLI monorepo (`nest-cli.json` with `"monorepo": true`) keeps several applications and libraries in one
// package: `projects` names each one's folder, and an application's entry is `<sourceRoot>/<entryFile>.ts`
// (`main` by default), what `nest start <app>` builds and runs. Each application is a runtime unit of its own;
// a library is code the applications import.
import path from 'node:path';
import type { Problem } from '../model/types';
import { stripBom } from '../read';
import { dirOf } from './packages';

export interface NestProject {
  /** The project's folder, posix relative to the workspace. */
  dir: string;
  /** An application's entry, relative to its folder, without extension (`src/main`); none for a library. */
  entry?: string;
  /** `type: library`: code the applications import, run by none on its own. */
  library?: true;
}

/** The projects of a Nest CLI monorepo file; a broken file becomes a problem and no projects. */
export function readNestCli(rel: string, text: string, problems: Problem[]): NestProject[] {
  let raw: unknown;
  try {
    raw = JSON.parse(stripBom(text));
  } catch (err) {
    problems.push({ file: rel, message: `invalid nest-cli.json (${(err as Error).message}); its projects are not taken for services` });
    return [];
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const cli = raw as { projects?: unknown };
  if (!cli.projects || typeof cli.projects !== 'object' || Array.isArray(cli.projects)) return [];
  const base = dirOf(rel);
  const out: NestProject[] = [];
  for (const p of Object.values(cli.projects as Record<string, unknown>)) {
    if (!p || typeof p !== 'object') continue;
    const { type, root, sourceRoot, entryFile } = p as Record<string, unknown>;
    if (typeof root !== 'string' || !root || root.split('/').includes('..')) continue;
    const dir = path.posix.normalize(path.posix.join(base, root));
    if (dir === '.' || dir === base) continue;
    if (type === 'library') {
      out.push({ dir, library: true });
      continue;
    }
    if (type !== 'application') continue;
    // `sourceRoot` is relative to the file's folder, like `root`; by default the project's `src`
    const src = typeof sourceRoot === 'string' && sourceRoot ? path.posix.normalize(path.posix.join(base, sourceRoot)) : `${dir}/src`;
    const file = typeof entryFile === 'string' && entryFile ? entryFile : 'main';
    const full = path.posix.normalize(`${src}/${file}`);
    out.push({ dir, ...(full.startsWith(dir + '/') ? { entry: full.slice(dir.length + 1) } : {}) });
  }
  return out;
}

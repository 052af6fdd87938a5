// Where a monorepo starts, when an editor roots the server inside it. Editors root a language server at
// the nearest folder with a marker (Neovim's root_markers, Helix's roots, eglot's project): in a monorepo
// that is one package's package.json, and the service's claim, its shared database package and the
// other services are outside. The analysis needs the workspace the package belongs to.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import YAML from 'yaml';

export interface WorkspaceRoot {
  /** Absolute path of the folder to analyze. */
  root: string;
  /** What made it the root: `package.json workspaces`, `pnpm-workspace.yaml`, `nx.json`… */
  why: string;
}

/** Ancestors above this many levels are not looked at (a folder deep in a home directory). */
const MAX_LEVELS = 12;

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function readYaml(file: string): unknown {
  try {
    return YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Whether `rel` (posix, relative to the candidate root) is one of `globs` or inside one. */
function covered(rel: string, globs: string[]): boolean {
  const positive = globs.filter((g) => !g.startsWith('!')).map((g) => g.replace(/^\.\//, '').replace(/\/+$/, ''));
  if (positive.length === 0) return false;
  const match = picomatch(positive, { dot: true });
  const parts = rel.split('/');
  for (let i = parts.length; i > 0; i--) if (match(parts.slice(0, i).join('/'))) return true;
  return false;
}

/** The globs of packages a workspace tool lists in `dir`, with the file that lists them; undefined: none here. */
function workspaceGlobs(dir: string): { globs: string[] | 'all'; why: string } | undefined {
  const pkg = readJson(path.join(dir, 'package.json')) as { workspaces?: unknown } | undefined;
  const ws = pkg?.workspaces;
  if (ws !== undefined) {
    const globs = Array.isArray(ws) ? stringList(ws) : stringList((ws as { packages?: unknown } | null)?.packages);
    return { globs, why: 'package.json workspaces' };
  }
  if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    return { globs: stringList((readYaml(path.join(dir, 'pnpm-workspace.yaml')) as { packages?: unknown } | undefined)?.packages), why: 'pnpm-workspace.yaml' };
  }
  const lerna = readJson(path.join(dir, 'lerna.json')) as { packages?: unknown } | undefined;
  if (lerna) return { globs: lerna.packages === undefined ? ['packages/*'] : stringList(lerna.packages), why: 'lerna.json' };
  // Nx and Turborepo list no packages of their own (they read the package manager's): their config marks the root
  for (const file of ['nx.json', 'turbo.json']) if (fs.existsSync(path.join(dir, file))) return { globs: 'all', why: file };
  const config = readJson(path.join(dir, 'statemap.config.json')) as { services?: unknown } | undefined;
  if (config && Array.isArray(config.services)) {
    const roots = config.services.map((s) => (s as { root?: unknown } | null)?.root).filter((r): r is string => typeof r === 'string');
    return { globs: roots, why: 'statemap.config.json services' };
  }
  return undefined;
}

/**
 * The nearest ancestor of `folder` that is a workspace root including it, or undefined when `folder`
 * is not inside one (or is the root itself). The search stops at a repository's top (`.git`) and at the
 * file system's root.
 */
export function findWorkspaceRoot(folder: string): WorkspaceRoot | undefined {
  const start = path.resolve(folder);
  if (fs.existsSync(path.join(start, '.git')) || workspaceGlobs(start)) return undefined;
  let dir = start;
  for (let level = 0; level < MAX_LEVELS; level++) {
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
    const found = workspaceGlobs(dir);
    const rel = path.relative(dir, start).split(path.sep).join('/');
    if (found && (found.globs === 'all' || covered(rel, found.globs))) return { root: dir, why: found.why };
    if (fs.existsSync(path.join(dir, '.git'))) return undefined;
  }
  return undefined;
}

import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { Problem } from '../model/types';
import { stripBom } from './files';

/** What discovery keeps of a package.json. */
export interface PackageInfo {
  /** Folder, posix relative, `.` for the root. */
  root: string;
  name?: string;
  deps: Set<string>;
  bin: boolean;
  /** Files named by `bin` (relative to the package root). */
  binFiles: string[];
  /** `scripts`, by name: the start script says what runs. */
  scripts: Record<string, string>;
  /** Entry points named by main/module/exports/source/types (relative to the package root). */
  entries: string[];
  /** `exports` subpaths (`./client`, `./*`) → the files they name, in the order given. */
  subpaths?: Record<string, string[]>;
  /** Globs of workspace packages (root package only). */
  workspaces: string[];
  /** `"statemap": { "claim": "stateless" }` and the line it is on. */
  claim?: { stateless: boolean; line: number; text: string };
  private: boolean;
  /** The package.json its metadata comes from: its own, or the root's for a project without one (Nx, Nest CLI). */
  manifest?: string;
}

export function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '.' : rel.slice(0, i);
}

/** Parses one package.json; a broken one becomes a problem and a package without metadata. */
export function readPackage(rel: string, text: string, problems: Problem[]): PackageInfo {
  const info: PackageInfo = { root: dirOf(rel), deps: new Set(), bin: false, binFiles: [], scripts: {}, entries: [], workspaces: [], private: false, manifest: rel };
  let raw: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(stripBom(text));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    raw = parsed as Record<string, unknown>;
  } catch (err) {
    problems.push({ file: rel, message: `invalid package.json (${(err as Error).message}); the folder is still analyzed` });
    return info;
  }
  if (typeof raw.name === 'string') info.name = raw.name;
  info.private = raw.private === true;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = raw[field];
    if (deps && typeof deps === 'object') for (const d of Object.keys(deps)) info.deps.add(d);
  }
  info.bin = typeof raw.bin === 'string' || (!!raw.bin && typeof raw.bin === 'object' && Object.keys(raw.bin).length > 0);
  if (typeof raw.bin === 'string') info.binFiles.push(raw.bin);
  else if (raw.bin && typeof raw.bin === 'object') for (const v of Object.values(raw.bin)) if (typeof v === 'string') info.binFiles.push(v);
  if (raw.scripts && typeof raw.scripts === 'object' && !Array.isArray(raw.scripts)) {
    for (const [k, v] of Object.entries(raw.scripts)) if (typeof v === 'string') info.scripts[k] = v;
  }
  for (const field of ['source', 'main', 'module', 'types', 'typings', 'browser']) {
    if (typeof raw[field] === 'string') info.entries.push(raw[field] as string);
  }
  collectExports(raw.exports, info.entries);
  const sub = subpathExports(raw.exports);
  if (sub) info.subpaths = sub;
  const ws = raw.workspaces;
  if (Array.isArray(ws)) info.workspaces = folderGlobs(rel, '"workspaces"', ws, problems);
  else if (ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages)) {
    info.workspaces = folderGlobs(rel, '"workspaces.packages"', (ws as { packages: unknown[] }).packages, problems);
  }
  const sm = raw.statemap;
  if (sm && typeof sm === 'object' && typeof (sm as { claim?: unknown }).claim === 'string') {
    const claim = (sm as { claim: string }).claim;
    if (claim === 'stateless' || claim === 'stateful') {
      const line = text.slice(0, Math.max(0, text.indexOf('"statemap"'))).split('\n').length;
      info.claim = { stateless: claim === 'stateless', line, text: `"statemap": { "claim": "${claim}" }` };
    } else {
      problems.push({ file: rel, message: `"statemap.claim" must be "stateless" or "stateful", not ${JSON.stringify(claim)}; ignored` });
    }
  }
  return info;
}

function collectExports(exp: unknown, out: string[], depth = 0): void {
  if (depth > 4 || exp === null || exp === undefined) return;
  if (typeof exp === 'string') {
    if (!out.includes(exp)) out.push(exp);
  } else if (Array.isArray(exp)) {
    for (const e of exp) collectExports(e, out, depth + 1);
  } else if (typeof exp === 'object') {
    const obj = exp as Record<string, unknown>;
    // the root export first: `"."` or the conditions of a single export
    const keys = Object.keys(obj).sort((a, b) => (a === '.' ? -1 : b === '.' ? 1 : 0));
    for (const k of keys) collectExports(obj[k], out, depth + 1);
  }
}

/** `"exports": { "./client": { "types": "./src/client.ts", "default": "./dist/client.js" } }` → `./client` → both files. */
function subpathExports(exp: unknown): Record<string, string[]> | undefined {
  if (!exp || typeof exp !== 'object' || Array.isArray(exp)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(exp as Record<string, unknown>)) {
    if (!k.startsWith('./') || k === './package.json') continue;
    const files: string[] = [];
    collectExports(v, files, 1);
    if (files.length > 0) out[k] = files;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Globs of `pnpm-workspace.yaml`'s `packages`. */
export function readPnpmWorkspace(rel: string, text: string, problems: Problem[]): string[] {
  try {
    const doc = parseYaml(text) as { packages?: unknown } | null;
    const pk = doc?.packages;
    return Array.isArray(pk) ? folderGlobs(rel, '"packages"', pk, problems) : [];
  } catch (err) {
    problems.push({ file: rel, message: `invalid YAML: ${firstLine((err as Error).message)}` });
    return [];
  }
}

/**
 * The workspace globs that can select a package folder below the root. The root itself (`.`, `./`), an
 * absolute path or one that climbs out (`../x`) cannot: each is reported and ignored.
 */
function folderGlobs(rel: string, field: string, globs: unknown[], problems: Problem[]): string[] {
  const out: string[] = [];
  for (const g of globs) {
    if (typeof g !== 'string') continue;
    const glob = g.startsWith('!') ? g.slice(1) : g;
    const cleaned = cleanGlob(glob);
    const why = /^([/\\]|[A-Za-z]:)/.test(glob) ? 'is an absolute path'
      : cleaned.split(/[/\\]/).includes('..') ? 'points outside the workspace'
      : cleaned === '' || cleaned === '.' ? 'names the workspace root itself'
      : undefined;
    if (why) problems.push({ file: rel, message: `${field} entry ${JSON.stringify(g)} ${why}; ignored` });
    else out.push(g);
  }
  return out;
}

/** The folders among `dirs` that workspace globs select (with `!negations`). */
export function matchWorkspaces(globs: string[], dirs: string[]): Set<string> {
  const pos = globs.filter((g) => !g.startsWith('!')).map(cleanGlob).filter(Boolean);
  const neg = globs.filter((g) => g.startsWith('!')).map((g) => cleanGlob(g.slice(1))).filter(Boolean);
  if (pos.length === 0) return new Set();
  const isPos = picomatch(pos);
  const isNeg = neg.length ? picomatch(neg) : () => false;
  return new Set(dirs.filter((d) => d !== '.' && isPos(d) && !isNeg(d)));
}

function cleanGlob(g: string): string {
  return g.replace(/^\.\//, '').replace(/\/+$/, '').replace(/\/package\.json$/, '');
}

export function firstLine(s: string): string {
  return s.split('\n')[0];
}

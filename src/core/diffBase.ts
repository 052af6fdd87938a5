// A diff's base built from the head's analysis instead of a checkout: when a change to the working tree
// only modifies source files the analysis already knows, the base is the head's session with those
// files' base text laid over them (an incremental relink), and git gives that text without a checkout.
// Anything that can change what discovery finds (a file created, deleted or renamed, a package.json,
// manifest, doc or config, a file git does not have) leaves the base to a full analysis of a checkout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { isDiscoveryInput } from './discover';
import { decodeText } from './read';
import { isSourceFile } from './sourceFiles';

/** One file of the base commit: its mode and blob, by path relative to the analysed folder (posix). */
interface TreeEntry {
  mode: string;
  blob: string;
}

/** What git says about a base commit and the working tree of the folder `root`. */
export interface BaseTree {
  root: string;
  /** The repository's top folder. */
  top: string;
  /** The folder's path in the repository, with a trailing slash (`''` at the top). */
  prefix: string;
  /** Files of the base commit under the folder. */
  files: Map<string, TreeEntry>;
  /** Paths (relative to the folder) that differ between the base commit and the working tree, with git's status letter. */
  changes: Array<{ status: string; file: string }>;
}

/** What the head's analysis knows, as the plan needs it (an `AnalysisSession` has it). */
export interface HeadView {
  isTracked(file: string): boolean;
  isExcluded(file: string): boolean;
  workspace: { sourceFiles: ReadonlyArray<{ rel: string }>; inputs: readonly string[]; config: { file?: string; maxFileSize: number } } | undefined;
}

/** Why the base needs a checkout, or the files whose base text the head's analysis takes. */
export type BasePlan = { reason: string } | { files: string[] };

function git(cwd: string, args: string[], input?: string): Buffer | undefined {
  const r = spawnSync('git', ['-C', cwd, ...args], { input, maxBuffer: 1 << 30 });
  return r.status === 0 ? r.stdout : undefined;
}

function entries(out: Buffer): string[] {
  const list = out.toString('utf8').split('\0');
  if (list[list.length - 1] === '') list.pop();
  return list;
}

/**
 * The base commit's files under `root` and what changed since, or why git cannot say (then the caller
 * checks the base out). Attributes that make `git archive` drop or rewrite files (export-ignore,
 * export-subst) or that changed make a checkout the only faithful base.
 */
export function readBaseTree(root: string, commit: string): BaseTree | { reason: string } {
  const where = git(root, ['rev-parse', '--show-toplevel', '--show-prefix', '--git-path', 'info/attributes']);
  if (!where) return { reason: 'git rev-parse failed' };
  const [top, prefix, infoAttributes] = where.toString('utf8').split('\n');
  const tree = git(root, ['ls-tree', '-r', '-z', '--full-tree', commit]);
  const diff = git(root, ['diff', '--name-status', '-z', '--no-renames', commit]);
  if (!tree || !diff) return { reason: 'git ls-tree or git diff failed' };
  const files = new Map<string, TreeEntry>();
  const attributes: string[] = [];
  for (const line of entries(tree)) {
    const tab = line.indexOf('\t');
    const [mode, , blob] = line.slice(0, tab).split(' ');
    const file = line.slice(tab + 1);
    if (file === '.gitattributes' || file.endsWith('/.gitattributes')) attributes.push(blob);
    if (file.startsWith(prefix)) files.set(file.slice(prefix.length), { mode, blob });
  }
  const changes: BaseTree['changes'] = [];
  const list = entries(diff);
  for (let i = 0; i + 1 < list.length; i += 2) {
    const file = list[i + 1];
    if (file === '.gitattributes' || file.endsWith('/.gitattributes')) return { reason: `${file} changed` };
    if (file.startsWith(prefix)) changes.push({ status: list[i], file: file.slice(prefix.length) });
  }
  const texts = [...(attributes.length ? [git(root, ['cat-file', '--batch'], attributes.map((b) => `${b}\n`).join(''))?.toString('utf8') ?? 'export-'] : [])];
  try {
    texts.push(fs.readFileSync(path.resolve(root, infoAttributes), 'utf8'));
  } catch {
    // no repository-wide attributes
  }
  if (texts.some((t) => /export-(ignore|subst)/.test(t))) return { reason: 'git attributes change what git archive writes' };
  return { root, top, prefix, files, changes };
}

/**
 * Can the base be the head's analysis with some files' base text? Only when the change modifies source
 * files the head analysed (or files no analysis reads), and the files the head's discovery saw are
 * exactly the relevant files of the base commit (nothing untracked, ignored or missing).
 */
export function planBase(tree: BaseTree, head: HeadView): BasePlan {
  const ws = head.workspace;
  if (!ws) return { reason: 'no analysis of the head' };
  const relevant = (file: string) => isDiscoveryInput(file) || (isSourceFile(file) && !head.isExcluded(file));
  const files: string[] = [];
  for (const { status, file } of tree.changes) {
    if (!relevant(file)) continue;
    if (status !== 'M') return { reason: `${file}: ${STATUS[status[0]] ?? status}` };
    if (!isSourceFile(file)) return { reason: `${file} changed, which discovery reads` };
    if (!head.isTracked(file)) return { reason: `${file} is not among the analysed files` };
    if (!/^100(644|755)$/.test(tree.files.get(file)?.mode ?? '') || !isRegularFile(path.join(tree.root, file))) return { reason: `${file} is not a regular file on both sides` };
    files.push(file);
  }
  const seen = new Set<string>();
  for (const file of [...ws.sourceFiles.map((f) => f.rel), ...ws.inputs, ...(ws.config.file ? [ws.config.file] : [])]) {
    if (!tree.files.has(file)) return { reason: `${file} is not in the base commit (untracked or ignored)` };
    seen.add(file);
  }
  for (const file of tree.files.keys()) {
    if (!seen.has(file) && relevant(file) && !head.isExcluded(file)) return { reason: `${file} is in the base commit but was not analysed` };
  }
  return { files };
}

const STATUS: Record<string, string> = { A: 'added', D: 'deleted', T: 'changed type', U: 'unmerged', X: 'unknown' };

function isRegularFile(abs: string): boolean {
  try {
    return fs.lstatSync(abs).isFile();
  } catch {
    return false;
  }
}

/**
 * The base text of these files (relative to the folder), as a checkout would write them (git's filters
 * and line endings applied) and decoded as the analysis reads files; undefined when one cannot be read
 * the same way (binary, larger than `maxFileSize`, not UTF-8), which leaves the base to a checkout.
 */
export function baseTexts(tree: BaseTree, files: readonly string[], maxFileSize: number): Map<string, string> | undefined {
  const texts = new Map<string, string>();
  if (files.length === 0) return texts;
  const input = files.map((f) => `${tree.files.get(f)!.blob} ${tree.prefix}${f}\n`).join('');
  const out = git(tree.root, ['cat-file', '--batch', '--filters'], input);
  if (!out) return undefined;
  let at = 0;
  for (const file of files) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    if (header[1] !== 'blob') return undefined;
    const size = Number(header[2]);
    const bytes = out.subarray(eol + 1, eol + 1 + size);
    at = eol + 1 + size + 1;
    if (size > maxFileSize || bytes[0] === 0xff || bytes[0] === 0xfe) return undefined;
    const r = decodeText(bytes, file);
    if (r.text === undefined) return undefined;
    texts.set(file, r.text);
  }
  return texts;
}

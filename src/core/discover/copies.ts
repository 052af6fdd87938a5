import path from 'node:path';
import type { Problem } from '../model/types';
import { pushTo } from '../grouping';

/** What this needs of a discovered service (index.ts imports this module). */
interface Copyable {
  root: string;
  pkg?: { name?: string };
  copyOf?: string;
}

/** A source file of a package: its path inside the package and its size. */
export interface PackageFile {
  rel: string;
  size: number;
}

/** Similar packages share at least this part of the smaller one's files, by path and nearly by size. */
const SAME_FILES = 0.5;
/** A file is nearly the same size when the two sizes differ by at most this part of the larger one (a chapter's reformat). */
const SIZE_SLACK = 0.1;
/** Beyond this many packages under one folder name, similarity is not looked for (pairs grow as n²). */
const MAX_SIMILAR = 200;

/**
 * Packages that are one package are copies: a book's chapter snapshots of the app it builds
 * (`book/1-begin/api`, `book/2-end/api`, … beside `saas/api`), a template kept next to the project it
 * became. Packages are one package when they share a name, or when they sit in folders of one name and
 * at least half of the smaller one's source files lie at the same path with nearly the same size (within
 * a tenth) in the other (a chapter's snapshot renamed `5-end-api`, much like the next chapter's start). Copies that lie
 * side by side in one folder with others of the group are snapshots, and are marked `copyOf` the one
 * copy that lies alone in its folder: that one is the project's package. When no single copy stands
 * alone, none is marked (nothing tells which one is deployed). One problem per group says what was set
 * aside. `filesOf` gives a package's source files (relative to its root); without it only names count.
 */
export function markCopies(services: readonly Copyable[], problems: Problem[], filesOf?: (root: string) => readonly PackageFile[]): void {
  const candidates = services.filter((s) => s.root !== '.');
  const parent = new Map<Copyable, Copyable>(candidates.map((s) => [s, s]));
  const find = (s: Copyable): Copyable => {
    let r = s;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(s, r);
    return r;
  };
  const join = (a: Copyable, b: Copyable) => parent.set(find(a), find(b));
  const byName = new Map<string, Copyable[]>();
  for (const s of candidates) if (s.pkg?.name) pushTo(byName, s.pkg.name, s);
  for (const group of byName.values()) for (const s of group.slice(1)) join(group[0], s);
  if (filesOf) {
    const byFolder = new Map<string, Copyable[]>();
    for (const s of candidates) pushTo(byFolder, path.posix.basename(s.root), s);
    for (const group of byFolder.values()) {
      if (group.length < 2 || group.length > MAX_SIMILAR) continue;
      const prints = group.map((s) => new Map(filesOf(s.root).map((f) => [f.rel, f.size])));
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          if (find(group[i]) !== find(group[j]) && sameFiles(prints[i], prints[j])) join(group[i], group[j]);
        }
      }
    }
  }
  const groups = new Map<Copyable, Copyable[]>();
  for (const s of candidates) pushTo(groups, find(s), s);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const tail = commonTail(group.map((s) => s.root));
    // the folder each copy's own part lies in: `book` for book/3-end/api, `.` for saas/api
    const byContainer = new Map<string, Copyable[]>();
    for (const s of group) {
      const parts = s.root.split('/');
      pushTo(byContainer, path.posix.dirname(parts.slice(0, parts.length - tail).join('/') || '.'), s);
    }
    const alone = [...byContainer.values()].filter((list) => list.length === 1).map(([s]) => s);
    if (alone.length !== 1) continue;
    const real = alone[0];
    const copies = group.filter((s) => s !== real);
    for (const s of copies) s.copyOf = real.root;
    const shown = copies.slice(0, 3).map((s) => s.root).join(', ') + (copies.length > 3 ? `, … (${copies.length} in all)` : '');
    const named = copies.every((s) => s.pkg?.name !== undefined && s.pkg.name === real.pkg?.name);
    const what = named ? `package "${real.pkg?.name}"` : `package ${real.root}`;
    problems.push({ file: real.root, message: `${what} has ${copies.length} cop${copies.length === 1 ? 'y' : 'ies'} side by side (${shown}): counted as samples, not as services` });
  }
}

/** Two packages share most files: of the smaller one's (at least two), half lie in the other at the same path with nearly the same size. */
function sameFiles(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size < 2) return false;
  let shared = 0;
  for (const [rel, size] of small) {
    const other = large.get(rel);
    if (other !== undefined && Math.abs(other - size) <= SIZE_SLACK * Math.max(other, size)) shared++;
  }
  return shared >= SAME_FILES * small.size;
}

/** How many trailing path segments all roots share (`api` of book/1-begin/api and saas/api). */
function commonTail(roots: readonly string[]): number {
  const parts = roots.map((r) => r.split('/'));
  let n = 0;
  for (;;) {
    const seg = parts[0][parts[0].length - 1 - n];
    if (seg === undefined || parts.some((p) => p.length - 1 - n < 1 || p[p.length - 1 - n] !== seg)) return n;
    n++;
  }
}

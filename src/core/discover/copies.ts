import path from 'node:path';
import type { Problem } from '../model/types';
import { pushTo } from '../grouping';

/** What this needs of a discovered service (index.ts imports this module). */
interface Copyable {
  root: string;
  pkg?: { name?: string };
  copyOf?: string;
}

/**
 * Packages that share one name are copies: a book's chapter snapshots of the app it builds
 * (`book/1-begin/api`, `book/2-end/api`, … beside `saas/api`), a template kept next to the project it
 * became. Copies that lie side by side in one folder with others of the same name are snapshots, and are
 * marked `copyOf` the one copy that lies alone in its folder: that one is the project's package. When no
 * single copy stands alone, none is marked (nothing tells which one is deployed). One problem per group
 * says what was set aside.
 */
export function markCopies(services: readonly Copyable[], problems: Problem[]): void {
  const byName = new Map<string, Copyable[]>();
  for (const s of services) {
    const name = s.pkg?.name;
    if (!name || s.root === '.') continue;
    pushTo(byName, name, s);
  }
  for (const [name, group] of byName) {
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
    problems.push({ file: real.root, message: `package "${name}" has ${copies.length} cop${copies.length === 1 ? 'y' : 'ies'} side by side (${shown}): counted as samples, not as services` });
  }
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

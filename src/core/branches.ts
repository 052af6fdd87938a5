// The local branches of the git repository a folder is in, for Compare with Branch's quick pick. Runs
// git without a shell; reads nothing else.
import { execFile } from 'node:child_process';

function git(root: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', root, ...args], { encoding: 'utf8', timeout: 10_000, maxBuffer: 1 << 22 }, (err, out) => resolve(err ? undefined : out.trim()));
  });
}

export class NotARepository extends Error {}

export interface Branches {
  /** Local branches, the most recently committed first. */
  branches: string[];
  /** The upstream of the checked-out branch, else `main`, else `master`, else another branch. */
  default?: string;
  /** The checked-out branch; undefined when HEAD is detached. */
  current?: string;
}

/** The branches of the repository `root` is in; throws NotARepository when it is in none. */
export async function localBranches(root: string): Promise<Branches> {
  if ((await git(root, ['rev-parse', '--show-toplevel'])) === undefined) throw new NotARepository(`${root} is not in a git repository`);
  const [list, current, upstream] = await Promise.all([
    git(root, ['for-each-ref', '--sort=-committerdate', '--format=%(refname:short)', 'refs/heads']),
    git(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']),
    git(root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']),
  ]);
  const branches = (list ?? '').split('\n').filter(Boolean);
  // on main itself, comparing with main shows what is not committed yet
  const fallback = ['main', 'master'].find((b) => branches.includes(b)) ?? branches[0];
  return { branches, default: upstream || fallback, ...(current ? { current } : {}) };
}

// The two analysed sides of `state-map diff`: the head analysed once, and the base built from it when the
// change allows (see core/diffBase.ts), else checked out and analysed in full.
import type { Progress } from '../core/analyze';
import { baseTexts, planBase, readBaseTree } from '../core/diffBase';
import { snapshotRef } from '../core/diff';
import type { StateMap } from '../core/model/types';
import { AnalysisSession } from '../core/session';
import { analyzeOffThread, type AnalysisOptions } from './threads';

/** Both maps, where the base's files are, and the base text of files the working tree changed. */
export interface Sides {
  before: StateMap;
  after: StateMap;
  baseRoot: string;
  headRoot: string;
  /** Base text of the files that differ (the base was built from the head's analysis). */
  baseTexts?: ReadonlyMap<string, string>;
  /** Why the base was checked out and analysed in full (unset: built from the head's analysis). */
  fullBase?: string;
}

type Track = <D extends { cleanup(): void }>(make: () => D) => D;

/** STATE_MAP_DIFF=full: always check the base out and analyse it in full (tests compare both ways). */
function forcedFull(): boolean {
  return process.env.STATE_MAP_DIFF === 'full';
}

/**
 * Both sides of a change. With `head` (a ref) or STATE_MAP_DIFF=full, both are checked out and analysed
 * on a thread of their own, as they share facts in memory. Otherwise the working tree is analysed here,
 * and the base is that analysis with the changed files' base text, unless the change reaches what
 * discovery reads: then the base alone is checked out and analysed on the thread.
 */
export async function diffSides(
  root: string, base: string, head: string | undefined, options: AnalysisOptions, onProgress: ((p: Progress) => void) | undefined, track: Track,
): Promise<Sides> {
  const reason = head ? 'a head ref' : forcedFull() ? 'STATE_MAP_DIFF=full' : undefined;
  const tree = reason ? { reason } : readBaseTree(root, base);
  if ('reason' in tree) {
    const baseDir = track(() => snapshotRef(root, base));
    const headDir = head ? track(() => snapshotRef(root, head)) : undefined;
    const [before, after] = await analyzeOffThread([baseDir.dir, headDir?.dir ?? root], options, onProgress);
    return { before, after, baseRoot: baseDir.dir, headRoot: headDir?.dir ?? root, fullBase: tree.reason };
  }
  // no temporary folder yet: Ctrl-C ends this thread's analysis at once, with nothing to remove
  const session = new AnalysisSession(root, options);
  const after = session.refresh({ onProgress });
  const plan = planBase(tree, session);
  const texts = 'files' in plan ? baseTexts(tree, plan.files, session.workspace!.config.maxFileSize) : undefined;
  if (!texts) {
    const baseDir = track(() => snapshotRef(root, base));
    const [before] = await analyzeOffThread([baseDir.dir], options, onProgress);
    return { before, after, baseRoot: baseDir.dir, headRoot: root, fullBase: 'reason' in plan ? plan.reason : 'a changed file git cannot give as text' };
  }
  for (const [file, text] of texts) session.setOverlay(file, text);
  // the facts of a changed file's base text are often on disk (an analysis of the base ref put them there), else kept there
  const before = session.refresh({ onProgress, diskCache: true });
  return { before, after, baseRoot: root, headRoot: root, baseTexts: texts };
}

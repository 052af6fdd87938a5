// Compare with Branch, in the analysis thread: the same review of a change as `state-map diff <ref>`
// (src/core/diff.ts), with the session's own map (open editors included) as the head and the merge base
// analysed from a snapshot of the ref, reading the session's facts for files the change did not touch.
import { analyze, type AnalyzeOptions, type Progress } from '../core/analyze';
import { DiffError, resolveBase, reviewChange, snapshotRef, type StateMapDiff } from '../core/diff';
import type { AnalysisSession } from '../core/session';

export { DiffError };

/** What the base is called in progress messages: `main`, or `main (merge base 1a2b3c4)`. */
function onBase(label: string, report: ((p: Progress) => void) | undefined): ((p: Progress) => void) | undefined {
  return report && ((p) => report({ ...p, message: `${label}: ${p.message}` }));
}

/**
 * The change from the merge base of `ref` (with HEAD) to the session's working tree. Throws DiffError
 * when the folder is not in a git repository or the ref does not exist, Cancelled when `isCancelled`
 * says so between files.
 */
export function compareWithRef(session: AnalysisSession, ref: string, run: Pick<AnalyzeOptions, 'onProgress' | 'isCancelled'>): StateMapDiff {
  const base = resolveBase(session.root, ref);
  const after = session.refresh(run);
  run.onProgress?.({ phase: 'discover', done: 0, total: 0, message: `Reading ${base.label} from git` });
  const snapshot = snapshotRef(session.root, base.commit);
  try {
    const before = analyze(snapshot.dir, { ...session.analysisOptions, ...run, onProgress: onBase(base.label, run.onProgress), cache: session.copyCache() });
    return reviewChange({
      before, after, baseRoot: snapshot.dir, headRoot: session.root, refs: { base: base.label, head: 'working tree' }, headTexts: session.overlayTexts,
      cacheDir: session.analysisOptions.cacheDir ?? false,
    });
  } finally {
    snapshot.cleanup();
  }
}

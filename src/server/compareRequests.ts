// The requests of Compare with Branch: the branches to offer, the comparison itself (run in the analysis
// thread, with progress and cancellation), and the way back to the map.
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { localBranches, NotARepository } from '../core/branches';
import { BranchesRequest, CompareEndRequest, CompareRequest, MapChangedNotification, type BranchList, type CompareInfo } from '../protocol/messages';
import type { AnalysisHost } from './analysisHost';
import { compareInfo } from './compareView';
import type { FolderEntry, Folders } from './folders';
import { compareParams, folderParams } from './params';

interface Deps {
  conn: Connection;
  host: AnalysisHost;
  folders(): Folders | undefined;
  entry(uri: string): FolderEntry;
}

function failed(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

function notGit(e: FolderEntry): ResponseError<void> {
  return failed(`${e.name} is not in a git repository: Compare with Branch compares the working tree with a git branch.`);
}

export function handleCompare(d: Deps): void {
  const { conn } = d;

  conn.onRequest(BranchesRequest, async (params): Promise<BranchList> => {
    const e = d.entry(folderParams(params, BranchesRequest.method).folder);
    try {
      return await localBranches(e.root);
    } catch (err) {
      if (err instanceof NotARepository) throw notGit(e);
      throw err;
    }
  });

  conn.onRequest(CompareRequest, (params, token) => {
    // progress on the client's token (`workDoneToken`), when it sent one
    const token0 = (params as { workDoneToken?: unknown } | null)?.workDoneToken;
    const progress = conn.languages.attachWorkDoneProgress({ workDoneToken: typeof token0 === 'string' || typeof token0 === 'number' ? token0 : undefined });
    return compare(d, params, token, progress);
  });

  conn.onRequest(CompareEndRequest, (params) => {
    const e = d.entry(folderParams(params, CompareEndRequest.method).folder);
    if (!e.compare) return;
    e.compare = undefined;
    void conn.sendNotification(MapChangedNotification, { folder: e.uri, version: e.version });
  });
}

/** The comparison itself: the map brought up to date, then the base analysed in the analysis thread. */
async function compare(d: Deps, params: unknown, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<CompareInfo> {
  const { conn } = d;
  const p = compareParams(params);
  const e = d.entry(p.folder);
  const folders = d.folders()!;
  progress.begin(`State Map: comparing ${e.name} with ${p.ref}`, undefined, 'Bringing the map up to date', true);
  try {
    // the head is the folder's map: up to date first (an open editor's text included)
    await folders.refresh(e, false);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the comparison was cancelled');
    const run = d.host.compare(e.uri, p.ref, (pr) => progress.report(pr.message));
    const sub = token.onCancellationRequested(() => d.host.cancelRequest(run.id));
    const outcome = await run.done;
    sub.dispose();
    switch (outcome.kind) {
      case 'compared': {
        e.compare = { ref: p.ref, diff: outcome.diff, version: e.version };
        conn.console.info(`${e.name}: compared with ${outcome.diff.base}: ${outcome.diff.findings.added.length} added, ${outcome.diff.findings.removed.length} removed`);
        void conn.sendNotification(MapChangedNotification, { folder: e.uri, version: e.version });
        return compareInfo(e.compare, { showEnvironment: e.settings.showEnvironment, uriOf: (f) => folders.uriOf(e, f) });
      }
      case 'refused':
        throw /not inside a git repository/.test(outcome.message) ? notGit(e) : failed(outcome.message.replace(/^unknown git ref/, 'no branch, tag or commit is called'));
      case 'cancelled':
        throw new ResponseError(LSPErrorCodes.RequestCancelled, 'the comparison was cancelled');
      default:
        conn.console.error(`${e.name}: comparison failed: ${outcome.message}`);
        throw failed(`the comparison failed: ${outcome.message.split('\n')[0]}`);
    }
  } finally {
    progress.done();
  }
}

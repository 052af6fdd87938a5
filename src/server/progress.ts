import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { Progress } from '../core/analyze';

/** Runs smaller than this many files finish before a progress notification would be worth showing. */
const SHOW_FROM_FILES = 50;

/**
 * `$/progress` for one analysis run ("Indexing 340/2,460 files"), created only when the run is a real
 * indexing (a discovery, or many files): a one-file re-extraction after a keystroke shows nothing.
 * The user's Cancel stops the run.
 */
export class IndexingProgress {
  private reporter: Promise<WorkDoneProgressServerReporter | undefined> | undefined;
  private finished = false;

  constructor(
    private readonly conn: Connection,
    private readonly supported: boolean,
    private readonly folderName: string,
    private readonly onCancel: () => void,
    private readonly onStatus: (p: Progress) => void,
  ) {}

  report(p: Progress): void {
    if (!this.reporter) {
      if (p.phase === 'link' || (p.phase === 'extract' && p.total < SHOW_FROM_FILES)) return;
      this.reporter = this.start(p);
    }
    this.onStatus(p);
    const percentage = p.phase === 'extract' && p.total > 0 ? Math.floor((p.done / p.total) * 100) : undefined;
    void this.reporter.then((r) => r?.report(percentage ?? 0, p.message));
  }

  done(): void {
    this.finished = true;
    void this.reporter?.then((r) => r?.done());
  }

  private async start(p: Progress): Promise<WorkDoneProgressServerReporter | undefined> {
    if (!this.supported) return undefined;
    try {
      const r = await this.conn.window.createWorkDoneProgress();
      if (this.finished) {
        r.done();
        return undefined;
      }
      r.begin(`State Map: ${this.folderName}`, 0, p.message, true);
      r.token.onCancellationRequested(() => this.onCancel());
      return r;
    } catch {
      return undefined;
    }
  }
}

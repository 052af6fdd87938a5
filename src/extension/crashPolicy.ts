/**
 * What to do when the server process dies: restart it (the client's default), but tell the user once,
 * and stop after `maxRestarts` crashes within `windowMs` with one final message, never a loop of them.
 */
export class CrashPolicy {
  private crashes: number[] = [];
  private told = false;

  constructor(
    private readonly notify: (kind: 'restarted' | 'stopped') => void,
    private readonly now: () => number = Date.now,
    private readonly maxRestarts = 4,
    private readonly windowMs = 3 * 60_000,
  ) {}

  /** The connection closed unexpectedly. */
  closed(): 'restart' | 'stop' {
    const t = this.now();
    this.crashes = [...this.crashes.filter((c) => t - c <= this.windowMs), t];
    if (this.crashes.length > this.maxRestarts) {
      this.notify('stopped');
      this.crashes = [];
      return 'stop';
    }
    if (!this.told) {
      this.told = true;
      this.notify('restarted');
    }
    return 'restart';
  }

  /** A read or write error on the connection; a few in a row mean the server is gone. */
  error(count: number | undefined): 'continue' | 'shutdown' {
    return count !== undefined && count > 3 ? 'shutdown' : 'continue';
  }

  /** After a manual restart the user may be told again. */
  reset(): void {
    this.crashes = [];
    this.told = false;
  }
}

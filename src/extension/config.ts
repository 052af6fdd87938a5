// A typed view of the `stateMap.*` settings the client itself reads (rust-analyzer's `Config` pattern).
// Analysis settings (include, exclude, maxFileSize, severities, hover, CodeLens) are pulled by the
// server per folder; the client only needs the ones that decide how the server is started.

export type SettingsReader = <T>(key: string) => T | undefined;

export class Config {
  static readonly section = 'stateMap';
  /** Settings read when the server starts: changing one needs a restart. */
  static readonly restartKeys = ['server.path', 'server.extraArgs'] as const;

  constructor(private readonly get: SettingsReader) {}

  /** A different server script (for developing the server); empty: the bundled one. */
  get serverPath(): string | undefined {
    const p = this.get<string>('server.path');
    return p && p.trim() ? p.trim() : undefined;
  }

  /** Extra Node.js arguments for the server process (`--max-old-space-size=8192` for very large workspaces). */
  get serverExtraArgs(): string[] {
    const a = this.get<unknown>('server.extraArgs');
    return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
  }

  get statusBarEnabled(): boolean {
    return this.get<boolean>('statusBar.enabled') ?? true;
  }

  /** Whether a change (VS Code's `affectsConfiguration`) needs the server restarted. */
  static needsRestart(affects: (section: string) => boolean): boolean {
    return Config.restartKeys.some((k) => affects(`${Config.section}.${k}`));
  }
}

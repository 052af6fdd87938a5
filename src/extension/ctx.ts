import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, RevealOutputChannelOn, State, TransportKind, WorkDoneProgress,
  type LanguageClientOptions, type RequestType, type RequestType0, type ServerOptions, type StaticFeature,
} from 'vscode-languageclient/node';
import { CompareRequest, FoldersRequest, MapChangedNotification, StatusNotification, type CompareInfo, type FolderStatus } from '../protocol/messages';
import { CLIENT_CAPABILITY, SHOW_IN_MAP_COMMAND, type StateMapClientCapabilities } from '../protocol/commands';
import { Config } from './config';
import { CrashPolicy } from './crashPolicy';

/** Tells the server (`capabilities.experimental.stateMap`) what this client implements that other editors do not. */
function announceClientCommands(): StaticFeature {
  const mine: StateMapClientCapabilities = { commands: [SHOW_IN_MAP_COMMAND], statusBar: true };
  return {
    fillClientCapabilities: (caps) => {
      caps.experimental = { ...(caps.experimental as object | undefined), [CLIENT_CAPABILITY]: mine };
    },
    initialize: () => undefined,
    getState: () => ({ kind: 'static' }),
    clear: () => undefined,
  };
}

/** The server was stopped (it kept crashing, or failed to start): "State Map: Restart Server" starts it again. */
export class ServerStopped extends Error {
  constructor() {
    super('the State Map server is not running');
  }
}

const SELECTOR = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'].map((language) => ({ scheme: 'file', language }));

/**
 * The one object that owns the language client, the output channel and the typed settings; commands,
 * the panel and the status bar get it and nothing else (rust-analyzer's `Ctx`). The extension host never
 * analyzes: every answer comes from the server.
 */
export class Ctx implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  readonly config = new Config(<T>(key: string) => vscode.workspace.getConfiguration(Config.section).get<T>(key));
  private client: LanguageClient | undefined;
  private readonly statuses = new Map<string, FolderStatus>();
  private readonly statusEmitter = new vscode.EventEmitter<FolderStatus>();
  private readonly mapEmitter = new vscode.EventEmitter<{ folder: string; version: number }>();
  private readonly serverEmitter = new vscode.EventEmitter<boolean>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly crashes = new CrashPolicy((kind) => this.tellCrash(kind));
  /** Fires when a folder starts, progresses or finishes indexing. */
  readonly onStatus = this.statusEmitter.event;
  /** Fires when a folder's map changed. */
  readonly onMapChanged = this.mapEmitter.event;
  /** Fires with whether the server runs, when that changes. */
  readonly onServerRunning = this.serverEmitter.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('State Map', { log: true });
    this.disposables.push(this.output, this.statusEmitter, this.mapEmitter, this.serverEmitter);
    this.disposables.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!Config.needsRestart((s) => e.affectsConfiguration(s))) return;
      const pick = await vscode.window.showInformationMessage('State Map: the server settings changed. Restart the server now?', 'Restart');
      if (pick === 'Restart') await this.restart();
    }));
  }

  /** False once the server has stopped for good (it kept crashing, or could not start). */
  get serverRunning(): boolean {
    return !!this.client && this.client.state !== State.Stopped;
  }

  get folderStatuses(): FolderStatus[] {
    return [...this.statuses.values()];
  }

  async start(): Promise<void> {
    const module = this.config.serverPath ?? this.extension.asAbsolutePath('dist/server.js');
    const execArgv = this.config.serverExtraArgs;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6012'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: SELECTOR,
      // where the server keeps per-file facts between sessions (this workspace's storage, else the extension's)
      initializationOptions: { cacheDir: (this.extension.storageUri ?? this.extension.globalStorageUri).fsPath },
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      markdown: { isTrusted: { enabledCommands: [SHOW_IN_MAP_COMMAND] } },
      middleware: {
        // the lens's whole line: vscode-languageclient 9 drops LSP 3.18's `command.tooltip`, so it travels in `data`
        provideCodeLenses: async (doc, token, next) => {
          const lenses = await next(doc, token);
          for (const l of lenses ?? []) {
            const tooltip = (l as { data?: { tooltip?: unknown } }).data?.tooltip;
            if (l.command && typeof tooltip === 'string') l.command.tooltip = tooltip;
          }
          return lenses;
        },
      },
      errorHandler: {
        error: (_e, _m, count) => ({ action: this.crashes.error(count) === 'shutdown' ? ErrorAction.Shutdown : ErrorAction.Continue, handled: true }),
        closed: () => ({ action: this.crashes.closed() === 'restart' ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true }),
      },
      initializationFailedHandler: (err) => {
        this.output.error(`The State Map server failed to start: ${String(err)}`);
        void this.offerOutput('State Map: the language server failed to start.');
        return false;
      },
    };
    const client = new LanguageClient('stateMap', 'State Map', serverOptions, clientOptions);
    this.client = client;
    client.registerFeature(announceClientCommands());
    client.onNotification(StatusNotification, (s) => {
      this.statuses.set(s.folder, s);
      this.statusEmitter.fire(s);
    });
    client.onNotification(MapChangedNotification, (m) => this.mapEmitter.fire(m));
    client.onDidChangeState((e) => {
      // statuses of a server that went away are stale; the restarted one reports fresh ones
      if (e.newState === State.Stopped) this.statuses.clear();
      if (e.newState !== State.Starting) this.serverEmitter.fire(e.newState === State.Running);
    });
    await client.start();
    for (const s of await client.sendRequest(FoldersRequest)) this.statuses.set(s.folder, s);
  }

  async restart(): Promise<void> {
    this.crashes.reset();
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.statuses.clear();
    if (c && c.state !== State.Stopped) await c.stop().catch(() => undefined);
  }

  /**
   * Compares a folder with a branch in the server: its progress messages go to `onMessage`, and `token`
   * cancels it (the server stops between files).
   */
  async compare(params: { folder: string; ref: string }, onMessage: (m: string) => void, token: vscode.CancellationToken): Promise<CompareInfo> {
    await this.request(FoldersRequest); // waits for a starting server, refuses a stopped one
    const c = this.client!;
    const workDoneToken = `stateMap/compare/${Date.now()}/${Math.random().toString(36).slice(2)}`;
    const sub = c.onProgress(WorkDoneProgress.type, workDoneToken, (v) => {
      if (v.kind !== 'end' && v.message) onMessage(v.message);
    });
    try {
      return await c.sendRequest(CompareRequest, { ...params, workDoneToken }, token);
    } finally {
      sub.dispose();
    }
  }

  /** A custom request to the server, waiting while it starts; a stopped server is not started again behind the user's back. */
  async request<R>(type: RequestType0<R, void>): Promise<R>;
  async request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  async request<P, R>(type: RequestType0<R, void> | RequestType<P, R, void>, params?: P): Promise<R> {
    const c = this.client;
    if (!c || c.state === State.Stopped) throw new ServerStopped();
    if (c.state === State.Starting) {
      await new Promise<void>((resolve, reject) => {
        const sub = c.onDidChangeState((e) => {
          if (e.newState === State.Starting) return;
          sub.dispose();
          if (e.newState === State.Running) resolve();
          else reject(new ServerStopped());
        });
      });
    }
    return type.numberOfParams === 0 ? c.sendRequest(type as RequestType0<R, void>) : c.sendRequest(type as RequestType<P, R, void>, params as P);
  }

  /** The workspace folder (as the server names it) a resource belongs to. */
  folderOf(uri: vscode.Uri | undefined): string | undefined {
    const f = uri && vscode.workspace.getWorkspaceFolder(uri);
    return f?.uri.toString();
  }

  activeFolder(): string | undefined {
    return this.folderOf(vscode.window.activeTextEditor?.document.uri);
  }

  async offerOutput(message: string): Promise<void> {
    const pick = await vscode.window.showErrorMessage(message, 'Show Output');
    if (pick === 'Show Output') this.output.show(true);
  }

  private tellCrash(kind: 'restarted' | 'stopped'): void {
    if (kind === 'restarted') {
      this.output.warn('The State Map server stopped unexpectedly and was restarted.');
      void vscode.window.showWarningMessage('State Map: the language server stopped unexpectedly and was restarted.', 'Show Output')
        .then((p) => p && this.output.show(true));
      return;
    }
    this.output.error('The State Map server crashed 5 times in 3 minutes and will not be restarted.');
    void vscode.window.showErrorMessage('State Map: the language server keeps crashing and was stopped.', 'Show Output', 'Restart')
      .then((p) => (p === 'Show Output' ? this.output.show(true) : p === 'Restart' ? this.restart() : undefined));
  }

  dispose(): void {
    void this.stop();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

import {
  createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, ProposedFeatures, ResponseError,
  TextDocuments, TextDocumentSyncKind, type CodeLens, type Connection, type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { renderMarkdown } from '../render/markdown';
import { SHOW_IN_MAP_COMMAND } from '../protocol/commands';
import {
  CancelRequest, FileInfoRequest, FoldersRequest, LocationsRequest, MarkdownRequest, RefreshRequest, ViewRequest,
  type Evidence, type FileInfo, type ViewResult,
} from '../protocol/messages';
import { AnalysisHost } from './analysisHost';
import { lensesFor } from './codeLens';
import { evidenceFor } from './evidence';
import { Folders, type FolderEntry } from './folders';
import { hoverAt } from './hover';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import { drawView, serviceSummary, storeKinds } from './view';

/** Files whose changes matter: sources, and what discovery reads (manifests, docs, config). */
const WATCHED = '**/{*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,package.json,pnpm-workspace.yaml,statemap.config.json,tsconfig*.json,*.md,*.yaml,*.yml,*.prisma}';

/**
 * The State Map language server. Transport from the command line (`--node-ipc` from VS Code, `--stdio`
 * for other editors); the analysis runs in a worker thread started from `workerScript`.
 */
export function startServer(workerScript: string, version: string): Connection {
  const conn = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const host = new AnalysisHost(workerScript, (m) => conn.console.error(m));
  let folders: Folders | undefined;
  let initial: Array<{ uri: string; name: string }> = [];
  let canPullConfig = false;
  let canWatchFolders = false;
  let canWatchFiles = false;
  let canRegisterConfig = false;
  let initSettings: Settings = DEFAULT_SETTINGS;

  conn.onInitialize((params: InitializeParams) => {
    const caps = params.capabilities;
    canPullConfig = !!caps.workspace?.configuration;
    canWatchFolders = !!caps.workspace?.workspaceFolders;
    canWatchFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canRegisterConfig = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    initSettings = normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
    initial = params.workspaceFolders?.map((f) => ({ uri: f.uri, name: f.name }))
      ?? (params.rootUri ? [{ uri: params.rootUri, name: URI.parse(params.rootUri).path.split('/').pop() ?? 'workspace' }] : []);
    folders = new Folders(conn, host, documents, {
      workDoneProgress: !!caps.window?.workDoneProgress,
      codeLensRefresh: !!caps.workspace?.codeLens?.refreshSupport,
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'state-map', version },
    };
  });

  const settingsFor = async (uri: string): Promise<Settings> => {
    if (!canPullConfig) return initSettings;
    try {
      return normalizeSettings(await conn.workspace.getConfiguration({ scopeUri: uri, section: 'stateMap' }));
    } catch {
      return initSettings;
    }
  };
  const addFolder = async (uri: string, name: string): Promise<void> => folders!.add(uri, name, await settingsFor(uri));

  conn.onInitialized(async () => {
    conn.console.info(`State Map server ${version} (Node ${process.version}, pid ${process.pid}); up ${Math.round(process.uptime() * 1000)} ms`);
    if (canWatchFiles) void conn.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED }] });
    if (canRegisterConfig) void conn.client.register(DidChangeConfigurationNotification.type, { section: 'stateMap' });
    if (canWatchFolders) {
      conn.workspace.onDidChangeWorkspaceFolders(async (e) => {
        for (const f of e.removed) folders!.remove(f.uri);
        for (const f of e.added) await addFolder(f.uri, f.name);
      });
    }
    for (const f of initial) await addFolder(f.uri, f.name);
  });

  conn.onDidChangeConfiguration(async (change) => {
    if (!canPullConfig) initSettings = normalizeSettings((change.settings as { stateMap?: unknown } | undefined)?.stateMap);
    for (const e of folders?.list() ?? []) folders!.updateSettings(e, await settingsFor(e.uri));
  });

  documents.onDidChangeContent((e) => folders?.documentChanged(e.document));
  documents.onDidClose((e) => folders?.documentClosed(e.document));
  documents.onDidSave((e) => folders?.documentSaved(e.document));
  conn.onDidChangeWatchedFiles((p) => folders?.watched(p.changes));

  conn.onHover(async (p, token) => {
    const f = folders?.ofFile(p.textDocument.uri);
    if (!f || !f.entry.settings.hover.enabled) return null;
    // the first hover after opening a workspace waits for the first map (VS Code cancels it when the mouse moves on)
    if (!f.entry.map) await Promise.race([f.entry.firstRun, new Promise((r) => setTimeout(r, 15_000)), new Promise((r) => token.onCancellationRequested(r))]);
    if (token.isCancellationRequested || !f.entry.map || !f.entry.extras) return null;
    const answer = hoverAt({
      folder: f.entry.uri, map: f.entry.map, extras: f.entry.extras, file: f.rel,
      line: p.position.line + 1, column: p.position.character + 1, showEnvironment: f.entry.settings.showEnvironment,
    });
    if (!answer) return null;
    const s = answer.span;
    return {
      contents: { kind: 'markdown', value: answer.markdown },
      range: s && { start: { line: s.line - 1, character: s.column - 1 }, end: { line: s.endLine - 1, character: s.endColumn - 1 } },
    };
  });

  conn.onCodeLens((p): CodeLens[] => {
    const f = folders?.ofFile(p.textDocument.uri);
    if (!f || !f.entry.map || !f.entry.extras || !f.entry.settings.codeLens.enabled) return [];
    return lensesFor(f.entry.map, f.entry.extras, f.rel, { showEnvironment: f.entry.settings.showEnvironment }).map((l) => ({
      range: { start: { line: l.line - 1, character: 0 }, end: { line: l.line - 1, character: 0 } },
      command: { title: l.title, command: SHOW_IN_MAP_COMMAND, arguments: [{ folder: f.entry.uri, target: { kind: 'service', service: l.service } }] },
    }));
  });

  const entry = (uri: string): FolderEntry => {
    const e = folders?.get(uri);
    if (!e) throw new ResponseError(-32602, `not a workspace folder of this server: ${uri}`);
    return e;
  };

  conn.onRequest(FoldersRequest, () => folders?.list().map((e) => e.status) ?? []);

  conn.onRequest(ViewRequest, (p): ViewResult => {
    const e = entry(p.folder);
    if (!e.map) return { status: e.status, layout: 'dagre', collapse: 'none', nodes: 0, edges: 0 };
    const drawn = drawView(e.map, p.filter ?? {}, { layout: e.settings.layout, showEnvironment: e.settings.showEnvironment });
    return { status: e.status, services: e.map.services.map(serviceSummary), storeKinds: storeKinds(e.map, e.settings.showEnvironment), ...drawn };
  });

  conn.onRequest(LocationsRequest, (p): Evidence[] => {
    const e = entry(p.folder);
    if (!e.map) return [];
    return evidenceFor(e.map, p.target, { showEnvironment: e.settings.showEnvironment }).map((i) => ({
      uri: folders!.uriOf(e, i.file),
      range: {
        start: { line: i.line - 1, character: Math.max(0, i.column - 1) },
        end: { line: (i.endLine ?? i.line) - 1, character: Math.max(0, (i.endColumn ?? i.column) - 1) },
      },
      label: i.label,
      detail: i.detail,
      description: i.file,
    }));
  });

  conn.onRequest(RefreshRequest, async (p) => {
    const list = p.folder ? [entry(p.folder)] : folders?.list() ?? [];
    await Promise.all(list.map((e) => folders!.refresh(e, true)));
    return list.map((e) => e.status);
  });

  conn.onRequest(CancelRequest, (p) => {
    for (const e of p.folder ? [entry(p.folder)] : folders?.list() ?? []) folders!.cancel(e);
  });

  conn.onRequest(MarkdownRequest, (p) => {
    const e = entry(p.folder);
    if (!e.map) throw new ResponseError(-32803, `${e.name} has not been analyzed yet`);
    return { markdown: renderMarkdown(e.map, { showEnv: e.settings.showEnvironment, title: `State map of ${e.name}` }) };
  });

  conn.onRequest(FileInfoRequest, (p): FileInfo => {
    const f = folders?.ofFile(p.uri);
    if (!f) return {};
    const map = f.entry.map;
    // the service whose root is the longest prefix of the file
    const service = map?.services
      .filter((s) => s.root === '.' || f.rel === s.root || f.rel.startsWith(`${s.root}/`))
      .sort((a, b) => (b.root === '.' ? 0 : b.root.length) - (a.root === '.' ? 0 : a.root.length))[0];
    return {
      folder: f.entry.uri,
      status: f.entry.status,
      service: service && serviceSummary(service),
    };
  });

  conn.onShutdown(() => host.dispose());
  documents.listen(conn);
  conn.listen();
  return conn;
}

import path from 'node:path';
import {
  createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, MessageType, ProposedFeatures, ResponseError, ShowMessageNotification,
  TextDocuments, TextDocumentSyncKind, type CodeLens, type Connection, type InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { renderMarkdown } from '../render/markdown';
import { EXPLAIN_COMMAND, SHOW_IN_MAP_COMMAND } from '../protocol/commands';
import {
  CancelRequest, FileInfoRequest, FoldersRequest, LocationsRequest, MarkdownRequest, OutlineRequest, RefreshRequest, ViewRequest,
  type Evidence, type FileInfo, type ViewResult,
} from '../protocol/messages';
import { AnalysisHost } from './analysisHost';
import { lensesFor } from './codeLens';
import { handleCompare } from './compareRequests';
import { drawCompare, newAt } from './compareView';
import { evidenceFor } from './evidence';
import { Folders, type FolderEntry } from './folders';
import { hoverAt } from './hover';
import { outlineOf, toEvidence } from './outline';
import { analysisRoot, clientFeatures, lensToLsp, type ClientFeatures } from './portable';
import {
  badChange, badOpen, documentParams, fileInfoParams, folderParams, invalid, locationsParams, optionalFolderParams, positionParams, viewParams,
} from './params';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import { exitOnBrokenStream, InitializeGate, transportFromArgs } from './transport';
import { drawView, serviceSummary, storeKinds } from './view';

/** Files whose changes matter: sources, and what discovery reads (manifests, docs, config). */
const WATCHED = '**/{*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,package.json,pnpm-workspace.yaml,statemap.config.json,tsconfig*.json,*.md,*.yaml,*.yml,*.prisma}';

/** What the handlers share: the connection, the open documents, the analysis, and what the client can do. */
interface Server {
  conn: Connection;
  documents: TextDocuments<TextDocument>;
  host: AnalysisHost;
  version: string;
  /** Made at `initialize`; before it, the gate answers every request. */
  folders?: Folders;
  initial: Array<{ uri: string; name: string }>;
  can: { pullConfig: boolean; watchFolders: boolean; watchFiles: boolean; registerConfig: boolean };
  /** Settings from `initializationOptions` (or pushed), for clients that cannot be asked per folder. */
  initSettings: Settings;
  /** What the client announced beyond LSP (src/server/portable.ts). */
  features: ClientFeatures;
}

/**
 * The State Map language server. Transport from the command line (`--node-ipc` from VS Code, `--stdio`
 * for other editors); the analysis runs in a worker thread started from `workerScript`.
 */
export function startServer(workerScript: string, version: string): Connection {
  const conn = connect();
  const server: Server = {
    conn,
    documents: new TextDocuments(TextDocument),
    host: new AnalysisHost(workerScript, (m) => conn.console.error(m)),
    version,
    initial: [],
    can: { pullConfig: false, watchFolders: false, watchFiles: false, registerConfig: false },
    initSettings: DEFAULT_SETTINGS,
    features: { commands: new Set(), statusBar: false },
  };
  handleLifecycle(server);
  handleDocuments(server);
  handleMapRequests(server);
  handleCompare({ conn, host: server.host, folders: () => server.folders, entry: (uri) => mapEntry(server, uri) });
  conn.onShutdown(() => server.host.dispose());
  server.documents.listen(checkedSync(conn));
  conn.listen();
  return conn;
}

/** initialize, initialized, folders coming and going, settings changing. */
function handleLifecycle(server: Server): void {
  const { conn } = server;
  conn.onInitialize((params: InitializeParams) => {
    const caps = params.capabilities;
    server.can = {
      pullConfig: !!caps.workspace?.configuration,
      watchFolders: !!caps.workspace?.workspaceFolders,
      watchFiles: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      registerConfig: !!caps.workspace?.didChangeConfiguration?.dynamicRegistration,
    };
    server.initSettings = normalizeSettings((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
    server.host.cacheDir = cacheDirOption(params.initializationOptions);
    server.features = clientFeatures(params);
    server.initial = workspaceFolders(params, (m) => conn.console.error(m));
    server.folders = new Folders(conn, server.host, server.documents, {
      // a client with its own status bar item shows progress there: a second one would say the same
      workDoneProgress: !!caps.window?.workDoneProgress && !server.features.statusBar,
      codeLensRefresh: !!caps.workspace?.codeLens?.refreshSupport,
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [EXPLAIN_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'state-map', version: server.version },
    };
  });

  const settingsFor = async (uri: string): Promise<Settings> => {
    if (!server.can.pullConfig) return server.initSettings;
    try {
      const pulled: unknown = await conn.workspace.getConfiguration({ scopeUri: uri, section: 'stateMap' });
      // an editor without a `stateMap` section (Neovim without `settings`) answers null: initializationOptions apply
      return pulled && typeof pulled === 'object' ? normalizeSettings(pulled) : server.initSettings;
    } catch {
      return server.initSettings;
    }
  };
  const addFolder = async (uri: string, name: string): Promise<void> => {
    const taken = new Set(server.folders!.list().map((e) => e.root));
    const root = analysisRoot(uri, name, server.features, taken, (m) => conn.console.info(m));
    server.folders!.add(uri, name, await settingsFor(uri), root);
  };

  conn.onInitialized(async () => {
    conn.console.info(`State Map server ${server.version} (Node ${process.version}, pid ${process.pid}); up ${Math.round(process.uptime() * 1000)} ms`);
    if (server.can.watchFiles) void conn.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED }] });
    if (server.can.registerConfig) void conn.client.register(DidChangeConfigurationNotification.type, { section: 'stateMap' });
    if (server.can.watchFolders) {
      conn.workspace.onDidChangeWorkspaceFolders(async (e) => {
        for (const f of e.removed) server.folders!.remove(f.uri);
        for (const f of e.added) await addFolder(f.uri, f.name);
      });
    }
    for (const f of server.initial) await addFolder(f.uri, f.name);
  });

  conn.onDidChangeConfiguration(async (change) => {
    if (!server.can.pullConfig) server.initSettings = normalizeSettings((change.settings as { stateMap?: unknown } | undefined)?.stateMap);
    for (const e of server.folders?.list() ?? []) server.folders!.updateSettings(e, await settingsFor(e.uri));
  });
}

/** Edits, saves and watched files feed the analysis; hover and CodeLens answer from the last map. */
function handleDocuments(server: Server): void {
  const { conn, documents } = server;
  documents.onDidChangeContent((e) => server.folders?.documentChanged(e.document));
  documents.onDidClose((e) => server.folders?.documentClosed(e.document));
  documents.onDidSave((e) => server.folders?.documentSaved(e.document));
  conn.onDidChangeWatchedFiles((p) => server.folders?.watched(p.changes));

  conn.onHover(async (params, token) => {
    const p = positionParams(params, 'textDocument/hover');
    const f = server.folders?.ofFile(p.uri);
    if (!f || !f.entry.settings.hover.enabled) return null;
    // the first hover after opening a workspace waits for the first map (VS Code cancels it when the mouse moves on)
    if (!f.entry.map) await Promise.race([f.entry.firstRun, new Promise((r) => setTimeout(r, 15_000)), new Promise((r) => token.onCancellationRequested(r))]);
    if (token.isCancellationRequested || !f.entry.map || !f.entry.extras) return null;
    const answer = hoverAt({
      folder: f.entry.uri, map: f.entry.map, extras: f.entry.extras, file: f.rel,
      line: p.line + 1, column: p.character + 1, showEnvironment: f.entry.settings.showEnvironment,
      links: server.features.commands.has(SHOW_IN_MAP_COMMAND),
      ...(f.entry.compare ? { newInBranch: { base: f.entry.compare.diff.base, findings: newAt(f.entry.compare, f.rel, p.line + 1, f.entry.settings.showEnvironment) } } : {}),
    });
    if (!answer) return null;
    const s = answer.span;
    return {
      contents: { kind: 'markdown', value: answer.markdown },
      range: s && { start: { line: s.line - 1, character: s.column - 1 }, end: { line: s.endLine - 1, character: s.endColumn - 1 } },
    };
  });

  conn.onCodeLens((params): CodeLens[] => {
    const uri = documentParams(params, 'textDocument/codeLens').uri;
    const f = server.folders?.ofFile(uri);
    if (!f || !f.entry.map || !f.entry.extras || !f.entry.settings.codeLens.enabled) return [];
    const opts = { showEnvironment: f.entry.settings.showEnvironment, text: documents.get(uri)?.getText() };
    return lensesFor(f.entry.map, f.entry.extras, f.rel, opts).map((l) => lensToLsp(l, f.entry.uri, server.features));
  });

  // the lens command of clients without State Map's own commands: the whole line, as a message
  conn.onExecuteCommand((params) => {
    if (params?.command !== EXPLAIN_COMMAND) throw new ResponseError(-32601, `no such command: ${String(params?.command)}`);
    const line: unknown = params.arguments?.[0];
    if (typeof line === 'string') void conn.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: line });
  });
}

function mapEntry(server: Server, uri: string): FolderEntry {
  const e = server.folders?.get(uri);
  if (!e) throw invalid(`not a workspace folder of this server: ${uri}`);
  return e;
}

/** The `stateMap/*` requests of src/protocol/messages.ts. */
function handleMapRequests(server: Server): void {
  const { conn } = server;
  const entry = (uri: string): FolderEntry => mapEntry(server, uri);
  const chosen = (folder: string | undefined): FolderEntry[] => (folder ? [entry(folder)] : server.folders?.list() ?? []);

  conn.onRequest(FoldersRequest, () => server.folders?.list().map((e) => e.status) ?? []);

  conn.onRequest(OutlineRequest, (params) => {
    const e = entry(folderParams(params, OutlineRequest.method).folder);
    if (!e.map) return { status: e.status, services: [], stores: [], edges: [], hazards: [] };
    return outlineOf({ status: e.status, map: e.map, sites: e.extras?.sites ?? [], showEnvironment: e.settings.showEnvironment, uriOf: (file) => server.folders!.uriOf(e, file) });
  });

  conn.onRequest(ViewRequest, (params): ViewResult => {
    const p = viewParams(params);
    const e = entry(p.folder);
    if (!e.map) return { status: e.status, layout: 'dagre', collapse: 'none', nodes: 0, edges: 0 };
    if (e.compare) return { status: e.status, ...drawCompare(e.compare, { showEnvironment: e.settings.showEnvironment, uriOf: (f) => server.folders!.uriOf(e, f), version: e.version }) };
    const drawn = drawView(e.map, p.filter, { layout: e.settings.layout, showEnvironment: e.settings.showEnvironment });
    return { status: e.status, services: e.map.services.map(serviceSummary), storeKinds: storeKinds(e.map, e.settings.showEnvironment), ...drawn };
  });

  conn.onRequest(LocationsRequest, (params): Evidence[] => {
    const p = locationsParams(params);
    const e = entry(p.folder);
    if (!e.map) return [];
    return evidenceFor(e.map, p.target, { showEnvironment: e.settings.showEnvironment }).map((i) => toEvidence(i, (file) => server.folders!.uriOf(e, file)));
  });

  conn.onRequest(RefreshRequest, async (params) => {
    const list = chosen(optionalFolderParams(params, RefreshRequest.method).folder);
    await Promise.all(list.map((e) => server.folders!.refresh(e, true)));
    return list.map((e) => e.status);
  });

  conn.onRequest(CancelRequest, (params) => {
    for (const e of chosen(optionalFolderParams(params, CancelRequest.method).folder)) server.folders!.cancel(e);
  });

  conn.onRequest(MarkdownRequest, (params) => {
    const e = entry(folderParams(params, MarkdownRequest.method).folder);
    if (!e.map) throw new ResponseError(-32803, `${e.name} has not been analyzed yet`);
    return { markdown: renderMarkdown(e.map, { showEnv: e.settings.showEnvironment, title: `State map of ${e.name}` }) };
  });

  conn.onRequest(FileInfoRequest, (params): FileInfo => {
    const f = server.folders?.ofFile(fileInfoParams(params).uri);
    if (!f) return {};
    const map = f.entry.map;
    // the service whose root is the longest prefix of the file
    const service = map?.services
      .filter((s) => s.root === '.' || f.rel === s.root || f.rel.startsWith(`${s.root}/`))
      .sort((a, b) => (b.root === '.' ? 0 : b.root.length) - (a.root === '.' ? 0 : a.root.length))[0];
    return { folder: f.entry.uri, status: f.entry.status, service: service && serviceSummary(service) };
  });
}

/** The connection on the command line's transport, guarded against a broken stream and messages before `initialize`. */
function connect(): Connection {
  const t = transportFromArgs(process.argv.slice(2));
  if (!t) return createConnection(ProposedFeatures.all);
  exitOnBrokenStream(t.reader, (message) => {
    process.stderr.write(`state-map server: ${message}; exiting so that the client restarts it\n`);
    process.exit(1);
  });
  const gate = new InitializeGate(t.reader, t.writer);
  // the client went away: what vscode-languageserver does for the streams it opens itself
  t.reader.onClose(() => process.exit(gate.shutdown ? 0 : 1));
  const conn = createConnection(ProposedFeatures.all, gate, t.writer);
  if (t.stdio) {
    // stdout is the protocol: a stray console.log from any module would break it
    console.log = console.info = console.debug = (...a: unknown[]) => conn.console.log(a.map(String).join(' '));
    console.warn = (...a: unknown[]) => conn.console.warn(a.map(String).join(' '));
    console.error = (...a: unknown[]) => conn.console.error(a.map(String).join(' '));
  }
  return conn;
}

/** The workspace folders of `initialize`, skipping entries that are not `{ uri, name }` strings. */
function workspaceFolders(params: InitializeParams, log: (m: string) => void): Array<{ uri: string; name: string }> {
  const given: unknown = params.workspaceFolders ?? (typeof params.rootUri === 'string' ? [{ uri: params.rootUri }] : []);
  if (!Array.isArray(given)) {
    log(`initialize: workspaceFolders must be an array; no folder is analyzed`);
    return [];
  }
  const out: Array<{ uri: string; name: string }> = [];
  for (const f of given as Array<{ uri?: unknown; name?: unknown }>) {
    if (typeof f?.uri !== 'string') {
      log(`initialize: a workspace folder without a string uri was ignored`);
      continue;
    }
    out.push({ uri: f.uri, name: typeof f.name === 'string' ? f.name : URI.parse(f.uri).path.split('/').pop() || 'workspace' });
  }
  return out;
}

/**
 * The text document notifications as TextDocuments receives them, minus malformed ones: a didOpen or
 * didChange whose text is not a string would become the document's content and reach the analysis.
 */
function checkedSync(conn: Connection): Parameters<TextDocuments<TextDocument>['listen']>[0] {
  const drop = (method: string, why: string): void => conn.console.error(`${method} ignored: ${why}`);
  const hasUri = (p: unknown): boolean => typeof (p as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri === 'string';
  return {
    onDidOpenTextDocument: (h) => conn.onDidOpenTextDocument((p) => {
      const why = badOpen(p);
      return why ? drop('textDocument/didOpen', why) : h(p);
    }),
    onDidChangeTextDocument: (h) => conn.onDidChangeTextDocument((p) => {
      const why = badChange(p);
      return why ? drop('textDocument/didChange', why) : h(p);
    }),
    onDidCloseTextDocument: (h) => conn.onDidCloseTextDocument((p) => (hasUri(p) ? h(p) : drop('textDocument/didClose', 'no textDocument.uri'))),
    onDidSaveTextDocument: (h) => conn.onDidSaveTextDocument((p) => (hasUri(p) ? h(p) : drop('textDocument/didSave', 'no textDocument.uri'))),
    onWillSaveTextDocument: (h) => conn.onWillSaveTextDocument(h),
    onWillSaveTextDocumentWaitUntil: (h) => conn.onWillSaveTextDocumentWaitUntil(h),
  };
}

/** The folder the client keeps the server's fact cache in (an absolute path), if it named one. */
function cacheDirOption(init: unknown): string | undefined {
  const dir = (init as { cacheDir?: unknown } | null | undefined)?.cacheDir;
  return typeof dir === 'string' && path.isAbsolute(dir) ? dir : undefined;
}

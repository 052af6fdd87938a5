// What differs between clients: which commands a client runs itself (only the VS Code extension
// announces any), where a folder's analysis starts (a package of a monorepo is analysed from the
// monorepo's root), and the CodeLens each kind of client gets.
import path from 'node:path';
import type { CodeLens, InitializeParams } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { CLIENT_CAPABILITY, EXPLAIN_COMMAND, SHOW_IN_MAP_COMMAND, type ShowInMapArgs, type StateMapClientCapabilities } from '../protocol/commands';
import type { Lens } from './codeLens';
import { findWorkspaceRoot } from './workspaceRoot';

export interface ClientFeatures {
  /** Client commands the server may send (in CodeLenses and hover links). */
  commands: ReadonlySet<string>;
  /** The client shows progress itself: no `$/progress` from the server. */
  statusBar: boolean;
  /** An absolute path every folder is analyzed from (`initializationOptions.root`). */
  root?: string;
}

/** What `initialize` says about the client; anything malformed counts as not announced. */
export function clientFeatures(params: InitializeParams): ClientFeatures {
  const exp = (params.capabilities?.experimental as Record<string, unknown> | undefined)?.[CLIENT_CAPABILITY] as StateMapClientCapabilities | undefined;
  const commands = Array.isArray(exp?.commands) ? exp.commands.filter((c): c is string => typeof c === 'string') : [];
  const opts = params.initializationOptions as { root?: unknown } | undefined;
  let root: string | undefined;
  if (typeof opts?.root === 'string' && opts.root.trim()) {
    const r = opts.root.trim();
    root = r.startsWith('file:') ? URI.parse(r).fsPath : path.resolve(r);
  }
  return { commands: new Set(commands), statusBar: exp?.statusBar === true, root };
}

/**
 * The folder to analyze for a workspace folder: the `root` override, else the monorepo root that
 * includes the folder, else the folder itself; says in the log when it is not the folder itself.
 * `taken`: roots other folders already analyze (a second folder of the same monorepo keeps its own root).
 */
export function analysisRoot(folderUri: string, name: string, features: ClientFeatures, taken: ReadonlySet<string>, log: (m: string) => void): string {
  const own = URI.parse(folderUri);
  if (own.scheme !== 'file') return own.fsPath;
  if (features.root) {
    log(`${name}: analyzing ${features.root} (initializationOptions.root)`);
    return features.root;
  }
  const found = findWorkspaceRoot(own.fsPath);
  if (!found) return own.fsPath;
  if (taken.has(found.root)) {
    log(`${name}: inside the workspace ${found.root} (${found.why}), which another folder already analyzes; analyzing ${own.fsPath} alone`);
    return own.fsPath;
  }
  log(`${name}: ${own.fsPath} is inside the workspace ${found.root} (${found.why}); analyzing from ${found.root}`);
  return found.root;
}

/**
 * A lens as LSP: for a client that runs `stateMap.showInMap`, that command; for any other, the
 * server's own command that shows the whole line. The whole line also goes in `command.tooltip`
 * (LSP 3.18) and `data.tooltip` (vscode-languageclient 9 drops the former).
 */
export function lensToLsp(l: Lens, folder: string, features: ClientFeatures): CodeLens {
  const range = { start: { line: l.line - 1, character: 0 }, end: { line: l.line - 1, character: 0 } };
  const args: ShowInMapArgs = { folder, target: { kind: 'service', service: l.service } };
  const command = features.commands.has(SHOW_IN_MAP_COMMAND)
    ? { title: l.title, command: SHOW_IN_MAP_COMMAND, arguments: [args], tooltip: l.tooltip }
    : { title: l.title, command: EXPLAIN_COMMAND, arguments: [l.tooltip], tooltip: l.tooltip };
  return { range, command, data: { tooltip: l.tooltip } };
}

import type { Target } from './messages';

/** The command that hover links and CodeLenses run: open the panel on a folder, focused on a service, store or edge. */
export const SHOW_IN_MAP_COMMAND = 'stateMap.showInMap';

export interface ShowInMapArgs {
  folder: string;
  target?: Target;
}

/** A `command:` URI for Markdown (hovers): the arguments are JSON in the query. */
export function commandLink(args: ShowInMapArgs): string {
  return `command:${SHOW_IN_MAP_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
}

/**
 * The `experimental` client capability (`initialize` → `capabilities.experimental.stateMap`) by which a
 * client says what it implements beyond LSP. The VS Code extension sets it; a client without it (Neovim,
 * Helix, Emacs) gets no command it cannot run: CodeLenses run a command the server executes itself, and
 * hovers carry no `command:` links.
 */
export const CLIENT_CAPABILITY = 'stateMap';

export interface StateMapClientCapabilities {
  /** Client-side commands the server may put in CodeLenses and hover links (`stateMap.showInMap`). */
  commands?: string[];
  /** The client shows indexing progress itself (from `stateMap/status`): the server sends no `$/progress`. */
  statusBar?: boolean;
}

/**
 * Executed by the server (`workspace/executeCommand`): shows a service's whole state line as a message.
 * The command of CodeLenses sent to clients that announce no client commands.
 */
export const EXPLAIN_COMMAND = 'stateMap.server.explain';

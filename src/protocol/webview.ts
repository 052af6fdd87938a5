// Messages between the extension and the State Map webview. Every message has a `type`; the webview
// stays thin: it receives Mermaid text and model data, draws, and posts what the user did.
import type { FolderStatus, Target, ViewFilter, ViewResult } from './messages';

/** Mermaid refuses bigger diagrams by default (50,000 characters, 500 edges); the panel raises both to these. */
export const PANEL_MAX_TEXT_SIZE = 400_000;
export const PANEL_MAX_EDGES = 2_000;
/** Above this many nodes an unfiltered map is drawn as a summary: each service lists its stores. */
export const SUMMARY_NODE_THRESHOLD = 100;

/** Why the panel shows no diagram, when it shows none. */
export type EmptyReason = 'no-folder' | 'indexing' | 'cancelled' | 'no-files' | 'no-services' | 'error' | 'stopped' | 'too-large';

export interface PanelState {
  folders: FolderStatus[];
  folder?: string;
  filter: ViewFilter;
  view?: ViewResult;
  empty?: { reason: EmptyReason; message: string };
}

export type ToWebview =
  /** The whole panel state: folders, filter, and the view to draw (or why there is none). */
  | { type: 'state'; state: PanelState }
  /** Progress while a folder indexes, without redrawing. */
  | { type: 'status'; status: FolderStatus }
  /**
   * Select a service, store or edge ("Show in State Map" from a hover, the tree view or a CodeLens): the map
   * highlights it (the rest fades), opens the overview groups it is in and scrolls it into view.
   */
  | { type: 'select'; target: Target }
  /** The same as `select`; the name the extension used first, still understood. */
  | { type: 'focus'; target: Target }
  /**
   * Select a service, store or edge: highlight it (others faded) and scroll it into view ("Show in
   * State Map" from a hover, a CodeLens or the tree). Sent after the `state` it belongs to; a webview
   * still drawing that state selects it once drawn.
   */
  | { type: 'select'; target: Target }
  /** Send back the drawn SVG (Export as SVG). */
  | { type: 'exportSvg'; requestId: number };

export type PanelCommand = 'refresh' | 'cancelIndexing' | 'openLogs' | 'openConfiguration' | 'exportMarkdown' | 'exportSvg' | 'restartServer';

export type FromWebview =
  | { type: 'ready' }
  | { type: 'select'; target: Target }
  | { type: 'filter'; filter: ViewFilter }
  | { type: 'folder'; folder: string }
  | { type: 'command'; command: PanelCommand }
  /** Leave a comparison: the panel draws the map again ("Back to the map"). */
  | { type: 'endCompare' }
  /** Open the code of the n-th line of the comparison's list (the extension holds the places; the webview sends an index only). */
  | { type: 'openChange'; index: number }
  /** A diagram was drawn: how long it took, its size, and the comparison's lines as shown (for the status line and tests). */
  | { type: 'rendered'; folder: string; version: number; ms: number; nodes: number; layout: string; changes?: string[] }
  | { type: 'renderError'; message: string }
  | { type: 'svg'; requestId: number; svg?: string; error?: string };

// What the webview puts on screen for a panel state, as data: pure functions, tested without a browser.
import type { FolderStatus, ViewResult } from '../../src/protocol/messages';
import type { EmptyReason, PanelCommand, PanelState } from '../../src/protocol/webview';

export interface Option {
  value: string;
  label: string;
}

/** The service and store-kind filters' options; a broken claim is marked in words, not only colour. */
export function filterOptions(view: ViewResult | undefined): { services: Option[]; storeKinds: Option[] } {
  const services = (view?.services ?? [])
    .map((s) => ({ value: s.id, label: s.honest === false ? `${s.name} (✗ claim broken)` : s.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const storeKinds = (view?.storeKinds ?? []).map((k) => ({ value: k.kind, label: k.label }));
  return { services: [{ value: '', label: 'All services' }, ...services], storeKinds: [{ value: '', label: 'All store kinds' }, ...storeKinds] };
}

export function folderOptions(folders: readonly FolderStatus[]): Option[] {
  return folders.map((f) => ({ value: f.folder, label: f.name }));
}

const TITLES: Record<EmptyReason, string> = {
  'no-folder': 'No folder open',
  indexing: 'Analysis in progress',
  cancelled: 'Indexing cancelled',
  'no-files': 'No JavaScript or TypeScript files',
  'no-services': 'No services found',
  error: 'The analysis failed',
  stopped: 'The State Map server is not running',
  'too-large': 'Too large to draw',
};

const ACTIONS: Record<EmptyReason, Array<{ command: PanelCommand; label: string }>> = {
  'no-folder': [],
  indexing: [{ command: 'cancelIndexing', label: 'Cancel' }],
  cancelled: [{ command: 'refresh', label: 'Analyze again' }],
  'no-files': [{ command: 'openConfiguration', label: 'Open Configuration' }, { command: 'refresh', label: 'Analyze again' }],
  'no-services': [{ command: 'openConfiguration', label: 'Open Configuration' }],
  error: [{ command: 'openLogs', label: 'Show the output' }, { command: 'refresh', label: 'Try again' }],
  stopped: [{ command: 'restartServer', label: 'Restart the server' }, { command: 'openLogs', label: 'Show the output' }],
  'too-large': [{ command: 'exportMarkdown', label: 'Export as Markdown' }],
};

export function emptyView(empty: NonNullable<PanelState['empty']>): { title: string; message: string; actions: Array<{ command: PanelCommand; label: string }>; progress: boolean } {
  return { title: TITLES[empty.reason], message: empty.message, actions: ACTIONS[empty.reason], progress: empty.reason === 'indexing' };
}

/** A line above a drawn map: why it is collapsed, or that it is being updated, or that the last run failed. */
export function noteFor(state: PanelState, status: FolderStatus | undefined): { text: string; command?: { command: PanelCommand; label: string } } | undefined {
  const s = status ?? state.view?.status;
  if (s?.state === 'indexing') return { text: `Updating: ${s.message ?? 'analyzing'}…`, command: { command: 'cancelIndexing', label: 'Cancel' } };
  if (s?.state === 'error') return { text: `The last analysis failed (${s.message ?? 'unknown error'}); this is the previous map.`, command: { command: 'openLogs', label: 'Show the output' } };
  if (state.view?.note) return { text: state.view.note };
  return undefined;
}

/** Percent done of an indexing status, when it says. */
export function percent(status: FolderStatus | undefined): number | undefined {
  return status?.total ? Math.round(((status.done ?? 0) / status.total) * 100) : undefined;
}

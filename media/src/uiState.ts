// What the webview keeps across redraws and reloads (VS Code's webview state): the folder and filter, the
// zoom and scroll of the view they belong to, and how the map is shown (whole or overview, open groups,
// the search).
import type { ViewFilter } from '../../src/protocol/messages';
import type { PanelState } from '../../src/protocol/webview';
import type { Transform } from './viewport';

export interface Ui {
  /** The view (folder, filter, search) these choices belong to. */
  key?: string;
  /** Decided on the first draw of a view: the whole map when it is readable in the panel, else the overview. */
  mode?: 'whole' | 'overview';
  /** The direction that fitted best (LR or TB), kept so a redraw lays out the same way. */
  direction?: string;
  /** The overview's largest group before it is split by folder (a huge number: one group per role and family). */
  groupSize?: number;
  /** Overview groups opened in place. */
  open: string[];
  query: string;
}

export interface Saved {
  folder?: string;
  filter?: ViewFilter;
  transform?: Transform;
  /** folder + filter + search of the saved transform: another view starts at its first view. */
  key?: string;
  ui?: Ui;
}

export const viewKey = (s: PanelState): string => `${s.folder}|${s.filter.service ?? ''}|${s.filter.storeKind ?? ''}`;

export function savedUi(saved: Saved): Ui {
  const u = saved.ui;
  if (!u || typeof u !== 'object') return { open: [], query: '' };
  return {
    key: typeof u.key === 'string' ? u.key : undefined,
    mode: u.mode === 'whole' || u.mode === 'overview' ? u.mode : undefined,
    direction: u.direction === 'LR' || u.direction === 'TB' ? u.direction : undefined,
    groupSize: typeof u.groupSize === 'number' ? u.groupSize : undefined,
    open: Array.isArray(u.open) ? u.open.filter((x): x is string => typeof x === 'string') : [],
    query: typeof u.query === 'string' ? u.query : '',
  };
}

// What the panel shows, decided without VS Code: which folder, and why there is no diagram when there is none.
import type { FolderStatus, Target, ViewFilter, ViewResult } from '../protocol/messages';
import type { PanelState } from '../protocol/webview';

/** The folder to show: the one asked for, else the active editor's, else the first. */
export function pickFolder(folders: readonly FolderStatus[], ...preferred: Array<string | undefined>): string | undefined {
  for (const p of preferred) if (p && folders.some((f) => f.folder === p)) return p;
  return folders[0]?.folder;
}

/** Why the panel has nothing to draw, with what to do about it; undefined when there is a diagram. */
export function emptyState(folders: readonly FolderStatus[], folder: string | undefined, view: ViewResult | undefined, workspaceFolders = folders.length): PanelState['empty'] {
  if (folders.length === 0 || !folder) {
    // VS Code has folders the server has not reported yet: it is starting
    if (workspaceFolders > 0) return { reason: 'indexing', message: 'Starting the State Map server…' };
    return { reason: 'no-folder', message: 'Open a folder with JavaScript or TypeScript code to see where its state lives.' };
  }
  const status = view?.status ?? folders.find((f) => f.folder === folder);
  const name = status?.name ?? 'this folder';
  if (!view?.services) {
    if (status?.state === 'error') return { reason: 'error', message: `The analysis of ${name} failed: ${status.message ?? 'unknown error'}` };
    if (status?.state === 'cancelled') return { reason: 'cancelled', message: status.message ?? 'Indexing was cancelled.' };
    return { reason: 'indexing', message: status?.message ? `${status.message}…` : `Analyzing ${name}…` };
  }
  if (status?.sourceFiles === 0) {
    return {
      reason: 'no-files',
      message: `No JavaScript or TypeScript files in ${name}. State Map reads .js, .jsx, .ts, .tsx, .mjs and .cjs files; tests, node_modules and build output are skipped (see the stateMap.exclude and stateMap.includeTests settings).`,
    };
  }
  if (view.services.length === 0) {
    return { reason: 'no-services', message: `No services found in ${name}. Give each service its own package.json, or list them in statemap.config.json.` };
  }
  if (view.collapse === 'too-large' || !view.mermaid) {
    return { reason: 'too-large', message: view.note ?? 'This map is too large to draw. Filter by a service or a store kind.' };
  }
  return undefined;
}

/** Whether a filter would hide a target (then focusing on it clears the filter). */
export function filterHides(filter: ViewFilter, target: Target): boolean {
  if (filter.service && target.kind !== 'store' && target.service !== filter.service) return true;
  return !!filter.storeKind && target.kind !== 'service';
}

/** The filter, minus a service or store kind the map no longer has (after an edit removed it). */
export function validFilter(filter: ViewFilter, view: ViewResult | undefined): ViewFilter {
  if (!view?.services) return filter;
  const out: ViewFilter = {};
  if (filter.service && view.services.some((s) => s.id === filter.service)) out.service = filter.service;
  if (filter.storeKind && view.storeKinds?.some((k) => k.kind === filter.storeKind)) out.storeKind = filter.storeKind;
  return out;
}

// The status bar item's text, decided without VS Code: indexing progress, else the active file's service.
import type { FileInfo, FolderStatus } from '../protocol/messages';

export interface StatusBarView {
  text: string;
  tooltip: string;
  kind: 'normal' | 'warning' | 'error';
  folder?: string;
  service?: string;
  /** A command to run instead of opening the map. */
  command?: string;
}

function shortName(name: string): string {
  return name.replace(/^@[^/]+\//, '');
}

export function statusBarView(statuses: readonly FolderStatus[], info: FileInfo | undefined, serverRunning = true): StatusBarView {
  if (!serverRunning) return { text: '$(error) State Map: stopped', tooltip: 'The State Map server is not running. Click to restart it.', kind: 'error', command: 'stateMap.restartServer' };
  const indexing = statuses.find((s) => s.state === 'indexing');
  if (indexing) {
    const count = indexing.total ? ` ${indexing.done?.toLocaleString('en-US') ?? 0}/${indexing.total.toLocaleString('en-US')}` : '';
    return {
      text: `$(sync~spin) State Map${count}`,
      tooltip: `State Map: ${indexing.message ?? 'indexing'} in ${indexing.name}`,
      kind: 'normal',
      folder: indexing.folder,
    };
  }
  const failed = (info?.status?.state === 'error' ? info.status : undefined) ?? statuses.find((s) => s.state === 'error');
  if (failed) {
    return { text: '$(error) State Map', tooltip: `State Map: the analysis of ${failed.name} failed: ${failed.message ?? ''}`, kind: 'error', folder: failed.folder };
  }
  const s = info?.service;
  if (!s) return { text: '$(type-hierarchy) State Map', tooltip: 'Show State Map', kind: 'normal', folder: info?.folder };
  const name = shortName(s.name);
  const claim = s.claim === null ? 'no claim' : s.claim ? 'claims stateless' : 'claims stateful';
  const base = { folder: info?.folder, service: s.id };
  if (s.honest === false) {
    return { ...base, text: `$(warning) ${name}: claim broken`, tooltip: `${s.name} ${claim}, but keeps state in process. Click to see where.`, kind: 'warning' };
  }
  if (s.verdict === 'in-process-state') {
    return { ...base, text: `$(warning) ${name}: state in process`, tooltip: `${s.name} (${claim}) keeps state in its own process. Click to see where.`, kind: 'normal' };
  }
  if (s.verdict === 'state-elsewhere') {
    return { ...base, text: `$(database) ${name}: state elsewhere`, tooltip: `${s.name} (${claim}) keeps its state in external stores${s.honest ? ': the claim holds' : ''}. Click to see them.`, kind: 'normal' };
  }
  return { ...base, text: `$(check) ${name}: stateless`, tooltip: `${s.name} (${claim}) touches no store.`, kind: 'normal' };
}

// How each node of the State Map tree looks: label, description, codicon per store family or verdict,
// tooltip, and the sentence a screen reader says (accessibilityInformation).
import * as vscode from 'vscode';
import type { OutlineService } from '../protocol/messages';
import { accessShort, groupTitle, type TreeNode } from './treeModel';

const FAMILY_ICONS: Record<string, string> = {
  sql: 'database', document: 'json', cache: 'zap', messaging: 'mail', object: 'archive', local: 'chip',
  browser: 'browser', token: 'key', remote: 'globe', config: 'settings',
};
const KIND_ICONS: Record<string, string> = {
  'http-server': 'server', worker: 'gear', lambda: 'cloud', frontend: 'browser', cli: 'terminal', library: 'library',
};
const GROUP_ICONS = { services: 'server-environment', stores: 'database', hazards: 'warning' };

export function storeIcon(kind: string, family: string): vscode.ThemeIcon {
  return new vscode.ThemeIcon(kind === 'filesystem' ? 'file' : FAMILY_ICONS[family] ?? 'circle-outline');
}

export function claimWords(s: OutlineService): string {
  return s.claim === null ? 'no claim' : s.claim ? 'claims stateless' : 'claims stateful';
}

export function verdictWords(s: OutlineService): string {
  const v = s.verdict === 'in-process-state' ? 'state in process' : s.verdict === 'state-elsewhere' ? 'state elsewhere' : 'stateless';
  return s.honest === false ? `${v}, claim broken` : s.honest === true ? `${v}, claim holds` : v;
}

function serviceIcon(s: OutlineService): vscode.ThemeIcon {
  if (s.honest === false) return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  if (s.verdict === 'in-process-state') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  if (s.honest === true) return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  return new vscode.ThemeIcon(KIND_ICONS[s.kind] ?? 'package');
}

function verb(a: 'read' | 'write' | 'readwrite'): string {
  return a === 'readwrite' ? 'reads and writes' : `${a}s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The TreeItem of a node (places open their code on click; the rest expand, with inline actions). */
export function treeItem(n: TreeNode): vscode.TreeItem {
  const C = vscode.TreeItemCollapsibleState;
  const item = new vscode.TreeItem('', C.None);
  item.id = n.id;
  let spoken: string;
  switch (n.type) {
    case 'folder':
      item.label = n.name;
      item.iconPath = new vscode.ThemeIcon('root-folder');
      item.collapsibleState = C.Expanded;
      spoken = `Folder ${n.name}`;
      break;
    case 'group':
      item.label = groupTitle(n.group, n.count);
      item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[n.group]);
      item.collapsibleState = n.count === 0 ? C.None : n.group === 'services' ? C.Expanded : C.Collapsed;
      spoken = item.label;
      break;
    case 'service': {
      const s = n.service;
      item.label = s.name;
      item.description = `${claimWords(s)} · ${verdictWords(s)}`;
      item.iconPath = serviceIcon(s);
      item.collapsibleState = n.stores ? C.Collapsed : C.None;
      const md = new vscode.MarkdownString(`**${s.name}** (${s.kind})\n\n${s.claimSource ?? claimWords(s)}\n\nVerdict: ${verdictWords(s)}\n\n${plural(n.stores, 'store')} · ${plural(n.hazards, 'hazard')}`);
      item.tooltip = md;
      spoken = `Service ${s.name}, ${claimWords(s)}, ${verdictWords(s)}, ${plural(n.stores, 'store')}, ${plural(n.hazards, 'hazard')}`;
      break;
    }
    case 'store':
      item.label = n.store.label;
      item.description = `${n.store.family} · ${plural(n.services, 'service')}`;
      item.iconPath = storeIcon(n.store.kind, n.store.family);
      item.collapsibleState = n.services ? C.Collapsed : C.None;
      item.tooltip = `${n.store.label}: ${n.store.family} store used by ${plural(n.services, 'service')}`;
      spoken = `Store ${n.store.label}, ${n.store.family}, used by ${plural(n.services, 'service')}`;
      break;
    case 'edge': {
      const other = n.under === 'service' ? n.store.label : n.service.name;
      item.label = other;
      item.description = `${accessShort(n.access)} · ${plural(n.places, 'place')}`;
      item.iconPath = n.under === 'service' ? storeIcon(n.store.kind, n.store.family) : serviceIcon(n.service);
      item.collapsibleState = n.places ? C.Collapsed : C.None;
      item.tooltip = `${n.service.name} ${verb(n.access)} ${n.store.label} at ${plural(n.places, 'place')}`;
      spoken = item.tooltip;
      break;
    }
    case 'hazard': {
      const first = n.hazard.places[0];
      item.label = n.hazard.kind;
      item.description = `${n.service?.name ?? n.hazard.service}${first ? ` · ${first.description}:${first.range.start.line + 1}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      item.collapsibleState = n.hazard.places.length ? C.Collapsed : C.None;
      item.tooltip = n.hazard.message;
      spoken = `Hazard ${n.hazard.kind} in ${n.service?.name ?? n.hazard.service}: ${n.hazard.message}`;
      break;
    }
    case 'place': {
      const e = n.evidence;
      item.label = e.label;
      item.description = e.description;
      item.tooltip = e.detail;
      item.iconPath = new vscode.ThemeIcon('location');
      item.resourceUri = vscode.Uri.parse(e.uri);
      const r = e.range;
      item.command = {
        title: 'Open', command: 'vscode.open',
        arguments: [vscode.Uri.parse(e.uri), { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) }],
      };
      spoken = `${e.label}, ${e.detail}, in ${e.description}`;
      break;
    }
  }
  item.contextValue = `stateMap.${n.type}`;
  item.accessibilityInformation = { label: spoken, role: 'treeitem' };
  return item;
}

// The comparison with a branch, above the diagram: what was compared, counts, and one line per change,
// each saying in words and an icon what it is (colour is never the only mark), a click opening its code.
import type { CompareChange, CompareInfo } from '../../src/protocol/messages';
import type { FromWebview } from '../../src/protocol/webview';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The icon and words of each kind of change. */
export const CHANGE_WORDS: Record<CompareChange, { icon: string; words: string }> = {
  added: { icon: '+', words: 'New in this branch' },
  removed: { icon: '−', words: 'Removed' },
  'already-broken': { icon: '⚠', words: 'Already broken on the base' },
  'broken-by-change': { icon: '✗', words: 'Broken by this change' },
  'fixed-by-change': { icon: '✓', words: 'Fixed by this change' },
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 new · 1 removed · 1 claim already broken on the base". */
export function countsText(c: CompareInfo): string {
  const parts = [`${c.counts.added} new`, `${c.counts.removed} removed`];
  if (c.counts.brokenByChange) parts.push(`${plural(c.counts.brokenByChange, 'claim')} broken by this change`);
  if (c.counts.alreadyBroken) parts.push(`${plural(c.counts.alreadyBroken, 'claim')} already broken on the base`);
  return parts.join(' · ');
}

/** One line of the list as text: what a screen reader and the tests read. */
export function itemText(i: CompareInfo['items'][number]): string {
  const w = CHANGE_WORDS[i.change];
  return `${w.icon} ${w.words}: ${i.service} — ${i.rule === 'store-access' || i.rule === 'broken-claim' ? '' : `${i.rule}: `}${i.text}${i.where ? ` (${i.where})` : ''}`;
}

/**
 * Shows (or hides, for a map) the comparison section and the legend that goes with it; returns the lines
 * as shown. The filters and search do not apply to a comparison: they are disabled meanwhile.
 */
export function showCompare(c: CompareInfo | undefined, post: (m: FromWebview) => void): string[] | undefined {
  $('compare').hidden = !c;
  $('compareLegend').hidden = !c;
  $('legend').hidden = !!c;
  for (const id of ['service', 'storeKind', 'search', 'overview']) ($<HTMLInputElement>(id)).disabled = !!c;
  if (!c) return undefined;
  $('compareTitle').textContent = `Changes: ${c.head} vs ${c.base}`;
  $('compareCounts').textContent = countsText(c);
  const lines = c.items.map(itemText);
  $('compareList').replaceChildren(...c.items.map((item, index) => {
    const li = document.createElement('li');
    li.className = `change change-${item.change}`;
    const icon = document.createElement('span');
    icon.className = 'change-icon';
    icon.setAttribute('aria-hidden', 'true');
    icon.textContent = CHANGE_WORDS[item.change].icon;
    const text = document.createElement(item.uri ? 'button' : 'span');
    text.className = 'change-text';
    // the words a screen reader reads name the change, not only the icon
    text.textContent = lines[index].slice(CHANGE_WORDS[item.change].icon.length + 1);
    if (item.uri) {
      (text as HTMLButtonElement).type = 'button';
      text.title = 'Open the code';
      text.addEventListener('click', () => post({ type: 'openChange', index }));
    }
    li.append(icon, text);
    return li;
  }));
  if (!c.items.length) {
    const li = document.createElement('li');
    li.textContent = 'No change to where state lives.';
    $('compareList').append(li);
  }
  return lines;
}

export function wireCompare(post: (m: FromWebview) => void): void {
  $('endCompare').addEventListener('click', () => post({ type: 'endCompare' }));
}

// Grouping helpers: one list or set per key, appended in place (no copy of the list per item).

/** Appends `value` to `key`'s list, starting the list when it is the first. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Appends `value` to the list under `outer`, then `inner`, starting the inner map and the list when they are the first. */
export function pushIn<K1, K2, V>(map: Map<K1, Map<K2, V[]>>, outer: K1, inner: K2, value: V): void {
  let m = map.get(outer);
  if (!m) map.set(outer, (m = new Map()));
  pushTo(m, inner, value);
}

/** Adds `value` to `key`'s set, starting the set when it is the first. */
export function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** Places in reading order: by file, then line, then column (for sorting the places of one hazard). */
export function byPlace(a: { file: string; line: number; column?: number }, b: { file: string; line: number; column?: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || (a.column ?? 0) - (b.column ?? 0);
}

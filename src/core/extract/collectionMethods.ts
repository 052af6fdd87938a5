/**
 * JavaScript's own collections (Map, Set, Array, WeakMap), by method: which change the collection,
 * which read it, where the stored value is. Mutations of module state and memoisation are told by these.
 */

/**
 * Methods that change the collection they are called on. `sort` is not among them: it puts the same members
 * in the same order every time, on every replica (`scopes.sort().join(' ')` on a constant list).
 */
export const MUTATORS: ReadonlySet<string> = new Set([
  'set', 'add', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice', 'reverse', 'fill', 'copyWithin',
]);

/** Methods that look a key up without changing anything: a later fill of the same key is memoisation. */
export const LOOKUPS: ReadonlySet<string> = new Set(['get', 'has']);

/** Methods that fill a key (or add a member): memoisation when the key was looked up and found missing. */
export const FILLS: ReadonlySet<string> = new Set(['set', 'add']);

/** The argument that holds the stored value (`map.set(k, v)`, `list.push(v)`, `set.add(v)`). */
export const STORED_ARGUMENT: ReadonlyMap<string, number> = new Map([['set', 1], ['push', 0], ['add', 0]]);

import type { ts } from 'ts-morph';

/**
 * TypeScript's compiler API — the copy ts-morph ships (`ts-morph` re-exports it as `ts`) — loaded on its
 * own: ts-morph's wrappers and bundled lib.d.ts files are 4 MB the analysis never uses, and loading them
 * is a third of a cold start. The API is copied into plain data properties once: the bundled namespace
 * resolves every member through getters, which cost about a sixth of a run when called per node.
 */
const compiler: typeof ts = require('@ts-morph/common/dist/typescript.js');

export const tsv: typeof ts = { ...compiler };

import { ts } from 'ts-morph';

/**
 * TypeScript's API as plain data properties. The bundled namespace resolves every member through
 * getters (two layers of them), which cost about a sixth of a whole run on a large workspace when
 * called per node; a copy made once at load makes each call a plain property read.
 */
export const tsv: typeof ts = { ...ts };

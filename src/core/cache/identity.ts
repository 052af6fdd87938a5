// What cached facts were made by and from: the analyzer's code, the catalog, the workspace's choice
// of imports worth following, and the file's path and text. Facts are reused only when all match.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Catalog } from '../../catalog';

/** Bump when extraction changes in a way the code's own stamp would not show. */
export const EXTRACTOR_VERSION = '81';

/**
 * The running code: the bundle (or this source file under tsx) by size and time, so that any rebuild
 * of the analyzer makes new facts rather than trusting old ones.
 */
function codeStamp(): string {
  try {
    const st = fs.statSync(__filename);
    return `${st.size}:${Math.round(st.mtimeMs)}`;
  } catch {
    return 'unknown';
  }
}

const catalogStamps = new WeakMap<Catalog, string>();

/** A digest of the catalog's entries (its patterns and functions as their source text). */
export function catalogVersion(catalog: Catalog): string {
  let v = catalogStamps.get(catalog);
  if (!v) {
    const text = JSON.stringify(catalog.models, (_k, x: unknown) => (x instanceof RegExp || typeof x === 'function' ? String(x) : x));
    v = createHash('sha1').update(text).digest('hex').slice(0, 16);
    catalogStamps.set(catalog, v);
  }
  return v;
}

let stamp: string | undefined;

/** The analyzer and catalog the facts of this run are made by. */
export function analyzerIdentity(catalog: Catalog): string {
  stamp ??= codeStamp();
  return `${EXTRACTOR_VERSION}/${stamp}/${catalogVersion(catalog)}`;
}

/** The key of one file's facts: who makes them (`identity`), the workspace's follow rules, the path and the text. */
export function factKey(identity: string, follow: string, file: string, text: string): string {
  return createHash('sha1').update(identity).update('\0').update(follow).update('\0').update(file).update('\0').update(text).digest('hex');
}

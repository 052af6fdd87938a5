// Parameters as the client sent them, checked before use: a buggy client gets InvalidParams (-32602) that
// says what was wrong, instead of a TypeError from deep inside a handler (InternalError, -32603).
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Target, ViewFilter } from '../protocol/messages';

type Obj = Record<string, unknown>;

export function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function object(v: unknown, what: string): Obj {
  if (!isObj(v)) throw invalid(`${what} must be an object, got ${shown(v)}`);
  return v;
}

function string(o: Obj, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw invalid(`${what}.${key} must be a string, got ${shown(v)}`);
  return v;
}

function optionalString(o: Obj, key: string, what: string): string | undefined {
  return o[key] === undefined ? undefined : string(o, key, what);
}

function uinteger(o: Obj, key: string, what: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalid(`${what}.${key} must be a whole number ≥ 0, got ${shown(v)}`);
  return v;
}

/** A URI string vscode-uri can read (any scheme: one the server does not analyze simply has no answer). */
function uri(o: Obj, key: string, what: string): string {
  const v = string(o, key, what);
  try {
    URI.parse(v, true);
  } catch (err) {
    throw invalid(`${what}.${key} is not a URI: ${(err as Error).message}`);
  }
  return v;
}

/** `{ folder }` of the per-folder requests. */
export function folderParams(p: unknown, method: string): { folder: string } {
  return { folder: string(object(p, `${method} params`), 'folder', 'params') };
}

/** `{ folder? }` of refresh and cancel: no folder means every folder. */
export function optionalFolderParams(p: unknown, method: string): { folder?: string } {
  return { folder: optionalString(object(p, `${method} params`), 'folder', 'params') };
}

export function viewParams(p: unknown): { folder: string; filter: ViewFilter } {
  const { folder } = folderParams(p, 'stateMap/view');
  const raw = (p as Obj).filter;
  if (raw === undefined || raw === null) return { folder, filter: {} };
  const f = object(raw, 'params.filter');
  return { folder, filter: { service: optionalString(f, 'service', 'params.filter'), storeKind: optionalString(f, 'storeKind', 'params.filter') } };
}

export function locationsParams(p: unknown): { folder: string; target: Target } {
  const { folder } = folderParams(p, 'stateMap/locations');
  const t = object((p as Obj).target, 'params.target');
  const what = 'params.target';
  if (t.kind === 'service') return { folder, target: { kind: 'service', service: string(t, 'service', what) } };
  if (t.kind === 'store') return { folder, target: { kind: 'store', store: string(t, 'store', what) } };
  if (t.kind === 'edge') return { folder, target: { kind: 'edge', service: string(t, 'service', what), store: string(t, 'store', what) } };
  throw invalid(`params.target.kind must be "service", "store" or "edge", got ${shown(t.kind)}`);
}

export function fileInfoParams(p: unknown): { uri: string } {
  return { uri: uri(object(p, 'stateMap/fileInfo params'), 'uri', 'params') };
}

/** `{ textDocument: { uri } }` of codeLens (and the start of every text document request). */
export function documentParams(p: unknown, method: string): { uri: string } {
  return { uri: uri(object(object(p, `${method} params`).textDocument, 'params.textDocument'), 'uri', 'params.textDocument') };
}

export function positionParams(p: unknown, method: string): { uri: string; line: number; character: number } {
  const { uri } = documentParams(p, method);
  const pos = object((p as Obj).position, 'params.position');
  return { uri, line: uinteger(pos, 'line', 'params.position'), character: uinteger(pos, 'character', 'params.position') };
}

/** Why a didOpen cannot be kept (undefined: it can). Notifications have no answer: the server logs this and drops it. */
export function badOpen(p: unknown): string | undefined {
  try {
    const td = object(object(p, 'didOpen params').textDocument, 'params.textDocument');
    uri(td, 'uri', 'params.textDocument');
    string(td, 'languageId', 'params.textDocument');
    if (typeof td.version !== 'number') throw invalid(`params.textDocument.version must be a number, got ${shown(td.version)}`);
    string(td, 'text', 'params.textDocument');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function isPosition(v: unknown): boolean {
  return isObj(v) && [v.line, v.character].every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0);
}

function isChange(c: unknown): c is TextDocumentContentChangeEvent {
  if (!isObj(c) || typeof c.text !== 'string') return false;
  return c.range === undefined || (isObj(c.range) && isPosition(c.range.start) && isPosition(c.range.end));
}

/** Why a didChange cannot be applied (undefined: it can). Applying part of it would leave the document out of step with the editor. */
export function badChange(p: unknown): string | undefined {
  try {
    const o = object(p, 'didChange params');
    const td = object(o.textDocument, 'params.textDocument');
    uri(td, 'uri', 'params.textDocument');
    if (typeof td.version !== 'number') throw invalid(`params.textDocument.version must be a number, got ${shown(td.version)}`);
    if (!Array.isArray(o.contentChanges)) throw invalid(`params.contentChanges must be an array, got ${shown(o.contentChanges)}`);
    const bad = o.contentChanges.findIndex((c) => !isChange(c));
    if (bad >= 0) throw invalid(`params.contentChanges[${bad}] must be { text } or { range, text } with a string text and whole-number positions`);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

export function compareParams(p: unknown): { folder: string; ref: string } {
  const o = object(p, 'stateMap/compare params');
  const ref = string(o, 'ref', 'stateMap/compare params').trim();
  // a ref is handed to git as an argument: one that looks like an option is refused, not run
  if (!ref || ref.startsWith('-')) throw invalid(`stateMap/compare params.ref must name a git ref, got ${shown(ref)}`);
  return { folder: string(o, 'folder', 'stateMap/compare params'), ref };
}

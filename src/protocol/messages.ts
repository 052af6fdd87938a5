// The custom LSP messages between the State Map server and its clients, declared once (vscode-eslint's
// `customMessages.ts` pattern). Standard LSP (hover, diagnostics, CodeLens, $/progress) needs no entry.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Range, WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type { MermaidIds, StateMap } from '../core/model/types';

export type { MermaidIds };

export type FolderState = 'indexing' | 'ready' | 'error' | 'cancelled';

/** Where one workspace folder's analysis stands. */
export interface FolderStatus {
  /** The folder's URI: the key of every per-folder message. */
  folder: string;
  name: string;
  state: FolderState;
  /** Bumped whenever the folder's map changes. 0: no map yet. */
  version: number;
  /** Progress text while indexing ("Indexing 340/2,460 files"), the error while in error. */
  message?: string;
  done?: number;
  total?: number;
  /** JS/TS files analyzed in the last full run; undefined before the first one. */
  sourceFiles?: number;
  services?: number;
  brokenClaims?: number;
}

/** What the user clicked in the map: a service, a store, or the edge between them. */
export type Target =
  | { kind: 'service'; service: string }
  | { kind: 'store'; store: string }
  | { kind: 'edge'; service: string; store: string };

export interface ViewFilter {
  /** A service id: only it and what it touches. */
  service?: string;
  /** A store kind (`redis`): only stores of that kind and the services that touch them. */
  storeKind?: string;
}

export type LayoutName = 'dagre' | 'elk';
/**
 * How a big map was made readable or drawable: `kinds` merges stores of one kind into one node,
 * `summary` draws services only, each listing its stores, `too-large` draws nothing (filter to see a part).
 */
export type Collapse = 'none' | 'kinds' | 'summary' | 'too-large';

export interface ViewParams {
  folder: string;
  filter?: ViewFilter;
}

export interface ViewResult {
  status: FolderStatus;
  /** Every service and store kind of the (unfiltered) map, for the filters; absent before the first analysis. */
  services?: ServiceSummary[];
  storeKinds?: Array<{ kind: string; label: string }>;
  /** Mermaid text of the filtered, possibly collapsed view; absent when `collapse` is `too-large`. */
  mermaid?: string;
  /** Mermaid node ids ↔ services and stores of the view (collapsed stores get ids starting with `*`). */
  ids?: MermaidIds;
  layout: LayoutName;
  collapse: Collapse;
  /** Nodes and edges of the filtered view before collapsing. */
  nodes: number;
  edges: number;
  /** One sentence for the panel when the view was collapsed or is too large. */
  note?: string;
  /** Set while the folder is compared with a branch: the Mermaid is then the change, and these are its lines. */
  compare?: CompareInfo;
}

/**
 * What a comparison found, each marked in words and an icon, not colour alone: `added` (new in this
 * branch), `removed` (gone, at its place on the base), `already-broken` (a claim broken on the base too:
 * not this change's doing), `broken-by-change`, `fixed-by-change`.
 */
export type CompareChange = 'added' | 'removed' | 'already-broken' | 'broken-by-change' | 'fixed-by-change';

export interface CompareItem {
  change: CompareChange;
  /** `store-access`, `broken-claim`, or a hazard kind. */
  rule: string;
  /** The service's name. */
  service: string;
  /** `writes Redis: incr orders:count`, or the hazard's message. */
  text: string;
  /** `services/orders-api/src/server.ts:25`, with ` (base)` for removed ones. */
  where?: string;
  /** Where to open it in the working tree (absent for what is only on the base). */
  uri?: string;
  range?: Range;
}

/** A comparison of the working tree with the merge base of a ref: what `state-map diff <ref>` reports. */
export interface CompareInfo {
  /** The ref asked for (`main`). */
  ref: string;
  /** What was compared with: `main`, or `main (merge base 1a2b3c4)`. */
  base: string;
  head: string;
  counts: { added: number; removed: number; alreadyBroken: number; brokenByChange: number };
  items: CompareItem[];
  /** The map version compared: an edit since makes the comparison older than the code. */
  version: number;
}

export interface CompareParams extends WorkDoneProgressParams {
  folder: string;
  ref: string;
}

export interface BranchList {
  /** Local branches, most recently committed first. */
  branches: string[];
  /** What to offer first: the upstream of the checked-out branch, else `main`, else `master`. */
  default?: string;
  /** The checked-out branch (undefined when detached). */
  current?: string;
}

export interface LocationsParams {
  folder: string;
  target: Target;
}

/** One piece of evidence, ready for a quick pick and `showTextDocument`. */
export interface Evidence {
  uri: string;
  range: Range;
  /** `routes.ts:15  hset cart:*` */
  label: string;
  /** `write · ioredis · @shop/cart-api → Redis` */
  detail: string;
  /** `services/cart-api/src/routes.ts` */
  description: string;
}

export interface ServiceSummary {
  id: string;
  name: string;
  verdict: StateMap['services'][number]['verdict'];
  honest: boolean | null;
  claim: boolean | null;
}

export interface FileInfo {
  /** The folder the file belongs to, when it is in one the server knows. */
  folder?: string;
  status?: FolderStatus;
  service?: ServiceSummary;
}

/** Client → server: the status of every workspace folder (the panel's folder picker, the status bar). */
export const FoldersRequest = new RequestType0<FolderStatus[], void>('stateMap/folders');

/** Client → server: a folder's map drawn as Mermaid, filtered and made drawable (the server computes, the webview draws). */
export const ViewRequest = new RequestType<ViewParams, ViewResult, void>('stateMap/view');

/** Client → server: the evidence behind a clicked service, store or edge (the panel opens one or offers a quick pick). */
export const LocationsRequest = new RequestType<LocationsParams, Evidence[], void>('stateMap/locations');

/** Client → server: analyze a folder (or every folder) again from scratch; resolves with the new statuses. */
export const RefreshRequest = new RequestType<{ folder?: string }, FolderStatus[], void>('stateMap/refresh');

/** Client → server: stop indexing a folder (or every folder); the last map stays. VS Code shows server progress without a Cancel button. */
export const CancelRequest = new RequestType<{ folder?: string }, void, void>('stateMap/cancel');

/** Client → server: a folder's map as the CLI's Markdown report (Export as Markdown). */
export const MarkdownRequest = new RequestType<{ folder: string }, { markdown: string }, void>('stateMap/markdown');

/** Client → server: the folder and service a file belongs to (the status bar follows the active editor). */
export const FileInfoRequest = new RequestType<{ uri: string }, FileInfo, void>('stateMap/fileInfo');

/**
 * Client → server: compare a folder's working tree with the merge base of a ref (Compare with Branch);
 * the panel's view then draws the change and hovers say what is new. Fails with a message a person can
 * act on when the folder is not in a git repository or the ref does not exist. Cancellable; reports
 * progress on `workDoneToken`.
 */
export const CompareRequest = new RequestType<CompareParams, CompareInfo, void>('stateMap/compare');

/** Client → server: stop comparing a folder (the panel's "Back to the map", or the panel closed). */
export const CompareEndRequest = new RequestType<{ folder: string }, void, void>('stateMap/compareEnd');

/** Client → server: a folder's local git branches and the one to offer first (Compare with Branch's quick pick). */
export const BranchesRequest = new RequestType<{ folder: string }, BranchList, void>('stateMap/branches');

/** Server → client: a folder's indexing started, progressed, finished or failed (status bar, panel empty states). */
export const StatusNotification = new NotificationType<FolderStatus>('stateMap/status');

/** Server → client: a folder's map changed after an edit or a refresh (the panel redraws, keeping zoom). */
export const MapChangedNotification = new NotificationType<{ folder: string; version: number }>('stateMap/mapChanged');

/** A service in the outline (the tree view): its summary, kind and the words of its claim. */
export interface OutlineService extends ServiceSummary {
  kind: string;
  /** Where the claim was read and what it says (`README.md:3 "This service is stateless"`), when there is one. */
  claimSource?: string;
}

export interface OutlineStore {
  id: string;
  kind: string;
  label: string;
  /** The catalog's family of the kind (`sql`, `cache`, `messaging`, `local`…): the tree's icon. */
  family: string;
}

export interface OutlineEdge {
  service: string;
  store: string;
  access: 'read' | 'write' | 'readwrite';
  /** How many places in the code. */
  places: number;
}

export interface OutlineHazard {
  service: string;
  kind: string;
  message: string;
  /** The declaration or call the hazard points at, then the places that change its state. */
  places: Evidence[];
}

/** A folder's map as lists, for a tree: what `stateMap/outline` answers (no map yet: the status only). */
export interface Outline {
  status: FolderStatus;
  services: OutlineService[];
  stores: OutlineStore[];
  edges: OutlineEdge[];
  hazards: OutlineHazard[];
}

/** Client → server: a folder's services, stores, edges and hazards as lists (the State Map tree view). */
export const OutlineRequest = new RequestType<{ folder: string }, Outline, void>('stateMap/outline');

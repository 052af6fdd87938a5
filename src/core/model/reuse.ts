// A long-lived session models again only the services an edit changed: a one-line change in one
// service of twenty leaves nineteen services' edges, hazards and verdicts as they were. What a service's
// model is made of is compared, not assumed: the whole workspace's parts once (the discovery, every
// file's imports, the instances of each store kind, the event logs, CDK function paths), then per
// service its files, operations with their final kinds, hazards and the stores it reaches through calls.
import type { Workspace } from '../discover';
import type { FileFacts } from '../facts';
import type { FoundHazard, FoundOp } from '../link';
import type { SqlLog } from '../places/eventLogs';
import type { Edge, Hazard, NotShown, Service, Store } from './types';

/** What one service's model was made from. */
export interface ServiceInputs {
  files: readonly FileFacts[];
  ops: readonly FoundOp[];
  kinds: readonly string[];
  hazards: readonly FoundHazard[];
  /** What it touches through other services' functions, written out. */
  through: string;
  /** A library only browser apps load (its code runs in its users' browsers). */
  browserOnly: boolean;
}

/** One service's model: its part of the map. */
export interface ServiceModel {
  service: Service;
  edges: Edge[];
  stores: Store[];
  hazards: Hazard[];
  low: Hazard[];
  /** Places found and not shown (without experimental hazards). */
  hidden: HiddenPlaces;
}

/** How many of each place a service's manifests and code gave that are drawn only with experimental hazards. */
export type HiddenPlaces = Required<NotShown>;

/** Nothing held back yet. */
export function noneHidden(): HiddenPlaces {
  return { volumes: 0, config: 0, jwtLifetimes: 0 };
}

/** The workspace-wide parts every service's model reads. */
export interface ModelGlobals {
  ws: Workspace;
  imports: ReadonlyMap<string, ReadonlySet<string>>;
  instances: ReadonlyMap<string, ReadonlySet<string>>;
  sqlLogs: readonly SqlLog[];
  cdk: readonly string[];
}

/** The services modelled by the last map of a session, and what each was made from. */
export class ModelMemo {
  private globals: ModelGlobals | undefined;
  private kept = new Map<string, { inputs: ServiceInputs; model: ServiceModel }>();
  /** How many services the last map modelled anew (the others were taken over). */
  modelled = 0;

  /** Starts a map: when a workspace-wide part changed, nothing is taken over. */
  begin(globals: ModelGlobals): void {
    if (!this.globals || !sameGlobals(this.globals, globals)) this.kept.clear();
    this.globals = globals;
    this.modelled = 0;
  }

  /** The model of this service made from the same inputs, if there is one. */
  take(id: string, inputs: ServiceInputs): ServiceModel | undefined {
    const k = this.kept.get(id);
    return k && sameInputs(k.inputs, inputs) ? k.model : undefined;
  }

  keep(id: string, inputs: ServiceInputs, model: ServiceModel): void {
    this.modelled++;
    this.kept.set(id, { inputs, model });
  }
}

function sameGlobals(a: ModelGlobals, b: ModelGlobals): boolean {
  return a.ws === b.ws && sameList(a.cdk, b.cdk, (x, y) => x === y) && sameSets(a.imports, b.imports) && sameSets(a.instances, b.instances)
    && sameList(a.sqlLogs, b.sqlLogs, (x, y) => x.target === y.target && x.what === y.what && sameOp(x.replay, y.replay) && sameList(x.appends, y.appends, sameOp));
}

function sameInputs(a: ServiceInputs, b: ServiceInputs): boolean {
  return a.through === b.through && a.browserOnly === b.browserOnly && sameList(a.files, b.files, (x, y) => x === y) && sameList(a.kinds, b.kinds, (x, y) => x === y)
    && sameList(a.ops, b.ops, sameOp) && sameList(a.hazards, b.hazards, sameHazard);
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
}

function sameSets(a: ReadonlyMap<string, ReadonlySet<string>>, b: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y === x) continue;
    if (!y || y.size !== x.size) return false;
    for (const v of x) if (!y.has(v)) return false;
  }
  return true;
}

/** Every field alike; the use by identity (the facts of a file the edit did not touch are the same objects). */
function sameOp(a: FoundOp, b: FoundOp): boolean {
  return a === b || sameFields(a, b, () => false);
}

/** Every field alike; evidence and the module-state subject by value (rules across files make them anew). */
function sameHazard(a: FoundHazard, b: FoundHazard): boolean {
  return a === b || sameFields(a, b, (x, y) => JSON.stringify(x) === JSON.stringify(y));
}

function sameFields<T extends object>(a: T, b: T, sameObject: (x: unknown, y: unknown) => boolean): boolean {
  const ka = Object.keys(a) as Array<keyof T>;
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    const x = a[k];
    const y = b[k];
    if (x !== y && !(typeof x === 'object' && x !== null && typeof y === 'object' && y !== null && k !== 'use' && sameObject(x, y))) return false;
  }
  return true;
}

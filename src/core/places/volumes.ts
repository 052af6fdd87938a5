// Facts across code and manifests: a file write whose path lies under a mount is state in that volume.
// Shared and persistent: state elsewhere, no hazard. emptyDir, one node's disk, or no mount at all: the
// local-file-write hazard stays, saying what happens to the file (lost on restart, different per replica).
import type { Val, FileFacts } from '../facts';
import type { FoundHazard, FoundOp } from '../link/types';
import type { DiscoveredService } from '../discover';
import type { Manifests } from '../discover/manifests';
import type { Hazard } from '../model/types';
import type { DeploymentPlaces, Mount } from './deployment';

const MAX_DEPTH = 8;
/** Where a path argument is in an options object (`multer({ dest })`, `diskStorage({ destination })`). */
const PATH_OPTIONS = ['dest', 'destination', 'path', 'dir', 'directory', 'filename', 'file'];
const PATH_JOINERS = new Set(['join', 'resolve', 'normalize']);

/**
 * The paths (or their leading folders) a value may be: literals, bindings of this file, environment
 * variables with the values the manifests give them, `path.join`'s first argument. Empty when unknown.
 */
export function pathsOf(v: Val | undefined, facts: FileFacts | undefined, env: ReadonlyMap<string, string[]>, depth = 0): string[] {
  if (!v || depth > MAX_DEPTH) return [];
  switch (v.k) {
    case 'str':
      if (!v.pre) return [v.s];
      // a template's known head (`/data/uploads/ ? `): its folder part
      return v.s.startsWith('/') ? [v.s.slice(0, v.s.indexOf(' ? ') >= 0 ? v.s.indexOf(' ? ') : undefined).replace(/\/[^/]*$/, '') || '/'] : [];
    case 'ref':
      return pathsOf(facts?.bindings[v.n], facts, env, depth + 1);
    case 'bound':
      return pathsOf(v.v, facts, env, depth + 1);
    case 'or': {
      // an environment variable the manifests set wins over the code's fallback: that is what runs
      const fromEnv = v.v.filter((x) => envName(x) !== undefined && env.has(envName(x)!));
      return (fromEnv.length ? fromEnv : v.v).flatMap((x) => pathsOf(x, facts, env, depth + 1));
    }
    case 'prop': {
      const name = envName(v);
      return name !== undefined ? env.get(name) ?? [] : [];
    }
    case 'call':
    case 'new': {
      if (v.f.k === 'prop' && PATH_JOINERS.has(v.f.n) && v.a.length > 0) return pathsOf(v.a[0], facts, env, depth + 1);
      return [];
    }
    case 'obj':
      for (const k of PATH_OPTIONS) if (v.p[k]) return pathsOf(v.p[k], facts, env, depth + 1);
      return [];
    default:
      return [];
  }
}

function envName(v: Val): string | undefined {
  return v.k === 'prop' && v.o.k === 'prop' && v.o.n === 'env' && v.o.o.k === 'glob' && v.o.o.n === 'process' ? v.n : undefined;
}

/** The first argument that names a path (or an options object with one). */
function pathArg(op: FoundOp, facts: FileFacts | undefined, env: ReadonlyMap<string, string[]>): string[] {
  const v = op.use.v;
  const args = v.k === 'call' || v.k === 'new' ? v.a : [];
  for (const a of args.slice(0, 2)) {
    const paths = pathsOf(a, facts, env);
    if (paths.length) return paths;
  }
  return [];
}

/** The mount a path lies under (the deepest), when one does. */
export function mountOf(paths: readonly string[], mounts: readonly Mount[]): Mount | undefined {
  let best: Mount | undefined;
  for (const p of paths) {
    for (const m of mounts) {
      const root = m.path.replace(/\/+$/, '') || '/';
      if ((p === root || p.startsWith(root === '/' ? '/' : `${root}/`)) && (!best || m.path.length > best.path.length)) best = m;
    }
  }
  return best;
}

/** How a service's file writes land: on which mount, and what becomes of their hazards. */
export interface WritePlaces {
  /** Filesystem operations (reads and writes) attributed to a mounted volume. */
  placed: Map<FoundOp, Mount>;
  /** Hazards at these places (`file:line`) are dropped: the file is on a shared, persistent volume. */
  drop: Set<string>;
  /** New messages for hazards at these places. */
  reword: Map<string, string>;
}

/** Attributes the filesystem operations of a service to its mounts. */
export function placeWrites(ops: readonly FoundOp[], facts: ReadonlyMap<string, FileFacts>, d: DeploymentPlaces): WritePlaces {
  const out: WritePlaces = { placed: new Map(), drop: new Set(), reword: new Map() };
  if (d.units.length === 0) return out;
  for (const op of ops) {
    if (op.kind !== 'filesystem') continue;
    const paths = pathArg(op, facts.get(op.file), d.env);
    if (paths.length === 0 || !paths.every((p) => p.startsWith('/'))) continue;
    const mount = mountOf(paths, d.mounts);
    const at = `${op.file}:${op.line}`;
    if (mount) out.placed.set(op, mount);
    if (op.access === 'read') continue;
    const v = mount?.store.volume;
    if (mount && v && v.persistence === 'persistent' && v.sharing === 'shared') out.drop.add(at);
    else out.reword.set(at, writeMessage(paths[0], mount, d.units));
  }
  return out;
}

function writeMessage(file: string, mount: Mount | undefined, units: readonly string[]): string {
  if (!mount) {
    return `Writes to \`${file}\`, which no volume of ${units.join(', ')} mounts: the file is on the container's own disk, lost on restart and different per replica.`;
  }
  const v = mount.store.volume!;
  const on = `Writes under \`${mount.path}\`, the ${v.source} \`${mount.name}\` of ${mount.unit}`;
  if (v.source === 'Dockerfile VOLUME') return `${on}, an anonymous volume of each container (unless one is mounted there; Kubernetes ignores the line): lost when the container is replaced, and each replica has its own.`;
  if (v.persistence === 'ephemeral') return `${on}: lost on restart, and each replica has its own.`;
  if (v.source === 'Fly volume') return `${on}: it survives restarts and deploys, but a Fly volume is the disk of one Machine: each Machine of the app has its own, and nothing copies between them (per replica).`;
  if (v.sharing === 'per-replica') return `${on}: it survives a restart, but each replica has its own claim, so replicas do not see each other's files (per replica).`;
  const why = v.source === 'hostPath' ? 'it is the disk of one node' : `it is ${v.accessModes?.join(', ') ?? 'ReadWriteOnce (no access modes found)'}`;
  return `${on}: it survives a restart, but ${why}, so replicas on other nodes do not share its files (per replica).`;
}

/** Applies the places to a service's local-file-write hazards. */
export function applyToHazards(found: readonly FoundHazard[], w: WritePlaces): FoundHazard[] {
  const out: FoundHazard[] = [];
  for (const h of found) {
    const at = `${h.file}:${h.line}`;
    if (h.kind === 'local-file-write' && w.drop.has(at)) continue;
    const message = h.kind === 'local-file-write' ? w.reword.get(at) : undefined;
    out.push(message ? { ...h, message } : h);
  }
  return out;
}

/**
 * A Deployment (or ReplicaSet, Rollout) that runs more than one replica, or is scaled by an autoscaler,
 * on a ReadWriteOnce claim: pods on a second node cannot mount it. Located at the mount in the manifest.
 */
export function rwoHazards(ds: DiscoveredService, m: Manifests, d: DeploymentPlaces): Hazard[] {
  const out: Hazard[] = [];
  for (const w of ds.runs?.workloads ?? []) {
    if (w.kind === 'StatefulSet' || w.kind === 'DaemonSet' || w.kind === 'CronJob' || w.kind === 'Job') continue;
    const hpa = m.autoscalers.find((a) => a.targetName === w.name);
    const scaled = hpa ? 'is scaled by an autoscaler' : w.replicas !== undefined && w.replicas > 1 ? `runs ${w.replicas} replicas` : undefined;
    if (!scaled) continue;
    for (const mount of d.mounts) {
      const v = mount.store.volume;
      if (mount.unit !== `${w.kind} ${w.name}` || !mount.claim || !v || v.sharing !== 'one-node' || mount.readOnly) continue;
      const modes = v.accessModes?.join(', ') ?? 'of unknown access modes (ReadWriteOnce by default)';
      out.push({
        service: ds.id, kind: 'rwo-volume-replicas', file: mount.loc.file, line: mount.loc.line, column: 1, scope: 'runtime',
        message: `${w.kind} ${w.name} ${scaled} on the claim \`${mount.claim}\`, which is ${modes}: only pods on one node can mount it, so replicas scheduled on another node cannot start, and none shares the files.`,
      });
    }
  }
  return out;
}

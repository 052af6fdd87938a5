// The volumes, configuration and secrets a service's manifests give it, as stores: each Kubernetes
// workload or compose service that runs the service contributes its mounts, env and envFrom.
import type { StoreKind } from '../../catalog';
import type { DiscoveredService } from '../discover';
import type { ComposeService, Manifests, Workload } from '../discover/manifests';
import type { PodVolume } from '../discover/manifestsPods';
import type { Location, Store, VolumeInfo } from '../model/types';

/** A place a service's files live: a mounted volume, at a path inside the container. */
export interface Mount {
  store: Store;
  path: string;
  /** The volume as the manifest names it (a pod volume, a claim, a compose volume or host path). */
  name: string;
  readOnly: boolean;
  /** The workload or compose service that mounts it, as the hazard names it (`Deployment media-api`). */
  unit: string;
  loc: Location;
  /** For a PVC: the claim's name. */
  claim?: string;
}

/** What the manifests running one service give it. */
export interface DeploymentPlaces {
  mounts: Mount[];
  /** Config and secret stores with the manifest lines that read them. */
  refs: Array<{ store: Store; loc: Location }>;
  /** Environment variables with a literal value in some manifest (`UPLOAD_DIR=/data/uploads`). */
  env: Map<string, string[]>;
  /** Units that run it, for "no volume of … mounts it". */
  units: string[];
}

/** Volume types whose files every node can reach; the rest attach to one node at a time. */
const SHARED_TYPES = new Set(['nfs', 'azureFile', 'cephfs', 'glusterfs', 'quobyte', 'portworxVolume']);

function location(file: string, line: number, operation: string, access: Location['access'], library: string): Location {
  return { file, line, column: 1, operation, access, library, scope: 'runtime' };
}

function store(kind: StoreKind, name: string, label: string, extra: Partial<Store> = {}): Store {
  return { id: `${kind}:${name}`, kind, label, ...extra };
}

/** A host path that is a device or a socket, not a folder of files: `/dev/…`, `…/docker.sock`, `/run/…sock`. */
function isDeviceOrSocket(hostPath: string): boolean {
  return /^\/dev(\/|$)/.test(hostPath) || /\.sock$/.test(hostPath);
}

/**
 * A mount over the container's installed packages (`/srv/backend/node_modules`, a pnpm store, a virtualenv, a bundle's
 * `vendor`): kept apart so that a bind mount of the code does not hide them; dependencies, not data the service keeps.
 */
function isDependencyDir(containerPath: string): boolean {
  return /(^|\/)(node_modules|\.pnpm-store|\.venv|venv|site-packages|vendor\/bundle)\/?$/.test(containerPath);
}

/** A compose container that runs tests: from a compose file named for tests or CI, or Docker Hub's autotest `sut`. */
function isTestContainer(c: { name: string; file: string }): boolean {
  const base = c.file.slice(c.file.lastIndexOf('/') + 1).toLowerCase();
  return c.name === 'sut' || /(^|[._-])(test|tests|testing|ci|e2e|spec|specs)([._-]|$)/.test(base.replace(/\.ya?ml$/, ''));
}

/** The stores a Kubernetes pod volume is: a volume, or a ConfigMap/Secret mounted as files. */
function podVolumeStore(v: PodVolume, w: Workload, m: Manifests): { store: Store; claim?: string } {
  const named = (kind: 'ConfigMap' | 'Secret', name: string) => m.named.find((n) => n.kind === kind && n.name === name);
  if ((v.type === 'configMap' || v.type === 'secret') && v.ref) {
    const kind = v.type === 'configMap' ? 'ConfigMap' : 'Secret';
    const decl = named(kind, v.ref);
    return { store: store(v.type === 'configMap' ? 'config' : 'secret', v.ref, `${kind} ${v.ref}`, decl ? { declared: { file: decl.file, line: decl.line } } : {}) };
  }
  if (v.type === 'persistentVolumeClaim' && v.ref) {
    const claim = m.claims.find((c) => c.name === v.ref);
    const modes = claim?.accessModes ?? [];
    const shared = modes.includes('ReadWriteMany') || (modes.length > 0 && modes.every((x) => x === 'ReadOnlyMany'));
    const volume: VolumeInfo = {
      source: 'persistentVolumeClaim', persistence: 'persistent', sharing: shared ? 'shared' : 'one-node',
      ...(modes.length ? { accessModes: modes } : {}), ...(claim?.storageClass ? { storageClass: claim.storageClass } : {}),
    };
    const label = `PVC ${v.ref} · ${modes.length ? modes.join(', ') : 'access modes not found'}`;
    return { store: store('volume', v.ref, label, { volume, ...(claim ? { declared: { file: claim.file, line: claim.line } } : {}) }), claim: v.ref };
  }
  const template = w.pod?.claimTemplates.find((t) => t.name === v.name);
  if (template) {
    const volume: VolumeInfo = { source: 'volumeClaimTemplate', persistence: 'persistent', sharing: 'per-replica', ...(template.accessModes.length ? { accessModes: template.accessModes } : {}), ...(template.storageClass ? { storageClass: template.storageClass } : {}) };
    return { store: store('volume', `${w.name}/${v.name}`, `PVC ${v.name} · one per replica of ${w.name}`, { volume, declared: { file: template.file, line: template.line } }) };
  }
  const id = `${w.name}/${v.name}`;
  if (v.type === 'emptyDir') {
    return { store: store('volume', id, `emptyDir ${v.name} · ${w.name}`, { volume: { source: 'emptyDir', persistence: 'ephemeral', sharing: 'per-replica' } }) };
  }
  if (v.type === 'hostPath') {
    return { store: store('volume', id, `hostPath ${v.ref ?? v.name} · ${w.name}`, { volume: { source: 'hostPath', persistence: 'persistent', sharing: 'one-node' } }) };
  }
  return { store: store('volume', id, `${v.type} ${v.name} · ${w.name}`, { volume: { source: v.type, persistence: 'persistent', sharing: SHARED_TYPES.has(v.type) ? 'shared' : 'one-node' } }) };
}

function addEnv(env: Map<string, string[]>, name: string, value: string): void {
  const list = env.get(name) ?? [];
  if (!list.includes(value)) list.push(value);
  env.set(name, list);
}

/** The volumes, config and secrets of a service, from the workloads and compose services that run it. */
export function deploymentPlaces(ds: DiscoveredService, m: Manifests, isRepositoryCode: (hostPath: string) => boolean = () => false): DeploymentPlaces {
  const out: DeploymentPlaces = { mounts: [], refs: [], env: new Map(), units: [] };
  const decl = (kind: 'ConfigMap' | 'Secret', name: string): Partial<Store> => {
    const d = m.named.find((n) => n.kind === kind && n.name === name);
    return d ? { declared: { file: d.file, line: d.line } } : {};
  };
  const configRef = (kind: 'ConfigMap' | 'Secret', name: string, loc: Location) =>
    out.refs.push({ store: store(kind === 'ConfigMap' ? 'config' : 'secret', name, `${kind} ${name}`, decl(kind, name)), loc });
  for (const w of ds.runs?.workloads ?? []) {
    const unit = `${w.kind} ${w.name}`;
    out.units.push(unit);
    const pod = w.pod;
    if (!pod) continue;
    for (const e of pod.env) {
      if (e.value !== undefined) addEnv(out.env, e.name, e.value);
      if (e.configMap) configRef('ConfigMap', e.configMap, location(w.file, e.line, `env ${e.name}`, 'read', 'kubernetes'));
      if (e.secret) configRef('Secret', e.secret, location(w.file, e.line, `env ${e.name}`, 'read', 'kubernetes'));
    }
    for (const e of pod.envFrom) {
      if (e.configMap) configRef('ConfigMap', e.configMap, location(w.file, e.line, 'envFrom', 'read', 'kubernetes'));
      if (e.secret) configRef('Secret', e.secret, location(w.file, e.line, 'envFrom', 'read', 'kubernetes'));
    }
    for (const mt of pod.mounts) {
      const v = pod.volumes.find((x) => x.name === mt.volume) ?? (pod.claimTemplates.some((t) => t.name === mt.volume) ? { name: mt.volume, type: 'volumeClaimTemplate', line: mt.line } : undefined);
      if (!v) continue;
      // a device (`/dev/ttyUSB0`, a serial stick) or a socket (`/var/run/docker.sock`) handed to the container: hardware
      // and a channel to a daemon, not files the service keeps
      if ((v.type === 'hostPath' && v.ref && isDeviceOrSocket(v.ref)) || isDependencyDir(mt.path)) continue;
      const { store: st, claim } = podVolumeStore(v, w, m);
      const loc = location(w.file, mt.line, `mount ${mt.path}`, mt.readOnly || st.kind !== 'volume' ? 'read' : 'readwrite', 'kubernetes');
      if (st.kind === 'volume') out.mounts.push({ store: st, path: mt.path, name: claim ?? v.name, readOnly: mt.readOnly, unit, loc, ...(claim ? { claim } : {}) });
      else out.refs.push({ store: st, loc });
    }
  }
  const composed = ds.runs?.compose ?? [];
  for (const c of composed) {
    // a development twin of a container that runs the same service (`NODE_ENV=development`, `command: pnpm run dev`):
    // its live-reload mounts and settings are the developer's, not the service's
    if (isDevelopmentTwin(c) && composed.some((x) => x !== c && !isDevelopmentTwin(x))) continue;
    // a container that runs the tests (`docker-compose.test.yml`, Docker Hub's autotest `sut`): what it mounts is the
    // test run's, not the service's
    if (isTestContainer(c)) continue;
    const unit = `compose service ${c.name}`;
    out.units.push(unit);
    const p = c.places;
    if (!p) continue;
    for (const [k, v] of Object.entries(p.environment)) addEnv(out.env, k, v);
    for (const mt of p.mounts) {
      // the service's own code mounted over the image for live reload (`./result:/usr/local/app`): code, not state
      if (mt.bind && mt.source && isCodeOf(mt.source, ds.root)) continue;
      // a file or folder of the repository's code mounted the same way, piece by piece (`./services/api/src`,
      // `./package.json`, `./webapps/landlord/locales` in a development compose file): code and its content, not state
      if (mt.bind && mt.source && isRepositoryCode(mt.source)) continue;
      if (mt.bind && mt.source && isDeviceOrSocket(mt.source)) continue;
      if (isDependencyDir(mt.path)) continue;
      const st = mt.bind
        ? store('volume', mt.source ?? mt.path, `bind mount ${/^[~/]/.test(mt.source ?? '') ? mt.source : `./${mt.source}`}`, { volume: { source: 'bind mount', persistence: 'persistent', sharing: 'shared' } })
        : mt.source
          ? store('volume', mt.source, `volume ${mt.source}`, { volume: { source: 'named volume', persistence: 'persistent', sharing: 'shared' } })
          : store('volume', `${c.name}:${mt.path}`, `anonymous volume ${mt.path} · ${c.name}`, { volume: { source: 'anonymous volume', persistence: 'ephemeral', sharing: 'per-replica' } });
      out.mounts.push({ store: st, path: mt.path, name: mt.source ?? mt.path, readOnly: mt.readOnly, unit, loc: location(c.file, mt.line, `mount ${mt.path}`, mt.readOnly ? 'read' : 'readwrite', 'compose') });
    }
    for (const f of p.envFiles) out.refs.push({ store: store('config', f.path, `env_file ${f.path}`), loc: location(c.file, f.line, 'env_file', 'read', 'compose') });
    for (const s of p.secrets) out.refs.push({ store: store('secret', s.name, `Secret ${s.name}`), loc: location(c.file, s.line, `secret ${s.name}`, 'read', 'compose') });
  }
  // a Fly volume mounted where the image declares a VOLUME is the Fly volume: read before the Dockerfile
  const fly = ds.fly;
  if (fly) {
    const unit = `Fly app ${fly.app ?? ds.name}`;
    out.units.push(unit);
    for (const e of fly.env) addEnv(out.env, e.name, e.value);
    for (const mt of fly.mounts) {
      const st = store('volume', `fly:${fly.app ?? ds.root}:${mt.source}`, `Fly volume ${mt.source} · one per Machine`, { volume: { source: 'Fly volume', persistence: 'persistent', sharing: 'per-replica' }, declared: { file: fly.file, line: mt.line } });
      out.mounts.push({ store: st, path: mt.path, name: mt.source, readOnly: false, unit, loc: location(fly.file, mt.line, `mount ${mt.path}`, 'readwrite', 'fly') });
    }
  }
  const image = ds.dockerfile;
  if (image) {
    for (const e of image.env) addEnv(out.env, e.name, e.value);
    if (image.volumes.length > 0 && !out.units.includes(image.file)) out.units.push(image.file);
    // `VOLUME /data`: Docker gives each container an anonymous volume there, unless a manifest mounts one (Kubernetes
    // ignores the line: the container's own disk). Either way each replica has its own, gone with its container.
    for (const v of image.volumes) {
      if (out.mounts.some((m) => m.path === v.path || v.path.startsWith(`${m.path}/`))) continue;
      const st = store('volume', `${ds.root}:${v.path}`, `VOLUME ${v.path} · ${image.file}`, { volume: { source: 'Dockerfile VOLUME', persistence: 'ephemeral', sharing: 'per-replica' }, declared: { file: image.file, line: v.line } });
      out.mounts.push({ store: st, path: v.path, name: v.path, readOnly: false, unit: image.file, loc: location(image.file, v.line, `VOLUME ${v.path}`, 'readwrite', 'dockerfile') });
    }
  }
  return out;
}

/** A compose service that runs its code for development: `NODE_ENV=development`, or a `dev`/`watch` script as its command. */
function isDevelopmentTwin(c: ComposeService): boolean {
  return c.places?.environment.NODE_ENV === 'development' || /(^|[\s:])(dev|watch|start:dev)(\s|$)/.test(c.command ?? '') || /\b(nodemon|ts-node-dev|tsx watch|next dev|vite)\b/.test(c.command ?? '');
}

/**
 * Folders a repository keeps content of its code in (translations, page templates, views). Not `public` or `assets`:
 * an app may well save its uploads there.
 */
const CODE_CONTENT = /^(locales?|i18n|translations|templates|views)$/;
/** Files that configure a package's build rather than hold its data. */
const PROJECT_FILE = /^(package\.json|(ts|js)config(\.[\w-]+)?\.json|components\.json|[\w.-]+\.config\.(c|m)?[jt]s|\.babelrc|\.eslintrc(\.\w+)?|(yarn|pnpm-lock|package-lock)\.(lock|yaml|json))$/;

/**
 * A host path of the repository that holds its code: a source file or a folder with source files in it, a package's
 * build configuration (`package.json`, `tsconfig.json`, `next.config.js`), or a folder of the code's content
 * (`locales`, `templates`) beside it. `sources` are the workspace's source files.
 */
export function repositoryCode(sources: readonly string[]): (hostPath: string) => boolean {
  const code = new Set(sources);
  const holding = new Set<string>();
  for (const f of sources) for (let i = f.lastIndexOf('/'); i > 0; i = f.lastIndexOf('/', i - 1)) holding.add(f.slice(0, i));
  return (hostPath) => {
    const p = hostPath.replace(/^\.\//, '').replace(/\/+$/, '');
    if (p === '' || p.startsWith('/') || p.startsWith('~') || p.startsWith('..')) return false;
    const base = p.slice(p.lastIndexOf('/') + 1);
    if (holding.has(p) || code.has(p) || PROJECT_FILE.test(base)) return true;
    return CODE_CONTENT.test(base) && holding.has(p.slice(0, Math.max(0, p.lastIndexOf('/'))));
  };
}

/** A host folder that is the service's own folder or holds it (the repository): the source code, not a store. */
function isCodeOf(source: string, root: string): boolean {
  const src = source.replace(/\/+$/, '') || '.';
  return src === '.' || src === root || root.startsWith(`${src}/`);
}

// What a manifest says about where a runtime unit keeps files and reads configuration: a Kubernetes pod
// spec's volumes, mounts, env and envFrom; PersistentVolumeClaims, ConfigMaps and Secrets; a compose
// service's volumes, env_file and secrets. Only literal values count: a value that is not a string (a
// template left in, a number where a name was meant) is skipped, never guessed.

/** The line of the key at a path of keys from the document's root. */
export type LineOf = (keys: (string | number)[]) => number;

export interface PodVolume {
  name: string;
  /** The Kubernetes volume type: `persistentVolumeClaim`, `emptyDir`, `hostPath`, `configMap`, `secret`, … */
  type: string;
  /** The claim, ConfigMap or Secret it names, or the host path. */
  ref?: string;
  line: number;
}

export interface PodMount {
  volume: string;
  path: string;
  readOnly: boolean;
  container: string;
  line: number;
}

/** One environment variable, with its literal value or the ConfigMap/Secret it comes from. */
export interface PodEnv {
  name: string;
  value?: string;
  configMap?: string;
  secret?: string;
  line: number;
}

export interface PodPlaces {
  volumes: PodVolume[];
  mounts: PodMount[];
  env: PodEnv[];
  /** `envFrom`: every key of a ConfigMap or Secret becomes a variable. */
  envFrom: Array<{ configMap?: string; secret?: string; line: number }>;
  /** A StatefulSet's volumeClaimTemplates: each replica gets its own claim. */
  claimTemplates: ClaimDecl[];
}

export interface ClaimDecl {
  name: string;
  accessModes: string[];
  storageClass?: string;
  file: string;
  line: number;
}

export interface NamedDecl {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  file: string;
  line: number;
}

/** A compose service's volumes, env files and secrets. */
export interface ComposePlaces {
  /** `source` is a named volume, or a host path for a bind mount (posix, relative to the workspace root when it was relative). */
  mounts: Array<{ source?: string; bind: boolean; path: string; readOnly: boolean; line: number }>;
  envFiles: Array<{ path: string; line: number }>;
  secrets: Array<{ name: string; line: number }>;
  environment: Record<string, string>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Where the pod spec is in a workload of this kind. */
export function podPath(kind: string): string[] {
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return ['spec', 'template', 'spec'];
}

/** The pod spec of a workload as read by `toJS`. */
export function podSpecOf(js: Obj, kind: string): Obj {
  let node: unknown = js;
  for (const k of podPath(kind)) node = obj(node)[k];
  return obj(node);
}

/** Volumes, mounts and environment of a workload's pod spec (environment of all its containers, init containers too; mounts of the containers that run). */
export function readPod(js: Obj, kind: string, rel: string, lineOf: LineOf): PodPlaces {
  const at = podPath(kind);
  const pod = podSpecOf(js, kind);
  const out: PodPlaces = { volumes: [], mounts: [], env: [], envFrom: [], claimTemplates: [] };
  list(pod.volumes).forEach((raw, i) => {
    const v = obj(raw);
    const name = str(v.name);
    if (!name) return;
    const type = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
    const spec = obj(v[type]);
    const ref = str(spec.claimName) ?? str(spec.name) ?? str(spec.secretName) ?? str(spec.path);
    out.volumes.push({ name, type, ...(ref ? { ref } : {}), line: lineOf([...at, 'volumes', i]) });
  });
  for (const group of ['initContainers', 'containers']) {
    list(pod[group]).forEach((raw, ci) => {
      const c = obj(raw);
      const container = str(c.name) ?? '';
      const here = [...at, group, ci];
      // an init container's mounts (a migration's scratch space) are not where the service's code reads and writes
      if (group === 'containers') list(c.volumeMounts).forEach((m, i) => {
        const mount = obj(m);
        const volume = str(mount.name);
        const mountPath = str(mount.mountPath);
        if (volume && mountPath) out.mounts.push({ volume, path: mountPath, readOnly: mount.readOnly === true, container, line: lineOf([...here, 'volumeMounts', i]) });
      });
      list(c.env).forEach((e, i) => {
        const env = obj(e);
        const name = str(env.name);
        if (!name) return;
        const from = obj(env.valueFrom);
        const configMap = str(obj(from.configMapKeyRef).name);
        const secret = str(obj(from.secretKeyRef).name);
        const value = typeof env.value === 'string' ? env.value : undefined;
        out.env.push({ name, ...(value !== undefined ? { value } : {}), ...(configMap ? { configMap } : {}), ...(secret ? { secret } : {}), line: lineOf([...here, 'env', i]) });
      });
      list(c.envFrom).forEach((e, i) => {
        const ef = obj(e);
        const configMap = str(obj(ef.configMapRef).name);
        const secret = str(obj(ef.secretRef).name);
        if (configMap || secret) out.envFrom.push({ ...(configMap ? { configMap } : {}), ...(secret ? { secret } : {}), line: lineOf([...here, 'envFrom', i]) });
      });
    });
  }
  list(obj(js.spec).volumeClaimTemplates).forEach((raw, i) => {
    const t = obj(raw);
    const name = str(obj(t.metadata).name);
    if (name) out.claimTemplates.push({ ...claimSpec(obj(t.spec)), name, file: rel, line: lineOf(['spec', 'volumeClaimTemplates', i]) });
  });
  return out;
}

function claimSpec(spec: Obj): { accessModes: string[]; storageClass?: string } {
  const storageClass = str(spec.storageClassName);
  return { accessModes: list(spec.accessModes).filter((m): m is string => typeof m === 'string'), ...(storageClass ? { storageClass } : {}) };
}

/** A PersistentVolumeClaim: its access modes and storage class. */
export function readClaim(js: Obj, rel: string, lineOf: LineOf): ClaimDecl | undefined {
  const name = str(obj(js.metadata).name);
  if (!name) return undefined;
  return { ...claimSpec(obj(js.spec)), name, file: rel, line: lineOf(['kind']) };
}

/** A ConfigMap or Secret: its name and where it is declared. */
export function readNamed(js: Obj, kind: 'ConfigMap' | 'Secret', rel: string, lineOf: LineOf): NamedDecl | undefined {
  const name = str(obj(js.metadata).name);
  return name ? { kind, name, file: rel, line: lineOf(['kind']) } : undefined;
}

/**
 * A compose service's `volumes` (short `source:target[:mode]` or long syntax), `env_file`, `secrets` and
 * `environment`. `join` makes a host path relative to the compose file's folder into a workspace path.
 */
export function readComposePlaces(svc: Obj, name: string, lineOf: LineOf, join: (p: string) => string): ComposePlaces {
  const here = ['services', name];
  const out: ComposePlaces = { mounts: [], envFiles: [], secrets: [], environment: {} };
  list(svc.volumes).forEach((raw, i) => {
    const line = lineOf([...here, 'volumes', i]);
    if (typeof raw === 'string') {
      const parts = raw.split(':');
      // `/var/lib/data` alone is an anonymous volume: lost with the container
      if (parts.length === 1) return void out.mounts.push({ bind: false, path: parts[0], readOnly: false, line });
      const [source, target, mode] = parts;
      const bind = /^[./~]/.test(source);
      out.mounts.push({ source: bind ? hostPath(source, join) : source, bind, path: target, readOnly: /\bro\b/.test(mode ?? ''), line });
      return;
    }
    const v = obj(raw);
    const target = str(v.target);
    if (!target) return;
    const source = str(v.source);
    const bind = v.type === 'bind';
    out.mounts.push({ ...(source ? { source: bind ? hostPath(source, join) : source } : {}), bind, path: target, readOnly: v.read_only === true, line });
  });
  const envFiles = typeof svc.env_file === 'string' ? [svc.env_file] : list(svc.env_file);
  envFiles.forEach((raw, i) => {
    const p = str(raw) ?? str(obj(raw).path);
    if (p) out.envFiles.push({ path: join(p), line: lineOf(typeof svc.env_file === 'string' ? [...here, 'env_file'] : [...here, 'env_file', i]) });
  });
  list(svc.secrets).forEach((raw, i) => {
    const s = str(raw) ?? str(obj(raw).source);
    if (s) out.secrets.push({ name: s, line: lineOf([...here, 'secrets', i]) });
  });
  if (Array.isArray(svc.environment)) {
    for (const e of svc.environment) {
      const m = typeof e === 'string' ? /^([^=]+)=(.*)$/.exec(e) : null;
      if (m) out.environment[m[1]] = m[2];
    }
  } else {
    for (const [k, v] of Object.entries(obj(svc.environment))) if (typeof v === 'string') out.environment[k] = v;
  }
  return out;
}

function hostPath(source: string, join: (p: string) => string): string {
  return /^[~/]/.test(source) ? source : join(source);
}

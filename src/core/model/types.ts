import type { Access, HazardKind, StoreFamily, StoreKind } from '../../catalog';

/**
 * The StateMap JSON contract (`--format json`, schemaVersion 1). Paths are relative to `root`, posix;
 * lines and columns are 1-based. Fields may be added; none is renamed or removed.
 */
export interface StateMap {
  schemaVersion: 1;
  root: string;
  services: Service[];
  stores: Store[];
  edges: Edge[];
  hazards: Hazard[];
  /**
   * Hazards a rule reports with low confidence (check-then-act whose store target is unknown on both
   * sides, or whose write changes none of the fields tested): kept for review, out of the map, the
   * verdicts, diagnostics and `check`. Present only when there are some.
   */
  lowConfidenceHazards?: Hazard[];
  problems: Problem[];
  /**
   * What was found and is shown only with experimental hazards, as it was right less often than 9 times in 10 on fresh
   * real repositories (docs/accuracy.md): how many volumes, ConfigMaps or Secrets, and JWT lifetimes. Present only
   * when some were found and experimental hazards are off.
   */
  notShown?: NotShown;
}

export interface NotShown {
  volumes?: number;
  /** ConfigMaps and Secrets (also compose `env_file` and secrets). */
  config?: number;
  jwtLifetimes?: number;
}

export type ServiceKind = 'http-server' | 'worker' | 'lambda' | 'frontend' | 'cli' | 'library' | 'unknown';
export type Verdict = 'stateless' | 'state-elsewhere' | 'in-process-state';

export interface Service {
  /** Stable: the root, posix, `.` for the workspace root. */
  id: string;
  name: string;
  root: string;
  kind: ServiceKind;
  claim: Claim;
  verdict: Verdict;
  /** Whether the claim holds; null when there is no claim. */
  honest: boolean | null;
  /**
   * What starts it: files (or a framework's glob of files) whose import closure is its runtime code.
   * Empty when none was found: then every file of the service counts (and `problems` says so).
   */
  entries?: ServiceEntry[];
}

export interface ServiceEntry {
  /** A source file, or a glob of the files a framework runs by convention (`apps/web/{src/,}{app,pages}/**`). */
  path: string;
  /** What names it: `package.json scripts.start: node dist/main.js`, `Dockerfile: node server.js`, `Next.js app/ and pages/`. */
  from: string;
}

/**
 * `runtime`: code that runs in a service (the import closure of its entries). `tooling`: code in no
 * service's closure (build and release scripts, bundler configs, seeds): kept in the JSON, left out of the
 * map, the verdicts, diagnostics and `check`.
 */
export type Scope = 'runtime' | 'tooling';

export type ClaimSourceKind = 'readme' | 'comment' | 'package.json' | 'config' | 'kubernetes' | 'compose' | 'serverless' | 'implicit';

export interface ClaimSource {
  kind: ClaimSourceKind;
  file: string;
  line: number;
  text: string;
  /** What this source says on its own (sources can disagree; the strongest wins). */
  stateless?: boolean;
}

export interface Claim {
  /** true: claims to be stateless; false: claims to be stateful; null: no claim found. */
  stateless: boolean | null;
  sources: ClaimSource[];
}

export interface Store {
  id: string;
  kind: StoreKind;
  /** The kind's family (`object` for `s3`, `gcs` and `azure-blob`): readers that group kinds need not know each one. */
  family?: StoreFamily;
  label: string;
  /** How this store was told apart from others of its kind (an env var, a host, a URL), when it was. */
  instance?: string;
  /** For a `volume`: what it is, whether it survives a restart and whether replicas share it. */
  volume?: VolumeInfo;
  /** For a `volume`, `config` or `secret`: the manifest line that declares it, when one does. */
  declared?: { file: string; line: number };
}

/** A volume a manifest mounts into a service's containers. */
export interface VolumeInfo {
  /** `persistentVolumeClaim`, `volumeClaimTemplate`, `emptyDir`, `hostPath`, `named volume` (compose), `bind mount` (compose), `Dockerfile VOLUME`, `Fly volume` (fly.toml), or another Kubernetes volume type. */
  source: string;
  /** `persistent`: survives a restart of the container or pod; `ephemeral`: lost with it. */
  persistence: 'persistent' | 'ephemeral';
  /** `shared`: every replica sees the same files; `one-node`: only replicas on one node (ReadWriteOnce, hostPath); `per-replica`: each has its own. */
  sharing: 'shared' | 'one-node' | 'per-replica';
  accessModes?: string[];
  storageClass?: string;
}

export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The operation as written (`get`, `seat.update`, `SELECT`). */
  operation: string;
  access: Access;
  /** The catalog entry that recognised it. */
  library: string;
  /** Table, collection, key prefix, topic, bucket or host, when the code says. */
  target?: string;
  /** Always written by the analysis; absent (older maps, hand-made ones) means `runtime`. */
  scope?: Scope;
}

export interface Edge {
  service: string;
  store: string;
  access: Access;
  locations: Location[];
  /** Always written by the analysis (absent means `runtime`). `tooling` when every location is tooling code; its access is then theirs, else the runtime locations'. */
  scope?: Scope;
  /** On a `jwt` edge: the tokens' lifetime and how (or whether) a token can be revoked before it expires. */
  jwt?: JwtFacts;
  /** Records kept so that a retry or a redelivery does nothing twice (idempotency keys, processed messages). */
  records?: DedupeRecord[];
  /** This edge reads or writes an event log: an append-only table or topic that a reader replays. */
  eventLog?: EventLog;
}

export interface JwtFacts {
  /**
   * From `expiresIn`, `exp` or `setExpirationTime`, in seconds, with where it is set; absent when no sign call says.
   * `seconds` absent: the sign call sets one from a value the code does not hold (`expiresIn: config.session.maxAge`).
   */
  lifetime?: { seconds?: number; file: string; line: number };
  /**
   * The check next to verification, or null when none was found (a revoked user keeps access until expiry).
   * Only with experimental hazards: on real repositories (truth set 8) it was right 2 times in 8, so by
   * default it is absent (not judged).
   */
  revocation?: { mechanism: 'deny-list' | 'token-version' | 'session'; store: string; target?: string; file: string; line: number } | null;
}

export interface DedupeRecord {
  /** `idempotency-key`: a client's key (a request header) kept with its outcome; `processed-message`: a message id kept so a redelivery is skipped. */
  kind: 'idempotency-key' | 'processed-message';
  target?: string;
  file: string;
  line: number;
}

export interface EventLog {
  /** The table or topic. */
  target: string;
  /** `log`: this edge appends to or replays the log; `projection`: this edge holds state rebuilt from the log at `from`. */
  role: 'log' | 'projection';
  /** For a projection: the store (id) and target of its log. */
  from?: { store: string; target: string };
  /** The replay: a consumer from the beginning, or a read in order. */
  replay?: { file: string; line: number; what: string };
}

export interface Hazard {
  service: string;
  kind: HazardKind;
  file: string;
  line: number;
  column: number;
  message: string;
  /** How sure: `high` and `medium` count for the map, verdicts, diagnostics and `check`; `low` is kept here only. Absent: high. */
  confidence?: 'high' | 'medium' | 'low';
  /** The path to the hazard, entry first: the handler or exported function, the calls, the change, the declaration. */
  evidence?: Array<{ file: string; line: number; what: string }>;
  /** The same hazard's other places: a service's other writes to its own disk, which are one hazard of the service. */
  also?: Array<{ file: string; line: number; column: number }>;
  /** Always written by the analysis (absent means `runtime`). */
  scope?: Scope;
}

export interface Problem {
  file: string;
  message: string;
}

/**
 * How a drawing of the map names its nodes: an id per service and per store, and the services and
 * stores of each edge in drawing order. Ids are generated, never taken from names, so any name draws.
 * Declared with the model, below both the renderer that makes it and the protocol that carries it.
 */
export interface MermaidIds {
  services: Record<string, string>;
  stores: Record<string, string>;
  /** Edge index in Mermaid's order → `service\0store`. */
  edges: Array<{ service: string; store: string }>;
}

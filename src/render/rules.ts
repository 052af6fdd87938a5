// What each rule of a finding means, for SARIF's rule descriptors and the README's "Rules" table: the
// risk, the fix, how sure the analysis is. One entry per rule: a new hazard kind needs one (a test checks).

export interface RuleHelp {
  name: string;
  short: string;
  risk: string;
  fix: string;
  tags: string[];
  precision: 'very-high' | 'high' | 'medium' | 'low';
  level: 'error' | 'warning' | 'note';
}

export const README_RULES = 'https://github.com/state-map/state-map#rules';

export const RULES: Record<string, RuleHelp> = {
  'broken-claim': {
    name: 'BrokenStatelessClaim', short: 'A service claims to be stateless but keeps state in its process.',
    risk: 'Whoever runs it trusts the claim: more replicas, rolling restarts, autoscaling. State kept in one process is then lost on restart and differs between replicas.',
    fix: 'Move the state to a store every replica shares (Redis, a database), or correct the claim (`claim: "stateful"` in statemap.config.json, the README sentence, the manifest).',
    tags: ['state', 'reliability', 'scalability'], precision: 'high', level: 'error',
  },
  contract: {
    name: 'StateContractViolation', short: 'A service touches a store or has a hazard its state contract in statemap.config.json forbids.',
    risk: 'The contract is what the team agreed this service may depend on; a new store or in-process state is a dependency nobody planned for (backups, failover, capacity).',
    fix: 'Use an allowed store, or, if the change is intended, add the store to `allowedStores` (or remove the kind from `forbidHazards`) in statemap.config.json in the same change, so the review sees it.',
    tags: ['state', 'architecture'], precision: 'high', level: 'error',
  },
  'store-access': {
    name: 'StoreAccess', short: 'A read or write of a state store, new in this change.',
    risk: 'Not a defect: where state lives changed. A reviewer should know that this code now reads or writes this store.',
    fix: 'Nothing to fix; check that the store is the right one and that its owners know.',
    tags: ['state', 'review'], precision: 'high', level: 'note',
  },
  'memory-session-store': {
    name: 'MemorySessionStore', short: 'Sessions kept in process memory are lost on restart and unknown to other replicas.',
    risk: 'A user routed to another replica is logged out; a deploy logs everybody out.',
    fix: 'Give the session middleware a shared store (connect-redis, a database store).',
    tags: ['state', 'reliability'], precision: 'high', level: 'warning',
  },
  'memory-rate-limit': {
    name: 'MemoryRateLimit', short: 'A rate limit counted in process memory multiplies by the number of replicas.',
    risk: 'With N replicas a client gets N times the limit, and a restart resets it.',
    fix: 'Count in a shared store (a Redis store for the limiter).',
    tags: ['state', 'security', 'reliability'], precision: 'high', level: 'warning',
  },
  'module-mutable-state': {
    name: 'ModuleMutableState', short: 'Module-level state changed by functions differs between replicas.',
    risk: 'Each replica keeps its own copy: replicas disagree and a restart loses it.',
    fix: 'Keep the state in a shared store, or make it constant after start-up.',
    tags: ['state', 'reliability'], precision: 'medium', level: 'warning',
  },
  'in-memory-cache': {
    name: 'InMemoryCache', short: 'A per-process cache serves different data on each replica.',
    risk: 'Invalidation reaches one replica only: others serve stale data until their entries expire.',
    fix: 'Use a shared cache, or accept per-replica staleness with a short TTL and say so.',
    tags: ['state', 'consistency'], precision: 'high', level: 'warning',
  },
  'per-replica-timer': {
    name: 'PerReplicaTimer', short: 'A timer or cron job in a server runs once per replica.',
    risk: 'With N replicas the job runs N times: duplicate e-mails, double charges, contention.',
    fix: 'Run it in one worker or scheduler, or take a distributed lock around it.',
    tags: ['state', 'reliability'], precision: 'high', level: 'warning',
  },
  'socket-rooms-no-adapter': {
    name: 'SocketRoomsNoAdapter', short: 'socket.io rooms without an adapter exist only in one process.',
    risk: 'A message to a room reaches only the clients connected to the same replica.',
    fix: 'Configure an adapter (Redis, Postgres) so replicas share rooms.',
    tags: ['state', 'reliability'], precision: 'high', level: 'warning',
  },
  'local-file-write': {
    name: 'LocalFileWrite', short: 'Files written to local disk are not seen by other replicas.',
    risk: 'Another replica cannot read the file, and a new container starts without it.',
    fix: 'Write to object storage or a shared volume.',
    tags: ['state', 'reliability'], precision: 'high', level: 'warning',
  },
  'warm-instance-state': {
    name: 'WarmInstanceState', short: 'State kept between invocations of a serverless function.',
    risk: 'It lives as long as one warm instance: concurrent instances disagree and a cold start loses it.',
    fix: 'Keep it in a store, or use it only as a cache that may be empty.',
    tags: ['state', 'serverless'], precision: 'medium', level: 'warning',
  },
  'check-then-act': {
    name: 'CheckThenAct', short: 'A read, a check and a write that two concurrent requests can interleave.',
    risk: 'Both requests pass the check: duplicates, overbooking, lost updates.',
    fix: 'Use a conditional write, a unique constraint or a transaction.',
    tags: ['state', 'concurrency'], precision: 'medium', level: 'note',
  },
  'rwo-volume-replicas': {
    name: 'ReadWriteOnceVolumeReplicas', short: 'Several replicas (or an autoscaler) mount a ReadWriteOnce volume claim.',
    risk: 'Only pods on one node can mount the claim: other replicas fail to start, or each writes a disk the others never see.',
    fix: 'Use a ReadWriteMany volume or object storage, or run one replica (a StatefulSet with a claim per pod).',
    tags: ['state', 'kubernetes'], precision: 'low', level: 'warning',
  },
  'jwt-no-revocation': {
    name: 'JwtNoRevocation', short: 'The service promises to revoke access, but token verification consults no deny list, version or session.',
    risk: 'A banned user or a stolen token keeps access until the token expires.',
    fix: 'Check a deny list, a token version or a session record in a shared store when verifying, or shorten the lifetime.',
    tags: ['state', 'security'], precision: 'low', level: 'warning',
  },
  'consumer-no-dedupe': {
    name: 'ConsumerNoDedupe', short: 'A consumer of an at-least-once queue writes with no record of the messages it already handled.',
    risk: 'A redelivered message is applied twice: duplicate rows, double charges.',
    fix: 'Record processed message ids (a unique column, SET NX) or make the write idempotent.',
    tags: ['state', 'reliability'], precision: 'low', level: 'note',
  },
};

/** The rule's help, or a plain one for a rule this table does not know (a newer hazard kind). */
export function ruleHelp(id: string): RuleHelp {
  return RULES[id] ?? { name: id, short: id, risk: id, fix: 'See the README.', tags: ['state'], precision: 'medium', level: 'warning' };
}

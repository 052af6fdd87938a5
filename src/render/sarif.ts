import type { Log, ReportingDescriptor, Result } from 'sarif';
import { runtimeView } from '../core/model/view';
import { HAZARD_KINDS } from '../catalog/kinds';
import type { StateMap } from '../core/model/types';

const HAZARD_HELP: Record<string, string> = {
  'memory-session-store': 'Sessions kept in process memory are lost on restart and unknown to other replicas.',
  'memory-rate-limit': 'A rate limit counted in process memory multiplies by the number of replicas.',
  'module-mutable-state': 'Module-level state changed by functions differs between replicas.',
  'in-memory-cache': 'A per-process cache serves different data on each replica.',
  'per-replica-timer': 'A timer or cron job in a server runs once per replica.',
  'socket-rooms-no-adapter': 'socket.io rooms without an adapter exist only in one process.',
  'local-file-write': 'Files written to local disk are not seen by other replicas.',
  'warm-instance-state': 'State kept between invocations of a serverless function.',
  'check-then-act': 'A read, a check and a write that two concurrent requests can interleave.',
};

/**
 * A workspace-relative posix path as a relative URI reference (RFC 3986): each segment percent-encoded,
 * so spaces, `%`, `#`, `?`, `:` and non-ASCII names decode back to the path.
 */
export function pathUri(file: string): string {
  // encodeURIComponent throws on a lone surrogate, which a file name can hold on some systems
  return file.split('/').map((seg) => encodeURIComponent(seg.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'))).join('/');
}

/** SARIF 2.1.0: broken claims as errors, hazards as warnings (races as notes), for code-scanning UIs. */
export function renderSarif(full: StateMap, version = '0.0.0'): string {
  const map = runtimeView(full);
  const rules: ReportingDescriptor[] = [
    { id: 'broken-claim', name: 'BrokenStatelessClaim', shortDescription: { text: 'A service claims to be stateless but keeps state in its process.' }, defaultConfiguration: { level: 'error' } },
    ...HAZARD_KINDS.map((k): ReportingDescriptor => ({
      id: k, name: k.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
      shortDescription: { text: HAZARD_HELP[k] ?? k }, defaultConfiguration: { level: k === 'check-then-act' ? 'note' : 'warning' },
    })),
  ];
  const results: Result[] = [];
  for (const s of map.services) {
    if (s.honest !== false) continue;
    const src = s.claim.sources[0];
    results.push({
      ruleId: 'broken-claim', level: 'error',
      message: { text: `${s.name} claims to be ${s.claim.stateless ? 'stateless' : 'stateful'} (${src?.text ?? 'claim'}), but its verdict is ${s.verdict}.` },
      locations: src ? [{ physicalLocation: { artifactLocation: { uri: pathUri(src.file) }, region: { startLine: src.line } } }] : [],
    });
  }
  for (const h of map.hazards) {
    results.push({
      ruleId: h.kind, level: h.kind === 'check-then-act' ? 'note' : 'warning',
      message: { text: h.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathUri(h.file) }, region: { startLine: h.line, startColumn: h.column } } }],
    });
  }
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'state-map', version, informationUri: 'https://github.com/state-map/state-map', rules } }, results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

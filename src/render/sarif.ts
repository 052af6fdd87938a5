import { pathToFileURL } from 'node:url';
import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import { HAZARD_KINDS } from '../catalog/kinds';
import { findingsOf, type Finding } from '../core/findings';
import type { StateMap } from '../core/model/types';
import { README_RULES, ruleHelp } from './rules';

/**
 * A workspace-relative posix path as a relative URI reference (RFC 3986): each segment percent-encoded,
 * so spaces, `%`, `#`, `?`, `:` and non-ASCII names decode back to the path.
 */
export function pathUri(file: string): string {
  // encodeURIComponent throws on a lone surrogate, which a file name can hold on some systems
  return file.split('/').map((seg) => encodeURIComponent(seg.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'))).join('/');
}

export interface SarifOptions {
  version?: string;
  /** The findings to report (default: those of the map, without reading files). */
  findings?: Finding[];
  /** The analysed folder relative to the repository root, posix (`examples/shop`); '' or absent: the root. */
  repoPath?: string;
  /** The repository root on this machine, for `originalUriBaseIds` (absent: not stated). */
  repoRoot?: string;
  /** Store accesses are results too (a diff's new ones); by default they are not. */
  accesses?: boolean;
}

const SRCROOT = '%SRCROOT%';
const RULE_IDS = ['broken-claim', 'contract', 'store-access', ...HAZARD_KINDS];

function descriptor(id: string): ReportingDescriptor {
  const h = ruleHelp(id);
  return {
    id, name: h.name,
    shortDescription: { text: h.short },
    fullDescription: { text: `${h.short} ${h.risk}` },
    help: { text: `${h.risk} Fix: ${h.fix}`, markdown: `**${h.short}**\n\n**Risk.** ${h.risk}\n\n**Fix.** ${h.fix}\n\n[Rules in the State Map README](${README_RULES})` },
    helpUri: README_RULES,
    defaultConfiguration: { level: h.level },
    properties: { tags: h.tags, precision: h.precision },
  };
}

function location(file: string, line: number, column: number | undefined, prefix: string, message?: string, id?: number): Location {
  return {
    ...(id !== undefined ? { id } : {}),
    physicalLocation: { artifactLocation: { uri: prefix + pathUri(file), uriBaseId: SRCROOT }, region: { startLine: Math.max(1, line), ...(column ? { startColumn: Math.max(1, column) } : {}) } },
    ...(message ? { message: { text: message } } : {}),
  };
}

function result(f: Finding, ruleIndex: number, prefix: string): Result {
  return {
    ruleId: f.rule, ruleIndex, level: ruleHelp(f.rule).level,
    message: { text: f.message },
    locations: [location(f.file, f.line, f.column, prefix)],
    ...(f.related?.length ? { relatedLocations: f.related.map((r, i) => location(r.file, r.line, undefined, prefix, r.message, i + 1)) } : {}),
    // GitHub code scanning matches results across runs by these: the finding's identity, not its line
    partialFingerprints: { 'stateMapFinding/v1': f.id },
    ...(f.suppressed ? { suppressions: [{ kind: f.suppressed.by === 'inline' ? 'inSource' : 'external', status: 'accepted', justification: f.suppressed.reason }] } : {}),
    properties: { service: f.service, ...(f.store ? { store: f.store } : {}), symbol: f.symbol },
  } as Result;
}

/**
 * SARIF 2.1.0 for code scanning (GitHub's upload requirements: relative URIs against `%SRCROOT%`,
 * `partialFingerprints`, rules with help). Broken claims are errors located at the code that breaks
 * them, with the claim as a related location; hazards warnings; check-then-act notes.
 */
export function renderSarif(map: StateMap, options: SarifOptions | string = {}): string {
  const opts = typeof options === 'string' ? { version: options } : options;
  const findings = (opts.findings ?? findingsOf(map)).filter((f) => opts.accesses || f.rule !== 'store-access');
  const ids = [...new Set([...RULE_IDS.filter((r) => opts.accesses || r !== 'store-access'), ...findings.map((f) => f.rule)])];
  const index = new Map(ids.map((id, i) => [id, i]));
  const prefix = opts.repoPath ? `${opts.repoPath.split('/').filter(Boolean).map(pathUri).join('/')}/` : '';
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{
      tool: { driver: { name: 'state-map', version: opts.version ?? '0.0.0', semanticVersion: opts.version ?? '0.0.0', informationUri: 'https://github.com/state-map/state-map', rules: ids.map(descriptor) } },
      ...(opts.repoRoot ? { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(opts.repoRoot.endsWith('/') ? opts.repoRoot : `${opts.repoRoot}/`).href } } } : {}),
      columnKind: 'utf16CodeUnits',
      results: findings.map((f) => result(f, index.get(f.rule)!, prefix)),
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

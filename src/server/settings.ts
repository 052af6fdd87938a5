import type { SessionOptions } from './workerProtocol';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type LayoutSetting = 'auto' | 'dagre' | 'elk';

/** The `stateMap.*` settings of one workspace folder, as the server uses them. */
export interface Settings {
  include: string[];
  exclude: string[];
  /** Bytes; 0: the config file's or the default (1 MB). */
  maxFileSize: number;
  includeTests: boolean;
  /** Also report what is not yet precise on real repositories (volumes, config, JWT notes, two hazard kinds). */
  experimentalHazards: boolean;
  showEnvironment: boolean;
  layout: LayoutSetting;
  diagnostics: { claimSeverity: SeverityName; hazardSeverity: SeverityName };
  hover: { enabled: boolean };
  codeLens: { enabled: boolean };
}

export const DEFAULT_SETTINGS: Settings = {
  include: [],
  exclude: [],
  maxFileSize: 0,
  includeTests: false,
  experimentalHazards: false,
  showEnvironment: false,
  layout: 'auto',
  diagnostics: { claimSeverity: 'warning', hazardSeverity: 'information' },
  hover: { enabled: true },
  codeLens: { enabled: true },
};

const SEVERITIES = new Set<SeverityName>(['error', 'warning', 'information', 'hint', 'off']);
const LAYOUTS = new Set<LayoutSetting>(['auto', 'dagre', 'elk']);

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}
function bool(v: unknown, d: boolean): boolean {
  return typeof v === 'boolean' ? v : d;
}
function pick<T extends string>(v: unknown, allowed: Set<T>, d: T): T {
  return typeof v === 'string' && allowed.has(v as T) ? (v as T) : d;
}

/** Settings from whatever the client sent (`workspace/configuration` or initializationOptions): wrong types fall back to defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const r = obj(raw);
  const d = DEFAULT_SETTINGS;
  const diag = obj(r.diagnostics);
  const size = typeof r.maxFileSize === 'number' && Number.isFinite(r.maxFileSize) && r.maxFileSize > 0 ? Math.floor(r.maxFileSize) : 0;
  return {
    include: strings(r.include),
    exclude: strings(r.exclude),
    maxFileSize: size,
    includeTests: bool(r.includeTests, d.includeTests),
    experimentalHazards: bool(r.experimentalHazards, d.experimentalHazards),
    showEnvironment: bool(r.showEnvironment, d.showEnvironment),
    layout: pick(r.layout, LAYOUTS, d.layout),
    diagnostics: {
      claimSeverity: pick(diag.claimSeverity, SEVERITIES, d.diagnostics.claimSeverity),
      hazardSeverity: pick(diag.hazardSeverity, SEVERITIES, d.diagnostics.hazardSeverity),
    },
    hover: { enabled: bool(obj(r.hover).enabled, d.hover.enabled) },
    codeLens: { enabled: bool(obj(r.codeLens).enabled, d.codeLens.enabled) },
  };
}

/** The settings that change what is analyzed: a change means a new session. */
export function sessionOptions(s: Settings): SessionOptions {
  return { ignore: s.exclude, include: s.include, includeTests: s.includeTests, ...(s.experimentalHazards ? { experimentalHazards: true } : {}), ...(s.maxFileSize ? { maxFileSize: s.maxFileSize } : {}) };
}

export function sameSession(a: Settings, b: Settings): boolean {
  return JSON.stringify(sessionOptions(a)) === JSON.stringify(sessionOptions(b));
}

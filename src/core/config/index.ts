import fs from 'node:fs';
import path from 'node:path';
import { insideOf, OUTSIDE, readText, stripBom } from '../discover/files';
import type { Problem, ServiceKind } from '../model/types';
import { SERVICE_KEYS, readContract, type StateContract } from './contracts';

export type { AllowedStore, StateContract } from './contracts';

export const CONFIG_FILE = 'statemap.config.json';
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
/** Ignore globs kept from the config file: enough for any real config, bounded for a hostile one. */
export const MAX_IGNORE_GLOBS = 1000;
/** The config file is read whole before its own maxFileSize is known; this bounds it. */
const MAX_CONFIG_SIZE = 16 * 1024 * 1024;
/** picomatch refuses longer patterns. */
const MAX_GLOB_LENGTH = 65536;

export interface ConfiguredService {
  root: string;
  name?: string;
  kind?: ServiceKind;
  claim?: 'stateless' | 'stateful';
  /** `allowedStores` and `forbidHazards`, with their lines in the config file. */
  contract?: StateContract;
}

/** The effective settings of one analysis: the config file merged with command-line or editor settings. */
export interface StateMapConfig {
  services?: ConfiguredService[];
  claims: Record<string, 'stateless' | 'stateful'>;
  ignore: string[];
  includeTests: boolean;
  maxFileSize: number;
  /** Report hazard kinds not yet measured on a fresh labelled set (catalog EXPERIMENTAL_HAZARDS); default false. */
  experimentalHazards?: boolean;
  /** Where the config file was read from (for claim sources), if one was. */
  file?: string;
  /** Line of each configured root in the file, for claim sources. */
  lines: Record<string, number>;
}

const KINDS = new Set(['http-server', 'worker', 'lambda', 'frontend', 'cli', 'library', 'unknown']);
const CLAIMS = new Set(['stateless', 'stateful']);

/**
 * Reads `statemap.config.json` at the root. A broken file is a problem in the output and the defaults
 * apply: the analysis goes on.
 */
export function loadConfig(root: string, overrides: Partial<StateMapConfig> = {}): { config: StateMapConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const config: StateMapConfig = { claims: {}, ignore: [], includeTests: false, maxFileSize: DEFAULT_MAX_FILE_SIZE, lines: {} };
  const text = readConfigText(root, problems);
  if (text !== undefined) {
    config.file = CONFIG_FILE;
    let raw: unknown;
    try {
      raw = JSON.parse(stripBom(text));
    } catch (err) {
      problems.push({ file: CONFIG_FILE, message: `invalid JSON, defaults used: ${(err as Error).message}` });
    }
    if (raw !== undefined) applyRaw(raw, config, problems, text);
  }
  if (overrides.ignore) config.ignore = config.ignore.concat(usableGlobs(overrides.ignore, 'the ignore option', '.', problems));
  if (overrides.maxFileSize) config.maxFileSize = overrides.maxFileSize;
  if (overrides.includeTests !== undefined) config.includeTests = overrides.includeTests;
  if (overrides.experimentalHazards) config.experimentalHazards = true;
  return { config, problems };
}

function applyRaw(raw: unknown, config: StateMapConfig, problems: Problem[], text: string): void {
  const bad = (msg: string) => problems.push({ file: CONFIG_FILE, message: msg });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    bad('expected an object at the top level; defaults used');
    return;
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!['$schema', 'services', 'claims', 'ignore', 'includeTests', 'maxFileSize', 'experimentalHazards'].includes(key)) bad(`unknown property "${key}" ignored`);
  }
  if (obj.services !== undefined) {
    if (!Array.isArray(obj.services)) bad('"services" must be an array; ignored');
    else {
      config.services = [];
      obj.services.forEach((s, i) => {
        if (!s || typeof s !== 'object' || typeof (s as { root?: unknown }).root !== 'string') {
          bad(`services[${i}] needs a "root" string; ignored`);
          return;
        }
        const svc = s as Record<string, unknown>;
        const root = normalizeRoot(svc.root as string);
        const out: ConfiguredService = { root };
        const at = lineOf(text, svc.root as string);
        for (const k of Object.keys(svc)) if (!SERVICE_KEYS.includes(k)) bad(`unknown property "${k}" in services[${i}] ignored`);
        const contract = readContract(svc, i, text, at, bad);
        if (contract) out.contract = contract;
        if (typeof svc.name === 'string') out.name = svc.name;
        if (svc.kind !== undefined) {
          if (typeof svc.kind === 'string' && KINDS.has(svc.kind)) out.kind = svc.kind as ServiceKind;
          else bad(`services[${i}].kind must be one of ${[...KINDS].join(', ')}; ignored`);
        }
        if (svc.claim !== undefined) {
          if (typeof svc.claim === 'string' && CLAIMS.has(svc.claim)) out.claim = svc.claim as 'stateless' | 'stateful';
          else bad(`services[${i}].claim must be "stateless" or "stateful"; ignored`);
        }
        config.services!.push(out);
        config.lines[root] = at;
      });
    }
  }
  if (obj.claims !== undefined) {
    if (!obj.claims || typeof obj.claims !== 'object' || Array.isArray(obj.claims)) bad('"claims" must be an object; ignored');
    else {
      for (const [root, claim] of Object.entries(obj.claims as Record<string, unknown>)) {
        if (typeof claim === 'string' && CLAIMS.has(claim)) {
          config.claims[normalizeRoot(root)] = claim as 'stateless' | 'stateful';
          config.lines[normalizeRoot(root)] ??= lineOf(text, root);
        } else bad(`claims["${root}"] must be "stateless" or "stateful"; ignored`);
      }
    }
  }
  if (obj.ignore !== undefined) {
    if (Array.isArray(obj.ignore) && obj.ignore.every((g) => typeof g === 'string')) {
      const kept = obj.ignore.length > MAX_IGNORE_GLOBS ? obj.ignore.slice(0, MAX_IGNORE_GLOBS) : obj.ignore;
      if (kept.length < obj.ignore.length) bad(`"ignore" has ${obj.ignore.length.toLocaleString('en-US')} globs: only the first ${MAX_IGNORE_GLOBS.toLocaleString('en-US')} are used`);
      config.ignore = config.ignore.concat(usableGlobs(kept as string[], '"ignore"', CONFIG_FILE, problems));
    }
    else bad('"ignore" must be an array of glob strings; ignored');
  }
  if (obj.includeTests !== undefined) {
    if (typeof obj.includeTests === 'boolean') config.includeTests = obj.includeTests;
    else bad('"includeTests" must be true or false; ignored');
  }
  if (obj.experimentalHazards !== undefined) {
    if (typeof obj.experimentalHazards === 'boolean') config.experimentalHazards = obj.experimentalHazards;
    else bad('"experimentalHazards" must be true or false; ignored');
  }
  if (obj.maxFileSize !== undefined) {
    if (typeof obj.maxFileSize === 'number' && Number.isInteger(obj.maxFileSize) && obj.maxFileSize > 0) config.maxFileSize = obj.maxFileSize;
    else bad('"maxFileSize" must be a positive whole number of bytes; ignored');
  }
}

/** The config file's text, unless it is missing, a link out of the workspace, not a regular file or too large. */
function readConfigText(root: string, problems: Problem[]): string | undefined {
  const abs = path.join(root, CONFIG_FILE);
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') problems.push({ file: CONFIG_FILE, message: `unreadable file: ${code ?? (err as Error).message}` });
    return undefined;
  }
  if (!insideOf(root)(real)) {
    problems.push({ file: CONFIG_FILE, message: OUTSIDE });
    return undefined;
  }
  const r = readText(abs, CONFIG_FILE, 0, MAX_CONFIG_SIZE);
  if (r.problem) problems.push({ file: CONFIG_FILE, message: `${r.problem.message}; defaults used` });
  return r.text;
}

/**
 * The globs picomatch can compile; an empty one (which would match nothing and make picomatch throw) or
 * an overlong one is reported and dropped. `what` names where they came from in the message.
 */
export function usableGlobs(globs: readonly string[], what: string, file: string, problems: Problem[]): string[] {
  const out: string[] = [];
  let empty = 0;
  let long = 0;
  for (const g of globs) {
    if (g === '') empty++;
    else if (g.length > MAX_GLOB_LENGTH) long++;
    else out.push(g);
  }
  if (empty) problems.push({ file, message: `${what}: ${empty === 1 ? 'an empty glob' : `${empty} empty globs`} skipped (an empty glob matches nothing)` });
  if (long) problems.push({ file, message: `${what}: ${long === 1 ? 'a glob' : `${long} globs`} over ${MAX_GLOB_LENGTH.toLocaleString('en-US')} characters skipped` });
  return out;
}

export function normalizeRoot(root: string): string {
  const r = root.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  return r === '' ? '.' : r;
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(JSON.stringify(needle));
  if (at < 0) return 1;
  return text.slice(0, at).split('\n').length;
}

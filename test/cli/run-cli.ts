import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StateMap } from '../../src/core/model/types';
import { FIXTURES } from '../helpers/workspace';

/** The built CLI: these tests run what users run (`npm test` builds it first). */
export const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js …args` as a child process. */
export function runCli(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): CliResult {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? path.join(__dirname, '..', '..'),
    encoding: 'utf8',
    env: { ...process.env, STATE_MAP_DEBUG: '', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
    ...(opts.timeoutMs ? { timeout: opts.timeoutMs } : {}),
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `analyze <dir> --format json`, checked for exit 0 and an empty stderr, parsed. */
export function analyzeJson(dir: string, extra: string[] = []): StateMap {
  const r = runCli(['analyze', dir, '--format', 'json', ...extra]);
  if (r.code !== 0) throw new Error(`state-map analyze ${dir} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as StateMap;
}

export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

/** A throwaway copy of a fixture (for files and links that must not be committed). */
export function copyFixture(name: string): { dir: string; cleanup(): void } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-cli-'));
  const dir = path.join(tmp, name);
  fs.cpSync(fixture(name), dir, { recursive: true });
  return { dir, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}

/** A fresh empty folder under the OS temp folder. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-cli-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const kindOf = (map: StateMap, store: string) => map.stores.find((s) => s.id === store)?.kind ?? `?${store}`;

/** `service -> kind access`, sorted; env edges only when asked. */
export function edges(map: StateMap, opts: { env?: boolean } = {}): string[] {
  return map.edges
    .filter((e) => opts.env || kindOf(map, e.store) !== 'env')
    .map((e) => `${e.service} -> ${kindOf(map, e.store)} ${e.access}`)
    .sort();
}

/** Locations of one service's edge to a store kind, as `file:line access operation`, in the map's order. */
export function locations(map: StateMap, service: string, kind: string): string[] {
  const e = map.edges.find((x) => x.service === service && kindOf(map, x.store) === kind);
  return (e?.locations ?? []).map((l) => `${l.file}:${l.line} ${l.access} ${l.operation}`);
}

/** `id kind` per service, sorted by id. */
export function services(map: StateMap): string[] {
  return map.services.map((s) => `${s.id} ${s.kind}`).sort();
}

export function service(map: StateMap, id: string) {
  const s = map.services.find((x) => x.id === id);
  if (!s) throw new Error(`no service "${id}" among ${map.services.map((x) => x.id).join(', ')}`);
  return s;
}

/** The claim, verdict and honesty of a service in one line: `stateless=true README.md:3 readme · state-elsewhere · honest=true`. */
export function verdictLine(map: StateMap, id: string): string {
  const s = service(map, id);
  const src = s.claim.sources[0];
  return `stateless=${s.claim.stateless}${src ? ` ${src.file}:${src.line} ${src.kind}` : ''} · ${s.verdict} · honest=${s.honest}`;
}

/** `kind file:line` per hazard (all services), in the map's order. */
export function hazards(map: StateMap, service?: string): string[] {
  return map.hazards.filter((h) => !service || h.service === service).map((h) => `${h.kind} ${h.file}:${h.line}`);
}

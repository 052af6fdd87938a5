// Fly.io apps say in `fly.toml` where their volumes are mounted (`[mounts] source = "data" destination = "/data"`,
// or `[[mounts]]` for several) and which environment they run with (`[env]`). A Fly volume is the disk of one
// Machine: it survives restarts and deploys, but each Machine of the app has its own, and nothing copies between
// them. `[env]` values place the writes that use them (`DATABASE_URL = "file:/data/sqlite.db"`).
import { parse as parseToml } from 'smol-toml';
import type { Problem } from '../model/types';
import { stripBom } from './files';
import { escapeRe } from '../text';

export interface FlyPlaces {
  /** The configuration file, posix relative to the workspace. */
  file: string;
  /** The Fly app's name (`app = "…"`), when it gives one. */
  app?: string;
  mounts: Array<{ source: string; path: string; line: number }>;
  env: Array<{ name: string; value: string; line: number }>;
}

/** `fly.toml`, and the per-environment copies people keep beside it (`fly.staging.toml`). */
export function isFlyConfig(base: string): boolean {
  return /^fly(\.[\w-]+)?\.toml$/.test(base);
}

/** The mounts and environment of one Fly configuration; a broken file is a problem and gives none. */
export function readFlyConfig(rel: string, text: string, problems: Problem[]): FlyPlaces | undefined {
  let config: Record<string, unknown>;
  try {
    config = parseToml(stripBom(text)) as Record<string, unknown>;
  } catch (e) {
    problems.push({ file: rel, message: `invalid Fly configuration: ${(e as Error).message.split('\n')[0]}` });
    return undefined;
  }
  const lines = text.split(/\r?\n/);
  // the line that sets `key` to `value`, for locations (TOML parsers keep no positions)
  const lineOf = (key: string, value: string): number => {
    const re = new RegExp(`^\\s*["']?${escapeRe(key)}["']?\\s*=\\s*["']?${escapeRe(value)}(["']|\\s|$)`);
    const i = lines.findIndex((l) => re.test(l));
    return i < 0 ? 1 : i + 1;
  };
  const out: FlyPlaces = { file: rel, mounts: [], env: [] };
  if (typeof config.app === 'string' && config.app !== '') out.app = config.app;
  const mounts = Array.isArray(config.mounts) ? config.mounts : config.mounts && typeof config.mounts === 'object' ? [config.mounts] : [];
  for (const m of mounts) {
    if (!m || typeof m !== 'object') continue;
    const { source, destination } = m as Record<string, unknown>;
    if (typeof source !== 'string' || typeof destination !== 'string' || !destination.startsWith('/')) continue;
    out.mounts.push({ source, path: destination.length > 1 ? destination.replace(/\/+$/, '') : destination, line: lineOf('destination', destination) });
  }
  const env = config.env && typeof config.env === 'object' && !Array.isArray(config.env) ? (config.env as Record<string, unknown>) : {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.env.push({ name, value: String(value), line: lineOf(name, String(value)) });
  }
  return out;
}

// Cloudflare Workers reach their stores through bindings the Wrangler configuration declares
// (`wrangler.toml`, `wrangler.json`, `wrangler.jsonc`): `d1_databases`, `r2_buckets`, `kv_namespaces`,
// `queues.producers`, `durable_objects.bindings`. The code only names them (`env.FEED_DB`),
// so the configuration is what says which store a name is. Environments (`env.production.kv_namespaces`)
// declare the same names again: every environment's bindings count.
import { parse as parseToml } from 'smol-toml';
import { tsv as ts } from '../compiler';
import type { Problem } from '../model/types';
import { isPrimaryWranglerConfig, isWranglerConfig, stripBom } from './files';
import { dirOf } from './packages';

export type BindingType = 'd1' | 'r2' | 'kv' | 'queue' | 'durable-object';

/** One binding of one Wrangler configuration: the name the code reads it by, and what it is. */
export interface WorkerBinding {
  /** The configuration file (posix relative). */
  file: string;
  /** The folder it governs. */
  dir: string;
  name: string;
  type: BindingType;
}

export { isPrimaryWranglerConfig, isWranglerConfig };

/** What one Wrangler configuration says: its bindings, and the Worker's entry (`main`, relative to its folder). */
export interface WranglerConfig {
  bindings: WorkerBinding[];
  main?: string;
}

/** The bindings and entry a Wrangler configuration declares; a broken file is a problem and declares none. */
export function readWranglerConfig(rel: string, text: string, problems: Problem[]): WranglerConfig {
  let config: unknown;
  try {
    if (/\.toml(\.\w+)?$/.test(rel)) config = parseToml(stripBom(text));
    else {
      const parsed = ts.parseConfigFileTextToJson(rel, stripBom(text));
      if (parsed.error) throw new Error(ts.flattenDiagnosticMessageText(parsed.error.messageText, ' '));
      config = parsed.config;
    }
  } catch (e) {
    problems.push({ file: rel, message: `invalid Wrangler configuration: ${(e as Error).message.split('\n')[0]}` });
    return { bindings: [] };
  }
  const out: WorkerBinding[] = [];
  const seen = new Set<string>();
  const dir = dirOf(rel);
  const add = (name: unknown, type: BindingType) => {
    if (typeof name !== 'string' || name === '' || seen.has(name)) return;
    seen.add(name);
    out.push({ file: rel, dir, name, type });
  };
  const scan = (c: unknown) => {
    if (!c || typeof c !== 'object') return;
    const o = c as Record<string, unknown>;
    for (const b of list(o.d1_databases)) add(b.binding, 'd1');
    for (const b of list(o.r2_buckets)) add(b.binding, 'r2');
    for (const b of list(o.kv_namespaces)) add(b.binding, 'kv');
    const queues = o.queues as Record<string, unknown> | undefined;
    for (const b of list(queues?.producers)) add(b.binding, 'queue');
    const dos = o.durable_objects as Record<string, unknown> | undefined;
    for (const b of list(dos?.bindings)) add(b.name, 'durable-object');
  };
  scan(config);
  const envs = (config as { env?: unknown } | undefined)?.env;
  if (envs && typeof envs === 'object') for (const e of Object.values(envs as Record<string, unknown>)) scan(e);
  const main = (config as { main?: unknown } | undefined)?.main;
  return { bindings: out, ...(typeof main === 'string' && main !== '' ? { main } : {}) };
}

function list(v: unknown): Array<Record<string, unknown>> {
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
}

/**
 * The binding named `name` that governs `file`: declared by the nearest Wrangler configuration above it
 * that has one. Code under no configuration (a shared package that Workers import and hand their
 * `env`) gets the binding the workspace's configurations declare by that name, when they all agree on
 * what it is.
 */
export function bindingFor(bindings: readonly WorkerBinding[], file: string, name: string): WorkerBinding | undefined {
  let best: WorkerBinding | undefined;
  let elsewhere: WorkerBinding | undefined;
  let agree = true;
  let governed = false;
  for (const b of bindings) {
    const over = b.dir === '.' || file.startsWith(`${b.dir}/`);
    if (over) governed = true;
    if (b.name !== name) continue;
    if (!over) {
      if (elsewhere && elsewhere.type !== b.type) agree = false;
      elsewhere ??= b;
      continue;
    }
    if (!best || b.dir.length > best.dir.length) best = b;
  }
  return best ?? (agree && !governed ? elsewhere : undefined);
}

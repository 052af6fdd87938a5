// `state-map atlas a.json b.json …`: the JSON maps of several repositories as one map.
import path from 'node:path';
import { mergeAtlas, sharedStores, type AtlasInput } from '../core/atlas';
import type { Problem, StateMap } from '../core/model/types';
import { readText, stripBom } from '../core/read';
import { renderJson, renderMarkdown, renderMermaid } from '../render';
import { md } from '../render/markdown';
import type { Command } from './args';
import { CliError, checkOut, emit, type Io } from './util';

const GENERIC = new Set(['state-map', 'statemap', 'map', 'state', 'state-map-json']);

/** A repository's name from its map's file: `orders.json` → orders; `orders/state-map.json` → orders. */
function nameOf(file: string, taken: Set<string>): string {
  const base = path.basename(file).replace(/\.json$/i, '');
  let name = (GENERIC.has(base.toLowerCase()) ? path.basename(path.dirname(path.resolve(file))) : base).replace(/[/\\\s]+/g, '-') || 'repo';
  for (let n = 2; taken.has(name); n++) name = `${name.replace(/-\d+$/, '')}-${n}`;
  taken.add(name);
  return name;
}

function isMap(raw: unknown): raw is StateMap {
  const m = raw as Partial<StateMap> | null;
  return !!m && m.schemaVersion === 1 && Array.isArray(m.services) && Array.isArray(m.stores) && Array.isArray(m.edges) && Array.isArray(m.hazards);
}

/** Reads the maps; one that cannot be read or is not a State Map JSON is a problem, and the others are merged. */
export function readMaps(files: string[], problems: Problem[]): AtlasInput[] {
  const taken = new Set<string>();
  const out: AtlasInput[] = [];
  for (const file of files) {
    const r = readText(path.resolve(file), file, 0, 512 * 1024 * 1024);
    if (r.problem) {
      problems.push(r.problem);
      continue;
    }
    try {
      const raw = JSON.parse(stripBom(r.text!));
      if (!isMap(raw)) throw new Error('not a State Map JSON (state-map analyze --format json)');
      out.push({ name: nameOf(file, taken), map: { ...raw, problems: Array.isArray(raw.problems) ? raw.problems : [] } });
    } catch (err) {
      problems.push({ file, message: `skipped: ${(err as Error).message}` });
    }
  }
  return out;
}

export function atlasCommand(cmd: Extract<Command, { cmd: 'atlas' }>, io: Io): number {
  checkOut(cmd.out);
  if (cmd.format === 'sarif') throw new CliError('atlas writes markdown, json or mermaid, not sarif', 2);
  const problems: Problem[] = [];
  const inputs = readMaps(cmd.maps, problems);
  if (inputs.length === 0) throw new CliError(`no map could be read: ${problems.map((p) => `${p.file}: ${p.message}`).join('; ')}`, 3);
  const atlas = mergeAtlas(inputs);
  atlas.problems.push(...problems);
  if (cmd.format === 'json') emit(io, renderJson(atlas), cmd.out);
  else if (cmd.format === 'mermaid') emit(io, renderMermaid(atlas, { showEnv: cmd.showEnv }), cmd.out);
  else {
    const shared = sharedStores(atlas);
    const lines = ['## Shared stores', '', shared.length ? '| Store | Repositories |' : 'No store is shared between these repositories.', ...(shared.length ? ['| --- | --- |', ...shared.map((s) => `| ${md(s.store.label)} | ${s.repos.map(md).join(', ')} |`)] : []), ''];
    emit(io, `${renderMarkdown(atlas, { showEnv: cmd.showEnv }).trimEnd()}\n\n${lines.join('\n')}`, cmd.out);
  }
  return 0;
}

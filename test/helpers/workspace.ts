import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Project } from 'ts-morph';
import { analyze, defaultCatalog, type AnalyzeOptions } from '../../src/core/analyze';
import { extractFile } from '../../src/core/extract';
import type { FileFacts } from '../../src/core/facts';
import type { Edge, StateMap } from '../../src/core/model/types';
import { AnalysisSession } from '../../src/core/session';

/**
 * Facts of one source text, built from an in-memory ts-morph project (no disk), with every module
 * followed — for extraction tests.
 */
export function extractSource(code: string, file = 'src/index.ts'): FileFacts {
  const project = new Project({ useInMemoryFileSystem: true });
  const sf = project.createSourceFile(file, code);
  const catalog = defaultCatalog();
  return extractFile(file, sf.getFullText(), {
    globals: new Set([...catalog.globalRoots, 'import.meta']),
    globalTypes: catalog.globalTypes,
    receivers: catalog.receiverRoots,
    followModule: () => true,
  });
}

/**
 * Analyzes a small workspace given as `{ path: text }` (a package.json is added when none is given).
 * Files are written to a temporary folder that is removed afterwards.
 */
export function analyzeFiles(files: Record<string, string>, opts: AnalyzeOptions = {}): StateMap {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'state-map-test-'));
  try {
    const all = { ...files };
    if (!Object.keys(all).some((f) => f.endsWith('package.json'))) all['package.json'] = JSON.stringify({ name: 'app', version: '1.0.0' });
    for (const [rel, text] of Object.entries(all)) {
      const abs = path.join(dir, rel);
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, text);
    }
    return analyze(dir, opts);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `service -> kind access` lines, sorted: a compact view of a map's edges for assertions. */
export function edgeSummary(map: StateMap, opts: { env?: boolean } = {}): string[] {
  const kind = new Map(map.stores.map((s) => [s.id, s.kind]));
  return map.edges
    .filter((e) => opts.env || kind.get(e.store) !== 'env')
    .map((e: Edge) => `${e.service} -> ${kind.get(e.store)} ${e.access}`)
    .sort();
}

/** Every location of a map as `file:line kind access library`, sorted. */
export function locationSummary(map: StateMap, opts: { env?: boolean } = {}): string[] {
  const kind = new Map(map.stores.map((s) => [s.id, s.kind]));
  return map.edges
    .filter((e) => opts.env || kind.get(e.store) !== 'env')
    .flatMap((e) => e.locations.map((l) => `${l.file}:${l.line} ${kind.get(e.store)} ${l.access} ${l.library}`))
    .sort();
}

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** The map (as JSON) a new session computes from scratch for these editor texts: what an incremental refresh must give. */
export function freshSessionMap(root: string, overlays: Record<string, string>): string {
  const s = new AnalysisSession(root);
  for (const [file, text] of Object.entries(overlays)) s.setOverlay(file, text);
  return JSON.stringify(s.refresh());
}

import type { StateMap } from '../../src/core/model/types';
import { analyzeFiles, locationSummary } from './workspace';

/** Source text from lines, so that a test names line numbers it can count: line N is the Nth argument. */
export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n';
}

/** A package.json of an Express server: in-process hazards are reported for server-like services. */
export function serverPackage(deps: Record<string, string> = {}): string {
  return JSON.stringify({ name: 'api', version: '1.0.0', dependencies: { express: '^4.21.0', ...deps } });
}

/** `file:line kind` of every hazard, sorted. */
export function hazardSummary(map: StateMap): string[] {
  return map.hazards.map((h) => `${h.file}:${h.line} ${h.kind}`).sort();
}

/** Locations and hazards of one source file analyzed as `src/app.ts` of a server (or with `files` beside it). */
export function scan(code: string, files: Record<string, string> = {}, file = 'src/app.ts'): { locations: string[]; hazards: string[]; map: StateMap } {
  // a workspace given its own package.json (a browser app, a CLI) is analyzed as it is
  const routes = 'package.json' in files ? {} : routesTo(code, file);
  const map = analyzeFiles({ 'package.json': serverPackage(), [file]: code, ...routes, ...files });
  return { locations: locationSummary(map), hazards: hazardSummary(map), map };
}

/**
 * The server that calls the scanned file's exported functions, one route each: a library's use written
 * in an exported function runs per request, as it would in the API it belongs to (a function nothing
 * calls is only a low-confidence note, see test/unit/core/request-reach.test.ts).
 */
export function routesTo(code: string, file: string): Record<string, string> {
  const names = [...code.matchAll(/^export\s+(?:async\s+)?(?:function\s*\*?\s*(\w+)|const\s+(\w+)\s*=\s*(?:async\s*)?(?:\(|function|\w+\s*=>))/gm)].map((m) => m[1] ?? m[2]);
  if (names.length === 0 || !/\.[cm]?[jt]sx?$/.test(file)) return {};
  const spec = './' + file.replace(/^src\//, '').replace(/\.[cm]?[jt]sx?$/, '');
  return {
    'src/routes.ts': lines(
      "import express from 'express';",
      `import * as scanned from '${spec}';`,
      'export const routes = express.Router();',
      ...names.map((n) => `routes.post('/${n}', (scanned as any).${n});`),
    ),
  };
}

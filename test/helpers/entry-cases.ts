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
  const map = analyzeFiles({ 'package.json': serverPackage(), [file]: code, ...files });
  return { locations: locationSummary(map), hazards: hazardSummary(map), map };
}

// A service that writes to its own disk keeps state there once, however many places write: the hazard
// is the service's, and each write is a place of it. So a service's local-file-write hazards that say
// the same thing (the same fate of the file: no volume, an emptyDir, a per-replica claim) are one
// hazard, placed at the first write, with the others in `also` and as evidence.
import { byPlace, pushTo } from '../grouping';
import type { Hazard } from './types';

/**
 * What a message says happens to the file: the part after its subject (`Uploads are written to the local disk
 * of one instance: …`, `Writes to \`/data/x\` on emptyDir cache: …`), so that uploads and other writes with the
 * same fate are one hazard.
 */
function fateOf(message: string): string {
  const at = message.indexOf(': ');
  return at < 0 ? message : message.slice(at + 2);
}

/** Local-file-write hazards of one service grouped by the fate they say; other hazards pass through in order. */
export function groupDiskWrites(hazards: readonly Hazard[]): Hazard[] {
  const groups = new Map<string, Hazard[]>();
  const out: Hazard[] = [];
  for (const h of hazards) {
    if (h.kind !== 'local-file-write') {
      out.push(h);
      continue;
    }
    pushTo(groups, `${h.scope ?? 'runtime'}\0${fateOf(h.message)}`, h);
  }
  for (const list of groups.values()) {
    if (list.length === 1) {
      out.push(list[0]);
      continue;
    }
    list.sort(byPlace);
    const [first, ...rest] = list;
    const files = new Set(list.map((h) => h.file)).size;
    // high when any write is: a handler reaches it
    const high = list.find((h) => (h.confidence ?? 'high') === 'high');
    const evidence = [...(first.evidence ?? []), ...rest.map((h) => ({ file: h.file, line: h.line, what: 'also writes here' }))];
    const { confidence: _ignored, ...base } = first;
    const confidence = high ? high.confidence : first.confidence;
    out.push({
      ...base,
      ...(confidence ? { confidence } : {}),
      message: `${first.message} The service writes to its own disk in ${list.length} places (${files} file${files === 1 ? '' : 's'}).`,
      evidence,
      also: rest.map((h) => ({ file: h.file, line: h.line, column: h.column })),
    });
  }
  return out;
}

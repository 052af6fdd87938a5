import { HAZARD_KINDS } from '../../catalog/kinds';
import type { Problem } from '../model/types';
import type { SourceIndex } from './symbols';
import type { Finding, Suppression } from './types';

/** Rules a suppression may name: every gated rule, or `*` for all of them. */
export const SUPPRESSIBLE: ReadonlySet<string> = new Set(['broken-claim', 'contract', ...HAZARD_KINDS, '*']);

const COMMENT = /\/\/\s*state-map-ignore-(next-line|file)\b(.*)$/;

/**
 * The suppression comments of the given files. `// state-map-ignore-next-line <rule>: <reason>` accepts
 * findings of that rule on the next line that is not itself a suppression; `-file` accepts them in the
 * whole file. A comment without a rule or a reason, or with an unknown rule, accepts nothing and is a problem.
 */
export function readSuppressions(files: Iterable<string>, sources: SourceIndex, problems: Problem[]): Suppression[] {
  const out: Suppression[] = [];
  for (const file of [...new Set(files)].sort()) {
    const lines = sources.text(file)?.split('\n') ?? [];
    lines.forEach((text, i) => {
      const m = COMMENT.exec(text);
      if (!m) return;
      const scope = m[1] === 'file' ? 'file' : 'next-line';
      const body = /^\s+([\w*-]+)\s*(?::\s*(.*?))?\s*(?:\*\/)?\s*$/.exec(m[2]);
      const where = `line ${i + 1}`;
      if (!body) return void problems.push({ file, message: `${where}: state-map-ignore-${m[1]} needs a rule and a reason (// state-map-ignore-${m[1]} <rule>: <reason>); it suppresses nothing` });
      const [, rule, reason] = body;
      if (!SUPPRESSIBLE.has(rule)) return void problems.push({ file, message: `${where}: state-map-ignore-${m[1]} names an unknown rule "${rule}"; it suppresses nothing` });
      if (!reason) return void problems.push({ file, message: `${where}: state-map-ignore-${m[1]} ${rule} has no reason (write "${rule}: why this is acceptable"); it suppresses nothing` });
      out.push({ file, line: i + 1, scope, rule, reason, used: 0 });
    });
  }
  return out;
}

function isSuppressionLine(sources: SourceIndex, file: string, line: number): boolean {
  const text = sources.text(file)?.split('\n')[line - 1];
  return text !== undefined && COMMENT.test(text);
}

/** Marks the findings the suppressions accept (the first that matches is credited); store accesses are never problems. */
export function applySuppressions(findings: Finding[], suppressions: Suppression[], sources: SourceIndex): void {
  for (const f of findings) {
    if (f.rule === 'store-access' || f.suppressed) continue;
    const s = suppressions.find((x) => x.file === f.file && (x.rule === '*' || x.rule === f.rule) && (x.scope === 'file' || covers(x, f.line, sources)));
    if (!s) continue;
    s.used++;
    f.suppressed = { by: 'inline', reason: s.reason, file: s.file, line: s.line };
  }
}

/** A next-line comment covers the first line below it that is not another suppression comment. */
function covers(s: Suppression, line: number, sources: SourceIndex): boolean {
  if (line <= s.line) return false;
  for (let l = s.line + 1; l < line; l++) if (!isSuppressionLine(sources, s.file, l)) return false;
  return true;
}

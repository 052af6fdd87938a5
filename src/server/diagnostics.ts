import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-protocol';
import type { Hazard, Service, StateMap } from '../core/model/types';
import { runtimeView } from '../core/model/view';
import { verdictText } from '../render/mermaid';
import { isInProcessHazard } from './describe';
import type { SeverityName, Settings } from './settings';

export const DIAGNOSTIC_SOURCE = 'State Map';

export function toSeverity(name: SeverityName): DiagnosticSeverity | undefined {
  switch (name) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'information': return DiagnosticSeverity.Information;
    case 'hint': return DiagnosticSeverity.Hint;
    default: return undefined;
  }
}

export interface DiagnosticContext {
  /** Text of a 1-based line of a workspace file, when it can be read (for ranges that end at the line's end). */
  lineText(file: string, line: number): string | undefined;
  uriOf(file: string): string;
}

/** A whole line, from its first non-blank character (1-based line → LSP range). */
function lineRange(ctx: DiagnosticContext, file: string, line: number, fromColumn?: number) {
  const text = ctx.lineText(file, line) ?? '';
  const start = fromColumn !== undefined ? Math.max(0, fromColumn - 1) : Math.max(0, text.search(/\S/));
  const end = Math.max(start + 1, text.replace(/\s+$/, '').length);
  return { start: { line: line - 1, character: start }, end: { line: line - 1, character: end } };
}

function brokenClaimMessage(s: Service, hazards: Hazard[]): string {
  if (s.claim.stateless === false) return `${s.name} claims to be stateful, but the analysis found that it ${verdictText(s.verdict)}.`;
  const inProcess = hazards.filter((h) => isInProcessHazard(h.kind));
  const why = inProcess.length
    ? `: ${[...new Set(inProcess.map((h) => h.kind))].join(', ')} (${inProcess.length} place${inProcess.length === 1 ? '' : 's'})`
    : '';
  return `${s.name} claims to be stateless, but it keeps state in its own process${why}. Two replicas would disagree.`;
}

/**
 * The Problems panel for one map: a diagnostic at each claim a service breaks (README line, `@stateless`
 * tag, manifest), with the hazards as related information, and one at each hazard with its explanation.
 * Keyed by workspace-relative file.
 */
export function diagnosticsFor(full: StateMap, settings: Pick<Settings, 'diagnostics'>, ctx: DiagnosticContext): Map<string, Diagnostic[]> {
  // code that runs in no service (build scripts, bundler configs) gets no squiggle
  const map = runtimeView(full);
  const out = new Map<string, Diagnostic[]>();
  const add = (file: string, d: Diagnostic): void => {
    const list = out.get(file);
    if (list) list.push(d);
    else out.set(file, [d]);
  };
  const claimSeverity = toSeverity(settings.diagnostics.claimSeverity);
  const hazardSeverity = toSeverity(settings.diagnostics.hazardSeverity);
  if (claimSeverity !== undefined) {
    for (const s of map.services) {
      if (s.honest !== false) continue;
      const hazards = map.hazards.filter((h) => h.service === s.id);
      const related: DiagnosticRelatedInformation[] = hazards.slice(0, 20).map((h) => ({
        location: { uri: ctx.uriOf(h.file), range: lineRange(ctx, h.file, h.line, h.column) },
        message: `${h.kind}: ${h.message}`,
      }));
      for (const src of s.claim.sources) {
        if (!src.file || src.line < 1) continue;
        // only the sources that say what the service claims; a disagreeing source is not where the claim breaks
        if (src.stateless !== undefined && src.stateless !== s.claim.stateless) continue;
        add(src.file, {
          range: lineRange(ctx, src.file, src.line),
          severity: claimSeverity,
          source: DIAGNOSTIC_SOURCE,
          code: 'broken-claim',
          message: brokenClaimMessage(s, hazards),
          relatedInformation: related.length ? related : undefined,
        });
      }
    }
  }
  if (hazardSeverity !== undefined) {
    for (const h of map.hazards) {
      const service = map.services.find((s) => s.id === h.service);
      // the same hazard's other places (a service's other writes to its own disk)
      const also: DiagnosticRelatedInformation[] = (h.also ?? []).slice(0, 50).map((a) => ({
        location: { uri: ctx.uriOf(a.file), range: lineRange(ctx, a.file, a.line, a.column) },
        message: `also ${h.kind} here`,
      }));
      add(h.file, {
        range: lineRange(ctx, h.file, h.line, h.column),
        severity: hazardSeverity,
        source: DIAGNOSTIC_SOURCE,
        code: h.kind,
        message: service ? `${h.message} (${service.name})` : h.message,
        ...(also.length ? { relatedInformation: also } : {}),
      });
    }
  }
  return out;
}

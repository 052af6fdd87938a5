import type { Catalog, HazardRule, StoreKind } from '../../catalog';
import type { FileFacts, UseFact } from '../facts';
import type { PrismaSchema } from '../discover/schemas';
import { Evaluator } from './evaluate';
import { forwardedOps } from './forward';
import { timerHazards } from './hazards';
import { refineFileWrites } from './fileWrites';
import { Phases } from './phase';
import { moduleStateHazards } from './moduleState';
import { checkThenAct } from './races';
import { addTo } from '../grouping';
import type { ModuleResolver } from './resolve';
import type { Client, OpEvent, Sink } from './thing';
import type { CrossFileCall, FoundHazard, FoundOp, LinkResult } from './types';

export type { CrossFileCall, FoundHazard, FoundOp, Confidence, LinkResult } from './types';
export { moduleStateMessage } from './types';
export { reach } from './calls';
export { addTo, pushTo } from '../grouping';
export { ModuleResolver } from './resolve';

export interface LinkInput {
  catalog: Catalog;
  facts: ReadonlyMap<string, FileFacts>;
  resolver: ModuleResolver;
  prisma: readonly PrismaSchema[];
}

/** A hazard that a later finding may lift: a method called on the client, or the client handed to a property. */
interface Pending {
  hazard: FoundHazard;
  client: Client;
  methods?: readonly string[];
  within?: readonly string[];
}

/**
 * Follows client identity across files and turns uses into operations and hazards. Pure over the
 * per-file facts: a one-file edit re-extracts that file and links again.
 */
export function linkFacts(input: LinkInput): LinkResult {
  const { catalog, facts, resolver } = input;
  const evaluator = new Evaluator(catalog, facts, resolver, (file, spec) => prismaSchemaFor(input.prisma, file, spec)?.kind,
    (file, spec) => prismaSchemaFor(input.prisma, file, spec)?.urlEnv);
  const linking = new Linking();
  for (const [file, f] of facts) linking.file(file, f, evaluator, resolver);
  const { ops, hazards, calls } = linking;
  const fwd = forwardedOps(calls, ops, facts, catalog, evaluator);
  if (fwd.ops.length > 0) ops.splice(0, ops.length, ...ops.filter((o) => !fwd.superseded.has(o)), ...fwd.ops);
  // a Prisma model's unique fields, from the schema that governs the file (other ORMs: unknown)
  const unique = (file: string, library: string, model: string) => {
    if (library !== '@prisma/client') return undefined;
    const schema = prismaSchemaFor(input.prisma, file, '');
    return schema ? schema.unique?.[model.toLowerCase()] ?? [] : undefined;
  };
  for (const f of facts.values()) hazards.push(...checkThenAct(f, ops, unique));
  hazards.push(...linking.unlifted());
  const phases = new Phases(facts, resolver);
  hazards.push(...moduleStateHazards(facts, evaluator, resolver, ops, phases));
  return { ops, hazards: refineFileWrites(hazards, ops, facts, phases), imports: linking.imports, madeKinds: linking.madeKinds, configs: linking.configs, calls, forwarded: fwd.sites };
}

/** What linking has found so far, file by file, in the order the files and their uses come. */
class Linking {
  readonly ops: FoundOp[] = [];
  readonly hazards: FoundHazard[] = [];
  readonly imports = new Map<string, Set<string>>();
  readonly madeKinds = new Map<string, Set<StoreKind>>();
  readonly configs: LinkResult['configs'] = [];
  readonly calls: CrossFileCall[] = [];
  /** The methods called on each client (by origin), anywhere. */
  private readonly methods = new Map<string, Set<string>>();
  /** Where each client is handed over as a property value (`insuranceLimiter: limiter`). */
  private readonly withinBy = new Map<string, Set<string>>();
  private readonly pending: Pending[] = [];

  file(file: string, f: FileFacts, evaluator: Evaluator, resolver: ModuleResolver): void {
    const deps = new Set<string>();
    for (const imp of f.imports) {
      const r = resolver.resolve(imp.module, file);
      if (r && 'file' in r) deps.add(r.file);
    }
    this.imports.set(file, deps);
    const schedules: Array<{ file: string; id: string; use: UseFact; message: string }> = [];
    for (const use of f.uses) {
      const sink = evaluator.evaluateUse(use, file);
      this.use(file, use, sink);
      for (const s of sink.schedules) {
        const message = s.lib.hazard?.message ?? 'Every replica runs this timer.';
        if (s.callback && s.callback.file === file) schedules.push({ file, id: s.callback.id, use, message });
      }
    }
    for (const op of evaluator.baseAccess(f, file)) this.ops.push(op);
    this.hazards.push(...timerHazards(f, schedules, this.ops));
  }

  private use(file: string, use: UseFact, sink: Sink): void {
    if (use.within && sink.result?.t === 'client') addTo(this.withinBy, sink.result.c.origin, use.within);
    for (const c of sink.calls) if (c.file !== file) this.calls.push({ file, use, callee: c });
    for (const m of sink.methods) addTo(this.methods, m.client.origin, m.name);
    for (const op of sink.ops) {
      this.ops.push(foundOp(file, use, op));
      const rule = op.client.lib.hazard;
      if (rule?.on === 'write' && op.access !== 'read' && !isSetup(rule, op.operation) && (!rule.when || rule.when === 'always' || op.client.kind === rule.when)) {
        this.hazards.push({ file, line: use.line, column: use.col, kind: rule.kind, message: rule.message });
      }
    }
    for (const { client } of sink.makes) this.made(file, use, client);
  }

  /** A client made: its kind, what it configures, and the hazard its library is where a client is made. */
  private made(file: string, use: UseFact, client: Client): void {
    const lib = client.lib;
    addTo(this.madeKinds, lib.id, client.kind);
    if (lib.configures) this.configs.push({ file, libraries: lib.configures, kind: client.kind });
    const rule = lib.hazard;
    if (!rule || rule.on === 'write' || lib.scheduler) return;
    if (rule.when && rule.when !== 'always' && client.kind !== rule.when) return;
    if (rule.unlessWithin && use.within && rule.unlessWithin.includes(use.within)) return;
    if (rule.longLived && !use.keep && !use.top) return;
    const hazard: FoundHazard = { file, line: use.line, column: use.col, kind: rule.kind, message: rule.message };
    if (rule.unlessMethod || rule.unlessWithin) this.pending.push({ hazard, client, methods: rule.unlessMethod, within: rule.unlessWithin });
    else this.hazards.push(hazard);
  }

  /** The pending hazards no method call or property hand-over lifted, once every file is linked. */
  unlifted(): FoundHazard[] {
    return this.pending.filter((p) => {
      const called = this.methods.get(p.client.origin);
      const handed = this.withinBy.get(p.client.origin);
      if (p.methods && called && p.methods.some((m) => called.has(m))) return false;
      return !(p.within && handed && p.within.some((w) => handed.has(w)));
    }).map((p) => p.hazard);
  }
}

function foundOp(file: string, use: UseFact, op: OpEvent): FoundOp {
  const c = op.client;
  return {
    file, line: use.line, column: use.col, endLine: use.endLine, endColumn: use.endCol, pos: use.pos,
    kind: c.kind, library: c.lib.id, access: op.access, operation: op.operation, client: c.origin, use,
    ...(op.target ? { target: op.target } : {}), ...(c.how ? { how: c.how } : {}), ...(c.instance ? { instance: c.instance } : {}),
    ...(op.conditional ? { conditional: true } : {}), ...(op.tx || use.tx ? { tx: true } : {}),
  };
}

/** Is this write set-up rather than state, as the library's catalog entry says (`mkdirSync` at start-up)? */
function isSetup(rule: HazardRule, operation: string): boolean {
  if (rule.setup === 'every') return true;
  const name = operation.replace(/^.*\./, '');
  return !!rule.setup?.some((prefix) => name.startsWith(prefix));
}

/** The schema.prisma that governs `file`: a generated client names its own schema. */
function prismaSchemaFor(schemas: readonly PrismaSchema[], file: string, spec: string): PrismaSchema | undefined {
  if (spec.startsWith('prisma:')) return schemas.find((s) => s.file === spec.slice(7));
  let best: PrismaSchema | undefined;
  let bestScore = -1;
  for (const s of schemas) {
    if (!s.kind) continue;
    const dir = s.file.includes('/') ? s.file.slice(0, s.file.lastIndexOf('/')) : '.';
    // the schema whose folder shares the longest prefix with the file
    const score = commonPrefix(dir, file);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  const pa = a === '.' ? [] : a.split('/');
  const pb = b.split('/');
  let n = 0;
  while (n < pa.length && n < pb.length && pa[n] === pb[n]) n++;
  return n;
}

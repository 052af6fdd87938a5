import type { Access, Catalog, HazardKind, StoreKind } from '../../catalog';
import type { FileFacts, UseFact } from '../facts';
import { Evaluator, type Client } from './evaluate';
import { forwardedOps } from './forward';
import { moduleStateHazards, checkThenAct, timerHazards } from './hazards';
import { ModuleResolver } from './resolve';
import type { PrismaSchema } from '../discover/schemas';

/** One operation on a store, found at a place in the code. */
export interface FoundOp {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  pos: number;
  kind: StoreKind;
  library: string;
  access: Access;
  operation: string;
  target?: string;
  /** Identity of the client instance. */
  client: string;
  /** How the kind was told, when not by default. */
  how?: string;
  /** Which instance of its kind (env var or URL host), when the code says. */
  instance?: string;
  conditional?: boolean;
  /** Inside a transaction or under a lock. */
  tx?: boolean;
  use: UseFact;
}

/** A hazard before services are known: the model decides which apply (not in a browser, not in a CLI). */
export interface FoundHazard {
  file: string;
  line: number;
  column: number;
  kind: HazardKind;
  message: string;
  /** Module state (not a library's): does not apply to browser code. */
  moduleState?: boolean;
}

export interface LinkResult {
  ops: FoundOp[];
  /** Kinds of the clients each library made (a dialect named where a client is made, used or not). */
  madeKinds: Map<string, Set<StoreKind>>;
  /** Calls of workspace functions: a service that calls a library's function touches what it touches. */
  calls: Array<{ file: string; use: UseFact; callee: { file: string; id: string } }>;
  /** `file:line:col` of calls of pass-through wrappers that have an operation of their own (see forward.ts). */
  forwarded: Set<string>;
  /** Registrations that configure other libraries' clients (NestJS modules), by file. */
  configs: Array<{ file: string; libraries: readonly string[]; kind: StoreKind }>;
  hazards: FoundHazard[];
  /** file → the workspace files it imports. */
  imports: Map<string, Set<string>>;
}

export interface LinkInput {
  catalog: Catalog;
  facts: ReadonlyMap<string, FileFacts>;
  resolver: ModuleResolver;
  prisma: readonly PrismaSchema[];
}

/**
 * Follows client identity across files and turns uses into operations and hazards. Pure over the
 * per-file facts: a one-file edit re-extracts that file and links again.
 */
export function linkFacts(input: LinkInput): LinkResult {
  const { catalog, facts, resolver } = input;
  const evaluator = new Evaluator(catalog, facts, resolver, (file, spec) => prismaSchemaFor(input.prisma, file, spec)?.kind,
    (file, spec) => prismaSchemaFor(input.prisma, file, spec)?.urlEnv);
  const ops: FoundOp[] = [];
  const hazards: FoundHazard[] = [];
  const methods = new Map<string, Set<string>>();
  const pendingUnless: Array<{ hazard: FoundHazard; client: Client; methods?: readonly string[]; within?: readonly string[] }> = [];
  // where each client is handed over as a property value (`insuranceLimiter: limiter`)
  const withinBy = new Map<string, Set<string>>();
  const imports = new Map<string, Set<string>>();
  const madeKinds = new Map<string, Set<StoreKind>>();
  const configs: LinkResult['configs'] = [];
  const calls: LinkResult['calls'] = [];

  for (const [file, f] of facts) {
    const deps = new Set<string>();
    for (const imp of f.imports) {
      const r = resolver.resolve(imp.module, file);
      if (r && 'file' in r) deps.add(r.file);
    }
    imports.set(file, deps);
    const schedules: Array<{ file: string; id: string; use: UseFact; message: string }> = [];
    for (const use of f.uses) {
      const sink = evaluator.evaluateUse(use, file);
      if (use.within && sink.result?.t === 'client') {
        const set = withinBy.get(sink.result.c.origin) ?? new Set<string>();
        set.add(use.within);
        withinBy.set(sink.result.c.origin, set);
      }
      for (const c of sink.calls) if (c.file !== file) calls.push({ file, use, callee: c });
      for (const m of sink.methods) {
        const set = methods.get(m.client.origin) ?? new Set<string>();
        set.add(m.name);
        methods.set(m.client.origin, set);
      }
      for (const op of sink.ops) {
        const found: FoundOp = {
          file, line: use.line, column: use.col, endLine: use.endLine, endColumn: use.endCol, pos: use.pos,
          kind: op.client.kind, library: op.client.lib.id, access: op.access, operation: op.operation, client: op.client.origin, use,
          ...(op.target ? { target: op.target } : {}), ...(op.client.how ? { how: op.client.how } : {}), ...(op.client.instance ? { instance: op.client.instance } : {}), ...(op.conditional ? { conditional: true } : {}), ...(op.tx || use.tx ? { tx: true } : {}),
          ...(op.tx || use.tx ? { tx: true } : {}),
        };
        ops.push(found);
        const rule = op.client.lib.hazard;
        // creating a folder is set-up, not state (`mkdirSync(uploads, { recursive: true })` at start-up)
        const setup = /^(mkdir|ensureDir|mkdirp|mkdirs|mkdtemp|makeDir)/.test(op.operation.replace(/^.*\./, '')) || op.client.lib.id === 'mkdirp';
        if (rule?.on === 'write' && op.access !== 'read' && !setup && (!rule.when || rule.when === 'always' || op.client.kind === rule.when || rule.kind === 'local-file-write')) {
          hazards.push({ file, line: use.line, column: use.col, kind: rule.kind, message: rule.message });
        }
      }
      for (const made of sink.makes) {
        madeKinds.set(made.client.lib.id, (madeKinds.get(made.client.lib.id) ?? new Set<StoreKind>()).add(made.client.kind));
        if (made.client.lib.configures) configs.push({ file, libraries: made.client.lib.configures, kind: made.client.kind });
        const rule = made.client.lib.hazard;
        if (!rule || rule.on === 'write' || made.client.lib.scheduler) continue;
        if (rule.when && rule.when !== 'always' && made.client.kind !== rule.when) continue;
        if (rule.unlessWithin && use.within && rule.unlessWithin.includes(use.within)) continue;
        if (rule.longLived && !use.keep && !use.top) continue;
        const hazard: FoundHazard = { file, line: use.line, column: use.col, kind: rule.kind, message: rule.message };
        if (rule.unlessMethod || rule.unlessWithin) pendingUnless.push({ hazard, client: made.client, methods: rule.unlessMethod, within: rule.unlessWithin });
        else hazards.push(hazard);
      }
      for (const s of sink.schedules) {
        const message = s.lib.hazard?.message ?? 'Every replica runs this timer.';
        if (s.callback && s.callback.file === file) schedules.push({ file, id: s.callback.id, use, message });
      }
    }
    for (const op of evaluator.baseAccess(f, file)) ops.push(op);
    hazards.push(...timerHazards(f, schedules, ops));
  }
  const fwd = forwardedOps(calls, ops, facts, catalog, evaluator);
  if (fwd.ops.length > 0) ops.splice(0, ops.length, ...ops.filter((o) => !fwd.superseded.has(o)), ...fwd.ops);
  for (const f of facts.values()) hazards.push(...checkThenAct(f, ops));
  for (const p of pendingUnless) {
    const called = methods.get(p.client.origin);
    const handed = withinBy.get(p.client.origin);
    if (p.methods && called && p.methods.some((m) => called.has(m))) continue;
    if (p.within && handed && p.within.some((w) => handed.has(w))) continue;
    hazards.push(p.hazard);
  }
  hazards.push(...moduleStateHazards(facts, evaluator, resolver, ops));
  return { ops, hazards, imports, madeKinds, configs, calls, forwarded: fwd.sites };
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

export { ModuleResolver } from './resolve';

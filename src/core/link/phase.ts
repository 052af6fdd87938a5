// When a function runs: at start-up (module top level, what it calls, lifecycle hooks) or at request time
// (handlers, timers, what they call, and exported functions called from elsewhere). The phase of a
// change of module state is the phase of the code that reaches it: a table filled while modules load is
// the same on every replica, a table filled by requests is not.
import type { FileFacts, Val } from '../facts';
import { chainCalls } from './calls';
import { pushTo } from '../grouping';
import type { ModuleResolver } from './resolve';
import type { Confidence, EvidenceStep, Work } from './types';
import { HANDLER, HANDLER_NAME, RUNS_NOW, STARTUP_FN, TEST_ONLY_FN } from '../../catalog/names';


export type Phase =
  | { at: 'startup' }
  | { at: 'test' }
  | { at: 'request'; confidence: Confidence; path: EvidenceStep[] };

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

function calleeName(f: Val): string | undefined {
  return f.k === 'ref' || f.k === 'prop' || f.k === 'imp' || f.k === 'glob' ? f.n : undefined;
}

/** Phases of functions across the workspace: who calls each, who registers it as a handler. */
export class Phases {
  /** `file\0fnId` → the registration call it is given to (`get`, `on`, `setInterval`). */
  private readonly handlerRefs = new Map<string, string>();
  /** `file\0exportName` → callers in other files (`file\0fnId`), or `top` for a call while a module loads. */
  private readonly crossCallers = new Map<string, string[]>();
  /** Per file: the names of this file's functions called at its top level. */
  private readonly topCalls = new Map<string, Set<string>>();
  /** The names called at the top level of any file. */
  private readonly anyTopCall = new Set<string>();
  private readonly memo = new Map<string, Phase>();

  constructor(private readonly facts: ReadonlyMap<string, FileFacts>, private readonly resolver: ModuleResolver, private readonly work: Work = { n: 0 }) {
    for (const [file, f] of facts) {
      const top = new Set<string>();
      this.topCalls.set(file, top);
      work.n += f.uses.length;
      for (const u of f.uses) {
        for (const call of chainCalls(u.v)) {
          const name = calleeName(call.f);
          if (!name) continue;
          if (u.top) {
            top.add(name);
            this.anyTopCall.add(name);
            const target = this.exportOf(file, call.f);
            if (target) pushTo(this.crossCallers, target, 'top');
          }
          if (HANDLER.test(name)) for (const a of call.a) this.noteHandler(file, a, name);
        }
      }
      for (const [id, fn] of Object.entries(f.functions)) {
        for (const name of fn.calls ?? []) {
          const imp = f.imports.find((i) => i.local === name);
          const target = imp && this.exportOf(file, { k: 'imp', m: imp.module, n: imp.name });
          if (target) pushTo(this.crossCallers, target, `${file}\0${id}`);
        }
      }
    }
  }

  /** The phase of the code in function `id` of `file`. */
  of(file: string, id: string): Phase {
    return this.phase(file, id, new Set());
  }

  /** `file\0exportName` of the workspace function an imported callee names. */
  private exportOf(file: string, v: Val): string | undefined {
    if (v.k !== 'imp' && !(v.k === 'prop' && v.o.k === 'imp' && v.o.n === '*')) return undefined;
    const [m, n] = v.k === 'imp' ? [v.m, v.n] : [(v.o as { m: string }).m, v.n];
    const r = this.resolver.resolve(m, file);
    return r && 'file' in r && this.facts.has(r.file) ? `${r.file}\0${n}` : undefined;
  }

  private noteHandler(file: string, a: Val, registration: string): void {
    if (a.k === 'bound') return this.noteHandler(file, a.v, registration);
    const f = this.facts.get(file)!;
    if (a.k === 'fn') this.handlerRefs.set(`${file}\0${a.id}`, registration);
    else if (a.k === 'ref' && f.bindings[a.n]?.k === 'fn') this.handlerRefs.set(`${file}\0${(f.bindings[a.n] as { id: string }).id}`, registration);
    else {
      const target = this.exportOf(file, a);
      if (!target) return;
      const [tf, name] = target.split('\0');
      const id = this.exportedFn(tf, name);
      if (id) this.handlerRefs.set(`${tf}\0${id}`, registration);
    }
  }

  private exportedFn(file: string, name: string): string | undefined {
    const f = this.facts.get(file);
    const v = f?.exports.find((e) => e.name === name)?.v;
    if (v?.k === 'fn') return v.id;
    const b = v?.k === 'ref' ? f?.bindings[v.n] : undefined;
    return b?.k === 'fn' ? b.id : undefined;
  }

  private exportNames(f: FileFacts, id: string): string[] {
    return f.exports.filter((e) => (e.v?.k === 'fn' && e.v.id === id) || (e.v?.k === 'ref' && f.bindings[e.v.n]?.k === 'fn' && (f.bindings[e.v.n] as { id: string }).id === id)).map((e) => e.name);
  }

  private phase(file: string, id: string, seen: Set<string>): Phase {
    const key = `${file}\0${id}`;
    const known = this.memo.get(key);
    if (known) return known;
    seen.add(key);
    const p = this.compute(file, id, seen);
    // a result that depended on a caller still being worked out (a cycle) is not final
    if (seen.size === 1) this.memo.set(key, p);
    seen.delete(key);
    return p;
  }

  private compute(file: string, id: string, seen: Set<string>): Phase {
    const f = this.facts.get(file)!;
    const fn = f.functions[id];
    if (!fn) return { at: 'request', confidence: 'low', path: [] };
    const name = fn.name;
    const short = name.replace(/^.*\./, '');
    const step = (what: string): EvidenceStep => ({ file, line: fn.line, what });
    if (TEST_ONLY_FN.test(short)) return { at: 'test' };
    if (STARTUP_FN.test(short)) return { at: 'startup' };
    const cb = /^\((\w+)\)$/.exec(name)?.[1];
    if (cb && HANDLER.test(cb)) return { at: 'request', confidence: 'high', path: [step(`handler: the callback given to \`${cb}\``)] };
    const reg = this.handlerRefs.get(`${file}\0${id}`);
    if (reg) return { at: 'request', confidence: 'high', path: [step(`handler: \`${name}\` is given to \`${reg}\``)] };
    if (HANDLER_NAME.test(short)) return { at: 'request', confidence: 'high', path: [step(`handler: \`${name}\``)] };
    if (cb) {
      if (fn.parent) return this.via(this.phase(file, fn.parent, seen), step(`the callback given to \`${cb}\``));
      // given to something at load: run now (`files.forEach`), or by a library whose timing is unknown
      return RUNS_NOW.test(cb) ? { at: 'startup' } : { at: 'request', confidence: 'low', path: [step(`the callback given to \`${cb}\` while the module loads`)] };
    }
    const found: Phase[] = [];
    const fns = Object.entries(f.functions);
    this.work.n += fns.length;
    for (const [cid, c] of fns) {
      if (cid !== id && (c.calls ?? []).includes(short) && !seen.has(`${file}\0${cid}`)) {
        found.push(this.via(this.phase(file, cid, seen), step(`\`${name}\`, called by \`${c.name || 'a function'}\``)));
      }
    }
    if (this.topCalls.get(file)?.has(short)) found.push({ at: 'startup' });
    const exported = this.exportNames(f, id);
    let crossFound = false;
    for (const e of exported) {
      for (const caller of this.crossCallers.get(`${file}\0${e}`) ?? []) {
        crossFound = true;
        if (caller === 'top') {
          found.push({ at: 'startup' });
          continue;
        }
        if (seen.has(caller)) continue;
        const [cf, cid] = caller.split('\0');
        const c = this.facts.get(cf)?.functions[cid];
        found.push(this.via(this.phase(cf, cid, seen), step(`\`${name}\`, called by \`${c?.name || 'a function'}\` (${cf})`)));
      }
    }
    const method = Object.values(f.classes).some((c) => Object.values(c.methods).includes(id));
    if (fn.parent) found.push(this.via(this.phase(file, fn.parent, seen), step(`\`${name || 'a function'}\`, made in \`${f.functions[fn.parent]?.name || 'a function'}\``)));
    // no caller resolved, but a function of that name is called while some module loads (`allow(User, …)` at
    // the top of policy files, `Plugins.add(…)`): registration, as calls through namespaces are not resolved
    else if (found.length === 0 && !crossFound && this.anyTopCall.has(short)) found.push({ at: 'startup' });
    else if (exported.length > 0 && !crossFound && found.length === 0) found.push({ at: 'request', confidence: 'medium', path: [step(`\`${name}\` is exported: called from other modules`)] });
    else if (method && found.length === 0) found.push({ at: 'request', confidence: 'medium', path: [step(`\`${name}\`, a method called from elsewhere`)] });
    else if (found.length === 0) found.push({ at: 'request', confidence: 'medium', path: [step(`\`${name || 'a function'}\`: no caller found, taken as request time`)] });
    return best(found);
  }

  private via(p: Phase, s: EvidenceStep): Phase {
    return p.at === 'request' ? { ...p, path: [...p.path, s].slice(-8) } : p;
  }
}

/** Request time wins over start-up (one request path is enough), the surest path over the others. */
function best(found: Phase[]): Phase {
  let out: Phase | undefined;
  for (const p of found) {
    if (p.at !== 'request') continue;
    if (!out || out.at !== 'request' || RANK[p.confidence] > RANK[out.confidence]) out = p;
  }
  if (out) return out;
  return found.some((p) => p.at === 'startup') ? { at: 'startup' } : found.some((p) => p.at === 'test') ? { at: 'test' } : { at: 'request', confidence: 'medium', path: [] };
}

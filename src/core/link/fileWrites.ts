// Files written to the instance's own disk, judged by when the write runs and what becomes of the file.
// A write is state only when request-time code makes a file that outlives the request: a file written
// while the process starts (a pid file, a generated key, a log file opened at load) is set-up, and a
// scratch file that the same function removes again (a temporary copy handed to a tool) is gone before
// any other request could look for it. What is left is grouped per service by the model (one hazard
// of the service, the others as its places).
import type { FileFacts, Val } from '../facts';
import { calleeName, chainCalls } from './calls';
import type { Phases } from './phase';
import { placeOf, type Confidence, type EvidenceStep, type FoundHazard, type FoundOp } from './types';

/** Calls that only look at what a path names. */
const READS = /^(read|exists|stat|lstat|access|createReadStream|realpath|opendir|watch)/;
/** Calls that remove what a path names. */
const REMOVE = /^(rm|rmSync|unlink|unlinkSync|remove|removeSync|rimraf|rimrafSync|rmdir|rmdirSync)$/;

/**
 * Refines the `local-file-write` hazards the linker found where the operations were: start-up and
 * test-only writes and scratch files become low confidence (kept in the JSON, out of the map). Other
 * hazards pass through untouched.
 */
export function refineFileWrites(hazards: readonly FoundHazard[], opAt: ReadonlyMap<string, FoundOp>, facts: ReadonlyMap<string, FileFacts>, phases: Phases): FoundHazard[] {
  return hazards.map((h) => {
    const op = h.kind === 'local-file-write' ? opAt.get(placeOf(h)) : undefined;
    // a store made on disk (`new FileStore()`, `multer({ dest })`) is made at start-up and written by requests
    if (!op || op.operation.startsWith('new ') || op.access === 'read') return h;
    return judge(h, op, facts.get(h.file), phases);
  });
}

function judge(h: FoundHazard, op: FoundOp, f: FileFacts | undefined, phases: Phases): FoundHazard & { confidence: Confidence } {
  const fn = op.use.fn;
  if (fn === undefined || op.use.top) return { ...h, confidence: 'low', evidence: [{ file: h.file, line: h.line, what: 'written while the module loads (start-up), the same on every replica' }] };
  const phase = phases.of(h.file, fn);
  if (phase.at !== 'request') {
    const what = phase.at === 'startup' ? 'written at start-up, the same on every replica' : 'written only by test code';
    return { ...h, confidence: 'low', evidence: [{ file: h.file, line: h.line, what }] };
  }
  // the OS temp folder (`/tmp/…`, `os.tmpdir()`): scratch by its own name, which no other request looks for
  const arg = destination(op.use.v);
  if (arg && inTempDir(arg, 0)) {
    return { ...h, confidence: 'low', evidence: [{ file: h.file, line: h.line, what: 'a file in the OS temp folder: scratch of this request' }] };
  }
  // a path a temp-file helper hands out (`tmp.fileSync().name`, `tempy.file()`, `this.tempFileManager.alloc()`), or
  // one its code calls temporary (`tmpPath`, `TEMP_DIR`): scratch by its author's word
  if (arg && namedTemporary(arg, 0)) {
    return { ...h, confidence: 'low', evidence: [{ file: h.file, line: h.line, what: 'a temporary file, by the name of what hands out its path: scratch of this request' }] };
  }
  const path = f ? writtenPath(op.use.v) : undefined;
  // a path the function both writes and removes again (either call) is scratch; removing a file another
  // request wrote changes what other requests find
  if (f && path && scratchPaths(f, fn).has(path)) {
    return { ...h, confidence: 'low', evidence: [{ file: h.file, line: h.line, what: 'a scratch file: the same function removes it again' }] };
  }
  // a helper writes where its caller says (`download(url, tmpPath)`), and every caller removes that path again
  if (f && removedByCallers(f, fn, firstArgument(op.use.v))) {
    return { ...h, confidence: 'low', evidence: [{ file: h.file, line: h.line, what: 'a scratch file: the function that names the path removes it again' }] };
  }
  const step: EvidenceStep = { file: h.file, line: h.line, what: 'the write' };
  return { ...h, confidence: phase.confidence, evidence: [...phase.path, step] };
}

/** The path a write's first argument gives, as the facts record its value (`writeFile(file, …)`, `createWriteStream(tmp)`). */
function writtenPath(v: Val): string | undefined {
  const a = firstArgument(v);
  return a && a.k !== 'x' ? JSON.stringify(a) : undefined;
}

/** The first argument of the outermost call of a chain. */
function firstArgument(v: Val): Val | undefined {
  for (const call of chainCalls(v)) return call.a[0];
  return undefined;
}

/** Calls that write their second argument, from their first: a move or copy out of a temp file writes where it goes. */
const MOVES = new Set(['rename', 'renameSync', 'copyFile', 'copyFileSync', 'move', 'moveSync', 'copy', 'copySync', 'cp', 'cpSync', 'link', 'linkSync', 'symlink', 'symlinkSync']);

/** The path a write writes: the first argument, or a move's or copy's second (`rename(tmp, target)` writes `target`). */
function destination(v: Val): Val | undefined {
  for (const call of chainCalls(v)) {
    const name = call.f.k === 'prop' || call.f.k === 'imp' ? call.f.n : undefined;
    return name !== undefined && MOVES.has(name) ? call.a[1] : call.a[0];
  }
  return undefined;
}

/** A path in the OS temp folder: `'/tmp/x'`, `os.tmpdir()`, `path.join(os.tmpdir(), …)`, a folder `mkdtemp` made, a local holding one. */
function inTempDir(v: Val, depth: number): boolean {
  if (depth > 4) return false;
  switch (v.k) {
    case 'str':
      return v.s === '/tmp' || v.s.startsWith('/tmp/');
    case 'bound':
      return inTempDir(v.v, depth + 1);
    case 'call': {
      const name = v.f.k === 'prop' || v.f.k === 'imp' ? v.f.n : undefined;
      // `os.tmpdir()`, and a folder `mkdtemp` makes (a fresh name no other request knows)
      if (name === 'tmpdir' || name === 'mkdtemp' || name === 'mkdtempSync') return true;
      return (name === 'join' || name === 'resolve') && v.a[0] !== undefined && inTempDir(v.a[0], depth + 1);
    }
    default:
      return false;
  }
}

/** Packages that hand out temporary file and folder paths. */
const TEMP_PACKAGES = /^(tmp|tmp-promise|tempy|temp|temp-dir|tempfile|temp-write|tmp-file)$/;
/** Words that call a name temporary (`tmpPath`, `TEMP_DIR`, `tempFileManager`, `scratchDir`). */
const TEMP_WORDS = new Set(['tmp', 'temp', 'tempy', 'tmpdir', 'tempdir', 'tmpfile', 'tempfile', 'temporary', 'scratch']);

/** Does an identifier call itself temporary: one of its words (camelCase, snake_case or kebab-case) is a temp word. */
function tempName(name: string): boolean {
  return name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).some((w) => TEMP_WORDS.has(w.toLowerCase()));
}

/** A path whose value comes from a temp-file helper or a name that calls it temporary, through the calls and members that make it. */
function namedTemporary(v: Val, depth: number): boolean {
  if (depth > 6) return false;
  switch (v.k) {
    case 'imp':
      return TEMP_PACKAGES.test(v.m) || tempName(v.n);
    case 'ref':
    case 'param':
    case 'glob':
      return tempName(v.n);
    case 'bound':
      return (v.n !== undefined && tempName(v.n.slice(v.n.indexOf(':') + 1))) || namedTemporary(v.v, depth + 1);
    case 'prop':
      return tempName(v.n) || namedTemporary(v.o, depth + 1);
    case 'call':
      // the callee chain (`tmp.fileSync`, `this.tempFiles.alloc`), and `path.join(tmpRoot, name)`'s folder
      return namedTemporary(v.f, depth + 1) || ((calleeName(v.f) === 'join' || calleeName(v.f) === 'resolve') && v.a[0] !== undefined && namedTemporary(v.a[0], depth + 1));
    default:
      return false;
  }
}

/** Paths (as their values) that function `fn`, or a function nested in it, both writes and removes again. */
function scratchPaths(f: FileFacts, fn: string): Set<string> {
  const { written, removed } = pathsIn(f, fn);
  return new Set([...written].filter((p) => removed.has(p)));
}

/**
 * Paths (as their values) that function `fn`, or a function nested in it, writes and removes; a path handed to a
 * function of the file that writes that parameter (`download(url, tmpPath)`) is written too.
 */
function pathsIn(f: FileFacts, fn: string, depth = 0): { written: Set<string>; removed: Set<string> } {
  const inside = new Set([fn]);
  for (const [id, g] of Object.entries(f.functions)) if (g.parent !== undefined && inside.has(g.parent)) inside.add(id);
  const written = new Set<string>();
  const removed = new Set<string>();
  for (const u of f.uses) {
    if (u.fn === undefined || !inside.has(u.fn)) continue;
    for (const call of chainCalls(u.v)) {
      const callee = call.f.k === 'prop' || call.f.k === 'ref' || call.f.k === 'imp' || call.f.k === 'glob' ? call.f.n : undefined;
      const a = call.a[0];
      if (!callee || !a || a.k === 'x') continue;
      if (REMOVE.test(callee)) removed.add(JSON.stringify(a));
      else if (!READS.test(callee)) written.add(JSON.stringify(a));
      const helper = depth === 0 && call.f.k === 'ref' ? f.bindings[call.f.n] : undefined;
      if (helper?.k !== 'fn') continue;
      const params = f.functions[helper.id]?.params ?? [];
      const inner = pathsIn(f, helper.id, depth + 1).written;
      call.a.forEach((x, j) => {
        if (x.k !== 'x' && params[j] && inner.has(JSON.stringify({ k: 'param', n: params[j] }))) written.add(JSON.stringify(x));
      });
    }
  }
  return { written, removed };
}

/**
 * Is `path`, a parameter of function `fn`, a scratch path of every call of `fn` in its file: each caller passes a value
 * that it (or a function nested in it) removes again? False when no call of `fn` is found.
 */
function removedByCallers(f: FileFacts, fn: string, path: Val | undefined): boolean {
  const p = path?.k === 'bound' ? path.v : path;
  if (p?.k !== 'param') return false;
  // the function whose parameter it is: this one, or one it is written in
  let owner: string | undefined = fn;
  while (owner !== undefined && !f.functions[owner]?.params?.includes(p.n)) owner = f.functions[owner]?.parent;
  const g = owner === undefined ? undefined : f.functions[owner];
  const i = g?.name ? (g.params ?? []).indexOf(p.n) : -1;
  if (!g || i < 0) return false;
  let calls = 0;
  for (const u of f.uses) {
    if (u.fn === undefined) continue;
    for (const call of chainCalls(u.v)) {
      if (call.f.k !== 'ref' || call.f.n !== g.name) continue;
      const a = call.a[i];
      if (!a || a.k === 'x') return false;
      // the caller's outermost function: a `finally` or a callback inside it may be where the path is removed
      let at = u.fn;
      while (f.functions[at]?.parent !== undefined && !f.functions[at].name) at = f.functions[at].parent!;
      if (!pathsIn(f, at).removed.has(JSON.stringify(a))) return false;
      calls++;
    }
  }
  return calls > 0;
}

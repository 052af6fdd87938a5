import path from 'node:path';
import type { PackageInfo } from './packages';
import type { ComposeService, ServerlessFunction } from './manifests';

/**
 * What starts a service: a file (as written: it may be a built file such as `dist/main.js`, which the
 * model maps back to its source) or a glob of the files a framework runs by convention.
 */
export interface EntrySpec {
  /** Posix, relative to the workspace root. */
  path: string;
  glob?: boolean;
  /** What names it: `package.json scripts.start`, `Dockerfile CMD`, `Next.js pages`. */
  from: string;
}

/** Files besides package.json that say what a service runs, found at its root. */
export interface StartFiles {
  /** Text of `Procfile`, `Dockerfile*` and `index.html` by path. */
  texts: Map<string, string>;
  /** The `main` of each Wrangler configuration (relative to it), by the folder it is in. */
  wranglerMains?: ReadonlyMap<string, string>;
  /** The entry points of each build script that bundles for Node (`build.js` calling esbuild), by the script's path. */
  nodeBundles?: ReadonlyMap<string, readonly string[]>;
  /** The scripts each pm2 process file starts, by the file's path. */
  pm2?: ReadonlyMap<string, readonly string[]>;
}

/** pm2's process files: `ecosystem.config.js`, `pm2.config.js`, `ecosystem.json`, `pm2.prod.config.cjs`, `process.json`. */
export const PM2_CONFIG = /^(ecosystem|pm2)([.-][\w-]+)*\.(config\.)?([cm]?js|json)$|^process\.json$/;

/**
 * The programs a pm2 process file starts (`apps: [{ script: './app.js', cwd: 'backend' }]`), relative to the file's
 * folder: what `pm2 start ecosystem.config.js` and `pm2-runtime pm2.config.js` run. Names, not commands: a `script` that
 * is a package manager's (`script: 'npm', args: 'start'`) says nothing here.
 */
export function pm2Scripts(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/["']?\bscript["']?\s*:\s*["'`]([^"'`\s]+)["'`]/g)) {
    const script = m[1];
    if (!/\.[cm]?[jt]sx?$|\/[\w.-]+$|^[\w.-]+$/.test(script) || /^(npm|yarn|pnpm|node|bun)$/.test(script)) continue;
    const cwd = /["']?\bcwd["']?\s*:\s*["'`]([^"'`\s]+)["'`]/.exec(enclosingObject(text, m.index!))?.[1];
    const full = cwd && !cwd.startsWith('/') && !script.startsWith('/') ? `${cwd}/${script}` : script;
    if (!full.startsWith('/') && !out.includes(clean(full))) out.push(clean(full));
  }
  return out;
}

/** The text of the innermost `{ … }` around `at` (one app of a process file), its nested objects skipped over. */
function enclosingObject(text: string, at: number): string {
  let start = 0;
  for (let i = at, depth = 0; i >= 0; i--) {
    if (text[i] === '}') depth++;
    else if (text[i] === '{' && depth-- === 0) {
      start = i;
      break;
    }
  }
  let end = text.length;
  for (let i = at, depth = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && depth-- === 0) {
      end = i;
      break;
    }
  }
  return text.slice(start, end);
}

/** Build scripts that may call a bundler's API: `build.js`, `esbuild.config.mjs`, `scripts/build-lambdas.ts`. */
export const BUILD_SCRIPT = /^(build|esbuild|bundle)([.-][\w-]+)?\.[cm]?[jt]s$/;

/**
 * The entry points a build script hands esbuild for Node (`esbuild.build({ entryPoints: ['src/a/index.ts', …],
 * platform: 'node' })`): each a program the deployment runs, a Lambda function's handler most often. A script that
 * bundles for the browser (esbuild's default platform) names pages' code, not the service's.
 */
export function nodeBundleEntries(text: string): string[] {
  if (!/\besbuild\b/.test(text) || !/\bplatform\s*:\s*['"]node['"]/.test(text)) return [];
  const out: string[] = [];
  for (const m of text.matchAll(/\bentryPoints\s*:\s*(\[[^\]]*\]|\{[^}]*\})/g)) {
    for (const q of m[1].matchAll(/['"`]([^'"`\s]+\.[cm]?[jt]sx?)['"`]/g)) if (!q[1].includes('*') && !out.includes(clean(q[1]))) out.push(clean(q[1]));
  }
  return out;
}

/** Runners whose first file argument is the program: `node x.js`, `tsx watch x.ts`, `pm2 start x`. */
const RUNNERS = new Set([
  'node', 'nodejs', 'bun', 'deno', 'ts-node', 'ts-node-dev', 'tsnd', 'tsx', 'nodemon', 'babel-node', 'node-dev', 'esno', 'esr',
  'vite-node', 'forever', 'pm2', 'pm2-runtime', 'supervisor', 'ts-node-esm', 'swc-node',
]);
/** Words after a runner that are sub-commands, not files. */
const RUNNER_VERBS = new Set(['run', 'watch', 'start', 'start-runtime', 'startOrRestart', 'serve', '--']);
/** Flags of those runners that take a value in the next word. */
const VALUE_FLAGS = new Set([
  '-r', '--require', '--import', '--loader', '--experimental-loader', '-P', '--project', '--name', '-n', '-i', '--instances', '--watch-path',
  '--ignore', '-e', '--ext', '--exec', '-x', '--env-file', '-C', '--conditions', '--cwd', '--tsconfig', '-O', '--compiler-options', '--delay', '--signal',
]);
/** Package managers: their `run`, `start` and `exec` run the package's scripts. */
const PACKAGE_MANAGERS = /^(npm|yarn|pnpm|bun)$/;
/** Prefixes that run the rest of the line: `cross-env A=1 node x`, `dotenv -e .env -- node x`, `npx tsx x`. */
const PREFIXES = new Set(['cross-env', 'env', 'dotenv', 'npx', 'exec', 'env-cmd', 'with-env', 'nice', 'time']);
/** Commands that run the rest of the line as another user, named in the next word. */
const USER_SWITCHES = new Set(['su-exec', 'gosu']);

/** The entries named by a package, its start files, its framework and the serverless functions in its folder. */
export function serviceEntries(root: string, pkg: PackageInfo | undefined, start: StartFiles, functions: readonly ServerlessFunction[]): EntrySpec[] {
  const out: EntrySpec[] = [];
  const add = (p: string, from: string, glob = false) => {
    const full = join(root, p);
    // a pm2 process file (`pm2-runtime pm2.config.js`) starts the scripts it names, from its own folder
    const scripts = glob ? undefined : start.pm2?.get(full);
    if (scripts) {
      for (const s of scripts) {
        const at = path.posix.normalize(`${dirOf(full)}/${s}`);
        if (!out.some((e) => e.path === at)) out.push({ path: at, from: `${from} → ${full}: script ${s}` });
      }
      if (scripts.length > 0) return;
    }
    if (!out.some((e) => e.path === full)) out.push({ path: full, from, ...(glob ? { glob: true } : {}) });
  };
  const deps = pkg?.deps ?? new Set<string>();
  if (pkg) {
    for (const e of pkg.entries) if (!/\.d\.[cm]?ts$/.test(e)) add(clean(e), 'package.json main/exports');
    for (const b of pkg.binFiles) add(clean(b), 'package.json bin');
    // `start` says what runs in production
    for (const s of ['start', 'start:prod'].filter((s) => pkg.scripts[s] !== undefined)) {
      const found = commandEntries(pkg.scripts[s], pkg, 0);
      for (const f of found) add(f.path, `package.json scripts.${s}: ${pkg.scripts[s]}`, f.glob);
      if (found.length > 0) break;
    }
  }
  for (const [file, text] of start.texts) {
    if (dirOf(file) !== root) continue;
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (base === 'Procfile') {
      for (const line of text.split('\n')) {
        const m = /^([\w-]+):\s*(.+)$/.exec(line.trim());
        if (m) for (const f of commandEntries(m[2], pkg, 0)) add(f.path, `Procfile ${m[1]}: ${m[2]}`, f.glob);
      }
    } else if (base === 'index.html') {
      for (const m of text.matchAll(/<script\b[^>]*\bsrc=["']([^"']+)["']/gi)) {
        if (/^(https?:)?\/\//.test(m[1])) continue;
        add(clean(m[1].replace(/^\//, '')), 'index.html script');
      }
    } else {
      for (const cmd of dockerCommands(text)) {
        const found = commandEntries(cmd, pkg, 0);
        for (const f of found) add(f.path, `Dockerfile: ${cmd}`, f.glob);
        if (found.length > 0) continue;
        // a start script in the image (`CMD ["./start-docker.sh"]`): the commands it runs
        const script = shellScriptOf(cmd, root, start.texts);
        if (script) for (const line of script.lines) for (const f of commandEntries(line, pkg, 0)) add(f.path, `Dockerfile: ${cmd} → ${script.file}: ${line}`, f.glob);
      }
    }
  }
  // a build script beside the package (or in its `scripts/` folder) that bundles programs for Node: each entry point
  // is one, named as the script runs it, from the package's folder
  for (const [script, entries] of start.nodeBundles ?? []) {
    const dir = dirOf(script);
    if (dir !== root && dir !== join(root, 'scripts')) continue;
    for (const e of entries) add(e, `${script}: esbuild entryPoints`);
  }
  // a Cloudflare Worker runs the `main` its Wrangler configuration names
  const main = start.wranglerMains?.get(root);
  if (main) add(clean(main), 'Wrangler configuration main');
  for (const [p, from] of frameworkEntries(deps)) add(p, from, p.includes('*'));
  for (const f of functions) {
    if (!f.handler || !(f.dir === root || f.dir.startsWith(root + '/') || root === '.')) continue;
    const base = f.handler.slice(f.handler.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
    const file = path.posix.normalize(`${f.dir}/${base}`);
    if (!out.some((e) => e.path === file)) out.push({ path: file, from: `${f.file}: handler ${f.handler}` });
  }
  // `serve` and `dev` say what runs while developing (a watcher, a mock server beside the app): they
  // name the service's entries only when nothing that runs in production does
  if (pkg && out.length === 0) {
    for (const s of ['serve', 'dev'].filter((s) => pkg.scripts[s] !== undefined)) {
      for (const f of commandEntries(pkg.scripts[s], pkg, 0)) add(f.path, `package.json scripts.${s}: ${pkg.scripts[s]}`, f.glob);
    }
  }
  return out;
}

/** Files a framework runs by convention, relative to the package root. */
function frameworkEntries(deps: ReadonlySet<string>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (deps.has('next')) {
    out.push(['{src/,}{app,pages}/**', 'Next.js app/ and pages/'], ['{src/,}{middleware,instrumentation}.*', 'Next.js middleware']);
  }
  if (deps.has('@nestjs/core')) out.push(['src/main', 'NestJS main.ts']);
  if ([...deps].some((d) => /^@remix-run\/(node|serve|express|cloudflare|deno)$|^@react-router\/(node|serve|dev)$/.test(d))) out.push(['app/**', 'Remix app/']);
  if (deps.has('@sveltejs/kit')) out.push(['src/routes/**', 'SvelteKit routes'], ['src/hooks*', 'SvelteKit hooks']);
  if (deps.has('nuxt')) out.push(['{server,pages,plugins,middleware,composables}/**', 'Nuxt conventions']);
  // Sails.js loads every controller, helper, hook, model, policy and service of api/, and config/, by folder
  if (deps.has('sails')) out.push(['{api,config}/**', 'Sails.js api/ and config/']);
  return out;
}

/**
 * The shell script in the package's folder a command runs (`./start-docker.sh`, `sh start.sh`, `/app/start.sh` copied
 * from the folder), with its command lines: no comments, no blank lines, no `if`/`fi` structure words.
 */
function shellScriptOf(cmd: string, root: string, texts: ReadonlyMap<string, string>): { file: string; lines: string[] } | undefined {
  for (const part of splitCommands(cmd)) {
    const word = tokens(part).find((w) => /\.sh$/.test(w));
    if (!word) continue;
    const rel = clean(word.startsWith('/') ? word.slice(word.lastIndexOf('/') + 1) : word);
    const file = join(root, rel);
    const text = texts.get(file);
    if (text === undefined) continue;
    const lines = text.replace(/\\\r?\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#') && !/^(if|then|else|elif|fi|do|done|esac|case|for|while)\b/.test(l));
    return { file, lines };
  }
  return undefined;
}

/** `CMD`/`ENTRYPOINT` lines of a Dockerfile, exec form or shell form, as one command each. */
export function dockerCommands(text: string): string[] {
  const out: string[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split('\n');
  for (const line of lines) {
    const m = /^\s*(CMD|ENTRYPOINT)\s+(.+)$/i.exec(line);
    if (!m) continue;
    const body = m[2].trim();
    if (body.startsWith('[')) {
      try {
        const arr: unknown = JSON.parse(body);
        if (Array.isArray(arr)) out.push(arr.filter((a): a is string => typeof a === 'string').map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' '));
      } catch {
        // a broken exec form runs nothing we can read
      }
    } else out.push(body);
  }
  return out;
}

/** Files (relative to the package root) that a shell command starts, following `npm run x` into the package's scripts. */
export function commandEntries(cmd: string, pkg: PackageInfo | undefined, depth: number): Array<{ path: string; glob?: boolean }> {
  if (depth > 4) return [];
  const out: Array<{ path: string; glob?: boolean }> = [];
  // `cd backend && node server.js`: what follows runs in that folder (undefined: one outside the package)
  let cwd: string | undefined = '.';
  for (const part of splitCommands(cmd)) {
    const words = tokens(part);
    if (words[0] === 'cd') {
      cwd = cwd !== undefined && words[1] && !/^[/~$-]/.test(words[1]) ? path.posix.normalize(`${cwd}/${words[1]}`) : undefined;
      if (cwd?.startsWith('..')) cwd = undefined;
      continue;
    }
    if (cwd === undefined) continue;
    const found = partEntries(words, pkg, depth);
    // a package script after `cd` is another package's: its own scripts say what it runs
    if (cwd === '.') out.push(...found);
    else if (!PACKAGE_MANAGERS.test(words[0] ?? '')) out.push(...found.map((f) => ({ ...f, path: clean(`${cwd}/${f.path}`) })));
  }
  return out;
}

/**
 * Bundlers that make code for a browser, and only for one, from an entry file named on their command line (esbuild,
 * Parcel and webpack build servers as well, so their entries say nothing by themselves).
 */
const BROWSER_BUNDLERS = new Set(['browserify', 'watchify']);
/** Flags of those bundlers that take a value in the next word. */
const BUNDLER_VALUE_FLAGS = new Set(['-o', '--outfile', '-t', '--transform', '-p', '--plugin', '-r', '--require', '-x', '--external', '-s', '--standalone']);

/**
 * The entry files a browser bundler is given in a package script (`browserify ./web/app.js -o ./web/public/bundle.js`,
 * `watchify -t babelify ./client/main.js -o …`): code that runs in its users' browsers.
 */
export function bundlerEntries(cmd: string): string[] {
  const out: string[] = [];
  for (const part of splitCommands(cmd)) {
    // the bundler anywhere on the line: after `npx`, `cross-env A=1` or a path (`./node_modules/.bin/browserify`)
    const words = tokens(part);
    const i = words.findIndex((w) => BROWSER_BUNDLERS.has(w.replace(/^.*\//, '')));
    if (i < 0) continue;
    for (let j = i + 1; j < words.length; j++) {
      const w = words[j];
      if (BUNDLER_VALUE_FLAGS.has(w)) {
        j++;
        continue;
      }
      if (w.startsWith('-')) continue;
      if (/\.(m|c)?[jt]sx?$/.test(w)) out.push(clean(w));
    }
  }
  return out;
}

/**
 * The folders a Vite build of a package script bundles for the browser: the folder of the configuration it is given
 * (`vite build --config widget/vite.config.ts`) or the root it is given (`vite build web`). The package's own folder
 * (a plain `vite build`) is not one: that is the package's own app.
 */
export function viteRoots(cmd: string): string[] {
  const out: string[] = [];
  for (const part of splitCommands(cmd)) {
    const words = tokens(part);
    const i = words.findIndex((w) => w.replace(/^.*\//, '') === 'vite');
    if (i < 0 || (words[i + 1] !== undefined && words[i + 1] !== 'build' && !words[i + 1].startsWith('-'))) continue;
    for (let j = i + 1; j < words.length; j++) {
      const w = words[j];
      if (w === '--config' || w === '-c') {
        const dir = clean(words[j + 1] ?? '').replace(/\/?[^/]*$/, '');
        if (dir && dir !== '.') out.push(dir);
        j++;
      } else if (/^--?\w/.test(w)) {
        if (/^--(mode|outDir|base|logLevel|m)$/.test(w)) j++;
      } else if (w !== 'build' && !w.includes('=') && !/\.\w+$/.test(w) && clean(w) !== '.') out.push(clean(w));
    }
  }
  return out;
}

/** Scripts a package's lifecycle runs (`postinstall: npm run updateHsts`): install and build steps, not programs. */
export function lifecycleScripts(pkg: PackageInfo): Set<string> {
  const out = new Set<string>();
  for (const [name, cmd] of Object.entries(pkg.scripts)) {
    if (!/^(pre|post)|^(prepare|install|prepack|prepublish(Only)?)$/.test(name)) continue;
    for (const m of cmd.matchAll(/\b(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?([\w:.-]+)/g)) out.add(m[1]);
  }
  return out;
}

/** Runtimes that run a program file, and frameworks whose `start` runs their production server. */
const PROGRAM_RUNNERS = /^(node|bun|deno|tsx|ts-node|ts-node-esm)$/;
/** Of those, the ones a deployment runs a program with (a TypeScript runner is how tools and development run sources). */
const DEPLOYED_RUNNERS = /^(node|bun|deno)$/;

/**
 * Does a command run a program (`node dist/worker.js`, `cd Main && nuxt start`), rather than a tool, a watcher or a
 * container command? What the line runs last decides (`npm run build && node dist/server.js` runs the server; `webpack
 * && node ./update-config-xml.js && cordova prepare` is a build), following `npm run x` into the package's scripts.
 * `deployed`: only with a runtime a deployment uses, not a TypeScript runner. The folder it changes into first, when it
 * does (`cd Server && node …` → `Server`).
 */
export function programRun(cmd: string, pkg?: PackageInfo, deployed = false, depth = 0): { folder?: string } | undefined {
  let folder: string | undefined;
  const parts = splitCommands(cmd);
  for (const [i, part] of parts.entries()) {
    const words = tokens(part).filter((w, j, all) => !/^\w+=/.test(w) && !(PREFIXES.has(w) && j < all.length - 1));
    if (words[0] === 'cd') {
      if (words[1] && !/^[/~$-]/.test(words[1])) folder = clean(folder ? `${folder}/${words[1]}` : words[1]);
      continue;
    }
    if (i < parts.length - 1) continue;
    const [head, sub] = words;
    const script = head && PACKAGE_MANAGERS.test(head) ? (sub === 'run' || sub === 'run-script' ? words[2] : head !== 'npm' ? sub : undefined) : undefined;
    const inner = script !== undefined && pkg?.scripts[script] !== undefined && depth < 4 ? programRun(pkg.scripts[script], pkg, deployed, depth + 1) : undefined;
    if (inner) return folder === undefined ? inner : { folder };
    const runs = (deployed ? DEPLOYED_RUNNERS : PROGRAM_RUNNERS).test(head ?? '') || ((head === 'nuxt' || head === 'next') && sub === 'start');
    if (!runs) return undefined;
    return folder !== undefined && !folder.startsWith('..') ? { folder } : {};
  }
  return undefined;
}

/** What one command of a line (no `&&`, `;` or pipe left) starts. */
function partEntries(words: string[], pkg: PackageInfo | undefined, depth: number): Array<{ path: string; glob?: boolean }> {
  const out: Array<{ path: string; glob?: boolean }> = [];
  let i = 0;
  // `sh -c "node x"`: the quoted command is the one that runs
  while (i < words.length && (PREFIXES.has(words[i]) || USER_SWITCHES.has(words[i]) || /^\w+=/.test(words[i]) || (words[i].startsWith('-') && i > 0 && PREFIXES.has(words[i - 1])))) {
    // `su-exec node node ./src/www`, `gosu app npm start`: the user to run as, then the command
    if (USER_SWITCHES.has(words[i])) i++;
    else if (words[i] === '-e' || words[i] === '-f') i++;
    i++;
  }
  const w = words.slice(i);
  if (w.length === 0) return out;
  const [head, sub] = w;
  if (/^(sh|bash)$/.test(head) && sub === '-c' && w[2]) out.push(...commandEntries(w[2], pkg, depth + 1));
  else if (PACKAGE_MANAGERS.test(head)) {
    const script = sub === 'run' || sub === 'run-script' ? w[2] : sub === 'start' ? 'start' : head !== 'npm' ? sub : undefined;
    if (script && pkg?.scripts[script] !== undefined) out.push(...commandEntries(pkg.scripts[script], pkg, depth + 1));
    else if ((head === 'pnpm' || head === 'yarn') && (sub === 'exec' || sub === 'dlx')) out.push(...commandEntries(w.slice(2).join(' '), pkg, depth + 1));
  } else if (/^(concurrently|npm-run-all|run-p|run-s)$/.test(head)) {
    for (const a of w.slice(1)) {
      if (a.startsWith('-')) continue;
      const script = a.startsWith('npm:') ? a.slice(4) : head === 'concurrently' ? undefined : a;
      if (script !== undefined) {
        if (pkg?.scripts[script] !== undefined) out.push(...commandEntries(pkg.scripts[script], pkg, depth + 1));
      } else out.push(...commandEntries(a, pkg, depth + 1));
    }
  } else if (head === 'nest' && sub === 'start') out.push({ path: 'src/main' });
  // a full-stack framework's production server, in the folder the command runs in: what its conventions load
  else if (head === 'nuxt' && (sub === 'start' || sub === 'preview')) out.push({ path: '{server,pages,plugins,middleware,composables,layouts,components,store}/**', glob: true });
  else if (head === 'next' && sub === 'start') out.push({ path: '{src/,}{app,pages}/**', glob: true });
  else if (head === 'react-scripts' && sub === 'start') out.push({ path: 'src/index' });
  else if (RUNNERS.has(head)) {
    const file = programOf(w.slice(1));
    if (file === '.') for (const e of pkg?.entries ?? []) out.push({ path: clean(e) });
    else if (file) out.push({ path: clean(file) });
  }
  return out;
}

/** The program a runner is given: its first word that is neither a flag, a flag's value nor a sub-command. */
function programOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      if (VALUE_FLAGS.has(a)) i++;
      continue;
    }
    if (RUNNER_VERBS.has(a) || RUNNERS.has(a)) continue;
    // `node server` runs server/index.js: the model keeps it only if it names a source file or folder
    return a;
  }
  return undefined;
}

function splitCommands(cmd: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i];
    if (quote) {
      if (c === quote) quote = undefined;
      cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ';' || c === '|' || (c === '&' && cmd[i + 1] === '&')) {
      out.push(cur);
      cur = '';
      if (c !== ';' && cmd[i + 1] === c) i++;
    } else if (c === '&') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

function tokens(part: string): string[] {
  const out: string[] = [];
  for (const m of part.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

function clean(p: string): string {
  return path.posix.normalize(p.replace(/^\.\//, ''));
}

function join(root: string, p: string): string {
  return root === '.' ? p : path.posix.normalize(`${root}/${p}`);
}

function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '.' : rel.slice(0, i);
}

/**
 * Entries a compose service's `command:` names (`npm run start-api-prod` with `working_dir: /zeppelin/backend`)
 * for the workspace service it runs: the one whose folder the working directory ends in, else the one its
 * build context is. A command of an official image (a database's flags) names none of the workspace's files.
 */
export function composeEntries(
  services: ReadonlyArray<{ root: string; pkg?: PackageInfo; entries: EntrySpec[] }>, compose: readonly ComposeService[],
): void {
  for (const c of compose) {
    if (!c.command || c.officialImage) continue;
    const wd = c.workingDir?.replace(/\/+$/, '');
    const byDir = wd ? services.filter((s) => s.root !== '.' && (wd === `/${s.root}` || wd.endsWith(`/${s.root}`))).sort((a, b) => b.root.length - a.root.length)[0] : undefined;
    const s = byDir ?? (c.context !== undefined ? services.find((x) => x.root === c.context) : undefined);
    if (!s) continue;
    for (const f of commandEntries(c.command, s.pkg, 0)) {
      const full = join(s.root, f.path);
      if (!s.entries.some((e) => e.path === full)) s.entries.push({ path: full, from: `${c.file} ${c.name}: ${c.command}`, ...(f.glob ? { glob: true } : {}) });
    }
  }
}

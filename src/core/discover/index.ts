import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, normalizeRoot, usableGlobs, type StateMapConfig } from '../config';
import { isSourceFile, startSource } from '../sourceFiles';
import { TOOL_SCRIPT, TOOLING } from '../../catalog/layout';
import type { StoreKind } from '../../catalog';
import type { ClaimSource, Problem, ServiceKind } from '../model/types';
import { claimsRevocation, isClaimDoc, readmeClaims } from './claims';
import { DEFAULT_EXCLUDES, readText, stripBom, walkWorkspace, type WalkedFile } from './files';
import { BUILD_SCRIPT, PM2_CONFIG, bundlerEntries, commandEntries, composeEntries, lifecycleScripts, nodeBundleEntries, pm2Scripts, programRun, serviceEntries, viteRoots, type EntrySpec } from './entries';
import { markCopies, type PackageFile } from './copies';
import { readNestCli, type NestProject } from './nestCli';
import { readDockerfile, type DockerfilePlaces } from './dockerfile';
import { isEnvFile, readEnvDefaults } from './envFiles';
import { isFlyConfig, readFlyConfig, type FlyPlaces } from './fly';
import { pushTo } from '../grouping';
import { chartDirOf, readHelmTemplates } from './helm';
import { emptyManifests, isTemplate, readManifest, type ComposeService, type Manifests, type Workload } from './manifests';
import { dirOf, matchWorkspaces, readPackage, readPnpmWorkspace, type PackageInfo } from './packages';
import { buildFolders, pathMappings, readPrismaSchema, readTsconfig, type PathMapping, type PrismaSchema } from './schemas';
import { uniqueKeysOf } from './uniqueKeys';
import { isPrimaryWranglerConfig, isWranglerConfig, readWranglerConfig, type WorkerBinding } from './wrangler';

export interface DiscoveredService {
  id: string;
  root: string;
  name: string;
  pkg?: PackageInfo;
  /** Kind set by the config file. */
  kind?: ServiceKind;
  /** Claims found in docs, package.json, config and manifests (code comments come with the facts). */
  claims: ClaimSource[];
  /** A serverless manifest names a function in this service. */
  serverless?: boolean;
  /** Stores whose events invoke its functions (an SQS queue, a Kinesis stream): read edges. */
  triggers: Array<{ kind: StoreKind; file: string; line: number; text: string }>;
  /** A workspace package (npm/yarn/pnpm workspaces). */
  workspacePackage: boolean;
  /** What starts it (start scripts, Procfile, Dockerfile, framework conventions); empty when nothing says. */
  entries: EntrySpec[];
  /** The Kubernetes workloads and compose services that run it (their volumes, config and secrets are its own). */
  runs?: { workloads: Workload[]; compose: ComposeService[] };
  /** The line of its README.md that says tokens can be revoked (logout, revoke, invalidate). */
  revocationClaim?: number;
  /**
   * A unit a script, a Procfile or a container starts with a runtime (`node dist/Bot/index.js`): its code runs in Node,
   * whatever browser libraries its package also lists, so it is no front-end.
   */
  program?: true;
  /** A side-by-side copy of the package at this root (a chapter snapshot): counted as a sample. */
  copyOf?: string;
  /** The `VOLUME` and `ENV` lines of the Dockerfile in its folder, when it has some. */
  dockerfile?: DockerfilePlaces;
  /** The mounts and environment of the Fly.io configuration (`fly.toml`) in its folder. */
  fly?: FlyPlaces;
}

export interface Workspace {
  /** Absolute path of the workspace root. */
  root: string;
  config: StateMapConfig;
  /** Source files to extract, posix relative. */
  sourceFiles: WalkedFile[];
  services: DiscoveredService[];
  /** package.json by folder. */
  packages: Map<string, PackageInfo>;
  /** Workspace package name → folder. */
  packageNames: Map<string, string>;
  pathMappings: PathMapping[];
  prisma: PrismaSchema[];
  /**
   * Unique column sets that `.sql` files declare (a migration's `CREATE UNIQUE INDEX`, `UNIQUE (…)` in a `CREATE TABLE`), as
   * `[table, columns]`: what check-then-act takes as the database refusing a second insert. Absent when none.
   */
  sqlKeys?: Array<[string, string[]]>;
  /** Cloudflare Workers bindings from Wrangler configurations. */
  bindings: WorkerBinding[];
  /** Folders holding a Wrangler configuration: each is a Worker, deployed serverless. */
  workers: string[];
  /** Folders holding a `vercel.json`: their `api/` files are Vercel Functions. */
  vercel?: string[];
  /** Values the repository's example env files give variables (`.env.example`, `config/example.env`): their defaults. */
  envDefaults?: Record<string, string[]>;
  manifests: Manifests;
  problems: Problem[];
  /** The other files discovery looked at (package.json, manifests, docs, configs), posix relative. */
  inputs: string[];
}

export interface DiscoverOptions {
  ignore?: string[];
  maxFileSize?: number;
  includeTests?: boolean;
  /** Report hazard kinds not yet measured (the config file's `experimentalHazards` turns them on too). */
  experimentalHazards?: boolean;
  /** Only source files matching these globs are analyzed (manifests, docs and configs are always read). */
  include?: string[];
  onProgress?(message: string): void;
}

const ALWAYS_EXCLUDED = ['**/*.d.ts', '**/*.d.mts', '**/*.d.cts', '**/*.min.js', '**/*-min.js', '**/*.bundle.js', '**/vendor/**'];

/** Finds the services of a workspace, what each claims, and the facts about the workspace that linking needs. */
export function discoverWorkspace(rootArg: string, opts: DiscoverOptions = {}): Workspace {
  const root = path.resolve(rootArg);
  const { config, problems } = loadConfig(root, { ignore: opts.ignore, maxFileSize: opts.maxFileSize, includeTests: opts.includeTests, experimentalHazards: opts.experimentalHazards });
  const exclude = excludeGlobs(config);
  const walked = walkWorkspace(root, {
    maxFileSize: config.maxFileSize, exclude, include: opts.include && usableGlobs(opts.include, 'the include option', '.', problems),
    onProgress: (n) => opts.onProgress?.(`Scanning ${n.toLocaleString('en-US')} entries`),
  });
  problems.push(...walked.problems);

  const sourceFiles: WalkedFile[] = [];
  const packages = new Map<string, PackageInfo>();
  const tsconfigs = new Map<string, ReturnType<typeof readTsconfig>>();
  const prisma: PrismaSchema[] = [];
  const sqlKeys: Array<[string, string[]]> = [];
  const bindings: WorkerBinding[] = [];
  const workers: string[] = [];
  const vercel: string[] = [];
  const extensions: string[] = [];
  const wranglerMains = new Map<string, string>();
  const manifests = emptyManifests();
  const docs: WalkedFile[] = [];
  const startTexts = new Map<string, string>();
  const nodeBundles = new Map<string, string[]>();
  const pm2 = new Map<string, string[]>();
  const flyConfigs = new Map<string, FlyPlaces>();
  let pnpmGlobs: string[] = [];
  const chartFiles = new Map<string, string>();
  const templates: Array<{ rel: string; text: string }> = [];
  const nxProjects: string[] = [];
  const nestProjects: NestProject[] = [];
  const envDefaults = new Map<string, string[]>();
  const read = (f: WalkedFile): string | undefined => {
    const r = readText(path.join(root, f.rel), f.rel, f.size, config.maxFileSize);
    if (r.problem) problems.push(r.problem);
    return r.text;
  };
  const inputs: string[] = [];
  for (const f of walked.files) {
    const base = f.rel.slice(f.rel.lastIndexOf('/') + 1);
    if (isDiscoveryInput(f.rel)) inputs.push(f.rel);
    // a pm2 process file (`ecosystem.config.js`, `ecosystem.json`) names the scripts pm2 starts
    if (PM2_CONFIG.test(base)) {
      const text = read(f);
      if (text !== undefined) pm2.set(f.rel, pm2Scripts(text));
    }
    if (isSourceFile(f.rel)) {
      sourceFiles.push(f);
      // a build script that bundles programs for Node names what the deployment runs (a Lambda function per entry point)
      if (BUILD_SCRIPT.test(base)) {
        const text = read(f);
        const entries = text === undefined ? [] : nodeBundleEntries(text);
        if (entries.length > 0) nodeBundles.set(f.rel, entries);
      }
      continue;
    }
    if (base === 'package.json') {
      const text = read(f);
      if (text !== undefined) packages.set(dirOf(f.rel), readPackage(f.rel, text, problems));
    } else if (base === 'project.json' && dirOf(f.rel) !== '.') {
      const text = read(f);
      if (text !== undefined && isNxProject(f.rel, text, problems)) nxProjects.push(dirOf(f.rel));
    } else if (base === 'nest-cli.json' || base === '.nestcli.json') {
      const text = read(f);
      if (text !== undefined) nestProjects.push(...readNestCli(f.rel, text, problems));
    } else if (base === 'pnpm-workspace.yaml' && dirOf(f.rel) === '.') {
      const text = read(f);
      if (text !== undefined) pnpmGlobs = readPnpmWorkspace(f.rel, text, problems);
    } else if (/^(tsconfig.*|jsconfig)\.json$/.test(base)) {
      const text = read(f);
      if (text !== undefined) tsconfigs.set(f.rel, readTsconfig(f.rel, text, problems));
    } else if (isWranglerConfig(base)) {
      const text = read(f);
      if (text !== undefined) {
        const w = readWranglerConfig(f.rel, text, problems);
        bindings.push(...w.bindings);
        // the folder's Worker starts where its own configuration says; a template only where there is no real one
        if (w.main && isPrimaryWranglerConfig(base) && (/^wrangler\.(toml|json|jsonc)$/.test(base) || !wranglerMains.has(dirOf(f.rel)))) wranglerMains.set(dirOf(f.rel), w.main);
      }
      if (!workers.includes(dirOf(f.rel))) workers.push(dirOf(f.rel));
    } else if (base === 'vercel.json') {
      vercel.push(dirOf(f.rel));
    } else if (isEnvFile(base)) {
      const text = read(f);
      if (text !== undefined) readEnvDefaults(text, envDefaults);
    } else if (base === 'manifest.json') {
      const text = read(f);
      if (text !== undefined && isExtensionManifest(text)) extensions.push(dirOf(f.rel));
    } else if (isFlyConfig(base)) {
      const text = read(f);
      const fly = text === undefined ? undefined : readFlyConfig(f.rel, text, problems);
      // `fly.toml` speaks for its folder; a per-environment copy only where there is none
      if (fly && (base === 'fly.toml' || !flyConfigs.has(dirOf(f.rel)))) flyConfigs.set(dirOf(f.rel), fly);
    } else if (base.endsWith('.prisma')) {
      const text = read(f);
      if (text !== undefined) prisma.push(readPrismaSchema(f.rel, text, problems));
    } else if (/\.sql$/i.test(base)) {
      const text = read(f);
      if (text !== undefined) sqlKeys.push(...uniqueKeysOf(text));
    } else if (/\.ya?ml$/i.test(base)) {
      const text = read(f);
      if (text === undefined) continue;
      if (base === 'values.yaml' || base === 'Chart.yaml') chartFiles.set(f.rel, text);
      // a chart's template waits for its chart's values, read after every file
      if (isTemplate(text) && chartDirOf(f.rel) !== undefined) templates.push({ rel: f.rel, text });
      else readManifest(f.rel, text, manifests, problems);
    } else if (/\.(md|markdown|txt|rst)$/i.test(base) || /^readme$/i.test(base)) {
      docs.push(f);
    } else if (isStartFile(base)) {
      const text = read(f);
      if (text !== undefined) startTexts.set(f.rel, text);
    }
  }

  readHelmTemplates(templates, chartFiles, manifests, problems);
  const mappings = pathMappings(tsconfigs, problems);
  // an Nx project (`apps/api/project.json`) is a package of its own that shares the root's package.json
  for (const dir of nxProjects) {
    if (packages.has(dir)) continue;
    packages.set(dir, projectPackage(dir, packages.get('.')));
  }
  // so is each project of a Nest CLI monorepo (`apps/api`, `libs/common`) that has no package.json of its own
  const nestEntries = new Map<string, string>();
  for (const p of nestProjects) {
    if (packages.has(p.dir)) continue;
    packages.set(p.dir, projectPackage(p.dir, packages.get(ownerOf(p.dir + '/', [...packages.keys()]) ?? '.')));
    if (p.entry) nestEntries.set(p.dir, p.entry);
  }
  // a `.js` the TypeScript compiler wrote beside its `.ts` (a project built in place and committed): the `.ts` is the code
  const twins = compiledTwins(sourceFiles, tsconfigs);
  if (twins.size > 0) sourceFiles.splice(0, sourceFiles.length, ...sourceFiles.filter((f) => !twins.has(f.rel)));
  const services = findServices(config, packages, pnpmGlobs, sourceFiles, path.basename(root));
  // a Nest library runs in the applications that import it, never on its own
  for (const s of services) if (!s.kind && nestProjects.some((p) => p.dir === s.root && p.library)) s.kind = 'library';
  // a browser extension (its `manifest.json` at the package's root) runs in its user's browser, whatever it imports
  for (const s of services) if (!s.kind && extensions.includes(s.root)) s.kind = 'frontend';
  markCopies(services, problems, packageFiles(services, sourceFiles));
  for (const s of services) addClaims(s, docs, read, config);
  for (const s of services) {
    s.entries = serviceEntries(s.root, s.pkg, { texts: startTexts, wranglerMains, nodeBundles, pm2 }, manifests.functions);
    const nest = nestEntries.get(s.root);
    if (nest && !s.entries.some((e) => e.path === join(s.root, nest))) s.entries.unshift({ path: join(s.root, nest), from: 'nest-cli.json projects' });
  }
  for (const s of services) {
    const d = serviceDockerfile(s.root, startTexts);
    if (d && (d.volumes.length > 0 || d.env.length > 0)) s.dockerfile = d;
    const fly = flyConfigs.get(s.root);
    if (fly && (fly.mounts.length > 0 || fly.env.length > 0)) s.fly = fly;
  }
  composeEntries(services, manifests.compose);
  const sources = new Set(sourceFiles.map((f) => f.rel));
  // (a start command's built file is its source where the tsconfig that builds it says, `built/web/index.js` ← `web/index.ts`)
  const builds = buildFolders(mappings);
  const sourceOf = (p: string) => startSource(p, sources, builds);
  services.push(...functionUnits(services, packages, sourceOf));
  matchManifests(services, manifests);
  services.push(...browserUnits(services, packages));
  services.push(...scriptUnits(services, packages, sourceOf));
  services.push(...procfileUnits(services, packages, sourceOf));
  services.push(...bundleUnits(services, packages));

  const packageNames = new Map<string, string>();
  const copies = new Set(services.filter((s) => s.copyOf !== undefined).map((s) => s.root));
  // a name shared by copies means the package that is not one
  for (const [dir, pkg] of packages) if (pkg.name && (!copies.has(dir) || !packageNames.has(pkg.name))) packageNames.set(pkg.name, dir);
  return {
    root, config, sourceFiles, services, packages, packageNames, pathMappings: mappings, prisma, bindings, workers, vercel, manifests, problems, inputs,
    ...(sqlKeys.length > 0 ? { sqlKeys } : {}),
    ...(envDefaults.size > 0 ? { envDefaults: Object.fromEntries([...envDefaults].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) } : {}),
  };
}

/** A service's claims from its docs (and whether its README promises revocation), package.json and the config file. */
function addClaims(s: DiscoveredService, docs: readonly WalkedFile[], read: (f: WalkedFile) => string | undefined, config: StateMapConfig): void {
  for (const d of docs) {
    if (!isClaimDoc(d.rel, s.root)) continue;
    const text = read(d);
    if (text === undefined) continue;
    s.claims.push(...readmeClaims(d.rel, text));
    if (d.rel === join(s.root, 'README.md')) s.revocationClaim = claimsRevocation(text);
  }
  if (s.pkg?.claim) s.claims.push({ kind: 'package.json', file: join(s.root, 'package.json'), line: s.pkg.claim.line, text: s.pkg.claim.text, stateless: s.pkg.claim.stateless });
  const configured = config.claims[s.root] ?? config.services?.find((c) => c.root === s.root)?.claim;
  if (configured && config.file) {
    s.claims.push({ kind: 'config', file: config.file, line: config.lines[s.root] ?? 1, text: `"${s.root}": "${configured}"`, stateless: configured === 'stateless' });
  }
}

/** The globs of files an analysis skips under this config. */
export function excludeGlobs(config: StateMapConfig): string[] {
  return [...ALWAYS_EXCLUDED, ...(config.includeTests ? [] : DEFAULT_EXCLUDES), ...config.ignore];
}

/** Files whose change changes what discovery finds: manifests, configs, docs with claims. */
export function isDiscoveryInput(file: string): boolean {
  const base = file.slice(file.lastIndexOf('/') + 1);
  return /^(package\.json|project\.json|vercel\.json|manifest\.json|nest-cli\.json|\.nestcli\.json|pnpm-workspace\.ya?ml|statemap\.config\.json|(tsconfig.*|jsconfig)\.json)$/.test(base) || isWranglerConfig(base) || isFlyConfig(base) || isEnvFile(base) ||
    PM2_CONFIG.test(base) || BUILD_SCRIPT.test(base) ||
    /\.(ya?ml|prisma|sql)$/i.test(base) || /\.(md|markdown|txt|rst)$/i.test(base) || /^readme$/i.test(base) || isStartFile(base);
}

/**
 * The `.js` files the TypeScript compiler wrote beside their sources: `app.js` next to `app.ts` where the nearest tsconfig
 * names no `outDir` (it builds in place). Analysing both would report each hazard twice, once in generated code; imports
 * of `./app.js` and start commands that run it resolve to `app.ts`. Without a tsconfig nothing is taken for a copy.
 */
function compiledTwins(sourceFiles: readonly WalkedFile[], tsconfigs: ReadonlyMap<string, { outDir?: string }>): Set<string> {
  const out = new Set<string>();
  if (tsconfigs.size === 0) return out;
  const rels = new Set(sourceFiles.map((f) => f.rel));
  const configs = [...tsconfigs].map(([rel, c]) => ({ dir: dirOf(rel), inPlace: c.outDir === undefined })).sort((a, b) => b.dir.length - a.dir.length);
  for (const f of sourceFiles) {
    if (!f.rel.endsWith('.js')) continue;
    const base = f.rel.slice(0, -3);
    if (!rels.has(`${base}.ts`) && !rels.has(`${base}.tsx`)) continue;
    const config = configs.find((c) => c.dir === '.' || f.rel.startsWith(c.dir + '/'));
    if (config?.inPlace) out.add(f.rel);
  }
  return out;
}

/** A WebExtension's manifest (Chrome, Firefox): JSON with a `manifest_version`. A web app manifest has none. */
function isExtensionManifest(text: string): boolean {
  try {
    const j: unknown = JSON.parse(text);
    return typeof j === 'object' && j !== null && typeof (j as { manifest_version?: unknown }).manifest_version === 'number';
  } catch {
    return false; // not JSON, or not this kind of manifest: nothing to say about it
  }
}

/** A project of a monorepo tool (Nx, Nest CLI) with no package.json of its own: the package.json that holds it speaks for it. */
/**
 * A full-stack package runs two things: the server its scripts start, and the browser app its `index.html` loads from a
 * folder of its own (`<script type="module" src="/app/main.tsx">`). The browser app is a unit of its own, named by
 * its folder, with the package's dependencies; what the server runs stays the package's.
 */
function browserUnits(services: DiscoveredService[], packages: ReadonlyMap<string, PackageInfo>): DiscoveredService[] {
  const out: DiscoveredService[] = [];
  for (const s of services) {
    const html = s.entries.filter((e) => e.from === 'index.html script');
    const server = s.entries.filter((e) => !html.includes(e) && e.from !== 'package.json main/exports');
    if (html.length === 0 || server.length === 0 || s.kind) continue;
    const rel = (p: string) => (s.root === '.' ? p : p.slice(s.root.length + 1));
    const folders = new Set(html.map((e) => (rel(e.path).includes('/') ? rel(e.path).split('/')[0] : '')));
    const [folder] = folders;
    if (folders.size !== 1 || !folder) continue;
    const dir = join(s.root, folder);
    if (packages.has(dir) || services.some((x) => x.root === dir || x.root.startsWith(dir + '/'))) continue;
    // the server's own code lives there too: one unit
    if (server.some((e) => e.path === dir || e.path.startsWith(dir + '/'))) continue;
    s.entries = s.entries.filter((e) => !html.includes(e));
    out.push({ id: dir, root: dir, name: `${s.name}/${folder}`, pkg: projectPackage(dir, s.pkg), claims: [], triggers: [], workspacePackage: false, entries: html });
  }
  return out;
}

/** `start:dev`, `start:prod`, `start-watch`: the same program in another environment or under a watcher, not another unit. */
const START_VARIANTS = /^(dev|develop|development|prod|production|debug|inspect|watch|hot|local|test|tests|e2e|ci|docker|staging|stage|build|ts|js|tsx|nodemon|pm2|cluster|all|both|once|inline|sandbox|qa|preview|memory)$/i;

/**
 * Script names that are not another program a deployment runs: a watcher or development server, tests, checks, one-off
 * tasks run by hand (a backup, an import, a data refresh), a console. `start` itself is what the package runs.
 */
const NOT_A_UNIT = /(^|[:_-])(start|dev|develop|development|watch|debug|inspect|test|tests|e2e|lint|format|storybook|serve|preview|local|prod|production|docker|ci|clean|update|fetch|sync|capture|check|analy[sz]e|bench|benchmark|profile|repl|console|shell|scripts?|tools?|cli|backup|restore|init|reset|import|export|dump|load|upgrade|hooks?|typecheck|tsc|compile|pm2|all)([:_-]|$)/i;

/**
 * The role of a script that runs another program of the package: `start:<role>` (or `<role>:start`, `start-<role>`),
 * or a script of any name that runs a program file or a framework's server (`"cron-runner": "cd Server && node
 * dist/Server/cron-runner.js"`, `"main": "cd ./Main && nuxt start"`), unless its name says it is a tool, a check or a
 * development variant, or the package's lifecycle runs it.
 */
function scriptRole(script: string, cmd: string, pkg: PackageInfo, lifecycle: ReadonlySet<string>): { role: string; folder?: string } | undefined {
  const role = /^start[:_-](\w[\w-]*)$/.exec(script)?.[1] ?? /^(\w[\w-]*)[:_-]start$/.exec(script)?.[1];
  if (role) {
    const run = START_VARIANTS.test(role) ? undefined : programRun(cmd, pkg);
    return run && { role, ...run };
  }
  if (TOOL_SCRIPT.test(script) || NOT_A_UNIT.test(script) || lifecycle.has(script) || !/^\w[\w-]*$/.test(script)) return undefined;
  const run = programRun(cmd, pkg, true);
  return run && { role: script, ...run };
}

/**
 * A package whose scripts start more than its server: `start:worker: node src/workers/crawl.js`,
 * `"cron-runner": "cd Server && node dist/Server/cron-runner.js"`, `"main": "cd ./Main && nuxt start"`. A script with a
 * role (see `scriptRole`) that runs a file in a folder of its own, apart from what `start` runs and from every other
 * service, is another runtime unit: rooted at that folder (the folder it changes into, when the file is that folder's
 * index), named after the package and its role. Its code is that folder; what it calls of the package is reached through
 * calls, as for any unit. One that runs a file in a folder another unit has is a unit of that one file.
 */
function scriptUnits(services: DiscoveredService[], packages: ReadonlyMap<string, PackageInfo>, sourceOf: (path: string) => string | undefined): DiscoveredService[] {
  const out: DiscoveredService[] = [];
  for (const s of services) {
    if (s.kind || !s.pkg || s.copyOf !== undefined) continue;
    const lifecycle = lifecycleScripts(s.pkg);
    const started = (file: string) => [...services, ...out].some((x) => x.root === file || x.entries.some((e) => e.path === file || sourceOf(e.path) === file));
    for (const [script, cmd] of Object.entries(s.pkg.scripts)) {
      const run = scriptRole(script, cmd, s.pkg, lifecycle);
      if (!run) continue;
      const { role, folder } = run;
      const found = commandEntries(cmd, s.pkg, 0);
      const from = `package.json scripts.${script}: ${cmd}`;
      const cdDir = folder === undefined ? undefined : join(s.root, folder);
      const all = [...services, ...out];
      // a framework's server in a folder of its own (`cd ./Main && nuxt start`): the folder is a unit, its conventions its entries
      if (found.length > 0 && found.every((f) => f.glob)) {
        if (cdDir && folderApart(cdDir, s, all, packages)) out.push({ ...unitIn(cdDir, `${s.name}/${role}`, s, { path: join(s.root, found[0].path), glob: true, from }), kind: 'frontend' });
        continue;
      }
      const files = found.filter((f) => !f.glob);
      if (files.length !== 1) continue;
      const entry = join(s.root, files[0].path);
      const source = sourceOf(entry);
      if (source && started(source)) continue; // another script runs the same program
      // `cd Server && node dist/Server/index.js`: the folder it changes into, whose index it runs
      if (cdDir && source && dirOf(source) === cdDir && /\/index\.[^/]+$/.test(source) && folderApart(cdDir, s, all, packages)) {
        out.push(unitIn(cdDir, `${s.name}/${role}`, s, { path: source, from }));
        continue;
      }
      // (a built index's folder is where its source is: `node ./built/web/index.js` runs `web/`)
      const dir = dirOf(source && source !== entry && /\/index\.[^/]+$/.test(source) ? source : entry);
      if (!dir.split('/').some((seg) => /^(dist|build|out|lib|bin|scripts?|tools?)$/.test(seg)) && folderApart(dir, s, all, packages)) {
        out.push(unitIn(dir, `${s.name}/${role}`, s, { path: entry, from }));
        continue;
      }
      // a second process started from a file in a folder the server shares (`start:pool: node lib/pool-service/pool.js`):
      // a unit of that one file, when it is a source file the package's own start does not run
      // (no service has it as its root or entry: `started` said so above)
      if (source && source !== s.root && !TOOLING.test(source)) {
        out.push(unitIn(source, `${s.name}/${role}`, s, { path: source, from }));
      }
    }
  }
  return out;
}

/** Entries that each start a function of their own, deployed apart: a serverless manifest's handler, a Node bundle's entry point. */
const FUNCTION_ENTRY = /: (handler |esbuild entryPoints$)/;

/**
 * A package of serverless functions (`serverless.yml` handlers, a build script's esbuild entry points) whose
 * functions live in folders of their own (`src/event-handler/index.ts`, `src/audit-log-api/handlers/*.ts`): each
 * function is deployed and run apart, so each folder of them is a runtime unit, rooted at the first folder below the
 * one they all share and named after the package and that folder. What they share (`src/shared`) belongs to each
 * unit that loads it. Functions that share one folder (or one file) stay the package's.
 */
function functionUnits(services: DiscoveredService[], packages: ReadonlyMap<string, PackageInfo>, sourceOf: (path: string) => string | undefined): DiscoveredService[] {
  const out: DiscoveredService[] = [];
  for (const s of services) {
    if (s.kind || s.copyOf !== undefined) continue;
    const fns = s.entries.filter((e) => !e.glob && FUNCTION_ENTRY.test(e.from)).map((e) => ({ e, file: sourceOf(e.path) ?? e.path }));
    if (fns.length < 2) continue;
    const shared = fns.map((x) => dirOf(x.file)).reduce(commonDir);
    const groups = new Map<string, EntrySpec[]>();
    for (const { e, file } of fns) {
      const below = shared === '.' ? file : file.slice(shared.length + 1);
      if (!below.includes('/')) continue; // a function in the shared folder itself stays the package's
      const dir = join(shared, below.slice(0, below.indexOf('/')));
      const list = groups.get(dir) ?? [];
      if (!list.some((x) => x.path === file)) list.push({ ...e, path: file });
      groups.set(dir, list);
    }
    if (groups.size < 2) continue;
    for (const [dir, entries] of groups) {
      const rest = { ...s, entries: s.entries.filter((e) => e.glob || !entries.some((x) => (sourceOf(e.path) ?? e.path) === x.path)) };
      if (!folderApart(dir, rest, [...services, ...out], packages)) continue;
      s.entries = rest.entries;
      // (a program the platform runs: the package that names it starts nothing else, and what it keeps beside the
      // functions, scripts and tests, is tooling unless a function loads it)
      out.push({ id: dir, root: dir, name: `${s.name}/${dir.slice(dir.lastIndexOf('/') + 1)}`, pkg: projectPackage(dir, s.pkg), claims: [], triggers: [], workspacePackage: false, entries, program: true });
    }
  }
  return out;
}

/** The folder two folders share: `src/a` and `src/b/c` → `src`. */
function commonDir(a: string, b: string): string {
  const x = a.split('/');
  const y = b.split('/');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i === 0 ? '.' : x.slice(0, i).join('/');
}

/** Procfile process types that are not another long-running unit: the web process, and what runs once at release. */
const PROCFILE_NOT_UNITS = /^(web|release|postdeploy|predeploy)$/;

/**
 * Roles that name a task run once per deployment (`postgres-migration`, `seed`, `bootstrap`): a command-line run, whose
 * memory no second replica shares and no request changes.
 */
const ONE_SHOT_ROLE = /(^|[-_:.])(migrat\w*|seeds?|seeder|bootstrap|init|setup|backup|restore)([-_:.]|$)/i;

/** The role an entry's source names: a Procfile's process type, or the container of a compose file or manifest that runs it. */
function processRole(from: string): string | undefined {
  return /^Procfile ([\w-]+): /.exec(from)?.[1] ?? /^\S+\.ya?ml (?:[A-Z]\w+ )?([\w.-]+): /.exec(from)?.[1];
}

/**
 * A Procfile names each process type its platform runs (`web: npm run start`, `worker: npm run worker`); a compose file
 * or a manifest names each container (`retraced-processor: node build/src/_processor/index.js`). A type other than `web`
 * whose command runs a file in a folder of its own (`tsx worker/index.js`), apart from the package's other entries and
 * from every other service, is a runtime unit of its own: rooted at that folder, named after the package and the process
 * type or container. The package keeps what its other entries start.
 */
function procfileUnits(services: DiscoveredService[], packages: ReadonlyMap<string, PackageInfo>, sourceOf: (path: string) => string | undefined): DiscoveredService[] {
  const out: DiscoveredService[] = [];
  for (const s of services) {
    if (s.kind || s.copyOf !== undefined) continue;
    for (const e of [...s.entries]) {
      const role = processRole(e.from);
      if (!role || PROCFILE_NOT_UNITS.test(role) || e.glob) continue;
      const rest = s.entries.filter((x) => x !== e);
      // (a built file's folder is where its source is: `build/src/_processor/index.js` runs `src/_processor`)
      const dir = dirOf(sourceOf(e.path) ?? e.path);
      const restSources = rest.map((x) => ({ ...x, path: sourceOf(x.path) ?? x.path }));
      if (rest.length === 0 || !folderApart(dir, { ...s, entries: restSources }, [...services, ...out], packages)) continue;
      s.entries = rest;
      out.push({ ...unitIn(dir, `${s.name}/${role}`, s, e), ...(ONE_SHOT_ROLE.test(role) ? { kind: 'cli' as const } : {}) });
    }
  }
  return out;
}

/**
 * A server package whose scripts also bundle a browser app from a folder of its own (`build: browserify ./web/app.js -o
 * ./web/public/bundle.js`): the page the server hands out runs that bundle in its users' browsers. The folder is a browser
 * unit of its own (`<package>/web`), as when its `index.html` names the entry; what the server runs stays the package's.
 */
function bundleUnits(services: DiscoveredService[], packages: ReadonlyMap<string, PackageInfo>): DiscoveredService[] {
  const out: DiscoveredService[] = [];
  for (const s of services) {
    if (s.kind || !s.pkg || s.copyOf !== undefined || s.entries.length === 0) continue;
    for (const [script, cmd] of Object.entries(s.pkg.scripts)) {
      for (const rel of bundlerEntries(cmd)) {
        const entry = join(s.root, rel);
        const dir = dirOf(entry);
        if (!folderApart(dir, s, [...services, ...out], packages)) continue;
        out.push({ ...unitIn(dir, `${s.name}/${dir.slice(dir.lastIndexOf('/') + 1)}`, s, { path: entry, from: `package.json scripts.${script}: ${cmd}` }), kind: 'frontend' });
      }
      // a Vite build of a folder of its own (`vite build --config widget/vite.config.ts`): every module of it is the bundle's
      for (const rel of viteRoots(cmd)) {
        const dir = join(s.root, rel);
        if (!folderApart(dir, s, [...services, ...out], packages)) continue;
        out.push({ ...unitIn(dir, `${s.name}/${dir.slice(dir.lastIndexOf('/') + 1)}`, s, { path: `${dir}/**`, glob: true, from: `package.json scripts.${script}: ${cmd}` }), kind: 'frontend' });
      }
    }
  }
  return out;
}

/**
 * Can folder `dir` of service `s` be a unit of its own: below the package's root, apart from what the package's own
 * start runs, and neither a package nor a service (nor inside or around another one)?
 */
function folderApart(dir: string, s: DiscoveredService, services: readonly DiscoveredService[], packages: ReadonlyMap<string, PackageInfo>): boolean {
  if (dir === s.root || dir === '.' || packages.has(dir)) return false;
  if (s.entries.some((e) => e.path === dir || e.path.startsWith(dir + '/'))) return false;
  return !services.some((x) => x.root === dir || x.root.startsWith(dir + '/') || (x !== s && dir.startsWith(x.root + '/')));
}

/** A unit of package service `s` rooted at its folder `dir`, started by `entry`, with the package's dependencies. */
function unitIn(dir: string, name: string, s: DiscoveredService, entry: EntrySpec): DiscoveredService {
  return { id: dir, root: dir, name, pkg: projectPackage(dir, s.pkg), claims: [], triggers: [], workspacePackage: false, entries: [entry], ...(entry.glob ? {} : { program: true as const }) };
}

function projectPackage(dir: string, owner: PackageInfo | undefined): PackageInfo {
  return { root: dir, deps: new Set(owner?.deps ?? []), bin: false, binFiles: [], scripts: {}, entries: [], workspaces: [], private: true, ...(owner?.manifest ? { manifest: owner.manifest } : {}) };
}

/** `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`. */
const DOCKERFILE = /^Dockerfile(\..+)?$|\.Dockerfile$/i;

/** The Dockerfile in a service's folder (`Dockerfile` before `Dockerfile.prod` and others, by name), read. */
function serviceDockerfile(root: string, texts: ReadonlyMap<string, string>): DockerfilePlaces | undefined {
  const own = [...texts.keys()].filter((f) => dirOf(f) === root && DOCKERFILE.test(f.slice(f.lastIndexOf('/') + 1))).sort();
  const file = own.find((f) => f.slice(f.lastIndexOf('/') + 1) === 'Dockerfile') ?? own[0];
  return file === undefined ? undefined : readDockerfile(file, texts.get(file)!);
}

/** Files that say what a service runs: a Procfile, a Dockerfile, the HTML page a bundler starts from. */
function isStartFile(base: string): boolean {
  // a shell script a Dockerfile's CMD may run (`CMD ["./start-docker.sh"]`, which ends in `exec node ./src/www`)
  return base === 'Procfile' || base === 'index.html' || DOCKERFILE.test(base) || base.endsWith('.sh');
}

function join(root: string, file: string): string {
  return root === '.' ? file : `${root}/${file}`;
}

const rootSets = new WeakMap<readonly string[], Set<string>>();

/** The deepest of these folders that holds the file (`.`: the workspace root). One lookup per folder of the file's path, however many roots. */
export function ownerOf(file: string, roots: readonly string[]): string | undefined {
  let set = rootSets.get(roots);
  if (!set) {
    set = new Set(roots);
    rootSets.set(roots, set);
  }
  // a unit that is one file (a second process started from a folder the package's server shares) owns that file
  if (set.has(file)) return file;
  for (let i = file.lastIndexOf('/'); i > 0; i = file.lastIndexOf('/', i - 1)) {
    const folder = file.slice(0, i);
    if (set.has(folder)) return folder;
  }
  return set.has('.') ? '.' : undefined;
}

/** Each service's source files, by path inside it (for telling copies of one package apart from different packages). */
function packageFiles(services: readonly DiscoveredService[], sources: readonly WalkedFile[]): (root: string) => readonly PackageFile[] {
  const roots = services.map((s) => s.root);
  const byRoot = new Map<string, PackageFile[]>();
  for (const f of sources) {
    const owner = ownerOf(f.rel, roots);
    if (owner !== undefined && owner !== '.') pushTo(byRoot, owner, { rel: f.rel.slice(owner.length + 1), size: f.size });
  }
  return (root) => byRoot.get(root) ?? [];
}

/** `rootName`: the workspace folder's own name, for a root package.json without a name (or none). */
function findServices(config: StateMapConfig, packages: Map<string, PackageInfo>, pnpmGlobs: string[], sources: WalkedFile[], rootName: string): DiscoveredService[] {
  const make = (root: string, workspacePackage: boolean, name?: string, kind?: ServiceKind): DiscoveredService => {
    const pkg = packages.get(root);
    const folder = root === '.' ? rootName : root.slice(root.lastIndexOf('/') + 1);
    return { id: root, root, name: name ?? pkg?.name ?? (folder || 'workspace'), pkg, kind, claims: [], triggers: [], workspacePackage, entries: [] };
  };
  if (config.services && config.services.length > 0) {
    return config.services.map((c) => make(normalizeRoot(c.root), packages.has(c.root), c.name, c.kind));
  }
  const rootPkg = packages.get('.');
  const globs = [...(rootPkg?.workspaces ?? []), ...pnpmGlobs];
  const dirs = [...packages.keys()];
  const members = matchWorkspaces(globs, dirs);
  const pkgRoots = dirs.filter((d) => d !== '.');
  // which package folder owns each source file
  const owned = new Map<string, number>();
  let orphans = 0;
  for (const f of sources) {
    const o = ownerOf(f.rel, pkgRoots);
    if (o === undefined) orphans++;
    else owned.set(o, (owned.get(o) ?? 0) + 1);
  }
  const services: DiscoveredService[] = [];
  for (const d of pkgRoots.sort()) {
    if (members.has(d) || (owned.get(d) ?? 0) > 0) services.push(make(d, members.has(d)));
  }
  if (orphans > 0 || services.length === 0) services.unshift(make('.', false));
  return services;
}

/** An Nx `project.json` (an application or a library with targets); a broken one becomes a problem. */
function isNxProject(rel: string, text: string, problems: Problem[]): boolean {
  try {
    const raw: unknown = JSON.parse(stripBom(text));
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return false;
    const p = raw as Record<string, unknown>;
    return p.projectType === 'application' || p.projectType === 'library' || (typeof p.$schema === 'string' && /\bnx\b/.test(p.$schema));
  } catch (err) {
    problems.push({ file: rel, message: `invalid project.json (${(err as Error).message}); its folder is not taken for an Nx project` });
    return false;
  }
}

const norm = (s: string) => s.toLowerCase().replace(/^@[^/]+\//, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Ties Kubernetes, compose and serverless manifests to services, and records the claims they imply. */
function matchManifests(services: DiscoveredService[], m: Manifests): void {
  // the root of a monorepo that starts nothing runs in no container: a container built from the root (for its
  // lockfile) or named like the root package (a published CLI) runs one of its packages, or something else
  const runsNothing = (s: DiscoveredService) => s.root === '.' && s.entries.length === 0 && holdsWorkspacePackages(s, services);
  const candidates = services.filter((s) => !runsNothing(s));
  const byKey = (key: string): DiscoveredService | undefined => {
    const k = norm(key);
    if (!k) return undefined;
    return candidates.find((s) => norm(s.name) === k || (s.root !== '.' && norm(s.root.slice(s.root.lastIndexOf('/') + 1)) === k));
  };
  // compose: build contexts name the service folder; the compose name and image then match manifests too
  const aliases = new Map<string, DiscoveredService>();
  for (const c of m.compose) {
    // a container only pulled from a registry runs that image: its name matches, not the compose service's; an
    // official image (`mongo:4.4`, `postgres`) is never the workspace's own, whatever folder shares its name
    const built = c.context !== undefined || c.dockerfileDir !== undefined;
    // a Dockerfile in a package's folder builds that package, whatever the context (often the root, for a monorepo's lockfile)
    const svc = (c.dockerfileDir !== undefined ? candidates.find((s) => s.root === c.dockerfileDir) : undefined)
      ?? (c.context !== undefined ? candidates.find((s) => s.root === c.context) : undefined)
      ?? (built ? byKey(c.name) : undefined) ?? (c.image && (built || !c.officialImage) ? byKey(c.image) : undefined);
    if (!svc) continue;
    ranBy(svc).compose.push(c);
    aliases.set(norm(c.name), svc);
    if (c.image) aliases.set(norm(c.image), svc);
    if (c.replicas !== undefined && c.replicas > 1) {
      svc.claims.push({ kind: 'compose', file: c.file, line: c.line, text: `${c.name}: deploy.replicas ${c.replicas}`, stateless: true });
    }
  }
  const find = (keys: string[]) => {
    for (const k of keys) {
      const s = aliases.get(norm(k)) ?? byKey(k);
      if (s) return s;
    }
    return undefined;
  };
  for (const w of m.workloads) {
    const svc = find(w.keys);
    if (!svc) continue;
    ranBy(svc).workloads.push(w);
    const hpa = m.autoscalers.find((a) => a.targetName === w.name && (a.targetKind === w.kind || a.targetKind === 'Deployment'));
    if (w.kind === 'StatefulSet') {
      svc.claims.push({ kind: 'kubernetes', file: w.file, line: w.line, text: `StatefulSet ${w.name}`, stateless: false });
    } else if (hpa) {
      svc.claims.push({ kind: 'kubernetes', file: hpa.file, line: hpa.line, text: `HorizontalPodAutoscaler scales ${w.kind} ${w.name}`, stateless: true });
    } else if (w.replicas !== undefined && w.replicas > 1) {
      svc.claims.push({ kind: 'kubernetes', file: w.file, line: w.line, text: `${w.kind} ${w.name}: replicas ${w.replicas}`, stateless: true });
    }
  }
  for (const f of m.functions) {
    const svc = services.filter((s) => s.root === '.' || f.dir === s.root || f.dir.startsWith(s.root + '/') || dirOf(f.file) === s.root)
      .sort((a, b) => b.root.length - a.root.length)[0];
    if (!svc) continue;
    svc.serverless = true;
    for (const t of f.triggers) svc.triggers.push({ ...t, file: f.file });
    if (!svc.claims.some((c) => c.kind === 'serverless')) {
      svc.claims.push({ kind: 'serverless', file: f.file, line: f.line, text: `serverless function ${f.name}${f.handler ? ` (${f.handler})` : ''}`, stateless: true });
    }
  }
}

function ranBy(svc: DiscoveredService): NonNullable<DiscoveredService['runs']> {
  svc.runs ??= { workloads: [], compose: [] };
  return svc.runs;
}

/** Is this service the root (of the repository, or of a folder) that npm/yarn/pnpm workspace packages sit in? */
export function holdsWorkspacePackages(s: DiscoveredService, services: readonly DiscoveredService[]): boolean {
  return services.some((o) => o !== s && o.workspacePackage && (s.root === '.' || o.root.startsWith(s.root + '/')));
}

/** True when a path exists (for resolution of generated folders that may be missing in a fresh clone). */
export function exists(root: string, rel: string): boolean {
  try {
    fs.accessSync(path.join(root, rel));
    return true;
  } catch {
    return false;
  }
}

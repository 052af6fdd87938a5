import type { DiscoveredService, Workspace } from '../discover';
import type { FileFacts, Val } from '../facts';
import type { FoundOp } from '../link';
import { exportedFunction } from '../link/calls';
import { runsInBrowser } from '../link/libraries';
import type { StoreKind } from '../../catalog';
import type { ServiceKind } from './types';
import { NEXT_ROUTE, SERVER_ONLY_FILE, inVercelApi } from '../../catalog/layout';

/** Modules whose import means a process serves HTTP (or WebSockets). */
export const SERVER_MODULES = new Set([
  'express', 'fastify', 'koa', '@hapi/hapi', 'hapi', '@nestjs/core', '@nestjs/platform-express', '@nestjs/platform-fastify', 'hono',
  '@hono/node-server', 'restify', 'polka', 'micro', '@apollo/server', 'apollo-server', 'apollo-server-express', 'graphql-yoga',
  '@trpc/server/adapters/standalone', '@trpc/server/adapters/express', 'socket.io', 'ws', '@hocuspocus/server', 'sails', '@feathersjs/feathers',
  'elysia', 'h3', 'nitropack', '@remix-run/express', '@sveltejs/adapter-node', 'uWebSockets.js', 'connect',
  '@remix-run/node', '@remix-run/serve', '@react-router/node', '@react-router/serve', '@sveltejs/kit', 'next/server',
]);
/** Web frameworks proper: a bare `http.createServer` for a health check does not make a worker a web service. */
const WEB_FRAMEWORKS = new Set([...SERVER_MODULES].filter((m) => m !== 'http' && m !== 'https'));
const UI_MODULES = /^(react|react-dom|react-dom\/client|vue|svelte|@angular\/core|solid-js|preact|@vue\/runtime-dom|lit|mobx-react|mobx-react-lite|@tanstack\/react-query|react-router|react-router-dom|next\/navigation|next\/link|next\/router)$/;
const UI_DEPS = ['react-dom', 'vue', 'svelte', '@angular/core', 'solid-js', 'preact', 'nuxt', '@sveltejs/kit', 'react-native', 'expo', 'lit'];
const LAMBDA_DEPS = /^(aws-lambda|@types\/aws-lambda|@middy\/core|serverless-http|@vendia\/serverless-express|@codegenie\/serverless-express|@netlify\/functions|@aws-lambda-powertools\/.*|@vercel\/node|aws-serverless-express|@google-cloud\/functions-framework)$/;
export const CONSUMER_KINDS = new Set(['kafka', 'rabbitmq', 'nats', 'nsq', 'mqtt', 'sqs', 'pubsub', 'kinesis']);

/** Bundlers of web pages, as a script runs them (`webpack`, `webpack --mode production`, `parcel build`, `vite build`). */
const PAGE_BUNDLER = /(^|[\s;&|(])(webpack|parcel|vite\s+build|vue-cli-service\s+build|react-scripts\s+build|ng\s+build)(\s|$)/;

/** Do a package's scripts bundle it for pages, and run nothing else (no server or program started by a runtime)? */
function bundlesForPages(scripts: Readonly<Record<string, string>>): boolean {
  const cmds = Object.values(scripts);
  return cmds.some((c) => PAGE_BUNDLER.test(c)) && !cmds.some((c) => /(^|[\s;&|(])(node|nodemon|ts-node|tsx|pm2|bun|deno)\s+(?!-)/.test(c) && !PAGE_BUNDLER.test(c));
}

export interface ServiceFiles {
  service: DiscoveredService;
  files: FileFacts[];
}

/** Libraries that only work in a browser: a module built on one is client code, in Next.js too. */
const CLIENT_ONLY_MODULES = /^(idb|idb-keyval|localforage|dexie|jotai|jotai\/.+|zustand|zustand\/.+|swr|swr\/.+|js-cookie|@tanstack\/react-query)$/;

/** Is this file browser code: JSX, a client component, DOM globals, a UI framework import, a component file? */
export function isBrowserFile(f: FileFacts): boolean {
  return runsInBrowser(f) || f.imports.some((i) => UI_MODULES.test(i.module));
}

/** Modules that exist only in Node (`node:` ones, `fs`, `child_process`): a file that imports one never runs in a browser. Those bundlers polyfill (`path`, `events`, `buffer`) do not tell. */
const NODE_ONLY = /^node:|^(fs|fs\/promises|child_process|worker_threads|cluster|net|dgram|http2|tls|readline|v8|vm|zlib|os|module|inspector|perf_hooks)$/;

/**
 * Browser-side files of a service: the browser files themselves, and every file of a top-level folder
 * that is mostly browser files (`app/stores/*.ts` in an `app/` full of components).
 */
export function browserFiles(root: string, files: readonly FileFacts[], allBrowser: boolean, nextjs = false, imports?: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const out = new Set<string>();
  if (allBrowser) {
    // a Node script beside the app (`scripts/check-bundle-size.js` reading `dist/` with `node:fs`) is not what ships
    for (const f of files) if (!f.imports.some((i) => !i.typeOnly && NODE_ONLY.test(i.module))) out.add(f.file);
    return out;
  }
  if (nextjs) {
    // Next.js renders components on the server unless they say 'use client'; pages/ (not pages/api) hydrate in the browser
    const clientOnly = new Set<string>();
    for (const f of files) {
      const inner = root === '.' ? f.file : f.file.slice(root.length + 1);
      if (f.hints.useClient || (/(^|\/)pages\//.test(inner) && !/(^|\/)pages\/api\//.test(inner))) out.add(f.file);
      if (f.imports.some((i) => !i.typeOnly && CLIENT_ONLY_MODULES.test(i.module))) clientOnly.add(f.file);
    }
    // code built on a browser-only library (IndexedDB through idb, jotai or zustand state) runs in the browser,
    // and so does every module that imports it; a route handler never does
    const importers = new Map<string, string[]>();
    for (const f of files) {
      for (const d of imports?.get(f.file) ?? []) {
        const list = importers.get(d);
        if (list) list.push(f.file);
        else importers.set(d, [f.file]);
      }
    }
    const serverOnly = (f: FileFacts) => SERVER_ONLY_FILE.test(f.file) || !!f.hints.useServer;
    const byFile = new Map(files.map((f) => [f.file, f]));
    const queue = [...clientOnly];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (out.has(file) && !clientOnly.has(file)) continue;
      const f = byFile.get(file);
      if (!f || serverOnly(f)) continue;
      out.add(file);
      for (const by of importers.get(file) ?? []) if (!out.has(by)) queue.push(by);
    }
    // a module only client code imports is bundled for the browser alone (`*.client.ts` says so itself);
    // pages/ files do not count: their getServerSideProps runs on the server
    const client = new Set([...out].filter((file) => clientOnly.has(file) || !/(^|\/)pages\//.test(file)));
    for (let changed = true; changed; ) {
      changed = false;
      for (const f of files) {
        if (client.has(f.file) || serverOnly(f)) continue;
        const by = importers.get(f.file) ?? [];
        if (/\.client\.[cm]?[jt]sx?$/.test(f.file) || (by.length > 0 && by.every((b) => client.has(b)))) {
          client.add(f.file);
          out.add(f.file);
          changed = true;
        }
      }
    }
    return out;
  }
  const byTop = new Map<string, { browser: number; all: FileFacts[] }>();
  for (const f of files) {
    const inner = root === '.' ? f.file : f.file.slice(root.length + 1);
    const top = inner.includes('/') ? inner.slice(0, inner.indexOf('/')) : '';
    const e = byTop.get(top) ?? { browser: 0, all: [] };
    e.all.push(f);
    if (isBrowserFile(f)) {
      e.browser++;
      out.add(f.file);
    }
    byTop.set(top, e);
  }
  // a folder mostly of browser code is the browser's, but for what a server entry loads or what needs Node (a
  // dashboard's `src/ui` beside the API's `src/api/storage/sql.js` in one `src`)
  const server = imports ? serverFiles(files, imports) : undefined;
  const onServer = (f: FileFacts) => !isBrowserFile(f) && (server?.has(f.file) || f.imports.some((i) => !i.typeOnly && NODE_ONLY.test(i.module)));
  for (const [top, e] of byTop) {
    if (top && e.browser / e.all.length >= 0.5 && e.all.length >= 4) for (const f of e.all) if (!onServer(f)) out.add(f.file);
  }
  return out;
}

/**
 * Files that run in a server process: reachable through imports from a file that starts a server, a
 * worker or a handler. Undefined when no such entry is found (then every non-browser file counts).
 */
export function serverFiles(files: readonly FileFacts[], imports: ReadonlyMap<string, ReadonlySet<string>>): Set<string> | undefined {
  const entries = files.filter((f) => f.hints.listen || f.hints.handler || f.imports.some((i) => SERVER_MODULES.has(i.module)));
  if (entries.length === 0) return undefined;
  const seen = new Set<string>();
  const queue = entries.map((f) => f.file);
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const d of imports.get(file) ?? []) if (!seen.has(d)) queue.push(d);
  }
  return seen;
}

/** SQL drivers an ORM needs installed: they tell the dialect when the code does not. */
const SQL_DRIVERS: Record<string, StoreKind> = {
  pg: 'postgres', 'pg-native': 'postgres', postgres: 'postgres', '@neondatabase/serverless': 'postgres', '@vercel/postgres': 'postgres',
  mysql: 'mysql', mysql2: 'mysql', mariadb: 'mysql', sqlite3: 'sqlite', 'better-sqlite3': 'sqlite', '@libsql/client': 'sqlite',
  tedious: 'mssql', mssql: 'mssql', oracledb: 'oracle', 'sails-postgresql': 'postgres', 'sails-mysql': 'mysql',
  'any-db-sqlite3': 'sqlite', 'any-db-postgres': 'postgres', 'any-db-mysql': 'mysql', 'any-db-mssql': 'mssql',
};

/** The one SQL dialect a service's (or the workspace root's) dependencies install, if only one. */
export function sqlDialectFromDeps(...depSets: Array<ReadonlySet<string> | undefined>): StoreKind | undefined {
  for (const deps of depSets) {
    if (!deps) continue;
    const kinds = new Set<StoreKind>();
    for (const d of deps) if (SQL_DRIVERS[d]) kinds.add(SQL_DRIVERS[d]);
    if (kinds.size === 1) return [...kinds][0];
    if (kinds.size > 1) return undefined;
  }
  return undefined;
}

/**
 * Folders that AWS CDK code deploys as Lambda functions: `new NodejsFunction(this, 'Fn', { entry:
 * 'services/thumbs/src/handler.ts' })`, `new lambda.Function(this, 'Fn', { code: Code.fromAsset('lambda') })`.
 */
export function cdkFunctionPaths(facts: Iterable<FileFacts>): string[] {
  const out: string[] = [];
  const fromCdk = (v: Val): boolean => (v.k === 'imp' ? /^(aws-cdk-lib|@aws-cdk\/)/.test(v.m) : v.k === 'prop' ? fromCdk(v.o) : false);
  for (const f of facts) {
    sstHandlerPaths(f, out);
    if (!f.imports.some((i) => /^(aws-cdk-lib|@aws-cdk\/)/.test(i.module))) continue;
    const dir = f.file.includes('/') ? f.file.slice(0, f.file.lastIndexOf('/')) : '.';
    for (const u of f.uses) {
      if (u.v.k !== 'new' || !fromCdk(u.v.f)) continue;
      for (const a of u.v.a) {
        if (a.k !== 'obj') continue;
        const entry = a.p.entry;
        const code = a.p.code;
        const asset = code?.k === 'call' && code.a[0]?.k === 'str' ? code.a[0].s : undefined;
        const rel = entry?.k === 'str' ? entry.s : asset;
        if (rel) out.push(normalizePath(rel), normalizePath(`${dir}/${rel}`));
      }
    }
  }
  return out;
}

/**
 * The handlers SST v3 components name (`new sst.aws.Function('Api', { handler: './packages/functions/src/api.handler' })`,
 * a Cron's `job: { handler }`, a Worker's `handler: './packages/workers/src/proxy.ts'`): each a file and the export it
 * runs, relative to the project's root.
 */
function sstHandlerPaths(f: FileFacts, out: string[]): void {
  const fromSst = (v: Val): boolean => (v.k === 'glob' ? v.n === 'sst' : v.k === 'prop' ? fromSst(v.o) : false);
  const handlers = (v: Val | undefined, depth: number): void => {
    if (v?.k !== 'obj' || depth > 2) return;
    for (const [key, x] of Object.entries(v.p)) {
      if ((key === 'handler' || key === 'job') && x.k === 'str') out.push(normalizePath(x.s.replace(/\.[cm]?[jt]sx?$/, '').replace(/\.\w+$/, '')));
      else handlers(x, depth + 1);
    }
  };
  for (const u of f.uses) {
    if (u.v.k === 'new' && fromSst(u.v.f)) for (const a of u.v.a) handlers(a, 0);
  }
}

function normalizePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** The kind of a service, from its config, manifests, dependencies, imports and what its code does. */
export function serviceKind(
  s: ServiceFiles, ops: readonly FoundOp[], importedByOthers: boolean, ws: Workspace, cdkPaths: readonly string[] = [],
  consumesVia = false,
): ServiceKind {
  if (s.service.kind) return s.service.kind;
  const root = s.service.root;
  if (cdkPaths.some((p) => root !== '.' && (p === root || p.startsWith(root + '/')))) return 'lambda';
  // a Cloudflare Worker (its Wrangler configuration at its root): many isolates, each kept warm between requests
  if (ws.workers?.includes(root)) return 'lambda';
  // Vercel Functions: beside a `vercel.json`, each file under `api/` that exports a function is one (`module.exports = async (req, res) => …`)
  if (ws.vercel?.includes(root) && s.files.some((f) => inVercelApi(f.file, root) && (exportedFunction(f, 'default') !== undefined || exportedFunction(f, '=') !== undefined))) {
    return 'lambda';
  }
  const deps = s.service.pkg?.deps ?? new Set<string>();
  const imports = new Set<string>();
  let handler = false;
  let listen = false;
  let nextRoute = false;
  let useServer = false;
  for (const f of s.files) {
    for (const i of f.imports) imports.add(i.module.startsWith('node:') ? i.module.slice(5) : i.module);
    if (f.hints.handler) handler = true;
    // `export default async function (req: VercelRequest, res: VercelResponse)`: a function a serverless runtime calls
    if (f.imports.some((i) => LAMBDA_DEPS.test(i.module)) && exportedFunction(f, 'default') !== undefined) handler = true;
    if (f.hints.listen) listen = true;
    if (f.hints.useServer) useServer = true;
    if (NEXT_ROUTE.test(f.file)) nextRoute = true;
  }
  const lambdaDeps = [...deps].some((d) => LAMBDA_DEPS.test(d)) || [...imports].some((m) => LAMBDA_DEPS.test(m));
  const serves = [...imports].some((m) => SERVER_MODULES.has(m));
  if (s.service.serverless || (handler && lambdaDeps)) return 'lambda';
  // an Electron app runs on its user's machine, once: what it keeps in memory or on disk is that user's; unless a
  // container or a Procfile also runs it as a server (trilium's Dockerfile starts `node ./src/www` behind port 8080)
  const deployed = s.service.entries.some((e) => /^(Dockerfile|Procfile)\b/.test(e.from)) && (listen || serves);
  if (!deployed && (deps.has('electron') || /(^|[\s;&])electron(\s|$)/.test(s.service.pkg?.scripts.start ?? ''))) return 'cli';
  // a workspace package other packages import, which nothing starts on its own (only its main/exports name it): its
  // consumers and servers run in the services that import it (a shared `ConsumerService` base class)
  if (importedByOthers && s.service.workspacePackage && !s.service.entries.some((e) => e.from !== 'package.json main/exports')) return 'library';
  // its own consumer, or one a shared package runs for it (`class VisitsConsumer extends ConsumerService`)
  const consumer = consumesVia || ops.some((o) => o.access !== 'write' && (CONSUMER_KINDS.has(o.kind) || /^(bull|bullmq|bee-queue|pg-boss|agenda|@nestjs\/bullmq|@nestjs\/bull)$/.test(o.library)));
  // a queue consumer with only a bare health endpoint is a worker
  if (consumer && ![...imports].some((m) => WEB_FRAMEWORKS.has(m))) return 'worker';
  // (a server made in another folder of the package and started here: `koa.listen(port)` on `baseServer` of `../Server`)
  const server = serves || ((imports.has('http') || imports.has('https') || [...deps].some((d) => SERVER_MODULES.has(d))) && listen);
  // Nuxt's server (Nitro) answers what `server/api`, `server/routes` and `server/middleware` hold, beside the pages it renders
  const nitroRoute = deps.has('nuxt') && s.files.some((f) => /(^|\/)server\/(api|routes|middleware)\//.test(f.file.slice(s.service.root === '.' ? 0 : s.service.root.length + 1)));
  if (server || nitroRoute || ((deps.has('next') || imports.has('next/server')) && (nextRoute || useServer))) return 'http-server';
  if (handler && s.files.some((f) => f.hints.handler && /(^|\/)(functions?|lambdas?|handlers?)\//.test(f.file))) return 'lambda';
  if (consumer) return 'worker';
  // a Procfile process type other than `web` (`worker: npm run worker`): a long-running process that serves no requests
  if (s.service.entries.some((e) => /^Procfile (?!web:)[\w-]+: /.test(e.from))) return 'worker';
  if (importedByOthers && s.service.workspacePackage) return 'library';
  const ui = UI_DEPS.some((d) => deps.has(d)) || s.files.filter(isBrowserFile).length > s.files.length / 2;
  if (ui && !s.service.program) return 'frontend';
  // a package nothing starts whose scripts only bundle it for pages (`"build": "webpack"`): its code runs in its users' browsers
  if (!s.service.program && s.service.entries.length === 0 && !s.service.pkg?.bin && bundlesForPages(s.service.pkg?.scripts ?? {})) return 'frontend';
  // a program a script or a container runs with a runtime, neither a server nor a consumer: a bot, a scheduler, a job
  if (s.service.program && !importedByOthers) return 'worker';
  if (s.service.pkg?.bin) return 'cli';
  if (importedByOthers) return 'library';
  if (s.service.pkg && s.service.pkg.entries.length > 0 && ws.services.length > 1 && s.service.workspacePackage) return 'library';
  return 'unknown';
}

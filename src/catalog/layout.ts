/**
 * Conventions of how repositories lay out their files: where one-off tools live, where a build writes,
 * how bundler and linter configs are named, which Next.js files run on the server only. Guesses about
 * paths, kept as data beside the catalog's libraries so that the model names no convention of its own.
 */

/**
 * Folders of samples, demos and playgrounds: a package there shows how to use the project and is not one of
 * its deployed units (`examples/next`, `rtmpServers/demo/client-server/server`).
 */
export const SAMPLE_DIR = /(^|\/)(examples?|demos?|samples?|playgrounds?|sandbox(es)?)(\/|$)/;

/** Folders of one-off tools: scripts, migrations, seeds. */
export const TOOLING = /(^|\/)(scripts?|tools|bin|migrations?|seeds?|seeders|fixtures|cli)\//;

/** Folders a build writes to: `node dist/main.js` runs what `src/main.ts` compiles to. */
export const BUILD_DIR = /^(dist|build|out|lib|\.output|\.build|compiled)\//;

/**
 * Where the source of a file inside a build folder may sit, given its path below that folder
 * (`cjs/src/cli/index.js` of `dist/cjs/src/cli/index.js`): as it is, under `src/`, without its `src/`, and
 * the same once a folder the build adds for a module format (`cjs/`, `esm/`, `node/`) is dropped.
 */
export function builtSourceCandidates(inner: string): string[] {
  const out = [inner, `src/${inner}`, inner.replace(/^src\//, '')];
  const slash = inner.indexOf('/');
  if (slash > 0 && !inner.startsWith('src/')) {
    const rest = inner.slice(slash + 1);
    out.push(rest, `src/${rest}`, rest.replace(/^src\//, ''));
  }
  return [...new Set(out)];
}

/**
 * The configs of build tools, test runners and linters (`webpack.config.js`, `vite.config.ts`, `.eslintrc.js`): read by
 * the tool at build or test time, never by the service, even where every file of a service counts (no entry found).
 */
export const TOOL_CONFIG_FILE = /^(webpack|vite|vitest|rollup|rolldown|babel|jest|postcss|tailwind|eslint|prettier|esbuild|tsup|karma|playwright|cypress|metro|gulpfile|gruntfile)([.-][\w.-]+)?\.[cm]?[jt]sx?$|^\.[\w-]+rc\.[cm]?[jt]s$/i;

/** Bundler, test-runner, linter and framework configs by their conventional names (`vite.config.ts`, `.eslintrc.js`, `gulpfile.js`). */
export const CONFIG_FILE = /(^|[.-])(config|conf)\.[cm]?[jt]sx?$|^\.[\w-]+rc\.[cm]?[jt]s$|^(gulpfile|gruntfile|webpack\.[\w.-]+|rollup\.[\w.-]+)\.[cm]?[jt]s$/i;

/** Next.js API routes and app-router route handlers: server code that answers requests. */
export const NEXT_ROUTE = /(^|\/)(pages\/api\/|app\/(.*\/)?route\.(t|j)sx?$)/;

/** Files Next.js runs on the server only: route handlers, middleware, API routes (and 'use server' modules). */
export const SERVER_ONLY_FILE = /(^|\/)(route|middleware)\.[cm]?[jt]sx?$|(^|\/)pages\/api\//;

/** Is `file` one of the Vercel Functions of the project at `root` (a folder with a `vercel.json`): a file under its `api/`? */
export function inVercelApi(file: string, root: string): boolean {
  return file.startsWith(root === '.' ? 'api/' : `${root}/api/`);
}

/** Script names of a package's build, code generation, database and release steps: what they run is tooling. */
export const TOOL_SCRIPT = /^(pre|post)?(build|generate|gen|codegen|openapi|docs?|seed|migrate|migrations?|db|prisma|typeorm|drizzle|lint|format|test|e2e|release|deploy|prepare|install|setup|bootstrap|bundle|compile|sync-types|types)([:_-].*)?$/i;

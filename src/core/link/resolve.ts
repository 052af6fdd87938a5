import path from 'node:path';
import type { Catalog, StoreModel } from '../../catalog';
import type { PathMapping, PrismaSchema } from '../discover/schemas';
import type { PackageInfo } from '../discover/packages';
import { SOURCE_EXTENSIONS } from '../sourceFiles';
import { BUILD_DIR, builtSourceCandidates } from '../../catalog/layout';

export type Resolved = { file: string } | { lib: StoreModel; spec: string } | undefined;


/**
 * Module resolution over the workspace's own files, without node_modules: relative paths, tsconfig
 * `paths`/`baseUrl`, workspace packages by name (their `src/` when `main` points at a build that a
 * fresh clone lacks), Prisma's generated client folders, and the catalog for everything else.
 */
export class ModuleResolver {
  private readonly cache = new Map<string, Resolved>();
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly files: ReadonlySet<string>,
    private readonly catalog: Catalog,
    private readonly packages: ReadonlyMap<string, PackageInfo>,
    private readonly packageNames: ReadonlyMap<string, string>,
    private readonly mappings: readonly PathMapping[],
    private readonly prisma: readonly PrismaSchema[],
  ) {}

  /** The workspace package a file belongs to: the deepest package folder that holds it (`.` for the root). */
  packageOf(file: string): string {
    let best = this.owners.get(file);
    if (best !== undefined) return best;
    best = '.';
    for (const root of this.packages.keys()) {
      if (root !== '.' && root.length > best.length && file.startsWith(`${root}/`)) best = root;
    }
    this.owners.set(file, best);
    return best;
  }

  resolve(spec: string, fromFile: string): Resolved {
    const fromDir = dirname(fromFile);
    const relative = spec.startsWith('.') || spec.startsWith('/');
    const key = relative ? `${fromDir}\0${spec}` : `${this.mappingFor(fromFile)?.dir ?? ''}\0${spec}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const r = this.compute(spec, fromFile, fromDir, relative);
    this.cache.set(key, r);
    return r;
  }

  private byFolder: Map<string, string[]> | undefined;

  /**
   * The source files directly in the folder a `./dir/*` specifier names: what `require(dir + file)` over the folder's
   * own listing loads (see extract/modulePaths.ts `folderSpec`). None for any other specifier.
   */
  folderFiles(spec: string, fromFile: string): readonly string[] {
    if (!spec.endsWith('/*') || !spec.startsWith('.')) return [];
    if (!this.byFolder) {
      this.byFolder = new Map();
      for (const f of [...this.files].sort()) {
        const list = this.byFolder.get(dirname(f));
        if (list) list.push(f);
        else this.byFolder.set(dirname(f), [f]);
      }
    }
    return this.byFolder.get(path.posix.normalize(path.posix.join(dirname(fromFile), spec.slice(0, -2)))) ?? [];
  }

  /** Is this specifier worth following from this file: a workspace file or a catalog library? */
  follows(spec: string, fromFile: string): boolean {
    return this.resolve(spec, fromFile) !== undefined;
  }

  private compute(spec: string, fromFile: string, fromDir: string, relative: boolean): Resolved {
    if (relative) {
      const target = path.posix.normalize(path.posix.join(fromDir, spec));
      return this.generated(target) ?? this.fileAt(target) ?? this.builtSource(target);
    }
    const lib = this.catalog.byModule(spec);
    if (lib) return { lib, spec };
    const mapping = this.mappingFor(fromFile);
    if (mapping) {
      for (const p of mapping.paths) {
        const star = p.pattern.indexOf('*');
        let rest: string | undefined;
        if (star < 0) rest = spec === p.pattern ? '' : undefined;
        else if (spec.startsWith(p.pattern.slice(0, star)) && spec.endsWith(p.pattern.slice(star + 1))) {
          rest = spec.slice(star, spec.length - (p.pattern.length - star - 1));
        }
        if (rest === undefined) continue;
        for (const t of p.targets) {
          const target = t.replace('*', rest);
          const hit = this.generated(target) ?? this.fileAt(target);
          if (hit) return hit;
        }
      }
    }
    const pkg = this.workspacePackage(spec);
    if (pkg) return pkg;
    if (mapping?.baseUrl !== undefined) {
      const target = path.posix.normalize(path.posix.join(mapping.baseUrl, spec));
      const hit = this.generated(target) ?? this.fileAt(target);
      if (hit) return hit;
    }
    return this.nuxtAlias(spec, fromFile) ?? this.svelteKitLib(spec, fromFile);
  }

  /**
   * SvelteKit's `$lib` alias, which the `.svelte-kit/tsconfig.json` it generates declares and a fresh clone lacks:
   * `$lib/db` is `src/lib/db` of the project (the folder with `svelte.config`).
   */
  private svelteKitLib(spec: string, fromFile: string): Resolved {
    const m = /^\$lib(\/.+)?$/.exec(spec);
    if (!m) return undefined;
    const pkg = this.packageOf(fromFile);
    const root = pkg === '.' ? '' : `${pkg}/`;
    if (!['js', 'ts', 'mjs', 'cjs'].some((ext) => this.files.has(`${root}svelte.config.${ext}`))) return undefined;
    return this.fileAt(path.posix.normalize(`${root}src/lib${m[1] ?? ''}`));
  }

  /**
   * Nuxt's own aliases, which the `.nuxt/tsconfig.json` it generates declares and a fresh clone lacks: `~~/` and
   * `@@/` are the project's folder (the one with `nuxt.config`), `~/` and `@/` its source folder (`app/` since
   * Nuxt 4, else the project's folder).
   */
  private nuxtAlias(spec: string, fromFile: string): Resolved {
    const m = /^(~~|@@|~|@)\/(.+)$/.exec(spec);
    if (!m) return undefined;
    const pkg = this.packageOf(fromFile);
    const root = pkg === '.' ? '' : `${pkg}/`;
    if (!['ts', 'js', 'mjs', 'mts'].some((ext) => this.files.has(`${root}nuxt.config.${ext}`))) return undefined;
    const dirs = m[1].length === 2 ? [root] : [`${root}app/`, root];
    for (const dir of dirs) {
      const hit = this.fileAt(path.posix.normalize(`${dir}${m[2]}`));
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * A relative path into a build folder that a fresh clone lacks (`require('./dist/server/index.js')`
   * from a start script): the source it is built from, where the build folder sits or under `src/`.
   */
  private builtSource(target: string): Resolved {
    // what a tsconfig builds into its `outDir` comes from the same path under its `rootDir` (`dist/controller` ← `lib/controller.ts`)
    for (const m of this.mappings) {
      if (!m.build || (target !== m.build.out && !target.startsWith(m.build.out + '/'))) continue;
      const rest = target.slice(m.build.out.length).replace(/^\//, '');
      const hit = this.fileAt(m.build.src === '.' ? rest : `${m.build.src}/${rest}`);
      if (hit) return hit;
    }
    const parts = target.split('/');
    for (let i = 0; i < parts.length - 1; i++) {
      if (!BUILD_DIR.test(`${parts[i]}/`)) continue;
      const prefix = parts.slice(0, i).join('/');
      const inner = parts.slice(i + 1).join('/');
      for (const candidate of builtSourceCandidates(inner)) {
        const hit = this.fileAt(prefix ? `${prefix}/${candidate}` : candidate);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  private mappingFor(file: string): PathMapping | undefined {
    // only configs that map import paths: one that only says where it builds to leaves a file to the one that does
    return this.mappings.find((m) => (m.baseUrl !== undefined || m.paths.length > 0) && (m.dir === '.' || file.startsWith(m.dir + '/')));
  }

  /** An import of a Prisma generator's output folder is the Prisma client, even before `prisma generate`. */
  private generated(target: string): Resolved {
    for (const s of this.prisma) {
      for (const out of s.outputs) {
        if (target === out || target.startsWith(out + '/')) {
          const lib = this.catalog.byModule('@prisma/client');
          if (lib) return { lib, spec: `prisma:${s.file}` };
        }
      }
    }
    return undefined;
  }

  private workspacePackage(spec: string): Resolved {
    const parts = spec.split('/');
    const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    const sub = parts.slice(spec.startsWith('@') ? 2 : 1).join('/');
    const dir = this.packageNames.get(name);
    if (dir === undefined) return undefined;
    const root = dir === '.' ? '' : dir + '/';
    if (sub) {
      return this.exported(dir, root, sub) ?? this.fileAt(`${root}${sub}`) ?? this.fileAt(`${root}src/${sub}`) ?? this.fileAt(`${root}lib/${sub}`);
    }
    const pkg = this.packages.get(dir);
    for (const e of pkg?.entries ?? []) {
      const clean = e.replace(/^\.\//, '');
      const hit = this.fileAt(`${root}${clean}`) ??
        // `main: dist/index.js` in a fresh clone: the source is usually src/index.ts
        this.fileAt(`${root}${clean.replace(/^(dist|build|lib|out|esm|cjs)\//, 'src/').replace(/\.(c|m)?js$/, '')}`);
      if (hit) return hit;
    }
    return this.fileAt(`${root}src/index`) ?? this.fileAt(`${root}index`) ?? this.fileAt(`${root}lib/index`);
  }

  /** The file a package's `exports` subpath names (`@acme/db/client` → `./src/client.ts`; `./*` patterns too). */
  private exported(dir: string, root: string, sub: string): Resolved {
    for (const [key, files] of Object.entries(this.packages.get(dir)?.subpaths ?? {})) {
      const k = key.slice(2);
      const star = k.indexOf('*');
      const rest = star < 0 ? (k === sub ? '' : undefined)
        : sub.startsWith(k.slice(0, star)) && sub.endsWith(k.slice(star + 1)) ? sub.slice(star, sub.length - (k.length - star - 1)) : undefined;
      if (rest === undefined) continue;
      for (const f of files) {
        const clean = f.replace(/^\.\//, '').replace('*', rest);
        const hit = this.fileAt(`${root}${clean}`) ?? this.fileAt(`${root}${clean.replace(/^(dist|build|lib|out|esm|cjs)\//, 'src/').replace(/\.(c|m)?js$/, '')}`);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  /** A workspace file at `target`, trying extensions, `.js`→`.ts`, and `index` files. */
  private fileAt(target: string): Resolved {
    const t = target.replace(/^\.\//, '').replace(/\/$/, '');
    if (this.files.has(t)) return { file: t };
    const noJs = t.replace(/\.(c|m)?jsx?$/, '');
    for (const ext of SOURCE_EXTENSIONS) {
      if (this.files.has(noJs + ext)) return { file: noJs + ext };
    }
    for (const ext of SOURCE_EXTENSIONS) {
      if (this.files.has(`${t}/index${ext}`)) return { file: `${t}/index${ext}` };
    }
    return undefined;
  }
}

function dirname(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '.' : file.slice(0, i);
}

import { parseArgs } from 'node:util';
import { HAZARD_KINDS } from '../catalog/kinds';
import { FORMATS, type Format } from '../render';

export class UsageError extends Error {}

export type Command =
  | { cmd: 'help'; topic?: string }
  | { cmd: 'version' }
  | { cmd: 'analyze'; folder: string; format: Format; formatGiven: boolean; out?: string; showEnv: boolean; includeTests: boolean; experimentalHazards: boolean; maxFileSize?: number; ignore: string[]; quiet: boolean; cache: CacheChoice }
  | { cmd: 'check'; folder: string; failOn: string[]; format: Format; out?: string; includeTests: boolean; experimentalHazards: boolean; maxFileSize?: number; ignore: string[]; quiet: boolean; cache: CacheChoice; baseline?: string }
  | { cmd: 'diff'; base: string; head?: string; baseExact: boolean; folder: string; format: Format; out?: string; failOn: string[]; showEnv: boolean; includeTests: boolean; experimentalHazards: boolean; maxFileSize?: number; ignore: string[]; quiet: boolean; cache: CacheChoice; baseline?: string }
  | { cmd: 'baseline'; folder: string; out?: string; includeTests: boolean; experimentalHazards: boolean; maxFileSize?: number; ignore: string[]; quiet: boolean; cache: CacheChoice }
  | { cmd: 'atlas'; maps: string[]; format: Format; out?: string; showEnv: boolean };

/** `--cache-dir <folder>`, `--no-cache`, or neither (the default folder, see cli/cache.ts). */
export type CacheChoice = { dir: string } | 'off' | 'default';

export const HELP = `state-map — where is the state?

Usage:
  state-map analyze [folder]            the state map of a workspace (default: Markdown)
  state-map check [folder]              exit 1 when a service breaks its claim (a CI gate)
  state-map diff <base> [folder]        what a branch changes since it left <base> (the merge base) vs the
                                        working tree (or --head)
  state-map baseline [folder]           accept today's findings: write .statemap-baseline.json
  state-map atlas <map.json>...         merge the JSON maps of several repositories at their shared stores

Options:
  -f, --format <name>     stylish | markdown | json | mermaid | sarif
                          (analyze: stylish on a terminal, else markdown; check, diff: markdown)
  -o, --out <file>        write to a file instead of standard output
      --show-env          include environment-variable reads in diagrams and reports
      --include-tests     analyze tests, fixtures, mocks and stories too
      --experimental-hazards  also report what is not yet precise on real code: volumes, ConfigMaps and
                          Secrets from manifests, JWT lifetimes and revocation, rwo-volume-replicas,
                          jwt-no-revocation
      --max-file-size <n> skip files larger than n bytes (default 1048576)
      --ignore <glob>     do not analyze matching files (repeatable)
      --fail-on <list>    check/diff: broken-claim, hazard, new-hazard, new-store, new-access, or a
                          hazard kind (default: broken-claim); contract breaks always fail
      --head <ref>        diff: compare against this ref instead of the working tree
      --cache-dir <dir>   keep per-file facts, and the last few maps, here between runs (default:
                          node_modules/.cache/state-map in the folder, when it has a node_modules folder)
      --no-cache          neither read nor write cached facts or maps
      --base-exact        diff: compare with the tip of <base>, not the merge base
      --baseline <file>   check/diff/baseline: the baseline file (default: .statemap-baseline.json in the folder)
  -q, --quiet             no progress on standard error
  -h, --help              this help
  -v, --version           the version

Exit codes: 0 success, 1 check failed, 2 usage error, 3 analysis error.
Configuration: statemap.config.json at the workspace root (services, claims, ignore globs).
`;

function format(value: string | undefined, fallback: Format): Format {
  if (value === undefined) return fallback;
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown format "${value}": use one of ${FORMATS.join(', ')}`);
  return value as Format;
}

function size(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // digits only: Number() would also take " 12 ", "0x10", "1e3" and integers past 2^53
  const n = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--max-file-size takes a positive whole number of bytes, not "${value}"`);
  return n;
}

/** What a change can be written as (each describes the change, not the whole map). */
const DIFF_FORMATS = ['markdown', 'json', 'sarif', 'mermaid'];

/** What `check` and `diff` can fail on. */
export const GATES: ReadonlySet<string> = new Set(['broken-claim', 'hazard', 'new-hazard', 'new-store', 'new-access', 'contract', ...HAZARD_KINDS]);

function failOn(value: string | undefined): string[] {
  if (value === undefined) return ['broken-claim'];
  const items = value.split(',').map((s) => s.trim());
  // an empty list would gate on nothing and always pass
  if (items.some((s) => s === '')) throw new UsageError(`--fail-on takes a comma-separated list of gates with no empty item, not "${value}": use ${[...GATES].join(', ')}`);
  for (const f of items) if (!GATES.has(f)) throw new UsageError(`unknown --fail-on "${f}": use ${[...GATES].join(', ')}`);
  return items;
}

/** An empty `--ignore` is not refused here: like an empty glob in the config, it becomes a problem and the analysis goes on. */
function globs(values: string[] | undefined): string[] {
  return values ?? [];
}

function outFile(value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError('--out takes a file name, not an empty string');
  return value;
}

/** parseArgs reads `--max-file-size -5` as a missing value; joined, the size check names the real mistake. */
function joinNegativeNumbers(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--max-file-size' && /^-[0-9.]/.test(argv[i + 1] ?? '')) out.push(`${argv[i]}=${argv[++i]}`);
    else if (argv[i] === '--') {
      out.push(...argv.slice(i));
      break;
    } else out.push(argv[i]);
  }
  return out;
}

/** parseArgs explains some mistakes over three lines; users get the first, and no advice about '--'. */
function oneLine(message: string): string {
  const ambiguous = /^Option '([^']+)' argument is ambiguous.*use '(--[^=']+)=/s.exec(message);
  if (ambiguous) return `option '${ambiguous[1]}' is missing its value (a value that starts with a dash is written ${ambiguous[2]}=VALUE)`;
  return message.split('\n')[0].replace(/\. To specify.*$/, '').replace(/\.$/, '').replace(/^Unknown option/, 'unknown option').replace(/^Option/, 'option');
}

function cacheChoice(dir: string | undefined, off: boolean): CacheChoice {
  if (off && dir !== undefined) throw new UsageError('--cache-dir and --no-cache contradict each other: give one');
  if (dir !== undefined && dir.trim() === '') throw new UsageError('--cache-dir takes a folder, not an empty string');
  return off ? 'off' : dir !== undefined ? { dir } : 'default';
}

/** Parses the command line; every mistake is one clear `UsageError`. */
export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeNumbers(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        'show-env': { type: 'boolean' },
        'include-tests': { type: 'boolean' },
        'experimental-hazards': { type: 'boolean' },
        'max-file-size': { type: 'string' },
        ignore: { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        head: { type: 'string' },
        'cache-dir': { type: 'string' },
        'no-cache': { type: 'boolean' },
        'base-exact': { type: 'boolean' },
        baseline: { type: 'string' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError(oneLine((err as Error).message));
  }
  const { values: v, positionals } = parsed;
  if (v.version) return { cmd: 'version' };
  const [cmd, ...rest] = positionals;
  if (v.help || cmd === 'help' || cmd === undefined) return { cmd: 'help', topic: cmd === 'help' ? rest[0] : undefined };
  // every option is checked here, before any analysis: a mistake costs no time and never half-runs
  const gates = failOn(v['fail-on']);
  const out = outFile(v.out);
  const cache = cacheChoice(v['cache-dir'], !!v['no-cache']);
  const common = { includeTests: !!v['include-tests'], experimentalHazards: !!v['experimental-hazards'], maxFileSize: size(v['max-file-size']), ignore: globs(v.ignore), quiet: !!v.quiet, cache };
  switch (cmd) {
    case 'analyze':
      if (rest.length > 1) throw new UsageError(`analyze takes one folder, got ${rest.length}`);
      return { cmd, folder: rest[0] ?? '.', format: format(v.format, 'markdown'), formatGiven: v.format !== undefined, out, showEnv: !!v['show-env'], ...common };
    case 'check':
      if (rest.length > 1) throw new UsageError(`check takes one folder, got ${rest.length}`);
      return { cmd, folder: rest[0] ?? '.', failOn: gates, format: format(v.format, 'markdown'), out, ...common, baseline: v.baseline };
    case 'diff':
      if (rest.length < 1) throw new UsageError('diff needs a base ref: state-map diff main');
      if (rest.length > 2) throw new UsageError(`diff takes a base ref and one folder, got ${rest.length} arguments`);
      if (rest[0] === '') throw new UsageError('diff needs a base ref, not an empty string');
      if (v.format !== undefined && !DIFF_FORMATS.includes(v.format)) throw new UsageError(`diff writes ${DIFF_FORMATS.join(', ')}, not "${v.format}"`);
      return { cmd, base: rest[0], folder: rest[1] ?? '.', head: v.head, baseExact: !!v['base-exact'], format: format(v.format, 'markdown'), out, failOn: gates, showEnv: !!v['show-env'], ...common, baseline: v.baseline };
    case 'baseline':
      if (rest.length > 1) throw new UsageError(`baseline takes one folder, got ${rest.length}`);
      return { cmd, folder: rest[0] ?? '.', out: out ?? v.baseline, ...common };
    case 'atlas':
      if (rest.length < 1) throw new UsageError('atlas needs the JSON maps to merge: state-map atlas a.json b.json');
      return { cmd, maps: rest, format: format(v.format, 'markdown'), out, showEnv: !!v['show-env'] };
    default:
      throw new UsageError(`unknown command "${cmd}": use analyze, check, diff, baseline or atlas (state-map --help)`);
  }
}

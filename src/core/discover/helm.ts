// Helm chart templates, read without rendering. A chart's templates are Go templates, not YAML: this
// keeps the lines that are already YAML, substitutes the simple values (`{{ .Values.replicaCount }}`,
// `{{ .Values.image.tag | quote }}`, `{{ toYaml .Values.persistence.accessModes | nindent 4 }}`) from the
// chart's values.yaml and Chart.yaml, and blanks the rest: control lines (`if`, `range`, `end`) vanish, an
// `if` on values keeps only the branch they choose (both when they do not say), and what cannot be
// resolved (`include`, `.Release`, a range item) is said, line by line, in one problem per file. Blanked
// lines stay as empty lines, so manifest lines keep their numbers.
import { parse as parseYaml } from 'yaml';
import type { Problem } from '../model/types';
import { readManifest, type Manifests } from './manifests';

/** A chart: the folder holding `templates/`, with what its values and Chart.yaml give. */
export interface HelmChart {
  dir: string;
  values: Record<string, unknown>;
  chart: Record<string, unknown>;
}

export interface RenderedTemplate {
  text: string;
  /** What was blanked because it could not be resolved: `line N: {{ … }}`. */
  skipped: string[];
}

const CONTROL = /^(?:(?:if|else|end|range|with|define|block|break|continue)\b|\/\*|\$\w*\s*:?=)/;
/** Kinds of object the manifests are read for. */
const READ_KINDS = /^kind:[ \t]*["']?(Deployment|StatefulSet|DaemonSet|ReplicaSet|DeploymentConfig|Rollout|CronJob|Job|HorizontalPodAutoscaler|ScaledObject|PersistentVolumeClaim|ConfigMap|Secret)["']?\s*$/m;
const MAX_SKIPPED_SHOWN = 4;
const MAX_LINE = 2_000;

/** The folder of a template's chart: the part before its last `templates/` folder. */
export function chartDirOf(rel: string): string | undefined {
  const i = rel.lastIndexOf('/templates/');
  if (i >= 0) return rel.slice(0, i) || '.';
  return rel.startsWith('templates/') ? '.' : undefined;
}

/** A chart from its values.yaml and Chart.yaml texts; either may be missing or broken (then it is empty). */
export function helmChart(dir: string, valuesText: string | undefined, chartText: string | undefined): HelmChart {
  return { dir, values: mapOf(valuesText), chart: mapOf(chartText) };
}

function mapOf(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const v = parseYaml(text, { maxAliasCount: 100, uniqueKeys: false }) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The template with its values substituted and its template-only lines blanked. Never throws. */
export function renderTemplate(text: string, chart: HelmChart): RenderedTemplate {
  const skipped: string[] = [];
  const branches: Branch[] = [];
  const lines = text.split(/\r?\n/).map((line, i) => {
    if (!line.includes('{{')) return branches.some((b) => b.on === false) ? '' : line;
    if (line.length > MAX_LINE) {
      skipped.push(`line ${i + 1}: a line over ${MAX_LINE} characters`);
      return '';
    }
    for (const a of actionsOf(line)) if (CONTROL.test(a.body)) branch(branches, a.body, chart);
    if (branches.some((b) => b.on === false)) return '';
    return renderLine(line, i + 1, chart, skipped);
  });
  return { text: lines.join('\n'), skipped };
}

/** An open `if`/`with`/`range`/`define`: whether its lines are in (`undefined`: not known, both branches kept). */
interface Branch {
  on: boolean | undefined;
  /** A branch of this `if` chain was known to be taken: every later one is out. */
  taken: boolean;
}

/** Opens, switches or closes a branch; conditions on values are decided (`if .Values.x`, `not`, `eq`, `ne`). */
function branch(branches: Branch[], body: string, chart: HelmChart): void {
  const [word, ...rest] = body.split(/\s+/);
  const cond = rest.join(' ');
  if (word === 'end') branches.pop();
  else if (word === 'if') {
    const on = condition(cond, chart);
    branches.push({ on, taken: on === true });
  } else if (word === 'else' && branches.length > 0) {
    const b = branches[branches.length - 1];
    const on = b.taken ? false : rest[0] === 'if' ? condition(rest.slice(1).join(' '), chart) : b.on === undefined ? undefined : !b.on;
    b.on = on;
    b.taken ||= on === true;
  } else if (word === 'with') branches.push({ on: condition(cond, chart) === false ? false : undefined, taken: false });
  else if (word === 'define') branches.push({ on: false, taken: false });
  else if (word === 'range' || word === 'block') branches.push({ on: undefined, taken: false });
}

/** Go template truth of a condition on values, or undefined when it is not only values and literals. */
function condition(cond: string, chart: HelmChart): boolean | undefined {
  const c = cond.trim().replace(/^\((.*)\)$/, '$1');
  const parts = c.split(/\s+/);
  if (parts[0] === 'not' && parts.length === 2) {
    const v = condition(parts[1], chart);
    return v === undefined ? undefined : !v;
  }
  if ((parts[0] === 'eq' || parts[0] === 'ne') && parts.length === 3) {
    const [a, b] = [literal(parts[1], chart), literal(parts[2], chart)];
    if (a === undefined || b === undefined) return undefined;
    return (a === b) === (parts[0] === 'eq');
  }
  if (parts.length !== 1 || !/^\.(Values|Chart)\b/.test(c)) return undefined;
  const v = lookup(c, chart);
  if (v === undefined && !valuesPathExists(c, chart)) return undefined;
  return truthy(v);
}

function truthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  return typeof v !== 'object' || Object.keys(v).length > 0;
}

/** Whether a path's parent is a map of values.yaml: then a missing key is false, not unknown. */
function valuesPathExists(ref: string, chart: HelmChart): boolean {
  const parent = ref.replace(/\.[^.]*$/, '');
  return parent === '.Values' || (parent.startsWith('.Values.') && typeof lookup(parent, chart) === 'object');
}

/** One line: each action resolved, or the line blanked (control lines silently, unresolved ones said). */
function renderLine(line: string, n: number, chart: HelmChart, skipped: string[]): string {
  const actions = actionsOf(line);
  const rest = actions.reduceRight((l, a) => l.slice(0, a.start) + l.slice(a.end), line).trim();
  if (actions.length === 0) {
    skipped.push(`line ${n}: an unclosed \`{{\``);
    return '';
  }
  if (rest === '' && actions.every((a) => CONTROL.test(a.body))) return '';
  const values = actions.map((a) => (CONTROL.test(a.body) ? undefined : evaluate(a.body, chart)));
  if (values.some((v) => v === undefined)) {
    const unresolved = actions.filter((_, i) => values[i] === undefined).map((a) => line.slice(a.start, a.end));
    skipped.push(`line ${n}: ${unresolved.map((a) => `\`${a.length > 60 ? `${a.slice(0, 57)}…` : a}\``).join(', ')}`);
    return '';
  }
  const out = actions.reduceRight((l, a, i) => l.slice(0, a.start) + values[i]!.text + l.slice(a.end), line);
  // a collection alone on its line (`{{- toYaml .Values.x | nindent 4 }}`) at the indentation it asks for
  const indent = values[0]!.block ? values[0]!.indent : undefined;
  return indent !== undefined && rest === '' && actions.length === 1 ? `${' '.repeat(indent)}${out.trimStart()}` : out;
}

/** The `{{ … }}` actions of a line, with their bodies trimmed of `-` and spaces: one scan, no backtracking. */
function actionsOf(line: string): Array<{ start: number; end: number; body: string }> {
  const out: Array<{ start: number; end: number; body: string }> = [];
  for (let i = line.indexOf('{{'); i >= 0; i = line.indexOf('{{', i)) {
    const j = line.indexOf('}}', i + 2);
    if (j < 0) break;
    out.push({ start: i, end: j + 2, body: line.slice(i + 2, j).replace(/^-/, '').replace(/-$/, '').trim() });
    i = j + 2;
  }
  return out;
}

interface Value {
  text: string;
  /** A collection (toYaml): written as a flow collection. */
  block?: boolean;
  indent?: number;
}

/** `.Values.a.b`, `.Chart.Name`, with `quote`, `squote`, `default`, `int`, `toString`, `lower`, `upper`, `trim`, `toYaml`, `indent`, `nindent`. */
function evaluate(body: string, chart: HelmChart): Value | undefined {
  const stages = body.split('|').map((s) => s.trim());
  const first = stages[0].split(/\s+/);
  let toYaml = false;
  let head = first[0];
  if ((head === 'toYaml' || head === 'toJson') && first.length === 2) {
    toYaml = true;
    head = first[1];
  } else if (first.length !== 1) return undefined;
  let value = lookup(head, chart);
  let indent: number | undefined;
  let quote = '';
  for (const stage of stages.slice(1)) {
    const [fn, ...args] = stage.split(/\s+/);
    if (fn === 'quote') quote = '"';
    else if (fn === 'squote') quote = "'";
    else if (fn === 'default' && args.length === 1) value = value === undefined || value === null || value === '' ? literal(args[0], chart) : value;
    else if ((fn === 'indent' || fn === 'nindent') && args.length === 1 && /^\d+$/.test(args[0])) indent = Number(args[0]);
    else if (fn === 'toYaml' || fn === 'toJson') toYaml = true;
    else if (fn === 'int' || fn === 'int64') value = typeof value === 'number' ? Math.trunc(value) : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
    else if (fn === 'toString') value = value === undefined || value === null ? undefined : String(value);
    else if (fn === 'lower' || fn === 'upper' || fn === 'trim') value = typeof value === 'string' ? (fn === 'lower' ? value.toLowerCase() : fn === 'upper' ? value.toUpperCase() : value.trim()) : value;
    else return undefined;
  }
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return toYaml ? { text: JSON.stringify(value), block: true, ...(indent !== undefined ? { indent } : {}) } : undefined;
  const text = String(value);
  if (quote) return { text: JSON.stringify(text).replace(/^"|"$/g, quote) };
  return { text: /[\n\r]/.test(text) ? JSON.stringify(text) : text };
}

/** A dotted path of `.Values` or `.Chart`; nothing else of a release is known before it is installed. */
function lookup(ref: string, chart: HelmChart): unknown {
  const m = /^\.(Values|Chart)((?:\.[A-Za-z_][\w-]*)+)?$/.exec(ref);
  if (!m) return undefined;
  let node: unknown = m[1] === 'Values' ? chart.values : chart.chart;
  if (m[1] === 'Chart') {
    // `.Chart.Name` is Chart.yaml's `name`: the built-in object capitalises the keys
    const key = m[2]?.slice(1);
    const name = key ? key.charAt(0).toLowerCase() + key.slice(1) : '';
    return name && Object.prototype.hasOwnProperty.call(chart.chart, name) ? chart.chart[name] : undefined;
  }
  for (const k of (m[2] ?? '').split('.').slice(1)) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, k)) return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node;
}

/** A `default` argument: a quoted string, a number, a boolean, or a path. */
function literal(arg: string, chart: HelmChart): unknown {
  const q = /^"((?:[^"\\]|\\.)*)"$/.exec(arg);
  if (q) return q[1].replace(/\\(.)/g, '$1');
  if (/^-?\d+(\.\d+)?$/.test(arg)) return Number(arg);
  if (arg === 'true' || arg === 'false') return arg === 'true';
  return lookup(arg, chart);
}

/** The problem that says what a template's reading left out, or none. */
export function skippedProblem(rel: string, skipped: readonly string[]): Problem | undefined {
  if (skipped.length === 0) return undefined;
  const shown = skipped.slice(0, MAX_SKIPPED_SHOWN).join('; ');
  const more = skipped.length > MAX_SKIPPED_SHOWN ? `; and ${skipped.length - MAX_SKIPPED_SHOWN} more` : '';
  return { file: rel, message: `Helm template read without rendering: left out what values.yaml does not give (${shown}${more})` };
}

/**
 * Reads the templates of the workspace's charts (a folder with Chart.yaml or values.yaml above
 * `templates/`) into the manifests; a template of no chart stays unread, as any template is.
 */
export function readHelmTemplates(templates: ReadonlyArray<{ rel: string; text: string }>, chartFiles: ReadonlyMap<string, string>, into: Manifests, problems: Problem[]): void {
  const charts = new Map<string, HelmChart | null>();
  const join = (dir: string, file: string) => (dir === '.' ? file : `${dir}/${file}`);
  for (const t of templates) {
    const dir = chartDirOf(t.rel)!;
    if (!charts.has(dir)) {
      const values = chartFiles.get(join(dir, 'values.yaml'));
      const chartYaml = chartFiles.get(join(dir, 'Chart.yaml'));
      charts.set(dir, values === undefined && chartYaml === undefined ? null : helmChart(dir, values, chartYaml));
    }
    const chart = charts.get(dir);
    if (!chart) continue;
    const rendered = renderTemplate(t.text, chart);
    readManifest(t.rel, rendered.text, into, problems, true);
    // what was left out matters only in a template of a kind the manifests are read for (not a Service, an Ingress)
    const problem = READ_KINDS.test(rendered.text) ? skippedProblem(t.rel, rendered.skipped) : undefined;
    if (problem) problems.push(problem);
  }
}

import path from 'node:path';
import { imageBase, officialImage } from './images';
import { LineCounter, isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { StoreKind } from '../../catalog';
import type { Problem } from '../model/types';
import { dirOf, firstLine } from './packages';
import { podSpecOf, readClaim, readComposePlaces, readNamed, readPod, type ClaimDecl, type ComposePlaces, type LineOf, type NamedDecl, type PodPlaces } from './manifestsPods';

/** A Kubernetes workload, with what can tie it to a service. */
export interface Workload {
  kind: string;
  name: string;
  /** Names that may match a service: metadata name, app labels, container names, image base names. */
  keys: string[];
  replicas?: number;
  file: string;
  line: number;
  /** Volumes, mounts and environment of its pods. */
  pod?: PodPlaces;
}

export interface Autoscaler {
  targetKind: string;
  targetName: string;
  file: string;
  line: number;
}

export interface ComposeService {
  name: string;
  /** Build context, posix relative to the workspace root. */
  context?: string;
  /** The folder of the build's Dockerfile when it names one (`dockerfile: apps/web/Dockerfile` with the root as context). */
  dockerfileDir?: string;
  image?: string;
  /** The image is an official Docker Hub image (`mongo:4.4`, `docker.io/library/redis`): never the workspace's own code. */
  officialImage?: boolean;
  replicas?: number;
  /** What the container runs instead of the image's CMD (`command:`, a list joined by spaces). */
  command?: string;
  /** The container's `working_dir`, a path inside the container (`/app/backend`). */
  workingDir?: string;
  file: string;
  line: number;
  places?: ComposePlaces;
}

export interface ServerlessFunction {
  /** Folder the function's code is in, posix relative. */
  dir: string;
  /** Event sources that invoke it: the function reads from these stores. */
  triggers: Array<{ kind: StoreKind; line: number; text: string }>;
  handler?: string;
  name: string;
  file: string;
  line: number;
}

export interface Manifests {
  workloads: Workload[];
  autoscalers: Autoscaler[];
  compose: ComposeService[];
  functions: ServerlessFunction[];
  /** PersistentVolumeClaims, by name. */
  claims: ClaimDecl[];
  /** ConfigMaps and Secrets. */
  named: NamedDecl[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'DeploymentConfig', 'Rollout', 'CronJob', 'Job']);

export function emptyManifests(): Manifests {
  return { workloads: [], autoscalers: [], compose: [], functions: [], claims: [], named: [] };
}

/**
 * Reads one YAML file into the manifests it declares; broken YAML is a problem, templates are skipped
 * unless `rendered` (a Helm template with its values substituted, see helm.ts). Never throws.
 */
export function readManifest(rel: string, text: string, into: Manifests, problems: Problem[], rendered = false): void {
  if (!mentionsManifestKey(text) || (!rendered && isTemplate(text))) return;
  // readText decodes bytes that are not UTF-8 as U+FFFD: say so, and still read what parses
  if (text.includes('\uFFFD')) problems.push({ file: rel, message: 'not valid UTF-8: undecodable bytes were read as U+FFFD' });
  try {
    readDocuments(rel, text, into, problems);
  } catch (err) {
    problems.push({ file: rel, message: `invalid YAML: ${brief((err as Error).message)}` });
  }
}

const MANIFEST_KEY = /^(kind|services|functions|Resources|apiVersion)\s*(:|$)/;
const isSpace = (c: string): boolean => c.trim() === '';

/**
 * Whether a line starts with a key that manifests have (`/^\s*(kind|…)\s*:/m`, the colon possibly on a
 * later line). One pass over the lines with an anchored test per line: the multiline regex backtracks
 * over every blank line from every line start, which is quadratic on a file of blank lines.
 */
export function mentionsManifestKey(text: string): boolean {
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13 && c !== 0x2028 && c !== 0x2029) continue; // the line ends of a multiline `^`
    const key = i > lineStart ? MANIFEST_KEY.exec(text.slice(lineStart, i).trimStart()) : null;
    if (key && (key[2] === ':' || nextNonSpace(text, i) === ':')) return true;
    lineStart = i + 1;
  }
  return false;
}

/** Only after a line that is a bare key: the blank lines it skips hold no key, so no line is skipped twice. */
function nextNonSpace(text: string, from: number): string | undefined {
  for (let j = from; j < text.length; j++) if (!isSpace(text[j])) return text[j];
  return undefined;
}

/** A Helm/Go template (`{{ … }}` somewhere) is not YAML until rendered. Two scans instead of a lazy regex that rescans from every `{{`. */
export function isTemplate(text: string): boolean {
  const open = text.indexOf('{{');
  return open >= 0 && text.indexOf('}}', open + 2) >= 0;
}

/** Alias expansion beyond this many nodes (and beyond 10× the document's own) is an alias bomb. */
const MAX_EXPANDED_NODES = 100_000;
/** The yaml library resolves each alias by scanning the anchors and aliases before it: bounded, this stays cheap. */
const MAX_ANCHORS_AND_ALIASES = 10_000;
const MAX_MESSAGE = 200;

/** Reads every YAML document of a manifest; each one that cannot be read safely is a problem, never a throw. */
function readDocuments(rel: string, text: string, into: Manifests, problems: Problem[]): void {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false });
  // an empty stream gives an empty list, or an EmptyStream (an array too); anything else is unexpected
  if (!Array.isArray(docs)) return;
  const base = path.posix.basename(rel).toLowerCase();
  for (const doc of docs as Document.Parsed[]) {
    const { nodeAt, pairIn } = pathFinder(doc);
    // the line of the key (`replicas:`), not of its value: a block value starts on the next line
    const lineOf: LineOf = (keys) => {
      const parent = keys.length > 1 ? nodeAt(keys.slice(0, -1)) : doc.contents;
      const key = isMap(parent) ? pairIn(parent, keys[keys.length - 1])?.key : undefined;
      return lc.linePos(start(key) ?? start(nodeAt(keys)) ?? start(doc.contents) ?? 0).line;
    };
    const line = (pos: number | undefined) => lc.linePos(pos ?? 0).line;
    const refused = refusal(doc, rel, line, problems);
    if (refused) {
      problems.push({ file: rel, message: refused });
      continue;
    }
    // refusal() bounded the expansion, so the library's own alias limit (50 uses) would only refuse ordinary files
    const js = doc.toJS({ maxAliasCount: -1 }) as Record<string, unknown> | null;
    if (!js || typeof js !== 'object') continue;
    const kind = typeof js.kind === 'string' ? js.kind : undefined;
    if (kind && WORKLOAD_KINDS.has(kind)) readWorkload(js, kind, rel, lineOf, into);
    else if (kind === 'HorizontalPodAutoscaler' || kind === 'ScaledObject') readAutoscaler(js, rel, lineOf, into);
    else if (kind === 'PersistentVolumeClaim') pushDefined(into.claims, readClaim(js, rel, lineOf));
    else if (kind === 'ConfigMap' || kind === 'Secret') pushDefined(into.named, readNamed(js, kind, rel, lineOf));
    else if (!kind && js.services && typeof js.services === 'object' && /compose|stack/.test(base)) readCompose(js, rel, lineOf, into);
    else if (js.functions && typeof js.functions === 'object' && (js.provider || /serverless/.test(base))) readServerless(js, rel, lineOf, into);
    else if (js.Resources && typeof js.Resources === 'object') readSam(js, rel, lineOf, into);
  }
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

/**
 * Why a parsed document is not read (a syntax error, too many anchors, an alias bomb, a list or scalar
 * where a manifest was meant), or undefined; a duplicate key is reported but the document is read.
 */
function refusal(doc: Document.Parsed, rel: string, line: (pos: number | undefined) => number, problems: Problem[]): string | undefined {
  if (doc.errors.length > 0) {
    return `invalid YAML at line ${line(doc.errors[0].pos[0])}: ${brief(firstLine(doc.errors[0].message).replace(/\s*at line \d+, column \d+:?\s*$/, ''))}`;
  }
  const shape = shapeOf(doc);
  const at = `the document at line ${line(doc.contents?.range?.[0])}`;
  if (shape.anchorsAndAliases > MAX_ANCHORS_AND_ALIASES) {
    return `not read: ${at} has ${shape.anchorsAndAliases.toLocaleString('en-US')} anchors and aliases (at most ${MAX_ANCHORS_AND_ALIASES.toLocaleString('en-US')})`;
  }
  if (shape.expanded > Math.max(MAX_EXPANDED_NODES, 10 * shape.nodes)) {
    return `not read: the aliases of ${at} expand to over ${Math.max(MAX_EXPANDED_NODES, 10 * shape.nodes).toLocaleString('en-US')} nodes (an alias bomb)`;
  }
  if (shape.duplicateKeyAt !== undefined) {
    problems.push({ file: rel, message: `duplicate key at line ${line(shape.duplicateKeyAt)}: the last value is used` });
  }
  if ((isSeq(doc.contents) || (isScalar(doc.contents) && doc.contents.value !== null)) && looksLikeManifest(rel, doc.contents)) {
    return `not read: ${at} is ${isSeq(doc.contents) ? 'a list' : 'a scalar'}, not a map of keys`;
  }
  return undefined;
}

/** A Kubernetes Deployment, StatefulSet, ...: the names, labels and images it is known by, and its replicas. */
function readWorkload(js: Record<string, unknown>, kind: string, rel: string, lineOf: LineOf, into: Manifests): void {
  const meta = (js.metadata ?? {}) as Record<string, unknown>;
  const spec = (js.spec ?? {}) as Record<string, unknown>;
  const tpl = ((kind === 'CronJob' ? ((spec.jobTemplate ?? {}) as { spec?: { template?: unknown } }).spec?.template : spec.template) ?? {}) as Record<string, unknown>;
  const podSpec = podSpecOf(js, kind);
  const keys = new Set<string>();
  if (typeof meta.name === 'string') keys.add(meta.name);
  for (const labels of [meta.labels, (tpl.metadata as Record<string, unknown> | undefined)?.labels]) {
    if (labels && typeof labels === 'object') {
      for (const k of ['app', 'app.kubernetes.io/name', 'component', 'service']) {
        const v = (labels as Record<string, unknown>)[k];
        if (typeof v === 'string') keys.add(v);
      }
    }
  }
  for (const c of (Array.isArray(podSpec.containers) ? podSpec.containers : []) as Array<Record<string, unknown>>) {
    if (typeof c?.name === 'string') keys.add(c.name);
    if (typeof c?.image === 'string') keys.add(imageBase(c.image));
  }
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : undefined;
  into.workloads.push({
    kind, name: typeof meta.name === 'string' ? meta.name : '', keys: [...keys], replicas, file: rel,
    line: replicas !== undefined ? lineOf(['spec', 'replicas']) : lineOf(['kind']), pod: readPod(js, kind, rel, lineOf),
  });
}

/** An HPA or KEDA ScaledObject: which workload it scales. */
function readAutoscaler(js: Record<string, unknown>, rel: string, lineOf: LineOf, into: Manifests): void {
  const spec = (js.spec ?? {}) as Record<string, unknown>;
  const ref = (spec.scaleTargetRef ?? {}) as Record<string, unknown>;
  if (typeof ref.name === 'string') {
    into.autoscalers.push({ targetKind: typeof ref.kind === 'string' ? ref.kind : 'Deployment', targetName: ref.name, file: rel, line: lineOf(['spec', 'scaleTargetRef']) });
  }
}

/** A compose file's services: build context, image and deploy replicas. */
function readCompose(js: Record<string, unknown>, rel: string, lineOf: LineOf, into: Manifests): void {
  for (const [name, svc] of Object.entries(js.services as Record<string, Record<string, unknown> | null>)) {
    if (!svc || typeof svc !== 'object') continue;
    const build = svc.build;
    const spec = build && typeof build === 'object' ? (build as { context?: unknown; dockerfile?: unknown }) : {};
    const ctx = typeof build === 'string' ? build : typeof spec.context === 'string' ? spec.context : undefined;
    const dockerfile = typeof spec.dockerfile === 'string' ? spec.dockerfile : undefined;
    const context = ctx !== undefined ? normalize(path.posix.join(dirOf(rel), ctx)) : undefined;
    const deploy = (svc.deploy ?? {}) as Record<string, unknown>;
    const command = typeof svc.command === 'string' ? svc.command : Array.isArray(svc.command) && svc.command.every((w) => typeof w === 'string') ? svc.command.join(' ') : undefined;
    into.compose.push({
      name, context,
      ...(command ? { command } : {}),
      ...(typeof svc.working_dir === 'string' ? { workingDir: svc.working_dir } : {}),
      ...(dockerfile !== undefined ? { dockerfileDir: dirOf(normalize(path.posix.join(context ?? dirOf(rel), dockerfile))) } : {}),
      image: typeof svc.image === 'string' ? imageBase(svc.image) : undefined,
      ...(typeof svc.image === 'string' && officialImage(svc.image) ? { officialImage: true } : {}),
      replicas: typeof deploy.replicas === 'number' ? deploy.replicas : undefined, file: rel,
      line: typeof deploy.replicas === 'number' ? lineOf(['services', name, 'deploy', 'replicas']) : lineOf(['services', name]),
      places: readComposePlaces(svc, name, lineOf, (p) => normalize(path.posix.join(dirOf(rel), p))),
    });
  }
}

/** A Serverless Framework file's functions and their event sources. */
function readServerless(js: Record<string, unknown>, rel: string, lineOf: LineOf, into: Manifests): void {
  for (const [name, fn] of Object.entries(js.functions as Record<string, Record<string, unknown> | null>)) {
    const handler = fn && typeof fn.handler === 'string' ? fn.handler : undefined;
    const triggers: ServerlessFunction['triggers'] = [];
    (Array.isArray(fn?.events) ? fn.events : []).forEach((ev: unknown, i: number) => {
      if (!ev || typeof ev !== 'object') return;
      const [type, spec] = Object.entries(ev as Record<string, unknown>)[0] ?? [];
      const streamType = type === 'stream' && spec && typeof spec === 'object' ? (spec as { type?: unknown }).type : typeof spec === 'string' && type === 'stream' ? (/dynamodb/.test(spec) ? 'dynamodb' : 'kinesis') : undefined;
      const kind = TRIGGERS[type === 'stream' ? String(streamType ?? 'kinesis') : type ?? ''];
      if (kind) triggers.push({ kind, line: lineOf(['functions', name, 'events', i]), text: `${type}${streamType ? ` (${String(streamType)})` : ''} trigger of ${name}` });
    });
    into.functions.push({ dir: handler ? normalize(path.posix.join(dirOf(rel), dirOf(handler))) : dirOf(rel), handler, name, file: rel, line: lineOf(['functions', name]), triggers });
  }
}

/** A SAM/CloudFormation template's Lambda functions and their events. */
function readSam(js: Record<string, unknown>, rel: string, lineOf: LineOf, into: Manifests): void {
  for (const [name, res] of Object.entries(js.Resources as Record<string, Record<string, unknown> | null>)) {
    if (!res || (res.Type !== 'AWS::Serverless::Function' && res.Type !== 'AWS::Lambda::Function')) continue;
    const props = (res.Properties ?? {}) as Record<string, unknown>;
    const code = typeof props.CodeUri === 'string' ? props.CodeUri : '.';
    const handler = typeof props.Handler === 'string' ? props.Handler : undefined;
    const triggers: ServerlessFunction['triggers'] = [];
    for (const [evName, ev] of Object.entries((props.Events ?? {}) as Record<string, { Type?: unknown }>)) {
      const kind = TRIGGERS[String(ev?.Type ?? '').toLowerCase()];
      if (kind) triggers.push({ kind, line: lineOf(['Resources', name, 'Properties', 'Events', evName]), text: `${String(ev?.Type)} trigger of ${name}` });
    }
    into.functions.push({ dir: normalize(path.posix.join(dirOf(rel), code, handler ? dirOf(handler) : '.')), handler, name, file: rel, line: lineOf(['Resources', name]), triggers });
  }
}

const start = (node: unknown): number | undefined => (node as { range?: [number] } | null | undefined)?.range?.[0];

/**
 * The node at a path of keys as `doc.getIn(keys, true)` finds it, and a map's first pair with a key, as
 * `map.items.find` does, with each map's keys indexed once: scanning the pairs on every call, once per
 * service, is quadratic in the services.
 */
function pathFinder(doc: Document.Parsed) {
  const indexes = new Map<YAMLMap, Map<unknown, Pair>>();
  const pairIn = (map: YAMLMap, key: string | number): Pair | undefined => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) if (isScalar(p.key) && !index.has(p.key.value)) index.set(p.key.value, p);
      indexes.set(map, index);
    }
    return index.get(key);
  };
  const child = (node: unknown, key: string | number): unknown => {
    if (isMap(node)) return pairIn(node, key)?.value ?? undefined;
    if (isSeq(node)) {
      const i = typeof key === 'string' && key ? Number(key) : key;
      return typeof i === 'number' && Number.isInteger(i) && i >= 0 ? node.items[i] : undefined;
    }
    return undefined;
  };
  const nodeAt = (keys: (string | number)[]): unknown => {
    let node: unknown = doc.contents;
    for (const k of keys) {
      if (!isCollection(node)) return undefined;
      node = child(node, k);
    }
    return node;
  };
  return { nodeAt, pairIn };
}

interface Shape {
  /** Nodes in the document as written. */
  nodes: number;
  /** Nodes once every alias is replaced by what it points to. */
  expanded: number;
  anchorsAndAliases: number;
  /** Offset of the first key repeated in its map. */
  duplicateKeyAt?: number;
}

/**
 * Counts a document's nodes with and without alias expansion, in one walk that keeps its own stack (a
 * deeply nested document cannot overflow the call stack). An alias resolves to the last anchor of its
 * name before it, as the yaml library resolves it; an alias inside its own anchor counts as one node,
 * since toJS makes it a reference back, not a copy.
 */
function shapeOf(doc: Document.Parsed): Shape {
  const shape: Shape = { nodes: 0, expanded: 0, anchorsAndAliases: 0 };
  const sizes = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  const childrenOf = (node: YAMLMap | YAMLSeq): unknown[] => node.items.flatMap((it) => (isPair(it) ? [it.key, it.value] : [it]));
  const stack: Array<{ node: unknown; done: boolean }> = [{ node: doc.contents, done: false }];
  while (stack.length > 0) {
    const { node, done } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (done) {
      let size = 1;
      for (const c of childrenOf(node as YAMLMap | YAMLSeq)) size += c && typeof c === 'object' ? sizes.get(c) ?? 1 : 0;
      sizes.set(node, size);
      continue;
    }
    shape.nodes++;
    if (isAlias(node)) {
      shape.anchorsAndAliases++;
      const target = anchors.get(node.source);
      sizes.set(node, target ? sizes.get(target) ?? 1 : 1);
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) {
      shape.anchorsAndAliases++;
      anchors.set(anchor, node);
    }
    if (isMap(node) && shape.duplicateKeyAt === undefined) {
      const seen = new Set<unknown>();
      for (const p of node.items) {
        if (!isScalar(p.key)) continue;
        if (seen.has(p.key.value)) {
          shape.duplicateKeyAt = p.key.range?.[0];
          break;
        }
        seen.add(p.key.value);
      }
    }
    if (isCollection(node)) {
      stack.push({ node, done: true });
      const children = childrenOf(node as YAMLMap | YAMLSeq);
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], done: false });
    } else {
      sizes.set(node, 1);
    }
  }
  shape.expanded = sizes.get(doc.contents) ?? 0;
  return shape;
}

/** A list or scalar is worth a problem only where a manifest was meant: by the file's name, or a list of Kubernetes objects. */
function looksLikeManifest(rel: string, contents: unknown): boolean {
  if (/compose|stack|serverless/.test(path.posix.basename(rel).toLowerCase())) return true;
  return isSeq(contents) && contents.items.some((it) => isMap(it) && it.items.some((p) => isScalar(p.key) && (p.key.value === 'kind' || p.key.value === 'apiVersion')));
}

/** The first line of a library message, short enough for one line of the problems list. */
function brief(message: string): string {
  const line = firstLine(message);
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line;
}

/** Event sources of serverless functions, by their serverless.yml key or SAM event Type. */
const TRIGGERS: Record<string, StoreKind> = {
  sqs: 'sqs', sns: 'sns', s3: 's3', kinesis: 'kinesis', dynamodb: 'dynamodb', kafka: 'kafka', msk: 'kafka', rabbitmq: 'rabbitmq',
  activemq: 'rabbitmq', selfmanagedkafka: 'kafka', documentdb: 'mongodb',
};

function normalize(p: string): string {
  const n = path.posix.normalize(p).replace(/\/+$/, '');
  return n === '' || n === './' ? '.' : n.replace(/^\.\//, '');
}

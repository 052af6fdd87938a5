import path from 'node:path';
import { LineCounter, isMap, isScalar, parseAllDocuments, type Document } from 'yaml';
import type { StoreKind } from '../../catalog';
import type { Problem } from '../model/types';
import { dirOf, firstLine } from './packages';

/** A Kubernetes workload, with what can tie it to a service. */
export interface Workload {
  kind: string;
  name: string;
  /** Names that may match a service: metadata name, app labels, container names, image base names. */
  keys: string[];
  replicas?: number;
  file: string;
  line: number;
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
  image?: string;
  replicas?: number;
  file: string;
  line: number;
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
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'DeploymentConfig', 'Rollout']);

export function emptyManifests(): Manifests {
  return { workloads: [], autoscalers: [], compose: [], functions: [] };
}

/** Reads one YAML file into the manifests it declares; broken YAML is a problem, templates are skipped. */
export function readManifest(rel: string, text: string, into: Manifests, problems: Problem[]): void {
  if (!/^\s*(kind|services|functions|Resources|apiVersion)\s*:/m.test(text)) return;
  if (/\{\{[\s\S]*?\}\}/.test(text)) return; // a Helm/Go template: not YAML until rendered
  const lc = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false }) as Document.Parsed[];
  } catch (err) {
    problems.push({ file: rel, message: `invalid YAML: ${firstLine((err as Error).message)}` });
    return;
  }
  if (!Array.isArray(docs)) return;
  // the line of the key (`replicas:`), not of its value: a block value starts on the next line
  const lineOf = (doc: Document.Parsed, keys: (string | number)[]): number => {
    const parent = keys.length > 1 ? doc.getIn(keys.slice(0, -1), true) : doc.contents;
    const last = keys[keys.length - 1];
    let pos: number | undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      pos = (pair?.key as { range?: [number] } | undefined)?.range?.[0];
    }
    pos ??= (doc.getIn(keys, true) as { range?: [number] } | undefined)?.range?.[0] ?? (doc.contents as { range?: [number] } | null)?.range?.[0] ?? 0;
    return lc.linePos(pos).line;
  };
  const base = path.posix.basename(rel).toLowerCase();
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      problems.push({ file: rel, message: `invalid YAML at line ${lc.linePos(doc.errors[0].pos[0]).line}: ${firstLine(doc.errors[0].message).replace(/\s*at line \d+, column \d+:?\s*$/, '')}` });
      continue;
    }
    const js = doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown> | null;
    if (!js || typeof js !== 'object') continue;
    const kind = typeof js.kind === 'string' ? js.kind : undefined;
    if (kind && WORKLOAD_KINDS.has(kind)) {
      const meta = (js.metadata ?? {}) as Record<string, unknown>;
      const spec = (js.spec ?? {}) as Record<string, unknown>;
      const tpl = ((spec.template ?? {}) as Record<string, unknown>);
      const podSpec = ((tpl.spec ?? {}) as Record<string, unknown>);
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
        line: replicas !== undefined ? lineOf(doc, ['spec', 'replicas']) : lineOf(doc, ['kind']),
      });
    } else if (kind === 'HorizontalPodAutoscaler' || kind === 'ScaledObject') {
      const spec = (js.spec ?? {}) as Record<string, unknown>;
      const ref = (spec.scaleTargetRef ?? {}) as Record<string, unknown>;
      if (typeof ref.name === 'string') {
        into.autoscalers.push({ targetKind: typeof ref.kind === 'string' ? ref.kind : 'Deployment', targetName: ref.name, file: rel, line: lineOf(doc, ['spec', 'scaleTargetRef']) });
      }
    } else if (!kind && js.services && typeof js.services === 'object' && /compose|stack/.test(base)) {
      for (const [name, svc] of Object.entries(js.services as Record<string, Record<string, unknown> | null>)) {
        if (!svc || typeof svc !== 'object') continue;
        const build = svc.build;
        const ctx = typeof build === 'string' ? build : build && typeof build === 'object' && typeof (build as { context?: unknown }).context === 'string' ? (build as { context: string }).context : undefined;
        const deploy = (svc.deploy ?? {}) as Record<string, unknown>;
        into.compose.push({
          name, context: ctx !== undefined ? normalize(path.posix.join(dirOf(rel), ctx)) : undefined,
          image: typeof svc.image === 'string' ? imageBase(svc.image) : undefined,
          replicas: typeof deploy.replicas === 'number' ? deploy.replicas : undefined, file: rel,
          line: typeof deploy.replicas === 'number' ? lineOf(doc, ['services', name, 'deploy', 'replicas']) : lineOf(doc, ['services', name]),
        });
      }
    } else if (js.functions && typeof js.functions === 'object' && (js.provider || /serverless/.test(base))) {
      for (const [name, fn] of Object.entries(js.functions as Record<string, Record<string, unknown> | null>)) {
        const handler = fn && typeof fn.handler === 'string' ? fn.handler : undefined;
        const triggers: ServerlessFunction['triggers'] = [];
        (Array.isArray(fn?.events) ? fn.events : []).forEach((ev: unknown, i: number) => {
          if (!ev || typeof ev !== 'object') return;
          const [type, spec] = Object.entries(ev as Record<string, unknown>)[0] ?? [];
          const streamType = type === 'stream' && spec && typeof spec === 'object' ? (spec as { type?: unknown }).type : typeof spec === 'string' && type === 'stream' ? (/dynamodb/.test(spec) ? 'dynamodb' : 'kinesis') : undefined;
          const kind = TRIGGERS[type === 'stream' ? String(streamType ?? 'kinesis') : type ?? ''];
          if (kind) triggers.push({ kind, line: lineOf(doc, ['functions', name, 'events', i]), text: `${type}${streamType ? ` (${String(streamType)})` : ''} trigger of ${name}` });
        });
        into.functions.push({ dir: handler ? normalize(path.posix.join(dirOf(rel), dirOf(handler))) : dirOf(rel), handler, name, file: rel, line: lineOf(doc, ['functions', name]), triggers });
      }
    } else if (js.Resources && typeof js.Resources === 'object') {
      for (const [name, res] of Object.entries(js.Resources as Record<string, Record<string, unknown> | null>)) {
        if (!res || (res.Type !== 'AWS::Serverless::Function' && res.Type !== 'AWS::Lambda::Function')) continue;
        const props = (res.Properties ?? {}) as Record<string, unknown>;
        const code = typeof props.CodeUri === 'string' ? props.CodeUri : '.';
        const handler = typeof props.Handler === 'string' ? props.Handler : undefined;
        const triggers: ServerlessFunction['triggers'] = [];
        for (const [evName, ev] of Object.entries((props.Events ?? {}) as Record<string, { Type?: unknown }>)) {
          const kind = TRIGGERS[String(ev?.Type ?? '').toLowerCase()];
          if (kind) triggers.push({ kind, line: lineOf(doc, ['Resources', name, 'Properties', 'Events', evName]), text: `${String(ev?.Type)} trigger of ${name}` });
        }
        into.functions.push({ dir: normalize(path.posix.join(dirOf(rel), code, handler ? dirOf(handler) : '.')), handler, name, file: rel, line: lineOf(doc, ['Resources', name]), triggers });
      }
    }
  }
}

/** Event sources of serverless functions, by their serverless.yml key or SAM event Type. */
const TRIGGERS: Record<string, StoreKind> = {
  sqs: 'sqs', sns: 'sns', s3: 's3', kinesis: 'kinesis', dynamodb: 'dynamodb', kafka: 'kafka', msk: 'kafka', rabbitmq: 'rabbitmq',
  activemq: 'rabbitmq', selfmanagedkafka: 'kafka', documentdb: 'mongodb',
};

function imageBase(image: string): string {
  const noTag = image.replace(/@sha256:.*$/, '').replace(/:[^/:]*$/, '');
  return noTag.split('/').pop() ?? noTag;
}

function normalize(p: string): string {
  const n = path.posix.normalize(p).replace(/\/+$/, '');
  return n === '' || n === './' ? '.' : n.replace(/^\.\//, '');
}

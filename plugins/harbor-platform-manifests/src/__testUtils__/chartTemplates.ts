import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { TemplateEngine } from './goTemplate/evaluate';
import type { Node } from './goTemplate/parse';

/**
 * Reads a Helm chart's templates as data and renders them for given values, without a Helm binary: which
 * objects the chart writes (kind, name, data keys) and which Secrets and ConfigMaps its workloads read.
 * Shared by the collision tests of every chart the renderer supports.
 */
export interface Chart {
  dir: string;
  chart: Record<string, unknown>;
  defaults: Record<string, unknown>;
  engine: TemplateEngine;
  /** Template files that render objects (not `_*.tpl`, not NOTES.txt), relative to `templates/`. */
  files: Map<string, Node[]>;
}

export interface ChartObject {
  kind: string;
  name: string;
  namespace?: string;
  file: string;
  /** Keys of `data` / `stringData` (Secrets, ConfigMaps). */
  dataKeys: string[];
}

export interface ChartRead {
  file: string;
  /** `<Kind>/<name>` of the workload. */
  workload: string;
  container?: string;
  kind: 'Secret' | 'ConfigMap';
  via: 'keyRef' | 'envFrom' | 'volume';
  name: string;
  /** For keyRef and volume `items`; undefined when the whole object is read. */
  key?: string;
  /** Volume name, or the position in the container's envFrom list. */
  slot: string;
}

export interface ChartRender {
  objects: ChartObject[];
  reads: ChartRead[];
}

function walkFiles(dir: string, filter: (f: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walkFiles(full, filter);
      return filter(entry.name) ? [full] : [];
    })
    .sort();
}

/** Loads `Chart.yaml`, `values.yaml`, `templates/**` and the templates of the library charts under `charts/`. */
export function loadChart(dir: string): Chart {
  const engine = new TemplateEngine();
  const chart = parse(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8'));
  const files = new Map<string, Node[]>();
  for (const sub of fs.existsSync(path.join(dir, 'charts'))
    ? fs.readdirSync(path.join(dir, 'charts'))
    : []) {
    for (const file of walkFiles(
      path.join(dir, 'charts', sub, 'templates'),
      f => f.endsWith('.tpl'),
    )) {
      engine.addFile(fs.readFileSync(file, 'utf8'));
    }
  }
  const templates = path.join(dir, 'templates');
  for (const file of walkFiles(templates, f => /\.(ya?ml|tpl)$/.test(f))) {
    const nodes = engine.addFile(fs.readFileSync(file, 'utf8'));
    const relative = path.relative(templates, file);
    // Checksum annotations include a whole file: `include (print $.Template.BasePath "/x.yaml") .`
    engine.defines.set(`${chart.name}/templates/${relative}`, nodes);
    if (!path.basename(file).startsWith('_')) files.set(relative, nodes);
  }
  return {
    dir,
    chart,
    defaults:
      parse(fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8')) ?? {},
    engine,
    files,
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Helm's coalescing of user values over the chart defaults (maps merge, everything else replaces; null deletes). */
export function mergeValues(defaults: unknown, overrides: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(overrides))
    return overrides === undefined ? defaults : overrides;
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete out[key];
    else out[key] = mergeValues(defaults[key], value);
  }
  return out;
}

export interface RenderOptions {
  releaseName: string;
  namespace: string;
}

/** Renders every template with the chart defaults merged under `values` and reads the objects out of it. */
export function renderChart(
  chart: Chart,
  values: Record<string, unknown>,
  options: RenderOptions,
): ChartRender {
  const c = chart.chart;
  const context = {
    Values: mergeValues(chart.defaults, values),
    Release: {
      Name: options.releaseName,
      Namespace: options.namespace,
      Service: 'Helm',
      IsInstall: true,
      IsUpgrade: false,
      Revision: 1,
    },
    Chart: {
      Name: c.name,
      Version: c.version,
      AppVersion: c.appVersion,
      Annotations: c.annotations,
    },
    Capabilities: {
      KubeVersion: {
        Version: 'v1.33.0',
        GitVersion: 'v1.33.0',
        Major: '1',
        Minor: '33',
      },
      APIVersions: { Has: () => true },
    },
    Template: { BasePath: `${c.name}/templates`, Name: '' },
    Files: {},
  };
  const render: ChartRender = { objects: [], reads: [] };
  for (const [file, nodes] of chart.files) {
    let text: string;
    try {
      text = chart.engine.execute(nodes, {
        ...context,
        Template: { ...context.Template, Name: file },
      });
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0)
        throw new Error(
          `${file}: rendered YAML does not parse: ${doc.errors[0].message}`,
        );
      const object = doc.toJS();
      if (!isPlainObject(object) || typeof object.kind !== 'string') continue;
      collectObject(render, file, object, options.namespace);
    }
  }
  return render;
}

function collectObject(
  render: ChartRender,
  file: string,
  object: Record<string, unknown>,
  namespace: string,
) {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const kind = object.kind as string;
  const name = String(metadata.name);
  render.objects.push({
    kind,
    name,
    namespace:
      metadata.namespace === undefined ? namespace : String(metadata.namespace),
    file,
    dataKeys: [
      ...Object.keys(object.data ?? {}),
      ...Object.keys(object.stringData ?? {}),
    ],
  });
  render.reads.push(...workloadReads(file, `${kind}/${name}`, object));
}

function podSpecOf(
  object: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const spec = object.spec as Record<string, any> | undefined;
  return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
}

/** The Secrets and ConfigMaps a workload's containers and volumes read. */
export function workloadReads(
  file: string,
  workload: string,
  object: Record<string, unknown>,
): ChartRead[] {
  const pod = podSpecOf(object) as Record<string, any> | undefined;
  if (!pod) return [];
  const reads: ChartRead[] = [];
  const base = { file, workload };
  const containers = [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
  for (const container of containers) {
    const where = { ...base, container: container.name as string };
    for (const env of container.env ?? []) {
      const secret = env.valueFrom?.secretKeyRef;
      const cm = env.valueFrom?.configMapKeyRef;
      if (secret)
        reads.push({
          ...where,
          kind: 'Secret',
          via: 'keyRef',
          name: secret.name,
          key: secret.key,
          slot: env.name,
        });
      if (cm)
        reads.push({
          ...where,
          kind: 'ConfigMap',
          via: 'keyRef',
          name: cm.name,
          key: cm.key,
          slot: env.name,
        });
    }
    (container.envFrom ?? []).forEach(
      (from: Record<string, any>, i: number) => {
        if (from.secretRef)
          reads.push({
            ...where,
            kind: 'Secret',
            via: 'envFrom',
            name: from.secretRef.name,
            slot: String(i),
          });
        if (from.configMapRef)
          reads.push({
            ...where,
            kind: 'ConfigMap',
            via: 'envFrom',
            name: from.configMapRef.name,
            slot: String(i),
          });
      },
    );
  }
  for (const volume of pod.volumes ?? []) {
    const sources = [
      { secret: volume.secret, configMap: volume.configMap },
      ...(volume.projected?.sources ?? []),
    ] as Record<string, any>[];
    for (const source of sources) {
      let ref;
      if (source.secret) {
        ref = {
          kind: 'Secret' as const,
          name: source.secret.secretName ?? source.secret.name,
          items: source.secret.items,
        };
      } else if (source.configMap) {
        ref = {
          kind: 'ConfigMap' as const,
          name: source.configMap.name,
          items: source.configMap.items,
        };
      } else continue;
      const read = {
        ...base,
        kind: ref.kind,
        via: 'volume' as const,
        name: ref.name,
        slot: volume.name as string,
      };
      if (ref.items?.length)
        for (const item of ref.items) reads.push({ ...read, key: item.key });
      else reads.push(read);
    }
  }
  return reads;
}

import type { KubernetesObject } from '../types';
import {
  Chart,
  ChartRead,
  ChartRender,
  mergeValues,
  renderChart,
} from './chartTemplates';

/** A Secret or ConfigMap someone else writes: its name and the keys it has. */
export interface ProvidedObject {
  kind: 'Secret' | 'ConfigMap';
  namespace: string;
  name: string;
  keys: string[];
  /** Who writes it, for the messages. */
  by: string;
}

/**
 * What our objects put in the cluster under a kind and name: the objects themselves, and the Secret each
 * ExternalSecret writes (keys from `target.template.data` when it has one, else `data[].secretKey`).
 */
export function providedObjects(objects: KubernetesObject[]): ProvidedObject[] {
  const provided: ProvidedObject[] = [];
  for (const object of objects as any[]) {
    const namespace = object.metadata.namespace;
    if (object.kind === 'ExternalSecret') {
      const template = object.spec.target?.template;
      const keys = template?.data
        ? Object.keys(template.data)
        : (object.spec.data ?? []).map(
            (d: { secretKey: string }) => d.secretKey,
          );
      provided.push({
        kind: 'Secret',
        namespace,
        name: object.spec.target?.name ?? object.metadata.name,
        keys,
        by: `ExternalSecret ${object.metadata.name}`,
      });
    }
    if (object.kind === 'Secret' || object.kind === 'ConfigMap') {
      provided.push({
        kind: object.kind,
        namespace,
        name: object.metadata.name,
        keys: [
          ...Object.keys(object.data ?? {}),
          ...Object.keys(object.stringData ?? {}),
        ],
        by: `${object.kind} ${object.metadata.name}`,
      });
    }
  }
  return provided;
}

export interface ChartConflictInput {
  chart: Chart;
  /** The values Helm sees: the HelmRelease values with its valuesFrom merged in. */
  values: Record<string, unknown>;
  releaseName: string;
  namespace: string;
  /** Every object we render (any namespace). */
  ourObjects: KubernetesObject[];
  /** Secrets that operators write (CNPG's `<cluster>-app`, cert-manager's TLS Secret); read whole as they are. */
  operatorObjects?: ProvidedObject[];
  /**
   * Values the chart would be given if it wrote a Secret itself instead of reading ours (e.g. the S3 keys the
   * chart puts into its registry Secret only when they are set), merged in when finding the keys it needs.
   */
  valuesWithoutHooks?: Record<string, unknown>;
}

/** Paths of `values` whose value is `name`: the hooks (`existingSecret`, `secretName`...) that point at it. */
function pathsWithValue(
  values: unknown,
  name: string,
  prefix: string[] = [],
): string[][] {
  if (values === name) return [prefix];
  if (values === null || typeof values !== 'object' || Array.isArray(values))
    return [];
  return Object.entries(values).flatMap(([k, v]) =>
    pathsWithValue(v, name, [...prefix, k]),
  );
}

function withoutPaths(
  values: Record<string, unknown>,
  paths: string[][],
): Record<string, unknown> {
  const copy = structuredClone(values);
  for (const p of paths) {
    let node: any = copy;
    for (const key of p.slice(0, -1)) node = node[key];
    node[p[p.length - 1]] = null;
  }
  return copy;
}

const sameSlot = (a: ChartRead, b: ChartRead) =>
  a.workload === b.workload &&
  a.container === b.container &&
  a.via === b.via &&
  a.slot === b.slot;

/**
 * The keys a whole-object read (envFrom, a volume without items) of our Secret needs: the keys of the
 * chart's own Secret in the same place when the hook that points at ours is removed.
 */
function keysTheChartWouldWrite(
  input: ChartConflictInput,
  read: ChartRead,
): string[] | string {
  const hooks = pathsWithValue(input.values, read.name);
  if (hooks.length === 0) return `no value points at ${read.name}`;
  const values = mergeValues(
    withoutPaths(input.values, hooks),
    input.valuesWithoutHooks ?? {},
  );
  const baseline = renderChart(
    input.chart,
    values as Record<string, unknown>,
    input,
  );
  const own = baseline.reads.find(r => sameSlot(r, read));
  const object =
    own &&
    baseline.objects.find(o => o.kind === read.kind && o.name === own.name);
  if (!object)
    return `without ${hooks
      .map(h => h.join('.'))
      .join(', ')} the chart writes no ${read.kind} there`;
  return object.dataKeys;
}

function describe(read: ChartRead) {
  return `${read.workload}${read.container ? ` (${read.container})` : ''} ${
    read.via
  } ${read.slot}`;
}

/**
 * Problems between the chart and our objects, empty when none: an object of ours with the kind, namespace
 * and name of one the chart renders; a Secret or ConfigMap the chart reads that nobody writes; a key the
 * chart reads from ours that ours lacks.
 */
export function findChartConflicts(input: ChartConflictInput): string[] {
  const render: ChartRender = renderChart(input.chart, input.values, input);
  const ours = providedObjects(input.ourObjects);
  const problems: string[] = [];
  const id = (kind: string, namespace: string | undefined, name: string) =>
    `${kind}/${namespace}/${name}`;
  const chartIds = new Map(
    render.objects.map(o => [id(o.kind, o.namespace, o.name), o]),
  );
  for (const object of input.ourObjects) {
    const clash = chartIds.get(
      id(object.kind, object.metadata.namespace, object.metadata.name),
    );
    if (clash)
      problems.push(
        `${object.kind} ${object.metadata.name} is also rendered by the chart (${clash.file})`,
      );
  }
  for (const object of ours) {
    const clash = chartIds.get(id(object.kind, object.namespace, object.name));
    if (clash && object.by !== `${object.kind} ${object.name}`) {
      problems.push(
        `${object.by} writes ${object.kind} ${object.name}, which the chart also renders (${clash.file})`,
      );
    }
  }
  const operators = input.operatorObjects ?? [];
  const external = [...ours, ...operators];
  for (const read of render.reads) {
    const inNamespace = (o: {
      kind: string;
      namespace?: string;
      name: string;
    }) =>
      o.kind === read.kind &&
      o.namespace === input.namespace &&
      o.name === read.name;
    if (render.objects.some(inNamespace)) continue;
    const source = external.find(inNamespace);
    if (!source) {
      problems.push(
        `${describe(read)} reads ${read.kind} ${
          read.name
        }, which nothing writes`,
      );
      continue;
    }
    if (!read.key && operators.includes(source)) continue;
    const needed = read.key ? [read.key] : keysTheChartWouldWrite(input, read);
    if (typeof needed === 'string') {
      problems.push(
        `${describe(read)} reads all of ${read.kind} ${read.name}: ${needed}`,
      );
      continue;
    }
    for (const key of needed.filter(k => !source.keys.includes(k))) {
      problems.push(
        `${describe(read)} reads key ${key} of ${read.kind} ${
          read.name
        }, which ${source.by} does not write`,
      );
    }
  }
  return [...new Set(problems)];
}

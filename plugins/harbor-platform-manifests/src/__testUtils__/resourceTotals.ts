import { parseQuantity } from '../resources';
import type {
  KubernetesObject,
  RenderedFile,
  ResourceRequirements,
} from '../types';

/** One container of the rendered platform: where its resources are set, and how many pods run it. */
export interface ContainerResources {
  where: string;
  replicas: number;
  resources: ResourceRequirements;
}

export interface ResourceTotals {
  /** Cores and bytes. */
  requests: { cpu: number; memory: number };
  limits: { cpu: number; memory: number };
  containers: ContainerResources[];
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Init containers run before the others and never add to a pod's requests unless larger than the pod. */
const INIT_CONTAINER_PATHS = new Set(['certificateVolume']);

/**
 * Every `resources` in chart values, multiplied by the nearest enclosing `replicaCount` (Bitnami) or `replicas`
 * (official chart). Works for both charts because both keep resources beside or below the replica count.
 */
function helmValuesContainers(
  node: Node,
  path: string[],
  replicas: number,
  out: ContainerResources[],
) {
  const own = node.replicaCount ?? node.replicas;
  const count = typeof own === 'number' ? own : replicas;
  for (const [key, value] of Object.entries(node)) {
    if (!isNode(value)) continue;
    if (key === 'resources' && ('requests' in value || 'limits' in value)) {
      if (!INIT_CONTAINER_PATHS.has(path[0])) {
        out.push({
          where: `HelmRelease values ${[...path, key].join('.')}`,
          replicas: count,
          resources: value as ResourceRequirements,
        });
      }
      continue;
    }
    helmValuesContainers(value, [...path, key], count, out);
  }
}

function objectContainers(
  object: KubernetesObject,
  all: KubernetesObject[],
): ContainerResources[] {
  const spec = (object as KubernetesObject & { spec: Node }).spec;
  const label = `${object.kind} ${object.metadata.name}`;
  switch (object.kind) {
    case 'HelmRelease': {
      const out: ContainerResources[] = [];
      helmValuesContainers(spec.values as Node, [], 1, out);
      return out;
    }
    case 'Cluster':
      return [
        {
          where: label,
          replicas: spec.instances as number,
          resources: spec.resources as ResourceRequirements,
        },
      ];
    case 'ObjectStore': {
      // The plugin's sidecar runs in every instance of each Cluster that archives to this store.
      const instances = all
        .filter(o => o.kind === 'Cluster')
        .map(o => (o as KubernetesObject & { spec: Node }).spec)
        .filter(c =>
          JSON.stringify(c.plugins ?? []).includes(`"${object.metadata.name}"`),
        )
        .reduce((sum, c) => sum + (c.instances as number), 0);
      const sidecar = spec.instanceSidecarConfiguration as Node | undefined;
      return [
        {
          where: `${label} sidecar`,
          replicas: instances,
          resources: (sidecar?.resources ?? {}) as ResourceRequirements,
        },
      ];
    }
    case 'Dragonfly':
      return [
        {
          where: label,
          replicas: spec.replicas as number,
          resources: spec.resources as ResourceRequirements,
        },
      ];
    default:
      return [];
  }
}

/** Sums requests and limits over every container the rendered platform runs. Missing values count as 0. */
export function platformResourceTotals(files: RenderedFile[]): ResourceTotals {
  const all = files.flatMap(f => f.objects);
  const containers = all.flatMap(o => objectContainers(o, all));
  const sum = (kind: 'requests' | 'limits', what: 'cpu' | 'memory') =>
    containers.reduce((total, c) => {
      const value = c.resources[kind]?.[what];
      return total + (value ? parseQuantity(value) * c.replicas : 0);
    }, 0);
  return {
    requests: {
      cpu: sum('requests', 'cpu'),
      memory: sum('requests', 'memory'),
    },
    limits: { cpu: sum('limits', 'cpu'), memory: sum('limits', 'memory') },
    containers,
  };
}

/** `1.95 cores, 2.26 GiB` for the test output and the docs. */
export function formatTotals(t: { cpu: number; memory: number }): string {
  return `${Number(t.cpu.toFixed(2))} cores, ${Number(
    (t.memory / 2 ** 30).toFixed(2),
  )} GiB`;
}

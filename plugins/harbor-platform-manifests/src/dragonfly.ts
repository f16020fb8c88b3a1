import { commonLabels, PlatformNames } from './names';
import { componentResources, memoryMi } from './resources';
import type { HarborPlatformSpec } from './spec';
import type {
  KubernetesObject,
  ResourceRequirements,
  SecretKeySelector,
} from './types';

export interface Dragonfly extends KubernetesObject {
  spec: {
    replicas: number;
    image?: string;
    args: string[];
    resources: ResourceRequirements;
    authentication: { passwordFromSecret: SecretKeySelector };
    snapshot: {
      cron: string;
      persistentVolumeClaimSpec: {
        storageClassName: string;
        accessModes: string[];
        resources: { requests: { storage: string } };
      };
    };
  };
}

/** The container's memory request and limit: `dragonfly.memoryMi`, else the resource profile's limit. */
export function dragonflyMemoryMi(spec: HarborPlatformSpec): number {
  const limit = componentResources(spec, 'dragonfly').limits?.memory;
  return spec.dragonfly.memoryMi ?? (limit ? memoryMi(limit) : 512);
}

/** maxmemory leaves a quarter of the container limit for Dragonfly's own overhead. */
export function dragonflyMaxMemoryMi(spec: HarborPlatformSpec): number {
  return Math.floor(dragonflyMemoryMi(spec) * 0.75);
}

export function dragonflyArgs(spec: HarborPlatformSpec): string[] {
  // Never `--cache_mode`: for Harbor, Redis is the jobservice queue, not a cache (goharbor/harbor#13440),
  // and cache mode evicts keys.
  return [
    // Dragonfly needs 256 MiB of maxmemory per thread or exits (dragonfly#1491, #3097); pin one thread.
    '--proactor_threads=1',
    `--maxmemory=${dragonflyMaxMemoryMi(spec)}mb`,
    // A fixed snapshot name instead of dump-{timestamp}, so restarts load the latest snapshot.
    '--dbfilename=harbor',
  ];
}

export function renderDragonfly(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): Dragonfly {
  const memory = `${dragonflyMemoryMi(spec)}Mi`;
  const { cpu: requestCpu } =
    componentResources(spec, 'dragonfly').requests ?? {};
  const { cpu: limitCpu } = componentResources(spec, 'dragonfly').limits ?? {};
  return {
    apiVersion: 'dragonflydb.io/v1alpha1',
    kind: 'Dragonfly',
    metadata: {
      name: names.dragonfly,
      namespace: names.namespace,
      labels: commonLabels('redis'),
    },
    spec: {
      // One replica: Harbor jobservice does not support Redis cluster mode (goharbor/harbor#4633).
      replicas: 1,
      image: spec.dragonfly.image,
      args: dragonflyArgs(spec),
      // --proactor_threads is pinned, so a CPU limit cannot change the thread count (dragonfly PR #7030).
      resources: {
        requests: { ...(requestCpu ? { cpu: requestCpu } : {}), memory },
        limits: { ...(limitCpu ? { cpu: limitCpu } : {}), memory },
      },
      // Becomes DFLY_requirepass; Harbor gets the same password through the HelmRelease valuesFrom.
      authentication: {
        passwordFromSecret: { name: names.secrets.dragonfly, key: 'password' },
      },
      snapshot: {
        cron: spec.dragonfly.snapshotCron,
        persistentVolumeClaimSpec: {
          storageClassName: spec.storageClass,
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: spec.dragonfly.snapshotSize } },
        },
      },
    },
  };
}

import type { MigrationWorkload } from '@backstage-harbor/plugin-harbor-common';
import {
  isOnOldRegistry,
  parseImageReference,
} from '@backstage-harbor/plugin-harbor-node';

/**
 * The part of a Kubernetes pod the migration reads (structurally a `V1Pod` of `@kubernetes/client-node`).
 */
export interface MigrationPod {
  metadata?: {
    name?: string;
    namespace?: string;
    ownerReferences?: Array<{ kind?: string; name?: string }>;
  };
  spec?: {
    containers?: Array<{ name?: string; image?: string }>;
    initContainers?: Array<{ name?: string; image?: string }>;
  };
}

/**
 * Reads pods from the cluster: the backend's ClusterClient (src/cluster) has this shape. Read-only; its errors
 * name the cluster, never its token.
 */
export interface PodLister {
  listPods(options: {
    namespace?: string;
    labelSelector?: string;
  }): Promise<MigrationPod[]>;
}

/** A workload on the old registry and the old repository it pulls. */
export interface OldRegistryWorkload extends MigrationWorkload {
  source: string;
}

/**
 * Every container (init containers too: they pull as well) whose image is on one of the old registry's hosts
 * (`oldRegistryHosts`), read as the running-images card reads it.
 */
export function workloadsOnHosts(
  pods: MigrationPod[],
  hosts: Iterable<string>,
): OldRegistryWorkload[] {
  const found: OldRegistryWorkload[] = [];
  for (const pod of pods) {
    const owner = pod.metadata?.ownerReferences?.[0];
    const containers = [
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.containers ?? []),
    ];
    for (const container of containers) {
      if (!container.image) continue;
      const ref = parseImageReference(container.image);
      if (!ref || !isOnOldRegistry(ref, hosts)) continue;
      found.push({
        source: ref.repository,
        namespace: pod.metadata?.namespace ?? '',
        pod: pod.metadata?.name ?? '',
        owner:
          owner?.kind && owner.name ? `${owner.kind}/${owner.name}` : undefined,
        container: container.name ?? '',
        image: container.image,
      });
    }
  }
  return found;
}

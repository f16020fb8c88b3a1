import type { ImageContainer } from '@backstage-harbor/plugin-harbor-common';
import {
  ClusterClient,
  digestOfImageId,
  parseImageReference,
} from '@backstage-harbor/plugin-harbor-node';

/** The containers of the cluster by the digest they run, with the cluster's name. */
export interface RunningDigests {
  cluster: string;
  byDigest: Record<string, ImageContainer[]>;
}

/**
 * Every pod of the cluster, each container keyed by the digest that runs: the reference's digest, else the one
 * the pod status reports (as the workloads card resolves them). The digest is the image, whichever registry the
 * pod pulled it from.
 */
export async function readRunningDigests(
  cluster: ClusterClient,
): Promise<RunningDigests> {
  const pods = await cluster.listPods();
  const byDigest: Record<string, ImageContainer[]> = {};
  for (const pod of pods) {
    const statuses = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ];
    const containers = [
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.containers ?? []),
    ];
    for (const container of containers) {
      if (!container.image) continue;
      const status = statuses.find(s => s.name === container.name);
      const digest =
        parseImageReference(container.image)?.digest ??
        digestOfImageId(status?.imageID);
      if (!digest) continue;
      (byDigest[digest] ??= []).push({
        namespace: pod.metadata?.namespace ?? '',
        pod: pod.metadata?.name ?? '',
        container: container.name,
      });
    }
  }
  return { cluster: cluster.name, byDigest };
}

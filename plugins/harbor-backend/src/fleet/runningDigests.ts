import type { ImageContainer } from '@backstage-harbor/plugin-harbor-common';
import type { ClusterClient } from '@backstage-harbor/plugin-harbor-node';
import { podContainerImages } from '../cluster/podContainers';

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
  const byDigest: Record<string, ImageContainer[]> = {};
  for (const { digest, where } of podContainerImages(
    await cluster.listPods(),
  )) {
    if (digest) (byDigest[digest] ??= []).push(where);
  }
  return { cluster: cluster.name, byDigest };
}

import type { ImageContainer } from '@backstage-harbor/plugin-harbor-common';
import {
  digestOfImageId,
  parseImageReference,
} from '@backstage-harbor/plugin-harbor-node';
import type { V1Pod } from '@kubernetes/client-node';

/** One container of a pod with the image it names and the digest that runs. */
export interface PodContainerImage {
  /** The reference as the pod spec writes it. */
  image: string;
  reference: ReturnType<typeof parseImageReference>;
  /** The reference's digest, else the one the pod status reports: the image, whichever registry it came from. */
  digest?: string;
  where: ImageContainer;
}

/** Every container of the pods that names an image, init containers first. */
export function podContainerImages(pods: V1Pod[]): PodContainerImage[] {
  return pods.flatMap(pod => {
    const statuses = [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ];
    const containers = [
      ...(pod.spec?.initContainers ?? []),
      ...(pod.spec?.containers ?? []),
    ];
    return containers.flatMap(container => {
      if (!container.image) return [];
      const status = statuses.find(s => s.name === container.name);
      const reference = parseImageReference(container.image);
      return [
        {
          image: container.image,
          reference,
          digest: reference?.digest ?? digestOfImageId(status?.imageID),
          where: {
            namespace: pod.metadata?.namespace ?? '',
            pod: pod.metadata?.name ?? '',
            container: container.name,
          },
        },
      ];
    });
  });
}

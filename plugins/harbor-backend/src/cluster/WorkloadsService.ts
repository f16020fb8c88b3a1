import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityPod,
  EntityWorkloads,
  KubernetesWorkloadSelector,
  RunningImage,
  RunningImageArtifact,
  SEVERITIES,
  worstSeverity,
} from '@backstage-harbor/plugin-harbor-common';
import {
  ClusterClient,
  HarborClients,
  HarborInstanceConfig,
  isHarborNotFound,
  isOnOldRegistry,
} from '@backstage-harbor/plugin-harbor-node';
import type { V1Pod } from '@kubernetes/client-node';
import pLimit from 'p-limit';
import { harborArtifactUrl, harborProjectUrl } from '../mapping/harborUiLinks';
import { toScanSummary } from '../mapping/scanOverview';
import type { HarborCache } from '../service/HarborCache';
import {
  harborUnavailable,
  isHarborUnavailable,
} from '../service/harborErrors';
import { clusterNotConfigured } from './clusterErrors';
import { podContainerImages } from './podContainers';

/** Harbor lookups in flight at once for one entity's images. */
const HARBOR_CONCURRENCY = 8;

function podOf(pod: V1Pod): EntityPod {
  const ready =
    pod.status?.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    ) ?? false;
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase,
    ready,
  };
}

/** The artifact's page in Harbor's UI, else its project's, else the projects list. */
function artifactLink(
  instance: HarborInstanceConfig,
  projectId: number | undefined,
  where: { project: string; repository: string; digest?: string },
): string {
  if (projectId === undefined) return `${instance.uiUrl}/harbor/projects`;
  if (!where.digest) return harborProjectUrl(instance.uiUrl, projectId);
  return harborArtifactUrl(
    instance.uiUrl,
    projectId,
    where.project,
    where.repository,
    where.digest,
  );
}

/** Old-registry images first, then the worst scan, then by reference. */
function compareImages(a: RunningImage, b: RunningImage): number {
  const legacy = (i: RunningImage) => (i.origin === 'legacy-registry' ? 0 : 1);
  const rank = (i: RunningImage) => {
    const counts = i.artifact?.scan?.counts;
    const worst = counts && worstSeverity(counts);
    return worst ? SEVERITIES.indexOf(worst) : SEVERITIES.length;
  };
  return (
    legacy(a) - legacy(b) || rank(a) - rank(b) || a.image.localeCompare(b.image)
  );
}

/**
 * The images an entity's pods run: pods selected the Backstage Kubernetes plugin's way, each container's image
 * resolved against the Harbor instance whose registry host it names, by the digest that runs (the reference's,
 * else the pod status's imageID), with that artifact's scan overview. Images of the old registry are flagged.
 */
export class WorkloadsService {
  static create(options: {
    cluster: ClusterClient | undefined;
    clients: HarborClients;
    cache: HarborCache;
    logger: LoggerService;
    ttlMs: number;
    legacyRegistryHosts: string[];
  }): WorkloadsService {
    return new WorkloadsService(options);
  }

  constructor(
    private readonly options: {
      cluster: ClusterClient | undefined;
      clients: HarborClients;
      cache: HarborCache;
      logger: LoggerService;
      ttlMs: number;
      legacyRegistryHosts: string[];
    },
  ) {}

  async getWorkloads(
    selector: KubernetesWorkloadSelector,
  ): Promise<EntityWorkloads> {
    const { cluster, cache, ttlMs } = this.options;
    if (!cluster) throw clusterNotConfigured();
    // Selector and namespace come from the entity's annotations, never from the caller.
    const key = `workloads:v1:${selector.namespace ?? '*'}|${
      selector.labelSelector
    }`;
    const { value } = await cache.get(key, ttlMs, () =>
      this.#read(cluster, selector),
    );
    return value;
  }

  async #read(
    cluster: ClusterClient,
    selector: KubernetesWorkloadSelector,
  ): Promise<EntityWorkloads> {
    const pods = await cluster.listPods(selector);
    const images = new Map<string, RunningImage>();
    for (const { image, reference: ref, digest, where } of podContainerImages(
      pods,
    )) {
      const id = `${image}|${digest ?? ''}`;
      const existing = images.get(id);
      if (existing) {
        existing.containers.push(where);
        continue;
      }
      images.set(id, {
        image,
        registry: ref?.registry ?? '',
        repository: ref?.repository ?? '',
        tag: ref?.tag,
        digest,
        origin: 'other',
        problem: ref ? undefined : 'not a valid image reference',
        containers: [where],
      });
    }
    const limit = pLimit(HARBOR_CONCURRENCY);
    const resolved = await Promise.all(
      [...images.values()].map(image => limit(() => this.#resolve(image))),
    );
    return {
      cluster: cluster.name,
      labelSelector: selector.labelSelector,
      namespace: selector.namespace,
      pods: pods.map(podOf),
      images: resolved.sort(compareImages),
      fetchedAt: new Date().toISOString(),
    };
  }

  async #resolve(image: RunningImage): Promise<RunningImage> {
    if (!image.registry) return image;
    if (isOnOldRegistry(image, this.options.legacyRegistryHosts)) {
      return { ...image, origin: 'legacy-registry' };
    }
    const instance = this.options.clients.instances
      .list()
      .find(i => i.hosts.includes(image.registry));
    if (!instance) return image;
    const [project, ...path] = image.repository.split('/');
    if (path.length === 0) {
      return {
        ...image,
        origin: 'harbor',
        problem: 'a Harbor image reference names a project and a repository',
      };
    }
    const repository = path.join('/');
    const reference = image.digest ?? image.tag ?? 'latest';
    try {
      const artifact = await this.#artifact(
        instance,
        project,
        repository,
        reference,
      );
      return { ...image, origin: 'harbor', artifact };
    } catch (error) {
      if (isHarborNotFound(error)) {
        return {
          ...image,
          origin: 'harbor',
          artifact: {
            instance: instance.name,
            project,
            repository,
            tags: [],
            harborUrl: `${instance.uiUrl}/harbor/projects`,
          },
          problem: `Harbor instance '${instance.name}' has no artifact ${reference} in ${project}/${repository}`,
        };
      }
      if (isHarborUnavailable(error)) {
        const unavailable = harborUnavailable(instance.name, error);
        // Debug only: the instance's state change is logged once.
        this.options.logger.debug(
          `Running image ${image.image}: ${unavailable.message}`,
        );
        return { ...image, origin: 'harbor', problem: unavailable.message };
      }
      throw error;
    }
  }

  async #artifact(
    instance: HarborInstanceConfig,
    project: string,
    repository: string,
    reference: string,
  ): Promise<RunningImageArtifact> {
    const { value } = await this.options.cache.get(
      `running-artifact:v1:${instance.name}|${project}|${repository}|${reference}`,
      this.options.ttlMs,
      async () => {
        const artifact = await this.options.clients
          .forInstance(instance.name)
          .artifacts.get(project, repository, reference, {
            with_tag: true,
            with_scan_overview: true,
          });
        const digest = artifact.digest;
        return {
          instance: instance.name,
          project,
          repository,
          digest,
          tags: (artifact.tags ?? [])
            .map(t => t.name)
            .filter((n): n is string => !!n),
          scan: toScanSummary(artifact.scan_overview, artifact.type),
          harborUrl: artifactLink(instance, artifact.project_id, {
            project,
            repository,
            digest,
          }),
        };
      },
    );
    return value;
  }
}

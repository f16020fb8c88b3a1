import {
  customResource,
  CustomResourceKind,
} from '@backstage-harbor/harbor-platform-manifests';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  HarborPlatformStatus,
  PlatformCheck,
  PlatformCheckKind,
  comparePlatformChecks,
} from '@backstage-harbor/plugin-harbor-common';
import type { HarborCache } from '../service/HarborCache';
import type {
  ClusterClient,
  CustomObject,
  CustomResourceType,
} from '@backstage-harbor/plugin-harbor-node';
import { clusterNotConfigured } from './clusterErrors';
import {
  certificateCheck,
  chartVersionOf,
  databaseBackupCheck,
  databaseCheck,
  dragonflyCheck,
  externalSecretCheck,
  helmReleaseCheck,
  missingCheck,
  ociRepositoryCheck,
  workloadCheck,
} from './platformChecks';

interface CustomKind {
  type: CustomResourceType;
  kind: string;
  checkKind: PlatformCheckKind;
  checks: (object: CustomObject, now: number) => PlatformCheck[];
}

/** A custom kind the platform manifests deploy, at the version they render (harbor-platform-manifests). */
function customKind(
  resource: CustomResourceKind,
  kind: string,
  checkKind: PlatformCheckKind,
  checks: CustomKind['checks'],
): CustomKind {
  const { group, version, plural } = customResource(resource);
  return { type: { group, version, plural }, kind, checkKind, checks };
}

// The objects the platform manifests deploy (shared/reference/platform-manifests.md), at the versions served.
const CUSTOM_KINDS: CustomKind[] = [
  customKind('HelmRelease', 'HelmRelease', 'helm-release', o => [
    helmReleaseCheck(o),
  ]),
  customKind('OCIRepository', 'OCIRepository', 'oci-repository', o => [
    ociRepositoryCheck(o),
  ]),
  customKind('Cluster', 'CloudNativePG Cluster', 'database', (o, now) => [
    databaseCheck(o),
    databaseBackupCheck(o, now),
  ]),
  customKind('Dragonfly', 'Dragonfly', 'dragonfly', o => [dragonflyCheck(o)]),
  customKind('Certificate', 'Certificate', 'certificate', (o, now) => [
    certificateCheck(o, now),
  ]),
  customKind('ExternalSecret', 'ExternalSecret', 'external-secret', o => [
    externalSecretCheck(o),
  ]),
];

/**
 * The Harbor platform's state on Kubernetes, read from one namespace: workloads, HelmRelease and its source,
 * the database and its backups, Dragonfly, the TLS certificate and the ExternalSecrets. Cached for the cluster
 * TTL; reads only.
 */
export class PlatformStatusService {
  static create(options: {
    cluster: ClusterClient | undefined;
    cache: HarborCache;
    logger: LoggerService;
    ttlMs: number;
    now?: () => number;
  }): PlatformStatusService {
    return new PlatformStatusService(
      options.cluster,
      options.cache,
      options.logger,
      options.ttlMs,
      options.now ?? Date.now,
    );
  }

  constructor(
    private readonly cluster: ClusterClient | undefined,
    private readonly cache: HarborCache,
    private readonly logger: LoggerService,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  async getStatus(namespace: string): Promise<HarborPlatformStatus> {
    const cluster = this.cluster;
    if (!cluster) throw clusterNotConfigured();
    try {
      // The namespace comes from a catalog annotation, parsed as a DNS label: not a caller's string.
      const { value } = await this.cache.get(
        `platform:v1:${namespace}`,
        this.ttlMs,
        () => this.#read(cluster, namespace),
      );
      return value;
    } catch (error) {
      this.logger.warn(
        `Harbor platform status of namespace ${namespace}: ${
          (error as Error).message
        }`,
      );
      throw error;
    }
  }

  async #read(
    cluster: ClusterClient,
    namespace: string,
  ): Promise<HarborPlatformStatus> {
    const now = this.now();
    const [deployments, statefulSets, ...customs] = await Promise.all([
      cluster.listDeployments({ namespace }),
      cluster.listStatefulSets({ namespace }),
      ...CUSTOM_KINDS.map(k => cluster.listCustomObjects(k.type, namespace)),
    ]);
    const checks: PlatformCheck[] = [
      ...deployments.map(d => workloadCheck('Deployment', d)),
      ...statefulSets.map(s => workloadCheck('StatefulSet', s)),
    ];
    if (checks.length === 0) {
      checks.push(
        missingCheck('workload', 'Deployment or StatefulSet', namespace, true),
      );
    }
    let chartVersion: string | undefined;
    CUSTOM_KINDS.forEach((kind, i) => {
      const objects = customs[i];
      if (!objects || objects.length === 0) {
        checks.push(
          missingCheck(
            kind.checkKind,
            kind.kind,
            namespace,
            objects !== undefined,
          ),
        );
        return;
      }
      for (const object of objects) checks.push(...kind.checks(object, now));
      if (kind.checkKind === 'helm-release') {
        chartVersion = objects.map(chartVersionOf).find(Boolean);
      }
    });
    checks.sort(comparePlatformChecks);
    return {
      cluster: cluster.name,
      namespace,
      status: checks[0]?.status ?? 'unknown',
      chartVersion,
      checks,
      fetchedAt: new Date(now).toISOString(),
    };
  }
}

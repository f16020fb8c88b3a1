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
} from './ClusterClient';
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

// The objects the platform manifests deploy (shared/reference/platform-manifests.md), at the versions served.
const CUSTOM_KINDS: CustomKind[] = [
  {
    type: {
      group: 'helm.toolkit.fluxcd.io',
      version: 'v2',
      plural: 'helmreleases',
    },
    kind: 'HelmRelease',
    checkKind: 'helm-release',
    checks: o => [helmReleaseCheck(o)],
  },
  {
    type: {
      group: 'source.toolkit.fluxcd.io',
      version: 'v1',
      plural: 'ocirepositories',
    },
    kind: 'OCIRepository',
    checkKind: 'oci-repository',
    checks: o => [ociRepositoryCheck(o)],
  },
  {
    type: { group: 'postgresql.cnpg.io', version: 'v1', plural: 'clusters' },
    kind: 'CloudNativePG Cluster',
    checkKind: 'database',
    checks: (o, now) => [databaseCheck(o), databaseBackupCheck(o, now)],
  },
  {
    type: {
      group: 'dragonflydb.io',
      version: 'v1alpha1',
      plural: 'dragonflies',
    },
    kind: 'Dragonfly',
    checkKind: 'dragonfly',
    checks: o => [dragonflyCheck(o)],
  },
  {
    type: { group: 'cert-manager.io', version: 'v1', plural: 'certificates' },
    kind: 'Certificate',
    checkKind: 'certificate',
    checks: (o, now) => [certificateCheck(o, now)],
  },
  {
    type: {
      group: 'external-secrets.io',
      version: 'v1',
      plural: 'externalsecrets',
    },
    kind: 'ExternalSecret',
    checkKind: 'external-secret',
    checks: o => [externalSecretCheck(o)],
  },
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

import type { KubernetesObject } from './types';

/**
 * The Harbor platform as the manifests renderer deploys it (shared/reference/platform-manifests.md), with the
 * status its controllers would report: Deployments and StatefulSets of the Bitnami chart, the Flux HelmRelease and
 * OCIRepository, the CloudNativePG Cluster with its backups, Dragonfly, the cert-manager Certificate and the
 * ExternalSecrets from 1Password. `healthy` is all green; `broken` has one thing wrong in each of them.
 *
 * @public
 */
export interface HarborPlatformSeedOptions {
  /** Default `harbor`. */
  namespace?: string;
  state?: 'healthy' | 'broken';
  /** The time the statuses are relative to (backup age, certificate expiry). Default now. */
  now?: Date;
}

/** The chart version the seeded HelmRelease installed. @public */
export const SEED_HARBOR_CHART_VERSION = '27.0.4';

/** The ExternalSecrets of the seeded platform. @public */
export const SEED_HARBOR_EXTERNAL_SECRETS = [
  'harbor-admin',
  'harbor-core',
  'harbor-s3',
  'harbor-dragonfly',
  'harbor-db-backup-s3',
] as const;

const DAY_MS = 86_400_000;
const STARTED_AT = '2025-01-15T09:00:00Z';

function iso(date: Date, plusMs = 0): string {
  return new Date(date.getTime() + plusMs)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');
}

function condition(
  type: string,
  ok: boolean,
  reason: string,
  message: string,
  at: string,
) {
  return {
    type,
    status: ok ? 'True' : 'False',
    reason,
    message,
    lastTransitionTime: at,
  };
}

const CHART_LABELS = (component: string) => ({
  'app.kubernetes.io/instance': 'harbor',
  'app.kubernetes.io/name': 'harbor',
  'app.kubernetes.io/managed-by': 'Helm',
  'app.kubernetes.io/component': component,
});

function workload(
  kind: 'Deployment' | 'StatefulSet',
  namespace: string,
  name: string,
  component: string,
  image: string,
  replicas: number,
  ready: number,
): KubernetesObject {
  const labels = CHART_LABELS(component);
  const selector = {
    matchLabels: {
      'app.kubernetes.io/instance': 'harbor',
      'app.kubernetes.io/component': component,
    },
  };
  const template = {
    metadata: { labels },
    spec: { containers: [{ name: component, image }] },
  };
  const spec =
    kind === 'Deployment'
      ? { replicas, selector, template }
      : { replicas, selector, template, serviceName: name };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name,
      namespace,
      labels,
      generation: 1,
      creationTimestamp: STARTED_AT,
    },
    spec,
    status: {
      observedGeneration: 1,
      replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      updatedReplicas: replicas,
      ...(kind === 'StatefulSet' ? { currentReplicas: replicas } : {}),
    },
  };
}

/** The Harbor platform's objects, in a namespace of their own. @public */
export function harborPlatformObjects(
  options: HarborPlatformSeedOptions = {},
): KubernetesObject[] {
  const namespace = options.namespace ?? 'harbor';
  const broken = options.state === 'broken';
  const now = options.now ?? new Date();
  const at = iso(now, -DAY_MS);
  const image = (name: string) => `docker.io/bitnamilegacy/${name}`;

  const workloads = [
    workload(
      'Deployment',
      namespace,
      'harbor-core',
      'core',
      image('harbor-core:2.13.2'),
      2,
      broken ? 1 : 2,
    ),
    workload(
      'Deployment',
      namespace,
      'harbor-portal',
      'portal',
      image('harbor-portal:2.13.2'),
      2,
      2,
    ),
    workload(
      'Deployment',
      namespace,
      'harbor-registry',
      'registry',
      image('harbor-registry:2.13.2'),
      2,
      2,
    ),
    workload(
      'Deployment',
      namespace,
      'harbor-jobservice',
      'jobservice',
      image('harbor-jobservice:2.13.2'),
      1,
      broken ? 0 : 1,
    ),
    workload(
      'StatefulSet',
      namespace,
      'harbor-trivy',
      'trivy',
      image('harbor-adapter-trivy:2.13.2'),
      1,
      1,
    ),
  ];

  const ociRepository: KubernetesObject = {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'OCIRepository',
    metadata: { name: 'harbor-chart', namespace, generation: 1 },
    spec: {
      interval: '12h',
      url: 'oci://registry-1.docker.io/bitnamicharts/harbor',
      ref: { tag: SEED_HARBOR_CHART_VERSION },
      layerSelector: {
        mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
        operation: 'copy',
      },
    },
    status: {
      observedGeneration: 1,
      url: `http://source-controller.flux-system.svc.cluster.local./ocirepository/${namespace}/harbor-chart/latest.tar.gz`,
      conditions: [
        condition(
          'Ready',
          true,
          'Succeeded',
          `stored artifact for digest '${SEED_HARBOR_CHART_VERSION}@sha256:4f6f7d3c0c1e5b9a8d2e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c'`,
          at,
        ),
      ],
      artifact: {
        path: `ocirepository/${namespace}/harbor-chart/sha256.tar.gz`,
        url: `http://source-controller.flux-system.svc.cluster.local./ocirepository/${namespace}/harbor-chart/sha256.tar.gz`,
        revision: `${SEED_HARBOR_CHART_VERSION}@sha256:4f6f7d3c0c1e5b9a8d2e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c`,
        digest:
          'sha256:4f6f7d3c0c1e5b9a8d2e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c',
        lastUpdateTime: at,
      },
    },
  };

  const helmRelease: KubernetesObject = {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'harbor', namespace, generation: 2 },
    spec: {
      interval: '30m',
      timeout: '15m',
      releaseName: 'harbor',
      chartRef: { kind: 'OCIRepository', name: 'harbor-chart' },
      driftDetection: { mode: 'enabled' },
      install: { strategy: { name: 'RetryOnFailure', retryInterval: '5m' } },
      upgrade: { strategy: { name: 'RetryOnFailure', retryInterval: '5m' } },
    },
    status: {
      observedGeneration: 2,
      lastAttemptedGeneration: 2,
      lastAttemptedRevision: SEED_HARBOR_CHART_VERSION,
      lastAttemptedReleaseAction: 'upgrade',
      conditions: broken
        ? [
            condition(
              'Ready',
              false,
              'UpgradeFailed',
              `Helm upgrade failed for release ${namespace}/harbor with chart harbor@${SEED_HARBOR_CHART_VERSION}: context deadline exceeded`,
              at,
            ),
            condition(
              'Released',
              false,
              'UpgradeFailed',
              'Helm upgrade failed',
              at,
            ),
          ]
        : [
            condition(
              'Ready',
              true,
              'UpgradeSucceeded',
              `Helm upgrade succeeded for release ${namespace}/harbor.v3 with chart harbor@${SEED_HARBOR_CHART_VERSION}`,
              at,
            ),
            condition(
              'Released',
              true,
              'UpgradeSucceeded',
              'Helm upgrade succeeded',
              at,
            ),
          ],
      history: [
        {
          name: 'harbor',
          namespace,
          version: 3,
          chartName: 'harbor',
          chartVersion: broken ? '27.0.3' : SEED_HARBOR_CHART_VERSION,
          appVersion: '2.13.2',
          configDigest:
            'sha256:1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f0e1d2c',
          digest:
            'sha256:9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b',
          firstDeployed: STARTED_AT,
          lastDeployed: at,
          status: broken ? 'superseded' : 'deployed',
        },
      ],
    },
  };

  const cluster: KubernetesObject = {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'harbor-db', namespace, generation: 1 },
    spec: {
      instances: 3,
      imageName: 'ghcr.io/cloudnative-pg/postgresql:17',
      storage: { storageClass: 'ceph-block', size: '20Gi' },
      bootstrap: { initdb: { database: 'registry', owner: 'harbor' } },
      plugins: [
        {
          name: 'barman-cloud.cloudnative-pg.io',
          isWALArchiver: true,
          parameters: { barmanObjectName: 'harbor-db-backup' },
        },
      ],
    },
    status: {
      instances: 3,
      readyInstances: broken ? 2 : 3,
      phase: broken ? 'Failing over' : 'Cluster in healthy state',
      ...(broken
        ? { phaseReason: 'Failing over from harbor-db-1 to harbor-db-2' }
        : {}),
      currentPrimary: broken ? 'harbor-db-2' : 'harbor-db-1',
      targetPrimary: broken ? 'harbor-db-2' : 'harbor-db-1',
      instanceNames: ['harbor-db-1', 'harbor-db-2', 'harbor-db-3'],
      firstRecoverabilityPoint: iso(now, -30 * DAY_MS),
      lastSuccessfulBackup: iso(now, broken ? -3 * DAY_MS : -6 * 3_600_000),
      ...(broken ? { lastFailedBackup: iso(now, -3_600_000) } : {}),
      conditions: [
        condition(
          'Ready',
          !broken,
          broken ? 'ClusterIsNotReady' : 'ClusterIsReady',
          broken ? 'Cluster Is Not Ready' : 'Cluster is Ready',
          at,
        ),
        condition(
          'ContinuousArchiving',
          true,
          'ContinuousArchivingSuccess',
          'Continuous archiving is working',
          at,
        ),
      ],
    },
  };

  const dragonfly: KubernetesObject = {
    apiVersion: 'dragonflydb.io/v1alpha1',
    kind: 'Dragonfly',
    metadata: { name: 'harbor-dragonfly', namespace, generation: 1 },
    spec: {
      replicas: 1,
      args: ['--proactor_threads=1', '--maxmemory=384mb'],
      authentication: {
        passwordFromSecret: { name: 'harbor-dragonfly', key: 'password' },
      },
    },
    status: { phase: broken ? 'resources-created' : 'ready' },
  };

  const certificate: KubernetesObject = {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'harbor-tls', namespace, generation: 1 },
    spec: {
      secretName: 'harbor.internal.example.com-tls',
      dnsNames: ['harbor.internal.example.com'],
      issuerRef: {
        kind: 'ClusterIssuer',
        name: 'internal-ca',
        group: 'cert-manager.io',
      },
    },
    status: {
      conditions: [
        broken
          ? condition(
              'Ready',
              false,
              'Failed',
              'The certificate request has failed to complete and will be retried: issuer internal-ca not ready',
              at,
            )
          : condition(
              'Ready',
              true,
              'Ready',
              'Certificate is up to date and has not expired',
              at,
            ),
      ],
      notBefore: iso(now, -60 * DAY_MS),
      notAfter: iso(now, broken ? 5 * DAY_MS : 30 * DAY_MS),
      renewalTime: iso(now, broken ? -25 * DAY_MS : 10 * DAY_MS),
      revision: 3,
    },
  };

  const externalSecrets = SEED_HARBOR_EXTERNAL_SECRETS.map(
    (name, i): KubernetesObject => {
      const failing = broken && name === 'harbor-s3';
      return {
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name, namespace, generation: 1 },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: { kind: 'ClusterSecretStore', name: 'onepassword' },
          target: { name, creationPolicy: 'Owner' },
          data: [
            {
              secretKey: 'password',
              remoteRef: { key: `${name}/password` },
            },
          ],
        },
        status: {
          refreshTime: iso(now, -(i + 1) * 600_000),
          syncedResourceVersion: `1-${i}`,
          conditions: [
            failing
              ? condition(
                  'Ready',
                  false,
                  'SecretSyncedError',
                  'could not get secret data from provider: item "harbor-s3" not found in vault "platform"',
                  at,
                )
              : condition('Ready', true, 'SecretSynced', 'secret synced', at),
          ],
        },
      };
    },
  );

  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: { 'kubernetes.io/metadata.name': namespace },
      },
    },
    ...workloads,
    ociRepository,
    helmRelease,
    cluster,
    dragonfly,
    certificate,
    ...externalSecrets,
  ];
}

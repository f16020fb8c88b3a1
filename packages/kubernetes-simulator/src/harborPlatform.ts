import {
  apiVersionOf,
  harborPlatformNames,
  PlatformNames,
} from '@backstage-harbor/harbor-platform-manifests';
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

const HOSTNAME = 'harbor.internal.example.com';
const APP_VERSION = '2.13.2';
const DAY_MS = 86_400_000;
const STARTED_AT = '2025-01-15T09:00:00Z';
const CHART_DIGEST =
  'sha256:4f6f7d3c0c1e5b9a8d2e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c';

/** What every object of one seeded platform is built from. */
interface Seed {
  namespace: string;
  names: PlatformNames;
  broken: boolean;
  now: Date;
  /** When the conditions last changed: a day ago. */
  at: string;
}

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

/** The chart's workloads; `readyWhenBroken` is what the broken platform has ready. */
// prettier-ignore
const CHART_WORKLOADS = [
  { kind: 'Deployment', component: 'core', image: 'harbor-core', replicas: 2, readyWhenBroken: 1 },
  { kind: 'Deployment', component: 'portal', image: 'harbor-portal', replicas: 2 },
  { kind: 'Deployment', component: 'registry', image: 'harbor-registry', replicas: 2 },
  { kind: 'Deployment', component: 'jobservice', image: 'harbor-jobservice', replicas: 1, readyWhenBroken: 0 },
  { kind: 'StatefulSet', component: 'trivy', image: 'harbor-adapter-trivy', replicas: 1 },
] as const;

function workload(
  seed: Seed,
  spec: (typeof CHART_WORKLOADS)[number],
): KubernetesObject {
  const { kind, component, replicas } = spec;
  const name = seed.names.workloads[component];
  const release = seed.names.helmRelease;
  const ready =
    seed.broken && 'readyWhenBroken' in spec ? spec.readyWhenBroken : replicas;
  const labels = {
    'app.kubernetes.io/instance': release,
    'app.kubernetes.io/name': 'harbor',
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/component': component,
  };
  const selector = {
    matchLabels: {
      'app.kubernetes.io/instance': release,
      'app.kubernetes.io/component': component,
    },
  };
  const image = `docker.io/bitnamilegacy/${spec.image}:${APP_VERSION}`;
  const template = {
    metadata: { labels },
    spec: { containers: [{ name: component, image }] },
  };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: {
      name,
      namespace: seed.namespace,
      labels,
      generation: 1,
      creationTimestamp: STARTED_AT,
    },
    spec:
      kind === 'Deployment'
        ? { replicas, selector, template }
        : { replicas, selector, template, serviceName: name },
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

function ociRepository({ namespace, names, at }: Seed): KubernetesObject {
  const name = names.chartSource;
  const sourceController = `http://source-controller.flux-system.svc.cluster.local./ocirepository/${namespace}/${name}`;
  const revision = `${SEED_HARBOR_CHART_VERSION}@${CHART_DIGEST}`;
  return {
    apiVersion: apiVersionOf('OCIRepository'),
    kind: 'OCIRepository',
    metadata: { name, namespace, generation: 1 },
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
      url: `${sourceController}/latest.tar.gz`,
      conditions: [
        condition(
          'Ready',
          true,
          'Succeeded',
          `stored artifact for digest '${revision}'`,
          at,
        ),
      ],
      artifact: {
        path: `ocirepository/${namespace}/${name}/sha256.tar.gz`,
        url: `${sourceController}/sha256.tar.gz`,
        revision,
        digest: CHART_DIGEST,
        lastUpdateTime: at,
      },
    },
  };
}

function helmReleaseConditions({ namespace, names, broken, at }: Seed) {
  const release = `${namespace}/${names.helmRelease}`;
  const chart = `harbor@${SEED_HARBOR_CHART_VERSION}`;
  return broken
    ? [
        condition(
          'Ready',
          false,
          'UpgradeFailed',
          `Helm upgrade failed for release ${release} with chart ${chart}: context deadline exceeded`,
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
          `Helm upgrade succeeded for release ${release}.v3 with chart ${chart}`,
          at,
        ),
        condition(
          'Released',
          true,
          'UpgradeSucceeded',
          'Helm upgrade succeeded',
          at,
        ),
      ];
}

function helmRelease(seed: Seed): KubernetesObject {
  const { namespace, names, broken, at } = seed;
  const retry = () => ({
    strategy: { name: 'RetryOnFailure', retryInterval: '5m' },
  });
  return {
    apiVersion: apiVersionOf('HelmRelease'),
    kind: 'HelmRelease',
    metadata: { name: names.helmRelease, namespace, generation: 2 },
    spec: {
      interval: '30m',
      timeout: '15m',
      releaseName: names.helmRelease,
      chartRef: { kind: 'OCIRepository', name: names.chartSource },
      driftDetection: { mode: 'enabled' },
      install: retry(),
      upgrade: retry(),
    },
    status: {
      observedGeneration: 2,
      lastAttemptedGeneration: 2,
      lastAttemptedRevision: SEED_HARBOR_CHART_VERSION,
      lastAttemptedReleaseAction: 'upgrade',
      conditions: helmReleaseConditions(seed),
      history: [
        {
          name: names.helmRelease,
          namespace,
          version: 3,
          chartName: 'harbor',
          chartVersion: broken ? '27.0.3' : SEED_HARBOR_CHART_VERSION,
          appVersion: APP_VERSION,
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
}

function databaseStatus({ names, broken, now, at }: Seed) {
  const instance = (n: number) => `${names.databaseCluster}-${n}`;
  const primary = broken ? instance(2) : instance(1);
  return {
    instances: 3,
    readyInstances: broken ? 2 : 3,
    phase: broken ? 'Failing over' : 'Cluster in healthy state',
    ...(broken
      ? { phaseReason: `Failing over from ${instance(1)} to ${instance(2)}` }
      : {}),
    currentPrimary: primary,
    targetPrimary: primary,
    instanceNames: [instance(1), instance(2), instance(3)],
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
  };
}

function databaseCluster(seed: Seed): KubernetesObject {
  const { namespace, names } = seed;
  return {
    apiVersion: apiVersionOf('Cluster'),
    kind: 'Cluster',
    metadata: { name: names.databaseCluster, namespace, generation: 1 },
    spec: {
      instances: 3,
      imageName: 'ghcr.io/cloudnative-pg/postgresql:17',
      storage: { storageClass: 'ceph-block', size: '20Gi' },
      bootstrap: {
        initdb: { database: names.databaseName, owner: names.databaseOwner },
      },
      plugins: [
        {
          name: 'barman-cloud.cloudnative-pg.io',
          isWALArchiver: true,
          parameters: { barmanObjectName: names.objectStore },
        },
      ],
    },
    status: databaseStatus(seed),
  };
}

function dragonfly({ namespace, names, broken }: Seed): KubernetesObject {
  return {
    apiVersion: apiVersionOf('Dragonfly'),
    kind: 'Dragonfly',
    metadata: { name: names.dragonfly, namespace, generation: 1 },
    spec: {
      replicas: 1,
      args: ['--proactor_threads=1', '--maxmemory=384mb'],
      authentication: {
        passwordFromSecret: { name: names.secrets.dragonfly, key: 'password' },
      },
    },
    status: { phase: broken ? 'resources-created' : 'ready' },
  };
}

function certificate({ namespace, names, broken, now, at }: Seed) {
  const ready = broken
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
      );
  return {
    apiVersion: apiVersionOf('Certificate'),
    kind: 'Certificate',
    metadata: { name: 'harbor-tls', namespace, generation: 1 },
    spec: {
      secretName: names.tlsSecret,
      dnsNames: [HOSTNAME],
      issuerRef: {
        kind: 'ClusterIssuer',
        name: 'internal-ca',
        group: 'cert-manager.io',
      },
    },
    status: {
      conditions: [ready],
      notBefore: iso(now, -60 * DAY_MS),
      notAfter: iso(now, broken ? 5 * DAY_MS : 30 * DAY_MS),
      renewalTime: iso(now, broken ? -25 * DAY_MS : 10 * DAY_MS),
      revision: 3,
    },
  };
}

/** The ExternalSecrets of the seeded platform; in the broken one the S3 credentials fail to sync. */
function externalSecrets(seed: Seed): KubernetesObject[] {
  const { namespace, names, broken, now, at } = seed;
  const { admin, core, s3, dragonfly: cache, databaseBackupS3 } = names.secrets;
  return [admin, core, s3, cache, databaseBackupS3].map((name, i) => ({
    apiVersion: apiVersionOf('ExternalSecret'),
    kind: 'ExternalSecret',
    metadata: { name, namespace, generation: 1 },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'onepassword' },
      target: { name, creationPolicy: 'Owner' },
      data: [{ secretKey: 'password', remoteRef: { key: `${name}/password` } }],
    },
    status: {
      refreshTime: iso(now, -(i + 1) * 600_000),
      syncedResourceVersion: `1-${i}`,
      conditions: [
        broken && name === s3
          ? condition(
              'Ready',
              false,
              'SecretSyncedError',
              `could not get secret data from provider: item "${s3}" not found in vault "platform"`,
              at,
            )
          : condition('Ready', true, 'SecretSynced', 'secret synced', at),
      ],
    },
  }));
}

/** The Harbor platform's objects, in a namespace of their own. @public */
export function harborPlatformObjects(
  options: HarborPlatformSeedOptions = {},
): KubernetesObject[] {
  const namespace = options.namespace ?? 'harbor';
  const now = options.now ?? new Date();
  const seed: Seed = {
    namespace,
    names: harborPlatformNames({ hostname: HOSTNAME, namespace }),
    broken: options.state === 'broken',
    now,
    at: iso(now, -DAY_MS),
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: { 'kubernetes.io/metadata.name': namespace },
      },
    },
    ...CHART_WORKLOADS.map(spec => workload(seed, spec)),
    ociRepository(seed),
    helmRelease(seed),
    databaseCluster(seed),
    dragonfly(seed),
    certificate(seed),
    ...externalSecrets(seed),
  ];
}

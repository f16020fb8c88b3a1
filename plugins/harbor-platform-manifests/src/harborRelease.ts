import { bitnamiResourceValues } from './bitnamiResources';
import { helmReleaseActions } from './fluxVersions';
import { commonLabels, PlatformNames } from './names';
import { HELM_VALUES_KEY } from './secrets';
import { isExactChartVersion, type HarborPlatformSpec } from './spec';
import { bitnamiTrivyValues } from './trivy';
import type { KubernetesObject } from './types';

export interface OciRepository extends KubernetesObject {
  spec: {
    interval: string;
    url: string;
    /** `tag` pins one version; `semver` follows a range (patch releases roll in). */
    ref: { tag: string } | { semver: string };
    layerSelector: { mediaType: string; operation: 'copy' };
  };
}

/** A whole values file from a Secret (no `targetPath`/`literal`: those need helm-controller v1.6). */
export interface HelmValuesReference {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  valuesKey: string;
}

export interface HelmRelease extends KubernetesObject {
  spec: {
    interval: string;
    timeout: string;
    releaseName: string;
    chartRef: { kind: 'OCIRepository'; name: string };
    driftDetection: { mode: 'enabled' };
    install: Record<string, unknown>;
    upgrade: Record<string, unknown>;
    valuesFrom: HelmValuesReference[];
    values: HarborChartValues;
  };
}

/** The chart values we set. Every path is checked against the chart's values.yaml in the tests. */
export type HarborChartValues = Record<string, unknown>;

/**
 * Images of chart 27.0.4 (values path → image name). Versioned `docker.io/bitnami/*` tags moved to
 * `bitnamilegacy` in Aug 2025 (bitnami/containers#83267); the chart's default tags still exist there.
 */
export const CHART_IMAGES: Record<string, string> = {
  'portal.image': 'harbor-portal',
  'core.image': 'harbor-core',
  'jobservice.image': 'harbor-jobservice',
  'registry.server.image': 'harbor-registry',
  'registry.controller.image': 'harbor-registryctl',
  'trivy.image': 'harbor-adapter-trivy',
  'exporter.image': 'harbor-exporter',
  'nginx.image': 'nginx',
  'volumePermissions.image': 'os-shell',
};

/** Jobservice writes job logs to one RWO PVC with `file`; more than one replica needs `database`. */
export function jobLoggerFor(jobserviceReplicas: number): 'file' | 'database' {
  return jobserviceReplicas > 1 ? 'database' : 'file';
}

function setPath(
  target: Record<string, unknown>,
  dottedPath: string,
  value: unknown,
) {
  const keys = dottedPath.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function ingressValues(spec: HarborPlatformSpec) {
  return {
    core: {
      ingressClassName: spec.ingress.className,
      hostname: spec.hostname,
      // TLS is rendered only with a cert-manager annotation; the secret is `<hostname>-tls`.
      tls: true,
      // Setting annotations replaces the chart defaults, so proxy-body-size is repeated (large layers).
      annotations: {
        'cert-manager.io/cluster-issuer': spec.ingress.clusterIssuer,
        'nginx.ingress.kubernetes.io/proxy-body-size': '0',
      },
    },
  };
}

function persistenceValues(spec: HarborPlatformSpec) {
  return {
    enabled: true,
    persistentVolumeClaim: {
      jobservice: { storageClass: spec.storageClass },
      trivy: { storageClass: spec.storageClass },
    },
    imageChartStorage: {
      type: 's3',
      disableredirect: spec.s3.disableRedirect,
      s3: {
        region: spec.s3.region,
        bucket: spec.s3.bucket,
        regionendpoint: spec.s3.endpoint,
        // The S3 driver sends `x-amz-server-side-encryption: AES256`; Ceph RGW without an SSE-S3
        // backend rejects pushes with 400 InvalidArgument (openshift-docs#56982). See the README.
        encrypt: spec.s3.encrypt,
        v4auth: true,
        // No accesskey/secretkey: registry reads REGISTRY_STORAGE_S3_* from registry.existingSecret.
      },
    },
  };
}

/** Harbor's own components: replicas and the Secrets they read. */
function componentValues(spec: HarborPlatformSpec, names: PlatformNames) {
  return {
    core: {
      replicaCount: spec.replicas.core,
      // Keys `secret` and `secretKey` (16 characters), from 1Password. With both set the chart writes no
      // `<release>-core` Secret of its own (core-secret.yaml).
      existingSecret: names.secrets.core,
      secretName: names.secrets.tokenService,
    },
    jobservice: {
      replicaCount: spec.replicas.jobservice,
      jobLogger: jobLoggerFor(spec.replicas.jobservice),
      existingSecret: names.secrets.jobservice,
    },
    registry: {
      replicaCount: spec.replicas.registry,
      credentials: { username: 'harbor_registry_user' },
      // Instead of the chart's `<release>-registry` Secret; registry and registryctl read it whole.
      existingSecret: names.secrets.registry,
    },
    portal: { replicaCount: spec.replicas.portal },
    trivy: {
      enabled: true,
      replicaCount: spec.replicas.trivy,
      ...bitnamiTrivyValues(spec),
    },
  };
}

/** PostgreSQL from CloudNativePG and Redis from Dragonfly instead of the chart's own. */
function dataServiceValues(spec: HarborPlatformSpec, names: PlatformNames) {
  return {
    database: {
      maxOpenConns: spec.databasePool.maxOpenConns,
      maxIdleConns: spec.databasePool.maxIdleConns,
    },
    postgresql: { enabled: false },
    externalDatabase: {
      host: names.databaseHost,
      port: 5432,
      user: names.databaseOwner,
      coreDatabase: names.databaseName,
      // CNPG serves TLS; verify-full would need the CNPG CA mounted, which the chart cannot do.
      sslmode: 'require',
      existingSecret: names.databaseAppSecret,
      existingSecretPasswordKey: 'password',
    },
    redis: { enabled: false },
    externalRedis: {
      host: names.dragonflyHost,
      port: 6379,
      // The password comes from valuesFrom: externalRedis.existingSecret is resolved with Helm `lookup`
      // and breaks on first install (bitnami/charts#33869).
    },
  };
}

export function renderHarborValues(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): HarborChartValues {
  const values: HarborChartValues = {
    global: {
      // common 2.31.4 refuses relocated images unless this is set (platform-manifests §1 pitfall 1).
      security: { allowInsecureImages: true },
    },
    externalURL: `https://${spec.hostname}`,
    exposureType: 'ingress',
    // The chart default is debug.
    logLevel: 'info',
    // Key HARBOR_ADMIN_PASSWORD; read only on the first start.
    existingSecret: names.secrets.admin,
    existingSecretAdminPasswordKey: 'HARBOR_ADMIN_PASSWORD',
    ingress: ingressValues(spec),
    persistence: persistenceValues(spec),
    ...componentValues(spec, names),
    ...dataServiceValues(spec, names),
    metrics: {
      enabled: true,
      serviceMonitor: {
        enabled: true,
        labels: { ...spec.monitoring.prometheusLabels },
      },
    },
  };
  for (const [path, image] of Object.entries(CHART_IMAGES)) {
    setPath(values, `${path}.registry`, spec.images.registry);
    setPath(
      values,
      `${path}.repository`,
      `${spec.images.repositoryPrefix}/${image}`,
    );
  }
  for (const [path, resources] of bitnamiResourceValues(spec)) {
    setPath(values, path, resources);
  }
  return values;
}

/**
 * Secret-backed values (the Redis password, registry credentials password, CSRF key): one values file that an
 * ExternalSecret renders, in the release namespace (valuesFrom requires it).
 */
export function renderHarborValuesFrom(
  names: PlatformNames,
): HelmValuesReference[] {
  return [
    {
      kind: 'Secret',
      name: names.secrets.helmValues,
      valuesKey: HELM_VALUES_KEY,
    },
  ];
}

export function renderChartSource(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): OciRepository {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'OCIRepository',
    metadata: {
      name: names.chartSource,
      namespace: names.namespace,
      labels: commonLabels('harbor'),
    },
    spec: {
      interval: '12h',
      url: spec.chart.url,
      ref: isExactChartVersion(spec.chart.version)
        ? { tag: spec.chart.version }
        : { semver: spec.chart.version },
      layerSelector: {
        mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
        operation: 'copy',
      },
    },
  };
}

export function renderHelmRelease(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): HelmRelease {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: {
      name: names.helmRelease,
      namespace: names.namespace,
      labels: commonLabels('harbor'),
    },
    spec: {
      interval: spec.flux.interval,
      timeout: '15m',
      releaseName: names.helmRelease,
      // OCIRepository + chartRef: HelmRepository type oci is in maintenance mode (Flux docs).
      chartRef: { kind: 'OCIRepository', name: names.chartSource },
      driftDetection: { mode: 'enabled' },
      ...helmReleaseActions(spec),
      valuesFrom: renderHarborValuesFrom(names),
      values: renderHarborValues(spec, names),
    },
  };
}

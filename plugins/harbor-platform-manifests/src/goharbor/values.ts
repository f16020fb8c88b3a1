import type { PlatformNames } from '../names';
import type { HarborPlatformSpec } from '../spec';
import {
  goharborResourceValues,
  goharborTrivyValues,
  setValuePath,
} from './components';
import { goharborSecretNames, GoharborSecretNames } from './secrets';

/**
 * Values of the official chart (goharbor/harbor-helm 1.19.1). Every path is checked against the chart's
 * values.yaml in the tests, and what the templates render from them against our own objects.
 */
export type GoharborChartValues = Record<string, unknown>;

/** Ingress with a cert-manager certificate in `<hostname>-tls`; the chart's own nginx is not deployed. */
function exposeValues(spec: HarborPlatformSpec, names: PlatformNames) {
  return {
    type: 'ingress',
    tls: {
      enabled: true,
      // `secret`: the chart neither generates a certificate nor writes the TLS Secret; cert-manager does.
      certSource: 'secret',
      secret: { secretName: names.tlsSecret },
    },
    ingress: {
      hosts: { core: spec.hostname },
      className: spec.ingress.className,
      // Setting annotations replaces the chart defaults, so proxy-body-size is repeated (large layers).
      annotations: {
        'cert-manager.io/cluster-issuer': spec.ingress.clusterIssuer,
        'nginx.ingress.kubernetes.io/proxy-body-size': '0',
      },
    },
  };
}

function persistenceValues(
  spec: HarborPlatformSpec,
  secrets: GoharborSecretNames,
) {
  return {
    enabled: true,
    persistentVolumeClaim: { trivy: { storageClass: spec.storageClass } },
    imageChartStorage: {
      type: 's3',
      disableredirect: spec.s3.disableRedirect,
      s3: {
        // Keys REGISTRY_STORAGE_S3_ACCESSKEY / _SECRETKEY, read by registry and registryctl through envFrom.
        existingSecret: secrets.s3,
        region: spec.s3.region,
        bucket: spec.s3.bucket,
        regionendpoint: spec.s3.endpoint,
        // Ceph RGW without an SSE-S3 backend rejects encrypted uploads with 400 InvalidArgument (README).
        encrypt: spec.s3.encrypt,
        v4auth: true,
      },
    },
  };
}

/** Harbor's own components: replicas and the Secrets they read instead of the chart's generated ones. */
function componentValues(
  spec: HarborPlatformSpec,
  secrets: GoharborSecretNames,
) {
  return {
    core: {
      replicas: spec.replicas.core,
      existingSecret: secrets.core,
      // The token-service key pair; unset, the chart generates a new one on every upgrade.
      secretName: secrets.tokenService,
      existingXsrfSecret: secrets.core,
      existingXsrfSecretKey: 'CSRF_KEY',
    },
    jobservice: {
      replicas: spec.replicas.jobservice,
      // Always `database`: `file` needs one RWO volume, which more replicas cannot share and which stalls the
      // chart's RollingUpdate when the new pod lands on another node (values.yaml: updateStrategy).
      jobLoggers: ['database'],
      existingSecret: secrets.jobservice,
      existingSecretKey: 'JOBSERVICE_SECRET',
    },
    registry: {
      replicas: spec.replicas.registry,
      existingSecret: secrets.registry,
      existingSecretKey: 'REGISTRY_HTTP_SECRET',
      // Keys REGISTRY_PASSWD (core, jobservice) and REGISTRY_HTPASSWD (registry) for this user.
      credentials: {
        username: 'harbor_registry_user',
        existingSecret: secrets.registry,
      },
    },
    portal: { replicas: spec.replicas.portal },
    trivy: {
      enabled: true,
      replicas: spec.replicas.trivy,
      ...goharborTrivyValues(spec),
    },
  };
}

/** PostgreSQL from CloudNativePG and Redis from Dragonfly instead of the chart's own. */
function dataServiceValues(
  spec: HarborPlatformSpec,
  names: PlatformNames,
  secrets: GoharborSecretNames,
) {
  return {
    database: {
      type: 'external',
      external: {
        host: names.databaseHost,
        port: '5432',
        username: names.databaseOwner,
        coreDatabase: names.databaseName,
        // The CNPG app Secret has the key `password` the chart reads (core, exporter, migration job).
        existingSecret: names.databaseAppSecret,
        // CNPG serves TLS; verify-full would need the CNPG CA in Harbor's trust store.
        sslmode: 'require',
      },
      maxOpenConns: spec.databasePool.maxOpenConns,
      maxIdleConns: spec.databasePool.maxIdleConns,
    },
    redis: {
      type: 'external',
      external: {
        addr: `${names.dragonflyHost}:6379`,
        // Read with Helm `lookup` (key REDIS_PASSWORD) at install/upgrade time: the secrets layer is Ready first.
        existingSecret: secrets.dragonfly,
      },
    },
  };
}

export function renderGoharborValues(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): GoharborChartValues {
  const secrets = goharborSecretNames(names);
  const values: GoharborChartValues = {
    externalURL: `https://${spec.hostname}`,
    expose: exposeValues(spec, names),
    // core mounts a CA-download volume whenever TLS is on; with certSource `secret` it needs a Secret name.
    caSecretName: names.tlsSecret,
    logLevel: 'info',
    // Read only on the first start.
    existingSecretAdminPassword: secrets.admin,
    existingSecretAdminPasswordKey: 'HARBOR_ADMIN_PASSWORD',
    // Key `secretKey`, exactly 16 characters.
    existingSecretSecretKey: secrets.core,
    persistence: persistenceValues(spec, secrets),
    ...componentValues(spec, secrets),
    ...dataServiceValues(spec, names, secrets),
    metrics: {
      // Also deploys the exporter (harbor_* metrics the alerts use).
      enabled: true,
      // Ours instead (serviceMonitor.ts): the chart's cannot carry a `release` selector label.
      serviceMonitor: { enabled: false },
    },
  };
  for (const [path, resources] of goharborResourceValues(spec)) {
    setValuePath(values, path, resources);
  }
  return values;
}

import { InputError } from '@backstage/errors';
import {
  describeZodIssues,
  harborPlatformSpecSchema,
  HarborPlatformSpec,
  HarborPlatformSpecInput,
} from './spec';

/**
 * Kubernetes object names every renderer agrees on; the scaffolder actions, the backend's platform checks and
 * the Kubernetes simulator's seed take them from here, and tests assert the cross-references through it.
 *
 * @public
 */
export interface PlatformNames {
  namespace: string;
  helmRelease: string;
  chartSource: string;
  databaseCluster: string;
  /** Written by CNPG from `bootstrap.initdb` (keys username, password, host, ...). */
  databaseAppSecret: string;
  databaseName: string;
  databaseOwner: string;
  objectStore: string;
  scheduledBackup: string;
  dragonfly: string;
  dragonflyHost: string;
  databaseHost: string;
  /**
   * cert-manager ingress-shim names the certificate secret `<hostname>-tls` (chart core-ingress.yaml), and the
   * Certificate after it.
   */
  tlsSecret: string;
  /** The Bitnami chart's workloads, `<release>-<component>` (its `common.names.fullname`). */
  workloads: {
    core: string;
    portal: string;
    registry: string;
    jobservice: string;
    trivy: string;
  };
  /**
   * The Secrets External Secrets writes. Never named like one the chart renders itself (`<release>-core`,
   * `-registry`, `-jobservice`, `*-envvars`): Helm and External Secrets would own one object.
   */
  secrets: {
    admin: string;
    core: string;
    /** The token-service key pair (`core.secretName`). */
    tokenService: string;
    jobservice: string;
    registry: string;
    /** The Helm values that hold secrets (key `values.yaml`), read by the HelmRelease `valuesFrom`. */
    helmValues: string;
    s3: string;
    dragonfly: string;
    databaseBackupS3: string;
  };
  kustomizations: {
    secrets: string;
    database: string;
    dragonfly: string;
    app: string;
    namespace: string;
    monitoring: string;
    dashboards: string;
    teams: string;
  };
}

/** The spec fields that decide the names. */
type NamingSpec = Pick<
  HarborPlatformSpec,
  'hostname' | 'namespace' | 'database' | 'dragonfly'
>;

const RELEASE = 'harbor';

export function platformNames(spec: NamingSpec): PlatformNames {
  const ns = spec.namespace;
  const cluster = spec.database.clusterName;
  const workload = (component: string) => `${RELEASE}-${component}`;
  return {
    namespace: ns,
    helmRelease: RELEASE,
    chartSource: 'harbor-chart',
    databaseCluster: cluster,
    databaseAppSecret: `${cluster}-app`,
    // Harbor's own initial-registry.sql creates `registry`; Clair and Notary are gone (§0).
    databaseName: 'registry',
    databaseOwner: 'harbor',
    objectStore: `${cluster}-backup`,
    scheduledBackup: `${cluster}-daily`,
    dragonfly: spec.dragonfly.name,
    dragonflyHost: `${spec.dragonfly.name}.${ns}.svc`,
    databaseHost: `${cluster}-rw.${ns}.svc`,
    tlsSecret: `${spec.hostname}-tls`,
    workloads: {
      core: workload('core'),
      portal: workload('portal'),
      registry: workload('registry'),
      jobservice: workload('jobservice'),
      trivy: workload('trivy'),
    },
    secrets: {
      admin: 'harbor-admin',
      core: `${RELEASE}-core-keys`,
      tokenService: `${RELEASE}-token-service`,
      jobservice: `${RELEASE}-jobservice-keys`,
      registry: `${RELEASE}-registry-keys`,
      helmValues: `${RELEASE}-helm-values`,
      s3: 'harbor-s3',
      dragonfly: 'harbor-dragonfly',
      databaseBackupS3: `${cluster}-backup-s3`,
    },
    kustomizations: {
      secrets: `${ns}-secrets`,
      database: `${ns}-database`,
      dragonfly: `${ns}-dragonfly`,
      app: `${ns}-app`,
      namespace: `${ns}-namespace`,
      monitoring: `${ns}-monitoring`,
      dashboards: `${ns}-dashboards`,
      teams: `${ns}-robot-delivery`,
    },
  };
}

const namingSpecSchema = harborPlatformSpecSchema.pick({
  hostname: true,
  namespace: true,
  database: true,
  dragonfly: true,
});

/**
 * The part of a platform spec that decides object names: the host name, and optionally the namespace, the
 * database cluster and the Dragonfly name (their defaults as in {@link HarborPlatformSpecInput}).
 *
 * @public
 */
export type HarborPlatformNamesInput = Pick<
  HarborPlatformSpecInput,
  'hostname' | 'namespace' | 'database' | 'dragonfly'
>;

/**
 * The names of the objects {@link renderHarborPlatform} writes (and the chart and operators derive from them),
 * for a platform spec or only the fields that decide them.
 * @throws InputError naming each invalid field.
 * @public
 */
export function harborPlatformNames(
  input: HarborPlatformNamesInput,
): PlatformNames {
  const result = namingSpecSchema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid Harbor platform spec: ${describeZodIssues(result.error)}`,
      result.error,
    );
  }
  return platformNames(result.data);
}

/** Labels on every object this renderer writes. */
export function commonLabels(component: string): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': 'harbor',
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'backstage-harbor',
  };
}

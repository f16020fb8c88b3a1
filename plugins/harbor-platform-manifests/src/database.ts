import { commonLabels, PlatformNames } from './names';
import { componentResources } from './resources';
import type { HarborPlatformSpec } from './spec';
import type {
  KubernetesObject,
  ResourceRequirements,
  SecretKeySelector,
} from './types';

/** Plugin name registered by the Barman Cloud plugin (plugin-barman-cloud usage.md). */
export const BARMAN_CLOUD_PLUGIN = 'barman-cloud.cloudnative-pg.io';

/**
 * Pods that open a pool to the Harbor database: core, jobservice and the exporter (one replica).
 * registryctl and Trivy do not use PostgreSQL.
 */
export const EXPORTER_REPLICAS = 1;
/** Connections kept free for the migration job, CNPG's instance manager, replication and an operator's psql. */
const RESERVED_CONNECTIONS = 30;

/**
 * `max_connections` for the cluster: every Harbor pod may open `maxOpenConns` (per component, per pod),
 * so (core + jobservice + exporter) × maxOpenConns must fit (platform-manifests §1 pitfall 5). CNPG's
 * default of 100 would be exhausted by the chart default of 900 per pod.
 */
export function postgresMaxConnections(spec: HarborPlatformSpec): number {
  const pods =
    spec.replicas.core + spec.replicas.jobservice + EXPORTER_REPLICAS;
  return Math.max(
    100,
    pods * spec.databasePool.maxOpenConns + RESERVED_CONNECTIONS,
  );
}

export interface CnpgCluster extends KubernetesObject {
  spec: {
    instances: number;
    imageName: string;
    storage: { storageClass: string; size: string };
    resources: ResourceRequirements;
    bootstrap: { initdb: { database: string; owner: string } };
    postgresql: { parameters: Record<string, string> };
    affinity: { enablePodAntiAffinity: boolean; topologyKey: string };
    plugins: {
      name: string;
      isWALArchiver: boolean;
      parameters: Record<string, string>;
    }[];
  };
}

export interface BarmanObjectStore extends KubernetesObject {
  spec: {
    retentionPolicy: string;
    configuration: {
      destinationPath: string;
      endpointURL: string;
      s3Credentials: {
        accessKeyId: SecretKeySelector;
        secretAccessKey: SecretKeySelector;
      };
      wal: { compression: 'gzip' };
      data: { compression: 'gzip' };
    };
    instanceSidecarConfiguration: {
      env: { name: string; value: string }[];
      resources: ResourceRequirements;
    };
  };
}

export interface ScheduledBackup extends KubernetesObject {
  spec: {
    schedule: string;
    cluster: { name: string };
    method: 'plugin';
    pluginConfiguration: { name: string };
    backupOwnerReference: 'self';
    immediate: boolean;
  };
}

export interface PodMonitor extends KubernetesObject {
  spec: {
    selector: { matchLabels: Record<string, string> };
    podMetricsEndpoints: { port: string }[];
  };
}

export function renderDatabaseCluster(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): CnpgCluster {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: {
      name: names.databaseCluster,
      namespace: names.namespace,
      labels: commonLabels('database'),
    },
    spec: {
      instances: spec.database.instances,
      imageName: spec.database.imageName,
      storage: {
        storageClass: spec.storageClass,
        size: spec.database.storageSize,
      },
      resources:
        spec.database.resources ?? componentResources(spec, 'postgresql'),
      // One database, `registry`, owned by `harbor`: Harbor 2.13 has no Clair or Notary databases (§0).
      // CNPG writes the credentials to `<cluster>-app`, which the chart reads via externalDatabase.existingSecret.
      bootstrap: {
        initdb: { database: names.databaseName, owner: names.databaseOwner },
      },
      postgresql: {
        // CNPG parameters are strings.
        parameters: { max_connections: String(postgresMaxConnections(spec)) },
      },
      affinity: {
        enablePodAntiAffinity: true,
        topologyKey: 'kubernetes.io/hostname',
      },
      // In-tree barmanObjectStore is deprecated and removed in CNPG 1.31; the plugin archives WAL instead.
      plugins: [
        {
          name: BARMAN_CLOUD_PLUGIN,
          isWALArchiver: true,
          parameters: { barmanObjectName: names.objectStore },
        },
      ],
    },
  };
}

export function renderObjectStore(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): BarmanObjectStore {
  const path = spec.database.backup.path.replace(/^\/+|\/+$/g, '');
  return {
    apiVersion: 'barmancloud.cnpg.io/v1',
    kind: 'ObjectStore',
    metadata: {
      name: names.objectStore,
      namespace: names.namespace,
      labels: commonLabels('database'),
    },
    spec: {
      retentionPolicy: spec.database.backup.retention,
      configuration: {
        destinationPath: `s3://${spec.database.backup.bucket}/${
          path ? `${path}/` : ''
        }`,
        endpointURL: spec.database.backup.endpoint ?? spec.s3.endpoint,
        s3Credentials: {
          accessKeyId: {
            name: names.secrets.databaseBackupS3,
            key: 'access-key',
          },
          secretAccessKey: {
            name: names.secrets.databaseBackupS3,
            key: 'secret-key',
          },
        },
        wal: { compression: 'gzip' },
        data: { compression: 'gzip' },
      },
      instanceSidecarConfiguration: {
        // Newer boto3 sends checksum headers Ceph RGW rejects (plugin-barman-cloud docs, issue #393).
        env: [
          { name: 'AWS_REQUEST_CHECKSUM_CALCULATION', value: 'when_required' },
          { name: 'AWS_RESPONSE_CHECKSUM_VALIDATION', value: 'when_required' },
        ],
        // The plugin's sidecar in every PostgreSQL pod; without this it has none and escapes the budget.
        resources: componentResources(spec, 'barmanCloud'),
      },
    },
  };
}

export function renderScheduledBackup(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): ScheduledBackup {
  return {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ScheduledBackup',
    metadata: {
      name: names.scheduledBackup,
      namespace: names.namespace,
      labels: commonLabels('database'),
    },
    spec: {
      schedule: spec.database.backup.schedule,
      cluster: { name: names.databaseCluster },
      method: 'plugin',
      pluginConfiguration: { name: BARMAN_CLOUD_PLUGIN },
      backupOwnerReference: 'self',
      immediate: true,
    },
  };
}

/** Our own PodMonitor: `spec.monitoring.enablePodMonitor` is deprecated (CNPG monitoring.md). */
export function renderDatabasePodMonitor(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): PodMonitor {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: {
      name: names.databaseCluster,
      namespace: names.namespace,
      labels: {
        ...commonLabels('database'),
        ...spec.monitoring.prometheusLabels,
      },
    },
    spec: {
      selector: { matchLabels: { 'cnpg.io/cluster': names.databaseCluster } },
      podMetricsEndpoints: [{ port: 'metrics' }],
    },
  };
}

export function renderDatabase(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): KubernetesObject[] {
  return [
    renderDatabaseCluster(spec, names),
    renderObjectStore(spec, names),
    renderScheduledBackup(spec, names),
  ];
}

import type { HarborPlatformSpec } from './spec';

/** Kubernetes object names every renderer agrees on; tests assert the cross-references through it. */
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
  /** cert-manager ingress-shim names the certificate secret `<hostname>-tls` (chart core-ingress.yaml). */
  tlsSecret: string;
  secrets: {
    admin: string;
    core: string;
    jobservice: string;
    registry: string;
    s3: string;
    dragonfly: string;
    databaseBackupS3: string;
  };
  kustomizations: {
    secrets: string;
    database: string;
    dragonfly: string;
    app: string;
    monitoring: string;
    teams: string;
  };
}

export function platformNames(spec: HarborPlatformSpec): PlatformNames {
  const ns = spec.namespace;
  const cluster = spec.database.clusterName;
  return {
    namespace: ns,
    helmRelease: 'harbor',
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
    secrets: {
      admin: 'harbor-admin',
      core: 'harbor-core',
      jobservice: 'harbor-jobservice',
      registry: 'harbor-registry',
      s3: 'harbor-s3',
      dragonfly: 'harbor-dragonfly',
      databaseBackupS3: `${cluster}-backup-s3`,
    },
    kustomizations: {
      secrets: `${ns}-secrets`,
      database: `${ns}-database`,
      dragonfly: `${ns}-dragonfly`,
      app: `${ns}-app`,
      monitoring: `${ns}-monitoring`,
      teams: `${ns}-robot-delivery`,
    },
  };
}

/** Labels on every object this renderer writes. */
export function commonLabels(component: string): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': 'harbor',
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'backstage-harbor',
  };
}

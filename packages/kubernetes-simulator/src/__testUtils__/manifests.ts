import type { KubernetesObject } from '../types';

/**
 * One valid object of every custom resource the simulator serves, mostly from the platform manifests
 * reference (shared/reference/platform-manifests.md).
 */
export const VALID_CUSTOM_RESOURCES: KubernetesObject[] = [
  {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: 'harbor-db', namespace: 'harbor' },
    spec: {
      instances: 3,
      imageName: 'ghcr.io/cloudnative-pg/postgresql:17',
      storage: { storageClass: 'ceph-block', size: '20Gi' },
      bootstrap: { initdb: { database: 'registry', owner: 'harbor' } },
      postgresql: { parameters: { max_connections: '300' } },
      affinity: {
        enablePodAntiAffinity: true,
        topologyKey: 'kubernetes.io/hostname',
      },
      plugins: [
        {
          name: 'barman-cloud.cloudnative-pg.io',
          isWALArchiver: true,
          parameters: { barmanObjectName: 'harbor-db-backup' },
        },
      ],
    },
  },
  {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'ScheduledBackup',
    metadata: { name: 'harbor-db-daily', namespace: 'harbor' },
    spec: {
      schedule: '0 0 3 * * *',
      cluster: { name: 'harbor-db' },
      method: 'plugin',
      pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
      backupOwnerReference: 'self',
      immediate: true,
    },
  },
  {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Backup',
    metadata: { name: 'harbor-db-once', namespace: 'harbor' },
    spec: {
      cluster: { name: 'harbor-db' },
      method: 'plugin',
      pluginConfiguration: { name: 'barman-cloud.cloudnative-pg.io' },
    },
  },
  {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Database',
    metadata: { name: 'harbor-db-registry', namespace: 'harbor' },
    spec: { cluster: { name: 'harbor-db' }, name: 'registry', owner: 'harbor' },
  },
  {
    apiVersion: 'barmancloud.cnpg.io/v1',
    kind: 'ObjectStore',
    metadata: { name: 'harbor-db-backup', namespace: 'harbor' },
    spec: {
      retentionPolicy: '30d',
      configuration: {
        destinationPath: 's3://harbor-db-backups/',
        endpointURL: 'http://rook-ceph-rgw-store.rook-ceph.svc',
        s3Credentials: {
          accessKeyId: { name: 'harbor-db-backup-s3', key: 'access-key' },
          secretAccessKey: { name: 'harbor-db-backup-s3', key: 'secret-key' },
        },
        wal: { compression: 'gzip' },
        data: { compression: 'gzip' },
      },
      instanceSidecarConfiguration: {
        env: [
          { name: 'AWS_REQUEST_CHECKSUM_CALCULATION', value: 'when_required' },
        ],
      },
    },
  },
  {
    apiVersion: 'dragonflydb.io/v1alpha1',
    kind: 'Dragonfly',
    metadata: { name: 'harbor-dragonfly', namespace: 'harbor' },
    spec: {
      replicas: 1,
      args: ['--proactor_threads=1', '--maxmemory=384mb'],
      resources: {
        requests: { cpu: '200m', memory: '512Mi' },
        limits: { memory: '512Mi' },
      },
      authentication: {
        passwordFromSecret: { name: 'harbor-dragonfly', key: 'password' },
      },
      snapshot: {
        cron: '*/5 * * * *',
        persistentVolumeClaimSpec: {
          storageClassName: 'ceph-block',
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '2Gi' } },
        },
      },
    },
  },
  {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ClusterSecretStore',
    metadata: { name: 'onepassword' },
    spec: {
      provider: {
        onepasswordSDK: {
          vault: 'platform',
          auth: {
            serviceAccountSecretRef: {
              name: 'op-service-account',
              namespace: 'external-secrets',
              key: 'token',
            },
          },
        },
      },
    },
  },
  {
    apiVersion: 'external-secrets.io/v1',
    kind: 'SecretStore',
    metadata: { name: 'onepassword', namespace: 'harbor' },
    spec: {
      provider: {
        onepasswordSDK: {
          vault: 'platform',
          auth: {
            serviceAccountSecretRef: {
              name: 'op-service-account',
              key: 'token',
            },
          },
        },
      },
    },
  },
  {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name: 'harbor-s3', namespace: 'harbor' },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: 'onepassword' },
      target: {
        name: 'harbor-s3',
        creationPolicy: 'Owner',
        template: {
          metadata: { labels: { 'reconcile.fluxcd.io/watch': 'Enabled' } },
        },
      },
      data: [
        {
          secretKey: 'access-key',
          remoteRef: { key: 'harbor-ceph-s3/access-key' },
        },
        {
          secretKey: 'secret-key',
          remoteRef: { key: 'harbor-ceph-s3/secret-key' },
        },
      ],
    },
  },
  {
    apiVersion: 'external-secrets.io/v1alpha1',
    kind: 'PushSecret',
    metadata: { name: 'harbor-robot-ci-to-1password', namespace: 'harbor' },
    spec: {
      refreshInterval: '1h',
      updatePolicy: 'Replace',
      deletionPolicy: 'None',
      secretStoreRefs: [{ kind: 'ClusterSecretStore', name: 'onepassword' }],
      selector: { secret: { name: 'harbor-robot-ci' } },
      data: [
        {
          match: {
            secretKey: 'token',
            remoteRef: { remoteKey: 'harbor-robot-ci', property: 'token' },
          },
        },
      ],
    },
  },
  {
    apiVersion: 'generators.external-secrets.io/v1alpha1',
    kind: 'Password',
    metadata: { name: 'harbor-core-secret-key', namespace: 'harbor' },
    spec: { length: 16, symbols: 0, noUpper: false, allowRepeat: true },
  },
  {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'OCIRepository',
    metadata: { name: 'harbor-chart', namespace: 'harbor' },
    spec: {
      interval: '12h',
      url: 'oci://registry-1.docker.io/bitnamicharts/harbor',
      ref: { tag: '27.0.4' },
      layerSelector: {
        mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
        operation: 'copy',
      },
    },
  },
  {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata: { name: 'bitnami', namespace: 'harbor' },
    spec: { interval: '1h', url: 'https://charts.bitnami.com/bitnami' },
  },
  {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: 'harbor', namespace: 'harbor' },
    spec: {
      interval: '30m',
      timeout: '15m',
      releaseName: 'harbor',
      chartRef: { kind: 'OCIRepository', name: 'harbor-chart' },
      driftDetection: { mode: 'enabled' },
      install: { strategy: { name: 'RetryOnFailure', retryInterval: '5m' } },
      upgrade: { strategy: { name: 'RetryOnFailure', retryInterval: '5m' } },
      valuesFrom: [
        {
          kind: 'Secret',
          name: 'harbor-s3',
          valuesKey: 'access-key',
          targetPath: 'persistence.imageChartStorage.s3.accesskey',
        },
        {
          kind: 'Secret',
          name: 'harbor-dragonfly',
          valuesKey: 'password',
          targetPath: 'externalRedis.password',
          literal: true,
        },
      ],
      values: { expose: { type: 'ingress' } },
    },
  },
  {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'harbor-data', namespace: 'harbor' },
    spec: {
      interval: '30m',
      retryInterval: '2m',
      timeout: '10m',
      prune: true,
      wait: true,
      path: './platform/harbor/data',
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      dependsOn: [{ name: 'harbor-secrets' }],
      healthCheckExprs: [
        {
          apiVersion: 'postgresql.cnpg.io/v1',
          kind: 'Cluster',
          current:
            "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')",
        },
      ],
    },
  },
  {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'harbor-tls', namespace: 'harbor' },
    spec: {
      secretName: 'harbor.internal.example.com-tls',
      dnsNames: ['harbor.internal.example.com'],
      issuerRef: {
        kind: 'ClusterIssuer',
        name: 'internal-ca',
        group: 'cert-manager.io',
      },
    },
  },
  {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: 'internal-ca' },
    spec: { ca: { secretName: 'internal-ca' } },
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    metadata: {
      name: 'harbor-db',
      namespace: 'harbor',
      labels: { release: 'kube-prometheus-stack' },
    },
    spec: {
      selector: { matchLabels: { 'cnpg.io/cluster': 'harbor-db' } },
      podMetricsEndpoints: [{ port: 'metrics' }],
    },
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: 'harbor',
      namespace: 'harbor',
      labels: { release: 'kube-prometheus-stack' },
    },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'harbor' } },
      namespaceSelector: { matchNames: ['harbor'] },
      endpoints: [{ port: 'http-metrics', path: '/metrics', interval: '30s' }],
    },
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'harbor',
      namespace: 'harbor',
      labels: { release: 'kube-prometheus-stack' },
    },
    spec: {
      groups: [
        {
          name: 'harbor',
          // Checked by the schema's Go pattern `^(?i)(abort|warn)?$`.
          partial_response_strategy: 'WARN',
          rules: [
            {
              alert: 'HarborDown',
              expr: 'harbor_up == 0',
              for: '5m',
              labels: { severity: 'critical' },
              annotations: {
                summary: 'Harbor component {{ $labels.component }} is down',
              },
            },
          ],
        },
      ],
    },
  },
  {
    apiVersion: 'grafana.integreatly.org/v1beta1',
    kind: 'GrafanaDashboard',
    metadata: { name: 'harbor', namespace: 'harbor' },
    spec: {
      instanceSelector: { matchLabels: { dashboards: 'grafana' } },
      json: '{"title":"Harbor"}',
    },
  },
];

import { commonLabels, PlatformNames } from './names';
import { toJsonText } from './serialize';
import type { HarborPlatformSpec } from './spec';
import type { KubernetesObject } from './types';

/**
 * Alert name → anchor in the TechDocs runbook (`<runbookBaseUrl>/alerts/#<anchor>`). The anchors are
 * stable: the runbook's headings are checked against this map, so renaming one is a breaking change.
 */
export const HARBOR_ALERT_RUNBOOK_ANCHORS = {
  HarborComponentDown: 'harbor-component-down',
  HarborProjectQuotaNearlyFull: 'harbor-project-quota-nearly-full',
  HarborTotalStorageHigh: 'harbor-total-storage-high',
  HarborVolumeNearlyFull: 'harbor-volume-nearly-full',
  HarborReplicationFailures: 'harbor-replication-failures',
  HarborReplicationBacklog: 'harbor-replication-backlog',
  HarborScanBacklog: 'harbor-scan-backlog',
  HarborScanQueueStale: 'harbor-scan-queue-stale',
  HarborAuthenticationFailuresHigh: 'harbor-authentication-failures-high',
  HarborDatabaseBackupStale: 'harbor-database-backup-stale',
  HarborDatabaseBackupFailed: 'harbor-database-backup-failed',
} as const;

export type HarborAlertName = keyof typeof HARBOR_ALERT_RUNBOOK_ANCHORS;

/**
 * Metric names the rules and dashboard use, all verified in Harbor v2.13.2 source (exporter, core,
 * jobservice), kubelet and the Barman Cloud plugin (platform-manifests §3 and §7).
 */
export const HARBOR_METRIC_NAMES = [
  'harbor_up',
  'harbor_health',
  'harbor_project_quota_usage_byte',
  'harbor_project_quota_byte',
  'harbor_statistics_total_storage_consumption',
  'harbor_project_total',
  'harbor_task_queue_size',
  'harbor_task_queue_latency',
  'harbor_jobservice_task_total',
  'harbor_core_http_request_total',
  'harbor_core_http_request_duration_seconds',
  'registry_http_requests_total',
  'kubelet_volume_stats_available_bytes',
  'kubelet_volume_stats_capacity_bytes',
  'barman_cloud_cloudnative_pg_io_last_available_backup_timestamp',
  'barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp',
] as const;

export interface PrometheusAlertRule {
  alert: HarborAlertName;
  expr: string;
  for?: string;
  labels: { severity: 'critical' | 'warning' };
  annotations: { summary: string; description: string; runbook_url: string };
}

export interface PrometheusRule extends KubernetesObject {
  spec: { groups: { name: string; rules: PrometheusAlertRule[] }[] };
}

export interface GrafanaDashboard extends KubernetesObject {
  spec: {
    instanceSelector: { matchLabels: Record<string, string> };
    allowCrossNamespaceImport: boolean;
    folder: string;
    uid: string;
    json: string;
  };
}

export function runbookUrl(baseUrl: string, alert: HarborAlertName): string {
  return `${baseUrl.replace(/\/+$/, '')}/alerts/#${
    HARBOR_ALERT_RUNBOOK_ANCHORS[alert]
  }`;
}

export function renderPrometheusRule(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): PrometheusRule {
  const ns = `namespace="${names.namespace}"`;
  const rule = (
    alert: HarborAlertName,
    severity: 'critical' | 'warning',
    expr: string,
    forDuration: string | undefined,
    summary: string,
    description: string,
  ): PrometheusAlertRule => ({
    alert,
    expr,
    ...(forDuration ? { for: forDuration } : {}),
    labels: { severity },
    annotations: {
      summary,
      description,
      runbook_url: runbookUrl(spec.monitoring.runbookBaseUrl, alert),
    },
  });
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'harbor',
      namespace: names.namespace,
      // kube-prometheus-stack selects rules by its release label.
      labels: {
        ...commonLabels('monitoring'),
        ...spec.monitoring.prometheusLabels,
      },
    },
    spec: {
      groups: [
        {
          name: 'harbor.health',
          rules: [
            rule(
              'HarborComponentDown',
              'critical',
              `harbor_up{${ns}} == 0`,
              '5m',
              'Harbor component {{ $labels.component }} is down',
              'The Harbor exporter reports {{ $labels.component }} as unhealthy for 5 minutes.',
            ),
          ],
        },
        {
          name: 'harbor.storage',
          rules: [
            rule(
              'HarborProjectQuotaNearlyFull',
              'warning',
              // A quota of -1 means unlimited, so only positive quotas count.
              `harbor_project_quota_usage_byte{${ns}} / (harbor_project_quota_byte{${ns}} > 0) > 0.9`,
              '15m',
              'Harbor project {{ $labels.project_name }} uses more than 90% of its quota',
              'Pushes to the project will fail once the quota is reached.',
            ),
            rule(
              'HarborTotalStorageHigh',
              'warning',
              `max(harbor_statistics_total_storage_consumption{${ns}}) > ${spec.monitoring.storageAlertBytes}`,
              '30m',
              'Harbor stores more than the configured capacity threshold',
              `Total storage consumption is above ${spec.monitoring.storageAlertBytes} bytes of the S3 bucket ${spec.s3.bucket}.`,
            ),
            rule(
              'HarborVolumeNearlyFull',
              'warning',
              `kubelet_volume_stats_available_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}} < 0.15`,
              '15m',
              'Volume {{ $labels.persistentvolumeclaim }} has less than 15% free space',
              'A PostgreSQL, Dragonfly, Trivy or jobservice volume is nearly full.',
            ),
          ],
        },
        {
          name: 'harbor.replication',
          rules: [
            rule(
              'HarborReplicationFailures',
              'warning',
              `sum(increase(harbor_jobservice_task_total{${ns},type="REPLICATION",status="fail"}[30m])) > 0`,
              undefined,
              'Harbor replication tasks failed',
              'At least one replication task failed in the last 30 minutes.',
            ),
            rule(
              'HarborReplicationBacklog',
              'warning',
              // Queue metrics come from the single exporter pod: no sum by pod.
              `sum(harbor_task_queue_size{${ns},type="REPLICATION"}) > 100`,
              '30m',
              'Harbor replication queue is backing up',
              'More than 100 replication jobs are waiting for 30 minutes.',
            ),
          ],
        },
        {
          name: 'harbor.scanning',
          rules: [
            rule(
              'HarborScanBacklog',
              'warning',
              `sum(harbor_task_queue_size{${ns},type=~"IMAGE_SCAN|SCAN_ALL"}) > 50`,
              '30m',
              'Harbor vulnerability scan queue is backing up',
              'More than 50 scan jobs are waiting for 30 minutes.',
            ),
            rule(
              'HarborScanQueueStale',
              'warning',
              `max(harbor_task_queue_latency{${ns},type="IMAGE_SCAN"}) > 1800`,
              '10m',
              'Harbor scan jobs wait more than 30 minutes',
              'The oldest queued scan job has waited for more than 30 minutes; check Trivy and jobservice.',
            ),
          ],
        },
        {
          name: 'harbor.auth',
          rules: [
            rule(
              'HarborAuthenticationFailuresHigh',
              'warning',
              // Docker clients get a 401 challenge on their first /v2/ call, so only the token service
              // and UI login (legacy routes, operation="unknown") count.
              `sum(rate(harbor_core_http_request_total{${ns},code="401",operation="unknown"}[5m])) > 1`,
              '10m',
              'Many failed Harbor logins',
              'More than one failed token or UI login per second for 10 minutes.',
            ),
          ],
        },
        {
          name: 'harbor.database',
          rules: [
            rule(
              'HarborDatabaseBackupStale',
              'critical',
              `time() - max(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{${ns}}) > 172800`,
              '1h',
              'The Harbor database has no backup newer than two days',
              `The daily ScheduledBackup of ${names.databaseCluster} has not produced a backup for two days.`,
            ),
            rule(
              'HarborDatabaseBackupFailed',
              'warning',
              `max(barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp{${ns}}) > max(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{${ns}})`,
              '10m',
              'The last Harbor database backup failed',
              `The last backup of ${names.databaseCluster} to the ObjectStore failed.`,
            ),
          ],
        },
      ],
    },
  };
}

/** A compact dashboard over the same metrics as the alerts (cf. Harbor's contrib metrics-example.json). */
export function harborDashboardModel(
  names: PlatformNames,
): Record<string, unknown> {
  const ns = `namespace="${names.namespace}"`;
  let id = 0;
  const panel = (
    title: string,
    type: 'timeseries' | 'stat',
    gridPos: { x: number; y: number; w: number; h: number },
    targets: { expr: string; legendFormat?: string }[],
    unit = 'short',
  ) => {
    id += 1;
    return {
      id,
      title,
      type,
      gridPos,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      fieldConfig: { defaults: { unit }, overrides: [] },
      targets: targets.map((target, index) => ({
        refId: String.fromCharCode(65 + index),
        datasource: { type: 'prometheus', uid: '${datasource}' },
        ...target,
      })),
    };
  };
  return {
    title: 'Harbor',
    uid: 'harbor-overview',
    schemaVersion: 39,
    editable: false,
    time: { from: 'now-24h', to: 'now' },
    refresh: '1m',
    tags: ['harbor'],
    templating: {
      list: [
        {
          name: 'datasource',
          type: 'datasource',
          query: 'prometheus',
          label: 'Data source',
        },
      ],
    },
    panels: [
      panel('Component health', 'stat', { x: 0, y: 0, w: 12, h: 6 }, [
        { expr: `harbor_up{${ns}}`, legendFormat: '{{component}}' },
      ]),
      panel(
        'Total storage',
        'stat',
        { x: 12, y: 0, w: 6, h: 6 },
        [{ expr: `max(harbor_statistics_total_storage_consumption{${ns}})` }],
        'bytes',
      ),
      panel(
        'Database backup age',
        'stat',
        { x: 18, y: 0, w: 6, h: 6 },
        [
          {
            expr: `time() - max(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{${ns}})`,
          },
        ],
        's',
      ),
      panel(
        'Project quota usage (top 10)',
        'timeseries',
        { x: 0, y: 6, w: 12, h: 8 },
        [
          {
            expr: `topk(10, harbor_project_quota_usage_byte{${ns}} / (harbor_project_quota_byte{${ns}} > 0))`,
            legendFormat: '{{project_name}}',
          },
        ],
        'percentunit',
      ),
      panel('Job queue size', 'timeseries', { x: 12, y: 6, w: 12, h: 8 }, [
        {
          expr: `sum by (type) (harbor_task_queue_size{${ns}})`,
          legendFormat: '{{type}}',
        },
      ]),
      panel('Failed jobs', 'timeseries', { x: 0, y: 14, w: 12, h: 8 }, [
        {
          expr: `sum by (type) (increase(harbor_jobservice_task_total{${ns},status="fail"}[1h]))`,
          legendFormat: '{{type}}',
        },
      ]),
      panel(
        'Core requests by status',
        'timeseries',
        { x: 12, y: 14, w: 12, h: 8 },
        [
          {
            expr: `sum by (code) (rate(harbor_core_http_request_total{${ns}}[5m]))`,
            legendFormat: '{{code}}',
          },
        ],
        'reqps',
      ),
      panel(
        'Failed logins',
        'timeseries',
        { x: 0, y: 22, w: 12, h: 8 },
        [
          {
            expr: `sum(rate(harbor_core_http_request_total{${ns},code="401",operation="unknown"}[5m]))`,
            legendFormat: '401',
          },
        ],
        'reqps',
      ),
      panel(
        'Registry requests',
        'timeseries',
        { x: 12, y: 22, w: 12, h: 8 },
        [
          {
            expr: `sum by (method) (rate(registry_http_requests_total{${ns}}[5m]))`,
            legendFormat: '{{method}}',
          },
        ],
        'reqps',
      ),
    ],
  };
}

export function renderGrafanaDashboard(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): GrafanaDashboard {
  return {
    apiVersion: 'grafana.integreatly.org/v1beta1',
    kind: 'GrafanaDashboard',
    metadata: {
      name: 'harbor',
      namespace: names.namespace,
      labels: commonLabels('monitoring'),
    },
    spec: {
      instanceSelector: {
        matchLabels: { ...spec.monitoring.grafanaInstanceLabels },
      },
      // The Grafana instance usually lives in the monitoring namespace, not in Harbor's.
      allowCrossNamespaceImport: true,
      folder: 'Harbor',
      uid: 'harbor-overview',
      json: toJsonText(harborDashboardModel(names)),
    },
  };
}

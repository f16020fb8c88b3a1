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
  HarborDatabaseBackupMissing: 'harbor-database-backup-missing',
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

/** What an alert's or panel's query and text are built from. */
interface QueryContext {
  /** The namespace label matcher, `namespace="harbor"`. */
  ns: string;
  spec: HarborPlatformSpec;
  names: PlatformNames;
}

interface AlertDefinition {
  alert: HarborAlertName;
  severity: 'critical' | 'warning';
  expr: (q: QueryContext) => string;
  for?: string;
  summary: string;
  description: string | ((q: QueryContext) => string);
}

/** The alerts, by rule group; their runbook sections are in docs/alerts.md (checked by runbook.test.ts). */
const ALERT_GROUPS: { name: string; alerts: AlertDefinition[] }[] = [
  {
    name: 'harbor.health',
    alerts: [
      {
        alert: 'HarborComponentDown',
        severity: 'critical',
        expr: ({ ns }) => `harbor_up{${ns}} == 0`,
        for: '5m',
        summary: 'Harbor component {{ $labels.component }} is down',
        description:
          'The Harbor exporter reports {{ $labels.component }} as unhealthy for 5 minutes.',
      },
    ],
  },
  {
    name: 'harbor.storage',
    alerts: [
      {
        alert: 'HarborProjectQuotaNearlyFull',
        severity: 'warning',
        // A quota of -1 means unlimited, so only positive quotas count.
        expr: ({ ns }) =>
          `harbor_project_quota_usage_byte{${ns}} / (harbor_project_quota_byte{${ns}} > 0) > 0.9`,
        for: '15m',
        summary:
          'Harbor project {{ $labels.project_name }} uses more than 90% of its quota',
        description:
          'Pushes to the project will fail once the quota is reached.',
      },
      {
        alert: 'HarborTotalStorageHigh',
        severity: 'warning',
        expr: ({ ns, spec }) =>
          `max(harbor_statistics_total_storage_consumption{${ns}}) > ${spec.monitoring.storageAlertBytes}`,
        for: '30m',
        summary: 'Harbor stores more than the configured capacity threshold',
        description: ({ spec }) =>
          `Total storage consumption is above ${spec.monitoring.storageAlertBytes} bytes of the S3 bucket ${spec.s3.bucket}.`,
      },
      {
        alert: 'HarborVolumeNearlyFull',
        severity: 'warning',
        expr: ({ ns }) =>
          `kubelet_volume_stats_available_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}} < 0.15`,
        for: '15m',
        summary:
          'Volume {{ $labels.persistentvolumeclaim }} has less than 15% free space',
        description:
          'A PostgreSQL, Dragonfly, Trivy or jobservice volume is nearly full.',
      },
    ],
  },
  {
    name: 'harbor.replication',
    alerts: [
      {
        alert: 'HarborReplicationFailures',
        severity: 'warning',
        expr: ({ ns }) =>
          `sum(increase(harbor_jobservice_task_total{${ns},type="REPLICATION",status="fail"}[30m])) > 0`,
        summary: 'Harbor replication tasks failed',
        description:
          'At least one replication task failed in the last 30 minutes.',
      },
      {
        alert: 'HarborReplicationBacklog',
        severity: 'warning',
        // Queue metrics come from the single exporter pod: no sum by pod.
        expr: ({ ns }) =>
          `sum(harbor_task_queue_size{${ns},type="REPLICATION"}) > 100`,
        for: '30m',
        summary: 'Harbor replication queue is backing up',
        description:
          'More than 100 replication jobs are waiting for 30 minutes.',
      },
    ],
  },
  {
    name: 'harbor.scanning',
    alerts: [
      {
        alert: 'HarborScanBacklog',
        severity: 'warning',
        expr: ({ ns }) =>
          `sum(harbor_task_queue_size{${ns},type=~"IMAGE_SCAN|SCAN_ALL"}) > 50`,
        for: '30m',
        summary: 'Harbor vulnerability scan queue is backing up',
        description: 'More than 50 scan jobs are waiting for 30 minutes.',
      },
      {
        alert: 'HarborScanQueueStale',
        severity: 'warning',
        expr: ({ ns }) =>
          `max(harbor_task_queue_latency{${ns},type="IMAGE_SCAN"}) > 1800`,
        for: '10m',
        summary: 'Harbor scan jobs wait more than 30 minutes',
        description:
          'The oldest queued scan job has waited for more than 30 minutes; check Trivy and jobservice.',
      },
    ],
  },
  {
    name: 'harbor.auth',
    alerts: [
      {
        alert: 'HarborAuthenticationFailuresHigh',
        severity: 'warning',
        // Docker clients get a 401 challenge on their first /v2/ call, so only the token service
        // and UI login (legacy routes, operation="unknown") count.
        expr: ({ ns }) =>
          `sum(rate(harbor_core_http_request_total{${ns},code="401",operation="unknown"}[5m])) > 1`,
        for: '10m',
        summary: 'Many failed Harbor logins',
        description:
          'More than one failed token or UI login per second for 10 minutes.',
      },
    ],
  },
  {
    name: 'harbor.database',
    alerts: [
      {
        alert: 'HarborDatabaseBackupStale',
        severity: 'critical',
        // The plugin reports 0 until the first backup (and standbys report 0): only a real backup has an age.
        expr: ({ ns }) =>
          `time() - max(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{${ns}} > 0) > 172800`,
        for: '1h',
        summary: 'The Harbor database has no backup newer than two days',
        description: ({ names }) =>
          `The daily ScheduledBackup of ${names.databaseCluster} has not produced a backup for two days.`,
      },
      {
        alert: 'HarborDatabaseBackupFailed',
        severity: 'warning',
        expr: ({ ns }) =>
          `max(barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp{${ns}}) > max(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{${ns}})`,
        for: '10m',
        summary: 'The last Harbor database backup failed',
        description: ({ names }) =>
          `The last backup of ${names.databaseCluster} to the ObjectStore failed.`,
      },
      {
        alert: 'HarborDatabaseBackupMissing',
        severity: 'critical',
        // A day after the plugin first reports the cluster, there must be a first backup (ScheduledBackup is immediate).
        expr: ({ ns }) =>
          `max(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{${ns}}) == 0`,
        for: '1d',
        summary: 'The Harbor database has never been backed up',
        description: ({ names }) =>
          `${names.databaseCluster} has run for a day without a first backup in the ObjectStore.`,
      },
    ],
  },
];

function alertRule(
  definition: AlertDefinition,
  q: QueryContext,
): PrometheusAlertRule {
  const { alert, severity, description } = definition;
  return {
    alert,
    expr: definition.expr(q),
    ...(definition.for ? { for: definition.for } : {}),
    labels: { severity },
    annotations: {
      summary: definition.summary,
      description:
        typeof description === 'function' ? description(q) : description,
      runbook_url: runbookUrl(q.spec.monitoring.runbookBaseUrl, alert),
    },
  };
}

export function renderPrometheusRule(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): PrometheusRule {
  const q: QueryContext = { ns: `namespace="${names.namespace}"`, spec, names };
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
      groups: ALERT_GROUPS.map(group => ({
        name: group.name,
        rules: group.alerts.map(definition => alertRule(definition, q)),
      })),
    },
  };
}

interface PanelDefinition {
  title: string;
  type: 'timeseries' | 'stat';
  gridPos: { x: number; y: number; w: number; h: number };
  targets: { expr: (ns: string) => string; legendFormat?: string }[];
  unit?: string;
}

/** The dashboard's panels, over the same metrics as the alerts (cf. Harbor's contrib metrics-example.json). */
// prettier-ignore
const PANELS: PanelDefinition[] = [
  { title: 'Component health', type: 'stat', gridPos: { x: 0, y: 0, w: 12, h: 6 },
    targets: [{ expr: ns => `harbor_up{${ns}}`, legendFormat: '{{component}}' }] },
  { title: 'Total storage', type: 'stat', gridPos: { x: 12, y: 0, w: 6, h: 6 }, unit: 'bytes',
    targets: [{ expr: ns => `max(harbor_statistics_total_storage_consumption{${ns}})` }] },
  { title: 'Database backup age', type: 'stat', gridPos: { x: 18, y: 0, w: 6, h: 6 }, unit: 's',
    targets: [{ expr: ns => `time() - max(barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{${ns}})` }] },
  { title: 'Project quota usage (top 10)', type: 'timeseries', gridPos: { x: 0, y: 6, w: 12, h: 8 }, unit: 'percentunit',
    targets: [{ expr: ns => `topk(10, harbor_project_quota_usage_byte{${ns}} / (harbor_project_quota_byte{${ns}} > 0))`, legendFormat: '{{project_name}}' }] },
  { title: 'Job queue size', type: 'timeseries', gridPos: { x: 12, y: 6, w: 12, h: 8 },
    targets: [{ expr: ns => `sum by (type) (harbor_task_queue_size{${ns}})`, legendFormat: '{{type}}' }] },
  { title: 'Failed jobs', type: 'timeseries', gridPos: { x: 0, y: 14, w: 12, h: 8 },
    targets: [{ expr: ns => `sum by (type) (increase(harbor_jobservice_task_total{${ns},status="fail"}[1h]))`, legendFormat: '{{type}}' }] },
  { title: 'Core requests by status', type: 'timeseries', gridPos: { x: 12, y: 14, w: 12, h: 8 }, unit: 'reqps',
    targets: [{ expr: ns => `sum by (code) (rate(harbor_core_http_request_total{${ns}}[5m]))`, legendFormat: '{{code}}' }] },
  { title: 'Failed logins', type: 'timeseries', gridPos: { x: 0, y: 22, w: 12, h: 8 }, unit: 'reqps',
    targets: [{ expr: ns => `sum(rate(harbor_core_http_request_total{${ns},code="401",operation="unknown"}[5m]))`, legendFormat: '401' }] },
  { title: 'Registry requests', type: 'timeseries', gridPos: { x: 12, y: 22, w: 12, h: 8 }, unit: 'reqps',
    targets: [{ expr: ns => `sum by (method) (rate(registry_http_requests_total{${ns}}[5m]))`, legendFormat: '{{method}}' }] },
];

const DATASOURCE = { type: 'prometheus', uid: '${datasource}' };

function dashboardPanel(
  definition: PanelDefinition,
  index: number,
  ns: string,
) {
  const { title, type, gridPos, targets, unit = 'short' } = definition;
  return {
    id: index + 1,
    title,
    type,
    gridPos,
    datasource: { ...DATASOURCE },
    fieldConfig: { defaults: { unit }, overrides: [] },
    targets: targets.map(({ expr, ...target }, t) => ({
      refId: String.fromCharCode(65 + t),
      datasource: { ...DATASOURCE },
      expr: expr(ns),
      ...target,
    })),
  };
}

/** A compact dashboard over the same metrics as the alerts. */
export function harborDashboardModel(
  names: PlatformNames,
): Record<string, unknown> {
  const ns = `namespace="${names.namespace}"`;
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
    panels: PANELS.map((definition, index) =>
      dashboardPanel(definition, index, ns),
    ),
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

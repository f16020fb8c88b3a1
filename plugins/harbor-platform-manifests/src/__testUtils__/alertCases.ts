import type { HarborAlertName } from '../monitoring';

/** One input series of a promtool test, in promtool's expanding notation (`0+1x30`, `5x60`). */
export interface InputSeries {
  series: string;
  values: string;
}

/** How one alert is exercised: series that must fire it (with these labels) and series that must not. */
export interface AlertCase {
  /** promtool duration at which both are evaluated. */
  evalTime: string;
  failing: InputSeries[];
  /** The labels the firing alert carries besides `severity` (the expression's output labels). */
  labels: Record<string, string>;
  healthy: InputSeries[];
}

const NS = 'namespace="harbor"';
/** 50 hours at one sample a minute: enough for the two-day backup alert. */
const SAMPLES = 3000;
/** When the backup alerts are evaluated: 180000 s after the series start. */
const BACKUP_EVAL = '50h';
const BACKUP = 'barman_cloud_cloudnative_pg_io_last_available_backup_timestamp';
const FAILED = 'barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp';
const s = (series: string, values: string): InputSeries => ({
  series,
  values,
});
/** A primary that reports `value` and a standby that reports 0, as the plugin does. */
const backupPods = (metric: string, value: number) => [
  s(`${metric}{${NS},pod="harbor-db-1"}`, `${value}x${SAMPLES}`),
  s(`${metric}{${NS},pod="harbor-db-2"}`, `0x${SAMPLES}`),
];

/** Every alert of the PrometheusRule, for the default namespace `harbor`. */
export const ALERT_CASES: Record<HarborAlertName, AlertCase> = {
  HarborComponentDown: {
    evalTime: '10m',
    failing: [
      s(`harbor_up{${NS},component="jobservice"}`, '0x30'),
      s(`harbor_up{${NS},component="core"}`, '1x30'),
    ],
    labels: { namespace: 'harbor', component: 'jobservice' },
    healthy: [s(`harbor_up{${NS},component="jobservice"}`, '1x30')],
  },
  HarborProjectQuotaNearlyFull: {
    evalTime: '30m',
    failing: [
      s(
        `harbor_project_quota_usage_byte{${NS},project_name="team-a"}`,
        '95x40',
      ),
      s(`harbor_project_quota_byte{${NS},project_name="team-a"}`, '100x40'),
    ],
    labels: { namespace: 'harbor', project_name: 'team-a' },
    healthy: [
      s(
        `harbor_project_quota_usage_byte{${NS},project_name="team-a"}`,
        '50x40',
      ),
      s(`harbor_project_quota_byte{${NS},project_name="team-a"}`, '100x40'),
      // -1 is an unlimited quota.
      s(
        `harbor_project_quota_usage_byte{${NS},project_name="team-b"}`,
        '1e12x40',
      ),
      s(`harbor_project_quota_byte{${NS},project_name="team-b"}`, '-1x40'),
    ],
  },
  HarborTotalStorageHigh: {
    evalTime: '45m',
    failing: [
      s(`harbor_statistics_total_storage_consumption{${NS}}`, '5e12x60'),
    ],
    labels: {},
    healthy: [
      s(`harbor_statistics_total_storage_consumption{${NS}}`, '1e12x60'),
    ],
  },
  HarborVolumeNearlyFull: {
    evalTime: '30m',
    failing: [
      s(
        `kubelet_volume_stats_available_bytes{${NS},persistentvolumeclaim="data-harbor-trivy-0"}`,
        '10x40',
      ),
      s(
        `kubelet_volume_stats_capacity_bytes{${NS},persistentvolumeclaim="data-harbor-trivy-0"}`,
        '100x40',
      ),
    ],
    labels: {
      namespace: 'harbor',
      persistentvolumeclaim: 'data-harbor-trivy-0',
    },
    healthy: [
      s(
        `kubelet_volume_stats_available_bytes{${NS},persistentvolumeclaim="data-harbor-trivy-0"}`,
        '60x40',
      ),
      s(
        `kubelet_volume_stats_capacity_bytes{${NS},persistentvolumeclaim="data-harbor-trivy-0"}`,
        '100x40',
      ),
    ],
  },
  HarborReplicationFailures: {
    evalTime: '20m',
    failing: [
      s(
        `harbor_jobservice_task_total{${NS},type="REPLICATION",status="fail"}`,
        '0 0 0 0 0 0 0 0 0 0 1x20',
      ),
    ],
    labels: {},
    healthy: [
      s(
        `harbor_jobservice_task_total{${NS},type="REPLICATION",status="fail"}`,
        '3x30',
      ),
      s(
        `harbor_jobservice_task_total{${NS},type="REPLICATION",status="success"}`,
        '0+5x30',
      ),
      s(
        `harbor_jobservice_task_total{${NS},type="GARBAGE_COLLECTION",status="fail"}`,
        '0+1x30',
      ),
    ],
  },
  HarborReplicationBacklog: {
    evalTime: '45m',
    failing: [s(`harbor_task_queue_size{${NS},type="REPLICATION"}`, '150x60')],
    labels: {},
    healthy: [
      s(`harbor_task_queue_size{${NS},type="REPLICATION"}`, '20x60'),
      s(`harbor_task_queue_size{${NS},type="IMAGE_SCAN"}`, '500x60'),
    ],
  },
  HarborScanBacklog: {
    evalTime: '45m',
    failing: [
      s(`harbor_task_queue_size{${NS},type="IMAGE_SCAN"}`, '30x60'),
      s(`harbor_task_queue_size{${NS},type="SCAN_ALL"}`, '30x60'),
    ],
    labels: {},
    healthy: [
      s(`harbor_task_queue_size{${NS},type="IMAGE_SCAN"}`, '10x60'),
      s(`harbor_task_queue_size{${NS},type="REPLICATION"}`, '500x60'),
    ],
  },
  HarborScanQueueStale: {
    evalTime: '20m',
    failing: [
      s(`harbor_task_queue_latency{${NS},type="IMAGE_SCAN"}`, '3600x30'),
    ],
    labels: {},
    healthy: [
      s(`harbor_task_queue_latency{${NS},type="IMAGE_SCAN"}`, '60x30'),
      s(`harbor_task_queue_latency{${NS},type="REPLICATION"}`, '7200x30'),
    ],
  },
  HarborAuthenticationFailuresHigh: {
    evalTime: '20m',
    // 2 failed logins a second.
    failing: [
      s(
        `harbor_core_http_request_total{${NS},code="401",operation="unknown",method="GET"}`,
        '0+120x30',
      ),
    ],
    labels: {},
    healthy: [
      s(
        `harbor_core_http_request_total{${NS},code="401",operation="unknown",method="GET"}`,
        '0+10x30',
      ),
      // Docker's first /v2/ challenge is a 401 on a named operation: not a failed login.
      s(
        `harbor_core_http_request_total{${NS},code="401",operation="GetCatalog",method="GET"}`,
        '0+600x30',
      ),
    ],
  },
  HarborDatabaseBackupStale: {
    evalTime: BACKUP_EVAL,
    // A backup at 1000 s, none since: 179000 s (more than two days) old at evaluation.
    failing: backupPods(BACKUP, 1000),
    labels: {},
    // A backup 10000 s before the evaluation.
    healthy: backupPods(BACKUP, 170000),
  },
  HarborDatabaseBackupFailed: {
    evalTime: BACKUP_EVAL,
    failing: [...backupPods(BACKUP, 150000), ...backupPods(FAILED, 170000)],
    labels: {},
    healthy: [...backupPods(BACKUP, 170000), ...backupPods(FAILED, 150000)],
  },
  HarborDatabaseBackupMissing: {
    evalTime: BACKUP_EVAL,
    failing: backupPods(BACKUP, 0),
    labels: {},
    healthy: backupPods(BACKUP, 170000),
  },
};

/** A healthy platform: every metric the rules read, at a normal value. No alert may fire on it. */
export const HEALTHY_PLATFORM: InputSeries[] = [
  ...['core', 'jobservice', 'registry', 'trivy', 'database', 'redis'].map(
    component => s(`harbor_up{${NS},component="${component}"}`, `1x${SAMPLES}`),
  ),
  s(
    `harbor_project_quota_usage_byte{${NS},project_name="team-a"}`,
    `50x${SAMPLES}`,
  ),
  s(`harbor_project_quota_byte{${NS},project_name="team-a"}`, `100x${SAMPLES}`),
  s(`harbor_statistics_total_storage_consumption{${NS}}`, `1e12x${SAMPLES}`),
  s(
    `kubelet_volume_stats_available_bytes{${NS},persistentvolumeclaim="harbor-db-1"}`,
    `60x${SAMPLES}`,
  ),
  s(
    `kubelet_volume_stats_capacity_bytes{${NS},persistentvolumeclaim="harbor-db-1"}`,
    `100x${SAMPLES}`,
  ),
  s(
    `harbor_jobservice_task_total{${NS},type="REPLICATION",status="fail"}`,
    `3x${SAMPLES}`,
  ),
  s(
    `harbor_jobservice_task_total{${NS},type="REPLICATION",status="success"}`,
    `0+5x${SAMPLES}`,
  ),
  s(`harbor_task_queue_size{${NS},type="REPLICATION"}`, `5x${SAMPLES}`),
  s(`harbor_task_queue_size{${NS},type="IMAGE_SCAN"}`, `5x${SAMPLES}`),
  s(`harbor_task_queue_latency{${NS},type="IMAGE_SCAN"}`, `30x${SAMPLES}`),
  s(
    `harbor_core_http_request_total{${NS},code="401",operation="unknown",method="GET"}`,
    `0+5x${SAMPLES}`,
  ),
  s(
    `harbor_core_http_request_total{${NS},code="200",operation="unknown",method="GET"}`,
    `0+600x${SAMPLES}`,
  ),
  // A backup every day, at 0, 86400 and 172800 s.
  s(`${BACKUP}{${NS},pod="harbor-db-1"}`, `1x1439 86400x1439 172800x120`),
  s(`${FAILED}{${NS},pod="harbor-db-1"}`, `0x${SAMPLES}`),
];

/** Before the first backup: no backup alert but HarborDatabaseBackupMissing, and that one only after a day. */
export const BEFORE_FIRST_BACKUP = {
  series: [...backupPods(BACKUP, 0), ...backupPods(FAILED, 0)],
  quiet: [
    'HarborDatabaseBackupStale',
    'HarborDatabaseBackupFailed',
  ] as HarborAlertName[],
};

import { findObject, fullSpec, minimalSpec } from './__testUtils__/fixtures';
import {
  HARBOR_ALERT_RUNBOOK_ANCHORS,
  HARBOR_METRIC_NAMES,
  harborDashboardModel,
  PrometheusRule,
  runbookUrl,
} from './monitoring';
import { platformNames } from './names';
import { renderHarborPlatform } from './render';
import { parseHarborPlatformSpec } from './spec';

/** Names the reference lists as often seen in blogs but absent from Harbor (platform-manifests §7). */
const NON_EXISTENT_METRICS = [
  'harbor_project_quota_hard_byte',
  'harbor_artifact_vulnerabilities',
  'trivy_scan_queue_length',
  'harbor_scan_requests_total',
];

/** Metric names in a PromQL expression: every selector here carries a namespace matcher, so `name{`. */
function metricNames(expr: string): string[] {
  const names = [...expr.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map(
    match => match[1],
  );
  expect(names.length).toBeGreaterThan(0);
  return names;
}

describe('PrometheusRule', () => {
  const rule = findObject<PrometheusRule>(
    renderHarborPlatform(fullSpec),
    'PrometheusRule',
  );
  const rules = rule.spec.groups.flatMap(group => group.rules);

  it('links every alert to a runbook anchor from the exported map', () => {
    const anchors = new Set<string>(
      Object.values(HARBOR_ALERT_RUNBOOK_ANCHORS),
    );
    for (const alert of rules) {
      const url = new URL(alert.annotations.runbook_url);
      expect(url.pathname).toBe('/docs/default/component/harbor/alerts/');
      expect(anchors.has(url.hash.slice(1))).toBe(true);
      expect(url.hash.slice(1)).toBe(HARBOR_ALERT_RUNBOOK_ANCHORS[alert.alert]);
    }
  });

  it('has exactly one alert per anchor, with stable slug anchors', () => {
    expect(rules.map(r => r.alert).sort()).toEqual(
      Object.keys(HARBOR_ALERT_RUNBOOK_ANCHORS).sort(),
    );
    for (const anchor of Object.values(HARBOR_ALERT_RUNBOOK_ANCHORS)) {
      expect(anchor).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('covers storage capacity, replication failures, scan backlog and authentication failures', () => {
    const byName = Object.fromEntries(rules.map(r => [r.alert, r.expr]));
    expect(byName.HarborTotalStorageHigh).toContain(
      'harbor_statistics_total_storage_consumption',
    );
    expect(byName.HarborReplicationFailures).toContain(
      'type="REPLICATION",status="fail"',
    );
    expect(byName.HarborScanBacklog).toContain('harbor_task_queue_size');
    expect(byName.HarborAuthenticationFailuresHigh).toContain(
      'code="401",operation="unknown"',
    );
  });

  it('uses only metric names that Harbor, kubelet and the Barman Cloud plugin export', () => {
    const known = new Set<string>(HARBOR_METRIC_NAMES);
    for (const alert of rules) {
      for (const name of metricNames(alert.expr)) {
        expect(`${alert.alert}: ${name}`).toBe(
          `${alert.alert}: ${known.has(name) ? name : '(unknown)'}`,
        );
      }
      for (const fake of NON_EXISTENT_METRICS) {
        expect(alert.expr).not.toContain(fake);
      }
    }
  });

  it('is selected by the Prometheus release label and scoped to the namespace', () => {
    expect(rule.metadata.labels).toMatchObject({
      release: 'kube-prometheus-stack',
    });
    for (const alert of rules) {
      expect(alert.expr).toContain('namespace="registry-system"');
    }
  });

  it('builds runbook URLs without a double slash', () => {
    expect(
      runbookUrl('https://docs.example.com/harbor/', 'HarborScanBacklog'),
    ).toBe('https://docs.example.com/harbor/alerts/#harbor-scan-backlog');
  });
});

describe('Grafana dashboard', () => {
  it('embeds a parseable dashboard that queries only known metrics', () => {
    const dashboard = findObject(
      renderHarborPlatform({
        ...minimalSpec,
        monitoring: { ...minimalSpec.monitoring!, dashboards: 'operator' },
      }),
      'GrafanaDashboard',
    ) as any;
    expect(dashboard.spec.instanceSelector).toEqual({
      matchLabels: { dashboards: 'grafana' },
    });
    const model = JSON.parse(dashboard.spec.json);
    expect(model.uid).toBe(dashboard.spec.uid);
    const known = new Set<string>(HARBOR_METRIC_NAMES);
    const exprs: string[] = model.panels.flatMap((p: any) =>
      p.targets.map((t: any) => t.expr),
    );
    expect(exprs.length).toBeGreaterThan(5);
    for (const expr of exprs) {
      for (const name of metricNames(expr)) {
        expect(known.has(name)).toBe(true);
      }
    }
  });

  it('gives every panel a unique id', () => {
    const model = harborDashboardModel(
      platformNames(parseHarborPlatformSpec(minimalSpec)),
    ) as any;
    const ids = model.panels.map((p: any) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

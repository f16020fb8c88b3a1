import { allObjects, findObject, minimalSpec } from './__testUtils__/fixtures';
import { DASHBOARD_FILE } from './dashboards';
import { FluxKustomization } from './flux';
import { renderHarborPlatform } from './render';
import type { HarborPlatformSpecInput } from './spec';
import { validateManifest } from './validate';

const withDashboards = (
  dashboards: 'sidecar' | 'operator' | 'none',
  extra: Record<string, unknown> = {},
): HarborPlatformSpecInput => ({
  ...minimalSpec,
  monitoring: { ...minimalSpec.monitoring!, dashboards, ...extra },
});

describe('dashboards layer', () => {
  it('renders a ConfigMap for the Grafana sidecar by default, with its label and the dashboard JSON', () => {
    const files = renderHarborPlatform(minimalSpec);
    const configMap = findObject<any>(files, 'ConfigMap', 'harbor-dashboard');
    expect(validateManifest(configMap)).toEqual([]);
    expect(configMap.metadata.namespace).toBe('harbor');
    expect(configMap.metadata.labels.grafana_dashboard).toBe('1');
    expect(configMap.metadata.annotations).toEqual({
      grafana_folder: 'Harbor',
    });
    expect(JSON.parse(configMap.data[DASHBOARD_FILE]).uid).toBe(
      'harbor-overview',
    );
    expect(allObjects(files).some(o => o.kind === 'GrafanaDashboard')).toBe(
      false,
    );
  });

  it('puts the sidecar ConfigMap where the sidecar searches, with its labels', () => {
    const configMap = findObject<any>(
      renderHarborPlatform(
        withDashboards('sidecar', {
          dashboardNamespace: 'monitoring',
          dashboardSidecarLabels: { grafana_dashboard: 'harbor' },
        }),
      ),
      'ConfigMap',
      'harbor-dashboard',
    );
    expect(configMap.metadata.namespace).toBe('monitoring');
    expect(configMap.metadata.labels.grafana_dashboard).toBe('harbor');
  });

  it('renders a GrafanaDashboard for grafana-operator, in its own layer', () => {
    const files = renderHarborPlatform(withDashboards('operator'));
    const dashboard = findObject(files, 'GrafanaDashboard');
    expect(validateManifest(dashboard)).toEqual([]);
    const file = files.find(f => f.objects.includes(dashboard))!;
    expect(file.path).toBe('platform/harbor/dashboards/grafana-dashboard.yaml');
    expect(file.objects).toHaveLength(1);
  });

  it('renders neither the dashboard nor its layer with dashboards: none', () => {
    const files = renderHarborPlatform(withDashboards('none'));
    const kinds = allObjects(files).map(o => `${o.kind}/${o.metadata.name}`);
    expect(kinds).not.toContain('GrafanaDashboard/harbor');
    expect(kinds).not.toContain('ConfigMap/harbor-dashboard');
    expect(files.some(f => f.path.includes('/dashboards/'))).toBe(false);
    const kustomizations = allObjects(files).filter(
      o => o.kind === 'Kustomization',
    ) as FluxKustomization[];
    expect(kustomizations.map(k => k.metadata.name)).not.toContain(
      'harbor-dashboards',
    );
  });

  it('keeps the alert rules out of the layers that need Harbor or grafana-operator', () => {
    const files = renderHarborPlatform(withDashboards('operator'));
    const monitoringFiles = files.filter(f =>
      f.path.startsWith('platform/harbor/monitoring/'),
    );
    expect(
      monitoringFiles.flatMap(f => f.objects.map(o => o.kind)).sort(),
    ).toEqual(['PodMonitor', 'PrometheusRule']);
    const monitoring = findObject<FluxKustomization>(
      files,
      'Kustomization',
      'harbor-monitoring',
    );
    expect(monitoring.spec.dependsOn).toEqual([{ name: 'harbor-namespace' }]);
  });

  it.each(['sidecar', 'operator'] as const)(
    'renders every object once, in one layer (%s)',
    dashboards => {
      const keys = allObjects(
        renderHarborPlatform(withDashboards(dashboards)),
      ).map(o => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    },
  );
});

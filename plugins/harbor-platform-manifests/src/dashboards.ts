import { harborDashboardModel, renderGrafanaDashboard } from './monitoring';
import { commonLabels, PlatformNames } from './names';
import { toJsonText } from './serialize';
import type { HarborPlatformSpec } from './spec';
import type { KubernetesObject } from './types';

export interface DashboardConfigMap extends KubernetesObject {
  data: Record<string, string>;
}

/** The dashboard's file name in the ConfigMap; the sidecar writes it under this name. */
export const DASHBOARD_FILE = 'harbor-overview.json';

/**
 * Grafana's dashboard sidecar (kube-prometheus-stack, the grafana chart) loads every ConfigMap with its label,
 * in the namespaces it searches; `grafana_folder` is the folder annotation those charts document.
 */
export function renderDashboardConfigMap(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): DashboardConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'harbor-dashboard',
      namespace: spec.monitoring.dashboardNamespace ?? names.namespace,
      labels: {
        ...commonLabels('monitoring'),
        ...spec.monitoring.dashboardSidecarLabels,
      },
      annotations: { grafana_folder: 'Harbor' },
    },
    data: { [DASHBOARD_FILE]: toJsonText(harborDashboardModel(names)) },
  };
}

/** The dashboards layer: a sidecar ConfigMap, a grafana-operator GrafanaDashboard, or nothing. */
export function renderDashboards(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): KubernetesObject[] {
  switch (spec.monitoring.dashboards) {
    case 'sidecar':
      return [renderDashboardConfigMap(spec, names)];
    case 'operator':
      return [renderGrafanaDashboard(spec, names)];
    default:
      return [];
  }
}

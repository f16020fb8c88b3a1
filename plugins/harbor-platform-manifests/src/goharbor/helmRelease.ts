import { commonLabels, PlatformNames } from '../names';
import type { HarborPlatformSpec } from '../spec';
import type { KubernetesObject } from '../types';
import { GoharborChartValues, renderGoharborValues } from './values';

/**
 * The HelmRelease of the official chart. It uses only fields every helm-controller serving
 * `helm.toolkit.fluxcd.io/v2` knows (Flux 2.3 and later): `chartRef`, `install/upgrade.remediation`. No
 * `valuesFrom` at all, since every credential reaches the chart through its `existingSecret*` hooks, so neither
 * `valuesFrom[].literal` (helm-controller v1.6) nor `RetryOnFailure` (v1.4) is needed.
 */
export interface GoharborHelmRelease extends KubernetesObject {
  spec: {
    interval: string;
    timeout: string;
    releaseName: string;
    chartRef: { kind: 'OCIRepository'; name: string };
    driftDetection: { mode: 'enabled' };
    install: { remediation: { retries: number } };
    upgrade: {
      remediation: { retries: number; remediateLastFailure: boolean };
    };
    values: GoharborChartValues;
  };
}

export function renderGoharborHelmRelease(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): GoharborHelmRelease {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: {
      name: names.helmRelease,
      namespace: names.namespace,
      labels: commonLabels('harbor'),
    },
    spec: {
      interval: spec.flux.interval,
      timeout: '15m',
      releaseName: names.helmRelease,
      // OCIRepository + chartRef: HelmRepository type oci is in maintenance mode (Flux docs).
      chartRef: { kind: 'OCIRepository', name: names.chartSource },
      driftDetection: { mode: 'enabled' },
      // A failed first install holds no data yet: uninstall and try again.
      install: { remediation: { retries: 3 } },
      // Never roll back an upgrade: Harbor migrates its schema on start and a Helm rollback is no database
      // rollback. A failed upgrade stays failed until fixed (runbook: chart-updates).
      upgrade: { remediation: { retries: 0, remediateLastFailure: false } },
      values: renderGoharborValues(spec, names),
    },
  };
}

import { helmReleaseActions } from '../fluxVersions';
import { commonLabels, PlatformNames } from '../names';
import type { HarborPlatformSpec } from '../spec';
import type { KubernetesObject } from '../types';
import { GoharborChartValues, renderGoharborValues } from './values';

/**
 * The HelmRelease of the official chart. It uses only fields every helm-controller serving
 * `helm.toolkit.fluxcd.io/v2` of the supported Flux range knows (`RetryOnFailure` only when
 * `flux.minimumVersion` is 2.7 or later). No `valuesFrom` at all: every credential reaches the chart through its
 * `existingSecret*` hooks, so neither `valuesFrom[].literal` (helm-controller v1.6) nor a values file is needed.
 */
export interface GoharborHelmRelease extends KubernetesObject {
  spec: {
    interval: string;
    timeout: string;
    releaseName: string;
    chartRef: { kind: 'OCIRepository'; name: string };
    driftDetection: { mode: 'enabled' };
    /** Per `flux.minimumVersion` (fluxVersions.ts): `RetryOnFailure` from Flux 2.7, else remediation. */
    install: Record<string, unknown>;
    upgrade: Record<string, unknown>;
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
      // Never a rollback: Harbor migrates its schema on start and a Helm rollback is no database rollback.
      ...helmReleaseActions(spec),
      values: renderGoharborValues(spec, names),
    },
  };
}

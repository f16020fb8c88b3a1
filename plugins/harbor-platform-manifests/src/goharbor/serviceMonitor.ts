import { commonLabels, PlatformNames } from '../names';
import type { HarborPlatformSpec } from '../spec';
import type { KubernetesObject } from '../types';

export interface ServiceMonitor extends KubernetesObject {
  spec: {
    jobLabel: string;
    selector: { matchLabels: Record<string, string> };
    endpoints: { port: string; path: string; honorLabels: boolean }[];
  };
}

/**
 * Our own ServiceMonitor for the Services of core, registry, jobservice and exporter (port `http-metrics`).
 * The chart's (`metrics.serviceMonitor`) cannot carry the usual Prometheus selector label: its template writes
 * `release: <release name>` and then `additionalLabels`, so `release: kube-prometheus-stack` is a duplicate
 * key and the rendered manifest does not parse.
 */
export function renderGoharborServiceMonitor(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): ServiceMonitor {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: `${names.helmRelease}-metrics`,
      namespace: names.namespace,
      labels: {
        ...commonLabels('harbor'),
        ...spec.monitoring.prometheusLabels,
      },
    },
    spec: {
      // The same as the chart's: the job is the component (`app.kubernetes.io/name` is `harbor` on all).
      jobLabel: 'app.kubernetes.io/name',
      // The chart's `harbor.matchLabels`, on every Service it renders.
      selector: {
        matchLabels: { release: names.helmRelease, app: 'harbor' },
      },
      endpoints: [
        { port: 'http-metrics', path: '/metrics', honorLabels: true },
      ],
    },
  };
}

import { renderGoharborHelmRelease } from './goharbor/helmRelease';
import { renderGoharborServiceMonitor } from './goharbor/serviceMonitor';
import {
  goharborCredentialMappings,
  renderGoharborExternalSecrets,
} from './goharbor/secrets';
import { jobLoggerFor, renderHelmRelease } from './harborRelease';
import type { PlatformNames } from './names';
import {
  credentialMappings,
  CredentialMapping,
  ExternalSecret,
  renderPlatformExternalSecrets,
} from './secrets';
import { isExactChartVersion, type HarborPlatformSpec } from './spec';
import type { KubernetesObject } from './types';

/**
 * The parts of the output that depend on the Harbor chart (`spec.chart.flavor`): the HelmRelease and the
 * Secrets its values point at. Everything else (database, Dragonfly, monitoring, Flux layers) is shared.
 */
export function chartCredentialMappings(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): CredentialMapping[] {
  return spec.chart.flavor === 'goharbor'
    ? goharborCredentialMappings(names)
    : credentialMappings(names);
}

export function renderChartExternalSecrets(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): ExternalSecret[] {
  return spec.chart.flavor === 'goharbor'
    ? renderGoharborExternalSecrets(spec, names)
    : renderPlatformExternalSecrets(spec, names);
}

export function renderChartHelmRelease(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): KubernetesObject {
  return spec.chart.flavor === 'goharbor'
    ? renderGoharborHelmRelease(spec, names)
    : renderHelmRelease(spec, names);
}

/** Objects beside the HelmRelease in the app layer: the official chart's ServiceMonitor is ours. */
export function renderChartCompanions(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): KubernetesObject[] {
  return spec.chart.flavor === 'goharbor'
    ? [renderGoharborServiceMonitor(spec, names)]
    : [];
}

/** The generated README's notes on the chart: where updates come from, and where job logs go. */
export function chartCaveats(spec: HarborPlatformSpec): string {
  if (spec.chart.flavor === 'goharbor') {
    const version = isExactChartVersion(spec.chart.version)
      ? `is pinned to \`${spec.chart.version}\`: no patch rolls in until a range is set again`
      : `follows \`${spec.chart.version}\`: Flux installs each patch release (Harbor patches) by itself; set an exact version to hold one back`;
    return `- **Chart**: the official Harbor chart (\`${spec.chart.url}\`) ${version}.
- **Jobservice** logs jobs to the database (no volume, any replica count).`;
  }
  return `- **Images** come from \`${spec.images.registry}/${
    spec.images.repositoryPrefix
  }\`. Bitnami moved versioned tags
  there in Aug 2025 and no longer updates them: this chart receives no Harbor patches; move to the official chart.
- **Jobservice** logs to \`${jobLoggerFor(spec.replicas.jobservice)}\` (${
    spec.replicas.jobservice
  } replicas; \`file\` needs a single RWO volume).`;
}

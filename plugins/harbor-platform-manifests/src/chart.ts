import { renderGoharborHelmRelease } from './goharbor/helmRelease';
import { renderGoharborServiceMonitor } from './goharbor/serviceMonitor';
import {
  goharborCredentialMappings,
  renderGoharborExternalSecrets,
} from './goharbor/secrets';
import { renderHelmRelease } from './harborRelease';
import type { PlatformNames } from './names';
import {
  credentialMappings,
  CredentialMapping,
  ExternalSecret,
  renderPlatformExternalSecrets,
} from './secrets';
import type { HarborPlatformSpec } from './spec';
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

import { renderDashboards } from './dashboards';
import { renderDatabase, renderDatabasePodMonitor } from './database';
import { renderDragonfly } from './dragonfly';
import { layerPath, renderFluxKustomizations } from './flux';
import {
  renderChartCompanions,
  renderChartExternalSecrets,
  renderChartHelmRelease,
} from './chart';
import { renderChartSource } from './harborRelease';
import { renderPrometheusRule } from './monitoring';
import { platformNames, type PlatformNames } from './names';
import { renderReadme } from './readme';
import { renderNamespace } from './secrets';
import { markdownFile, yamlFile } from './serialize';
import {
  HarborPlatformSpec,
  HarborPlatformSpecInput,
  parseHarborPlatformSpec,
} from './spec';
import type { RenderedFile } from './types';

/** The chart's companions in the app layer (the official chart's ServiceMonitor); none for Bitnami. */
function companionFiles(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): RenderedFile[] {
  const objects = renderChartCompanions(spec, names);
  return objects.length
    ? [yamlFile(`${layerPath(spec, 'app')}/service-monitor.yaml`, objects)]
    : [];
}

/**
 * Renders the Flux repository files for Harbor on CloudNativePG, Dragonfly and Ceph S3, with secrets from
 * 1Password. Pure: no I/O, same input → same files.
 * @throws InputError naming each invalid field of the spec.
 * @public
 */
export function renderHarborPlatform(
  input: HarborPlatformSpecInput,
): RenderedFile[] {
  const spec = parseHarborPlatformSpec(input);
  const names = platformNames(spec);
  const base = spec.flux.basePath;
  return [
    markdownFile(`${base}/README.md`, renderReadme(spec, names)),
    yamlFile(
      `${base}/flux/kustomizations.yaml`,
      renderFluxKustomizations(spec, names),
    ),
    yamlFile(`${layerPath(spec, 'namespace')}/namespace.yaml`, [
      renderNamespace(names),
    ]),
    yamlFile(
      `${layerPath(spec, 'secrets')}/external-secrets.yaml`,
      renderChartExternalSecrets(spec, names),
    ),
    yamlFile(
      `${layerPath(spec, 'database')}/database.yaml`,
      renderDatabase(spec, names),
    ),
    yamlFile(`${layerPath(spec, 'dragonfly')}/dragonfly.yaml`, [
      renderDragonfly(spec, names),
    ]),
    yamlFile(`${layerPath(spec, 'app')}/oci-repository.yaml`, [
      renderChartSource(spec, names),
    ]),
    yamlFile(`${layerPath(spec, 'app')}/helm-release.yaml`, [
      renderChartHelmRelease(spec, names),
    ]),
    ...companionFiles(spec, names),
    yamlFile(`${layerPath(spec, 'monitoring')}/prometheus-rule.yaml`, [
      renderPrometheusRule(spec, names),
    ]),
    // Scraped by the monitoring layer, so a cluster without prometheus-operator still gets its database.
    yamlFile(`${layerPath(spec, 'monitoring')}/database-pod-monitor.yaml`, [
      renderDatabasePodMonitor(spec, names),
    ]),
    ...(spec.monitoring.dashboards === 'none'
      ? []
      : [
          yamlFile(
            `${layerPath(spec, 'dashboards')}/grafana-dashboard.yaml`,
            renderDashboards(spec, names),
          ),
        ]),
    // Keeps the teams folder in Git before the first robot delivery, so its Kustomization finds the path.
    markdownFile(
      `${layerPath(spec, 'teams')}/README.md`,
      '# Robot pull-secret deliveries\n\nOne folder per robot account, written by `renderTeamRobotDelivery`.\n',
    ),
  ];
}

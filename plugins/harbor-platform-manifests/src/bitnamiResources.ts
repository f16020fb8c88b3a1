import { componentResources, ResourceComponent } from './resources';
import type { HarborPlatformSpec } from './spec';
import type { ResourceRequirements } from './types';

/**
 * Bitnami chart 27.0.4: values path of each container's `resources` (setting it makes the chart ignore its
 * `resourcesPreset`). No nginx: with `exposureType: ingress` the chart renders none.
 */
export const BITNAMI_RESOURCE_PATHS: Partial<
  Record<ResourceComponent, string>
> = {
  core: 'core.resources',
  jobservice: 'jobservice.resources',
  registry: 'registry.server.resources',
  registryController: 'registry.controller.resources',
  portal: 'portal.resources',
  trivy: 'trivy.resources',
  exporter: 'exporter.resources',
};

/**
 * The `certificate-volume` init container every Bitnami Harbor pod runs (`cp` of the CA bundle). Its preset
 * (`nano`: 100m / 128Mi) is larger than the portal and exporter containers and would decide those pods' requests.
 */
export const BITNAMI_CERTIFICATE_INIT: ResourceRequirements = {
  requests: { cpu: '10m', memory: '16Mi' },
  limits: { cpu: '100m', memory: '32Mi' },
};

/** `[values path, resources]` pairs for the HelmRelease values. */
export function bitnamiResourceValues(
  spec: HarborPlatformSpec,
): [string, ResourceRequirements][] {
  return [
    ...Object.entries(BITNAMI_RESOURCE_PATHS).map(
      ([component, path]): [string, ResourceRequirements] => [
        path,
        componentResources(spec, component as ResourceComponent),
      ],
    ),
    ['certificateVolume.resources', BITNAMI_CERTIFICATE_INIT],
  ];
}

import { componentResources, ResourceComponent } from '../resources';
import type { HarborPlatformSpec } from '../spec';
import { trivySettings } from '../trivy';
import type { ResourceRequirements } from '../types';

/**
 * Official chart 1.19.1: values path of each container's `resources` (values.yaml documents them as comments;
 * the templates read them with `if .Values.<path>`). No nginx: with `expose.type: ingress` the chart renders
 * none. No init containers run by default.
 */
export const GOHARBOR_RESOURCE_PATHS: Partial<
  Record<ResourceComponent, string>
> = {
  core: 'core.resources',
  jobservice: 'jobservice.resources',
  registry: 'registry.registry.resources',
  registryController: 'registry.controller.resources',
  portal: 'portal.resources',
  trivy: 'trivy.resources',
  exporter: 'exporter.resources',
};

/** `[values path, resources]` pairs for the HelmRelease values. */
export function goharborResourceValues(
  spec: HarborPlatformSpec,
): [string, ResourceRequirements][] {
  return Object.entries(GOHARBOR_RESOURCE_PATHS).map(
    ([component, path]): [string, ResourceRequirements] => [
      path,
      componentResources(spec, component as ResourceComponent),
    ],
  );
}

/**
 * Trivy's databases. The chart joins `dbRepository` and `javaDBRepository` lists itself; empty lists keep its
 * defaults (mirror.gcr.io, then ghcr.io).
 */
export function goharborTrivyValues(
  spec: HarborPlatformSpec,
): Record<string, unknown> {
  const t = trivySettings(spec);
  return {
    skipUpdate: t.skipUpdate,
    skipJavaDBUpdate: t.skipUpdate,
    offlineScan: t.offlineScan,
    ...(t.dbRepositories.length ? { dbRepository: t.dbRepositories } : {}),
    ...(t.javaDbRepositories.length
      ? { javaDBRepository: t.javaDbRepositories }
      : {}),
  };
}

/** Sets `value` at a dotted path, creating the objects on the way. */
export function setValuePath(
  target: Record<string, unknown>,
  dottedPath: string,
  value: unknown,
): void {
  const keys = dottedPath.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

import { CUSTOM_RESOURCES } from './customResources';
import type { NameRule } from './validation/names';

/**
 * One REST resource the simulator serves, in the words of API discovery (APIResource).
 *
 * @public
 */
export interface ResourceType {
  /** API group; '' for the core group. */
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  /** Whether `/status` is a subresource: then the main resource ignores status changes and vice versa. */
  statusSubresource: boolean;
  /** Whether metadata.generation is kept (kinds with a spec). */
  generation: boolean;
  /** How metadata.name is validated. */
  nameRule: NameRule;
  /** For custom resources: the CRD schema file under `schemas/`, `<group>/<kind>_<version>.json`. */
  schemaFile?: string;
  shortNames?: string[];
}

const BUILT_IN_RESOURCES: ResourceType[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    namespaced: false,
    statusSubresource: true,
    generation: false,
    nameRule: 'dns1123-label',
    shortNames: ['ns'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Secret',
    plural: 'secrets',
    singular: 'secret',
    namespaced: true,
    statusSubresource: false,
    generation: false,
    nameRule: 'dns1123-subdomain',
  },
  {
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    singular: 'configmap',
    namespaced: true,
    statusSubresource: false,
    generation: false,
    nameRule: 'dns1123-subdomain',
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    namespaced: true,
    statusSubresource: true,
    generation: true,
    nameRule: 'dns1123-subdomain',
    shortNames: ['po'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    namespaced: true,
    statusSubresource: false,
    generation: false,
    nameRule: 'dns1123-subdomain',
    shortNames: ['sa'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    namespaced: true,
    statusSubresource: true,
    generation: true,
    nameRule: 'dns1123-subdomain',
    shortNames: ['deploy'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    singular: 'statefulset',
    namespaced: true,
    statusSubresource: true,
    generation: true,
    nameRule: 'dns1123-subdomain',
    shortNames: ['sts'],
  },
];

export const RESOURCES: readonly ResourceType[] = [
  ...BUILT_IN_RESOURCES,
  ...CUSTOM_RESOURCES,
];

export function apiVersionOf(r: { group: string; version: string }): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

export function isCustomResource(r: ResourceType): boolean {
  return r.schemaFile !== undefined;
}

export function findResourceByPath(
  group: string,
  version: string,
  plural: string,
): ResourceType | undefined {
  return RESOURCES.find(
    r => r.group === group && r.version === version && r.plural === plural,
  );
}

export function findResourceByKind(
  apiVersion: string,
  kind: string,
): ResourceType | undefined {
  return RESOURCES.find(r => apiVersionOf(r) === apiVersion && r.kind === kind);
}

/** Group versions in discovery order: the core `v1` first, then `/apis` groups. */
export function groupVersions(): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const r of RESOURCES) {
    seen.set(apiVersionOf(r), { group: r.group, version: r.version });
  }
  return [...seen.values()];
}

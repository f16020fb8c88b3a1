import {
  CUSTOM_RESOURCE_DEFINITIONS,
  crdSchemaFile,
  CustomResourceDefinition,
} from '@backstage-harbor/harbor-platform-manifests';
import type { ResourceType } from './resources';

/** The custom resources served: one per CRD schema of the platform-manifests library (its schemas/crds). */
export const CUSTOM_RESOURCES: ResourceType[] = CUSTOM_RESOURCE_DEFINITIONS.map(
  (d: CustomResourceDefinition) => ({
    group: d.group,
    version: d.version,
    kind: d.kind,
    plural: d.plural,
    singular: d.kind.toLowerCase(),
    namespaced: d.namespaced,
    statusSubresource: d.status !== false,
    // Custom resources always carry metadata.generation (apiextensions-apiserver's strategy).
    generation: true,
    nameRule: 'dns1123-subdomain',
    schemaFile: crdSchemaFile(d),
    shortNames: d.shortNames ? [...d.shortNames] : undefined,
  }),
);

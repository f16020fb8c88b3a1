import { ConfigMap, Namespace, Secret } from 'kubernetes-models/v1';
import { CrdSchemaValidators, crdSchemaFile } from './crdSchemas';
import {
  apiVersionOf,
  customResource,
  CustomResourceKind,
} from './customResources';

/**
 * The custom resources this package may emit, each checked against its CRD schema (schemas/crds, see
 * schemas/SOURCE.md). Anything else is rejected, which also keeps unserved versions (ESO v1beta1,
 * HelmRelease v2beta*) out.
 */
const RENDERED_CUSTOM_RESOURCES: readonly CustomResourceKind[] = [
  'Cluster',
  'ScheduledBackup',
  'ObjectStore',
  'Dragonfly',
  'HelmRelease',
  'OCIRepository',
  'Kustomization',
  'ExternalSecret',
  'PushSecret',
  'PodMonitor',
  'ServiceMonitor',
  'PrometheusRule',
  'GrafanaDashboard',
];

/** Schema file by `apiVersion/kind`. */
const CRD_SCHEMAS: Record<string, string> = Object.fromEntries(
  RENDERED_CUSTOM_RESOURCES.map(kind => [
    `${apiVersionOf(kind)}/${kind}`,
    crdSchemaFile(customResource(kind)),
  ]),
);

/** Built-in kinds, checked with the kubernetes-models classes. */
const BUILT_IN_VALIDATORS: Record<string, (object: unknown) => void> = {
  'v1/Namespace': object => new Namespace(object as any).validate(),
  'v1/Secret': object => new Secret(object as any).validate(),
  'v1/ConfigMap': object => new ConfigMap(object as any).validate(),
};

/** Every `apiVersion/kind` the validator knows. @public */
export const SUPPORTED_MANIFEST_KINDS: readonly string[] = [
  ...Object.keys(CRD_SCHEMAS),
  ...Object.keys(BUILT_IN_VALIDATORS),
];

/** The renderer's own output is checked as it is: no schema defaults are filled in. */
const validators = new CrdSchemaValidators();

function crdValidator(key: string) {
  const schemaFile = CRD_SCHEMAS[key];
  return schemaFile ? validators.validator(schemaFile) : undefined;
}

function describe(object: unknown): string {
  const o = object as {
    kind?: unknown;
    metadata?: { name?: unknown; namespace?: unknown };
  };
  const ns =
    typeof o?.metadata?.namespace === 'string'
      ? `${o.metadata.namespace}/`
      : '';
  return `${String(o?.kind)} ${ns}${String(o?.metadata?.name)}`;
}

/**
 * Validates one manifest against its schema.
 * @returns human-readable problems; empty when valid.
 * @public
 */
export function validateManifest(object: unknown): string[] {
  if (object === null || typeof object !== 'object') {
    return ['manifest is not an object'];
  }
  const { apiVersion, kind, metadata } = object as {
    apiVersion?: unknown;
    kind?: unknown;
    metadata?: { name?: unknown };
  };
  const key = `${String(apiVersion)}/${String(kind)}`;
  const label = describe(object);
  if (typeof metadata?.name !== 'string' || metadata.name === '') {
    return [`${label}: metadata.name is required`];
  }
  const builtIn = BUILT_IN_VALIDATORS[key];
  if (builtIn) {
    try {
      builtIn(object);
      return [];
    } catch (error) {
      return [`${label}: ${(error as Error).message}`];
    }
  }
  const validator = crdValidator(key);
  if (!validator) {
    return [`${label}: ${key} is not a supported apiVersion/kind`];
  }
  if (validator(object)) {
    return [];
  }
  return (validator.errors ?? []).map(
    error =>
      `${label}: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}${
        error.keyword === 'additionalProperties'
          ? ` (${String(
              (error.params as { additionalProperty?: string })
                .additionalProperty,
            )})`
          : ''
      }`,
  );
}

/** Validates many manifests; returns every problem found. @public */
export function validateManifests(objects: readonly unknown[]): string[] {
  return objects.flatMap(object => validateManifest(object));
}

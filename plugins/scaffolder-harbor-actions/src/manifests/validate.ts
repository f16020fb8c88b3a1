import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ConfigMap, Namespace, Secret } from 'kubernetes-models/v1';
import objectStoreSchema from './schemas/crds/barmancloud.cnpg.io/objectstore_v1.json';
import dragonflySchema from './schemas/crds/dragonflydb.io/dragonfly_v1alpha1.json';
import externalSecretSchema from './schemas/crds/external-secrets.io/externalsecret_v1.json';
import pushSecretSchema from './schemas/crds/external-secrets.io/pushsecret_v1alpha1.json';
import grafanaDashboardSchema from './schemas/crds/grafana.integreatly.org/grafanadashboard_v1beta1.json';
import helmReleaseSchema from './schemas/crds/helm.toolkit.fluxcd.io/helmrelease_v2.json';
import kustomizationSchema from './schemas/crds/kustomize.toolkit.fluxcd.io/kustomization_v1.json';
import podMonitorSchema from './schemas/crds/monitoring.coreos.com/podmonitor_v1.json';
import prometheusRuleSchema from './schemas/crds/monitoring.coreos.com/prometheusrule_v1.json';
import clusterSchema from './schemas/crds/postgresql.cnpg.io/cluster_v1.json';
import scheduledBackupSchema from './schemas/crds/postgresql.cnpg.io/scheduledbackup_v1.json';
import ociRepositorySchema from './schemas/crds/source.toolkit.fluxcd.io/ocirepository_v1.json';

/**
 * The kinds this package may emit, keyed `apiVersion/kind`, with the CRD schema each is checked against
 * (datreeio/CRDs-catalog, see schemas/SOURCE.md). Anything else is rejected, which also keeps
 * unserved versions (ESO v1beta1, HelmRelease v2beta*) out.
 */
const CRD_SCHEMAS: Record<string, object> = {
  'postgresql.cnpg.io/v1/Cluster': clusterSchema,
  'postgresql.cnpg.io/v1/ScheduledBackup': scheduledBackupSchema,
  'barmancloud.cnpg.io/v1/ObjectStore': objectStoreSchema,
  'dragonflydb.io/v1alpha1/Dragonfly': dragonflySchema,
  'helm.toolkit.fluxcd.io/v2/HelmRelease': helmReleaseSchema,
  'source.toolkit.fluxcd.io/v1/OCIRepository': ociRepositorySchema,
  'kustomize.toolkit.fluxcd.io/v1/Kustomization': kustomizationSchema,
  'external-secrets.io/v1/ExternalSecret': externalSecretSchema,
  'external-secrets.io/v1alpha1/PushSecret': pushSecretSchema,
  'monitoring.coreos.com/v1/PodMonitor': podMonitorSchema,
  'monitoring.coreos.com/v1/PrometheusRule': prometheusRuleSchema,
  'grafana.integreatly.org/v1beta1/GrafanaDashboard': grafanaDashboardSchema,
};

/** Built-in kinds, checked with the kubernetes-models classes. */
const BUILT_IN_VALIDATORS: Record<string, (object: unknown) => void> = {
  'v1/Namespace': object => new Namespace(object as any).validate(),
  'v1/Secret': object => new Secret(object as any).validate(),
  'v1/ConfigMap': object => new ConfigMap(object as any).validate(),
};

/** Every `apiVersion/kind` the validator knows. */
export const SUPPORTED_MANIFEST_KINDS: readonly string[] = [
  ...Object.keys(CRD_SCHEMAS),
  ...Object.keys(BUILT_IN_VALIDATORS),
];

/**
 * The CRDs carry Go regular expressions such as `^(?i)(abort|warn)?$` (PrometheusRule
 * partial_response_strategy) that JavaScript rejects; `(?i)` becomes the `i` flag.
 */
const goRegExp = Object.assign(
  (pattern: string, flags?: string) =>
    pattern.startsWith('^(?i)')
      ? new RegExp(`^${pattern.slice(5)}`, `${flags ?? ''}i`)
      : new RegExp(pattern, flags),
  { code: 'new RegExp' },
);

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function crdValidator(key: string): ValidateFunction | undefined {
  const schema = CRD_SCHEMAS[key];
  if (!schema) {
    return undefined;
  }
  let validator = compiled.get(key);
  if (!validator) {
    if (!ajv) {
      // strict: false for the x-kubernetes-* keywords; CEL rules are not enforced (API server only).
      ajv = new Ajv({
        strict: false,
        allErrors: true,
        code: { regExp: goRegExp },
      });
      addFormats(ajv);
      ajv.addFormat('int32', true);
      ajv.addFormat('int64', true);
    }
    validator = ajv.compile(schema);
    compiled.set(key, validator);
  }
  return validator;
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

/** Validates many manifests; returns every problem found. */
export function validateManifests(objects: readonly unknown[]): string[] {
  return objects.flatMap(object => validateManifest(object));
}

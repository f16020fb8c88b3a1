import { Namespace } from 'kubernetes-models/v1';
import { commonLabels, PlatformNames } from './names';
import type { HarborPlatformSpec, OnePasswordProvider } from './spec';
import type { KubernetesObject } from './types';

export const EXTERNAL_SECRETS_API_VERSION = 'external-secrets.io/v1';
/** PushSecret has not left v1alpha1 (platform-manifests §0). */
export const PUSH_SECRET_API_VERSION = 'external-secrets.io/v1alpha1';

/** Label that makes helm-controller upgrade the release when a `valuesFrom` Secret changes. */
export const FLUX_WATCH_LABEL = { 'reconcile.fluxcd.io/watch': 'Enabled' };

export interface ExternalSecretRemoteRef {
  key: string;
  property?: string;
}

export interface ExternalSecret extends KubernetesObject {
  spec: {
    refreshInterval: string;
    secretStoreRef: { kind: 'ClusterSecretStore'; name: string };
    target: {
      name: string;
      creationPolicy: 'Owner';
      deletionPolicy?: 'Retain' | 'Delete';
      template?: {
        engineVersion: 'v2';
        type?: string;
        metadata?: { labels?: Record<string, string> };
        /** Secret key → Go template over the `data` keys; only these keys end up in the Secret. */
        data?: Record<string, string>;
      };
    };
    data: { secretKey: string; remoteRef: ExternalSecretRemoteRef }[];
  };
}

/**
 * Addresses a 1Password field for the provider behind the store (ESO docs/provider/1password-sdk.md and
 * 1password-automation.md).
 */
export function onePasswordRemoteRef(
  provider: OnePasswordProvider,
  item: string,
  field: string,
): ExternalSecretRemoteRef {
  return provider === 'onepasswordSDK'
    ? { key: `${item}/${field}` }
    : { key: item, property: field };
}

/** One Kubernetes Secret fed from one 1Password item: Secret key → item field. */
export interface CredentialMapping {
  /** Logical name, a key of `spec.onePassword.items`. */
  credential: keyof HarborPlatformSpec['onePassword']['items'];
  secretName: string;
  /** Secret key → 1Password field label. */
  fields: Record<string, string>;
  /** Read by the HelmRelease `valuesFrom`, so a rotation must trigger an upgrade. */
  watchedByFlux: boolean;
  /** Secret key → a field of another credential's item (one Secret that a chart reads whole). */
  otherFields?: Record<string, OtherField>;
  /** Secret key → Go template over the keys above (External Secrets `target.template.data`). */
  templateData?: Record<string, string>;
}

/** A field of another credential's 1Password item. */
export interface OtherField {
  credential: CredentialMapping['credential'];
  field: string;
}

/** The Secret whose `values.yaml` key the HelmRelease reads through `valuesFrom`. */
export const HELM_VALUES_KEY = 'values.yaml';

/**
 * Helm values that hold secrets, as an External Secrets template: JSON (which is YAML) with each secret as
 * `toJson` of a Secret key, so any character survives. Read whole by `valuesFrom[].valuesKey`, which every
 * helm-controller v1.x supports (`targetPath` + `literal` needs v1.6, Flux 2.9).
 */
export function helmValuesTemplate(values: Record<string, unknown>): string {
  const marker = /"@@([A-Za-z0-9_]+)@@"/g;
  return `${JSON.stringify(values, null, 2).replace(
    marker,
    '{{ .$1 | toJson }}',
  )}\n`;
}

/** A value of {@link helmValuesTemplate}: the Secret key `key`. */
export const secretValue = (key: string) => `@@${key}@@`;

/**
 * A template guard: External Secrets refuses to write the Secret (the ExternalSecret turns not Ready, which
 * the secrets layer's health check reports) unless the 1Password field has exactly `length` characters. The
 * message names the field, never its value.
 */
export function exactLength(key: string, length: number, what: string): string {
  return `{{ if ne (len .${key}) ${length} }}{{ fail "${what} must be exactly ${length} characters" }}{{ end }}`;
}

/** The secrets the chart only takes as values (it builds Redis URLs and its `*-envvars` Secrets from them). */
function helmValuesMapping(names: PlatformNames): CredentialMapping {
  return {
    // The secrets the chart only takes as values (it builds Redis URLs and its *-envvars Secrets from them).
    credential: 'core',
    secretName: names.secrets.helmValues,
    fields: { csrfKey: 'csrfKey' },
    otherFields: {
      redisPassword: { credential: 'dragonfly', field: 'password' },
      registryPassword: { credential: 'registry', field: 'password' },
    },
    templateData: {
      [HELM_VALUES_KEY]: `${exactLength(
        'csrfKey',
        32,
        'the core csrfKey',
      )}${helmValuesTemplate({
        core: { csrfKey: secretValue('csrfKey') },
        externalRedis: { password: secretValue('redisPassword') },
        registry: {
          credentials: { password: secretValue('registryPassword') },
        },
      })}`,
    },
    watchedByFlux: true,
  };
}

/**
 * Every credential of the platform and the 1Password fields it needs. Field labels are fixed so a
 * runbook can say exactly what to create in 1Password; the Secret keys are what the consumers expect.
 */
export function credentialMappings(names: PlatformNames): CredentialMapping[] {
  return [
    {
      credential: 'admin',
      secretName: names.secrets.admin,
      // Bitnami default for existingSecretAdminPasswordKey. Only read on the first start.
      fields: { HARBOR_ADMIN_PASSWORD: 'password' },
      watchedByFlux: false,
    },
    {
      credential: 'core',
      secretName: names.secrets.core,
      // core.existingSecret: keys `secret` and `secretKey` (core-dpl.yaml). secretKey must be exactly 16
      // characters (AES key of the stored registry credentials; harbor-helm#1202), which is why it never comes
      // from the chart's random generator: losing it makes the stored credentials unreadable.
      fields: { secret: 'secret', secretKey: 'secretKey' },
      templateData: {
        secret: '{{ .secret }}',
        secretKey: `${exactLength(
          'secretKey',
          16,
          'the core secretKey',
        )}{{ .secretKey }}`,
      },
      watchedByFlux: false,
    },
    {
      // core.secretName: the token-service key pair core signs with and registry verifies (tls.key, tls.crt).
      // Together with core.existingSecret it stops the chart from writing its own `<release>-core` Secret.
      credential: 'tokenService',
      secretName: names.secrets.tokenService,
      fields: { 'tls.crt': 'tls.crt', 'tls.key': 'tls.key' },
      watchedByFlux: false,
    },
    {
      credential: 'jobservice',
      secretName: names.secrets.jobservice,
      fields: { secret: 'secret' },
      watchedByFlux: false,
    },
    {
      // registry.existingSecret, read whole (envFrom) by registry and registryctl: the keys the chart's own
      // registry-secret.yaml writes for S3 storage, so S3 keys and the Redis password come from 1Password too.
      credential: 'registry',
      secretName: names.secrets.registry,
      fields: {
        REGISTRY_HTTP_SECRET: 'httpSecret',
        REGISTRY_HTPASSWD: 'htpasswd',
      },
      otherFields: {
        REGISTRY_REDIS_PASSWORD: { credential: 'dragonfly', field: 'password' },
        REGISTRY_STORAGE_S3_ACCESSKEY: {
          credential: 's3',
          field: 'access-key',
        },
        REGISTRY_STORAGE_S3_SECRETKEY: {
          credential: 's3',
          field: 'secret-key',
        },
      },
      watchedByFlux: false,
    },
    helmValuesMapping(names),
    {
      credential: 'dragonfly',
      secretName: names.secrets.dragonfly,
      fields: { password: 'password' },
      watchedByFlux: false,
    },
    {
      credential: 'databaseBackupS3',
      secretName: names.secrets.databaseBackupS3,
      fields: { 'access-key': 'access-key', 'secret-key': 'secret-key' },
      watchedByFlux: false,
    },
  ];
}

export interface ExternalSecretOptions {
  name: string;
  namespace: string;
  store: string;
  provider: OnePasswordProvider;
  item: string;
  fields: Record<string, string>;
  refreshInterval: string;
  labels?: Record<string, string>;
  /** Labels and type of the Secret ESO writes. */
  targetLabels?: Record<string, string>;
  targetType?: string;
  /** Secret key → a field of another 1Password item. */
  otherFields?: Record<string, { item: string; field: string }>;
  /** The Secret's keys as templates over the fetched keys. */
  templateData?: Record<string, string>;
}

export function externalSecret(options: ExternalSecretOptions): ExternalSecret {
  const template =
    options.targetLabels || options.targetType || options.templateData
      ? {
          engineVersion: 'v2' as const,
          ...(options.targetType ? { type: options.targetType } : {}),
          ...(options.targetLabels
            ? { metadata: { labels: options.targetLabels } }
            : {}),
          ...(options.templateData ? { data: options.templateData } : {}),
        }
      : undefined;
  const fields = [
    ...Object.entries(options.fields).map(([secretKey, field]) => ({
      secretKey,
      item: options.item,
      field,
    })),
    ...Object.entries(options.otherFields ?? {}).map(([secretKey, other]) => ({
      secretKey,
      ...other,
    })),
  ];
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: options.labels,
    },
    spec: {
      refreshInterval: options.refreshInterval,
      secretStoreRef: { kind: 'ClusterSecretStore', name: options.store },
      target: {
        name: options.name,
        creationPolicy: 'Owner',
        ...(template ? { template } : {}),
      },
      data: fields.map(({ secretKey, item, field }) => ({
        secretKey,
        remoteRef: onePasswordRemoteRef(options.provider, item, field),
      })),
    },
  };
}

/** The ExternalSecrets for every platform credential. No value is rendered, only 1Password references. */
export function renderPlatformExternalSecrets(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): ExternalSecret[] {
  return credentialMappings(names).map(mapping =>
    externalSecret({
      name: mapping.secretName,
      namespace: names.namespace,
      store: spec.onePassword.clusterSecretStore,
      provider: spec.onePassword.provider,
      item: spec.onePassword.items[mapping.credential],
      fields: mapping.fields,
      refreshInterval: spec.onePassword.refreshInterval,
      labels: commonLabels('secrets'),
      targetLabels: mapping.watchedByFlux ? { ...FLUX_WATCH_LABEL } : undefined,
      otherFields: mapping.otherFields
        ? Object.fromEntries(
            Object.entries(mapping.otherFields).map(([key, other]) => [
              key,
              {
                item: spec.onePassword.items[other.credential],
                field: other.field,
              },
            ]),
          )
        : undefined,
      templateData: mapping.templateData,
    }),
  );
}

/** The Namespace, built with the typed model so `.validate()` checks it. */
export function renderNamespace(names: PlatformNames): KubernetesObject {
  const namespace = new Namespace({
    metadata: {
      name: names.namespace,
      labels: commonLabels('namespace'),
      // The namespace holds the database; removing it from Git must not cascade into deleting it.
      annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' },
    },
  });
  return namespace.toJSON() as KubernetesObject;
}

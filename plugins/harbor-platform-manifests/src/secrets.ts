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
      // core.existingSecret expects `secret` and `secretKey`. secretKey must be exactly 16 characters
      // (AES key of the stored registry credentials; harbor-helm#1202), which is why it never comes from
      // the chart's random generator: losing it makes the stored credentials unreadable.
      fields: { secret: 'secret', secretKey: 'secretKey', csrfKey: 'csrfKey' },
      watchedByFlux: true,
    },
    {
      credential: 'jobservice',
      secretName: names.secrets.jobservice,
      fields: { secret: 'secret' },
      watchedByFlux: false,
    },
    {
      credential: 'registry',
      secretName: names.secrets.registry,
      fields: {
        REGISTRY_HTTP_SECRET: 'httpSecret',
        REGISTRY_CREDENTIALS_PASSWORD: 'password',
        REGISTRY_HTPASSWD: 'htpasswd',
      },
      watchedByFlux: true,
    },
    {
      credential: 's3',
      secretName: names.secrets.s3,
      fields: { 'access-key': 'access-key', 'secret-key': 'secret-key' },
      watchedByFlux: true,
    },
    {
      credential: 'dragonfly',
      secretName: names.secrets.dragonfly,
      fields: { password: 'password' },
      watchedByFlux: true,
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
}

export function externalSecret(options: ExternalSecretOptions): ExternalSecret {
  const template =
    options.targetLabels || options.targetType
      ? {
          engineVersion: 'v2' as const,
          ...(options.targetType ? { type: options.targetType } : {}),
          ...(options.targetLabels
            ? { metadata: { labels: options.targetLabels } }
            : {}),
        }
      : undefined;
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
      data: Object.entries(options.fields).map(([secretKey, field]) => ({
        secretKey,
        remoteRef: onePasswordRemoteRef(options.provider, options.item, field),
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

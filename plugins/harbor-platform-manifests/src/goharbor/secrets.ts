import { commonLabels, PlatformNames } from '../names';
import {
  credentialMappings,
  CredentialMapping,
  exactLength,
  ExternalSecret,
  externalSecret,
} from '../secrets';
import type { HarborPlatformSpec } from '../spec';

/**
 * The Secrets the official chart reads through its `existingSecret*` hooks. None of them may be named like a
 * Secret the chart renders itself (`<release>-core`, `-jobservice`, `-registry`, `-registryctl`, `-exporter`,
 * `-trivy`, `-registry-htpasswd`): Helm and External Secrets would own one object and overwrite each other.
 */
export interface GoharborSecretNames {
  /** `existingSecretAdminPassword` (key `HARBOR_ADMIN_PASSWORD`). */
  admin: string;
  /** `core.existingSecret` (`secret`), `existingSecretSecretKey` (`secretKey`), `core.existingXsrfSecret` (`CSRF_KEY`). */
  core: string;
  /** `core.secretName`: the token-service key pair (`tls.key`, `tls.crt`). */
  tokenService: string;
  /** `jobservice.existingSecret` (`JOBSERVICE_SECRET`). */
  jobservice: string;
  /** `registry.existingSecret` (`REGISTRY_HTTP_SECRET`) and `registry.credentials.existingSecret` (`REGISTRY_PASSWD`, `REGISTRY_HTPASSWD`). */
  registry: string;
  /** `persistence.imageChartStorage.s3.existingSecret`, read whole through `envFrom`. */
  s3: string;
  /** The Dragonfly password: `password` for the operator, `REDIS_PASSWORD` for `redis.external.existingSecret`. */
  dragonfly: string;
}

export function goharborSecretNames(names: PlatformNames): GoharborSecretNames {
  return {
    admin: names.secrets.admin,
    core: `${names.helmRelease}-core-keys`,
    tokenService: `${names.helmRelease}-token-service`,
    jobservice: `${names.helmRelease}-jobservice-keys`,
    registry: `${names.helmRelease}-registry-keys`,
    s3: names.secrets.s3,
    dragonfly: names.secrets.dragonfly,
  };
}

/**
 * Secret key → 1Password field, per credential, with the key names the chart's templates read
 * (core-dpl, jobservice-dpl, registry-dpl, exporter-dpl, _helpers.tpl of chart 1.19.1). The 1Password items and
 * fields are the same as for the Bitnami chart, so a team can switch charts without touching 1Password.
 */
export function goharborCredentialMappings(
  names: PlatformNames,
): CredentialMapping[] {
  const secrets = goharborSecretNames(names);
  // Pods read these Secrets directly (env and volumes); no HelmRelease valuesFrom, so no Flux watch label.
  const mapping = (
    credential: CredentialMapping['credential'],
    secretName: string,
    fields: Record<string, string>,
  ): CredentialMapping => ({
    credential,
    secretName,
    fields,
    watchedByFlux: false,
  });
  return [
    mapping('admin', secrets.admin, { HARBOR_ADMIN_PASSWORD: 'password' }),
    // secretKey: exactly 16 characters, never changed (it encrypts the credentials Harbor stores); the CSRF key
    // 32. The ExternalSecret's template refuses other lengths, so Harbor never starts with a bad key.
    {
      ...mapping('core', secrets.core, {
        secret: 'secret',
        secretKey: 'secretKey',
        csrfKey: 'csrfKey',
      }),
      templateData: {
        secret: '{{ .secret }}',
        secretKey: `${exactLength(
          'secretKey',
          16,
          'the core secretKey',
        )}{{ .secretKey }}`,
        CSRF_KEY: `${exactLength(
          'csrfKey',
          32,
          'the core csrfKey',
        )}{{ .csrfKey }}`,
      },
    },
    // Without core.secretName the chart runs genCA on every render: each upgrade would rotate the token key.
    mapping('tokenService', secrets.tokenService, {
      'tls.key': 'tls.key',
      'tls.crt': 'tls.crt',
    }),
    mapping('jobservice', secrets.jobservice, { JOBSERVICE_SECRET: 'secret' }),
    mapping('registry', secrets.registry, {
      REGISTRY_HTTP_SECRET: 'httpSecret',
      REGISTRY_PASSWD: 'password',
      REGISTRY_HTPASSWD: 'htpasswd',
    }),
    // Read with envFrom: every key becomes an environment variable of registry and registryctl.
    mapping('s3', secrets.s3, {
      REGISTRY_STORAGE_S3_ACCESSKEY: 'access-key',
      REGISTRY_STORAGE_S3_SECRETKEY: 'secret-key',
    }),
    mapping('dragonfly', secrets.dragonfly, {
      password: 'password',
      REDIS_PASSWORD: 'password',
    }),
    // Read by the Barman Cloud ObjectStore, not by the chart: the same Secret as with the Bitnami chart.
    ...credentialMappings(names).filter(
      m => m.credential === 'databaseBackupS3',
    ),
  ];
}

/** The ExternalSecrets of every credential the official chart and the data services read. */
export function renderGoharborExternalSecrets(
  spec: HarborPlatformSpec,
  names: PlatformNames,
): ExternalSecret[] {
  return goharborCredentialMappings(names).map(mapping =>
    externalSecret({
      name: mapping.secretName,
      namespace: names.namespace,
      store: spec.onePassword.clusterSecretStore,
      provider: spec.onePassword.provider,
      item: spec.onePassword.items[mapping.credential],
      fields: mapping.fields,
      refreshInterval: spec.onePassword.refreshInterval,
      labels: commonLabels('secrets'),
      templateData: mapping.templateData,
    }),
  );
}

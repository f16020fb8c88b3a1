import * as fluxVersions from './fluxVersions';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { DEFAULT_POSTGRES_IMAGE, PINNED_POSTGRES_IMAGE } from './postgresImage';
import { resourcesSpecSchema } from './resources';
import { trivySpecSchema } from './trivy';

/** RFC 1123 label: namespaces and most object names. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** RFC 1123 subdomain: Secret and custom resource names. */
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A fully qualified host name: at least two labels. */
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
/** An exact version or a Masterminds semver constraint as Flux's OCIRepository `ref.semver` takes it. */
const SEMVER_OR_RANGE =
  /^\s*((>=|<=|>|<|=|~|\^)?\s*v?\d+(\.(\d+|x|\*)){0,2}(-[0-9A-Za-z.-]+)?\s*,?\s*)+$/;

/**
 * Defaults per chart. goharbor: a patch range, so Flux rolls in each Harbor patch release (1.19.x = Harbor 2.15.x).
 * bitnami: 27.0.4 is the last release (Harbor 2.13.2).
 */
export const CHART_DEFAULTS = {
  goharbor: {
    version: '>=1.19.1 <1.20.0',
    url: 'oci://registry-1.docker.io/goharbor/harbor-helm',
  },
  bitnami: {
    version: '27.0.4',
    url: 'oci://registry-1.docker.io/bitnamicharts/harbor',
  },
} as const;

/** Exact version: the OCIRepository pins `ref.tag`; otherwise it follows `ref.semver`. */
export function isExactChartVersion(version: string): boolean {
  return SEMVER.test(version);
}
/** Flux and ESO durations, e.g. `30m`, `1h`, `12h0m`. */
const DURATION = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
/** CNPG `retentionPolicy`: `^[1-9][0-9]*[dwm]$`. */
const RETENTION = /^[1-9][0-9]*[dwm]$/;
/** Prometheus label names and values allowed in selector labels. */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

const dnsLabel = (what: string) =>
  z
    .string()
    .regex(
      DNS_LABEL,
      `${what} must be a lower-case RFC 1123 label (a-z, 0-9, '-', at most 63 characters)`,
    );
const dnsSubdomain = (what: string) =>
  z
    .string()
    .regex(
      DNS_SUBDOMAIN,
      `${what} must be a lower-case RFC 1123 name (a-z, 0-9, '-', '.')`,
    );
const quantity = z
  .string()
  .regex(QUANTITY, 'must be a Kubernetes quantity such as 512Mi, 20Gi or 500m');
const labels = z.record(
  z.string().regex(LABEL_KEY, 'must be a valid Kubernetes label key'),
  z.string().regex(LABEL_VALUE, 'must be a valid Kubernetes label value'),
);
/**
 * A 1Password item title. With the `onepasswordSDK` provider the ESO key is `<item>/<field>`, so a `/` in
 * the title would be read as a section separator.
 */
const onePasswordItem = (defaultTitle: string) =>
  z
    .string()
    .min(1)
    .regex(/^[^/]+$/, "a 1Password item title must not contain '/'")
    .default(defaultTitle);
const replicas = (defaultCount: number) =>
  z.number().int().min(1).max(20).default(defaultCount);
const resources = z.object({
  requests: z
    .object({ cpu: quantity.optional(), memory: quantity.optional() })
    .default({}),
  limits: z
    .object({ cpu: quantity.optional(), memory: quantity.optional() })
    .default({}),
});

/**
 * Which Harbor chart renders Harbor. `goharbor` (the official chart, Harbor project images, a release per Harbor
 * patch) for new installs; `bitnami` (27.0.4, images frozen under `bitnamilegacy/*`) for teams that already run it.
 * The version and URL default per chart; see {@link CHART_DEFAULTS}.
 */
const chartSchema = z
  .object({
    flavor: z
      .enum(['goharbor', 'bitnami'])
      .default('goharbor')
      .describe(
        'goharbor: the official chart (receives Harbor patches); bitnami: chart 27.0.4 for existing installs, its images get no updates',
      ),
    version: z
      .string()
      .regex(
        SEMVER_OR_RANGE,
        'chart.version must be a version such as 1.19.1 or a range such as >=1.19.1 <1.20.0',
      )
      .optional()
      .describe(
        'Chart version or semver range; an exact version pins it (goharbor default >=1.19.1 <1.20.0, bitnami 27.0.4)',
      ),
    url: z
      .string()
      .regex(/^oci:\/\//, 'chart.url must start with oci://')
      .optional()
      .describe(
        "OCI URL of the chart; defaults to the chart's published location",
      ),
  })
  .default({})
  .superRefine((chart, ctx) => {
    if (
      chart.flavor === 'bitnami' &&
      chart.version &&
      !SEMVER.test(chart.version)
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['version'],
        message:
          'chart.version must be an exact version such as 27.0.4 for the Bitnami chart (it has no further releases)',
      });
    }
  })
  .transform(chart => ({
    flavor: chart.flavor,
    version: chart.version ?? CHART_DEFAULTS[chart.flavor].version,
    url: chart.url ?? CHART_DEFAULTS[chart.flavor].url,
  }))
  .describe('Helm chart: which one, its version (range) and OCI URL');

/**
 * How ExternalSecrets address a 1Password field. `onepasswordSDK` (service account, no Connect server):
 * `remoteRef.key: <item>/<field>`. `onepassword` (Connect server): `remoteRef.key: <item>`,
 * `property: <field>` (platform-manifests §5).
 */
export const onePasswordProviderSchema = z
  .enum(['onepasswordSDK', 'onepassword'])
  .default('onepasswordSDK')
  .describe(
    'The ESO provider behind the ClusterSecretStore, which decides how a field is referenced',
  );

/**
 * The platform spec: input of {@link renderHarborPlatform}. Every field has `.describe()` because the scaffolder
 * shows them; built with the `zod/v3` API, as the scaffolder builds action schemas.
 *
 * @public
 */
export const harborPlatformSpecSchema = z.object({
  hostname: z
    .string()
    .regex(
      HOSTNAME,
      'hostname must be a fully qualified lower-case DNS name such as harbor.internal.example.com',
    )
    .describe(
      'Public host name of Harbor; the ingress, externalURL and TLS secret use it',
    ),
  namespace: dnsLabel('namespace')
    .default('harbor')
    .describe('Namespace Harbor and its data services run in'),
  storageClass: z
    .string()
    .min(1, 'storageClass must not be empty')
    .regex(DNS_SUBDOMAIN, 'storageClass must be a StorageClass name')
    .default('ceph-block')
    .describe(
      'StorageClass for PostgreSQL, Dragonfly snapshots, Trivy and jobservice volumes',
    ),
  chart: chartSchema,
  images: z
    .object({
      registry: z
        .string()
        .min(1)
        .default('docker.io')
        .describe('Registry the Harbor component images are pulled from'),
      repositoryPrefix: z
        .string()
        .regex(
          /^[a-z0-9]+([._/-][a-z0-9]+)*$/,
          'images.repositoryPrefix must be an image repository path',
        )
        .default('bitnamilegacy')
        .describe(
          'Repository prefix; versioned Bitnami tags only live in bitnamilegacy since Aug 2025',
        ),
    })
    .default({})
    .describe(
      'Where the Bitnami chart images come from (the official chart uses the Harbor project images, goharbor/*)',
    ),
  replicas: z
    .object({
      core: replicas(2).describe('Harbor core replicas'),
      jobservice: replicas(2).describe(
        'Jobservice replicas (> 1 switches the job logger to database)',
      ),
      registry: replicas(2).describe('Registry replicas'),
      portal: replicas(2).describe('Portal replicas'),
      trivy: replicas(1).describe('Trivy adapter replicas'),
    })
    .default({})
    .describe('Replicas per Harbor component'),
  resources: resourcesSpecSchema,
  trivy: trivySpecSchema,
  databasePool: z
    .object({
      maxOpenConns: z
        .number()
        .int()
        .min(5)
        .max(500)
        .default(40)
        .describe('database.maxOpenConns per pod'),
      maxIdleConns: z
        .number()
        .int()
        .min(1)
        .max(500)
        .default(10)
        .describe('database.maxIdleConns per pod'),
    })
    .default({})
    .refine(p => p.maxIdleConns <= p.maxOpenConns, {
      message: 'maxIdleConns must not exceed maxOpenConns',
      path: ['maxIdleConns'],
    })
    .describe(
      'Harbor connection pool; max_connections of the PostgreSQL cluster is sized from it',
    ),
  database: z
    .object({
      clusterName: dnsLabel('database.clusterName')
        .default('harbor-db')
        .describe('CNPG Cluster name'),
      instances: z
        .number()
        .int()
        .min(1)
        .max(9)
        .default(3)
        .describe('PostgreSQL instances'),
      imageName: z
        .string()
        .regex(
          PINNED_POSTGRES_IMAGE,
          'database.imageName must pin a PostgreSQL minor version (e.g. ghcr.io/cloudnative-pg/postgresql:17.12-standard-trixie) or a digest; a major-only tag such as :17 moves by itself',
        )
        .default(DEFAULT_POSTGRES_IMAGE)
        .describe(
          'PostgreSQL image, pinned to a minor version (CNPG rolls the cluster when it changes); see docs/install.md',
        ),
      storageSize: quantity
        .default('20Gi')
        .describe('Volume size per instance'),
      resources: resources
        .optional()
        .describe(
          'Resources per PostgreSQL instance; replaces resources.overrides.postgresql and the profile when set',
        ),
      backup: z
        .object({
          bucket: dnsSubdomain('database.backup.bucket')
            .default('harbor-db-backups')
            .describe('S3 bucket for WAL and base backups'),
          path: z
            .string()
            .regex(
              /^[A-Za-z0-9._/-]*$/,
              'database.backup.path must be a plain S3 prefix',
            )
            .default('')
            .describe('Prefix inside the bucket'),
          endpoint: z
            .string()
            .url()
            .optional()
            .describe(
              'S3 endpoint for backups; defaults to the registry S3 endpoint',
            ),
          schedule: z
            .string()
            .regex(
              /^\S+( \S+){5}$/,
              'database.backup.schedule has six fields, seconds first',
            )
            .default('0 0 3 * * *')
            .describe('ScheduledBackup cron (six fields, seconds first)'),
          retention: z
            .string()
            .regex(
              RETENTION,
              'database.backup.retention must look like 30d, 4w or 3m',
            )
            .default('30d')
            .describe('Barman retention policy'),
        })
        .default({})
        .describe('Daily backups to S3 through the Barman Cloud plugin'),
    })
    .default({})
    .describe('CloudNativePG cluster'),
  dragonfly: z
    .object({
      name: dnsLabel('dragonfly.name')
        .default('harbor-dragonfly')
        .describe('Dragonfly name (and Service host)'),
      image: z
        .string()
        .min(1)
        .optional()
        .describe('Dragonfly image; the operator default when empty'),
      memoryMi: z
        .number()
        .int()
        .min(
          342,
          'dragonfly.memoryMi must leave at least 256 MiB maxmemory for one thread (dragonfly#1491)',
        )
        .optional()
        .describe(
          'Memory request and limit in MiB (default: the resource profile’s); maxmemory is 75% of it',
        ),
      snapshotSize: quantity.default('2Gi').describe('Snapshot volume size'),
      snapshotCron: z
        .string()
        .regex(/^\S+( \S+){4}$/, 'dragonfly.snapshotCron has five fields')
        .default('*/5 * * * *')
        .describe('Snapshot cron (five fields)'),
    })
    .default({})
    .describe('Dragonfly, the Redis-compatible job queue of Harbor'),
  s3: z
    .object({
      endpoint: z
        .string()
        .url()
        .describe(
          'S3 endpoint of Ceph RGW, e.g. http://rook-ceph-rgw-store.rook-ceph.svc',
        ),
      bucket: dnsSubdomain('s3.bucket')
        .default('harbor-registry')
        .describe('Bucket for registry blobs'),
      region: z
        .string()
        .min(1)
        .default('us-east-1')
        .describe('S3 region (RGW accepts any)'),
      encrypt: z
        .boolean()
        .default(true)
        .describe(
          'Server-side encryption; RGW must have SSE-S3 configured or pushes fail with 400 InvalidArgument',
        ),
      disableRedirect: z
        .boolean()
        .default(true)
        .describe(
          'Serve blobs through Harbor instead of redirecting clients to the in-cluster RGW',
        ),
    })
    .describe('S3 storage for registry blobs'),
  ingress: z
    .object({
      className: z
        .string()
        .regex(DNS_SUBDOMAIN, 'ingress.className must be an IngressClass name')
        .describe(
          'IngressClass name (kept configurable: ingress-nginx was retired in March 2026)',
        ),
      clusterIssuer: dnsSubdomain('ingress.clusterIssuer').describe(
        'cert-manager ClusterIssuer for the TLS certificate',
      ),
    })
    .describe('Ingress and TLS'),
  onePassword: z
    .object({
      clusterSecretStore: dnsSubdomain('onePassword.clusterSecretStore')
        .default('onepassword')
        .describe(
          'Name of the 1Password ClusterSecretStore (external-secrets.io/v1)',
        ),
      provider: onePasswordProviderSchema,
      refreshInterval: z
        .string()
        .regex(DURATION, 'refreshInterval must be a duration such as 1h')
        .default('1h')
        .describe('How often ESO re-reads 1Password'),
      items: z
        .object({
          admin: onePasswordItem('harbor-admin').describe(
            'Item with field `password`',
          ),
          core: onePasswordItem('harbor-core').describe(
            'Item with fields `secret`, `secretKey` (16 chars), `csrfKey` (32 chars)',
          ),
          tokenService: onePasswordItem('harbor-token-service').describe(
            'Item with fields `tls.key`, `tls.crt`: the token-service key pair (official chart only)',
          ),
          jobservice: onePasswordItem('harbor-jobservice').describe(
            'Item with field `secret`',
          ),
          registry: onePasswordItem('harbor-registry').describe(
            'Item with fields `httpSecret`, `password`, `htpasswd`',
          ),
          s3: onePasswordItem('harbor-s3').describe(
            'Item with fields `access-key`, `secret-key`',
          ),
          dragonfly: onePasswordItem('harbor-dragonfly').describe(
            'Item with field `password`',
          ),
          databaseBackupS3: onePasswordItem('harbor-db-backup-s3').describe(
            'Item with fields `access-key`, `secret-key`',
          ),
        })
        .default({})
        .describe('1Password item title per credential'),
    })
    .default({})
    .describe('1Password through External Secrets Operator'),
  monitoring: z
    .object({
      prometheusLabels: labels
        .default({ release: 'kube-prometheus-stack' })
        .describe('Labels the Prometheus rule/monitor selectors match'),
      grafanaInstanceLabels: labels
        .default({ dashboards: 'grafana' })
        .refine(
          l => Object.keys(l).length > 0,
          'grafanaInstanceLabels must select a Grafana instance',
        )
        .describe(
          'matchLabels of the Grafana instance that imports the dashboard',
        ),
      dashboards: z
        .enum(['sidecar', 'operator', 'none'])
        .default('sidecar')
        .describe(
          "sidecar: a ConfigMap for Grafana's dashboard sidecar (kube-prometheus-stack); operator: a grafana-operator GrafanaDashboard; none",
        ),
      dashboardSidecarLabels: labels
        .default({ grafana_dashboard: '1' })
        .describe(
          "Labels the Grafana sidecar watches for (kube-prometheus-stack: grafana_dashboard: '1')",
        ),
      dashboardNamespace: dnsLabel('monitoring.dashboardNamespace')
        .optional()
        .describe(
          "Namespace of the sidecar ConfigMap (default: Harbor's; the sidecar must search it)",
        ),
      runbookBaseUrl: z
        .string()
        .url()
        .regex(/^https?:\/\//, 'runbookBaseUrl must be an http(s) URL')
        .describe(
          'TechDocs base URL of the Harbor runbook; alerts link to <base>/alerts/#<anchor>',
        ),
      storageAlertBytes: z
        .number()
        .positive()
        .default(4e12)
        .describe('Total Harbor storage that raises HarborTotalStorageHigh'),
    })
    .describe('Prometheus and Grafana'),
  flux: z
    .object({
      namespace: dnsLabel('flux.namespace')
        .default('flux-system')
        .describe('Namespace of the Flux Kustomizations'),
      sourceKind: z
        .enum(['GitRepository', 'OCIRepository', 'Bucket'])
        .default('GitRepository')
        .describe('Kind of the Flux source that holds this repository'),
      sourceName: dnsSubdomain('flux.sourceName')
        .default('flux-system')
        .describe('Name of the Flux source that holds this repository'),
      basePath: z
        .string()
        .regex(
          /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/,
          'flux.basePath must be a relative path without ./ or ..',
        )
        .refine(
          p => !p.split('/').includes('..'),
          'flux.basePath must not contain ..',
        )
        .default('platform/harbor')
        .describe('Folder of the platform files in the repository'),
      interval: z
        .string()
        .regex(DURATION, 'flux.interval must be a duration such as 30m')
        .default('30m')
        .describe(
          'Reconciliation interval of the Kustomizations and the HelmRelease',
        ),
      minimumVersion: z
        .enum(fluxVersions.SUPPORTED_FLUX_VERSIONS)
        .default('2.6')
        .describe(fluxVersions.FLUX_MINIMUM_VERSION_HELP),
    })
    .default({})
    .describe(
      'Where the files go in the Flux repository and which source reconciles them',
    ),
});

/** What callers pass (defaults optional). @public */
export type HarborPlatformSpecInput = z.input<typeof harborPlatformSpecSchema>;
/** The spec with every default applied. @public */
export type HarborPlatformSpec = z.output<typeof harborPlatformSpecSchema>;
/** How ExternalSecrets address a 1Password field: `onepasswordSDK` or `onepassword` (Connect). @public */
export type OnePasswordProvider = 'onepasswordSDK' | 'onepassword';

/** Formats zod issues as `path: message` lines, so the error names the field. */
export function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parses and defaults a platform spec.
 * @throws InputError naming each invalid field; `cause` is the ZodError.
 * @public
 */
export function parseHarborPlatformSpec(input: unknown): HarborPlatformSpec {
  const result = harborPlatformSpecSchema.safeParse(input);
  if (!result.success) {
    throw new InputError(
      `Invalid Harbor platform spec: ${describeZodIssues(result.error)}`,
      result.error,
    );
  }
  return result.data;
}

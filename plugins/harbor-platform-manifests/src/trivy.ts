import { z } from 'zod/v3';
import type { HarborPlatformSpec } from './spec';

/** An OCI repository without a tag, e.g. `harbor.internal.example.com/ghcr-proxy/aquasecurity/trivy-db`. */
const OCI_REPOSITORY =
  /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+$/;

const repositories = (what: string) =>
  z
    .array(
      z
        .string()
        .regex(
          OCI_REPOSITORY,
          `${what} must be OCI repositories without tag, e.g. registry.internal/aquasec/trivy-db`,
        ),
    )
    .max(5)
    .default([]);

/**
 * The `trivy` field of the platform spec: where the scanner gets its vulnerability databases. Trivy downloads
 * them from `mirror.gcr.io` / `ghcr.io` every 12 hours; an internal-only cluster needs a mirror or no download.
 */
export const trivySpecSchema = z
  .object({
    dbRepositories: repositories('trivy.dbRepositories').describe(
      'OCI repositories of the vulnerability DB in order of priority (a mirror); empty: the chart’s defaults (mirror.gcr.io, ghcr.io)',
    ),
    javaDbRepositories: repositories('trivy.javaDbRepositories').describe(
      'OCI repositories of the Java DB in order of priority; empty: the chart’s defaults',
    ),
    skipUpdate: z
      .boolean()
      .default(false)
      .describe(
        'Never download the DBs (air-gapped): trivy.db and trivy-java.db must be copied into the Trivy volume by hand (runbook)',
      ),
    offlineScan: z
      .boolean()
      .default(false)
      .describe(
        'Do not ask Maven Central about JAR dependencies while scanning (fewer findings for Java images)',
      ),
  })
  .default({})
  .describe(
    'Trivy vulnerability databases: a mirror for internal-only clusters, or no download at all',
  );

/** Trivy's settings as the scanner adapter reads them, for either chart to map onto its values. */
export interface TrivySettings {
  /** `SCANNER_TRIVY_DB_REPOSITORY`: comma-separated, empty for the adapter's default. */
  dbRepositories: string[];
  /** `SCANNER_TRIVY_JAVA_DB_REPOSITORY`. */
  javaDbRepositories: string[];
  /** `SCANNER_TRIVY_SKIP_UPDATE` and `SCANNER_TRIVY_SKIP_JAVA_DB_UPDATE`. */
  skipUpdate: boolean;
  /** `SCANNER_TRIVY_OFFLINE_SCAN`. */
  offlineScan: boolean;
}

export function trivySettings(spec: HarborPlatformSpec): TrivySettings {
  return { ...spec.trivy };
}

/** Bitnami chart 27.0.4 values: it has no `offlineScan` value, so that goes in as the adapter's env var. */
export function bitnamiTrivyValues(
  spec: HarborPlatformSpec,
): Record<string, unknown> {
  const t = trivySettings(spec);
  return {
    skipUpdate: t.skipUpdate,
    skipJavaDbUpdate: t.skipUpdate,
    ...(t.dbRepositories.length
      ? { dbRepository: t.dbRepositories.join(',') }
      : {}),
    ...(t.javaDbRepositories.length
      ? { javaDbRepository: t.javaDbRepositories.join(',') }
      : {}),
    ...(t.offlineScan
      ? {
          extraEnvVars: [{ name: 'SCANNER_TRIVY_OFFLINE_SCAN', value: 'true' }],
        }
      : {}),
  };
}

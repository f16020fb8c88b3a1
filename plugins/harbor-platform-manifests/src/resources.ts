import { z } from 'zod/v3';
import type { HarborPlatformSpec } from './spec';
import type { ResourceRequirements } from './types';

/**
 * Resources per container, independent of the chart: the Bitnami and the official chart map them onto their own
 * value paths, the CloudNativePG Cluster, the Barman Cloud sidecar and Dragonfly take them as they are.
 */
export const RESOURCE_COMPONENTS = [
  'core',
  'jobservice',
  'registry',
  'registryController',
  'portal',
  'trivy',
  'exporter',
  'nginx',
  'postgresql',
  'barmanCloud',
  'dragonfly',
] as const;

/** A container the resource profiles size. @public */
export type ResourceComponent = (typeof RESOURCE_COMPONENTS)[number];

/** A named set of requests and limits per component. @public */
export type ResourceProfileName = 'small' | 'production';

const r = (
  requestCpu: string,
  requestMemory: string,
  limitCpu: string,
  limitMemory: string,
): ResourceRequirements => ({
  requests: { cpu: requestCpu, memory: requestMemory },
  limits: { cpu: limitCpu, memory: limitMemory },
});

/**
 * `small`: a small team within the brief's budget of 2–4 cores and 2–4 GiB for everything, with the default
 * replicas (2 of core, jobservice, registry and portal, 1 Trivy, 3 PostgreSQL instances, 1 Dragonfly): about
 * 1 core and 2.3 GiB of requests, at most 4 cores and 4 GiB of limits (docs/install.md has the sums, checked by
 * resources.test.ts). `production`: a busier registry (CI pushing all day, Trivy scanning large images).
 * Every container gets a CPU limit so that the platform fits a namespace ResourceQuota on `limits.cpu`.
 */
// prettier-ignore
export const RESOURCE_PROFILES: Record<
  ResourceProfileName,
  Record<ResourceComponent, ResourceRequirements>
> = {
  small: {
    core: r('100m', '160Mi', '300m', '288Mi'),
    jobservice: r('50m', '64Mi', '200m', '160Mi'),
    registry: r('50m', '64Mi', '250m', '192Mi'),
    registryController: r('10m', '24Mi', '100m', '48Mi'),
    portal: r('10m', '16Mi', '50m', '32Mi'),
    // The vulnerability DB is loaded into memory for each scan; large images need more (see `production`).
    trivy: r('100m', '256Mi', '500m', '640Mi'),
    exporter: r('10m', '24Mi', '100m', '48Mi'),
    nginx: r('10m', '16Mi', '100m', '32Mi'),
    postgresql: r('100m', '256Mi', '300m', '384Mi'),
    // barman-cloud-wal-archive (Python, boto3) per WAL segment.
    barmanCloud: r('10m', '32Mi', '50m', '96Mi'),
    // Memory request = limit: maxmemory is 75% of it. One proactor thread, so a CPU limit cannot change the count.
    dragonfly: r('100m', '512Mi', '500m', '512Mi'),
  },
  production: {
    core: r('500m', '512Mi', '2', '1Gi'),
    jobservice: r('250m', '256Mi', '1', '512Mi'),
    registry: r('500m', '512Mi', '2', '1Gi'),
    registryController: r('50m', '64Mi', '250m', '128Mi'),
    portal: r('50m', '64Mi', '250m', '128Mi'),
    trivy: r('500m', '1Gi', '2', '3Gi'),
    exporter: r('50m', '64Mi', '250m', '128Mi'),
    nginx: r('100m', '128Mi', '500m', '256Mi'),
    postgresql: r('1', '2Gi', '2', '2Gi'),
    barmanCloud: r('100m', '128Mi', '500m', '256Mi'),
    dragonfly: r('500m', '1Gi', '1', '1Gi'),
  },
};

const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|m|k|M|G|T)?$/;
const quantity = z
  .string()
  .regex(QUANTITY, 'must be a Kubernetes quantity such as 512Mi, 1Gi or 500m');
const requirementsSchema = z
  .object({
    requests: z
      .object({ cpu: quantity.optional(), memory: quantity.optional() })
      .strict()
      .optional(),
    limits: z
      .object({ cpu: quantity.optional(), memory: quantity.optional() })
      .strict()
      .optional(),
  })
  .strict();

/** The `resources` field of the platform spec. */
export const resourcesSpecSchema = z
  .object({
    profile: z
      .enum(['small', 'production'])
      .default('small')
      .describe(
        'small: fits 2–4 cores and 2–4 GiB with the default replicas; production: a busy registry (about 7 cores and 11 GiB of requests)',
      ),
    overrides: z
      .object(
        Object.fromEntries(
          RESOURCE_COMPONENTS.map(c => [c, requirementsSchema.optional()]),
        ) as Record<
          ResourceComponent,
          z.ZodOptional<typeof requirementsSchema>
        >,
      )
      .strict()
      .default({})
      .describe(
        'Per component, requests and limits that replace the profile’s value field by field',
      ),
  })
  .default({})
  .describe(
    'Requests and limits of every container: a profile, and overrides per component',
  );

/** The profile's requirements for one component, with the spec's overrides applied field by field. */
export function componentResources(
  spec: Pick<HarborPlatformSpec, 'resources'>,
  component: ResourceComponent,
): ResourceRequirements {
  const base = RESOURCE_PROFILES[spec.resources.profile][component];
  const override = spec.resources.overrides[component] ?? {};
  return {
    requests: { ...base.requests, ...override.requests },
    limits: { ...base.limits, ...override.limits },
  };
}

const UNITS: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/** A Kubernetes quantity as a number: cores for CPU, bytes for memory. */
export function parseQuantity(value: string | number): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)([A-Za-z]*)$/.exec(String(value));
  if (!match || !(match[2] in UNITS)) {
    throw new Error(`not a Kubernetes quantity: ${value}`);
  }
  return Number(match[1]) * UNITS[match[2]];
}

/** Memory in MiB, rounded down: Dragonfly's maxmemory is derived from it. */
export function memoryMi(quantityText: string): number {
  return Math.floor(parseQuantity(quantityText) / 2 ** 20);
}

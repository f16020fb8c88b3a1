import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { findObject, minimalSpec } from './__testUtils__/fixtures';
import {
  formatTotals,
  platformResourceTotals,
} from './__testUtils__/resourceTotals';
import { renderHarborPlatform } from './render';
import {
  componentResources,
  parseQuantity,
  RESOURCE_COMPONENTS,
  RESOURCE_PROFILES,
} from './resources';
import { parseHarborPlatformSpec } from './spec';
import type { HarborPlatformSpecInput } from './spec';

const GiB = 2 ** 30;
/** The brief: "CPU: 2-4 cores total across components, Memory: 2-4GB RAM" (read as GiB). */
const BUDGET = { cores: 4, memory: 4 * GiB };

const withProfile = (
  profile: 'small' | 'production',
): HarborPlatformSpecInput =>
  ({
    ...minimalSpec,
    chart: { flavor: 'bitnami' },
    resources: { profile },
  } as HarborPlatformSpecInput);

describe('resource profiles', () => {
  it.each(['small', 'production'] as const)(
    'gives every container of the %s profile requests and limits for CPU and memory',
    profile => {
      const totals = platformResourceTotals(
        renderHarborPlatform(withProfile(profile)),
      );
      // core, jobservice, registry, registryctl, portal, trivy, exporter, PostgreSQL, Barman sidecar, Dragonfly
      expect(totals.containers).toHaveLength(10);
      for (const c of totals.containers) {
        for (const kind of ['requests', 'limits'] as const) {
          for (const what of ['cpu', 'memory'] as const) {
            expect(
              `${c.where} ${kind}.${what}=${c.resources[kind]?.[what]}`,
            ).toMatch(/=[0-9]/);
          }
          expect(
            parseQuantity(c.resources.requests!.memory!),
          ).toBeLessThanOrEqual(parseQuantity(c.resources.limits!.memory!));
        }
      }
    },
  );

  it('keeps the small profile within the brief’s budget of 2–4 cores and 2–4 GiB', () => {
    const totals = platformResourceTotals(
      renderHarborPlatform(withProfile('small')),
    );
    // Reported for docs/install.md, which states the same sums.
    // eslint-disable-next-line no-console
    console.log(
      `small: requests ${formatTotals(totals.requests)}; limits ${formatTotals(
        totals.limits,
      )}`,
    );
    expect(totals.requests.cpu).toBeLessThanOrEqual(2);
    expect(totals.requests.memory).toBeGreaterThanOrEqual(2 * GiB);
    expect(totals.requests.memory).toBeLessThanOrEqual(3 * GiB);
    expect(totals.limits.cpu).toBeLessThanOrEqual(BUDGET.cores);
    expect(totals.limits.memory).toBeLessThanOrEqual(BUDGET.memory);
    expect(formatTotals(totals.requests)).toBe('0.98 cores, 2.26 GiB');
    expect(formatTotals(totals.limits)).toBe('3.95 cores, 3.98 GiB');
  });

  it.each(['small', 'production'] as const)(
    'gives the official chart the same sums as the Bitnami chart (%s)',
    profile => {
      const official = platformResourceTotals(
        renderHarborPlatform({
          ...withProfile(profile),
          chart: { flavor: 'goharbor' },
        } as HarborPlatformSpecInput),
      );
      const bitnami = platformResourceTotals(
        renderHarborPlatform(withProfile(profile)),
      );
      expect(official.containers).toHaveLength(10);
      expect(formatTotals(official.requests)).toBe(
        formatTotals(bitnami.requests),
      );
      expect(formatTotals(official.limits)).toBe(formatTotals(bitnami.limits));
    },
  );

  it('reports the production profile, which is larger in every component', () => {
    const totals = platformResourceTotals(
      renderHarborPlatform(withProfile('production')),
    );
    // eslint-disable-next-line no-console
    console.log(
      `production: requests ${formatTotals(
        totals.requests,
      )}; limits ${formatTotals(totals.limits)}`,
    );
    expect(formatTotals(totals.requests)).toBe('7.05 cores, 11.19 GiB');
    expect(formatTotals(totals.limits)).toBe('21.75 cores, 16.38 GiB');
    for (const component of RESOURCE_COMPONENTS) {
      const small = RESOURCE_PROFILES.small[component];
      const production = RESOURCE_PROFILES.production[component];
      for (const kind of ['requests', 'limits'] as const) {
        for (const what of ['cpu', 'memory'] as const) {
          expect(parseQuantity(production[kind]![what]!)).toBeGreaterThan(
            parseQuantity(small[kind]![what]!),
          );
        }
      }
    }
  });

  it('applies overrides field by field and database.resources / dragonfly.memoryMi over the profile', () => {
    const spec = parseHarborPlatformSpec({
      ...minimalSpec,
      resources: {
        profile: 'small',
        overrides: { trivy: { limits: { memory: '2Gi' } } },
      },
      database: { resources: { requests: { cpu: '1', memory: '1Gi' } } },
      dragonfly: { memoryMi: 1024 },
    });
    expect(componentResources(spec, 'trivy')).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '2Gi' },
    });
    const files = renderHarborPlatform({
      ...minimalSpec,
      chart: { flavor: 'bitnami' },
      resources: spec.resources,
      database: { resources: { requests: { cpu: '1', memory: '1Gi' } } },
      dragonfly: { memoryMi: 1024 },
    } as HarborPlatformSpecInput);
    const cluster = findObject<any>(files, 'Cluster');
    expect(cluster.spec.resources).toEqual({
      requests: { cpu: '1', memory: '1Gi' },
      limits: {},
    });
    const dragonfly = findObject<any>(files, 'Dragonfly');
    expect(dragonfly.spec.resources.limits.memory).toBe('1024Mi');
    expect(dragonfly.spec.args).toContain('--maxmemory=768mb');
    const values = findObject<any>(files, 'HelmRelease').spec.values;
    expect(values.trivy.resources.limits.memory).toBe('2Gi');
  });

  it('rejects an unknown component or a malformed quantity', () => {
    expect(() =>
      parseHarborPlatformSpec({
        ...minimalSpec,
        resources: { overrides: { clair: {} } },
      }),
    ).toThrow(/resources\.overrides/);
    expect(() =>
      parseHarborPlatformSpec({
        ...minimalSpec,
        resources: { overrides: { core: { limits: { memory: '1 GB' } } } },
      }),
    ).toThrow(/resources\.overrides\.core\.limits\.memory/);
  });
});

describe('Bitnami chart resources', () => {
  const chartValues = parse(
    fs.readFileSync(
      path.join(
        __dirname,
        '__testUtils__/charts/bitnami-harbor-27.0.4/values.yaml',
      ),
      'utf8',
    ),
  );
  const rendered = findObject<any>(
    renderHarborPlatform(withProfile('small')),
    'HelmRelease',
  ).spec.values;
  const get = (root: any, dotted: string) =>
    dotted.split('.').reduce((node, key) => node?.[key], root);
  /** Containers the chart does not run with our values, and why. */
  const notRunning: Record<string, () => boolean> = {
    migration: () => get(chartValues, 'migration.enabled') === false,
    volumePermissions: () =>
      get(chartValues, 'volumePermissions.enabled') === false,
    nginx: () => rendered.exposureType === 'ingress',
    'postgresql.primary': () => rendered.postgresql.enabled === false,
    'redis.master': () => rendered.redis.enabled === false,
  };

  function presetPaths(node: any, prefix: string[] = []): string[] {
    return Object.entries(node ?? {}).flatMap(([key, value]) => {
      if (key === 'resourcesPreset') return [prefix.join('.')];
      return value && typeof value === 'object' && !Array.isArray(value)
        ? presetPaths(value, [...prefix, key])
        : [];
    });
  }

  it('sets resources for every container the chart would size with a preset', () => {
    const paths = presetPaths(chartValues);
    expect(paths.length).toBeGreaterThan(10);
    const off = paths.filter(p => notRunning[p]);
    expect(off.map(p => `${p} off: ${notRunning[p]()}`)).toEqual(
      off.map(p => `${p} off: true`),
    );
    for (const p of paths.filter(q => !notRunning[q])) {
      expect(
        `${p}.resources: ${JSON.stringify(get(rendered, `${p}.resources`))}`,
      ).toMatch(/"limits":\{"cpu":"[0-9.]+m?","memory"/);
    }
  });
});

describe('PostgreSQL image', () => {
  it('pins a minor version by default', () => {
    const cluster = findObject<any>(
      renderHarborPlatform(minimalSpec),
      'Cluster',
    );
    expect(cluster.spec.imageName).toBe(
      'ghcr.io/cloudnative-pg/postgresql:17.12-standard-trixie',
    );
  });

  const parseImage = (imageName: string) => () =>
    parseHarborPlatformSpec({ ...minimalSpec, database: { imageName } });

  it.each([
    'ghcr.io/cloudnative-pg/postgresql:17',
    'ghcr.io/cloudnative-pg/postgresql:17-standard-trixie',
    'ghcr.io/cloudnative-pg/postgresql:latest',
    'ghcr.io/cloudnative-pg/postgresql',
  ])('refuses the floating image %s', imageName => {
    expect(parseImage(imageName)).toThrow(
      /database\.imageName must pin a PostgreSQL minor/,
    );
  });

  it.each([
    'registry.internal:5000/cnpg/postgresql:17.12',
    'ghcr.io/cloudnative-pg/postgresql:17.12-202611300810-minimal-trixie',
    `ghcr.io/cloudnative-pg/postgresql@sha256:${'a'.repeat(64)}`,
  ])('accepts the pinned image %s', imageName => {
    expect(parseImage(imageName)).not.toThrow();
  });
});

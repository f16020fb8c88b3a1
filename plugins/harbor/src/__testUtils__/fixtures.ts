import type { Entity } from '@backstage/catalog-model';
import {
  emptySeverityCounts,
  type EntityImages,
  type EntityVulnerabilitySummary,
  type RepositoryVulnerabilitySummary,
  type HarborArtifact,
  type HarborVulnerability,
  type RegistryHealth,
  type Severity,
  type SeverityCounts,
  type VulnerabilityPage,
  type VulnerabilityTrend,
} from '@backstage-harbor/plugin-harbor-common';

/* Builders of view models for the plugin's tests. Only test files import this module. */

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders-api',
    namespace: 'default',
    annotations: {
      'goharbor.io/repository-slug': 'team-a/api, team-a/batch/nightly-report',
    },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

export const entityWithoutAnnotation: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'plain', namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

export function counts(partial: Partial<SeverityCounts> = {}): SeverityCounts {
  return { ...emptySeverityCounts(), ...partial };
}

export function artifact(
  partial: Partial<HarborArtifact> = {},
): HarborArtifact {
  const scanCounts = counts({ Critical: 2, High: 3, Low: 1 });
  return {
    digest:
      'sha256:4a1c0e3f9b2d8c7a6e5f4d3c2b1a09f8e7d6c5b4a3928170f6e5d4c3b2a19080',
    tags: ['1.4.2', 'latest'],
    size: 52_428_800,
    pushTime: '2024-05-01T10:00:00Z',
    pullTime: '2024-05-02T08:30:00Z',
    type: 'IMAGE',
    harborUrl:
      'https://harbor.example.com/harbor/projects/1/repositories/api/artifacts-tab/artifacts/sha256:4a1c',
    ...partial,
    scan: {
      status: 'success',
      severity: 'Critical',
      counts: scanCounts,
      total: 6,
      fixable: 4,
      endTime: '2024-05-01T10:05:00Z',
      scanner: { name: 'Trivy', vendor: 'Aqua Security', version: '0.50.1' },
      ...partial.scan,
    },
  };
}

export function images(partial: Partial<EntityImages> = {}): EntityImages {
  return {
    stale: false,
    fetchedAt: '2024-05-03T12:00:00Z',
    repositories: [
      {
        instance: 'default',
        project: 'team-a',
        repository: 'api',
        harborUrl:
          'https://harbor.example.com/harbor/projects/1/repositories/api',
        status: { state: 'fresh', fetchedAt: '2024-05-03T12:00:00Z' },
        artifacts: [
          artifact(),
          artifact({
            digest: `sha256:${'b'.repeat(64)}`,
            tags: ['1.4.1'],
            pushTime: '2024-04-20T10:00:00Z',
            scan: {
              status: 'not-scanned',
              counts: counts(),
              total: 0,
              fixable: 0,
            },
          }),
        ],
      },
      {
        instance: 'default',
        project: 'team-a',
        repository: 'batch/nightly-report',
        harborUrl:
          'https://harbor.example.com/harbor/projects/1/repositories/batch%2Fnightly-report',
        status: { state: 'fresh', fetchedAt: '2024-05-03T12:00:00Z' },
        artifacts: [
          artifact({
            digest: `sha256:${'c'.repeat(64)}`,
            tags: ['2024.05.01'],
            scan: {
              status: 'success',
              severity: 'Medium',
              counts: counts({ Medium: 1 }),
              total: 1,
              fixable: 0,
            },
          }),
        ],
      },
    ],
    ...partial,
  };
}

/** One repository of a vulnerability summary: team-a/api's latest artifact, 1.4.2, unless told otherwise. */
export function repositorySummary(
  partial: Partial<RepositoryVulnerabilitySummary> = {},
): RepositoryVulnerabilitySummary {
  return {
    instance: 'default',
    project: 'team-a',
    repository: 'api',
    artifact: artifact(),
    fixableCriticals: 2,
    ...partial,
  };
}

/** The summary the backend sends for {@link images}: the latest artifact of each repository, worst first. */
export function vulnerabilitySummary(
  partial: Partial<EntityVulnerabilitySummary> = {},
): EntityVulnerabilitySummary {
  const [api, nightly] = images().repositories;
  return {
    stale: false,
    fetchedAt: '2024-05-03T12:00:00Z',
    repositories: [
      repositorySummary({ artifact: api.artifacts[0] }),
      repositorySummary({
        repository: 'batch/nightly-report',
        artifact: nightly.artifacts[0],
        fixableCriticals: 0,
      }),
    ],
    unavailable: [],
    ...partial,
  };
}

export function vulnerability(
  partial: Partial<HarborVulnerability> = {},
): HarborVulnerability {
  return {
    id: 'CVE-2024-0001',
    severity: 'Critical',
    cvssScore: 9.8,
    package: 'openssl',
    version: '3.0.1',
    fixVersion: '3.0.13',
    links: ['https://avd.aquasec.com/nvd/cve-2024-0001'],
    description: 'A buffer overflow in openssl.',
    ...partial,
  };
}

export function vulnerabilityPage(
  partial: Partial<VulnerabilityPage> = {},
): VulnerabilityPage {
  const items = partial.items ?? [
    vulnerability(),
    vulnerability({
      id: 'CVE-2024-0002',
      severity: 'High',
      cvssScore: 7.5,
      package: 'zlib',
      version: '1.2.11',
      fixVersion: undefined,
      description: 'A heap overflow in zlib.',
    }),
  ];
  return {
    items,
    total: items.length,
    page: 1,
    pageSize: 25,
    counts: counts({ Critical: 1, High: 1 }),
    ...partial,
  };
}

export function registryHealth(
  partial: Partial<RegistryHealth> = {},
): RegistryHealth {
  return {
    instance: 'default',
    harborUrl: 'https://harbor.example.com',
    status: 'healthy',
    components: [
      { name: 'core', status: 'healthy' },
      { name: 'database', status: 'healthy' },
      { name: 'jobservice', status: 'healthy' },
    ],
    version: 'v2.11.0',
    readOnly: false,
    quotas: [{ project: 'team-a', used: 5 * 1024 ** 3, limit: 10 * 1024 ** 3 }],
    scanner: {
      name: 'Trivy',
      vendor: 'Aqua Security',
      version: '0.50.1',
      healthy: true,
    },
    lastReplication: {
      status: 'Succeed',
      outcome: 'succeeded',
      startTime: '2024-05-03T01:00:00Z',
      endTime: '2024-05-03T01:02:00Z',
      policy: 'mirror-to-dr',
    },
    lastGarbageCollection: {
      status: 'Success',
      outcome: 'succeeded',
      startTime: '2024-05-02T03:00:00Z',
      endTime: '2024-05-02T03:10:00Z',
    },
    stale: false,
    fetchedAt: '2024-05-03T12:00:00Z',
    ...partial,
  };
}

export function trend(days = 5): VulnerabilityTrend {
  const severities: Severity[] = ['Critical', 'High', 'Medium', 'Low'];
  return {
    points: Array.from({ length: days }, (_, i) => ({
      time: new Date(Date.UTC(2024, 4, 1 + i)).toISOString(),
      counts: counts(
        Object.fromEntries(severities.map((s, j) => [s, (days - i) * (j + 1)])),
      ),
    })),
  };
}

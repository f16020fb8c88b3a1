import type {
  FleetArtifact,
  FleetSearchResult,
  FleetSummary,
} from '@backstage-harbor/plugin-harbor-common';
import { counts } from './fixtures';

/* Fleet view models for the page's tests. Only test files import this module. */

export function fleetArtifact(
  partial: Partial<FleetArtifact> = {},
): FleetArtifact {
  return {
    instance: 'default',
    project: 'team-a',
    repository: 'api',
    digest: `sha256:${'a'.repeat(64)}`,
    tags: ['1.4.1'],
    version: '2.14.1',
    fixedVersion: '2.17.1',
    harborUrl:
      'https://harbor.example.com/harbor/projects/1/repositories/api/artifacts-tab/artifacts/sha256:aaa',
    entities: [
      {
        entityRef: 'component:default/orders-api',
        kind: 'Component',
        name: 'orders-api',
        owners: [{ entityRef: 'group:default/team-a', title: 'Team A' }],
      },
    ],
    hiddenEntities: 0,
    owners: [{ entityRef: 'group:default/team-a', title: 'Team A' }],
    running: {
      state: 'running',
      cluster: 'demo',
      containers: [
        { namespace: 'orders', pod: 'orders-api-5d9f', container: 'api' },
      ],
    },
    ...partial,
  };
}

export function fleetResult(): FleetSearchResult {
  return {
    query: { cveId: 'CVE-2021-44228' },
    generatedAt: '2026-12-08T10:00:00.000Z',
    instances: [
      {
        instance: 'default',
        source: 'security-hub',
        harborVersion: 'v2.13.0',
        totalHits: 2,
        truncated: false,
        vulnerabilities: [
          {
            cveId: 'CVE-2021-44228',
            package: 'log4j-core',
            severity: 'Critical',
            cvssScoreV3: 10,
            description: 'Log4Shell: JNDI lookups in log messages',
            links: ['https://nvd.nist.gov/vuln/detail/CVE-2021-44228'],
            fixable: true,
            artifacts: [
              fleetArtifact(),
              fleetArtifact({
                project: 'team-b',
                repository: 'reports',
                digest: `sha256:${'b'.repeat(64)}`,
                tags: [],
                entities: [],
                hiddenEntities: 1,
                owners: [],
                running: { state: 'not-running', containers: [] },
              }),
            ],
          },
        ],
      },
      {
        instance: 'legacy',
        source: 'listing',
        totalHits: 0,
        truncated: false,
        vulnerabilities: [],
        status: {
          state: 'unreachable',
          message: 'Harbor instance "legacy" is unreachable',
        },
      },
    ],
  };
}

export function fleetSummary(): FleetSummary {
  return {
    generatedAt: '2026-12-08T10:00:00.000Z',
    instances: [
      {
        instance: 'default',
        source: 'security-hub',
        harborVersion: 'v2.13.0',
        counts: counts({ Critical: 3, High: 7 }),
        totalVulnerabilities: 10,
        fixableVulnerabilities: 6,
        scannedArtifacts: 9,
        totalArtifacts: 12,
        dangerousCves: [
          {
            cveId: 'CVE-2021-44228',
            severity: 'Critical',
            cvssScoreV3: 10,
            package: 'log4j-core',
          },
        ],
        dangerousArtifacts: [],
        truncated: false,
      },
    ],
  };
}

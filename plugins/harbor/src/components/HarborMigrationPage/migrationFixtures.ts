import type {
  MigrationRepositoryStatus,
  MigrationStatus,
} from '@backstage-harbor/plugin-harbor-common';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

const repository = (
  r: Partial<MigrationRepositoryStatus> &
    Pick<MigrationRepositoryStatus, 'source' | 'state'>,
): MigrationRepositoryStatus => ({
  project: 'team-a',
  repository: r.source.split('/').pop()!,
  target: `team-a/${r.source.split('/').pop()}`,
  tags: [],
  matchingTags: 0,
  replication: {
    policyName: 'migrate-old-registry-to-team-a',
    state: 'no-policy',
  },
  workloads: [],
  ...r,
});

/** A migration half-way: one repository of each state, two workloads still on the old registry. */
export const migrationStatus: MigrationStatus = {
  configured: true,
  registry: 'https://registry.old.example.com',
  instance: 'default',
  registryName: 'old-registry',
  rulesConfigured: true,
  unmapped: [],
  stale: false,
  fetchedAt: '2026-01-10T10:00:00Z',
  workloads: { state: 'checked', pods: 12, unmatched: [] },
  summary: {
    repositories: 4,
    migrated: 1,
    workloadsOnOldRegistry: 2,
    canRetire: false,
  },
  repositories: [
    repository({
      source: 'team-a/api',
      state: 'migrated',
      matchingTags: 2,
      tags: [
        { tag: '1.0', state: 'matching', sourceDigest: D1, harborDigest: D1 },
        { tag: '2.0', state: 'matching', sourceDigest: D2, harborDigest: D2 },
      ],
      replication: {
        policyName: 'migrate-old-registry-to-team-a',
        state: 'executed',
        policyId: 1,
        enabled: true,
        harborUrl: 'https://harbor.example.com/harbor/replications',
        lastExecution: {
          id: 3,
          status: 'Succeed',
          startTime: '2026-01-10T09:00:00Z',
          total: 4,
          succeed: 4,
          failed: 0,
        },
      },
      workloads: [
        {
          namespace: 'team-a',
          pod: 'api-7c9d-x',
          owner: 'ReplicaSet/api-7c9d',
          container: 'app',
          image: 'registry.old.example.com/team-a/api:2.0',
        },
      ],
    }),
    repository({
      source: 'team-a/web',
      state: 'missing-tags',
      matchingTags: 1,
      tags: [
        { tag: 'v1', state: 'matching', sourceDigest: D1, harborDigest: D1 },
        { tag: 'v2', state: 'missing', sourceDigest: D2 },
      ],
    }),
    repository({
      source: 'team-a/cli',
      state: 'digest-mismatch',
      tags: [
        { tag: '0.9', state: 'mismatched', sourceDigest: D1, harborDigest: D2 },
      ],
      workloads: [
        {
          namespace: 'team-a',
          pod: 'cli-job',
          container: 'cli',
          image: 'registry.old.example.com/team-a/cli:0.9',
        },
      ],
    }),
    repository({
      source: 'legacy-app',
      state: 'not-replicated',
      tags: [{ tag: 'old', state: 'missing', sourceDigest: D1 }],
      replication: {
        policyName: 'migrate-old-registry-to-team-a',
        state: 'never-run',
        policyId: 2,
      },
    }),
  ],
};

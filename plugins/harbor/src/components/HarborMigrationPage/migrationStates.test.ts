import { migrationSummary, replicationLabel } from './migrationStates';
import { migrationStatus } from './migrationFixtures';

describe('migrationSummary', () => {
  it('counts migrated repositories and workloads still on the old registry', () => {
    expect(migrationSummary(migrationStatus)).toBe(
      '1 of 4 repositories migrated, 2 workloads still on the old registry — the old registry can go when both are zero',
    );
  });

  it('says when workloads could not be checked', () => {
    expect(
      migrationSummary({
        ...migrationStatus,
        workloads: { state: 'not-configured', pods: 0, unmatched: [] },
      }),
    ).toContain('workloads not checked (no cluster)');
  });
});

describe('replicationLabel', () => {
  it('says what the last execution copied', () => {
    expect(replicationLabel(migrationStatus.repositories[0].replication)).toBe(
      'Succeeded (4/4 copied)',
    );
  });

  it('names a missing policy and a policy never run', () => {
    expect(replicationLabel({ policyName: 'p', state: 'no-policy' })).toBe(
      'No replication policy',
    );
    expect(replicationLabel(migrationStatus.repositories[3].replication)).toBe(
      'Policy never run',
    );
  });
});

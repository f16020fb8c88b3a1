import { policyTakes, replicationView } from './replicationState';

describe('policyTakes', () => {
  const named = (value: string) => ({ filters: [{ type: 'name', value }] });

  it('takes the repositories of the alternatives harbor:migration:replicate writes, exactly', () => {
    const policy = named('{team-a/api,team-a/web}');
    expect(policyTakes(policy, 'team-a/api')).toBe(true);
    expect(policyTakes(policy, 'team-a/web')).toBe(true);
    expect(policyTakes(policy, 'team-a/api2')).toBe(false);
  });

  it('matches name filters as Harbor does: * within a component, ** across, classes, a dot as a dot', () => {
    expect(policyTakes(named('team-a/*'), 'team-a/x/api')).toBe(false);
    expect(policyTakes(named('team-a/**'), 'team-a/x/api')).toBe(true);
    expect(policyTakes(named('team-a/**'), 'team-a')).toBe(false);
    expect(policyTakes(named('team-[ab]/api'), 'team-b/api')).toBe(true);
    expect(policyTakes(named('legacy.app'), 'legacyxapp')).toBe(false);
  });

  it('takes nothing with a pattern Harbor refuses', () => {
    expect(policyTakes(named('team-[a/api'), 'team-a/api')).toBe(false);
  });

  it('honours excludes and takes everything without a name filter', () => {
    expect(policyTakes({ filters: [] }, 'x')).toBe(true);
    expect(
      policyTakes(
        { filters: [{ type: 'name', value: 'a/**', decoration: 'excludes' }] },
        'a/b',
      ),
    ).toBe(false);
  });
});

describe('replicationView', () => {
  const policy = {
    id: 7,
    enabled: true,
    filters: [{ type: 'name', value: 'team-a/api' }],
  };

  it('says no-policy without a policy and never-run without executions', () => {
    expect(
      replicationView({
        policyName: 'p',
        source: 'team-a/api',
        uiUrl: 'https://h',
      }),
    ).toEqual({ policyName: 'p', state: 'no-policy' });
    expect(
      replicationView({
        policyName: 'p',
        policy,
        source: 'team-a/api',
        uiUrl: 'https://h/',
      }),
    ).toMatchObject({
      state: 'never-run',
      policyId: 7,
      harborUrl: 'https://h/harbor/replications',
    });
  });

  it('says not-in-policy when the filter leaves the repository out', () => {
    expect(
      replicationView({
        policyName: 'p',
        policy,
        source: 'team-a/web',
        uiUrl: 'https://h',
      }).state,
    ).toBe('not-in-policy');
  });

  it("reports the policy's last execution", () => {
    expect(
      replicationView({
        policyName: 'p',
        policy,
        last: {
          id: 2,
          status: 'Succeed',
          start_time: '2026-01-02T00:00:00Z',
          total: 3,
          succeed: 3,
          failed: 0,
        },
        source: 'team-a/api',
        uiUrl: 'https://h',
      }),
    ).toMatchObject({
      state: 'executed',
      lastExecution: {
        id: 2,
        status: 'Succeed',
        startTime: '2026-01-02T00:00:00Z',
        total: 3,
        succeed: 3,
      },
    });
  });
});

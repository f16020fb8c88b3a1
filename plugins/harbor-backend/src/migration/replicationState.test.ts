import {
  latestExecution,
  nameFilterRegExp,
  policyTakes,
  replicationView,
} from './replicationState';

describe('nameFilterRegExp', () => {
  it('matches the alternatives harbor:migration:replicate writes, exactly', () => {
    const re = nameFilterRegExp('{team-a/api,team-a/web}');
    expect(re.test('team-a/api')).toBe(true);
    expect(re.test('team-a/web')).toBe(true);
    expect(re.test('team-a/api2')).toBe(false);
  });

  it('keeps * inside one path component and ** across', () => {
    expect(nameFilterRegExp('team-a/*').test('team-a/x/api')).toBe(false);
    expect(nameFilterRegExp('team-a/**').test('team-a/x/api')).toBe(true);
    expect(nameFilterRegExp('legacy.app').test('legacyxapp')).toBe(false);
  });
});

describe('policyTakes', () => {
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

  it('reports the latest execution', () => {
    const last = latestExecution([
      { id: 1, status: 'Failed', start_time: '2026-01-01T00:00:00Z' },
      { id: 2, status: 'Succeed', start_time: '2026-01-02T00:00:00Z' },
    ]);
    expect(
      replicationView({
        policyName: 'p',
        policy,
        last,
        source: 'team-a/api',
        uiUrl: 'https://h',
      }),
    ).toMatchObject({
      state: 'executed',
      lastExecution: { id: 2, status: 'Succeed' },
    });
  });
});

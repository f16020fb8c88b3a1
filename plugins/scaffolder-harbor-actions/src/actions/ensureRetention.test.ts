import { Harness, startHarness } from '../__testUtils__/harness';

describe('harbor:retention:ensure', () => {
  let h: Harness;
  const run = (input: any, options?: { dryRun?: boolean }) =>
    h.run('harbor:retention:ensure', input, options);
  const policyOf = (project: string) => {
    const p = h.sim.state.projectByName(project)!;
    return h.sim.state.retentions.find(
      r => String(r.id) === p.metadata.retention_id,
    )?.policy;
  };

  beforeAll(async () => {
    h = await startHarness();
    await h.run('harbor:project:ensure', { project: 'team-a' });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.clearLogs());
  afterEach(() => h.sim.assertNoViolations());

  it('creates the policy with Harbor rule templates and a 6-field cron', async () => {
    const { outputs, error } = await run({
      project: 'team-a',
      rules: [
        { keepLastPushed: 10 },
        {
          repositories: 'web/**',
          tags: 'v*',
          keepPulledWithinDays: 30,
          untagged: false,
        },
      ],
      schedule: '0 0 2 * * *',
    });
    expect(error).toBeUndefined();
    const policy = policyOf('team-a')!;
    expect(outputs.retentionId).toBe(policy.id);
    expect(policy.trigger).toEqual({
      kind: 'Schedule',
      settings: { cron: '0 0 2 * * *' },
    });
    expect(policy.rules).toEqual([
      expect.objectContaining({
        template: 'latestPushedK',
        params: { latestPushedK: 10 },
        tag_selectors: [
          {
            kind: 'doublestar',
            decoration: 'matches',
            pattern: '**',
            extras: '{"untagged":true}',
          },
        ],
        scope_selectors: {
          repository: [
            { kind: 'doublestar', decoration: 'repoMatches', pattern: '**' },
          ],
        },
      }),
      expect.objectContaining({
        template: 'nDaysSinceLastPull',
        params: { nDaysSinceLastPull: 30 },
      }),
    ]);
    expect(h.sim.writes().map(w => w.operationId)).toEqual(['createRetention']);
  });

  it('makes no write on a second run', async () => {
    const { lines } = await run({
      project: 'team-a',
      rules: [
        { keepLastPushed: 10 },
        {
          repositories: 'web/**',
          tags: 'v*',
          keepPulledWithinDays: 30,
          untagged: false,
        },
      ],
      schedule: '0 0 2 * * *',
    });
    expect(h.sim.writes()).toEqual([]);
    expect(lines.at(-1)?.message).toBe(
      'Harbor retention policy of project team-a: everything is in place, nothing to change',
    );
  });

  it('puts the policy bound through metadata.retention_id when the request changes (one policy per project)', async () => {
    const id = policyOf('team-a')!.id;
    const { error } = await run({
      project: 'team-a',
      rules: [{ keepLastPushed: 5 }],
      schedule: '@weekly',
    });
    expect(error).toBeUndefined();
    expect(h.sim.writes().map(w => w.operationId)).toEqual(['updateRetention']);
    expect(policyOf('team-a')!.id).toBe(id);
    expect(policyOf('team-a')!.trigger?.settings).toEqual({
      cron: '0 0 0 * * 0',
    });
    expect(policyOf('team-a')!.rules).toHaveLength(1);
  });

  it('reports and reconciles a rule changed in the Harbor UI', async () => {
    (policyOf('team-a')!.rules![0].params as any).latestPushedK = 99;
    const { lines } = await run({
      project: 'team-a',
      rules: [{ keepLastPushed: 5 }],
      schedule: '@weekly',
    });
    expect(
      lines.some(
        l =>
          l.level === 'warn' &&
          l.message.startsWith('drift on retention policy of project team-a'),
      ),
    ).toBe(true);
    expect((policyOf('team-a')!.rules![0].params as any).latestPushedK).toBe(5);
  });

  it('plans a policy for a project that does not exist yet in a dry run', async () => {
    const { outputs, error } = await run(
      { project: 'not-yet', rules: [{ keepLastPulled: 3 }] },
      { dryRun: true },
    );
    expect(error).toBeUndefined();
    expect(h.sim.writes()).toEqual([]);
    expect(outputs.plan).toEqual([
      {
        resource: 'retention policy of project not-yet',
        action: 'create',
        detail:
          "keep the 3 most recently pulled of tags ** (and untagged) in repositories **; runs at cron '0 0 0 * * *'",
      },
    ]);
  });

  it('fails on a missing project in a real run, before any write', async () => {
    const { error } = await run({
      project: 'missing',
      rules: [{ keepAlways: true }],
    });
    expect(error?.message).toBe(
      "project: Harbor instance 'default' has no project 'missing'; create it first with harbor:project:ensure",
    );
    expect(h.sim.writes()).toEqual([]);
  });
});

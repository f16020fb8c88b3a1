import { Harness, startHarness } from '../__testUtils__/harness';

describe('harbor:immutability:ensure', () => {
  let h: Harness;
  const run = (input: any, options?: { dryRun?: boolean }) =>
    h.run('harbor:immutability:ensure', input, options);
  const rulesOf = (project: string) => {
    const p = h.sim.state.projectByName(project)!;
    return h.sim.state.immutableRules.filter(
      r => r.project_id === p.project_id,
    );
  };

  beforeAll(async () => {
    h = await startHarness();
    await h.run('harbor:project:ensure', { project: 'team-a' });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.clearLogs());
  afterEach(() => h.sim.assertNoViolations());

  it('creates the requested rules', async () => {
    const { outputs, error } = await run({
      project: 'team-a',
      rules: [{ tags: 'v*' }, { repositories: 'api/**', tags: 'release-*' }],
    });
    expect(error).toBeUndefined();
    const rules = rulesOf('team-a');
    expect(
      rules.map(r => [
        r.rule.scope_selectors?.repository?.[0].pattern,
        r.rule.tag_selectors?.[0].pattern,
      ]),
    ).toEqual([
      ['**', 'v*'],
      ['api/**', 'release-*'],
    ]);
    expect(outputs.ruleIds).toEqual(rules.map(r => r.id));
  });

  it('makes no write on a second run and leaves rules it was not asked about', async () => {
    const { lines } = await run({ project: 'team-a', rules: [{ tags: 'v*' }] });
    expect(h.sim.writes()).toEqual([]);
    expect(rulesOf('team-a')).toHaveLength(2);
    expect(lines.at(-1)?.message).toBe(
      'Harbor immutability rules of project team-a: everything is in place, nothing to change',
    );
  });

  it('enables a requested rule that was disabled in the Harbor UI', async () => {
    rulesOf('team-a')[0].rule.disabled = true;
    const { lines } = await run({ project: 'team-a', rules: [{ tags: 'v*' }] });
    expect(h.sim.writes().map(w => w.operationId)).toEqual(['UpdateImmuRule']);
    expect(rulesOf('team-a')[0].rule.disabled).toBe(false);
    expect(lines.filter(l => l.level === 'warn')).toHaveLength(1);
  });

  it('plans the rules in a dry run without writing', async () => {
    const { outputs } = await run(
      { project: 'team-a', rules: [{ tags: 'stable' }] },
      { dryRun: true },
    );
    expect(h.sim.writes()).toEqual([]);
    expect((outputs.plan as any[]).map(c => c.action)).toEqual(['create']);
  });
});

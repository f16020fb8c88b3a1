import { Harness, startHarness } from '../__testUtils__/harness';

describe('harbor:members:ensure', () => {
  let h: Harness;
  const run = (input: any, options?: { dryRun?: boolean }) =>
    h.run('harbor:members:ensure', input, options);
  const membersOf = (project: string) => {
    const p = h.sim.state.projectByName(project)!;
    return h.sim.state.members
      .filter(m => m.project_id === p.project_id)
      .map(m => [m.entity_type, m.entity_name, m.role_id]);
  };

  beforeAll(async () => {
    h = await startHarness();
    await h.run('harbor:project:ensure', { project: 'team-a' });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.clearLogs());
  afterEach(() => h.sim.assertNoViolations());

  it('adds a catalog Group as an OIDC user group and a catalog User by username, with their roles', async () => {
    const { error } = await run({
      project: 'team-a',
      members: [
        { entity: 'group:default/team-a', role: 'maintainer' },
        { entity: 'user:alice', role: 'limitedGuest' },
      ],
    });
    expect(error).toBeUndefined();
    expect(membersOf('team-a')).toEqual([
      ['u', 'admin', 1],
      ['g', 'team-a', 4],
      ['u', 'alice', 5],
    ]);
    const group = h.sim.state.userGroups.find(g => g.group_name === 'team-a');
    expect(group?.group_type).toBe(3);
  });

  it('makes no write on a second run', async () => {
    await run({
      project: 'team-a',
      members: [
        { entity: 'Group:default/team-a', role: 'maintainer' },
        { entity: 'user:default/alice', role: 'limitedGuest' },
      ],
    });
    expect(h.sim.writes()).toEqual([]);
  });

  it('reports and reconciles a role changed in the Harbor UI', async () => {
    const member = h.sim.state.members.find(
      m =>
        m.entity_name === 'alice' &&
        m.project_id === h.sim.state.projectByName('team-a')!.project_id,
    )!;
    member.role_id = 1;
    const { lines } = await run({
      project: 'team-a',
      members: [{ entity: 'user:alice', role: 'limitedGuest' }],
    });
    expect(lines.filter(l => l.level === 'warn').map(l => l.message)).toEqual([
      'drift on user alice (user:default/alice) in project team-a: role projectAdmin → limitedGuest; reconciling',
    ]);
    expect(member.role_id).toBe(5);
  });

  it('explains that a user must log in to Harbor first', async () => {
    const { error } = await run({
      project: 'team-a',
      members: [{ entity: 'user:default/nobody', role: 'guest' }],
    });
    expect(error?.message).toBe(
      "members: Harbor instance 'default' has no user 'nobody' (user:default/nobody); a user appears in Harbor after the first login (or through LDAP)",
    );
  });

  it('plans members in a dry run without writing', async () => {
    const { outputs } = await run(
      {
        project: 'team-a',
        members: [{ entity: 'user:bob', role: 'developer' }],
      },
      { dryRun: true },
    );
    expect(h.sim.writes()).toEqual([]);
    expect(outputs.plan).toEqual([
      {
        resource: 'user bob (user:default/bob) in project team-a',
        action: 'create',
        detail: 'add as developer',
      },
    ]);
  });
});

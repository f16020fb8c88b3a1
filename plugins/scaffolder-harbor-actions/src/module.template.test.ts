import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { Harness, startHarness } from './__testUtils__/harness';
import { startScaffolder } from './__testUtils__/scaffolder';
import { SECRETS_NAMESPACE, storedSecret } from './__testUtils__/kubernetes';

const VALUES = {
  owner: 'group:default/team-a',
  project: 'team-a',
  storageQuota: '10GiB',
  public: false,
  preventVulnerable: 'high',
  retention: 'keep-last',
  retentionCount: 10,
  retentionDays: 90,
  protectReleaseTags: true,
  robots: [
    { name: 'ci', access: 'pull+push', expiresInDays: 90 },
    { name: 'deploy', access: 'pull' },
  ],
};

describe('templates/harbor-project in the real scaffolder', () => {
  let h: Harness;
  let scaffolder: Awaited<ReturnType<typeof startScaffolder>>;

  beforeAll(async () => {
    h = await startHarness();
    scaffolder = await startScaffolder(scaffolderPlugin, h.config);
  });
  afterAll(async () => {
    await scaffolder.backend.stop();
    await h.stop();
  });
  beforeEach(() => h.clearLogs());
  afterEach(() => h.sim.assertNoViolations());

  it('lists every harbor action with its examples and dry-run support', async () => {
    const res = await scaffolder.http
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', scaffolder.auth);
    const harbor = res.body.filter((a: any) => a.id.startsWith('harbor:'));
    expect(harbor.map((a: any) => a.id).sort()).toEqual([
      'harbor:gitops:commit',
      'harbor:immutability:ensure',
      'harbor:members:ensure',
      'harbor:migration:inventory',
      'harbor:migration:replicate',
      'harbor:migration:verify',
      'harbor:platform:render',
      'harbor:project:ensure',
      'harbor:retention:ensure',
      'harbor:robot:ensure',
      'harbor:team:render',
      'harbor:webhook:ensure',
    ]);
    // Every action that talks to Harbor lets the template choose the instance; the GitOps actions do not.
    const gitopsActions = [
      'harbor:gitops:commit',
      'harbor:platform:render',
      'harbor:team:render',
    ];
    const talksToHarbor = harbor.filter(
      (a: any) => !gitopsActions.includes(a.id),
    );
    for (const action of talksToHarbor) {
      expect(action.schema.input.properties.instance.description).toBeTruthy();
    }
    for (const action of harbor) {
      expect(action.examples.length).toBeGreaterThan(0);
      expect(JSON.stringify(action.schema.input)).not.toMatch(
        /"(token|password)"/,
      );
    }
  });

  it('dry-runs the template: reads only, and plans every change', async () => {
    const res = await scaffolder.dryRun(VALUES);
    expect(res.status).toBe(200);
    expect(h.sim.writes()).toEqual([]);
    expect(h.k8s.requestLog.writes()).toEqual([]);
    const messages = res.body.log.map((l: any) => l.body.message).join('\n');
    expect(messages).toContain('[dry run] would create project team-a');
    expect(messages).toContain(
      '[dry run] would create robot ci of project team-a',
    );
    expect(messages).toContain(
      '[dry run] would create retention policy of project team-a',
    );
    expect(res.body.output.links[0].url).toBe(`${h.sim.url}/harbor/projects`);
    expect(h.sim.state.projectByName('team-a')).toBeUndefined();
  });

  it('runs the template for real, then again with no write', async () => {
    const { task, events } = await scaffolder.runTask(VALUES);
    expect(task.status).toBe('completed');
    const project = h.sim.state.projectByName('team-a')!;
    expect(project.metadata).toMatchObject({
      prevent_vul: 'true',
      severity: 'high',
    });
    expect(h.sim.state.quotaOfProject(project.project_id)!.hard).toBe(
      10 * 1024 ** 3,
    );
    const robots = h.sim.state.robots.filter(r => r.project_name === 'team-a');
    expect(robots.map(r => r.name)).toEqual(['ci', 'deploy']);
    for (const robot of robots) {
      const stored = storedSecret(h.k8s, `harbor-robot-team-a-${robot.name}`)!;
      expect(stored.secret.metadata.namespace).toBe(SECRETS_NAMESPACE);
      expect(Object.values<any>(stored.dockerConfig.auths)[0].password).toBe(
        robot.secret,
      );
    }
    expect(
      h.sim.state.members
        .filter(m => m.project_id === project.project_id)
        .map(m => [m.entity_name, m.role_id]),
    ).toEqual([
      ['admin', 1],
      ['team-a', 4],
    ]);
    expect(
      h.sim.state.immutableRules.filter(
        r => r.project_id === project.project_id,
      ),
    ).toHaveLength(1);
    expect(project.metadata.retention_id).toBeDefined();

    const completion = events.find(e => e.type === 'completion')!;
    expect(completion.body.output.links).toEqual([
      {
        title: 'Project in Harbor',
        icon: 'dashboard',
        url: `${h.sim.url}/harbor/projects/${project.project_id}`,
      },
      {
        title: 'Owner in the portal',
        icon: 'group',
        entityRef: 'group:default/team-a',
      },
    ]);

    h.clearLogs();
    const again = await scaffolder.runTask(VALUES);
    expect(again.task.status).toBe('completed');
    expect(h.sim.writes()).toEqual([]);
    expect(h.k8s.requestLog.writes()).toEqual([]);
    const log = again.events
      .filter(e => e.type === 'log')
      .map(e => e.body.message)
      .join('\n');
    expect(log).toContain(
      'Harbor project team-a: everything is in place, nothing to change',
    );
    expect(log).toContain(
      'Harbor robots of project team-a: everything is in place, nothing to change',
    );
  });
});

import { JsonObject } from '@backstage/types';
import type { Harness } from './harness';
import { storedSecret } from './kubernetes';

/** The full onboarding of the benchmark and the fault tests: each action once, as the template runs them. */
export function onboardingSteps(project: string): Array<[string, JsonObject]> {
  return [
    [
      'harbor:project:ensure',
      {
        project,
        owner: 'group:default/team-a',
        storageQuota: '10GiB',
        preventVulnerable: 'high',
      },
    ],
    [
      'harbor:robot:ensure',
      {
        project,
        robots: [
          { name: 'ci', access: 'pull+push', expiresInDays: 90 },
          { name: 'deploy', access: 'pull' },
        ],
      },
    ],
    [
      'harbor:retention:ensure',
      { project, rules: [{ keepLastPushed: 10 }], schedule: '0 0 2 * * *' },
    ],
    ['harbor:immutability:ensure', { project, rules: [{ tags: 'v*' }] }],
    [
      'harbor:members:ensure',
      {
        project,
        members: [{ entity: 'group:default/team-a', role: 'maintainer' }],
      },
    ],
    [
      'harbor:webhook:ensure',
      {
        project,
        name: 'deployer',
        url: 'https://deployer.example.com/hooks/harbor',
        events: ['PUSH_ARTIFACT', 'SCANNING_COMPLETED'],
      },
    ],
  ];
}

/** Runs the steps in order and stops at the first failure, as the scaffolder does. */
export async function onboard(
  h: Harness,
  project: string,
  options: { dryRun?: boolean } = {},
) {
  const lines: string[] = [];
  const outputs: unknown[] = [];
  for (const [id, input] of onboardingSteps(project)) {
    const result = await h.run(id, input, options);
    lines.push(
      ...result.lines.map(
        l => `${l.message} ${l.meta ? JSON.stringify(l.meta) : ''}`,
      ),
    );
    outputs.push(result.outputs);
    if (result.error) return { error: result.error, lines, outputs };
  }
  return { error: undefined, lines, outputs };
}

/** Throws unless the project is exactly as onboarded, with no orphan robot, rule, member or webhook. */
export function expectOnboarded(h: Harness, name: string) {
  const { state } = h.sim;
  const project = state.projectByName(name);
  expect(project).toBeDefined();
  const id = project!.project_id;
  expect(project!.metadata).toMatchObject({
    public: 'false',
    auto_scan: 'true',
    prevent_vul: 'true',
    severity: 'high',
    reuse_sys_cve_allowlist: 'true',
  });
  expect(state.quotaOfProject(id)!.hard).toBe(10 * 1024 ** 3);

  const robots = state.robots.filter(r => r.project_id === id);
  expect(
    robots
      .map(r => [
        r.name,
        r.duration,
        r.permissions[0].access!.map(a => a.action).join('+'),
      ])
      .sort(),
  ).toEqual([
    ['ci', 90, 'pull+push'],
    ['deploy', -1, 'pull'],
  ]);
  for (const robot of robots) {
    // The Secret holds the robot's current secret: nobody is left without a usable credential.
    const stored = storedSecret(h.k8s, `harbor-robot-${name}-${robot.name}`);
    expect(stored).toBeDefined();
    const auth = Object.values<any>(stored!.dockerConfig.auths)[0];
    expect(auth.username).toBe(`robot$${name}+${robot.name}`);
    expect(auth.password).toBe(robot.secret);
    expect(stored!.secret.metadata.annotations['goharbor.io/robot-id']).toBe(
      String(robot.id),
    );
  }

  const retention = state.retentions.filter(r => r.policy.scope?.ref === id);
  expect(retention).toHaveLength(1);
  expect(project!.metadata.retention_id).toBe(String(retention[0].id));
  expect(retention[0].policy.rules!.map(r => [r.template, r.params])).toEqual([
    ['latestPushedK', { latestPushedK: 10 }],
  ]);
  expect(retention[0].policy.trigger?.settings).toEqual({
    cron: '0 0 2 * * *',
  });

  const immutable = state.immutableRules.filter(r => r.project_id === id);
  expect(immutable.map(r => r.rule.tag_selectors![0].pattern)).toEqual(['v*']);

  const members = state.members.filter(
    m => m.project_id === id && m.entity_type === 'g',
  );
  expect(members.map(m => [m.entity_name, m.role_id])).toEqual([['team-a', 4]]);

  const hooks = state.webhookPolicies.filter(w => w.project_id === id);
  expect(hooks.map(w => w.name)).toEqual(['deployer']);
}

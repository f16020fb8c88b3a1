import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { mockCredentials } from '@backstage/backend-test-utils';
import { HARBOR_PROJECT_OWNER_LABEL } from '@backstage-harbor/plugin-harbor-node';
import { JsonObject } from '@backstage/types';
import { clientsFor } from './__testUtils__/harbor';
import { Harness, startHarness } from './__testUtils__/harness';
import {
  actionTemplate,
  actionTemplateName,
  startScaffolder,
} from './__testUtils__/scaffolder';

const ALICE = mockCredentials.user.header('user:default/alice');
const BOB = mockCredentials.user.header('user:default/bob');
const GUEST = mockCredentials.user.header('user:default/guest');
const SERVICE = mockCredentials.service.header();

const PLATFORM = {
  hostname: 'harbor.internal.example.com',
  storageClass: 'ceph-block',
  s3: {
    endpoint: 'http://rgw.rook-ceph.svc',
    bucket: 'harbor',
    encrypt: false,
  },
  ingress: { className: 'internal', clusterIssuer: 'internal-ca' },
  onePassword: { clusterSecretStore: 'op-platform' },
  monitoring: { runbookBaseUrl: 'https://backstage.example.com/docs/x' },
};

/**
 * Every Harbor action but harbor:gitops:commit (its own tests), with an input on team-a's project, who may run
 * it, and the permission a user of another team (or any team) is refused.
 */
const ACTIONS: Array<{
  action: string;
  input: JsonObject;
  permission: string;
  allowed: string;
  /** Refused with the project named; the basic permissions name none. */
  onProject: boolean;
  /** Whether a run it allows completes: the migration has no old registry configured here. */
  completes?: false;
}> = [
  {
    action: 'harbor:project:ensure',
    input: { project: 'team-a', public: true },
    permission: 'harbor.project.update',
    allowed: ALICE,
    onProject: true,
  },
  {
    action: 'harbor:members:ensure',
    input: {
      project: 'team-a',
      members: [{ entity: 'group:default/team-b', role: 'maintainer' }],
    },
    permission: 'harbor.project.members.update',
    allowed: ALICE,
    onProject: true,
  },
  {
    action: 'harbor:robot:ensure',
    input: { project: 'team-a', robots: [{ name: 'deploy', access: 'pull' }] },
    permission: 'harbor.project.update',
    allowed: ALICE,
    onProject: true,
  },
  {
    action: 'harbor:robot:ensure',
    input: {
      project: 'team-a',
      robots: [
        { name: 'deploy', access: 'pull' },
        { name: 'ci', access: 'pull+push' },
      ],
    },
    permission: 'harbor.project.robot.push.create',
    allowed: ALICE,
    onProject: true,
  },
  {
    action: 'harbor:retention:ensure',
    input: { project: 'team-a', rules: [{ keepLastPushed: 5 }] },
    permission: 'harbor.project.update',
    allowed: ALICE,
    onProject: true,
  },
  {
    action: 'harbor:immutability:ensure',
    input: { project: 'team-a', rules: [{ tags: 'v*' }] },
    permission: 'harbor.project.update',
    allowed: ALICE,
    onProject: true,
  },
  {
    action: 'harbor:webhook:ensure',
    input: {
      project: 'team-a',
      name: 'deployer',
      url: 'https://deployer.example.com/hooks/harbor',
      events: ['PUSH_ARTIFACT'],
    },
    permission: 'harbor.project.webhook.update',
    allowed: ALICE,
    onProject: true,
  },
  {
    action: 'harbor:team:render',
    input: { project: 'team-a', robots: [{ name: 'ci' }] },
    permission: 'harbor.project.update',
    allowed: ALICE,
    onProject: true,
  },
  ...[
    'harbor:migration:inventory',
    'harbor:migration:replicate',
    'harbor:migration:verify',
  ].map(action => ({
    action,
    input: { rules: [{ prefix: 'team-a/', project: 'team-a' }] },
    permission: 'harbor.migration.run',
    allowed: GUEST,
    onProject: false,
    completes: false as const,
  })),
  {
    action: 'harbor:platform:render',
    input: { platform: PLATFORM },
    permission: 'harbor.platform.update',
    allowed: GUEST,
    onProject: false,
  },
];

const FIELDS = new Map<string, Set<string>>();
for (const { action, input } of [
  ...ACTIONS,
  { action: 'harbor:project:ensure', input: { owner: '' } },
]) {
  const fields = FIELDS.get(action) ?? new Set<string>();
  Object.keys(input).forEach(f => fields.add(f));
  FIELDS.set(action, fields);
}
/** A team delivery as the onboarding template makes it: render into a folder, then commit that folder. */
const RENDER_AND_COMMIT = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'render-and-commit', namespace: 'default' },
  spec: {
    owner: 'group:default/platform-team',
    type: 'test',
    parameters: [{ properties: {} }],
    steps: [
      {
        id: 'deliveries',
        name: 'render',
        action: 'harbor:team:render',
        input: {
          project: '${{ parameters.project }}',
          robots: [{ name: 'ci' }],
          basePath: '${{ parameters.basePath }}',
          targetPath: 'gitops',
        },
      },
      {
        id: 'gitops',
        name: 'commit',
        action: 'harbor:gitops:commit',
        input: {
          purpose: 'team',
          project: '${{ parameters.project }}',
          branch: '${{ parameters.branch }}',
          sourcePath: '${{ steps.deliveries.output.sourcePath }}',
          targetPath: '${{ steps.deliveries.output.repoPath }}',
          prune: false,
        },
      },
    ],
  },
};

const TEMPLATES = [
  ...[...FIELDS].map(([action, fields]) => actionTemplate(action, [...fields])),
  RENDER_AND_COMMIT,
];

type Scaffolder = Awaited<ReturnType<typeof startScaffolder>>;

/** The text of every log event of a task, where a failed step's error is. */
const messagesOf = (events: Array<{ body: any }>) =>
  events.map(e => e.body?.message ?? '').join('\n');

describe.each([
  ['on', true],
  ['off', false],
])('the Harbor actions with the permission framework %s', (_, enabled) => {
  let h: Harness;
  let scaffolder: Scaffolder;
  let gitRefs: string;

  const run = (action: string, input: JsonObject, as: string) =>
    scaffolder.runTask(input, actionTemplateName(action), as);

  /** Nothing written to Harbor, Kubernetes or Git since the logs were cleared. */
  const expectNoWrites = async () => {
    expect(h.sim.writes()).toEqual([]);
    expect(h.k8s.requestLog.writes()).toEqual([]);
    expect(await h.gitops.git(['for-each-ref'])).toBe(gitRefs);
  };

  beforeAll(async () => {
    h = await startHarness({ permissionFramework: enabled });
    scaffolder = await startScaffolder(scaffolderPlugin, h.config, {
      entities: TEMPLATES,
    });
    // team-a's project, created through the portal by alice for her team; legacy, created in Harbor directly.
    const created = await h.run(
      'harbor:project:ensure',
      { project: 'team-a', owner: 'group:default/team-a' },
      { credentials: mockCredentials.user('user:default/alice') },
    );
    if (created.error) throw created.error;
    await clientsFor(h.config)
      .forInstance('default')
      .projects.create({
        project_name: 'legacy',
        metadata: { public: 'false' },
      });
    gitRefs = await h.gitops.git(['for-each-ref']);
  });
  afterAll(async () => {
    await scaffolder.backend.stop();
    await h.stop();
  });
  beforeEach(() => h.clearLogs());
  afterEach(() => h.sim.assertNoViolations());

  const ownerOf = (project: string) => {
    const id = h.sim.state.projectByName(project)?.project_id;
    return h.sim.state.labels.find(
      l => l.project_id === id && l.name === HARBOR_PROJECT_OWNER_LABEL,
    )?.description;
  };

  it.each(ACTIONS.map(a => [a.action, a.permission, a] as const))(
    '%s refuses a user of another team %s before any write',
    async (__, permission, { action, input, onProject }) => {
      const { task, events } = await run(action, input, BOB);
      expect(task.status).toBe('failed');
      const messages = messagesOf(events);
      expect(messages).toContain(
        `Refused ${permission} for user:default/bob${
          onProject
            ? " on Harbor project 'team-a' (instance 'default'): it is owned by group:default/team-a"
            : ''
        }`,
      );
      await expectNoWrites();
    },
  );

  it.each(ACTIONS.map(a => [a.action, a.permission, a] as const))(
    '%s runs for whom the policy grants %s',
    async (__, ___, { action, input, allowed, onProject, completes }) => {
      const { task, events } = await run(action, input, allowed);
      // The default policy has no platform team: migration and platform are nobody's. Past the check the
      // migration fails on its missing old registry, not on a permission.
      expect({
        refused: messagesOf(events).includes('Refused'),
        completed: task.status === 'completed',
      }).toEqual({
        refused: !enabled && !onProject,
        completed: enabled ? completes !== false : onProject,
      });
    },
  );

  it('refuses in a dry run too', async () => {
    const res = await scaffolder.http
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', BOB)
      .send({
        template: TEMPLATES.find(
          t => t.metadata.name === actionTemplateName('harbor:project:ensure'),
        ),
        values: { project: 'team-a', public: true },
        secrets: {},
        directoryContents: [],
      });
    expect(JSON.stringify(res.body)).toContain(
      "Refused harbor.project.update for user:default/bob on Harbor project 'team-a'",
    );
    await expectNoWrites();
  });

  it('lets a user create a project for a group they belong to, and records it as owner', async () => {
    const { task } = await run(
      'harbor:project:ensure',
      { project: 'bob-new', owner: 'group:default/team-b' },
      BOB,
    );
    expect(task.status).toBe('completed');
    expect(ownerOf('bob-new')).toBe('group:default/team-b');
    // Another team's user cannot change it now.
    h.clearLogs();
    const other = await run(
      'harbor:project:ensure',
      { project: 'bob-new', public: true },
      ALICE,
    );
    expect(other.task.status).toBe('failed');
    await expectNoWrites();
  });

  it('refuses an owner the user does not belong to, unless the policy grants harbor.project.owner.assign', async () => {
    const { task, events } = await run(
      'harbor:project:ensure',
      { project: 'bob-for-a', owner: 'group:default/team-a' },
      BOB,
    );
    expect(task.status).toBe('failed');
    expect(messagesOf(events)).toContain(
      "Refused harbor.project.owner.assign for user:default/bob: the owner 'group:default/team-a' of Harbor project 'bob-for-a' is not you or a group you belong to",
    );
    await expectNoWrites();
    expect(h.sim.state.projectByName('bob-for-a')).toBeUndefined();

    const platform = await run(
      'harbor:project:ensure',
      { project: 'guest-for-b', owner: 'group:default/team-b' },
      GUEST,
    );
    expect(platform.task.status).toBe(enabled ? 'completed' : 'failed');
    expect(ownerOf('guest-for-b')).toBe(
      enabled ? 'group:default/team-b' : undefined,
    );
  });

  it('refuses every change to a project without an owner, saying how the platform team adopts it', async () => {
    const adoption =
      "on Harbor project 'legacy' (instance 'default'): it has no owner recorded (it was created outside the portal); to adopt it, run 'Onboard a team to Harbor' as a member of the platform team";
    const adopt = await run(
      'harbor:project:ensure',
      { project: 'legacy', owner: 'group:default/team-a' },
      ALICE,
    );
    expect(adopt.task.status).toBe('failed');
    expect(messagesOf(adopt.events)).toContain(
      `Refused harbor.project.adopt for user:default/alice ${adoption}`,
    );
    // Only harbor:project:ensure adopts: the other actions refuse the platform team too.
    const robot = await run(
      'harbor:robot:ensure',
      { project: 'legacy', robots: [{ name: 'deploy', access: 'pull' }] },
      GUEST,
    );
    expect(robot.task.status).toBe('failed');
    expect(messagesOf(robot.events)).toContain(
      `Refused harbor.project.update for user:default/guest ${adoption}`,
    );
    await expectNoWrites();
  });

  it('lets the platform team adopt a project, recording the owner, after which its owners change it', async () => {
    const adopt = await run(
      'harbor:project:ensure',
      { project: 'legacy', owner: 'group:default/team-a' },
      GUEST,
    );
    // Without a policy there is no platform team: nobody adopts.
    expect(adopt.task.status).toBe(enabled ? 'completed' : 'failed');
    expect(ownerOf('legacy')).toBe(
      enabled ? 'group:default/team-a' : undefined,
    );
    // Its settings are reconciled to the template's, and the owner recorded.
    expect(h.sim.writes().map(w => w.operationId)).toEqual(
      enabled ? ['updateProject', 'CreateLabel'] : [],
    );
    const robot = await run(
      'harbor:robot:ensure',
      { project: 'legacy', robots: [{ name: 'deploy', access: 'pull' }] },
      ALICE,
    );
    expect(robot.task.status).toBe(enabled ? 'completed' : 'failed');
  });

  it.each([
    [
      'the base branch Flux applies',
      { basePath: 'platform/harbor/teams/team-a', branch: 'main' },
      "branch: 'main' is the base branch of",
    ],
    [
      "another team's folder",
      { basePath: 'platform/harbor/teams/team-b', branch: 'onboard-team-a' },
      "targetPath: 'platform/harbor/teams/team-b' is outside platform/harbor/teams/team-a/, the folder of group:default/team-a, the owner of Harbor project 'team-a'",
    ],
  ])(
    "refuses a template's commit to %s before any push, for the project's own team",
    async (_where, values, refusal) => {
      const { task, events } = await scaffolder.runTask(
        { project: 'team-a', ...values },
        'render-and-commit',
        ALICE,
      );
      expect(task.status).toBe('failed');
      expect(messagesOf(events)).toContain(refusal);
      await expectNoWrites();
    },
  );

  it("commits a template's team delivery into the owner's folder on a review branch", async () => {
    const { task } = await scaffolder.runTask(
      {
        project: 'team-a',
        basePath: 'platform/harbor/teams/team-a',
        branch: 'onboard-team-a',
      },
      'render-and-commit',
      ALICE,
    );
    expect(task.status).toBe('completed');
    const files = await h.gitops.git([
      'ls-tree',
      '-r',
      '--name-only',
      'onboard-team-a',
    ]);
    expect(files.trim().split('\n')).toEqual([
      'platform/harbor/teams/team-a/harbor-robot-team-a-ci/external-secrets.yaml',
      'platform/harbor/teams/team-a/harbor-robot-team-a-ci/push-secret.yaml',
    ]);
    const refs = await h.gitops.git(['for-each-ref']);
    expect(refs).not.toBe(gitRefs);
    // The later tests' "no Git writes" compares with the refs as they now are.
    gitRefs = refs;
  });

  it('refuses a task started without a user', async () => {
    const { task, events } = await run(
      'harbor:project:ensure',
      { project: 'by-a-service', owner: 'group:default/team-a' },
      SERVICE,
    );
    expect(task.status).toBe('failed');
    expect(messagesOf(events)).toContain(
      'Refused harbor.project.create for service external:test-service (a task started without a user runs as service external:test-service;',
    );
    await expectNoWrites();
  });
});

describe('a task started by a service the policy allows', () => {
  let h: Harness;
  let scaffolder: Scaffolder;

  beforeAll(async () => {
    h = await startHarness();
    scaffolder = await startScaffolder(scaffolderPlugin, h.config, {
      entities: TEMPLATES,
      allowServices: ['external:test-service'],
    });
  });
  afterAll(async () => {
    await scaffolder.backend.stop();
    await h.stop();
  });

  it('runs, and must name the owner of a new project', async () => {
    const unnamed = await scaffolder.runTask(
      { project: 'by-a-service' },
      actionTemplateName('harbor:project:ensure'),
      SERVICE,
    );
    expect(unnamed.task.status).toBe('failed');
    expect(messagesOf(unnamed.events)).toContain(
      "owner: a task started without a user must name the owner of the new Harbor project 'by-a-service'",
    );
    const named = await scaffolder.runTask(
      { project: 'by-a-service', owner: 'group:default/team-a' },
      actionTemplateName('harbor:project:ensure'),
      SERVICE,
    );
    expect(named.task.status).toBe('completed');
    expect(
      h.sim.state.labels.find(l => l.name === HARBOR_PROJECT_OWNER_LABEL)
        ?.description,
    ).toBe('group:default/team-a');
  });
});

import path from 'node:path';
import { validateManifest } from '@backstage-harbor/harbor-platform-manifests';
import {
  listFiles,
  runInWorkspace,
  yamlObjectsUnder,
} from '../__testUtils__/workspace';
import type { HarborSimulator } from '@backstage-harbor/harbor-simulator';
import {
  clientsFor,
  harborConfig,
  runAction,
  startHarbor,
} from '../__testUtils__/harbor';
import { testAuthorizer } from '../__testUtils__/permissions';
import { createEnsureProjectAction } from './ensureProject';
import { createRenderTeamAction } from './renderTeam';

describe('harbor:team:render', () => {
  let sim: HarborSimulator;
  let clients: ReturnType<typeof clientsFor>;
  const authorizer = testAuthorizer();
  beforeAll(async () => {
    sim = await startHarbor();
    clients = clientsFor(harborConfig(sim));
    const ensure = createEnsureProjectAction({ clients, authorizer });
    for (const project of ['team-a', 'payments.api']) {
      const { error } = await runAction(ensure, {
        project,
        owner: 'group:default/team-a',
      });
      if (error) throw error;
    }
  });
  afterAll(() => sim.stop());
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach(c => c()));
  const run = async (
    input: Record<string, unknown>,
    options: { dryRun?: boolean; storeNamespace?: string } = {},
  ) => {
    const action = createRenderTeamAction({
      clients,
      authorizer,
      secretStore: () =>
        options.storeNamespace
          ? ({ namespace: options.storeNamespace } as any)
          : undefined,
    });
    const result = await runInWorkspace(action, input, options);
    cleanups.push(result.cleanup);
    return result;
  };

  it("renders a PushSecret and the team namespaces' ExternalSecrets per robot, from the robot Secrets' namespace", async () => {
    const { workspace, outputs, error } = await run(
      {
        project: 'team-a',
        // The robots parameter of harbor:robot:ensure, passed as it is.
        robots: [
          { name: 'ci', access: 'pull+push', expiresInDays: 90 },
          { name: 'deploy', access: 'pull' },
        ],
        teamNamespaces: ['team-a', 'team-a-staging'],
      },
      { storeNamespace: 'platform-secrets' },
    );
    expect(error).toBeUndefined();
    expect(outputs).toMatchObject({
      sourcePath: 'gitops/platform/harbor/teams',
      repoPath: 'platform/harbor/teams',
      secretNames: ['harbor-robot-team-a-ci', 'harbor-robot-team-a-deploy'],
    });
    expect(listFiles(path.join(workspace, outputs.sourcePath))).toEqual([
      'harbor-robot-team-a-ci/external-secrets.yaml',
      'harbor-robot-team-a-ci/push-secret.yaml',
      'harbor-robot-team-a-deploy/external-secrets.yaml',
      'harbor-robot-team-a-deploy/push-secret.yaml',
    ]);
    const objects = yamlObjectsUnder(workspace);
    for (const object of objects) expect(validateManifest(object)).toEqual([]);
    expect(
      objects.map(o => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`),
    ).toEqual([
      'ExternalSecret team-a/harbor-robot-team-a-ci',
      'ExternalSecret team-a-staging/harbor-robot-team-a-ci',
      'PushSecret platform-secrets/harbor-robot-team-a-ci',
      'ExternalSecret team-a/harbor-robot-team-a-deploy',
      'ExternalSecret team-a-staging/harbor-robot-team-a-deploy',
      'PushSecret platform-secrets/harbor-robot-team-a-deploy',
    ]);
  });

  it("delivers to the project's namespace and reads from 'harbor' by default", async () => {
    const { outputs, workspace, error } = await run({
      project: 'payments.api',
      robots: [{ name: 'deploy' }],
    });
    expect(error).toBeUndefined();
    const objects = yamlObjectsUnder(workspace);
    expect(
      objects.map(o => `${o.kind} ${o.metadata.namespace}`).sort(),
    ).toEqual(['ExternalSecret payments-api', 'PushSecret harbor']);
    expect(outputs.secretNames).toEqual(['harbor-robot-payments.api-deploy']);
  });

  it('renders in a dry run too and says so', async () => {
    const { lines, workspace, error } = await run(
      { project: 'team-a', robots: [{ name: 'ci' }] },
      { dryRun: true },
    );
    expect(error).toBeUndefined();
    expect(listFiles(workspace)).toHaveLength(2);
    expect(lines.join('\n')).toMatch(
      /^\[dry run\] Rendered the robot deliveries of project team-a to team-a: 2 files/m,
    );
  });

  it.each([
    [{ targetPath: '../up' }, /targetPath: '..\/up' is outside the workspace/],
    [{ robots: [] }, /robots: must list at least one robot/],
    [
      { teamNamespaces: ['Team_A'] },
      /teamNamespaces\.0: must be a namespace name/,
    ],
    [{ basePath: '../teams' }, /basePath: must not contain \.\./],
    [{ token: 'x' }, /token: not an input/],
  ])('rejects %j and writes nothing', async (bad, message) => {
    const { error, workspace } = await run({
      project: 'team-a',
      robots: [{ name: 'ci' }],
      ...bad,
    });
    expect(error?.name).toBe('InputError');
    expect(error?.message).toMatch(message);
    expect(listFiles(workspace)).toEqual([]);
  });
});

import { HarborSimulator } from '@backstage-harbor/harbor-simulator';
import { KubernetesSimulator } from '@backstage-harbor/kubernetes-simulator';
import { ConfigReader } from '@backstage/config';
import {
  clientsFor,
  harborConfig,
  runAction,
  startHarbor,
} from '../__testUtils__/harbor';
import {
  SECRETS_NAMESPACE,
  robotSecretsConfig,
  startKubernetes,
  storedSecret,
} from '../__testUtils__/kubernetes';
import { KubernetesRobotSecretStore } from '@backstage-harbor/plugin-harbor-node';
import { createEnsureProjectAction } from './ensureProject';
import { testAuthorizer } from '../__testUtils__/permissions';
import { createEnsureRobotAction } from './ensureRobot';

describe('harbor:robot:ensure', () => {
  let sim: HarborSimulator;
  let k8s: KubernetesSimulator;
  let action: ReturnType<typeof createEnsureRobotAction>;
  let projectAction: ReturnType<typeof createEnsureProjectAction>;

  const robotsOf = (project: string) =>
    sim.state.robots.filter(r => r.project_name === project);
  const clearLogs = () => {
    sim.clearLog();
    k8s.requestLog.clear();
  };

  async function createProject(name: string) {
    const { error } = await runAction(projectAction, { project: name });
    expect(error).toBeUndefined();
  }

  beforeAll(async () => {
    sim = await startHarbor();
    k8s = await startKubernetes();
    const config = harborConfig(sim, { robotSecrets: robotSecretsConfig(k8s) });
    const clients = clientsFor(config);
    const authorizer = testAuthorizer();
    const store = KubernetesRobotSecretStore.fromConfig(
      new ConfigReader(config),
    );
    action = createEnsureRobotAction({
      clients,
      authorizer,
      secretStore: () => store,
    });
    projectAction = createEnsureProjectAction({ clients, authorizer });
  });
  afterAll(async () => {
    await sim.stop();
    await k8s.stop();
  });
  afterEach(() => sim.assertNoViolations());

  it('creates a push robot and a pull robot with the least permissions and writes their credentials as Secrets', async () => {
    await createProject('team-a');
    clearLogs();
    const { outputs, lines, error } = await runAction(action, {
      project: 'team-a',
      robots: [
        { name: 'ci', access: 'pull+push', expiresInDays: 90 },
        { name: 'deploy', access: 'pull' },
      ],
    });
    expect(error).toBeUndefined();
    const [ci, deploy] = robotsOf('team-a');
    expect(ci.permissions).toEqual([
      {
        kind: 'project',
        namespace: 'team-a',
        access: [
          { resource: 'repository', action: 'pull', effect: 'allow' },
          { resource: 'repository', action: 'push', effect: 'allow' },
        ],
      },
    ]);
    expect(ci.duration).toBe(90);
    expect(deploy.permissions[0].access).toEqual([
      { resource: 'repository', action: 'pull', effect: 'allow' },
    ]);
    expect(deploy.duration).toBe(-1);

    const host = new URL(sim.url).host;
    const stored = storedSecret(k8s, 'harbor-robot-team-a-ci')!;
    expect(stored.secret.type).toBe('kubernetes.io/dockerconfigjson');
    expect(stored.secret.metadata.labels).toEqual({
      'app.kubernetes.io/managed-by': 'backstage-harbor',
      'goharbor.io/project': 'team-a',
      'goharbor.io/robot': 'ci',
      'goharbor.io/instance': 'default',
    });
    expect(stored.dockerConfig.auths[host]).toEqual({
      username: 'robot$team-a+ci',
      password: ci.secret,
      auth: Buffer.from(`robot$team-a+ci:${ci.secret}`).toString('base64'),
    });
    expect(
      storedSecret(k8s, 'harbor-robot-team-a-deploy')!.dockerConfig.auths[host]
        .password,
    ).toBe(deploy.secret);

    expect(outputs.robots).toEqual([
      {
        name: 'ci',
        fullName: 'robot$team-a+ci',
        id: ci.id,
        secretName: 'harbor-robot-team-a-ci',
        secretNamespace: SECRETS_NAMESPACE,
      },
      {
        name: 'deploy',
        fullName: 'robot$team-a+deploy',
        id: deploy.id,
        secretName: 'harbor-robot-team-a-deploy',
        secretNamespace: SECRETS_NAMESPACE,
      },
    ]);
    const everything = JSON.stringify({ outputs, lines });
    expect(everything).not.toContain(ci.secret);
    expect(everything).not.toContain(deploy.secret);
  });

  it('keeps the robots and their secrets on a second run: no Harbor and no Kubernetes write', async () => {
    const input = {
      project: 'team-a',
      robots: [
        { name: 'ci', access: 'pull+push', expiresInDays: 90 },
        { name: 'deploy', access: 'pull' },
      ],
    };
    const secretsBefore = robotsOf('team-a').map(r => r.secret);
    clearLogs();
    const { lines, error } = await runAction(action, input);
    expect(error).toBeUndefined();
    expect(sim.writes()).toEqual([]);
    expect(k8s.requestLog.writes()).toEqual([]);
    expect(robotsOf('team-a').map(r => r.secret)).toEqual(secretsBefore);
    expect(lines.map(l => l.message)).toContain(
      'Harbor robots of project team-a: everything is in place, nothing to change',
    );
  });

  it('refreshes the secret of an existing robot whose Secret is missing, without a second robot', async () => {
    k8s.remove('v1', 'Secret', SECRETS_NAMESPACE, 'harbor-robot-team-a-deploy');
    const before = robotsOf('team-a').find(r => r.name === 'deploy')!;
    const oldSecret = before.secret;
    clearLogs();
    const { lines, error } = await runAction(action, {
      project: 'team-a',
      robots: [{ name: 'deploy', access: 'pull' }],
    });
    expect(error).toBeUndefined();
    expect(sim.writes().map(w => w.operationId)).toEqual(['RefreshSec']);
    expect(robotsOf('team-a').filter(r => r.name === 'deploy')).toHaveLength(1);
    const deploy = robotsOf('team-a').find(r => r.name === 'deploy')!;
    expect(deploy.secret).not.toBe(oldSecret);
    expect(
      storedSecret(k8s, 'harbor-robot-team-a-deploy')!.dockerConfig.auths[
        new URL(sim.url).host
      ].password,
    ).toBe(deploy.secret);
    expect(lines.filter(l => l.level === 'warn').map(l => l.message)).toEqual([
      `drift on Secret harbor-robot-team-a-deploy: robot$team-a+deploy exists but its Secret is missing from namespace ${SECRETS_NAMESPACE} of ${k8s.url}; reconciling`,
    ]);
  });

  it('leaves no robot whose secret nobody holds when the Secret write fails after the create', async () => {
    await createProject('team-fail');
    k8s.faults.inject({ verb: 'create', resource: 'secrets', status: 500 });
    clearLogs();
    const input = {
      project: 'team-fail',
      robots: [{ name: 'ci', access: 'pull+push' }],
    };
    const first = await runAction(action, input);
    expect(first.error?.message).toMatch(
      /^Could not write the robot credentials Secret harbor-robot-team-fail-ci/,
    );
    expect(robotsOf('team-fail')).toHaveLength(1);

    const second = await runAction(action, input);
    expect(second.error).toBeUndefined();
    const robots = robotsOf('team-fail');
    expect(robots).toHaveLength(1);
    expect(
      storedSecret(k8s, 'harbor-robot-team-fail-ci')!.dockerConfig.auths[
        new URL(sim.url).host
      ].password,
    ).toBe(robots[0].secret);
    expect(sim.writes().map(w => w.operationId)).toEqual([
      'CreateRobot',
      'RefreshSec',
    ]);
  });

  it('reconciles permissions widened in the Harbor UI back to pull only', async () => {
    const deploy = robotsOf('team-a').find(r => r.name === 'deploy')!;
    deploy.permissions[0].access!.push({
      resource: 'repository',
      action: 'push',
      effect: 'allow',
    });
    clearLogs();
    const { error } = await runAction(action, {
      project: 'team-a',
      robots: [{ name: 'deploy', access: 'pull' }],
    });
    expect(error).toBeUndefined();
    expect(sim.writes().map(w => w.operationId)).toEqual(['UpdateRobot']);
    expect(deploy.permissions[0].access).toEqual([
      { resource: 'repository', action: 'pull', effect: 'allow' },
    ]);
  });

  it('refuses to overwrite a Secret it does not manage, before any write', async () => {
    k8s.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'harbor-robot-team-a-other',
        namespace: SECRETS_NAMESPACE,
      },
      type: 'Opaque',
      data: {},
    } as any);
    clearLogs();
    const { error } = await runAction(action, {
      project: 'team-a',
      robots: [{ name: 'other', access: 'pull' }],
    });
    expect(error?.name).toBe('ConflictError');
    expect(error?.message).toContain(
      'Secret harbor-robot-team-a-other in namespace harbor',
    );
    expect(sim.writes()).toEqual([]);
    expect(k8s.requestLog.writes()).toEqual([]);
  });

  it('plans robots and Secrets of a project that does not exist yet in a dry run', async () => {
    clearLogs();
    const { outputs, error } = await runAction(
      action,
      { project: 'future', robots: [{ name: 'ci', access: 'pull+push' }] },
      { dryRun: true },
    );
    expect(error).toBeUndefined();
    expect(sim.writes()).toEqual([]);
    expect(k8s.requestLog.writes()).toEqual([]);
    expect(outputs.plan).toEqual([
      {
        resource: 'robot ci of project future',
        action: 'create',
        detail: 'repository:pull,repository:push, never expires',
      },
      {
        resource: 'Secret harbor-robot-future-ci',
        action: 'write-secret',
        detail: `credentials of the new robot into namespace ${SECRETS_NAMESPACE} of ${k8s.url}`,
      },
    ]);
  });

  it('fails with a clear message when harbor.robotSecrets is not configured', async () => {
    const unconfigured = createEnsureRobotAction({
      clients: clientsFor(harborConfig(sim)),
      authorizer: testAuthorizer(),
      secretStore: () =>
        KubernetesRobotSecretStore.fromConfig(
          new ConfigReader(harborConfig(sim)),
        ),
    });
    clearLogs();
    const { error } = await runAction(unconfigured, {
      project: 'team-a',
      robots: [{ name: 'x', access: 'pull' }],
    });
    expect(error?.message).toContain('harbor.robotSecrets is not configured');
    expect(sim.writes()).toEqual([]);
  });
});

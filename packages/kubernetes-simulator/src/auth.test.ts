import { clientsFor, failureOf } from './__testUtils__/clients';
import { readOnlyRules, SimulatorToken } from './auth';
import { KubernetesSimulator, startKubernetesSimulator } from './simulator';

const admin: SimulatorToken = { token: 'admin-token', user: 'admin' };
const reader: SimulatorToken = {
  token: 'reader-token',
  user: 'backstage',
  rules: readOnlyRules(),
};
const teamA: SimulatorToken = {
  token: 'team-a-token',
  user: 'team-a-deployer',
  rules: [
    {
      verbs: ['get', 'list', 'create', 'patch'],
      apiGroups: [''],
      resources: ['secrets'],
      namespaces: ['team-a'],
    },
  ],
};

describe('authentication and authorization', () => {
  let sim: KubernetesSimulator;

  beforeAll(async () => {
    sim = await startKubernetesSimulator({ tokens: [admin, reader, teamA] });
  });

  afterAll(() => sim.stop());

  beforeEach(() => sim.requestLog.clear());

  it('answers 401 Unauthorized to a request with an unknown token', async () => {
    const { core } = clientsFor(sim, { token: 'wrong' });
    const failure = await failureOf(core.listNamespace());
    expect(failure.code).toBe(401);
    expect(sim.requestLog.entries).toEqual([
      expect.objectContaining({
        verb: 'list',
        resource: 'namespaces',
        user: 'system:anonymous',
        status: 401,
      }),
    ]);
  });

  it('answers 401 with an Unauthorized Status to a request without a token', async () => {
    const response = await fetch(`${sim.url}/api/v1/namespaces`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('lets a read-only token read and answers 403 Forbidden to its writes, which change nothing', async () => {
    const { core } = clientsFor(sim, { token: reader.token });
    const pods = await core.listPodForAllNamespaces({
      labelSelector: 'backstage.io/kubernetes-id',
    });
    expect(pods.items.length).toBeGreaterThan(0);

    const failure = await failureOf(
      core.createNamespacedSecret({
        namespace: 'team-a',
        body: { metadata: { name: 'x' } },
      }),
    );
    expect(failure.code).toBe(403);
    expect(failure.status).toMatchObject({
      reason: 'Forbidden',
      message:
        'secrets is forbidden: User "backstage" cannot create resource "secrets" in API group "" in the namespace "team-a"',
    });
    expect(sim.get('v1', 'Secret', 'team-a', 'x')).toBeUndefined();
    expect(sim.requestLog.writes()).toEqual([
      expect.objectContaining({
        verb: 'create',
        resource: 'secrets',
        namespace: 'team-a',
        user: 'backstage',
        status: 403,
      }),
    ]);
  });

  it('limits a token to the namespaces and resources of its rules', async () => {
    const { core, apps } = clientsFor(sim, { token: teamA.token });
    await core.createNamespacedSecret({
      namespace: 'team-a',
      body: { metadata: { name: 'own' } },
    });

    const otherNamespace = await failureOf(
      core.createNamespacedSecret({
        namespace: 'team-b',
        body: { metadata: { name: 'theirs' } },
      }),
    );
    expect(otherNamespace.code).toBe(403);
    const otherResource = await failureOf(
      apps.listNamespacedDeployment({ namespace: 'team-a' }),
    );
    expect(otherResource.status?.message).toBe(
      'deployments.apps is forbidden: User "team-a-deployer" cannot list resource "deployments" in API group "apps" in the namespace "team-a"',
    );
    const deleting = await failureOf(
      core.deleteNamespacedSecret({ name: 'own', namespace: 'team-a' }),
    );
    expect(deleting.status?.message).toContain(
      'cannot delete resource "secrets"',
    );
    const clusterWide = await failureOf(core.listSecretForAllNamespaces());
    expect(clusterWide.status?.message).toContain('at the cluster scope');
  });

  it('serves /version without a token and discovery only with one', async () => {
    const version = await fetch(`${sim.url}/version`);
    expect(await version.json()).toMatchObject({
      major: '1',
      gitVersion: expect.stringMatching(/^v1\./),
    });
    expect((await fetch(`${sim.url}/apis`)).status).toBe(401);

    const headers = { authorization: `Bearer ${reader.token}` };
    const groups = await (await fetch(`${sim.url}/apis`, { headers })).json();
    expect(groups.groups.map((g: { name: string }) => g.name)).toEqual(
      expect.arrayContaining([
        'apps',
        'postgresql.cnpg.io',
        'external-secrets.io',
        'helm.toolkit.fluxcd.io',
      ]),
    );
    const core = await (await fetch(`${sim.url}/api/v1`, { headers })).json();
    expect(core.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'secrets',
          kind: 'Secret',
          namespaced: true,
        }),
        expect.objectContaining({ name: 'pods/status', kind: 'Pod' }),
      ]),
    );
    const eso = await (
      await fetch(`${sim.url}/apis/external-secrets.io/v1`, { headers })
    ).json();
    expect(eso.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'clustersecretstores',
          namespaced: false,
        }),
      ]),
    );
  });
});

import { ConfigReader } from '@backstage/config';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  DEFAULT_ADMIN_TOKEN,
  KubernetesSimulator,
  readOnlyRules,
  startKubernetesSimulator,
} from '@backstage-harbor/kubernetes-simulator';
import { KubernetesClusterClient } from './ClusterClient';
import { readHarborClusterSettings } from './config';

const READER = { token: 'harbor-reader-token', user: 'harbor-reader' };

function clientFor(
  sim: KubernetesSimulator,
  extra: Record<string, unknown> = {},
  pageSize?: number,
) {
  const settings = readHarborClusterSettings(
    new ConfigReader({
      harbor: {
        cluster: {
          url: sim.url,
          token: READER.token,
          skipTLSVerify: true,
          name: 'test-cluster',
          ...extra,
        },
      },
    }),
  )!;
  return KubernetesClusterClient.fromKubeConfig({ ...settings, pageSize });
}

describe('KubernetesClusterClient', () => {
  let sim: KubernetesSimulator;
  beforeAll(async () => {
    sim = await startKubernetesSimulator({
      tokens: [DEFAULT_ADMIN_TOKEN, { ...READER, rules: readOnlyRules() }],
    });
  });
  afterAll(() => sim.stop());
  beforeEach(() => sim.requestLog.clear());

  it('lists pods of every namespace when no namespace is given, and only reads', async () => {
    const client = clientFor(sim);
    const pods = await client.listPods({
      labelSelector: 'backstage.io/kubernetes-id',
    });
    expect(new Set(pods.map(p => p.metadata?.namespace))).toEqual(
      new Set(['team-a', 'team-b', 'harbor']),
    );
    expect(pods[0].status?.containerStatuses?.[0].imageID).toMatch(
      /@sha256:[a-f0-9]{64}$/,
    );
    expect(sim.requestLog.find({ resource: 'pods' })[0]).toMatchObject({
      verb: 'list',
      namespace: undefined,
      user: READER.user,
    });
    expect(sim.requestLog.writes()).toEqual([]);
  });

  it('lists pods of one namespace by label selector', async () => {
    const pods = await clientFor(sim).listPods({
      namespace: 'team-a',
      labelSelector: 'backstage.io/kubernetes-id=web',
    });
    expect(pods.map(p => p.metadata?.name).sort()).toEqual([
      'web-7d9c8b6f5d-2xkqp',
      'web-7d9c8b6f5d-8wzrt',
    ]);
  });

  it('follows continue tokens until the last page', async () => {
    const pods = await clientFor(sim, {}, 2).listPods();
    const calls = sim.requestLog.find({ resource: 'pods' });
    expect(pods).toHaveLength(5);
    expect(new Set(pods.map(p => p.metadata?.name)).size).toBe(5);
    expect(calls).toHaveLength(3);
    expect(calls.map(c => c.query.limit)).toEqual(['2', '2', '2']);
    expect(calls[0].query.continue).toBeUndefined();
    expect(calls[1].query.continue).toEqual(expect.any(String));
  });

  it('answers undefined for a custom resource type the cluster does not serve', async () => {
    const client = clientFor(sim);
    await expect(
      client.listCustomObjects(
        { group: 'example.com', version: 'v1', plural: 'widgets' },
        'harbor',
      ),
    ).resolves.toBeUndefined();
    await expect(
      client.listCustomObjects(
        {
          group: 'helm.toolkit.fluxcd.io',
          version: 'v2',
          plural: 'helmreleases',
        },
        'harbor',
      ),
    ).resolves.toEqual(expect.any(Array));
  });

  it('turns a 403 of the API server into a 503 naming the cluster, not the token', async () => {
    const limited = await startKubernetesSimulator({
      tokens: [{ ...READER, rules: readOnlyRules(['team-b']) }],
    });
    try {
      const error = await clientFor(limited)
        .listPods({ namespace: 'team-a' })
        .catch(e => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).toContain('Kubernetes cluster test-cluster');
      expect(error.message).toContain('HTTP 403');
      expect(error.message).not.toContain(READER.token);
    } finally {
      await limited.stop();
    }
  });

  it('gives up after the request timeout when the API server hangs', async () => {
    const fault = sim.faults.inject({ resource: 'pods', hang: true });
    const started = Date.now();
    const error = await clientFor(sim, { requestTimeout: 200 })
      .listPods()
      .catch(e => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toContain('timed out');
    fault.remove();
  });

  it('answers 503 naming the cluster when the API server is down', async () => {
    const down = await startKubernetesSimulator();
    const client = clientFor(down);
    await down.stop();
    const error = await client.listPods().catch(e => e);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.message).toMatch(
      /Kubernetes cluster test-cluster: could not list pods in all namespaces: connection failed \(ECONNREFUSED\)/,
    );
    expect(JSON.stringify(error)).not.toContain(READER.token);
  });
});

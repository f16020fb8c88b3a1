import { clientsFor } from './__testUtils__/clients';
import { SEED_IMAGES, seedImageId } from './seed';
import { startKubernetesSimulator } from './simulator';

describe('startKubernetesSimulator', () => {
  it('starts empty on request and takes objects put by tests, creating their namespace', async () => {
    const sim = await startKubernetesSimulator({
      seed: 'empty',
      objects: [
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: 'p',
            namespace: 'ops',
            labels: { 'backstage.io/kubernetes-id': 'ops' },
          },
          spec: { containers: [{ name: 'c', image: SEED_IMAGES.harborCore }] },
          status: {
            phase: 'Running',
            containerStatuses: [
              { name: 'c', imageID: seedImageId(SEED_IMAGES.harborCore) },
            ],
          },
        },
      ],
    });
    try {
      expect(sim.list('v1', 'Namespace').map(n => n.metadata.name)).toEqual([
        'ops',
      ]);
      const { core } = clientsFor(sim);
      const pod = await core.readNamespacedPod({ name: 'p', namespace: 'ops' });
      expect(pod.status?.phase).toBe('Running');
      expect(pod.metadata?.uid).toBeDefined();

      const put = sim.put({
        ...sim.get('v1', 'Pod', 'ops', 'p')!,
        status: { phase: 'Failed' },
      });
      expect(Number(put.metadata.resourceVersion)).toBeGreaterThan(
        Number(pod.metadata?.resourceVersion),
      );
      expect(
        (await core.readNamespacedPod({ name: 'p', namespace: 'ops' })).status
          ?.phase,
      ).toBe('Failed');

      expect(sim.remove('v1', 'Pod', 'ops', 'p')).toBe(true);
      expect(sim.get('v1', 'Pod', 'ops', 'p')).toBeUndefined();
    } finally {
      await sim.stop();
    }
  });

  it('writes a kubeconfig with the server, the token and the default namespace', async () => {
    const sim = await startKubernetesSimulator({
      tokens: [{ token: 't1', user: 'alice' }],
    });
    try {
      const { kc } = clientsFor(sim, { namespace: 'team-a' });
      expect(kc.getCurrentCluster()?.server).toBe(sim.url);
      expect(kc.getCurrentUser()).toMatchObject({ name: 'alice', token: 't1' });
      expect(kc.getContextObject(kc.getCurrentContext())?.namespace).toBe(
        'team-a',
      );
    } finally {
      await sim.stop();
    }
  });

  it('refuses to put a kind it does not serve', async () => {
    const sim = await startKubernetesSimulator({ seed: 'empty' });
    try {
      expect(() =>
        sim.put({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }),
      ).toThrow('The simulator does not serve Service in v1');
    } finally {
      await sim.stop();
    }
  });
});

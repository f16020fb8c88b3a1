import { clientsFor, failureOf } from './__testUtils__/clients';
import { KubernetesSimulator, startKubernetesSimulator } from './simulator';

describe('fault injection', () => {
  let sim: KubernetesSimulator;
  let core: ReturnType<typeof clientsFor>['core'];

  beforeEach(async () => {
    sim = await startKubernetesSimulator();
    ({ core } = clientsFor(sim));
  });

  afterEach(() => sim.stop());

  it('answers the n-th matching call with the injected status, then recovers', async () => {
    const fault = sim.faults.inject({
      verb: 'list',
      resource: 'pods',
      onCall: 2,
      status: 503,
    });
    await core.listNamespacedPod({ namespace: 'team-a' });
    await core.listNamespace();
    const failure = await failureOf(
      core.listNamespacedPod({ namespace: 'team-a' }),
    );
    expect(failure.code).toBe(503);
    expect(failure.status).toMatchObject({
      kind: 'Status',
      reason: 'ServiceUnavailable',
      code: 503,
    });
    await core.listNamespacedPod({ namespace: 'team-a' });
    expect(fault.hits).toBe(1);
    expect(sim.faults.pending).toEqual([]);
    expect(
      sim.requestLog.find({ resource: 'pods' }).map(e => e.status),
    ).toEqual([200, 503, 200]);
  });

  it('fails every matching call while an `always` fault is in place', async () => {
    const fault = sim.faults.inject({
      verb: 'get',
      resource: 'secrets',
      always: true,
      status: 500,
      message: 'etcdserver: request timed out',
    });
    await core.createNamespacedSecret({
      namespace: 'team-a',
      body: { metadata: { name: 's' } },
    });
    for (let i = 0; i < 2; i++) {
      const failure = await failureOf(
        core.readNamespacedSecret({ name: 's', namespace: 'team-a' }),
      );
      expect(failure.status?.message).toBe('etcdserver: request timed out');
    }
    fault.remove();
    await expect(
      core.readNamespacedSecret({ name: 's', namespace: 'team-a' }),
    ).resolves.toBeDefined();
  });

  it('resets the connection', async () => {
    sim.faults.inject({ verb: 'list', resource: 'namespaces', reset: true });
    await expect(core.listNamespace()).rejects.toThrow();
    const [entry] = sim.requestLog.find({ resource: 'namespaces' });
    expect(entry.fault).toBe('reset');
    expect(entry.status).toBeUndefined();
  });

  it('delays a call by the injected latency', async () => {
    sim.faults.inject({ verb: 'get', resource: 'namespaces', latencyMs: 150 });
    const started = Date.now();
    await core.readNamespace({ name: 'harbor' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(sim.requestLog.find({ resource: 'namespaces' })[0]).toMatchObject({
      fault: 'latency',
      status: 200,
    });
  });

  it('holds a hung call open until the client gives up', async () => {
    sim.faults.inject({ verb: 'list', resource: 'pods', hang: true });
    const abort = new AbortController();
    const call = fetch(`${sim.url}/api/v1/namespaces/team-a/pods`, {
      headers: { authorization: `Bearer ${sim.tokens[0].token}` },
      signal: abort.signal,
    });
    while (sim.requestLog.find({ fault: 'hang' }).length === 0) {
      await new Promise(resolve => setImmediate(resolve));
    }
    abort.abort();
    await expect(call).rejects.toThrow();
    expect(sim.requestLog.find({ fault: 'hang' })[0].status).toBeUndefined();
  });

  it('only hits calls that match the fault', async () => {
    sim.faults.inject({
      verb: 'create',
      resource: 'secrets',
      namespace: 'team-b',
      status: 429,
    });
    await core.createNamespacedSecret({
      namespace: 'team-a',
      body: { metadata: { name: 's' } },
    });
    const failure = await failureOf(
      core.createNamespacedSecret({
        namespace: 'team-b',
        body: { metadata: { name: 's' } },
      }),
    );
    expect(failure.status?.reason).toBe('TooManyRequests');
    expect(sim.get('v1', 'Secret', 'team-b', 's')).toBeUndefined();
  });
});

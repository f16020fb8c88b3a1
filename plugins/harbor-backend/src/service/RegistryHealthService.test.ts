import { mockCredentials } from '@backstage/backend-test-utils';
import { DEMO_ROBOTS } from '@backstage-harbor/harbor-simulator';
import { HarborClients } from '@backstage-harbor/plugin-harbor-node';
import type { RegistryHealth } from '@backstage-harbor/plugin-harbor-common';
import { ConfigReader } from '@backstage/config';
import request from 'supertest';
import {
  OWNER,
  component,
  harborConfig,
  startHarborBackend,
  useSimulator,
} from '../__testUtils__/testBackend';

const ENTITIES = [
  component('web-app', 'team-a/web, team-a/api, team-b/payments'),
];
const owner = mockCredentials.user.header(OWNER);
const path = '/api/harbor/entities/default/component/web-app/health';
const GiB = 1024 ** 3;

describe('GET /entities/:namespace/:kind/:name/health', () => {
  const sim = useSimulator();
  beforeEach(() => sim.state.unhealthyComponents.clear());

  it('returns components, version, read-only mode, quotas, scanner and the last GC for an owner', async () => {
    const { server } = await startHarborBackend({ sim, entities: ENTITIES });
    const res = await request(server).get(path).set('Authorization', owner);
    expect(res.status).toBe(200);
    const health = res.body as RegistryHealth;
    expect(health).toMatchObject({
      instance: 'default',
      harborUrl: 'https://harbor.example.com',
      status: 'healthy',
      version: 'v2.15.2-simulator',
      readOnly: false,
      scanner: { name: 'Trivy', vendor: 'Aqua Security', healthy: true },
      lastGarbageCollection: { status: 'Success', outcome: 'succeeded' },
      stale: false,
    });
    expect(health.components.map(c => c.name)).toContain('core');
    expect(health.components.every(c => c.status === 'healthy')).toBe(true);
    expect(health.quotas).toEqual([
      { project: 'team-a', used: expect.any(Number), limit: 10 * GiB },
      { project: 'team-b', used: expect.any(Number), limit: 1 * GiB },
    ]);
    expect(health.quotas[1].used).toBeGreaterThan(800 * 1024 ** 2);

    sim.clearLog();
    const again = await request(server).get(path).set('Authorization', owner);
    expect(again.body).toEqual(res.body);
    expect(sim.log.count()).toBe(0);
  });

  it('reads one replication execution and one GC run, the newest, however many Harbor keeps', async () => {
    const harbor = HarborClients.fromConfig(
      new ConfigReader({ harbor: harborConfig(sim) }),
    ).forInstance();
    const registryId = await harbor.registries.create({
      name: 'mirror-source',
      type: 'docker-registry',
      url: 'https://old.example.com',
    });
    const policyId = await harbor.replication.createPolicy({
      name: 'nightly-mirror',
      src_registry: { id: registryId },
      dest_namespace: 'library',
      trigger: { type: 'manual' },
      enabled: true,
    });
    const { replicationExecutions, gcHistory } = sim.state;
    const hour = 3_600_000;
    const start = Date.now() - 151 * hour;
    for (let i = 0; i < 150; i++) {
      const startedAt = start + i * hour;
      replicationExecutions.push({
        id: sim.state.ids.replicationExecution.next(),
        policy_id: policyId,
        trigger: 'scheduled',
        started_at: startedAt,
        // Only the newest was stopped: its status shows which one was read.
        stopped_at: i === 149 ? startedAt + 60_000 : undefined,
        total: 1,
      });
    }
    const gcAt = new Date(Date.now() - hour).toISOString();
    gcHistory.push({
      id: sim.state.ids.gc.next(),
      job_kind: 'MANUAL',
      job_parameters: '{}',
      job_status: 'Error',
      schedule_type: 'Manual',
      creation_time: gcAt,
      update_time: gcAt,
    });
    try {
      sim.clearLog();
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server).get(path).set('Authorization', owner);
      expect(res.body).toMatchObject({
        lastReplication: {
          status: 'Stopped',
          outcome: 'stopped',
          policy: 'nightly-mirror',
        },
        lastGarbageCollection: { status: 'Error', outcome: 'failed' },
      });
      const executions = sim.log.byOperation('listReplicationExecutions');
      expect(executions).toHaveLength(1);
      expect(executions[0].query).toMatchObject({ page_size: '1' });
      const gc = sim.log.byOperation('getGCHistory');
      expect(gc).toHaveLength(1);
      expect(gc[0].query).toMatchObject({ page_size: '1' });
    } finally {
      replicationExecutions.splice(-150);
      gcHistory.pop();
      await harbor.request('deleteReplicationPolicy', (api, init) =>
        api.DELETE('/replication/policies/{id}', {
          ...init,
          params: { path: { id: policyId } },
        }),
      );
      await harbor.request('deleteRegistry', (api, init) =>
        api.DELETE('/registries/{id}', {
          ...init,
          params: { path: { id: registryId } },
        }),
      );
    }
  });

  it('reports an unhealthy component from the body of /health, which answers 200 anyway', async () => {
    sim.state.unhealthyComponents.set('jobservice', 'connection refused');
    const { server } = await startHarborBackend({ sim, entities: ENTITIES });
    const res = await request(server).get(path).set('Authorization', owner);
    expect(res.body.status).toBe('unhealthy');
    expect(res.body.components).toContainEqual({
      name: 'jobservice',
      status: 'unhealthy',
      error: 'connection refused',
    });
  });

  it('leaves out what a read-only robot may not read', async () => {
    const { server } = await startHarborBackend({
      sim,
      entities: ENTITIES,
      harbor: {
        username: DEMO_ROBOTS.reader.name,
        password: DEMO_ROBOTS.reader.secret,
      },
    });
    const res = await request(server).get(path).set('Authorization', owner);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('healthy');
    expect(res.body.lastGarbageCollection).toBeUndefined();
    expect(res.body.lastReplication).toBeUndefined();
  });

  it('answers 403 without calling Harbor to a caller who does not own the entity', async () => {
    const { server } = await startHarborBackend({ sim, entities: ENTITIES });
    const res = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(403);
    expect(sim.log.count()).toBe(0);
  });

  it('reports an unreachable Harbor as such, with the last good answer flagged stale', async () => {
    const { server } = await startHarborBackend({
      sim,
      entities: ENTITIES,
      harbor: {
        requestTimeout: 200,
        cache: { healthTtl: '1ms' },
        // The cache's part, not the breaker's (resilience.test.ts): failures must not open it here.
        circuitBreaker: { failureThreshold: 100 },
      },
    });
    sim.faults.inject({ operationId: 'getHealth', always: true, status: 500 });
    const cold = await request(server).get(path).set('Authorization', owner);
    expect(cold.status).toBe(200);
    expect(cold.body).toMatchObject({
      status: 'unreachable',
      components: [],
      stale: false,
    });

    sim.faults.clear();
    const good = await request(server).get(path).set('Authorization', owner);
    expect(good.body.status).toBe('healthy');

    await new Promise(resolve => setTimeout(resolve, 5));
    sim.faults.inject({ operationId: 'getHealth', always: true, hang: true });
    const stale = await request(server).get(path).set('Authorization', owner);
    expect(stale.body).toMatchObject({
      status: 'unreachable',
      version: 'v2.15.2-simulator',
      stale: true,
    });
    expect(stale.body.components).toEqual(good.body.components);
  });
});

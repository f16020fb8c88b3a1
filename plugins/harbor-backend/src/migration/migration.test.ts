// The old-registry fixture lives beside the migration code in plugin-harbor-node, whose package exports leave its
// test utilities out; a relative import keeps a single copy of it for the actions and the backend.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  OldRegistry,
  REGISTRY_PASSWORD,
  REGISTRY_USER,
  RULES,
  TARGET_PROJECTS,
  startOldRegistry,
} from '../../../harbor-node/src/migration/__testUtils__/oldRegistry';
import {
  HarborSimulator,
  ManualClock,
  createProjectRecord,
  startHarborSimulator,
} from '@backstage-harbor/harbor-simulator';
import {
  DEFAULT_ADMIN_TOKEN,
  KubernetesSimulator,
  readOnlyRules,
  startKubernetesSimulator,
} from '@backstage-harbor/kubernetes-simulator';
import {
  HarborClients,
  policyName,
} from '@backstage-harbor/plugin-harbor-node';
import type {
  MigrationRepositoryStatus,
  MigrationStatus,
} from '@backstage-harbor/plugin-harbor-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import {
  DENIED,
  HarborTestBackend,
  harborConfig,
  startHarborBackend,
} from '../__testUtils__/testBackend';

const CLUSTER_TOKEN = 'migration-reader-token';
const WRONG_DIGEST = `sha256:${'f'.repeat(64)}`;
const user = mockCredentials.user.header();

function pod(name: string, namespace: string, image: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${name}-rs`,
          uid: name,
          controller: true,
        },
      ],
    },
    spec: { containers: [{ name: 'app', image }] },
    status: { phase: 'Running' },
  };
}

/** The whole status, with every secret of the test checked to be absent from the body. */
async function status(
  backend: HarborTestBackend,
  query = '',
): Promise<request.Response> {
  const res = await request(backend.server)
    .get(`/api/harbor/migration/status${query}`)
    .set('Authorization', user);
  const text = JSON.stringify(res.body);
  expect(text).not.toContain(REGISTRY_PASSWORD);
  expect(text).not.toContain(REGISTRY_USER);
  expect(text).not.toContain(CLUSTER_TOKEN);
  return res;
}

describe('GET /migration/status against a real old registry and the Harbor simulator', () => {
  let old: OldRegistry;
  let sim: HarborSimulator;
  let clock: ManualClock;
  let cluster: KubernetesSimulator;
  let backend: HarborTestBackend;
  let config: JsonObject;
  let teamAExecution: number;

  beforeAll(async () => {
    old = await startOldRegistry();
    clock = new ManualClock();
    sim = await startHarborSimulator({
      port: 0,
      seed: 'empty',
      validation: 'throw',
      clock,
      executionDurationMs: 20_000,
    });
    cluster = await startKubernetesSimulator({
      seed: 'empty',
      tokens: [
        DEFAULT_ADMIN_TOKEN,
        { token: CLUSTER_TOKEN, user: 'harbor-reader', rules: readOnlyRules() },
      ],
    });
    for (const name of TARGET_PROJECTS)
      createProjectRecord(sim.state, clock, { name });

    // team-b/tools/cli pushed to Harbor directly, on another digest.
    sim.push({
      project: 'team-b',
      repository: 'tools/cli',
      tags: ['0.9'],
      digest: WRONG_DIGEST,
    });

    // The registry endpoint and policies as harbor:migration:replicate leaves them; team-a's policy has run.
    const harbor = HarborClients.fromConfig(
      new ConfigReader({ harbor: harborConfig(sim) }),
    ).forInstance();
    const registryId = await harbor.registries.create({
      name: 'old-registry',
      type: 'docker-registry',
      url: old.registry.url,
      credential: {
        type: 'basic',
        access_key: REGISTRY_USER,
        access_secret: REGISTRY_PASSWORD,
      },
    });
    const policy = (project: string, filter: string, replaceCount = 1) => ({
      name: policyName('old-registry', project),
      src_registry: { id: registryId },
      dest_namespace: project,
      dest_namespace_replace_count: replaceCount,
      filters: [{ type: 'name', value: filter }],
      trigger: { type: 'manual' },
      override: true,
      enabled: true,
    });
    const teamA = await harbor.replication.createPolicy(
      policy('team-a', '{team-a/api,team-a/web}'),
    );
    await harbor.replication.createPolicy(policy('team-b', 'team-b/tools/cli'));
    // team-a's policy has run for real (the simulator copies from the old registry); then team-a/web got a new
    // tag in the old registry: team-a/api migrated, team-a/web missing v3, legacy-app not replicated.
    // Before it, 150 stopped runs of team-a's policy: more than one page of executions.
    for (let i = 150; i > 0; i--) {
      const startedAt = clock.now() - i * 3_600_000;
      sim.state.replicationExecutions.push({
        id: sim.state.ids.replicationExecution.next(),
        policy_id: teamA,
        trigger: 'scheduled',
        started_at: startedAt,
        stopped_at: startedAt + 60_000,
        total: 1,
      });
    }
    teamAExecution = await harbor.replication.start(teamA);
    await sim.replicationsSettled();
    clock.advance(30_000);
    await old.push('team-a/web', ['v3'], 'web-3');

    cluster.put(pod('api-1', 'team-a', `${old.registry.host}/team-a/api:2.0`));
    cluster.put(
      pod('cli-1', 'team-b', `${old.registry.host}/team-b/tools/cli:0.9`),
    );
    cluster.put(pod('gone-1', 'team-c', `${old.registry.host}/team-c/gone:1`));
    cluster.put(
      pod(
        'new-1',
        'team-a',
        `${sim.url.replace(/^https?:\/\//, '')}/team-a/api:2.0`,
      ),
    );

    config = {
      migration: {
        sourceRegistry: old.sourceRegistryConfig,
        rules: RULES,
      },
      cluster: {
        url: cluster.url,
        token: CLUSTER_TOKEN,
        skipTLSVerify: true,
        name: 'test-cluster',
      },
    };
    backend = await startHarborBackend({ sim, entities: [], harbor: config });
    // Three servers and a backend: past Jest's 5 s on a busy two-core machine, as the other simulator set-ups.
  }, 60_000);

  afterAll(async () => {
    await backend?.stop();
    await cluster?.stop();
    await sim?.stop();
    await old?.stop();
  });

  const byName = (body: MigrationStatus, source: string) =>
    body.repositories.find(
      r => r.source === source,
    ) as MigrationRepositoryStatus;

  it('compares every old repository with its Harbor repository, tag by tag and digest by digest', async () => {
    const res = await status(backend);
    expect(res.status).toBe(200);
    const body = res.body as MigrationStatus;
    expect(body).toMatchObject({
      configured: true,
      registry: old.registry.url,
      instance: 'default',
      registryName: 'old-registry',
      rulesConfigured: true,
      unmapped: [],
      stale: false,
    });
    expect(
      body.repositories.map(r => [r.source, r.target, r.state]).sort(),
    ).toEqual([
      ['legacy-app', 'legacy/legacy-app', 'not-replicated'],
      ['team-a/api', 'team-a/api', 'migrated'],
      ['team-a/web', 'team-a/web', 'missing-tags'],
      ['team-b/tools/cli', 'team-b/tools/cli', 'digest-mismatch'],
    ]);
    const api = byName(body, 'team-a/api');
    expect(api.matchingTags).toBe(4);
    for (const tag of api.tags) {
      expect(tag.harborDigest).toBe(
        old.digests.get('team-a/api')!.get(tag.tag),
      );
      expect(tag.sourceDigest).toBe(tag.harborDigest);
    }
    expect(byName(body, 'team-a/web').tags).toEqual([
      expect.objectContaining({ tag: 'v1', state: 'matching' }),
      expect.objectContaining({ tag: 'v2', state: 'matching' }),
      expect.objectContaining({ tag: 'v3', state: 'missing' }),
    ]);
    expect(byName(body, 'team-a/web').tags[2].harborDigest).toBeUndefined();
    expect(byName(body, 'team-b/tools/cli').tags).toEqual([
      {
        tag: '0.9',
        state: 'mismatched',
        sourceDigest: old.digests.get('team-b/tools/cli')!.get('0.9'),
        harborDigest: WRONG_DIGEST,
      },
    ]);
  });

  it('serves a second request from the cache without asking Harbor again', async () => {
    await status(backend);
    const before = sim.log.count();
    const again = await status(backend);
    expect(again.status).toBe(200);
    expect(sim.log.count()).toBe(before);
  });

  it('serves no cached status once Harbor rejects the configured credentials (rotated in Harbor)', async () => {
    const rotating = await startHarborBackend({
      sim,
      entities: [],
      // The periodic check is what finds rotated credentials when the answer is cached.
      harbor: {
        ...config,
        credentialCheck: { interval: { milliseconds: 200 } },
      },
    });
    const admin = sim.state.userByName(sim.adminCredentials.username)!;
    const original = admin.password;
    try {
      expect((await status(rotating)).status).toBe(200);
      admin.password = 'Rotated12345';
      // Served from the cache until the periodic check finds the credentials rejected; never a 200 after.
      const deadline = Date.now() + 20_000;
      let res = await status(rotating);
      while (res.status === 200 && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 100));
        res = await status(rotating);
      }
      expect(res.status).toBe(503);
      expect(res.body.error.name).toBe('HarborCredentialsRejectedError');
      expect(JSON.stringify(res.body)).not.toContain(original);
    } finally {
      admin.password = original;
      await rotating.stop();
    }
  });

  it("reports each repository's replication policy and its last execution", async () => {
    const body = (await status(backend)).body as MigrationStatus;
    expect(byName(body, 'team-a/api').replication).toMatchObject({
      policyName: 'migrate-old-registry-to-team-a',
      state: 'executed',
      enabled: true,
      lastExecution: { id: teamAExecution, status: 'Succeed' },
      harborUrl: 'https://harbor.example.com/harbor/replications',
    });
    expect(byName(body, 'team-b/tools/cli').replication).toMatchObject({
      policyName: 'migrate-old-registry-to-team-b',
      state: 'never-run',
    });
    expect(byName(body, 'legacy-app').replication).toEqual({
      policyName: 'migrate-old-registry-to-legacy',
      state: 'no-policy',
    });
  });

  it('reads one execution per replication policy, however many the policy has run', async () => {
    const cold = await startHarborBackend({
      sim,
      entities: [],
      harbor: config,
    });
    try {
      sim.clearLog();
      expect((await status(cold)).status).toBe(200);
      const reads = sim.log.byOperation('listReplicationExecutions');
      // team-a's policy (151 executions) and team-b's (none).
      expect(reads).toHaveLength(2);
      expect(reads.map(r => r.query.page_size)).toEqual(['1', '1']);
    } finally {
      await cold.stop();
    }
  });

  it('lists the pods still pulling from the old registry, and says the registry cannot go yet', async () => {
    const body = (await status(backend)).body as MigrationStatus;
    expect(byName(body, 'team-a/api').workloads).toEqual([
      {
        namespace: 'team-a',
        pod: 'api-1',
        owner: 'ReplicaSet/api-1-rs',
        container: 'app',
        image: `${old.registry.host}/team-a/api:2.0`,
      },
    ]);
    expect(byName(body, 'team-b/tools/cli').workloads).toHaveLength(1);
    expect(body.workloads).toMatchObject({
      state: 'checked',
      pods: 4,
      unmatched: [expect.objectContaining({ pod: 'gone-1' })],
    });
    expect(body.summary).toEqual({
      repositories: 4,
      migrated: 1,
      workloadsOnOldRegistry: 3,
      canRetire: false,
    });
  });

  it('answers for one target project when asked', async () => {
    const body = (await status(backend, '?project=team-a'))
      .body as MigrationStatus;
    expect(body.repositories.map(r => r.source).sort()).toEqual([
      'team-a/api',
      'team-a/web',
    ]);
    expect(body.summary).toEqual({
      repositories: 2,
      migrated: 1,
      workloadsOnOldRegistry: 1,
      canRetire: false,
    });
    const unknown = await status(backend, '?project=nobody');
    expect(unknown.status).toBe(404);
    expect((await status(backend, '?project=Bad%20Name')).status).toBe(400);
  });

  it('answers 401 without a token and 403 when the policy denies harbor.migration.read', async () => {
    const anonymous = await request(backend.server)
      .get('/api/harbor/migration/status')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const denied = await request(backend.server)
      .get('/api/harbor/migration/status')
      .set('Authorization', mockCredentials.user.header(DENIED));
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('harbor.migration.read');
  });

  it('answers 503 naming the old registry, without its credentials, when it is down', async () => {
    const down = await startHarborBackend({
      sim,
      entities: [],
      harbor: {
        migration: {
          ...(config.migration as JsonObject),
          sourceRegistry: {
            ...old.sourceRegistryConfig,
            url: 'http://127.0.0.1:1',
            requestTimeoutMs: 2_000,
          },
        },
      },
    });
    try {
      const res = await status(down);
      expect(res.status).toBe(503);
      expect(res.body.error.message).toContain(
        'The old registry at http://127.0.0.1:1',
      );
      expect(res.body.error.message).toContain(
        'harbor.migration.sourceRegistry',
      );
    } finally {
      await down.stop();
    }
  });

  it('says no old registry is configured when there is none', async () => {
    const bare = await startHarborBackend({ sim, entities: [] });
    try {
      const res = await status(bare);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        configured: false,
        message: expect.stringContaining('harbor.migration.sourceRegistry.url'),
      });
    } finally {
      await bare.stop();
    }
  });
});

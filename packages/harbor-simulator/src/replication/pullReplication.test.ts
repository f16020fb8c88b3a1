import {
  DockerRegistryFixture,
  missingTools,
  startDockerRegistry,
} from '@backstage-harbor/old-registry';
import request from 'supertest';
import { createProjectRecord } from '../builders';
import { ManualClock } from '../clock';
import { HarborSimulator, startHarborSimulator } from '../server';

const USER = 'puller';
const PASSWORD = 'Pull-Secret-9042';
const admin = ['admin', 'Harbor12345'] as const;
const missing = missingTools('docker-registry', 'skopeo', 'umoci', 'openssl');
// CI installs them (scripts/system-packages.sh); elsewhere say what is missing instead of failing obscurely.
const describeWithRegistry = missing.length ? describe.skip : describe;
if (missing.length) {
  // eslint-disable-next-line no-console
  console.warn(
    `Skipping pull replication tests: missing ${missing.join(
      ', ',
    )} (apt-get install docker-registry skopeo umoci openssl)`,
  );
}

/** The manifest as the registry serves it, read here independently of the simulator's reader. */
async function sourceManifest(
  registry: DockerRegistryFixture,
  repository: string,
  tag: string,
  auth = true,
) {
  const res = await fetch(`${registry.url}/v2/${repository}/manifests/${tag}`, {
    headers: {
      Accept:
        'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
      ...(auth
        ? {
            Authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString(
              'base64',
            )}`,
          }
        : {}),
    },
  });
  const body = Buffer.from(await res.arrayBuffer());
  const manifest = JSON.parse(body.toString('utf8'));
  return {
    digest: res.headers.get('docker-content-digest'),
    // OCI manifests may leave out mediaType: the Content-Type says it then.
    manifestMediaType: (manifest.mediaType ??
      res.headers.get('content-type')) as string,
    configMediaType: manifest.config.mediaType as string,
    // Harbor's artifact size: manifest + config + layers (controller/artifact/abstractor.go).
    size:
      body.length +
      manifest.config.size +
      manifest.layers.reduce((s: number, l: { size: number }) => s + l.size, 0),
  };
}

describeWithRegistry(
  'pull replication from a real docker-registry into the simulator',
  () => {
    let registry: DockerRegistryFixture;
    let sim: HarborSimulator;
    let clock: ManualClock;
    const digests: Record<string, string> = {};

    const api = () => request(sim.url);
    const createRegistry = async (
      name: string,
      url: string,
      password = PASSWORD,
    ) => {
      const res = await api()
        .post('/api/v2.0/registries')
        .auth(...admin)
        .send({
          name,
          type: 'docker-registry',
          url,
          credential: {
            type: 'basic',
            access_key: USER,
            access_secret: password,
          },
        })
        .expect(201);
      return Number(res.headers.location.split('/').pop());
    };
    const createPolicy = async (
      name: string,
      registryId: number,
      extra: Record<string, unknown>,
    ) => {
      const res = await api()
        .post('/api/v2.0/replication/policies')
        .auth(...admin)
        .send({
          name,
          src_registry: { id: registryId },
          trigger: { type: 'manual' },
          override: true,
          enabled: true,
          ...extra,
        })
        .expect(201);
      return Number(res.headers.location.split('/').pop());
    };
    /** Starts an execution, waits for its copy, moves the clock past its duration and returns it. */
    const replicate = async (policyId: number) => {
      const res = await api()
        .post('/api/v2.0/replication/executions')
        .auth(...admin)
        .send({ policy_id: policyId })
        .expect(201);
      const id = Number(res.headers.location.split('/').pop());
      await sim.replicationsSettled();
      const early = await api()
        .get(`/api/v2.0/replication/executions/${id}`)
        .auth(...admin)
        .expect(200);
      expect(early.body.status).toBe('InProgress');
      clock.advance(10_000);
      const done = await api()
        .get(`/api/v2.0/replication/executions/${id}`)
        .auth(...admin)
        .expect(200);
      const tasks = await api()
        .get(`/api/v2.0/replication/executions/${id}/tasks`)
        .auth(...admin)
        .expect(200);
      return { id, execution: done.body, tasks: tasks.body as any[] };
    };
    /** `repository:tag` → digest of every tagged artifact in Harbor under a project. */
    const harborTags = (project: string) => {
      const out: Record<string, string> = {};
      const p = sim.state.projectByName(project);
      if (!p) return out;
      for (const repo of sim.state.repositoriesOfProject(p.project_id)) {
        for (const a of sim.state.artifactsOfRepository(repo.id)) {
          for (const t of a.tags) out[`${repo.name}:${t.name}`] = a.digest;
        }
      }
      return out;
    };

    beforeAll(async () => {
      registry = await startDockerRegistry({
        auth: { type: 'basic', username: USER, password: PASSWORD },
      });
      digests.api1 = await registry.push('team-a/api', ['1.0', '1.1'], {
        variant: 'api-1',
      });
      digests.api2 = await registry.push('team-a/api', ['2.0', 'latest'], {
        variant: 'api-2',
        format: 'v2s2',
      });
      digests.web = await registry.push('team-a/web', ['v1', 'dev-3'], {
        variant: 'web',
      });
      digests.cli = await registry.push('team-b/tools/cli', ['0.9'], {
        variant: 'cli',
      });
      digests.legacy = await registry.push('legacy-app', ['old'], {
        variant: 'legacy',
      });
    }, 120_000);
    afterAll(async () => {
      await registry?.stop();
    });

    beforeEach(async () => {
      clock = new ManualClock();
      sim = await startHarborSimulator({
        clock,
        seed: 'empty',
        executionDurationMs: 10_000,
      });
      createProjectRecord(sim.state, clock, { name: 'team-a' });
    });
    afterEach(async () => {
      sim.assertNoViolations();
      await sim.stop();
    });

    it('copies the tags the name and tag filters select, with the source digest, media type and size', async () => {
      const registryId = await createRegistry('old', registry.url);
      const policyId = await createPolicy('team-a', registryId, {
        dest_namespace: 'team-a',
        dest_namespace_replace_count: 1,
        filters: [
          { type: 'name', value: 'team-a/**' },
          { type: 'tag', value: 'dev-*', decoration: 'excludes' },
          { type: 'resource', value: 'image' },
        ],
      });
      const { id, execution, tasks } = await replicate(policyId);

      expect(execution).toMatchObject({
        status: 'Succeed',
        status_text: '',
        total: 2,
        succeed: 2,
        failed: 0,
        in_progress: 0,
      });
      expect(execution.end_time).toBeDefined();
      expect(harborTags('team-a')).toEqual({
        'team-a/api:1.0': digests.api1,
        'team-a/api:1.1': digests.api1,
        'team-a/api:2.0': digests.api2,
        'team-a/api:latest': digests.api2,
        'team-a/web:v1': digests.web,
      });
      // One artifact per digest, as Harbor keeps them.
      expect(sim.state.artifacts).toHaveLength(3);
      expect(
        tasks.map(t => [t.src_resource, t.dst_resource, t.status]).sort(),
      ).toEqual([
        [
          'team-a/api [4 item(s) in total]',
          'team-a/api [4 item(s) in total]',
          'Succeed',
        ],
        [
          'team-a/web [1 item(s) in total]',
          'team-a/web [1 item(s) in total]',
          'Succeed',
        ],
      ]);

      for (const [tag, format] of [
        ['1.0', 'oci'],
        ['2.0', 'v2s2'],
      ]) {
        const source = await sourceManifest(registry, 'team-a/api', tag);
        const res = await api()
          .get(`/api/v2.0/projects/team-a/repositories/api/artifacts/${tag}`)
          .auth(...admin)
          .expect(200);
        expect(res.body).toMatchObject({
          digest: source.digest,
          manifest_media_type: source.manifestMediaType,
          media_type: source.configMediaType,
          size: source.size,
        });
        expect(source.manifestMediaType).toContain(
          format === 'oci' ? 'oci' : 'docker',
        );
      }

      const log = await api()
        .get(`/api/v2.0/replication/executions/${id}/tasks/${tasks[0].id}/log`)
        .auth(...admin)
        .expect(200);
      expect(log.text).toMatch(/copied sha256:[0-9a-f]{64}/);
    });

    it('flattens names by dest_namespace_replace_count and creates a missing project, as Harbor does', async () => {
      const registryId = await createRegistry('old', registry.url);
      const cases: Array<[number, string]> = [
        [-1, 'flat/cli'],
        [0, 'flat/team-b/tools/cli'],
        [1, 'flat/tools/cli'],
        [2, 'flat/cli'],
      ];
      for (const [count, expected] of cases) {
        const policyId = await createPolicy(`flatten-${count}`, registryId, {
          dest_namespace: 'flat',
          dest_namespace_replace_count: count,
          filters: [{ type: 'name', value: 'team-b/tools/cli' }],
        });
        const { execution } = await replicate(policyId);
        expect(execution.status).toBe('Succeed');
        expect(harborTags('flat')[`${expected}:0.9`]).toBe(digests.cli);
      }
      expect(sim.state.projectByName('flat')?.metadata.public).toBe('false');

      const tooDeep = await createPolicy('too-deep', registryId, {
        dest_namespace: 'flat',
        dest_namespace_replace_count: 3,
        filters: [{ type: 'name', value: 'team-b/tools/cli' }],
      });
      const failed = await replicate(tooDeep);
      expect(failed.execution).toMatchObject({ status: 'Failed', total: 0 });
      expect(failed.execution.status_text).toContain(
        'the destination namespace flattening level is 3',
      );
    });

    it('keeps the source name without a destination namespace and needs a project in it', async () => {
      const registryId = await createRegistry('old', registry.url);
      const policyId = await createPolicy('as-is', registryId, {
        filters: [{ type: 'name', value: '{team-a/web,legacy-app}' }],
      });
      const { execution } = await replicate(policyId);
      // legacy-app has one path component: no project/repository name in Harbor.
      expect(execution).toMatchObject({ status: 'Failed' });
      expect(execution.status_text).toContain('requires at least 2');
      const webOnly = await createPolicy('web-only', registryId, {
        filters: [{ type: 'name', value: 'team-a/w?b' }],
      });
      expect((await replicate(webOnly)).execution.status).toBe('Succeed');
      expect(harborTags('team-a')).toEqual({
        'team-a/web:v1': digests.web,
        'team-a/web:dev-3': digests.web,
      });
    });

    it('is idempotent: a second run adds no artifact and a moved tag follows the source', async () => {
      const registryId = await createRegistry('old', registry.url);
      const policyId = await createPolicy('team-a', registryId, {
        dest_namespace: 'team-a',
        dest_namespace_replace_count: 1,
        filters: [{ type: 'name', value: 'team-a/web' }],
      });
      await replicate(policyId);
      const first = sim.state.artifacts.map(a => ({
        id: a.id,
        digest: a.digest,
        tags: a.tags.map(t => t.name).sort(),
      }));
      const again = await replicate(policyId);
      expect(again.execution.status).toBe('Succeed');
      expect(
        sim.state.artifacts.map(a => ({
          id: a.id,
          digest: a.digest,
          tags: a.tags.map(t => t.name).sort(),
        })),
      ).toEqual(first);
      expect(sim.state.repositories).toHaveLength(1);

      const moved = await registry.push('team-a/web', ['dev-3'], {
        variant: 'web-4',
      });
      await replicate(policyId);
      expect(harborTags('team-a')).toEqual({
        'team-a/web:v1': digests.web,
        'team-a/web:dev-3': moved,
      });
      expect(sim.state.artifacts).toHaveLength(2);
      // Put the source back for the other tests.
      await registry.push('team-a/web', ['dev-3'], { variant: 'web' });
    });

    it('skips a tag Harbor has on another digest when the policy does not override', async () => {
      const other = `sha256:${'1'.repeat(64)}`;
      sim.push({
        project: 'team-a',
        repository: 'web',
        tags: ['v1'],
        digest: other,
      });
      const registryId = await createRegistry('old', registry.url);
      const policyId = await createPolicy('keep', registryId, {
        dest_namespace: 'team-a',
        dest_namespace_replace_count: 1,
        filters: [{ type: 'name', value: 'team-a/web' }],
        override: false,
      });
      expect((await replicate(policyId)).execution.status).toBe('Succeed');
      expect(harborTags('team-a')).toEqual({
        'team-a/web:v1': other,
        'team-a/web:dev-3': digests.web,
      });
    });

    it('fails with Harbor-like status text when the source is down or the password is wrong, without showing it', async () => {
      const down = await createRegistry('down', 'http://127.0.0.1:9');
      const downPolicy = await createPolicy('down', down, {
        dest_namespace: 'team-a',
        filters: [{ type: 'name', value: 'team-a/**' }],
      });
      const wrong = await createRegistry('wrong', registry.url, 'not-it-123');
      const wrongPolicy = await createPolicy('wrong', wrong, {
        dest_namespace: 'team-a',
        filters: [{ type: 'name', value: 'team-a/**' }],
      });

      const unreachable = await replicate(downPolicy);
      expect(unreachable.execution).toMatchObject({
        status: 'Failed',
        total: 0,
      });
      expect(unreachable.execution.status_text).toMatch(
        /^failed to fetch artifacts: Get "http:\/\/127\.0\.0\.1:9\/v2\/": ECONNREFUSED/,
      );

      const denied = await replicate(wrongPolicy);
      expect(denied.execution.status).toBe('Failed');
      expect(denied.execution.status_text).toMatch(
        /^failed to fetch artifacts: http status code: 401/,
      );
      expect(JSON.stringify(denied.execution)).not.toContain('not-it-123');
      expect(sim.state.artifacts).toHaveLength(0);
    });

    it("takes a malformed filter pattern and fails the run with doublestar's error, as Harbor does", async () => {
      const registryId = await createRegistry('old', registry.url);
      // Harbor checks no pattern when it stores a policy (pkg/reg/model Filter.Validate).
      const badName = await createPolicy('bad-name', registryId, {
        dest_namespace: 'team-a',
        filters: [{ type: 'name', value: 'team-a/[' }],
      });
      const badTag = await createPolicy('bad-tag', registryId, {
        dest_namespace: 'team-a',
        filters: [
          { type: 'name', value: 'team-a/web' },
          { type: 'tag', value: 'v{1,2' },
        ],
      });

      const name = await replicate(badName);
      expect(name.execution).toMatchObject({
        status: 'Failed',
        total: 0,
        status_text: 'failed to fetch artifacts: syntax error in pattern',
      });
      const tag = await replicate(badTag);
      expect(tag.execution).toMatchObject({
        status: 'Failed',
        status_text:
          'failed to fetch artifacts: failed to list artifacts of repository team-a/web: syntax error in pattern',
      });
      expect(sim.state.artifacts).toHaveLength(0);
    });

    it('stops a running copy when the execution is stopped, and on shutdown', async () => {
      const registryId = await createRegistry('old', registry.url);
      const policyId = await createPolicy('stop', registryId, {
        dest_namespace: 'team-a',
        dest_namespace_replace_count: 1,
      });
      const res = await api()
        .post('/api/v2.0/replication/executions')
        .auth(...admin)
        .send({ policy_id: policyId })
        .expect(201);
      const id = Number(res.headers.location.split('/').pop());
      await api()
        .put(`/api/v2.0/replication/executions/${id}`)
        .auth(...admin)
        .expect(200);
      await sim.replicationsSettled();
      const got = await api()
        .get(`/api/v2.0/replication/executions/${id}`)
        .auth(...admin)
        .expect(200);
      expect(got.body).toMatchObject({ status: 'Stopped', in_progress: 0 });
      expect(got.body.end_time).toBeDefined();
    });
  },
);

describeWithRegistry('pull replication with token auth', () => {
  it('fetches bearer tokens from the realm the registry names', async () => {
    const registry = await startDockerRegistry({
      auth: { type: 'token', username: USER, password: PASSWORD },
    });
    const clock = new ManualClock();
    const sim = await startHarborSimulator({
      clock,
      seed: 'empty',
      executionDurationMs: 1_000,
    });
    try {
      const digest = await registry.push('team-c/app', ['1'], {
        variant: 'c',
      });
      createProjectRecord(sim.state, clock, { name: 'team-c' });
      const reg = await request(sim.url)
        .post('/api/v2.0/registries')
        .auth(...admin)
        .send({
          name: 'tokened',
          type: 'docker-registry',
          url: registry.url,
          credential: {
            type: 'basic',
            access_key: USER,
            access_secret: PASSWORD,
          },
        })
        .expect(201);
      const policy = await request(sim.url)
        .post('/api/v2.0/replication/policies')
        .auth(...admin)
        .send({
          name: 'team-c',
          src_registry: { id: Number(reg.headers.location.split('/').pop()) },
          dest_namespace: 'team-c',
          dest_namespace_replace_count: 1,
          trigger: { type: 'manual' },
          enabled: true,
        })
        .expect(201);
      const before = registry.tokenRequests;
      const started = await request(sim.url)
        .post('/api/v2.0/replication/executions')
        .auth(...admin)
        .send({ policy_id: Number(policy.headers.location.split('/').pop()) })
        .expect(201);
      await sim.replicationsSettled();
      clock.advance(1_000);
      const done = await request(sim.url)
        .get(started.headers.location)
        .auth(...admin)
        .expect(200);
      expect(done.body).toMatchObject({ status: 'Succeed', succeed: 1 });
      expect(registry.tokenRequests).toBeGreaterThan(before);
      const artifact = sim.state.artifacts.find(a =>
        a.tags.some(t => t.name === '1'),
      );
      expect(artifact?.digest).toBe(digest);
      sim.assertNoViolations();
    } finally {
      await sim.stop();
      await registry.stop();
    }
  }, 60_000);
});

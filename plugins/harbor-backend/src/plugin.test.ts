import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { HarborSimulator } from '@backstage-harbor/harbor-simulator';
import type {
  EntityImages,
  HarborRepositoryImages,
  SeverityCounts,
} from '@backstage-harbor/plugin-harbor-common';
import { SEVERITIES } from '@backstage-harbor/plugin-harbor-common';
import request from 'supertest';
import {
  DENIED,
  OUTSIDER,
  OWNER,
  component,
  startHarborBackend,
  useSimulator,
} from './__testUtils__/testBackend';

const ENTITIES = [
  component('web-app', 'team-a/web, team-a/api, platform/team/app'),
  component('legacy', 'team-a/batch/nightly-report, team-b/payments'),
  component('debian', 'platform/base/debian'),
  component('many', 'library/many'),
  component('not-pushed', 'team-a/not-pushed'),
  component('no-harbor'),
];

const user = mockCredentials.user.header();
const images = (name: string) =>
  `/api/harbor/entities/default/component/${name}/images`;

function repo(body: EntityImages, name: string): HarborRepositoryImages {
  const found = body.repositories.find(
    r => `${r.project}/${r.repository}` === name,
  );
  if (!found) throw new Error(`no ${name} in the answer`);
  return found;
}

const sum = (counts: SeverityCounts) =>
  Object.values(counts).reduce((a, b) => a + b, 0);

describe('harborPlugin', () => {
  const sim = useSimulator(harbor =>
    harbor.addArtifacts({ project: 'library', repository: 'many', count: 250 }),
  );

  it('serves its routes to signed-in callers only', async () => {
    const { server } = await startHarborBackend({ sim, entities: ENTITIES });
    const signedIn = await request(server)
      .get('/api/harbor/health')
      .set('Authorization', user);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ status: 'ok' });

    const anonymous = await request(server)
      .get(images('web-app'))
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    expect(sim.log.count()).toBe(0);
  });

  it('registers the Harbor permissions with the permission framework', async () => {
    const { server } = await startHarborBackend({ sim, entities: ENTITIES });
    const res = await request(server)
      .get('/api/harbor/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual([
      'harbor.entity.images.read',
      'harbor.entity.health.read',
      'harbor.migration.read',
      'harbor.project.create',
      'harbor.project.update',
      'harbor.project.members.update',
      'harbor.project.robot.push.create',
      'harbor.project.webhook.update',
      'harbor.project.adopt',
      'harbor.project.owner.assign',
      'harbor.migration.run',
      'harbor.platform.update',
      'harbor.fleet.read',
    ]);
    expect(res.body.rules).toEqual([
      expect.objectContaining({
        name: 'IS_PROJECT_OWNER',
        resourceType: 'harbor-project',
        paramsSchema: expect.objectContaining({
          properties: { claims: expect.objectContaining({ type: 'array' }) },
        }),
      }),
    ]);
  });

  describe('GET /entities/:namespace/:kind/:name/images', () => {
    it('returns every artifact of every repository of the entity, nested names included', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(images('web-app'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const body = res.body as EntityImages;
      expect(body.stale).toBe(false);
      expect(Date.parse(body.fetchedAt)).not.toBeNaN();
      expect(
        body.repositories.map(r => `${r.project}/${r.repository}`),
      ).toEqual(['team-a/web', 'team-a/api', 'platform/team/app']);

      const web = repo(body, 'team-a/web');
      expect(web.instance).toBe('default');
      expect(web.artifacts).toHaveLength(7);
      const latest = web.artifacts.find(a => a.tags.includes('latest'))!;
      expect(latest.tags).toEqual(['v1.4.1', 'latest']);
      expect(latest.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(latest.size).toBe(180 * 1024 ** 2);
      expect(latest.pushTime).toBeDefined();
      expect(latest.scan.status).toBe('success');
      expect(latest.scan.total).toBe(0);
      expect(Object.keys(latest.scan.counts).sort()).toEqual(
        [...SEVERITIES].sort(),
      );

      const v100 = web.artifacts.find(a => a.tags.includes('v1.0.0'))!;
      expect(v100.scan.status).toBe('success');
      expect(v100.scan.counts.Critical).toBeGreaterThan(0);
      expect(v100.scan.severity).toBe('Critical');
      expect(sum(v100.scan.counts)).toBe(v100.scan.total);
      expect(v100.scan.fixable).toBeGreaterThan(0);
      expect(v100.scan.scanner?.name).toBe('Trivy');

      const untagged = web.artifacts.find(a => a.tags.length === 0)!;
      expect(untagged.scan).toEqual({
        status: 'not-scanned',
        counts: Object.fromEntries(SEVERITIES.map(s => [s, 0])),
        total: 0,
        fixable: 0,
      });

      const api = repo(body, 'team-a/api');
      expect(api.artifacts.map(a => a.scan.status).sort()).toEqual([
        'error',
        'success',
      ]);

      const app = repo(body, 'platform/team/app');
      expect(app.artifacts).toHaveLength(2);
      const projectId = sim.state.projectByName('platform')!.project_id;
      expect(app.harborUrl).toBe(
        `https://harbor.example.com/harbor/projects/${projectId}/repositories/team%2Fapp/artifacts-tab`,
      );
      expect(app.artifacts[0].harborUrl).toBe(
        `${app.harborUrl}/artifacts/${app.artifacts[0].digest}`,
      );
    });

    it('reads scan overviews in both report formats', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(images('legacy'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const nightly = repo(res.body, 'team-a/batch/nightly-report');
      expect(nightly.artifacts[0].scan).toMatchObject({
        status: 'success',
        severity: 'Critical',
        scanner: { name: 'Clair' },
      });
      expect(nightly.artifacts[0].scan.total).toBe(2);
      const payments = repo(res.body, 'team-b/payments');
      const byTag = (tag: string) =>
        payments.artifacts.find(a => a.tags.includes(tag))!.scan;
      expect(byTag('1.0.0').scanner?.name).toBe('Clair');
      expect(byTag('1.1.0').scanner?.name).toBe('Trivy');
      expect(byTag('1.0.0').total).toBe(3);
      expect(byTag('1.1.0').total).toBe(2);
    });

    it('shows artifacts that were never scanned as not-scanned', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(images('debian'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const debian = repo(res.body, 'platform/base/debian');
      expect(debian.artifacts.map(a => a.scan.status)).toEqual(['not-scanned']);
    });

    it('returns every artifact when the repository has 250, in 3 list calls', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(images('many'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(repo(res.body, 'library/many').artifacts).toHaveLength(250);
      expect(sim.log.count('listArtifacts')).toBe(3);
      // Plus one read of the project, for its pull policy (content trust, severity gate).
      expect(sim.log.count('getProject')).toBe(1);
      expect(sim.log.count()).toBe(4);
    });

    it('marks a repository that Harbor does not have as not-found', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(images('not-pushed'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const projectId = sim.state.projectByName('team-a')!.project_id;
      expect(repo(res.body, 'team-a/not-pushed')).toEqual({
        instance: 'default',
        project: 'team-a',
        repository: 'not-pushed',
        harborUrl: `https://harbor.example.com/harbor/projects/${projectId}/repositories`,
        artifacts: [],
        status: {
          state: 'not-found',
          message:
            "Harbor instance 'default' has no repository team-a/not-pushed",
        },
      });
    });

    it('answers a second view from the cache without calling Harbor', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const first = await request(server)
        .get(images('web-app'))
        .set('Authorization', user);
      expect(first.status).toBe(200);
      expect(sim.log.count('listArtifacts')).toBe(3);

      sim.clearLog();
      const second = await request(server)
        .get(images('web-app'))
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/other'),
        );
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(sim.log.count()).toBe(0);
    });

    it('shares one Harbor fetch between concurrent views of the same repositories', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          request(server).get(images('many')).set('Authorization', user),
        ),
      );
      expect(answers.map(a => a.status)).toEqual(Array(10).fill(200));
      expect(sim.log.count('listArtifacts')).toBe(3);
    });

    it('answers an entity without the annotation with no repositories and no Harbor call', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(images('no-harbor'))
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ repositories: [], stale: false });
      expect(sim.log.count()).toBe(0);
    });

    it('answers 404 for an entity the caller cannot see, having asked the catalog with their credentials', async () => {
      const { server, catalog } = await startHarborBackend({
        sim,
        entities: ENTITIES,
      });
      const res = await request(server)
        .get(images('web-app'))
        .set('Authorization', mockCredentials.user.header(OUTSIDER));
      expect(res.status).toBe(404);
      expect(catalog.reads.at(-1)?.principal).toMatchObject({
        type: 'user',
        userEntityRef: OUTSIDER,
      });
      expect(sim.log.count()).toBe(0);

      const missing = await request(server)
        .get(images('does-not-exist'))
        .set('Authorization', user);
      expect(missing.status).toBe(404);
    });

    it('answers 403 without calling Harbor when the permission is denied', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(images('web-app'))
        .set('Authorization', mockCredentials.user.header(DENIED));
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(sim.log.count()).toBe(0);
    });

    it('rejects an entity reference that is not one', async () => {
      const { server } = await startHarborBackend({ sim, entities: ENTITIES });
      const res = await request(server)
        .get(`/api/harbor/entities/default/component/${'x'.repeat(300)}/images`)
        .set('Authorization', user);
      expect(res.status).toBe(400);
    });
  });

  describe('GET /entities/:namespace/:kind/:name/health', () => {
    it('answers for the instance an entity names with goharbor.io/instance, even without repositories', async () => {
      const instance = (name: string) => ({
        name,
        baseUrl: sim.url,
        username: sim.adminCredentials.username,
        password: sim.adminCredentials.password,
      });
      const { server, stop } = await startHarborBackend({
        sim,
        entities: [
          component('registry', undefined, { instance: 'us' }),
          component('nowhere', undefined, { instance: 'mars' }),
          component('plain'),
        ],
        config: { harbor: { instances: [instance('eu'), instance('us')] } },
      });
      try {
        const owner = mockCredentials.user.header(OWNER);
        const health = (name: string) =>
          request(server)
            .get(`/api/harbor/entities/default/component/${name}/health`)
            .set('Authorization', owner);
        const named = await health('registry');
        expect(named.status).toBe(200);
        expect(named.body.instance).toBe('us');
        expect((await health('plain')).body.instance).toBe('eu');
        const unknown = await health('nowhere');
        expect(unknown.status).toBe(400);
        expect(unknown.body.error.message).toContain("Harbor instance 'mars'");
        expect(unknown.body.error.message).not.toContain(sim.url);
      } finally {
        await stop();
      }
    });
  });

  describe('when Harbor fails', () => {
    const secrets = (s: HarborSimulator) => [
      s.adminCredentials.password,
      Buffer.from(
        `${s.adminCredentials.username}:${s.adminCredentials.password}`,
      ).toString('base64'),
    ];

    it.each([
      ['answers 500', { status: 500 }, 'HarborUnavailableError'],
      [
        'rejects the configured credentials (401)',
        { status: 401 },
        'HarborCredentialsRejectedError',
      ],
      [
        'hangs past the request timeout',
        { hang: true },
        'HarborUnavailableError',
      ],
    ])(
      'answers 503 naming the instance when Harbor %s',
      async (_what, fault, name) => {
        const { server } = await startHarborBackend({
          sim,
          entities: ENTITIES,
          harbor: { requestTimeout: 300 },
        });
        sim.faults.inject({
          operationId: 'listArtifacts',
          always: true,
          ...fault,
        });
        const res = await request(server)
          .get(images('debian'))
          .set('Authorization', user);
        expect(res.status).toBe(503);
        expect(res.body.error.name).toBe(name);
        expect(res.body.error.message).toContain("Harbor instance 'default'");
        expect(res.body.error.message).toContain(
          'listArtifacts of repository platform/base/debian',
        );
        // Harbor's internal address and API path stay in the backend log.
        expect(res.text).not.toContain(new URL(sim.url).host);
        expect(res.text).not.toContain('/api/v2.0');
        for (const secret of secrets(sim)) {
          expect(JSON.stringify(res.body)).not.toContain(secret);
        }
      },
    );

    it('serves the last good answer flagged stale while Harbor is down', async () => {
      const { server } = await startHarborBackend({
        sim,
        entities: ENTITIES,
        harbor: { cache: { imagesTtl: '1ms' } },
      });
      const good = await request(server)
        .get(images('debian'))
        .set('Authorization', user);
      expect(good.status).toBe(200);
      expect(good.body.stale).toBe(false);

      // Past the 1 ms TTL of the fresh entry; the last good copy lives on.
      await new Promise(resolve => setTimeout(resolve, 5));
      sim.faults.inject({
        operationId: 'listArtifacts',
        always: true,
        status: 500,
      });
      const stale = await request(server)
        .get(images('debian'))
        .set('Authorization', user);
      expect(stale.status).toBe(200);
      const [fresh] = good.body.repositories;
      expect(fresh.status).toEqual({
        state: 'fresh',
        fetchedAt: good.body.fetchedAt,
      });
      expect(stale.body).toEqual({
        ...good.body,
        repositories: [
          {
            ...fresh,
            status: {
              state: 'stale',
              fetchedAt: good.body.fetchedAt,
              // Harbor answered the credential check and the first view: recorded in the shared cache.
              lastReachableAt: expect.any(String),
            },
          },
        ],
        stale: true,
      });
    });

    it('never puts a credential in a response body or a log line', async () => {
      const lines: string[] = [];
      const spies = (['error', 'warn', 'info', 'debug', 'log'] as const).map(
        level =>
          jest
            .spyOn(console, level)
            .mockImplementation((...args: unknown[]) => {
              lines.push(
                args
                  .map(a => (typeof a === 'string' ? a : JSON.stringify(a)))
                  .join(' '),
              );
            }),
      );
      try {
        const { server } = await startHarborBackend({
          sim,
          entities: ENTITIES,
          harbor: { requestTimeout: 300 },
          features: [mockServices.rootLogger.factory({ level: 'debug' })],
        });
        const bodies: string[] = [];
        const get = async (path: string) => {
          const res = await request(server)
            .get(path)
            .set('Authorization', user);
          bodies.push(res.text);
        };
        await get(images('web-app'));
        sim.faults.inject({
          operationId: 'listArtifacts',
          always: true,
          status: 401,
        });
        await get(images('legacy'));
        sim.faults.clear();
        sim.faults.inject({
          operationId: 'listArtifacts',
          always: true,
          status: 500,
        });
        await get(images('debian'));
        sim.faults.clear();
        sim.faults.inject({
          operationId: 'getHealth',
          always: true,
          hang: true,
        });
        await get('/api/harbor/entities/default/component/debian/health');
        // The failures were logged, with the instance and without the credentials.
        expect(lines.some(l => l.includes("Harbor instance 'default'"))).toBe(
          true,
        );
        // ... and with Harbor's address, API path and request id, which the answers leave out.
        expect(
          lines.some(
            l =>
              l.includes(`GET ${sim.url}/api/v2.0/projects/`) &&
              l.includes('harborRequestId'),
          ),
        ).toBe(true);
        for (const body of bodies) {
          expect(body).not.toContain(new URL(sim.url).host);
        }
        for (const secret of secrets(sim)) {
          for (const text of [...bodies, ...lines]) {
            expect(text).not.toContain(secret);
          }
        }
      } finally {
        spies.forEach(s => s.mockRestore());
      }
    });
  });
});

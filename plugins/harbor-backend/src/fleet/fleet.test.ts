import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type {
  FleetSearchResult,
  FleetSummary,
} from '@backstage-harbor/plugin-harbor-common';
import {
  DEMO_FLEET_CVE,
  HarborSimulator,
  startHarborSimulator,
} from '@backstage-harbor/harbor-simulator';
import {
  KubernetesSimulator,
  readOnlyRules,
  startKubernetesSimulator,
} from '@backstage-harbor/kubernetes-simulator';
import request from 'supertest';
import {
  DENIED,
  HarborTestBackend,
  component,
  startHarborBackend,
} from '../__testUtils__/testBackend';

const READER = {
  token: 'fleet-reader-token-7a1c3e9b',
  user: 'system:serviceaccount:backstage:harbor-reader',
};
/** Sees only what team-b owns (and Groups), as a catalog permission rule would have it. */
const TEAM_B_MEMBER = 'user:default/team-b-member';
/** Sees everything but the platform team's entities. */
const NO_PLATFORM = 'user:default/no-platform';

function group(name: string, title: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', title },
    spec: { type: 'team', children: [] },
  };
}

const ENTITIES: Entity[] = [
  component('storefront-web', 'team-a/web'),
  component('orders-api', 'team-a/api, team-a/batch/nightly-report'),
  component('payments', 'team-b/payments', { owner: 'group:default/team-b' }),
  component('registry-gateway', 'platform/team/app, platform/team/worker', {
    owner: 'group:default/platform-team',
  }),
  group('team-a', 'Team A'),
  group('team-b', 'Team B'),
  group('platform-team', 'Platform team'),
];

function userOf(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

/** The catalog's answer to a batched read, as the caller's catalog permissions would filter it. */
function readableBy(user: string | undefined, entity: Entity): boolean {
  const owner = (entity.spec as { owner?: string } | undefined)?.owner;
  if (user === TEAM_B_MEMBER) {
    return entity.kind === 'Group' || owner === 'group:default/team-b';
  }
  if (user === NO_PLATFORM) return owner !== 'group:default/platform-team';
  return true;
}

async function digestOf(sim: HarborSimulator, repo: string, tag: string) {
  const [project, ...rest] = repo.split('/');
  const res = await request(sim.url)
    .get(
      `/api/v2.0/projects/${project}/repositories/${encodeURIComponent(
        encodeURIComponent(rest.join('/')),
      )}/artifacts/${tag}`,
    )
    .auth(sim.adminCredentials.username, sim.adminCredentials.password)
    .expect(200);
  return res.body.digest as string;
}

async function startFleetBackend(
  sim: HarborSimulator,
  extra: JsonObject = {},
): Promise<HarborTestBackend> {
  const backend = await startHarborBackend({
    sim,
    entities: ENTITIES,
    harbor: extra,
  });
  const { catalog } = backend.catalog;
  const byRefs = catalog.getEntitiesByRefs.bind(catalog);
  catalog.getEntitiesByRefs = (async (req: any, options: any) => {
    const answer = await byRefs(req, options);
    const user = userOf(options.credentials);
    const full = await byRefs({ entityRefs: req.entityRefs }, options);
    return {
      items: answer.items.map((e, i) =>
        e && readableBy(user, full.items[i]!) ? e : undefined,
      ),
    };
  }) as typeof catalog.getEntitiesByRefs;
  return backend;
}

const search = (backend: HarborTestBackend, query: string, user?: string) =>
  request(backend.server)
    .get(`/api/harbor/fleet/vulnerabilities?${query}`)
    .set('Authorization', mockCredentials.user.header(user));

describe('fleet security view', () => {
  describe('with Security Hub (Harbor 2.9+)', () => {
    let sim: HarborSimulator;
    let cluster: KubernetesSimulator;
    let backend: HarborTestBackend;

    beforeAll(async () => {
      sim = await startHarborSimulator({
        port: 0,
        seed: 'demo',
        validation: 'throw',
      });
      const host = new URL(sim.url).host;
      const worker = await digestOf(sim, 'platform/team/worker', '0.9.0');
      cluster = await startKubernetesSimulator({
        tokens: [{ ...READER, rules: readOnlyRules() }],
        objects: [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              name: 'gateway-worker-6d5c4b3a2-z9n1k',
              namespace: 'platform',
            },
            spec: {
              containers: [
                { name: 'worker', image: `${host}/platform/team/worker:0.9.0` },
              ],
            },
            status: {
              phase: 'Running',
              containerStatuses: [
                {
                  name: 'worker',
                  image: `${host}/platform/team/worker:0.9.0`,
                  imageID: `${host}/platform/team/worker@${worker}`,
                  ready: true,
                  restartCount: 0,
                },
              ],
            },
          },
        ],
      });
      backend = await startFleetBackend(sim, {
        cluster: {
          url: cluster.url,
          token: READER.token,
          skipTLSVerify: true,
          name: 'test-cluster',
        },
      });
    }, 120_000);

    afterAll(async () => {
      await backend?.stop();
      await cluster?.stop();
      await sim?.stop();
    });

    beforeEach(() => sim.clearLog());
    afterEach(() => sim.assertNoViolations());

    it('finds the demo CVE in both teams’ components, names the owners and says which digest runs', async () => {
      const res = await search(backend, `cveId=${DEMO_FLEET_CVE}`).expect(200);
      const body = res.body as FleetSearchResult;
      expect(body.instances).toHaveLength(1);
      const [instance] = body.instances;
      expect(instance).toMatchObject({
        instance: 'default',
        source: 'security-hub',
        totalHits: 3,
      });
      expect(instance.vulnerabilities).toHaveLength(1);
      const [cve] = instance.vulnerabilities;
      expect(cve.cveId).toBe(DEMO_FLEET_CVE);
      const rows = cve.artifacts.map(a => ({
        repository: `${a.project}/${a.repository}`,
        entities: a.entities.map(e => e.entityRef),
        owners: a.owners.map(o => `${o.entityRef}|${o.title}`),
        running: a.running.state,
      }));
      expect(rows).toEqual([
        {
          repository: 'platform/team/worker',
          entities: ['component:default/registry-gateway'],
          owners: ['group:default/platform-team|Platform team'],
          running: 'running',
        },
        {
          repository: 'team-a/api',
          entities: ['component:default/orders-api'],
          owners: ['group:default/team-a|Team A'],
          running: 'not-running',
        },
        {
          repository: 'team-a/web',
          entities: ['component:default/storefront-web'],
          owners: ['group:default/team-a|Team A'],
          running: 'not-running',
        },
      ]);
      expect(cve.artifacts[0].running.containers).toEqual([
        {
          namespace: 'platform',
          pod: 'gateway-worker-6d5c4b3a2-z9n1k',
          container: 'worker',
        },
      ]);
      expect(cve.artifacts[0].harborUrl).toMatch(
        /^https:\/\/harbor\.example\.com\/harbor\/projects\/\d+\/.*\/artifacts\/sha256:/,
      );
    });

    it('reads Security Hub once per cold search (the summary, then ⌈hits/100⌉ pages) and not at all when warm', async () => {
      await search(backend, 'package=stdlib&severity=High').expect(200);
      expect(
        sim.log.count('getSecuritySummary') +
          sim.log.count('ListVulnerabilities'),
      ).toBeLessThanOrEqual(2);
      const cold = sim.log.count('ListVulnerabilities');
      expect(cold).toBe(1);
      sim.clearLog();
      await search(backend, 'package=stdlib&severity=High').expect(200);
      expect(sim.log.count()).toBe(0);
    });

    it('never names an entity the caller cannot read, but counts it', async () => {
      const res = await search(
        backend,
        `cveId=${DEMO_FLEET_CVE}`,
        TEAM_B_MEMBER,
      ).expect(200);
      const [cve] = (res.body as FleetSearchResult).instances[0]
        .vulnerabilities;
      expect(
        cve.artifacts.map(a => [
          a.entities.length,
          a.hiddenEntities,
          a.owners.length,
        ]),
      ).toEqual([
        [0, 1, 0],
        [0, 1, 0],
        [0, 1, 0],
      ]);
      // The worker runs, but where (pod names often carry the component's name) is not said.
      expect(cve.artifacts[0].running).toMatchObject({
        state: 'running',
        containers: [],
        message: '1 container(s) run it, of entities you may not read',
      });
      const text = JSON.stringify(res.body);
      for (const name of [
        'storefront-web',
        'orders-api',
        'registry-gateway',
        'group:default/',
        'gateway-worker-6d5c4b3a2-z9n1k',
      ]) {
        expect(text).not.toContain(name);
      }
    });

    it('names what the caller may read and counts the rest in the same artifact list', async () => {
      const res = await search(
        backend,
        `cveId=${DEMO_FLEET_CVE}`,
        NO_PLATFORM,
      ).expect(200);
      const [cve] = (res.body as FleetSearchResult).instances[0]
        .vulnerabilities;
      const worker = cve.artifacts.find(a => a.repository === 'team/worker')!;
      expect(worker).toMatchObject({
        entities: [],
        hiddenEntities: 1,
        owners: [],
      });
      const web = cve.artifacts.find(a => a.repository === 'web')!;
      expect(web.entities.map(e => e.name)).toEqual(['storefront-web']);
      expect(JSON.stringify(res.body)).not.toContain('registry-gateway');
    });

    it('summarises the instance with Harbor’s counts and the entities of its most dangerous artifacts', async () => {
      const res = await request(backend.server)
        .get('/api/harbor/fleet/summary')
        .set('Authorization', mockCredentials.user.header())
        .expect(200);
      const [summary] = (res.body as FleetSummary).instances;
      const hub = await request(sim.url)
        .get('/api/v2.0/security/summary')
        .auth(sim.adminCredentials.username, sim.adminCredentials.password);
      expect(summary).toMatchObject({
        source: 'security-hub',
        totalVulnerabilities: hub.body.total_vuls,
        scannedArtifacts: hub.body.scanned_cnt,
        totalArtifacts: hub.body.total_artifact,
      });
      expect(summary.counts.Critical).toBe(hub.body.critical_cnt);
      expect(summary.dangerousCves.length).toBeGreaterThan(0);
      expect(summary.dangerousArtifacts.some(a => a.entities.length > 0)).toBe(
        true,
      );
    });

    it('answers 400 without anything to search for, or for an unknown severity', async () => {
      const none = await search(backend, '').expect(400);
      expect(none.body.error.name).toBe('InputError');
      await search(backend, 'severity=Catastrophic').expect(400);
      await search(backend, 'cveId=CVE-1,severity=High').expect(400);
      await search(backend, 'cvssMin=9&cvssMax=2').expect(400);
    });

    it('is denied without harbor.fleet.read, and needs a signed-in caller', async () => {
      const denied = await search(
        backend,
        `cveId=${DEMO_FLEET_CVE}`,
        DENIED,
      ).expect(403);
      expect(denied.body.error.name).toBe('NotAllowedError');
      await request(backend.server)
        .get(`/api/harbor/fleet/summary`)
        .set('Authorization', mockCredentials.user.header(DENIED))
        .expect(403);
      await request(backend.server)
        .get(`/api/harbor/fleet/vulnerabilities?cveId=${DEMO_FLEET_CVE}`)
        .set('Authorization', mockCredentials.none.header())
        .expect(401);
      expect(sim.log.count()).toBe(0);
    });
  });

  describe('without Security Hub (Harbor before 2.9)', () => {
    let sim: HarborSimulator;
    let backend: HarborTestBackend;

    beforeAll(async () => {
      sim = await startHarborSimulator({
        port: 0,
        seed: 'demo',
        validation: 'throw',
        harborVersion: 'v2.8.4',
      });
      backend = await startFleetBackend(sim);
    }, 120_000);

    afterAll(async () => {
      await backend?.stop();
      await sim?.stop();
    });

    afterEach(() => sim.assertNoViolations());

    it('walks the listings instead, says so, and finds the same artifacts', async () => {
      const res = await search(backend, `cveId=${DEMO_FLEET_CVE}`).expect(200);
      const [instance] = (res.body as FleetSearchResult).instances;
      expect(instance.source).toBe('listing');
      expect(instance.truncated).toBe(false);
      expect(
        instance.vulnerabilities[0].artifacts.map(
          a => `${a.project}/${a.repository}`,
        ),
      ).toEqual(['platform/team/worker', 'team-a/api', 'team-a/web']);
      expect(instance.vulnerabilities[0].artifacts[0].running).toMatchObject({
        state: 'unknown',
        message: 'no cluster is configured',
      });
      // The inventory is cached: a second search reads nothing from Harbor.
      sim.clearLog();
      await search(backend, 'severity=Critical').expect(200);
      expect(sim.log.count()).toBe(0);
    });

    it('summarises from the same inventory', async () => {
      const res = await request(backend.server)
        .get('/api/harbor/fleet/summary')
        .set('Authorization', mockCredentials.user.header())
        .expect(200);
      const [summary] = (res.body as FleetSummary).instances;
      expect(summary.source).toBe('listing');
      expect(summary.totalArtifacts).toBeGreaterThan(summary.scannedArtifacts);
      expect(summary.totalVulnerabilities).toBeGreaterThan(0);
      expect(
        summary.dangerousArtifacts[0].entities.length +
          summary.dangerousArtifacts[0].hiddenEntities,
      ).toBeGreaterThanOrEqual(0);
    });
  });
});

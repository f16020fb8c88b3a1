import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  HARBOR_PLATFORM_NAMESPACE_ANNOTATION,
  HarborPlatformStatus,
  EntityWorkloads,
  PLATFORM_CHECK_STATUSES,
} from '@backstage-harbor/plugin-harbor-common';
import type { HarborSimulator } from '@backstage-harbor/harbor-simulator';
import {
  KubernetesSimulator,
  SEED_HARBOR_CHART_VERSION,
  harborPlatformObjects,
  readOnlyRules,
  startKubernetesSimulator,
} from '@backstage-harbor/kubernetes-simulator';
import request from 'supertest';
import {
  DENIED,
  OUTSIDER,
  OWNER,
  component,
  startHarborBackend,
  startSimulator,
} from '../__testUtils__/testBackend';

const READER = {
  token: 'cluster-reader-token-5f2c9a7e',
  user: 'system:serviceaccount:backstage:harbor-reader',
};
const OLD_REGISTRY = 'registry.old.example.com';
/** How Harbor (and the cluster's nodes) reach the old registry: `harbor.migration.sourceRegistry.harborUrl`. */
const OLD_REGISTRY_IN_CLUSTER = 'old-registry.registry.svc:5000';
const owner = mockCredentials.user.header(OWNER);

function system(name: string, platformNamespace?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name,
      namespace: 'default',
      annotations: platformNamespace
        ? { [HARBOR_PLATFORM_NAMESPACE_ANNOTATION]: platformNamespace }
        : {},
    },
    spec: { owner: 'group:default/platform-team' },
  };
}

function workloadComponent(name: string, kubernetesId: string): Entity {
  const entity = component(name, 'team-a/web');
  entity.metadata.annotations!['backstage.io/kubernetes-id'] = kubernetesId;
  return entity;
}

const ENTITIES = [
  system('container-registry', 'harbor'),
  system('broken-registry', 'harbor-broken'),
  system('no-platform'),
  system('empty-platform', 'team-b'),
  workloadComponent('storefront-web', 'storefront'),
  component('no-pods', 'team-a/web'),
];

const platform = (name: string) =>
  `/api/harbor/entities/default/system/${name}/platform`;
const workloads = (name: string) =>
  `/api/harbor/entities/default/component/${name}/workloads`;

/** The digest Harbor has for a tag, read over the simulator's API as any client would. */
async function digestOf(
  harbor: HarborSimulator,
  repository: string,
  tag: string,
): Promise<string> {
  const [project, ...rest] = repository.split('/');
  const { username, password } = harbor.adminCredentials;
  const res = await fetch(
    `${
      harbor.url
    }/api/v2.0/projects/${project}/repositories/${encodeURIComponent(
      rest.join('/'),
    )}/artifacts/${tag}`,
    {
      headers: {
        authorization: `Basic ${Buffer.from(`${username}:${password}`).toString(
          'base64',
        )}`,
      },
    },
  );
  return ((await res.json()) as { digest: string }).digest;
}

function pod(
  name: string,
  images: Record<string, { image: string; imageID: string }>,
) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'team-a',
      labels: { 'backstage.io/kubernetes-id': 'storefront' },
    },
    spec: {
      containers: Object.entries(images).map(([c, i]) => ({
        name: c,
        image: i.image,
      })),
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: Object.entries(images).map(([c, i]) => ({
        name: c,
        image: i.image,
        imageID: i.imageID,
        ready: true,
        restartCount: 0,
      })),
    },
  };
}

describe('cluster routes', () => {
  let harbor: HarborSimulator;
  let cluster: KubernetesSimulator;
  let harborHost: string;
  let runningDigest: string;
  let latestDigest: string;

  beforeAll(async () => {
    harbor = await startSimulator();
    harborHost = new URL(harbor.url).host;
    // The tag v1.4.0 was moved on to v1.4.1 since; one pod still runs v1.4.0's digest under the old tag name.
    runningDigest = await digestOf(harbor, 'team-a/web', 'v1.4.0');
    latestDigest = await digestOf(harbor, 'team-a/web', 'v1.4.1');
    cluster = await startKubernetesSimulator({
      tokens: [{ ...READER, rules: readOnlyRules() }],
      objects: [
        ...harborPlatformObjects({ state: 'healthy' }),
        ...harborPlatformObjects({
          state: 'broken',
          namespace: 'harbor-broken',
        }),
        pod('storefront-7c9d-abcde', {
          web: {
            image: `${harborHost}/team-a/web:v1.4.1`,
            imageID: `${harborHost}/team-a/web@${runningDigest}`,
          },
          proxy: {
            image: 'docker.io/library/nginx:1.25.3',
            imageID: `docker.io/library/nginx@sha256:${'1'.repeat(64)}`,
          },
        }),
        pod('storefront-legacy-fghij', {
          web: {
            image: `${OLD_REGISTRY}/storefront/web:1.0`,
            imageID: `${OLD_REGISTRY}/storefront/web@sha256:${'2'.repeat(64)}`,
          },
          worker: {
            image: `${OLD_REGISTRY_IN_CLUSTER}/storefront/worker:1.0`,
            imageID: `${OLD_REGISTRY_IN_CLUSTER}/storefront/worker@sha256:${'3'.repeat(
              64,
            )}`,
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await cluster.stop();
    await harbor.stop();
  });

  beforeEach(() => cluster.requestLog.clear());

  const clusterConfig = (url = cluster.url) => ({
    cluster: {
      url,
      token: READER.token,
      skipTLSVerify: true,
      name: 'test-cluster',
    },
    migration: {
      sourceRegistry: {
        url: `https://${OLD_REGISTRY}`,
        harborUrl: `http://${OLD_REGISTRY_IN_CLUSTER}`,
      },
    },
  });

  async function backend(url?: string, extra: Record<string, unknown> = {}) {
    return startHarborBackend({
      sim: harbor,
      entities: ENTITIES,
      harbor: { ...clusterConfig(url), ...extra },
    });
  }

  describe('GET /entities/:namespace/:kind/:name/platform', () => {
    it('reports every check of a healthy platform as ok, with the chart version', async () => {
      const { server, stop } = await backend();
      try {
        const res = await request(server)
          .get(platform('container-registry'))
          .set('Authorization', owner);
        expect(res.status).toBe(200);
        const body = res.body as HarborPlatformStatus;
        expect(body).toMatchObject({
          cluster: 'test-cluster',
          namespace: 'harbor',
          status: 'ok',
          chartVersion: SEED_HARBOR_CHART_VERSION,
        });
        expect(body.checks.filter(c => c.status !== 'ok')).toEqual([]);
        expect(new Set(body.checks.map(c => c.kind))).toEqual(
          new Set([
            'workload',
            'helm-release',
            'oci-repository',
            'database',
            'database-backup',
            'dragonfly',
            'certificate',
            'external-secret',
          ]),
        );
        expect(body.checks).toHaveLength(5 + 1 + 1 + 2 + 1 + 1 + 5);
        expect(cluster.requestLog.writes()).toEqual([]);
        expect(
          new Set(cluster.requestLog.entries.map(e => e.namespace)),
        ).toEqual(new Set(['harbor']));
      } finally {
        await stop();
      }
    });

    it('lists what is wrong first on a broken platform, each with its runbook section', async () => {
      const { server, stop } = await backend();
      try {
        const res = await request(server)
          .get(platform('broken-registry'))
          .set('Authorization', owner);
        expect(res.status).toBe(200);
        const body = res.body as HarborPlatformStatus;
        expect(body.status).toBe('error');
        const ranks = body.checks.map(c =>
          PLATFORM_CHECK_STATUSES.indexOf(c.status),
        );
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        const byId = Object.fromEntries(body.checks.map(c => [c.id, c]));
        expect(byId['helm-release/harbor']).toMatchObject({
          status: 'error',
          message: expect.stringContaining('UpgradeFailed'),
          runbook: {
            page: 'troubleshooting.md',
            anchor: 'platform-helmrelease-not-ready',
          },
        });
        expect(byId['workload/harbor-jobservice']).toMatchObject({
          status: 'error',
          message: '0/1 replicas ready',
        });
        expect(byId['workload/harbor-core']).toMatchObject({
          status: 'warning',
          message: '1/2 replicas ready',
        });
        expect(byId['database/harbor-db'].status).toBe('warning');
        expect(byId['database-backup/harbor-db']).toMatchObject({
          status: 'error',
          message: expect.stringMatching(/3 days ago/),
        });
        expect(byId['dragonfly/harbor-dragonfly'].status).toBe('error');
        expect(byId['certificate/harbor-tls']).toMatchObject({
          status: 'error',
          message: expect.stringContaining('expires in 5 days'),
        });
        expect(byId['external-secret/harbor-s3']).toMatchObject({
          status: 'error',
          message: expect.stringContaining('SecretSyncedError'),
        });
        expect(byId['external-secret/harbor-admin'].status).toBe('ok');
        expect(body.checks[0].status).toBe('error');
        expect(body.checks[body.checks.length - 1].status).toBe('ok');
      } finally {
        await stop();
      }
    });

    it('answers a second view from the cache without reading the cluster', async () => {
      const { server, stop } = await backend();
      try {
        const first = await request(server)
          .get(platform('container-registry'))
          .set('Authorization', owner);
        const reads = cluster.requestLog.entries.length;
        expect(reads).toBe(8);
        const second = await request(server)
          .get(platform('container-registry'))
          .set('Authorization', owner);
        expect(second.status).toBe(200);
        expect(second.body).toEqual(first.body);
        expect(cluster.requestLog.entries).toHaveLength(reads);
      } finally {
        await stop();
      }
    });

    it('reports what the namespace lacks as unknown, and 404 for a System without the annotation', async () => {
      const { server, stop } = await backend();
      try {
        const empty = await request(server)
          .get(platform('empty-platform'))
          .set('Authorization', owner);
        expect(empty.status).toBe(200);
        // team-b runs no Harbor: every kind is missing, nothing is claimed ok.
        expect(empty.body.status).toBe('unknown');
        expect(
          empty.body.checks.map((c: { message: string }) => c.message),
        ).toContain('no HelmRelease in namespace team-b');
        const none = await request(server)
          .get(platform('no-platform'))
          .set('Authorization', owner);
        expect(none.status).toBe(404);
        expect(none.body.error.message).toContain(
          HARBOR_PLATFORM_NAMESPACE_ANNOTATION,
        );
      } finally {
        await stop();
      }
    });

    it('answers 503 naming the cluster, never the token, when the API server is down', async () => {
      const down = await startKubernetesSimulator();
      const url = down.url;
      await down.stop();
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
        const { server, stop } = await startHarborBackend({
          sim: harbor,
          entities: ENTITIES,
          harbor: clusterConfig(url),
          features: [mockServices.rootLogger.factory({ level: 'debug' })],
        });
        try {
          const res = await request(server)
            .get(platform('container-registry'))
            .set('Authorization', owner);
          expect(res.status).toBe(503);
          expect(res.body.error.name).toBe('ServiceUnavailableError');
          expect(res.body.error.message).toMatch(
            /^Kubernetes cluster test-cluster: could not list .* in namespace harbor: connection failed \(ECONNREFUSED\)$/,
          );
          const workloadsRes = await request(server)
            .get(workloads('storefront-web'))
            .set('Authorization', owner);
          expect(workloadsRes.status).toBe(503);
          expect(
            lines.some(l => l.includes('Kubernetes cluster test-cluster')),
          ).toBe(true);
          for (const text of [res.text, workloadsRes.text, ...lines]) {
            expect(text).not.toContain(READER.token);
          }
        } finally {
          await stop();
        }
      } finally {
        spies.forEach(s => s.mockRestore());
      }
    });

    it('answers 503 saying what to configure when no cluster is configured', async () => {
      const { server, stop } = await startHarborBackend({
        sim: harbor,
        entities: ENTITIES,
      });
      try {
        const res = await request(server)
          .get(platform('container-registry'))
          .set('Authorization', owner);
        expect(res.status).toBe(503);
        expect(res.body.error.message).toContain('harbor.cluster');
      } finally {
        await stop();
      }
    });

    it('answers 403 without the health permission and 404 for an entity the caller cannot see, before reading the cluster', async () => {
      const { server, stop } = await backend();
      try {
        const denied = await request(server)
          .get(platform('container-registry'))
          .set('Authorization', mockCredentials.user.header(DENIED));
        expect(denied.status).toBe(403);
        const hidden = await request(server)
          .get(platform('container-registry'))
          .set('Authorization', mockCredentials.user.header(OUTSIDER));
        expect(hidden.status).toBe(404);
        const anonymous = await request(server)
          .get(platform('container-registry'))
          .set('Authorization', mockCredentials.none.header());
        expect(anonymous.status).toBe(401);
        expect(cluster.requestLog.entries).toEqual([]);
      } finally {
        await stop();
      }
    });
  });

  describe('GET /entities/:namespace/:kind/:name/workloads', () => {
    it("resolves each running image to the digest that runs and that artifact's scan", async () => {
      const { server, stop } = await backend();
      try {
        const res = await request(server)
          .get(workloads('storefront-web'))
          .set('Authorization', owner);
        expect(res.status).toBe(200);
        const body = res.body as EntityWorkloads;
        expect(body).toMatchObject({
          cluster: 'test-cluster',
          labelSelector: 'backstage.io/kubernetes-id=storefront',
        });
        expect(body.pods.map(p => p.name).sort()).toEqual([
          'storefront-7c9d-abcde',
          'storefront-legacy-fghij',
        ]);
        const fromHarbor = body.images.find(i => i.origin === 'harbor')!;
        expect(fromHarbor).toMatchObject({
          registry: harborHost,
          repository: 'team-a/web',
          tag: 'v1.4.1',
          digest: runningDigest,
          artifact: {
            instance: 'default',
            project: 'team-a',
            repository: 'web',
            digest: runningDigest,
            tags: ['v1.4.0'],
            scan: { status: 'success' },
          },
          containers: [
            {
              namespace: 'team-a',
              pod: 'storefront-7c9d-abcde',
              container: 'web',
            },
          ],
        });
        // v1.4.0 (what runs) has a vulnerability; v1.4.1 (what the tag names now) has none.
        expect(runningDigest).not.toBe(latestDigest);
        expect(fromHarbor.artifact!.scan!.total).toBeGreaterThan(0);
        expect(fromHarbor.artifact!.harborUrl).toContain(
          `/artifacts/${runningDigest}`,
        );
        expect(cluster.requestLog.find({ resource: 'pods' })[0]).toMatchObject({
          verb: 'list',
          namespace: undefined,
          query: expect.objectContaining({
            labelSelector: 'backstage.io/kubernetes-id=storefront',
          }),
        });
      } finally {
        await stop();
      }
    });

    it('flags images still pulled from the old registry by either of its hosts, first', async () => {
      const { server, stop } = await backend();
      try {
        const res = await request(server)
          .get(workloads('storefront-web'))
          .set('Authorization', owner);
        const body = res.body as EntityWorkloads;
        expect(body.images.map(i => [i.origin, i.image])).toEqual([
          [
            'legacy-registry',
            `${OLD_REGISTRY_IN_CLUSTER}/storefront/worker:1.0`,
          ],
          ['legacy-registry', `${OLD_REGISTRY}/storefront/web:1.0`],
          ['harbor', `${harborHost}/team-a/web:v1.4.1`],
          ['other', 'docker.io/library/nginx:1.25.3'],
        ]);
        expect(body.images[0].artifact).toBeUndefined();
        expect(body.images[1].artifact).toBeUndefined();
      } finally {
        await stop();
      }
    });

    it('answers 404 for an entity without the kubernetes-id annotation and 403 without the images permission', async () => {
      const { server, stop } = await backend();
      try {
        const none = await request(server)
          .get(workloads('no-pods'))
          .set('Authorization', owner);
        expect(none.status).toBe(404);
        expect(none.body.error.message).toContain('backstage.io/kubernetes-id');
        const denied = await request(server)
          .get(workloads('storefront-web'))
          .set('Authorization', mockCredentials.user.header(DENIED));
        expect(denied.status).toBe(403);
        expect(cluster.requestLog.entries).toEqual([]);
      } finally {
        await stop();
      }
    });
  });
});

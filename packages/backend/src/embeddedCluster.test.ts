import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  mockCredentials,
  mockServices,
  ServiceFactoryTester,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startKubernetesSimulator } from '@backstage-harbor/kubernetes-simulator';
import type {
  EntityWorkloads,
  HarborPlatformStatus,
} from '@backstage-harbor/plugin-harbor-common';
import {
  harborClientsServiceRef,
  robotSecretStoresServiceRef,
} from '@backstage-harbor/plugin-harbor-node';
import harborPlugin from '@backstage-harbor/plugin-harbor-backend';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import {
  embeddedKubernetesFactory,
  embeddedRobotSecretStoresFactory,
} from './embeddedCluster';
import {
  EMBEDDED_CLUSTER_NAME,
  embeddedHarborClusterFactory,
} from './embeddedClusterViews';
import { EMBEDDED_LEGACY_REGISTRY_HOST } from './embeddedClusterWorkloads';
import { embeddedHarborClientsFactory } from './embeddedHarbor';

const repoRoot = resolve(__dirname, '../../..');

/** The demo portal's own catalog: the System and the example components, as app-config.yaml loads them. */
function demoEntities(): Entity[] {
  return ['catalog-info.yaml', 'examples/entities.yaml'].flatMap(file =>
    parseAllDocuments(readFileSync(resolve(repoRoot, file), 'utf8')).map(
      doc => doc.toJS() as Entity,
    ),
  );
}

/** Embedded simulators on free ports, and the shutdown hooks that stop them. */
function embeddedDependencies(data: object = {}) {
  const logger = mockServices.rootLogger.mock();
  const shutdownHooks: Array<() => void | Promise<void>> = [];
  const lifecycle = mockServices.rootLifecycle.mock({
    addShutdownHook: jest.fn(hook => shutdownHooks.push(hook)),
  });
  return {
    logger,
    shutdown: async () => {
      for (const hook of shutdownHooks.splice(0)) await hook();
    },
    dependencies: [
      mockServices.rootConfig.factory({
        data: {
          kubernetesSimulator: { port: 0 },
          harborSimulator: { port: 0 },
          ...data,
        },
      }),
      logger.factory,
      lifecycle.factory,
      embeddedHarborClientsFactory,
      embeddedKubernetesFactory,
      embeddedRobotSecretStoresFactory,
    ],
  };
}

describe('embeddedRobotSecretStoresFactory', () => {
  it('writes robot credentials to the embedded Kubernetes simulator when no cluster is configured', async () => {
    const { logger, shutdown, dependencies } = embeddedDependencies();
    const tester = ServiceFactoryTester.from(embeddedRobotSecretStoresFactory, {
      dependencies,
    });
    try {
      const store = (await tester.getSubject()).get();
      expect(store?.namespace).toBe('harbor');
      expect(store?.location).toMatch(
        /^namespace harbor of http:\/\/127\.0\.0\.1:\d+/,
      );
      await expect(store!.inspect('harbor-robot-team-a-ci')).resolves.toEqual({
        exists: false,
      });
      expect(logger.info).toHaveBeenCalledWith(
        expect.stringContaining('embedded Kubernetes API simulator'),
      );
    } finally {
      await shutdown();
    }
  });

  it('uses harbor.robotSecrets when it is configured', async () => {
    const tester = ServiceFactoryTester.from(embeddedRobotSecretStoresFactory, {
      dependencies: [
        mockServices.rootConfig.factory({
          data: {
            harbor: {
              robotSecrets: {
                namespace: 'platform-secrets',
                cluster: { url: 'https://k8s.example.com', token: 'token' },
              },
            },
          },
        }),
        embeddedKubernetesFactory,
      ],
    });
    const store = (await tester.getSubject()).get();
    expect(store?.namespace).toBe('platform-secrets');
    expect(store?.location).toBe(
      'namespace platform-secrets of https://k8s.example.com',
    );
  });
});

describe('embeddedHarborClusterFactory', () => {
  it('reads the embedded cluster, shared with the robot credentials, when harbor.cluster names none', async () => {
    const { logger, shutdown, dependencies } = embeddedDependencies();
    const tester = ServiceFactoryTester.from(embeddedHarborClusterFactory, {
      dependencies,
    });
    try {
      const cluster = await tester.getSubject();
      expect(cluster.client?.name).toBe(EMBEDDED_CLUSTER_NAME);
      expect(cluster.legacyRegistryHosts).toEqual([
        EMBEDDED_LEGACY_REGISTRY_HOST,
      ]);
      const deployments = await cluster.client!.listDeployments({
        namespace: 'harbor',
      });
      expect(deployments.map(d => d.metadata?.name)).toContain('harbor-core');
      // The platform alone in its namespace: not the default seed's stand-alone harbor-core pod.
      expect(await cluster.client!.listPods({ namespace: 'harbor' })).toEqual(
        [],
      );

      // The pods run the demo Harbor's artifacts, with the digests Harbor has for them.
      const harbor = (
        await tester.getService(harborClientsServiceRef)
      ).forInstance();
      const web = await harbor.artifacts.get('team-a', 'web', 'v1.4.1');
      const host = harbor.instance.hosts[0];
      const pods = await cluster.client!.listPods({
        namespace: 'team-a',
        labelSelector: 'backstage.io/kubernetes-id=storefront-web',
      });
      expect(pods).toHaveLength(2);
      expect(pods[0].status?.containerStatuses?.[0]).toMatchObject({
        image: `${host}/team-a/web:v1.4.1`,
        imageID: `${host}/team-a/web@${web.digest}`,
      });

      // One simulator: the robot credentials go to the cluster the views read, started once.
      const store = (
        await tester.getService(robotSecretStoresServiceRef)
      ).get();
      const url = store!.location.replace(/^namespace harbor of /, '');
      const infos = logger.info.mock.calls.map(([m]) => String(m));
      expect(infos).toContainEqual(
        expect.stringContaining(
          `the cluster views read the embedded Kubernetes API simulator at ${url}`,
        ),
      );
      expect(
        infos.filter(m =>
          m.startsWith('Started the embedded Kubernetes API simulator'),
        ),
      ).toHaveLength(1);
    } finally {
      await shutdown();
    }
  });

  it('uses harbor.cluster when it names a connection, and starts no simulator', async () => {
    const real = await startKubernetesSimulator({ seed: 'empty' });
    const shutdownHooks: Array<() => void | Promise<void>> = [];
    try {
      const tester = ServiceFactoryTester.from(embeddedHarborClusterFactory, {
        dependencies: [
          mockServices.rootConfig.factory({
            data: {
              kubernetesSimulator: { port: 0 },
              harbor: {
                baseUrl: 'https://harbor.example.com',
                cluster: {
                  name: 'prod',
                  url: real.url,
                  token: real.tokens[0].token,
                  skipTLSVerify: true,
                },
              },
            },
          }),
          mockServices.rootLifecycle.mock({
            addShutdownHook: jest.fn(hook => shutdownHooks.push(hook)),
          }).factory,
          embeddedKubernetesFactory,
        ],
      });
      const cluster = await tester.getSubject();
      expect(cluster.client?.name).toBe('prod');
      expect(cluster.legacyRegistryHosts).toBeUndefined();
      await expect(cluster.client!.listPods()).resolves.toEqual([]);
      expect(shutdownHooks).toHaveLength(0);
    } finally {
      for (const hook of shutdownHooks) await hook();
      await real.stop();
    }
  });
});

describe("the demo portal's cluster views", () => {
  it("show the healthy Harbor platform on the container-registry System and the example components' images", async () => {
    const backend = await startTestBackend({
      features: [
        harborPlugin,
        catalogServiceMock.factory({ entities: demoEntities() }),
        mockServices.rootConfig.factory({
          data: {
            kubernetesSimulator: { port: 0 },
            harborSimulator: { port: 0 },
          },
        }),
        embeddedHarborClientsFactory,
        embeddedKubernetesFactory,
        embeddedRobotSecretStoresFactory,
        embeddedHarborClusterFactory,
      ],
    });
    try {
      const get = (path: string) =>
        request(backend.server)
          .get(`/api/harbor/entities/default/${path}`)
          .set('authorization', mockCredentials.user.header());

      const platform = await get('system/container-registry/platform');
      expect(platform.status).toBe(200);
      const status = platform.body as HarborPlatformStatus;
      expect(status.checks.length).toBeGreaterThan(5);
      expect(status.checks.filter(c => c.status !== 'ok')).toEqual([]);

      const orders = await get('component/orders-api/workloads');
      expect(orders.status).toBe(200);
      const workloads = orders.body as EntityWorkloads;
      expect(workloads.cluster).toBe(EMBEDDED_CLUSTER_NAME);
      expect(workloads.pods).toHaveLength(2);
      // The old registry first, flagged; the Harbor images with the scan of the exact artifact that runs.
      expect(workloads.images[0]).toMatchObject({
        image: `${EMBEDDED_LEGACY_REGISTRY_HOST}/team-a/batch/nightly-report:2023.12`,
        origin: 'legacy-registry',
      });
      const api = workloads.images.find(i => i.repository === 'team-a/api');
      expect(api).toMatchObject({
        origin: 'harbor',
        tag: '2.1.0',
        artifact: { project: 'team-a', repository: 'api' },
      });
      expect(api?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(api?.artifact?.digest).toBe(api?.digest);
      expect(api?.artifact?.tags).toContain('2.1.0');
      expect(api?.problem).toBeUndefined();

      const payments = (await get('component/payments/workloads'))
        .body as EntityWorkloads;
      expect(payments.images).toHaveLength(1);
      expect(payments.images[0]).toMatchObject({
        origin: 'harbor',
        artifact: { tags: expect.arrayContaining(['1.1.0']) },
      });
      expect(payments.images[0].artifact?.scan).toBeDefined();
    } finally {
      await backend.stop();
    }
  });
});

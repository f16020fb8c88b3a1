import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { embeddedRobotSecretStoresFactory } from './embeddedCluster';

describe('embeddedRobotSecretStoresFactory', () => {
  it('writes robot credentials to the embedded Kubernetes simulator when no cluster is configured', async () => {
    const logger = mockServices.rootLogger.mock();
    const shutdownHooks: Array<() => void | Promise<void>> = [];
    const lifecycle = mockServices.rootLifecycle.mock({
      addShutdownHook: jest.fn(hook => shutdownHooks.push(hook)),
    });
    const tester = ServiceFactoryTester.from(embeddedRobotSecretStoresFactory, {
      dependencies: [
        mockServices.rootConfig.factory({
          data: { kubernetesSimulator: { port: 0 } },
        }),
        logger.factory,
        lifecycle.factory,
      ],
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
      for (const hook of shutdownHooks) await hook();
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
      ],
    });
    const store = (await tester.getSubject()).get();
    expect(store?.namespace).toBe('platform-secrets');
    expect(store?.location).toBe(
      'namespace platform-secrets of https://k8s.example.com',
    );
  });
});

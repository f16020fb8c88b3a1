import {
  mockServices,
  ServiceFactoryTester,
} from '@backstage/backend-test-utils';
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';
import {
  type HarborClient,
  readProjectOwner,
} from '@backstage-harbor/plugin-harbor-node';
import { embeddedHarborClientsFactory } from './embeddedHarbor';

/** The first page of `GET /projects`, through the client's typed request. */
async function listProjects(harbor: HarborClient) {
  const { data } = await harbor.request('listProjects', (api, init) =>
    api.GET('/projects', { ...init, params: { query: { page_size: 100 } } }),
  );
  return data;
}

describe('embeddedHarborClientsFactory', () => {
  const afterTest: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of afterTest.splice(0)) await cleanup();
  });

  it('starts the Harbor simulator with demo data when no Harbor is configured', async () => {
    const logger = mockServices.rootLogger.mock();
    // The simulator stops with the backend: run the shutdown hook it registers once the test is done.
    const lifecycle = mockServices.rootLifecycle.mock({
      addShutdownHook: jest.fn(hook => afterTest.push(async () => hook())),
    });
    const tester = ServiceFactoryTester.from(embeddedHarborClientsFactory, {
      dependencies: [
        mockServices.rootConfig.factory({
          data: { harborSimulator: { port: 0 } },
        }),
        logger.factory,
        lifecycle.factory,
      ],
    });
    const clients = await tester.getSubject();
    const harbor = clients.forInstance();
    expect(harbor.instance.name).toBe('default');
    await expect(
      harbor.request('getCurrentUserInfo', (api, init) =>
        api.GET('/users/current', init),
      ),
    ).resolves.toMatchObject({ data: { sysadmin_flag: true } });
    const projects = await listProjects(harbor);
    expect(projects.map(p => p.name)).toEqual(
      expect.arrayContaining(['team-a', 'team-b', 'platform']),
    );
    // Owned by their teams, as if the portal had created them; library as if created outside it.
    await expect(readProjectOwner(harbor, 'team-a')).resolves.toBe(
      'group:default/team-a',
    );
    await expect(readProjectOwner(harbor, 'platform')).resolves.toBe(
      'group:default/platform-team',
    );
    await expect(readProjectOwner(harbor, 'library')).resolves.toBeUndefined();
    // The simulator's admin password is a credential like any other: never logged.
    const everything = JSON.stringify(
      [logger.info, logger.warn, logger.error, logger.debug].map(
        fn => fn.mock.calls,
      ),
    );
    expect(everything).not.toContain('Harbor12345');
    expect(afterTest).toHaveLength(1);
  });

  it('uses the configured Harbor instead when there is one', async () => {
    const real = await startHarborSimulator({ seed: 'empty' });
    try {
      const tester = ServiceFactoryTester.from(embeddedHarborClientsFactory, {
        dependencies: [
          mockServices.rootConfig.factory({
            data: {
              harbor: {
                instances: [
                  {
                    name: 'prod',
                    baseUrl: real.url,
                    username: real.adminCredentials.username,
                    password: real.adminCredentials.password,
                  },
                ],
              },
            },
          }),
        ],
      });
      const harbor = (await tester.getSubject()).forInstance('prod');
      expect(harbor.instance.baseUrl).toBe(real.url);
      expect(await listProjects(harbor)).toEqual(
        expect.not.arrayContaining([
          expect.objectContaining({ name: 'team-a' }),
        ]),
      );
      expect(real.requestLog.length).toBeGreaterThan(0);
    } finally {
      await real.stop();
    }
  });
});

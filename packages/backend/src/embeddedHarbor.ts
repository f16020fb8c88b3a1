import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  HarborClients,
  harborClientsServiceRef,
  recordProjectOwner,
} from '@backstage-harbor/plugin-harbor-node';
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';

/**
 * The owners the portal records on a project it creates (the `backstage.io/owner` label), for the demo's
 * projects and groups (examples/org.yaml). `library` has none: a project created outside the portal, which the
 * platform team may adopt.
 */
export const DEMO_PROJECT_OWNERS: Record<string, string> = {
  'team-a': 'group:default/team-a',
  'team-b': 'group:default/team-b',
  platform: 'group:default/platform-team',
};

/**
 * The demo's second Harbor instance: the same simulator under another name and registry host, configured with a
 * password that is not the simulator's. Harbor answers such credentials as anonymous (public data only); the
 * portal shows this instance's repositories as "credentials rejected" (examples/entities.yaml: edge-proxy) and
 * the default instance's as usual.
 */
export const DEMO_MISCONFIGURED_INSTANCE = {
  name: 'misconfigured',
  host: 'harbor-misconfigured.demo.localhost',
};

/**
 * The demo portal's Harbor: the configured instances when `harbor` is in the app config, otherwise the
 * embedded Harbor simulator with its demo data, so the portal works out of the box; as two instances, the
 * second with wrong credentials ({@link DEMO_MISCONFIGURED_INSTANCE}).
 */
export const embeddedHarborClientsFactory = createServiceFactory({
  service: harborClientsServiceRef,
  deps: {
    config: coreServices.rootConfig,
    logger: coreServices.rootLogger,
    lifecycle: coreServices.rootLifecycle,
  },
  async factory({ config, logger, lifecycle }) {
    // Other harbor.* keys (e.g. the embedded old registry's harbor.migration) do not name a Harbor.
    if (config.has('harbor.baseUrl') || config.has('harbor.instances')) {
      return HarborClients.fromConfig(config, {
        logger: logger.child({ service: 'harbor' }),
      });
    }
    // A fixed port keeps the simulator's links stable across restarts of the demo portal.
    const port = config.getOptionalNumber('harborSimulator.port') ?? 7008;
    const simulator = await startHarborSimulator({
      port,
      host: '127.0.0.1',
      seed: 'demo',
      validation: 'log',
      onViolation: violation =>
        logger.warn(`Harbor simulator spec violation: ${violation.message}`),
    });
    lifecycle.addShutdownHook(() => simulator.stop());
    logger.info(
      `No Harbor configured (harbor.baseUrl or harbor.instances): using the embedded Harbor simulator with demo data at ${simulator.url}`,
    );
    const clients = HarborClients.fromConfig(
      new ConfigReader({
        harbor: {
          instances: [
            {
              name: 'default',
              baseUrl: simulator.url,
              username: simulator.adminCredentials.username,
              password: simulator.adminCredentials.password,
            },
            {
              name: DEMO_MISCONFIGURED_INSTANCE.name,
              baseUrl: simulator.url,
              host: [DEMO_MISCONFIGURED_INSTANCE.host],
              username: simulator.adminCredentials.username,
              password: 'not-the-admin-password',
            },
          ],
        },
      }),
      { logger: logger.child({ service: 'harbor' }) },
    );
    for (const [project, owner] of Object.entries(DEMO_PROJECT_OWNERS)) {
      await recordProjectOwner(clients.forInstance(), project, owner);
    }
    return clients;
  },
});

import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import {
  HarborClients,
  harborClientsServiceRef,
} from '@backstage-harbor/plugin-harbor-node';
import { startHarborSimulator } from '@backstage-harbor/harbor-simulator';

/**
 * The demo portal's Harbor: the configured instances when `harbor` is in the app config, otherwise the
 * embedded Harbor simulator with its demo data, so the portal works out of the box.
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
    return HarborClients.fromConfig(
      new ConfigReader({
        harbor: {
          baseUrl: simulator.url,
          username: simulator.adminCredentials.username,
          password: simulator.adminCredentials.password,
        },
      }),
      { logger: logger.child({ service: 'harbor' }) },
    );
  },
});

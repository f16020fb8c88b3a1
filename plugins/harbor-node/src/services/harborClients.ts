import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { HarborClients } from '../client/HarborClients';

/**
 * The Harbor clients of the configured instances, as a root service shared by the Harbor backend plugin and the
 * scaffolder module, so that both count against the same per-instance concurrency cap. Reads `harbor` from the
 * app config when first used.
 * @public
 */
export const harborClientsServiceRef = createServiceRef<HarborClients>({
  id: 'harbor.clients',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.rootLogger,
      },
      factory: ({ config, logger }) =>
        HarborClients.fromConfig(config, {
          logger: logger.child({ service: 'harbor' }),
        }),
    }),
});

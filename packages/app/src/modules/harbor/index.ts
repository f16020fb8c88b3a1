import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  harborRegistryHealthCard,
  isHarborEntity,
} from '@backstage-harbor/plugin-harbor';

/**
 * The demo portal's Harbor settings: the registry-health card also shows on the page of the `container-registry`
 * System, which owns Harbor but names no repository itself.
 */
export const harborModule = createFrontendModule({
  pluginId: 'harbor',
  extensions: [
    harborRegistryHealthCard.override({
      params: {
        filter: entity =>
          isHarborEntity(entity) ||
          (entity.kind.toLocaleLowerCase('en-US') === 'system' &&
            entity.metadata.name === 'container-registry'),
      },
    }),
  ],
});

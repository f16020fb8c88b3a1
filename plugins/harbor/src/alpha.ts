import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { harborApiRef, HarborClient } from './api';

/** The Harbor API for apps on the new frontend system. @alpha */
export const harborApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: harborApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new HarborClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The Harbor frontend plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'harbor',
  title: 'Harbor',
  extensions: [harborApi],
});

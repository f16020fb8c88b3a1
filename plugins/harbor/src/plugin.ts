import {
  createApiFactory,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { harborApiRef, HarborClient } from './api';

/**
 * The Harbor frontend plugin for apps on the legacy frontend system; `/alpha` has the new frontend system's.
 * @public
 */
export const harborPlugin = createPlugin({
  id: 'harbor',
  apis: [
    createApiFactory({
      api: harborApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new HarborClient({ discoveryApi, fetchApi }),
    }),
  ],
});

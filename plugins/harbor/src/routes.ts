import { createRouteRef } from '@backstage/core-plugin-api';

/** The Harbor tab of an entity page. */
export const rootRouteRef = createRouteRef({ id: 'harbor' });

/** The migration page off the old docker-registry. */
export const migrationRouteRef = createRouteRef({ id: 'harbor-migration' });

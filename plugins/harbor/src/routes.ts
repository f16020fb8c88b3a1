import { createRouteRef } from '@backstage/core-plugin-api';

/** The Harbor tab of an entity page. */
export const rootRouteRef = createRouteRef({ id: 'harbor' });

/** The migration page off the old docker-registry. */
export const migrationRouteRef = createRouteRef({ id: 'harbor-migration' });

/** The fleet security page: which images have a CVE or package, who owns them, and whether they run. */
export const securityRouteRef = createRouteRef({ id: 'harbor-security' });

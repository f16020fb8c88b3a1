import { createApiRef } from '@backstage/core-plugin-api';

/**
 * The Harbor backend as the frontend sees it. Components never build URLs: they call this API.
 * @public
 */
export interface HarborApi {
  /** Whether the Harbor backend plugin answers for the signed-in user. */
  getBackendStatus(): Promise<{ status: 'ok' }>;
}

/** @public */
export const harborApiRef = createApiRef<HarborApi>({
  id: 'plugin.harbor.api',
});

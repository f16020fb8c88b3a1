import type { MigrationStatusResponse } from '@backstage-harbor/plugin-harbor-common';
import { useHarborRequest, type HarborRequestState } from './useHarborRequest';

/** The migration off the old registry, for one target project or all of them. @public */
export function useMigrationStatus(
  project?: string,
): HarborRequestState<MigrationStatusResponse> {
  return useHarborRequest(`migration:${project ?? ''}`, (api, signal) =>
    api.getMigrationStatus(project ? { project } : {}, { signal }),
  );
}

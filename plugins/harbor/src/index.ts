/**
 * Harbor image scans and registry health for Backstage catalog entities.
 * @packageDocumentation
 */
export { harborPlugin } from './plugin';
export { harborApiRef, HarborClient } from './api';
export type { HarborApi } from './api';
export { isHarborAvailable } from '@backstage-harbor/plugin-harbor-common';

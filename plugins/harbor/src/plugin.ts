import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { harborApiRef, HarborClient } from './api';
import { rootRouteRef } from './routes';

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
  routes: { entityContent: rootRouteRef },
});

/**
 * The Harbor tab of an entity page: artifacts per repository, and each artifact's vulnerabilities.
 * Mount it with `<EntityLayout.Route path="/harbor" title="Harbor" if={isHarborAvailable}>`.
 * @public
 */
export const EntityHarborContent = harborPlugin.provide(
  createRoutableExtension({
    name: 'EntityHarborContent',
    component: () =>
      import('./components/EntityHarborContent/EntityHarborContent').then(
        m => m.EntityHarborContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The latest artifact of each repository, worst first, with fixable criticals. @public */
export const EntityHarborVulnerabilitySummaryCard = harborPlugin.provide(
  createComponentExtension({
    name: 'EntityHarborVulnerabilitySummaryCard',
    component: {
      lazy: () =>
        import('./components/cards/EntityHarborVulnerabilitySummaryCard').then(
          m => m.EntityHarborVulnerabilitySummaryCard,
        ),
    },
  }),
);

/** The health of the Harbor instance behind the entity. @public */
export const EntityHarborRegistryHealthCard = harborPlugin.provide(
  createComponentExtension({
    name: 'EntityHarborRegistryHealthCard',
    component: {
      lazy: () =>
        import('./components/cards/EntityHarborRegistryHealthCard').then(
          m => m.EntityHarborRegistryHealthCard,
        ),
    },
  }),
);

/** The entity's vulnerability counts over time. @public */
export const EntityHarborVulnerabilityTrendCard = harborPlugin.provide(
  createComponentExtension({
    name: 'EntityHarborVulnerabilityTrendCard',
    component: {
      lazy: () =>
        import('./components/cards/EntityHarborVulnerabilityTrendCard').then(
          m => m.EntityHarborVulnerabilityTrendCard,
        ),
    },
  }),
);

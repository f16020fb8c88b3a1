/**
 * The Harbor plugin for apps on the legacy frontend system: `harborPlugin`, its components and the scaffolder
 * field extension. The package root's default export is the plugin for the new frontend system.
 * @packageDocumentation
 */
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { harborApiRef, HarborBackendClient } from './api';
import { HarborProjectNamePicker } from './components/HarborProjectNamePicker/HarborProjectNamePicker';
import { harborProjectNamePickerValidation } from './components/HarborProjectNamePicker/validation';
import { migrationRouteRef, rootRouteRef, securityRouteRef } from './routes';

export { isHarborAvailable } from '@backstage-harbor/plugin-harbor-common';

/**
 * The Harbor frontend plugin for apps on the legacy frontend system.
 * @public
 */
export const harborPlugin = createPlugin({
  id: 'harbor',
  apis: [
    createApiFactory({
      api: harborApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new HarborBackendClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    entityContent: rootRouteRef,
    migrationPage: migrationRouteRef,
    securityPage: securityRouteRef,
  },
});

/**
 * The Harbor tab of an entity page: artifacts per repository, and each artifact's vulnerabilities.
 * Mount it with `<EntityLayout.Route path="/harbor" title="Harbor" if={isHarborAvailable}>`.
 * @public
 */
export const EntityHarborContent: () => JSX.Element = harborPlugin.provide(
  createRoutableExtension({
    name: 'EntityHarborContent',
    component: () =>
      import('./components/EntityHarborContent/EntityHarborContent').then(
        m => m.EntityHarborContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The migration page off the old docker-registry: per repository, old tags against Harbor's, replication state and
 * the workloads still pulling from the old registry. Mount it with `<Route path="/harbor/migration" element={<HarborMigrationPage />} />`.
 * @public
 */
export const HarborMigrationPage: () => JSX.Element = harborPlugin.provide(
  createRoutableExtension({
    name: 'HarborMigrationPage',
    component: () =>
      import('./components/HarborMigrationPage').then(
        m => m.HarborMigrationPage,
      ),
    mountPoint: migrationRouteRef,
  }),
);

/** The latest artifact of each repository, worst first, with fixable criticals. @public */
export const EntityHarborVulnerabilitySummaryCard: () => JSX.Element =
  harborPlugin.provide(
    createComponentExtension({
      name: 'EntityHarborVulnerabilitySummaryCard',
      component: {
        lazy: () =>
          import(
            './components/cards/EntityHarborVulnerabilitySummaryCard'
          ).then(m => m.EntityHarborVulnerabilitySummaryCard),
      },
    }),
  );

/** The health of the Harbor instance behind the entity. @public */
export const EntityHarborRegistryHealthCard: () => JSX.Element =
  harborPlugin.provide(
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
export const EntityHarborVulnerabilityTrendCard: (props: {
  days?: number;
}) => JSX.Element = harborPlugin.provide(
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

/** The Harbor platform on Kubernetes, for the container-registry System; what is wrong first. @public */
export const EntityHarborPlatformStatusCard: () => JSX.Element =
  harborPlugin.provide(
    createComponentExtension({
      name: 'EntityHarborPlatformStatusCard',
      component: {
        lazy: () =>
          import('./components/cards/EntityHarborPlatformStatusCard').then(
            m => m.EntityHarborPlatformStatusCard,
          ),
      },
    }),
  );

/** The images the entity's pods run, with the scan of the exact running artifact. @public */
export const EntityHarborWorkloadsCard: () => JSX.Element =
  harborPlugin.provide(
    createComponentExtension({
      name: 'EntityHarborWorkloadsCard',
      component: {
        lazy: () =>
          import('./components/cards/EntityHarborWorkloadsCard').then(
            m => m.EntityHarborWorkloadsCard,
          ),
      },
    }),
  );

/**
 * The fleet security page: which images of every Harbor instance have a CVE or package, which entities and teams
 * own them and whether they run (permission `harbor.fleet.read`). Mount it with
 * `<Route path="/harbor/security" element={<HarborSecurityPage />} />`.
 * @public
 */
export const HarborSecurityPage: () => JSX.Element = harborPlugin.provide(
  createRoutableExtension({
    name: 'HarborSecurityPage',
    component: () =>
      import('./components/HarborSecurityPage').then(m => m.HarborSecurityPage),
    mountPoint: securityRouteRef,
  }),
);

/**
 * "Our images" on a Group's page (the components it owns) or a System's (its components): the worst latest
 * artifacts across them, with their summed trend.
 * @public
 */
export const EntityHarborOwnedImagesCard: (props: {
  limit?: number;
  days?: number;
}) => JSX.Element = harborPlugin.provide(
  createComponentExtension({
    name: 'EntityHarborOwnedImagesCard',
    component: {
      lazy: () =>
        import('./components/OwnedImagesCard/EntityHarborOwnedImagesCard').then(
          m => m.EntityHarborOwnedImagesCard,
        ),
    },
  }),
);

/**
 * The `HarborProjectNamePicker` scaffolder field: put it inside `<ScaffolderFieldExtensions>` and use
 * `ui:field: HarborProjectNamePicker` in a template.
 * @public
 */
export const HarborProjectNamePickerFieldExtension = harborPlugin.provide(
  createScaffolderFieldExtension({
    name: 'HarborProjectNamePicker',
    component: HarborProjectNamePicker,
    validation: harborProjectNamePickerValidation,
  }),
);

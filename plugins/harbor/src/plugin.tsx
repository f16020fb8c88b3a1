import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  isHarborAvailable,
  isHarborEntity,
  isHarborPlatformAvailable,
  isHarborWorkloadsAvailable,
} from '@backstage-harbor/plugin-harbor-common';
import CompareArrowsIcon from '@material-ui/icons/CompareArrows';
import SecurityIcon from '@material-ui/icons/Security';
import { harborApiRef, HarborBackendClient } from './api';
import { migrationRouteRef, securityRouteRef } from './routes';

/** The Harbor API for apps on the new frontend system. @public */
export const harborApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: harborApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new HarborBackendClient({ discoveryApi, fetchApi }),
    }),
});

/** The Harbor tab, on entities that name Harbor repositories. @public */
export const harborEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'harbor',
    title: 'Harbor',
    group: 'deployment',
    filter: isHarborAvailable,
    loader: () =>
      import('./components/EntityHarborContent/EntityHarborContent').then(m => (
        <m.EntityHarborContent />
      )),
  },
});

/** The vulnerability summary card, on entities that name Harbor repositories. @public */
export const harborVulnerabilitySummaryCard = EntityCardBlueprint.make({
  name: 'vulnerability-summary',
  params: {
    filter: isHarborAvailable,
    loader: () =>
      import('./components/cards/EntityHarborVulnerabilitySummaryCard').then(
        m => <m.EntityHarborVulnerabilitySummaryCard />,
      ),
  },
});

/** The vulnerability trend card, on entities that name Harbor repositories. @public */
export const harborVulnerabilityTrendCard = EntityCardBlueprint.make({
  name: 'vulnerability-trend',
  params: {
    filter: isHarborAvailable,
    loader: () =>
      import('./components/cards/EntityHarborVulnerabilityTrendCard').then(
        m => <m.EntityHarborVulnerabilityTrendCard />,
      ),
  },
});

/** The Harbor platform status card, on the System naming the platform namespace. @public */
export const harborPlatformStatusCard = EntityCardBlueprint.make({
  name: 'platform-status',
  params: {
    filter: isHarborPlatformAvailable,
    loader: () =>
      import('./components/cards/EntityHarborPlatformStatusCard').then(m => (
        <m.EntityHarborPlatformStatusCard />
      )),
  },
});

/** The running images card, on entities whose pods carry `backstage.io/kubernetes-id`. @public */
export const harborWorkloadsCard = EntityCardBlueprint.make({
  name: 'workloads',
  params: {
    filter: isHarborWorkloadsAvailable,
    loader: () =>
      import('./components/cards/EntityHarborWorkloadsCard').then(m => (
        <m.EntityHarborWorkloadsCard />
      )),
  },
});

/** The registry health card, on entities served by Harbor; set `filter` in app config for others. @public */
export const harborRegistryHealthCard = EntityCardBlueprint.make({
  name: 'registry-health',
  params: {
    filter: isHarborEntity,
    loader: () =>
      import('./components/cards/EntityHarborRegistryHealthCard').then(m => (
        <m.EntityHarborRegistryHealthCard />
      )),
  },
});

/** The `HarborProjectNamePicker` scaffolder field: Harbor's name rule, and whether the project exists. @public */
export const harborProjectNamePickerFormField = FormFieldBlueprint.make({
  name: 'harbor-project-name-picker',
  params: {
    field: () =>
      import('./components/HarborProjectNamePicker/formField').then(
        m => m.harborProjectNameFormField,
      ),
  },
});

/**
 * The migration page off the old docker-registry at /harbor/migration, with a nav item; for the platform team
 * (permission `harbor.migration.read`).
 * @public
 */
export const harborMigrationPage = PageBlueprint.make({
  name: 'migration',
  params: {
    path: '/harbor/migration',
    // The app's nav lists only pages with a route ref.
    routeRef: migrationRouteRef,
    title: 'Harbor migration',
    icon: <CompareArrowsIcon />,
    loader: () =>
      import('./components/HarborMigrationPage').then(m => (
        <m.HarborMigrationContent />
      )),
  },
});

/**
 * The fleet security page at /harbor/security, with a nav item: which images of every Harbor instance have a CVE
 * or package, who owns them and whether they run (permission `harbor.fleet.read`).
 * @public
 */
export const harborSecurityPage = PageBlueprint.make({
  name: 'security',
  params: {
    path: '/harbor/security',
    routeRef: securityRouteRef,
    title: 'Harbor security',
    icon: <SecurityIcon />,
    loader: () =>
      import('./components/HarborSecurityPage').then(m => (
        <m.HarborSecurityContent />
      )),
  },
});

/** "Our images": the worst latest images of a Group's components, or a System's, with their trend. @public */
export const harborOwnedImagesCard = EntityCardBlueprint.make({
  name: 'owned-images',
  params: {
    filter: entity =>
      ['group', 'system'].includes(entity.kind.toLocaleLowerCase('en-US')),
    loader: () =>
      import('./components/OwnedImagesCard/EntityHarborOwnedImagesCard').then(
        m => <m.EntityHarborOwnedImagesCard />,
      ),
  },
});

/**
 * The Harbor frontend plugin for the new frontend system; `@backstage-harbor/plugin-harbor/legacy` has the legacy
 * frontend system's.
 * @public
 */
export default createFrontendPlugin({
  pluginId: 'harbor',
  title: 'Harbor',
  extensions: [
    harborApi,
    harborEntityContent,
    harborVulnerabilitySummaryCard,
    harborVulnerabilityTrendCard,
    harborRegistryHealthCard,
    harborPlatformStatusCard,
    harborOwnedImagesCard,
    harborSecurityPage,
    harborWorkloadsCard,
    harborProjectNamePickerFormField,
    harborMigrationPage,
  ],
});

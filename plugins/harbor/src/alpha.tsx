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
import type { Entity } from '@backstage/catalog-model';
import {
  HARBOR_INSTANCE_ANNOTATION,
  isHarborAvailable,
  isHarborPlatformAvailable,
  isHarborWorkloadsAvailable,
} from '@backstage-harbor/plugin-harbor-common';
import CompareArrowsIcon from '@material-ui/icons/CompareArrows';
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

/** The Harbor tab, on entities that name Harbor repositories. @alpha */
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

/** The vulnerability summary card, on entities that name Harbor repositories. @alpha */
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

/** The vulnerability trend card, on entities that name Harbor repositories. @alpha */
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

/** The Harbor platform status card, on the System naming the platform namespace. @alpha */
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

/** The running images card, on entities whose pods carry `backstage.io/kubernetes-id`. @alpha */
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

/**
 * Whether an entity is served by a Harbor instance: it names repositories or an instance. Apps add other entities,
 * such as the registry's System, through the card's `filter` config or an override.
 * @alpha
 */
export function isHarborEntity(entity: Entity): boolean {
  return (
    isHarborAvailable(entity) ||
    Boolean(entity.metadata.annotations?.[HARBOR_INSTANCE_ANNOTATION])
  );
}

/** The registry health card, on entities served by Harbor; set `filter` in app config for others. @alpha */
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

/** The `HarborProjectNamePicker` scaffolder field: Harbor's name rule, and whether the project exists. @alpha */
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
 * @alpha
 */
export const harborMigrationPage = PageBlueprint.make({
  name: 'migration',
  params: {
    path: '/harbor/migration',
    title: 'Harbor migration',
    icon: <CompareArrowsIcon />,
    loader: () =>
      import('./components/HarborMigrationPage').then(m => (
        <m.HarborMigrationContent />
      )),
  },
});

/**
 * The Harbor frontend plugin for the new frontend system.
 * @alpha
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
    harborWorkloadsCard,
    harborProjectNamePickerFormField,
    harborMigrationPage,
  ],
});

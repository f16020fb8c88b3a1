import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { isHarborEntity } from '@backstage-harbor/plugin-harbor-common';
import {
  harborEntityContent,
  harborMigrationPage,
  harborRegistryHealthCard,
  harborVulnerabilitySummaryCard,
  harborVulnerabilityTrendCard,
} from './plugin';
import { entity, entityWithoutAnnotation } from './__testUtils__/fixtures';

const filterOf = (extension: Parameters<typeof createExtensionTester>[0]) =>
  createExtensionTester(extension).get(
    EntityCardBlueprint.dataRefs.filterFunction,
  ) as ((e: typeof entity) => boolean) | undefined;

describe('the new frontend system extensions', () => {
  it('mount the Harbor tab at harbor, only on entities with the annotation', () => {
    const tester = createExtensionTester(harborEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Harbor');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(entity)).toBe(true);
    expect(filter(entityWithoutAnnotation)).toBe(false);
  });

  it('show the vulnerability cards only on entities with the annotation', () => {
    for (const card of [
      harborVulnerabilitySummaryCard,
      harborVulnerabilityTrendCard,
    ]) {
      const filter = filterOf(card)!;
      expect(filter(entity)).toBe(true);
      expect(filter(entityWithoutAnnotation)).toBe(false);
    }
  });

  it('show the registry health card on entities that name a Harbor instance', () => {
    const filter = filterOf(harborRegistryHealthCard)!;
    const harborResource = {
      ...entityWithoutAnnotation,
      kind: 'Resource',
      metadata: {
        name: 'harbor',
        annotations: { 'goharbor.io/instance': 'default' },
      },
    };
    expect(filter(harborResource)).toBe(true);
    expect(isHarborEntity(entity)).toBe(true);
    expect(filter(entityWithoutAnnotation)).toBe(false);
  });

  it('mount the migration page at /harbor/migration with a nav title and icon', () => {
    const tester = createExtensionTester(harborMigrationPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/harbor/migration');
    expect(tester.get(coreExtensionData.title)).toBe('Harbor migration');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });
});

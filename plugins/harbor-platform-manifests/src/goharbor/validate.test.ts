import {
  allObjects,
  goharborFullSpec,
  goharborMinimalSpec,
} from '../__testUtils__/fixtures';
import { renderHarborPlatform } from '../render';
import { validateManifests } from '../validate';

describe.each([
  ['minimal', goharborMinimalSpec],
  ['full', goharborFullSpec],
])('the official chart output (%s spec)', (_name, spec) => {
  const objects = allObjects(renderHarborPlatform(spec));

  it('passes the schema of every object', () => {
    expect(objects.length).toBeGreaterThan(10);
    expect(validateManifests(objects)).toEqual([]);
  });

  it('renders the app layer: OCIRepository, HelmRelease and ServiceMonitor', () => {
    expect(
      objects
        .filter(o =>
          ['OCIRepository', 'HelmRelease', 'ServiceMonitor'].includes(o.kind),
        )
        .map(o => `${o.kind}/${o.metadata.name}`),
    ).toEqual([
      'OCIRepository/harbor-chart',
      'HelmRelease/harbor',
      'ServiceMonitor/harbor-metrics',
    ]);
  });
});

it('the schema check catches a wrong ServiceMonitor', () => {
  const objects = allObjects(renderHarborPlatform(goharborMinimalSpec));
  const monitor = structuredClone(
    objects.find(o => o.kind === 'ServiceMonitor'),
  ) as any;
  monitor.spec.endpoints[0].honorLabels = 'yes';
  expect(validateManifests([monitor])).not.toEqual([]);
});
